// Voting benchmark (prints figures; never a test). Run:
//   node packages/voting/bench/voting.bench.ts [--ballots N] [--workers W]
// Measures, for a 5-option referendum (limit 1): ballot encryption with proofs (one device),
// ballot verification single and batched, verification with W worker threads, and the
// extrapolated time to verify a 1.5-million-ballot record.
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import {
  type BallotJson,
  checkAllBallots,
  checkBallotChunk,
  encryptBallot,
  seededRng,
  verifyElectionRecord,
} from "../src/index.ts";
import { randomChoices, simulateElection } from "../test/support/simulate.ts";

const { values } = parseArgs({ options: { ballots: { type: "string" }, workers: { type: "string" } } });
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
const rate = N / (parMs / 1000);
console.log(
  `verification, batched, ${W} workers: ${rate.toFixed(1)} ballots/s (${N} ballots, ${badW} findings)`,
);

// 5. The 1.5 M figure: the record's per-ballot work is linear in the number of ballots, so its
// time is extrapolated from the measured batched rate; the fixed parts (ceremony, credentials
// of a real record are per voter and are measured per credential on the small record below).
t = performance.now();
const report = await verifyElectionRecord(sim.record);
const fixedMs = performance.now() - t;
const perCredentialMs = fixedMs / sim.record.credentials.length;
const total = 1_500_000;
const minutes = (total / rate + (total * perCredentialMs) / 1000) / 60;
console.log(
  `whole-record verification of a small real record: ${fixedMs.toFixed(0)} ms (${report.verdict}); ` +
    `≤ ${perCredentialMs.toFixed(2)} ms per credential (upper bound: includes all fixed steps)`,
);
console.log(
  `EXTRAPOLATED 1.5 M-ballot referendum record: ${minutes.toFixed(1)} min ` +
    `(= 1.5 M / ${rate.toFixed(0)} ballots/s + 1.5 M × ${perCredentialMs.toFixed(2)} ms per credential; not measured end to end)`,
);
