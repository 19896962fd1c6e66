// Properties: threshold decryption, homomorphic sums, soundness of the range proof.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  aggregateBallots,
  checkEquations,
  combinePartials,
  countedBallots,
  encrypt,
  gPow,
  partialDecrypt,
  pointFromHex,
  proveRange,
  rangeEquations,
  seededRng,
} from "../src/index.ts";
import { simulateElection } from "./support/simulate.ts";

const contests = [{ id: "ref", title: "Referendum", options: ["A", "B", "C", "D", "E"], limit: 1 }];

test("any k of n trustees decrypt the tally; k−1 cannot", async () => {
  const sim = await simulateElection({
    seed: "threshold",
    trustees: { n: 4, k: 3 },
    contests,
    voters: 5,
    issuers: 1,
  });
  const { record, keyShares, context } = sim;
  const aggregate = aggregateBallots(record.ballots, countedBallots(record.ballots));
  const rng = seededRng("threshold-partials");
  const subsets = [
    [1, 2, 3],
    [1, 2, 4],
    [1, 3, 4],
    [2, 3, 4],
    [1, 2, 3, 4],
  ];
  for (const set of subsets) {
    const partials = set.map((j) =>
      partialDecrypt(j, keyShares[j - 1] as bigint, aggregate, context.extendedHash, rng),
    );
    const combined = combinePartials(
      partials.map((p) => pointFromHex(p.contests[0]?.shares[0]?.M, "M")),
      set,
    );
    const ct = aggregate[0]?.[0];
    assert.ok(ct);
    assert.ok(ct.beta.subtract(combined).equals(gPow(BigInt(sim.expected[0]?.[0] ?? -1))), `set ${set}`);
  }
  for (const set of [
    [1, 2],
    [3, 4],
    [2, 4],
  ]) {
    const partials = set.map((j) =>
      partialDecrypt(j, keyShares[j - 1] as bigint, aggregate, context.extendedHash, rng),
    );
    const ct = aggregate[0]?.[0];
    assert.ok(ct);
    const wrong = ct.beta.subtract(
      combinePartials(
        partials.map((p) => pointFromHex(p.contests[0]?.shares[0]?.M, "M")),
        set,
      ),
    );
    for (let t = 0; t <= 5; t++) assert.ok(!wrong.equals(gPow(BigInt(t))), `k−1 = ${set} recovered a total`);
  }
});

test("the homomorphic sum equals the plaintext sum on random elections", async () => {
  for (const seed of ["sum-1", "sum-2"]) {
    const sim = await simulateElection({
      seed,
      trustees: { n: 3, k: 2 },
      contests,
      voters: 7,
      issuers: 1,
      revoters: 2,
      decryptWith: [2, 3],
    });
    assert.deepEqual(sim.record.tally.results, sim.expected);
  }
});

test("a value outside 0…L cannot get a valid range proof", () => {
  const rng = seededRng("soundness");
  const K = gPow(987654321n);
  const context = [new Uint8Array(32), 0, 0];
  for (const [value, limit] of [
    [2, 1],
    [3, 2],
    [5, 4],
  ] as const) {
    const r = 1234567n + BigInt(value);
    const ct = encrypt(value, r, K);
    assert.throws(() => proveRange(ct, value, r, limit, K, context, rng), /outside/);
    for (let claimed = 0; claimed <= limit; claimed++) {
      const proof = proveRange(ct, value, r, limit, K, context, rng, claimed);
      const eqs = rangeEquations(proof, ct, limit, context);
      assert.ok(eqs === undefined || !checkEquations(eqs, K), `claimed ${claimed} for ${value} verified`);
    }
  }
  const ok = encrypt(1, 99n, K);
  const eqs = rangeEquations(proveRange(ok, 1, 99n, 1, K, context, rng), ok, 1, context);
  assert.ok(eqs && checkEquations(eqs, K), "an honest proof verifies");
});
