// Writes a sample of distinct, individually valid ballots for the large-sample benchmark. Run:
//   node packages/voting/bench/writeSample.ts N SEED FILE
// Each ballot is a real encryption with proofs (5-option referendum, limit 1) by its own
// fresh credential key, from the seeded "bench" election of voting.bench.ts; one JSON ballot
// per line. Nothing is reused between ballots; the joint key's multiples are precomputed
// only to make generation faster. Run several with different seeds on several cores.
import { appendFileSync, writeFileSync } from "node:fs";
import { createCredentialKey, encryptBallot, seededRng } from "../src/index.ts";
import { randomChoices, simulateElection } from "../test/support/simulate.ts";

const [count, seed, file] = process.argv.slice(2);
if (count === undefined || seed === undefined || file === undefined)
  throw new Error("usage: writeSample.ts N SEED FILE");
const contests = [{ id: "ref", title: "Referendum", options: ["A", "B", "C", "D", "E"], limit: 1 }];
const sim = await simulateElection({
  seed: "bench",
  trustees: { n: 3, k: 2 },
  contests,
  voters: 4,
  issuers: 1,
});
sim.context.jointKey.precompute(8, false);
const rng = seededRng(`bench-sample-${seed}`);
writeFileSync(file, "");
let lines: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const { ballot } = encryptBallot(
    sim.context,
    createCredentialKey(rng),
    0,
    randomChoices(contests, rng),
    rng,
  );
  lines.push(JSON.stringify(ballot));
  if (lines.length === 500 || i === Number(count) - 1) {
    appendFileSync(file, `${lines.join("\n")}\n`);
    lines = [];
  }
}
