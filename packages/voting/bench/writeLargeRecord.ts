// Writes a complete, valid streamed election record (SPEC §9) of any size, for the end-to-end
// verification benchmark. Run:
//   node packages/voting/bench/writeLargeRecord.ts DIR [--ballots N] [--revotes R] [--workers W] [--finish]
// Defaults: 1,500,000 ballots (5-option referendum, limit 1), of which R = 1% are re-votes
// (their voters' first ballots are not counted), 2 workers. Then:
//   /usr/bin/time -v node packages/cli/src/main.ts election verify DIR --workers 2 --progress
//
// The election (ceremony, issuer, trustees' key shares) is the seeded simulation of the tests.
// Every voter has its own credential key, an issuer signature on it and a log entry; every
// ballot has its own ciphertexts, proofs, confirmation code and signature, and the tally is the
// trustees' real partial decryptions of the aggregate. What differs from voters' devices, to
// make 1.5 M ballots in under an hour on two cores, is where the secrets come from:
// - Each secret scalar (credential keys, nonces, proof commitments' scalars) advances by a fixed
//   random step from ballot to ballot, so its points cost one addition instead of a scalar
//   multiplication. Such ballots are not private, which a synthetic record does not need; to the
//   verifier they are ballots like any other: it decodes every point, hashes every statement and
//   checks every equation with its own random weights, and nothing in its work depends on how
//   the scalars were chosen.
// - A simulated proof branch is computed from the nonce (aⱼ = (v − c·r)·G rather than
//   v·G − c·α), which gives the same points.
// - The issuer signs the prepared credential message with RSA-PSS directly: the RFC 9474
//   protocol's output is that same RSASSA-PSS signature; blinding changes nothing the verifier
//   sees, and costs ~240 ms per credential in the library used.
// Ballots are written by worker threads to part files, then joined in order with their chains.
// --finish writes record.json again for ballot and credential files already made with the same
// options (after a run stopped during its last stage): the jobs draw their seeded streams again
// without computing any point (a minute for 1.5 M ballots), the files' chains are recomputed,
// and the replay is checked against the first and last ballots of each job.
import { once } from "node:events";
import { createWriteStream, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
  aggregateToJson,
  BALLOT_TAGS,
  type BallotJson,
  CREDENTIAL_TAGS,
  concatBytes,
  confirmationCode,
  decryptTotals,
  encodeBallot,
  encodePoint,
  encodeScalar,
  frame,
  fromHex,
  G,
  hashToScalar,
  IDENTITY,
  lineChainNext,
  lineChainStart,
  mod,
  type Point,
  partialDecrypt,
  proofContext,
  type RangeProofJson,
  type Rng,
  randomScalar,
  rangeChallenge,
  readLines,
  STREAMED_BALLOTS_FILE,
  STREAMED_CREDENTIALS_FILE,
  STREAMED_RECORD_FILE,
  type StreamedElectionRecord,
  type StreamedList,
  seededRng,
  TOTAL_INDEX,
  toHex,
} from "../src/index.ts";
import { simulateElection } from "../test/support/simulate.ts";

const CONTESTS = [{ id: "ref", title: "Referendum", options: ["A", "B", "C", "D", "E"], limit: 1 }];
const OPTIONS = 5;
const SEED = "large-record";
/** RFC 9474 RSABSSA-SHA384-PSS: salt length = hash length. */
const PSS = { name: "RSA-PSS", saltLength: 48 };

interface Job {
  index: number;
  /** Voters [from, to) cast their first ballot; voters [0, revotes) then cast again (job 0 only). */
  from: number;
  to: number;
  revotes: number;
  maxTally: number;
  ballotsFile: string;
  credentialsFile: string;
}

interface JobResult {
  /** Per option: Σ nonces (decimal) and Σ values over the counted ballots of this job. */
  nonces: string[];
  values: number[];
  /** With --finish: option 0's nonce and value of the job's first and last two ballots. */
  probes: Array<{ ballot: number; nonce: bigint; value: number }>;
}

async function election(maxTally: number) {
  return simulateElection({
    seed: SEED,
    trustees: { n: 3, k: 2 },
    contests: CONTESTS,
    voters: 0,
    issuers: 1,
    maxTally,
  });
}

/** Set by --finish: jobs draw their random stream again, for the sums only (no points, no files). */
let replaying = false;

/** x, x·G and x·K, advanced by a fixed random step: a new secret for the price of two additions. */
class Progression {
  x: bigint;
  P: Point;
  Q: Point;
  readonly #d: bigint;
  readonly #dP: Point;
  readonly #dQ: Point;
  constructor(rng: Rng, K?: Point) {
    this.#d = randomScalar(rng);
    this.x = randomScalar(rng);
    this.P = G.multiply(this.x);
    this.Q = K ? K.multiply(this.x) : IDENTITY;
    this.#dP = G.multiply(this.#d);
    this.#dQ = K ? K.multiply(this.#d) : IDENTITY;
  }
  next(): void {
    this.x = mod(this.x + this.#d);
    if (replaying) return;
    this.P = this.P.add(this.#dP);
    this.Q = this.Q.add(this.#dQ);
  }
}

const hexScalar = (s: bigint) => toHex(encodeScalar(s));

/** A 0/1 proof (CDS, as proveRange) of Enc(m; r) = (α, β), with its secrets from progressions. */
function prove01(
  alpha: Uint8Array,
  beta: Uint8Array,
  m: number,
  r: bigint,
  u: Progression,
  w: Progression,
  c: Progression,
  context: Parameters<typeof rangeChallenge>[1],
): RangeProofJson {
  const j = 1 - m;
  // Real branch m: (u·G, u·K). Simulated branch j: (v − c·r)·G and (v − c·r)·K + c·(j − m)·G
  // with v = w + c·r, which equal v·G − c·α and v·K − c·(β − j·G).
  const commitments: Point[] = [];
  commitments[2 * m] = u.P;
  commitments[2 * m + 1] = u.Q;
  commitments[2 * j] = w.P;
  commitments[2 * j + 1] = j > m ? w.Q.add(c.P) : w.Q.subtract(c.P);
  const encoded = commitments.map(encodePoint);
  const challenge = rangeChallenge(1, context, alpha, beta, encoded);
  const cReal = mod(challenge - c.x);
  const challenges: bigint[] = [];
  const responses: bigint[] = [];
  challenges[m] = cReal;
  responses[m] = mod(u.x + cReal * r);
  challenges[j] = c.x;
  responses[j] = mod(w.x + c.x * r);
  return {
    commitments: encoded.map(toHex),
    challenges: challenges.map(hexScalar),
    responses: responses.map(hexScalar),
  };
}

async function runJob(job: Job): Promise<JobResult> {
  const sim = await election(job.maxTally);
  const { context } = sim;
  const K = context.jointKey;
  const baseHash = fromHex(sim.record.baseHash, 32);
  const issuer = sim.issuers[0];
  if (!issuer) throw new Error("the simulation has no issuer");
  const rng = seededRng(`${SEED}-job-${job.index}`);
  const credential = new Progression(rng);
  const slot = () => Array.from({ length: OPTIONS + 1 }, () => new Progression(rng, K));
  const [nonce, u, w] = [slot().slice(0, OPTIONS), slot(), slot()];
  const c = Array.from({ length: OPTIONS + 1 }, () => new Progression(rng));
  const k = new Progression(rng);
  const nonceSums = Array.from({ length: OPTIONS }, () => 0n);
  const valueSums = Array.from({ length: OPTIONS }, () => 0);
  const credentialKeys: bigint[] = [];

  const ballots = createWriteStream(replaying ? "/dev/null" : job.ballotsFile);
  const credentials = createWriteStream(replaying ? "/dev/null" : job.credentialsFile);
  const write = async (out: ReturnType<typeof createWriteStream>, line: string) => {
    if (!out.write(`${line}\n`)) await once(out, "drain");
  };

  /** A ballot as encryptBallot and signBallot make it; each point is encoded once. */
  const ballot = (secret: bigint, credentialBytes: Uint8Array, seq: number, values: number[]) => {
    let sumAlpha = IDENTITY;
    let sumBeta = IDENTITY;
    let sumNonce = 0n;
    const selections = values.map((m, o) => {
      const r = nonce[o] as Progression;
      const alpha = r.P;
      const beta = m === 1 ? r.Q.add(G) : r.Q;
      sumAlpha = sumAlpha.add(alpha);
      sumBeta = sumBeta.add(beta);
      sumNonce += r.x;
      const [a, b] = [encodePoint(alpha), encodePoint(beta)];
      const proof = prove01(
        a,
        b,
        m,
        r.x,
        u[o] as Progression,
        w[o] as Progression,
        c[o] as Progression,
        proofContext(context.extendedHash, credentialBytes, 0, o),
      );
      return { alpha: toHex(a), beta: toHex(b), proof };
    });
    const total = values.reduce((a, b) => a + b, 0);
    const limitProof = prove01(
      encodePoint(sumAlpha),
      encodePoint(sumBeta),
      total,
      mod(sumNonce),
      u[OPTIONS] as Progression,
      w[OPTIONS] as Progression,
      c[OPTIONS] as Progression,
      proofContext(context.extendedHash, credentialBytes, 0, TOTAL_INDEX),
    );
    const unsigned = { credential: toHex(credentialBytes), seq, contests: [{ selections, limitProof }] };
    const body: BallotJson = {
      ...unsigned,
      code: toHex(confirmationCode(context.extendedHash, unsigned)),
      signature: { R: "", s: "" },
    };
    // The credential's Schnorr signature, as proveSchnorr makes it (commitment from a progression).
    const R = encodePoint(k.P);
    const challenge = hashToScalar(BALLOT_TAGS.signature, [
      context.extendedHash,
      encodeBallot(body, false),
      credentialBytes,
      R,
    ]);
    return { ...body, signature: { R: toHex(R), s: hexScalar(mod(k.x + challenge * secret)) } };
  };
  /** A voter's choice: blank, or one of the options. */
  const choose = () => {
    const pick = (rng(1)[0] ?? 0) % 2 === 0 ? -1 : (rng(1)[0] ?? 0) % OPTIONS;
    return Array.from({ length: OPTIONS }, (_, o) => (o === pick ? 1 : 0));
  };
  const advance = () => {
    for (const p of [...nonce, ...u, ...w, ...c, k]) p.next();
  };
  const count = (values: number[]) => {
    values.forEach((v, o) => {
      nonceSums[o] = (nonceSums[o] as bigint) + (nonce[o] as Progression).x;
      valueSums[o] = (valueSums[o] as number) + v;
    });
  };

  const probes: JobResult["probes"] = [];
  const last = job.to - job.from + job.revotes - 1;
  const probe = (values: number[]) => {
    if (replaying && (done < 2 || done >= last - 1)) {
      probes.push({ ballot: done, nonce: (nonce[0] as Progression).x, value: values[0] as number });
    }
  };
  let done = 0;
  const report = () => {
    done++;
    if (done % 1000 === 0) parentPort?.postMessage({ progress: 1000 });
  };
  for (let v = job.from; v < job.to; v++) {
    const secret = credential.x;
    if (v < job.revotes) credentialKeys.push(secret);
    if (replaying) {
      rng(32);
      const values = choose();
      probe(values);
      if (v >= job.revotes) count(values);
      advance();
      credential.next();
      report();
      continue;
    }
    const publicKey = encodePoint(credential.P);
    const prepared = concatBytes(rng(32), frame(CREDENTIAL_TAGS.message, [baseHash, publicKey]));
    const signature = new Uint8Array(await crypto.subtle.sign(PSS, issuer.privateKey, prepared));
    await write(
      credentials,
      JSON.stringify({
        publicKey: toHex(publicKey),
        signatures: [
          { issuer: issuer.id, prefix: toHex(prepared.subarray(0, 32)), signature: toHex(signature) },
        ],
      }),
    );
    const values = choose();
    const json = ballot(secret, publicKey, 0, values);
    if (v >= job.revotes) count(values);
    await write(ballots, JSON.stringify(json));
    advance();
    credential.next();
    report();
  }
  // Re-votes by this job's first voters, after their first ballots: the second ballot counts.
  for (let v = 0; v < job.revotes; v++) {
    const secret = credentialKeys[v] as bigint;
    const values = choose();
    probe(values);
    count(values);
    if (!replaying)
      await write(ballots, JSON.stringify(ballot(secret, encodePoint(G.multiply(secret)), 1, values)));
    advance();
    report();
  }
  ballots.end();
  credentials.end();
  await Promise.all([once(ballots, "finish"), once(credentials, "finish")]);
  parentPort?.postMessage({ progress: done % 1000 });
  return { nonces: nonceSums.map((s) => mod(s).toString()), values: valueSums, probes };
}

/** Count and chain of a list's file; keeps the text of the lines `wanted` asks for. */
async function chainOfFile(
  list: StreamedList,
  baseHash: Uint8Array,
  dir: string,
  file: string,
  wanted: Map<number, { line?: string }>,
) {
  let chain = lineChainStart(list, baseHash);
  let count = 0;
  for await (const line of readLines(join(dir, file))) {
    const w = wanted.get(count);
    if (w) w.line = line.text;
    chain = lineChainNext(list, chain, count++, line.bytes);
  }
  return { file, count, chain: toHex(chain) };
}

/** Appends part files to `out` line by line, extending the list's chain. */
async function joinParts(
  list: StreamedList,
  baseHash: Uint8Array,
  parts: string[],
  dir: string,
  file: string,
) {
  const path = join(dir, file);
  const out = createWriteStream(path);
  let chain = lineChainStart(list, baseHash);
  let count = 0;
  for (const part of parts) {
    for await (const line of readLines(part)) {
      chain = lineChainNext(list, chain, count++, line.bytes);
      const a = out.write(line.bytes);
      if (!out.write("\n") || !a) await once(out, "drain");
    }
  }
  out.end();
  await once(out, "finish");
  return { file, count, chain: toHex(chain) };
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} needs a non-negative integer`);
  return v;
}

async function main() {
  const args = process.argv.slice(2);
  const dir = args[0];
  if (dir === undefined || dir.startsWith("--")) {
    throw new Error("usage: writeLargeRecord.ts DIR [--ballots N] [--revotes R] [--workers W] [--finish]");
  }
  const total = option(args, "--ballots", 1_500_000);
  const revotes = option(args, "--revotes", Math.floor(total / 100));
  const workers = Math.max(1, option(args, "--workers", 2));
  const voters = total - revotes;
  if (revotes > voters) throw new Error("more re-votes than voters");
  await mkdir(dir, { recursive: true });
  const started = performance.now();

  // Job 0 also casts the re-votes; split the first ballots so that every job has as many ballots.
  const share = Math.ceil(total / workers);
  const jobs: Job[] = [];
  let from = 0;
  for (let i = 0; i < workers; i++) {
    const to = i === workers - 1 ? voters : Math.min(voters, from + share - (i === 0 ? revotes : 0));
    jobs.push({
      index: i,
      from,
      to: Math.max(from, to),
      revotes: i === 0 ? revotes : 0,
      maxTally: voters,
      ballotsFile: join(dir, `ballots.part${i}`),
      credentialsFile: join(dir, `credentials.part${i}`),
    });
    from = Math.max(from, to);
  }
  if (revotes > (jobs[0]?.to ?? 0)) throw new Error("too many re-votes for the first job's voters");

  let made = 0;
  const progress = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    const rate = made / s;
    const eta = rate > 0 ? (total - made) / rate : 0;
    process.stderr.write(
      `\r${made.toLocaleString("en")} / ${total.toLocaleString("en")} ballots, ${rate.toFixed(0)}/s, ` +
        `${Math.round(s)} s, about ${Math.round(eta / 60)} min left   `,
    );
  }, 2000);
  const finish = args.includes("--finish");
  replaying = finish;
  const results = await Promise.all(
    jobs
      .map((job) => (finish ? runJob(job) : undefined))
      .map(
        (replayed, i) =>
          replayed ??
          new Promise<JobResult>((resolve, reject) => {
            const job = jobs[i] as Job;
            const worker = new Worker(new URL(import.meta.url), { workerData: job });
            worker.on("message", (m: { progress?: number; result?: JobResult }) => {
              if (m.progress !== undefined) made += m.progress;
              if (m.result) resolve(m.result);
            });
            worker.on("error", reject);
            worker.on("exit", (code) => {
              if (code !== 0) reject(new Error(`job ${job.index} stopped with code ${code}`));
            });
          }),
      ),
  );
  clearInterval(progress);
  const generated = (performance.now() - started) / 1000;
  process.stderr.write(`\nballots generated in ${generated.toFixed(0)} s; joining the parts…\n`);

  const sim = await election(voters);
  const baseHash = fromHex(sim.record.baseHash, 32);
  let credentialStream: Awaited<ReturnType<typeof joinParts>>;
  let ballotStream: Awaited<ReturnType<typeof joinParts>>;
  if (finish) {
    // The files were written and joined by an earlier run; check that the replayed stream is
    // the one that made them: option 0's ciphertext of each job's first and last ballots.
    const probes = new Map<number, { nonce: bigint; value: number; line?: string }>();
    let offset = 0;
    results.forEach((r, i) => {
      const job = jobs[i] as Job;
      for (const p of r.probes) probes.set(offset + p.ballot, p);
      offset += job.to - job.from + job.revotes;
    });
    credentialStream = await chainOfFile("credentials", baseHash, dir, STREAMED_CREDENTIALS_FILE, new Map());
    ballotStream = await chainOfFile("ballots", baseHash, dir, STREAMED_BALLOTS_FILE, probes);
    const K = sim.context.jointKey;
    for (const [at, p] of probes) {
      const sel = (JSON.parse(p.line ?? "{}") as BallotJson).contests?.[0]?.selections[0];
      const beta = p.value === 1 ? K.multiply(p.nonce).add(G) : K.multiply(p.nonce);
      if (sel?.alpha !== toHex(encodePoint(G.multiply(p.nonce))) || sel.beta !== toHex(encodePoint(beta))) {
        throw new Error(
          `ballot ${at} was not made by the replayed stream: use the same --ballots and --revotes`,
        );
      }
    }
    process.stderr.write(`replay checked on ${probes.size} ballots\n`);
  } else {
    const joinList = (list: StreamedList, file: string, part: (j: Job) => string) =>
      joinParts(list, baseHash, jobs.map(part), dir, file);
    credentialStream = await joinList("credentials", STREAMED_CREDENTIALS_FILE, (j) => j.credentialsFile);
    ballotStream = await joinList("ballots", STREAMED_BALLOTS_FILE, (j) => j.ballotsFile);
    for (const j of jobs) {
      rmSync(j.ballotsFile);
      rmSync(j.credentialsFile);
    }
  }

  // Issuance log: one keyed hash per voter, signed.
  const issuer = sim.issuers[0];
  if (!issuer) throw new Error("the simulation has no issuer");
  for (let v = 0; v < voters; v++) issuer.log.record(`voter-${v}`);
  const issuanceLogs = [issuer.log.sign(issuer.logSecretKey, baseHash, sim.rng)];

  // Tally: the aggregate from the counted ballots' nonce and value sums, decrypted by k trustees.
  const K = sim.context.jointKey;
  const aggregate = [
    Array.from({ length: OPTIONS }, (_, o) => {
      const r = mod(results.reduce((a, res) => a + BigInt(res.nonces[o] as string), 0n));
      const m = results.reduce((a, res) => a + (res.values[o] as number), 0);
      const rG = r === 0n ? IDENTITY : G.multiply(r);
      const rK = r === 0n ? IDENTITY : K.multiply(r);
      return { alpha: rG, beta: m === 0 ? rK : rK.add(G.multiply(BigInt(m))) };
    }),
  ];
  const partials = [1, 2].map((j) =>
    partialDecrypt(j, sim.keyShares[j - 1] as bigint, aggregate, sim.context.extendedHash, sim.rng),
  );
  const totals = decryptTotals(aggregate, partials, voters);
  const expected = Array.from({ length: OPTIONS }, (_, o) =>
    results.reduce((a, r) => a + (r.values[o] as number), 0),
  );
  if (totals[0]?.join() !== expected.join())
    throw new Error(`decrypted ${totals[0]} but counted ${expected}`);

  const { ballots: _b, credentials: _c, ...core } = sim.record;
  const record: StreamedElectionRecord = {
    ...core,
    issuanceLogs,
    credentialStream,
    ballotStream,
    tally: { aggregate: aggregateToJson(aggregate), partials, results: totals },
  };
  writeFileSync(join(dir, STREAMED_RECORD_FILE), JSON.stringify(record));
  const s = (performance.now() - started) / 1000;
  console.log(
    `${dir}: ${ballotStream.count.toLocaleString("en")} ballots (${revotes.toLocaleString("en")} re-votes), ` +
      `${credentialStream.count.toLocaleString("en")} credentials, totals ${totals[0]?.join(", ")}; ` +
      `${s.toFixed(0)} s (${(ballotStream.count / generated).toFixed(0)} ballots/s generated)`,
  );
}

if (isMainThread) {
  await main();
} else {
  const result = await runJob(workerData as Job);
  parentPort?.postMessage({ result });
}
