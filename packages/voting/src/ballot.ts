import { fromHex, toHex } from "./bytes.ts";
import { Reader, rangeToJson, readRange, schnorrToJson, Writer, writeRange } from "./codec.ts";
import type { CredentialKey } from "./credentials.ts";
import { VotingError } from "./errors.ts";
import { encodePoint, encodeScalar, G, gPow, mod, type Point } from "./group.ts";
import { type HashPart, hashBytes } from "./hash.ts";
import { type Ciphertext, proveRange } from "./proofs/range.ts";
import { proveSchnorr } from "./proofs/schnorr.ts";
import type { BallotJson, ContestBallotJson, ManifestJson, OpeningJson } from "./record.ts";
import { type Rng, randomScalar } from "./rng.ts";

/** Domain tags of ballots (SPEC §6). */
export const BALLOT_TAGS = { code: "confirmation-code", signature: "ballot-signature" } as const;

/** The option index that marks a contest-total proof in a proof's context. */
export const TOTAL_INDEX = 0xffffffff;

/** What ballots are bound to: the manifest, the extended base hash and the joint key. */
export interface ElectionContext {
  manifest: ManifestJson;
  extendedHash: Uint8Array;
  jointKey: Point;
}

/** Context of a selection or contest-total proof: election, credential, position. */
export function proofContext(
  extendedHash: Uint8Array,
  credential: Uint8Array,
  contest: number,
  option: number,
): HashPart[] {
  return [extendedHash, credential, contest, option];
}

/** Joint keys whose multiples are tabulated: a device encrypts every option under one key. */
const tabulated = new WeakSet<Point>();

/** The joint key with a table of its multiples (computed once, ~40 ms), which halves encryption time. */
function withTable(K: Point): Point {
  if (!tabulated.has(K)) {
    K.precompute(8, false);
    tabulated.add(K);
  }
  return K;
}

/** Exponential ElGamal: (r·G, r·K + m·G). */
export function encrypt(m: number, r: bigint, K: Point): Ciphertext {
  return { alpha: G.multiply(r), beta: K.multiply(r).add(gPow(BigInt(m))) };
}

/** The confirmation code H("confirmation-code", H_E, credential, seq, every α and β). */
export function confirmationCode(
  extendedHash: Uint8Array,
  ballot: Pick<BallotJson, "credential" | "seq" | "contests">,
): Uint8Array {
  const ciphertexts: Uint8Array[] = [];
  for (const c of ballot.contests) {
    for (const s of c.selections)
      ciphertexts.push(fromHex(s.alpha, 32, "alpha"), fromHex(s.beta, 32, "beta"));
  }
  return confirmationCodeOf(
    extendedHash,
    fromHex(ballot.credential, 32, "credential"),
    ballot.seq,
    ciphertexts,
  );
}

/** The confirmation code from the encodings: credential, seq, and α ‖ β of every option in order. */
export function confirmationCodeOf(
  extendedHash: Uint8Array,
  credential: Uint8Array,
  seq: number,
  ciphertexts: Uint8Array[],
): Uint8Array {
  return hashBytes(BALLOT_TAGS.code, [extendedHash, credential, seq, ...ciphertexts]);
}

/**
 * Canonical binary ballot (SPEC §6.4): credential ‖ u32 seq ‖ u32 #contests ‖ per contest
 * (u32 #selections ‖ per selection α ‖ β ‖ proof ‖ limit proof) ‖ code, and, unless
 * `withSignature` is false, the signature R ‖ s. The signature signs the form without it.
 */
export function encodeBallot(b: BallotJson, withSignature = true): Uint8Array {
  const w = new Writer().raw(fromHex(b.credential, 32)).u32(b.seq).u32(b.contests.length);
  for (const c of b.contests) {
    w.u32(c.selections.length);
    for (const s of c.selections) {
      w.raw(fromHex(s.alpha, 32)).raw(fromHex(s.beta, 32));
      writeRange(w, s.proof);
    }
    writeRange(w, c.limitProof);
  }
  w.raw(fromHex(b.code, 32));
  if (withSignature) w.raw(fromHex(b.signature.R, 32)).raw(fromHex(b.signature.s, 32));
  return w.finish();
}

/** Strict decoding of a binary ballot: every point and scalar canonical, no trailing bytes. */
export function decodeBallot(bytes: Uint8Array): BallotJson {
  const r = new Reader(bytes);
  const hex = (p: Point) => toHex(encodePoint(p));
  const credential = hex(r.point());
  const seq = r.u32();
  const contests: ContestBallotJson[] = [];
  const nContests = r.count(64);
  for (let i = 0; i < nContests; i++) {
    const selections = [];
    const nSel = r.count(64);
    for (let j = 0; j < nSel; j++) {
      const alpha = hex(r.point());
      const beta = hex(r.point());
      selections.push({ alpha, beta, proof: readRange(r, 2) });
    }
    contests.push({ selections, limitProof: readRange(r, 65) });
  }
  const code = toHex(r.raw(32));
  const signature = { R: hex(r.point()), s: toHex(encodeScalar(r.scalar())) };
  r.end();
  return { credential, seq, contests, code, signature };
}

/**
 * Encrypts a voter's choices (per contest, a 0/1 value per option) into a signed ballot
 * with all proofs, and returns the opening the device keeps for a Benaloh challenge.
 * Refuses an over-vote: no valid proof exists for it.
 */
export function encryptBallot(
  ctx: ElectionContext,
  credential: CredentialKey,
  seq: number,
  choices: number[][],
  rng: Rng,
): { ballot: BallotJson; opening: OpeningJson } {
  const { manifest, extendedHash } = ctx;
  const K = withTable(ctx.jointKey);
  if (choices.length !== manifest.contests.length) {
    throw new VotingError(
      "VOTING_VALUE_OUT_OF_RANGE",
      `expected choices for ${manifest.contests.length} contests`,
    );
  }
  const cred = encodePoint(credential.publicKey);
  const contests: ContestBallotJson[] = [];
  const opening: OpeningJson = { contests: [] };
  manifest.contests.forEach((contest, ci) => {
    const values = choices[ci] ?? [];
    if (values.length !== contest.options.length || values.some((v) => v !== 0 && v !== 1)) {
      throw new VotingError(
        "VOTING_VALUE_OUT_OF_RANGE",
        `contest ${contest.id}: one 0/1 value per option required`,
      );
    }
    const total = values.reduce((a, b) => a + b, 0);
    if (total > contest.limit) {
      throw new VotingError(
        "VOTING_VALUE_OUT_OF_RANGE",
        `contest ${contest.id}: ${total} selections exceed the limit ${contest.limit}`,
      );
    }
    const nonces = values.map(() => randomScalar(rng));
    const cts = values.map((v, oi) => encrypt(v, nonces[oi] as bigint, K));
    const selections = cts.map((ct, oi) => ({
      alpha: toHex(encodePoint(ct.alpha)),
      beta: toHex(encodePoint(ct.beta)),
      proof: rangeToJson(
        proveRange(
          ct,
          values[oi] as number,
          nonces[oi] as bigint,
          1,
          K,
          proofContext(extendedHash, cred, ci, oi),
          rng,
        ),
      ),
    }));
    const sum = sumCiphertexts(cts);
    const nonceSum = mod(nonces.reduce((a, b) => a + b, 0n));
    const limitProof = rangeToJson(
      proveRange(
        sum,
        total,
        nonceSum,
        contest.limit,
        K,
        proofContext(extendedHash, cred, ci, TOTAL_INDEX),
        rng,
      ),
    );
    contests.push({ selections, limitProof });
    opening.contests.push({ values, nonces: nonces.map((n) => toHex(encodeScalar(n))) });
  });
  return { ballot: signBallot(ctx, credential, seq, contests, rng), opening };
}

/** Adds the confirmation code and the credential's Schnorr signature to a ballot body. */
export function signBallot(
  ctx: ElectionContext,
  credential: CredentialKey,
  seq: number,
  contests: ContestBallotJson[],
  rng: Rng,
): BallotJson {
  const unsigned = { credential: toHex(encodePoint(credential.publicKey)), seq, contests };
  const code = toHex(confirmationCode(ctx.extendedHash, unsigned));
  const body: BallotJson = { ...unsigned, code, signature: { R: "", s: "" } };
  const sig = proveSchnorr(
    credential.secret,
    credential.publicKey,
    BALLOT_TAGS.signature,
    [ctx.extendedHash, encodeBallot(body, false)],
    rng,
  );
  return { ...body, signature: schnorrToJson(sig) };
}

/** Homomorphic sum of ciphertexts. */
export function sumCiphertexts(cts: Ciphertext[]): Ciphertext {
  let alpha = G.subtract(G);
  let beta = alpha;
  for (const c of cts) {
    alpha = alpha.add(c.alpha);
    beta = beta.add(c.beta);
  }
  return { alpha, beta };
}
