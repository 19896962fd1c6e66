// The official-documents benchmark: `npm run bench:documents -- --help`. Issues documents in
// batches on a local one-validator network (sign, hash, Merkle tree in worker threads; one anchor
// transaction per batch, sent without waiting for the previous one), then verifies a sample
// offline (saved chain proof) and online (RPC). It prints figures; it never fails on speed.
import { availableParallelism, cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import {
  createChainProof,
  createStatusIndexAllocator,
  DOCUMENT_KINDS,
  type DocumentBundle,
  type DocumentFactsQuery,
  docTypeOf,
  keyIdentifiers,
  parseJws,
  readCredential,
  STATUS_LIST_SIZE,
  type StatusIndexAllocator,
} from "@civitas/sdk";
import type { IssueJob, IssueResult, IssueWorkerData } from "./issueWorker.ts";
import { type DocumentsBenchNetwork, startDocumentsBenchNetwork } from "./network.ts";
import type { VerifyJob, VerifyResult, VerifyWorkerData } from "./verifyWorker.ts";

const USAGE = `usage: npm run bench:documents -- [options]

Starts a one-validator network (civitas init), registers issuers (an accrediting body by the
admins' quorum, an operator member, P-256 keys, accreditation for ResidenceCertificate), then:
issues --documents residence certificates in batches of --batch (signing, hashing and Merkle trees
in --workers threads; one anchor transaction per batch), and verifies a sample of them offline
(against a chain proof, in worker threads) and online (RPC, batched reads).

  --documents N   documents to issue (default 50000)
  --batch N       documents per batch / anchor transaction (default 10000)
  --workers N     worker threads (default: available parallelism, ${availableParallelism()} here)
  --verify N      documents verified offline (default min(documents, 50000))
  --online N      documents verified online (default min(documents, 10000))
  -h, --help      this text

An issuer's status lists hold ${STATUS_LIST_SIZE} entries: one issuer per 100,000 documents.`;

interface Options {
  documents: number;
  batch: number;
  workers: number;
  verify: number;
  online: number;
}

function parseOptions(args: string[]): Options | undefined {
  const { values } = parseArgs({
    args,
    options: {
      documents: { type: "string" },
      batch: { type: "string" },
      workers: { type: "string" },
      verify: { type: "string" },
      online: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return undefined;
  const int = (name: string, value: string | undefined, fallback: number, min: number, max: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
    return n;
  };
  const documents = int("documents", values.documents, 50_000, 1, 100_000_000);
  return {
    documents,
    batch: int("batch", values.batch, 10_000, 1, 100_000),
    workers: int("workers", values.workers, availableParallelism(), 1, 64),
    verify: int("verify", values.verify, Math.min(documents, 50_000), 0, documents),
    online: int("online", values.online, Math.min(documents, 10_000), 0, documents),
  };
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const ISSUER_CAPACITY = 100_000;

async function main(): Promise<number> {
  let options: Options | undefined;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === undefined) {
    say(USAGE);
    return 0;
  }
  say(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const issuerCount = Math.ceil(options.documents / ISSUER_CAPACITY);
  say(`starting a one-validator network and registering ${issuerCount} issuer(s)…`);
  const net: DocumentsBenchNetwork = await startDocumentsBenchNetwork(issuerCount);
  try {
    return await runBench(options, net);
  } finally {
    await net.close();
  }
}

/** A worker answering jobs by id; several may be queued so that it never waits for this thread. */
interface JobWorker<J, R> {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  run(job: J): Promise<R>;
}

function jobWorker<J extends { id: number }, R extends { id: number }>(
  url: URL,
  workerData: unknown,
): JobWorker<J, R> {
  const worker = new Worker(url, { workerData });
  const pending = new Map<number, { resolve: (r: R) => void; reject: (e: unknown) => void }>();
  let failed: unknown;
  let markReady: () => void = () => {};
  let markFailed: (e: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  worker.on("message", (message: R | string) => {
    if (message === "ready") return markReady();
    const result = message as R;
    const job = pending.get(result.id);
    pending.delete(result.id);
    job?.resolve(result);
  });
  worker.on("error", (err) => {
    failed = err;
    markFailed(err);
    for (const job of pending.values()) job.reject(err);
    pending.clear();
  });
  return {
    worker,
    ready,
    run: (job) =>
      new Promise<R>((resolve, reject) => {
        if (failed !== undefined) return reject(failed);
        pending.set(job.id, { resolve, reject });
        worker.postMessage(job);
      }),
  };
}

/** Jobs queued per worker: the next one waits in the worker while this thread handles a result. */
const QUEUE_DEPTH = 2;

async function runBench(options: Options, net: DocumentsBenchNetwork): Promise<number> {
  const allocators: StatusIndexAllocator[] = net.issuers.map(() => createStatusIndexAllocator());
  const workerData: IssueWorkerData = {
    issuers: net.issuers.map((i) => ({ issuerId: i.issuerId, key: i.privateJwk })),
  };
  const workers = Array.from({ length: options.workers }, () =>
    jobWorker<IssueJob, IssueResult>(new URL("./issueWorker.ts", import.meta.url), workerData),
  );
  await Promise.all(workers.map((w) => w.ready));
  const batches = Math.ceil(options.documents / options.batch);
  const sampleWanted = Math.max(options.verify, options.online);
  const sampleEvery = sampleWanted === 0 ? 0 : Math.max(1, Math.floor(options.documents / sampleWanted));
  const sampleTexts: string[] = [];
  const anchors: Promise<unknown>[] = [];
  let signingMs = 0;
  let issued = 0;
  say(
    `issuing ${options.documents} documents in ${batches} batch(es) of ${options.batch} with ${options.workers} worker(s)…`,
  );
  const started = performance.now();
  let nextBatch = 0;
  const lane = async (worker: JobWorker<IssueJob, IssueResult>) => {
    while (nextBatch < batches) {
      const id = nextBatch++;
      const count = Math.min(options.batch, options.documents - id * options.batch);
      // Batches fill issuers one after the other, so no issuer list overflows.
      const issuer = Math.floor((id * options.batch) / ISSUER_CAPACITY);
      const statusIndexes = new Uint32Array(count);
      for (let i = 0; i < count; i++) statusIndexes[i] = allocators[issuer]!.next();
      const result = await worker.run({ id, issuer, statusIndexes, sampleEvery });
      signingMs += result.busyMs;
      issued += result.count;
      sampleTexts[id] = result.samples;
      anchors.push(net.anchor(result.issuer, result.root, result.count));
    }
  };
  await Promise.all(workers.flatMap((w) => Array.from({ length: QUEUE_DEPTH }, () => lane(w))));
  const signedAt = performance.now();
  await Promise.all(anchors);
  const anchoredAt = performance.now();
  await Promise.all(workers.map((w) => w.worker.terminate()));
  const seconds = (anchoredAt - started) / 1000;
  say("");
  say(`issuance: ${issued} documents, ${batches} anchor transactions in ${seconds.toFixed(2)} s`);
  say(
    `  ${Math.round(issued / seconds)} documents/s, ${(batches / seconds).toFixed(2)} transactions/s (signed, hashed, Merkle-batched and anchored)`,
  );
  say(
    `  signing+hashing+trees done after ${((signedAt - started) / 1000).toFixed(2)} s (${Math.round(issued / ((signedAt - started) / 1000))} documents/s; worker busy ${(signingMs / 1000).toFixed(2)} s), last anchor receipt +${((anchoredAt - signedAt) / 1000).toFixed(2)} s`,
  );
  say(
    `  load average after issuance: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  // The sampled bundles in batch order (every `sampleEvery`-th document).
  const samples: DocumentBundle[] = sampleTexts.flatMap((t) => JSON.parse(t) as DocumentBundle[]);
  const queryOf = (bundle: DocumentBundle): DocumentFactsQuery => {
    const jws = parseJws(bundle.credential);
    const facts = readCredential(jws.payload);
    return {
      root: bundle.batch.root,
      issuerId: facts.issuerId,
      keyId: keyIdentifiers(bundle.issuerKey).keyId,
      docType: docTypeOf(DOCUMENT_KINDS.residence),
      statusIndex: facts.statusIndex,
    };
  };

  /** Verifies `sample` in the workers (jobs of JSON text made before the clock starts). */
  const verifyIn = async (data: VerifyWorkerData, sample: DocumentBundle[]) => {
    const verifiers = Array.from({ length: options.workers }, () =>
      jobWorker<VerifyJob, VerifyResult>(new URL("./verifyWorker.ts", import.meta.url), data),
    );
    try {
      await Promise.all(verifiers.map((w) => w.ready));
      // Warm-up: each worker verifies one document first (offline, that checks the chain proof's
      // seals and state proofs once).
      const warm = JSON.stringify([JSON.stringify(sample[0])]);
      await Promise.all(verifiers.map((w, i) => w.run({ id: -1 - i, bundles: warm })));
      const chunk = 500;
      const jobs: VerifyJob[] = [];
      for (let i = 0; i < sample.length; i += chunk)
        jobs.push({
          id: jobs.length,
          bundles: JSON.stringify(sample.slice(i, i + chunk).map((b) => JSON.stringify(b))),
        });
      let next = 0;
      const results: VerifyResult[] = [];
      const t0 = performance.now();
      await Promise.all(
        verifiers.flatMap((w) =>
          Array.from({ length: QUEUE_DEPTH }, async () => {
            while (next < jobs.length) results.push(await w.run(jobs[next++]!));
          }),
        ),
      );
      const s = (performance.now() - t0) / 1000;
      const valid = results.reduce((a, r) => a + r.valid, 0);
      const failure = results.find((r) => r.firstFailure !== undefined)?.firstFailure;
      return { s, valid, failure, workers: verifiers.length };
    } finally {
      await Promise.all(verifiers.map((w) => w.worker.terminate()));
    }
  };

  if (options.verify > 0) {
    const sample = samples.slice(0, options.verify);
    const proofStarted = performance.now();
    const proof = await createChainProof(net.client, sample.map(queryOf), {
      documents: net.documents,
      issuers: net.trustedIssuers,
    });
    const proofText = JSON.stringify(proof, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    const proofMs = performance.now() - proofStarted;
    const r = await verifyIn(
      {
        mode: "offline",
        proof: proofText,
        chainId: String(net.chainId),
        validators: net.validators,
        documents: net.documents,
        issuers: net.trustedIssuers,
      },
      sample,
    );
    say("");
    say(
      `offline verification: ${sample.length} documents in ${r.s.toFixed(2)} s, ${Math.round(sample.length / r.s)} documents/s with ${r.workers} worker(s) (${r.valid} valid${r.failure ? `; first failure: ${r.failure}` : ""})`,
    );
    say(
      `  chain proof for them: ${(proofText.length / 1024).toFixed(0)} KiB, made in ${(proofMs / 1000).toFixed(2)} s`,
    );
  }

  if (options.online > 0) {
    const sample = samples.slice(0, options.online);
    const r = await verifyIn(
      { mode: "online", rpcUrl: net.net.rpcUrl, documents: net.documents, issuers: net.trustedIssuers },
      sample,
    );
    say(
      `online verification: ${sample.length} documents in ${r.s.toFixed(2)} s, ${Math.round(sample.length / r.s)} documents/s with ${r.workers} worker(s) (RPC: each job's 500 documents' facts read in one batched call; ${r.valid} valid${r.failure ? `; first failure: ${r.failure}` : ""})`,
    );
  }
  say(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  return 0;
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`documents benchmark failed: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
});
