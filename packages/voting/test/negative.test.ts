// Attacks on the record, each caught and named by the verifier.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  type ElectionRecord,
  encodePoint,
  encodeScalar,
  encryptBallot,
  G,
  pointFromHex,
  proveRange,
  rangeToJson,
  seededRng,
  signBallot,
  toHex,
  verifyElectionRecord,
} from "../src/index.ts";
import { FIXTURE_URL } from "./support/fixture.ts";
import { FIXTURE_OPTIONS, simulateElection } from "./support/simulate.ts";

const committed = JSON.parse(readFileSync(FIXTURE_URL, "utf8")) as ElectionRecord;
const sim = await simulateElection(FIXTURE_OPTIONS);
const rng = seededRng("negative-tests");

async function expectFailure(record: ElectionRecord, step: string, code: string): Promise<void> {
  const report = await verifyElectionRecord(record);
  assert.equal(report.verdict, "invalid");
  const s = report.steps.find((x) => x.id === step);
  assert.ok(
    s && s.status === "fail",
    `step ${step} should fail; first failure ${JSON.stringify(report.firstFailure)}`,
  );
  assert.ok(
    s.findings.some((f) => f.code === code),
    `${step} findings ${JSON.stringify(s.findings)} lack ${code}`,
  );
}

test("a ballot replayed under another credential is caught (V6, VOTING_BALLOT_REPLAYED)", async () => {
  const r = structuredClone(committed);
  const victim = r.ballots[0];
  const thief = sim.credentials[5];
  assert.ok(victim && thief);
  // The thief re-signs the victim's ciphertexts and proofs with its own credential.
  r.ballots.push(signBallot(sim.context, thief, 7, victim.contests, rng));
  await expectFailure(r, "V6", "VOTING_BALLOT_REPLAYED");
  // And the proofs, bound to the victim's credential, do not verify under the thief's.
  await expectFailure(r, "V7", "VOTING_SELECTION_PROOF_INVALID");
});

test("a duplicated credential is caught (V5, VOTING_CREDENTIAL_DUPLICATE)", async () => {
  const r = structuredClone(committed);
  r.credentials.push(structuredClone(r.credentials[0] as (typeof r.credentials)[number]));
  await expectFailure(r, "V5", "VOTING_CREDENTIAL_DUPLICATE");
});

test("a credential without a valid issuer signature is caught (V5, VOTING_CREDENTIAL_SIGNATURE_INVALID)", async () => {
  const r = structuredClone(committed);
  const forged = toHex(encodePoint(G.multiply(123456789n)));
  r.credentials[0] = { publicKey: forged, signatures: r.credentials[1]?.signatures ?? [] };
  await expectFailure(r, "V5", "VOTING_CREDENTIAL_SIGNATURE_INVALID");
});

test("an over-vote cannot be proven and is caught (V8, VOTING_VOTE_LIMIT_PROOF_INVALID)", async () => {
  const cred = sim.credentials[2];
  assert.ok(cred);
  // The honest device refuses to encrypt an over-vote…
  assert.throws(
    () =>
      encryptBallot(
        sim.context,
        cred,
        5,
        [
          [1, 1, 1],
          [1, 1],
        ],
        rng,
      ),
    /exceed the limit/,
  );
  // …so a cheating device encrypts one and lies in the limit proof.
  const { ballot } = encryptBallot(
    sim.context,
    cred,
    5,
    [
      [1, 1, 0],
      [1, 0],
    ],
    rng,
  );
  const K = sim.context.jointKey;
  const r1 = 424242n;
  const alpha = G.multiply(r1);
  const beta = K.multiply(r1).add(G);
  const park = ballot.contests[1];
  assert.ok(park?.selections[1]);
  park.selections[1] = {
    alpha: toHex(encodePoint(alpha)),
    beta: toHex(encodePoint(beta)),
    proof: rangeToJson(
      proveRange(
        { alpha, beta },
        1,
        r1,
        1,
        K,
        [sim.context.extendedHash, encodePoint(cred.publicKey), 1, 1],
        rng,
      ),
    ),
  };
  const first = park.selections[0];
  assert.ok(first);
  const total = {
    alpha: G.multiply(r1).add(pointFromHex(first.alpha, "alpha")),
    beta: beta.add(pointFromHex(first.beta, "beta")),
  };
  // The device does not know the first nonce's sum with r1 as a valid witness for "1"; it claims 1 anyway.
  park.limitProof = rangeToJson(
    proveRange(
      total,
      2,
      r1,
      1,
      K,
      [sim.context.extendedHash, encodePoint(cred.publicKey), 1, 0xffffffff],
      rng,
      1,
    ),
  );
  const r = structuredClone(committed);
  r.ballots.push(signBallot(sim.context, cred, 5, ballot.contests, rng));
  await expectFailure(r, "V8", "VOTING_VOTE_LIMIT_PROOF_INVALID");
});

test("a partial decryption with a wrong proof is caught (V11, VOTING_DECRYPTION_PROOF_INVALID)", async () => {
  const r = structuredClone(committed);
  const share = r.tally.partials[0]?.contests[0]?.shares[0];
  assert.ok(share);
  share.proof.v = toHex(encodeScalar(7n));
  await expectFailure(r, "V11", "VOTING_DECRYPTION_PROOF_INVALID");
});

test("a wrong announced total is caught (V12, VOTING_TALLY_MISMATCH)", async () => {
  const r = structuredClone(committed);
  const row = r.tally.results[0];
  assert.ok(row);
  row[0] = (row[0] ?? 0) + 1;
  await expectFailure(r, "V12", "VOTING_TALLY_MISMATCH");
});
