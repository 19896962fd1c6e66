// Voting benchmark (prints figures; never a test). Run:
//   node packages/voting/bench/voting.bench.ts [--ballots N] [--workers W] [--sample FILE,…]
// Measures, for a 5-option referendum (limit 1): ballot encryption with proofs (one device),
// ballot verification single and batched, verification with W worker threads, and the
// extrapolated time to verify a 1.5-million-ballot record. With --sample, also verifies the
// ballots of JSON-lines files written by writeSample.ts (a large sample of distinct ballots)
// with W workers and extrapolates the 1.5 M figure from that rate.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import {
  type BallotJson,
  checkAllBallots,
  checkBallotChunk,
  encryptBallot,
  fromHex,
  seededRng,
  verifyElectionRecord,
} from "../src/index.ts";
import { verifyCredentials } from "../src/verify/credentialSteps.ts";
import { randomChoices, simulateElection } from "../test/support/simulate.ts";

const { values } = parseArgs({
  options: { ballots: { type: "string" }, workers: { type: "string" }, sample: { type: "string" } },
});
const N = Number(values.ballots ?? 2048);
const W = Number(values.workers ?? availableParallelism());
const contests = [{ id: "ref", title: "Referendum", options: ["A", "B", "C", "D", "E"], limit: 1 }];

const sim = await simulateElection({
  seed: "bench",
  trustees: { n: 3, k: 2 },
  contests,
  voters: 4,
  issuers: 1,
});
const rng = seededRng("bench-ballots");
const creds = sim.credentials;

// 1. Encryption with proofs (one voter's device, single thread).
let t = performance.now();
const ballots: BallotJson[] = [];
for (let i = 0; i < N; i++) {
  const cred = creds[i % creds.length];
  if (cred === undefined) throw new Error("no credential");
  ballots.push(
    encryptBallot(sim.context, cred, Math.floor(i / creds.length), randomChoices(contests, rng), rng).ballot,
  );
}
const encMs = performance.now() - t;
console.log(
  `encryption with proofs: ${(N / (encMs / 1000)).toFixed(1)} ballots/s (${(encMs / N).toFixed(2)} ms/ballot, ${N} ballots)`,
);

const input = {
  manifest: sim.context.manifest,
  extendedHash: sim.context.extendedHash,
  jointKey: sim.context.jointKey.toBytes(),
};
const none = new Set<number>();

// 2. Single verification: each ballot checked alone (a batch of one).
const single = Math.min(N, 200);
t = performance.now();
for (let i = 0; i < single; i++) checkBallotChunk(input, [ballots[i] as BallotJson], i, none);
const singleMs = performance.now() - t;
console.log(
  `verification, one at a time: ${(single / (singleMs / 1000)).toFixed(1)} ballots/s (${single} ballots)`,
);

// 3. Batched verification (random linear combination + Pippenger MSM), one thread.
t = performance.now();
const outs1 = await checkAllBallots(input, ballots, none, 1);
const batchMs = performance.now() - t;
const bad1 = outs1.reduce((a, o) => a + o.findings.length, 0);
console.log(
  `verification, batched, 1 thread: ${(N / (batchMs / 1000)).toFixed(1)} ballots/s (${N} ballots, ${bad1} findings)`,
);

// 4. Batched verification in W worker threads.
t = performance.now();
const outsW = await checkAllBallots(input, ballots, none, W);
const parMs = performance.now() - t;
const badW = outsW.reduce((a, o) => a + o.findings.length, 0);
let rate = N / (parMs / 1000);
console.log(
  `verification, batched, ${W} workers: ${rate.toFixed(1)} ballots/s (${N} ballots, ${badW} findings)`,
);

// 5. A large sample of distinct ballots from disk, verified with W workers (parsing excluded).
if (values.sample !== undefined) {
  const sample: BallotJson[] = values.sample
    .split(",")
    .flatMap((f) => readFileSync(f, "utf8").split("\n").filter(Boolean))
    .map((line) => JSON.parse(line) as BallotJson);
  const distinct = new Set(sample.map((b) => b.credential)).size;
  if (distinct !== sample.length || new Set(sample.map((b) => b.code)).size !== sample.length)
    throw new Error("the sample must be distinct ballots by distinct credentials");
  t = performance.now();
  const outs = await checkAllBallots(input, sample, none, W);
  const ms = performance.now() - t;
  const bad = outs.reduce((a, o) => a + o.findings.length, 0);
  rate = sample.length / (ms / 1000);
  console.log(
    `verification of a ${sample.length}-ballot sample (distinct credentials), ${W} workers: ` +
      `${rate.toFixed(1)} ballots/s (${(ms / 1000).toFixed(1)} s, ${bad} findings)`,
  );
}

// 6. The 1.5 M figure: per-ballot work is linear in the number of ballots, so its time is
// extrapolated from the measured rate; credentials (V5: one point decoding and one RSA-PSS
// verification each) are measured per credential on a record with more voters; the fixed
// steps (ceremony, logs, tally) are taken from the small record. Not measured end to end.
t = performance.now();
const report = await verifyElectionRecord(sim.record);
const fixedMs = performance.now() - t;
console.log(`whole-record verification of a small real record: ${fixedMs.toFixed(0)} ms (${report.verdict})`);
const voters = await simulateElection({
  seed: "bench-voters",
  trustees: { n: 3, k: 2 },
  contests,
  voters: 64,
  issuers: 1,
});
t = performance.now();
await verifyCredentials(voters.record, fromHex(voters.record.baseHash, 32), [
  voters.record.credentials.length,
]);
const perCredentialMs = (performance.now() - t) / voters.record.credentials.length;
console.log(
  `credential checks (V5): ${perCredentialMs.toFixed(3)} ms per credential (64 credentials, 1 issuer)`,
);
const total = 1_500_000;
const minutes = (total / rate + (total * perCredentialMs + fixedMs) / 1000) / 60;
console.log(
  `EXTRAPOLATED 1.5 M-ballot referendum record: ${minutes.toFixed(1)} min ` +
    `(= 1.5 M / ${rate.toFixed(0)} ballots/s + 1.5 M × ${perCredentialMs.toFixed(3)} ms per credential + ${fixedMs.toFixed(0)} ms fixed; not measured end to end)`,
);
