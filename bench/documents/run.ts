// The official-documents benchmark: `npm run bench:documents -- --help`. Issues documents in
// batches on a local one-validator network (sign, hash, Merkle tree in worker threads; one anchor
// transaction per batch, sent without waiting for the previous one), then verifies a sample
// offline (saved chain proof) and online (RPC). It prints figures; it never fails on speed.
import { availableParallelism, cpus } from "node:os";
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
  nodeJwsVerifier,
  onlineDocumentFacts,
  parseJws,
  readCredential,
  STATUS_LIST_SIZE,
  type StatusIndexAllocator,
  verifyDocument,
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
  say(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), node ${process.version}`);
  const issuerCount = Math.ceil(options.documents / ISSUER_CAPACITY);
  say(`starting a one-validator network and registering ${issuerCount} issuer(s)…`);
  const net: DocumentsBenchNetwork = await startDocumentsBenchNetwork(issuerCount);
  try {
    return await runBench(options, net);
  } finally {
    await net.close();
  }
}

async function runBench(options: Options, net: DocumentsBenchNetwork): Promise<number> {
  const allocators: StatusIndexAllocator[] = net.issuers.map(() => createStatusIndexAllocator());
  const workerData: IssueWorkerData = {
    issuers: net.issuers.map((i) => ({ issuerId: i.issuerId, key: i.privateJwk })),
  };
  const workers = Array.from(
    { length: options.workers },
    () => new Worker(new URL("./issueWorker.ts", import.meta.url), { workerData }),
  );
  const batches = Math.ceil(options.documents / options.batch);
  const sampleWanted = Math.max(options.verify, options.online);
  const sampleEvery = sampleWanted === 0 ? 0 : Math.max(1, Math.floor(options.documents / sampleWanted));
  const samples: DocumentBundle[] = [];
  const anchors: Promise<unknown>[] = [];
  let signingMs = 0;
  let issued = 0;
  say(
    `issuing ${options.documents} documents in ${batches} batch(es) of ${options.batch} with ${options.workers} worker(s)…`,
  );
  const started = performance.now();
  let nextBatch = 0;
  const runWorker = async (worker: Worker) => {
    while (nextBatch < batches) {
      const id = nextBatch++;
      const count = Math.min(options.batch, options.documents - id * options.batch);
      // Batches fill issuers one after the other, so no issuer list overflows.
      const issuer = Math.floor((id * options.batch) / ISSUER_CAPACITY);
      const statusIndexes = new Uint32Array(count);
      for (let i = 0; i < count; i++) statusIndexes[i] = allocators[issuer]!.next();
      const job: IssueJob = { id, issuer, statusIndexes, sampleEvery };
      const result = await new Promise<IssueResult>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage(job);
      });
      worker.removeAllListeners("error");
      signingMs += result.busyMs;
      issued += result.count;
      samples.push(...result.samples);
      anchors.push(net.anchor(result.issuer, result.root, result.count));
    }
  };
  await Promise.all(workers.map(runWorker));
  const signedAt = performance.now();
  await Promise.all(anchors);
  const anchoredAt = performance.now();
  await Promise.all(workers.map((w) => w.terminate()));
  const seconds = (anchoredAt - started) / 1000;
  say("");
  say(`issuance: ${issued} documents, ${batches} anchor transactions in ${seconds.toFixed(2)} s`);
  say(
    `  ${Math.round(issued / seconds)} documents/s, ${(batches / seconds).toFixed(2)} transactions/s (signed, hashed, Merkle-batched and anchored)`,
  );
  say(
    `  signing+hashing+trees done after ${((signedAt - started) / 1000).toFixed(2)} s (${Math.round(issued / ((signedAt - started) / 1000))} documents/s; worker busy ${(signingMs / 1000).toFixed(2)} s), last anchor receipt +${((anchoredAt - signedAt) / 1000).toFixed(2)} s`,
  );

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

  if (options.verify > 0) {
    const sample = samples.slice(0, options.verify);
    const proofStarted = performance.now();
    const proof = await createChainProof(net.client, sample.map(queryOf), {
      documents: net.documents,
      issuers: net.trustedIssuers,
    });
    const proofText = JSON.stringify(proof, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    const proofMs = performance.now() - proofStarted;
    const data: VerifyWorkerData = {
      proof: proofText,
      chainId: String(net.chainId),
      validators: net.validators,
      documents: net.documents,
      issuers: net.trustedIssuers,
    };
    const verifiers = Array.from(
      { length: options.workers },
      () => new Worker(new URL("./verifyWorker.ts", import.meta.url), { workerData: data }),
    );
    // Warm-up: each worker checks the proof (seals, state proofs) once before the clock starts.
    const chunk = 500;
    const run = async (worker: Worker, jobs: DocumentBundle[][]) => {
      const results: VerifyResult[] = [];
      for (const [id, bundles] of jobs.entries()) {
        const job: VerifyJob = { id, bundles };
        results.push(
          await new Promise<VerifyResult>((resolve, reject) => {
            worker.once("message", resolve);
            worker.once("error", reject);
            worker.postMessage(job);
          }),
        );
        worker.removeAllListeners("error");
      }
      return results;
    };
    await Promise.all(verifiers.map((w) => run(w, [sample.slice(0, 1)])));
    const jobs: DocumentBundle[][][] = verifiers.map(() => []);
    for (let i = 0, j = 0; i < sample.length; i += chunk, j++)
      jobs[j % verifiers.length]!.push(sample.slice(i, i + chunk));
    const t0 = performance.now();
    const results = (await Promise.all(verifiers.map((w, i) => run(w, jobs[i]!)))).flat();
    const s = (performance.now() - t0) / 1000;
    await Promise.all(verifiers.map((w) => w.terminate()));
    const valid = results.reduce((a, r) => a + r.valid, 0);
    const failure = results.find((r) => r.firstFailure !== undefined)?.firstFailure;
    say("");
    say(
      `offline verification: ${sample.length} documents in ${s.toFixed(2)} s, ${Math.round(sample.length / s)} documents/s with ${verifiers.length} worker(s) (${valid} valid${failure ? `; first failure: ${failure}` : ""})`,
    );
    say(
      `  chain proof for them: ${(proofText.length / 1024).toFixed(0)} KiB, made in ${(proofMs / 1000).toFixed(2)} s`,
    );
  }

  if (options.online > 0) {
    const sample = samples.slice(0, options.online);
    const facts = onlineDocumentFacts(net.client, { documents: net.documents, issuers: net.trustedIssuers });
    const verifier = nodeJwsVerifier();
    const concurrency = 256;
    let next = 0;
    let valid = 0;
    let failure: string | undefined;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < sample.length) {
          const report = await verifyDocument(sample[next++], { facts, verifier });
          if (report.valid) valid++;
          else failure ??= report.failure?.reason;
        }
      }),
    );
    const s = (performance.now() - t0) / 1000;
    say(
      `online verification: ${sample.length} documents in ${s.toFixed(2)} s, ${Math.round(sample.length / s)} documents/s (RPC, ${concurrency} at a time, facts read in batches; ${valid} valid${failure ? `; first failure: ${failure}` : ""})`,
    );
  }
  return 0;
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`documents benchmark failed: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
});
