import type { Batch, Equation } from "../equation.ts";
import { VotingError } from "../errors.ts";
import { encodePoint, G, mod, mul, type Point } from "../group.ts";
import { type HashPart, hashToScalar } from "../hash.ts";
import { type Rng, randomScalar } from "../rng.ts";

/** An exponential ElGamal ciphertext (α, β) = (r·G, r·K + m·G). */
export interface Ciphertext {
  alpha: Point;
  beta: Point;
}

/**
 * A disjunctive Chaum–Pedersen proof that a ciphertext encrypts one of 0, 1, …, L (CDS
 * OR-composition). Branch j has commitments (aⱼ, bⱼ), challenge cⱼ and response vⱼ; the
 * challenges must add up to the Fiat–Shamir challenge. L = 1 is the 0/1 selection proof.
 */
export interface RangeProof {
  commitments: Point[];
  challenges: bigint[];
  responses: bigint[];
}

const TAG = "range-proof";

function challenge(ct: Ciphertext, limit: number, context: HashPart[], commitments: Point[]): bigint {
  return rangeChallenge(
    limit,
    context,
    encodePoint(ct.alpha),
    encodePoint(ct.beta),
    commitments.map(encodePoint),
  );
}

/**
 * The Fiat–Shamir challenge of a range proof from the canonical encodings of the ciphertext
 * and commitments, so a verifier hashes the bytes it decoded instead of re-encoding points.
 */
export function rangeChallenge(
  limit: number,
  context: HashPart[],
  alpha: Uint8Array,
  beta: Uint8Array,
  commitments: Uint8Array[],
): bigint {
  return hashToScalar(TAG, [...context, limit, alpha, beta, ...commitments]);
}

/** Whether a proof's challenges add up to its Fiat–Shamir challenge c. */
export function challengesAddUp(proof: RangeProof, c: bigint): boolean {
  let sum = 0n;
  for (const cj of proof.challenges) sum += cj;
  return mod(sum) === c;
}

/**
 * Adds the 2(L+1) equations of a range proof whose challenge sum was checked, each with a
 * fresh weight z, to a batch: z·aⱼ + z·cⱼ·α − z·vⱼ·G and z·bⱼ + z·cⱼ·β − z·j·cⱼ·G − z·vⱼ·K.
 * The commitments carry the bare weight (short terms). α and β are not added: their
 * coefficients are returned, so that a ciphertext shared by several proofs is one term.
 */
export function addRangeEquations(batch: Batch, proof: RangeProof): { alpha: bigint; beta: bigint } {
  let alpha = 0n;
  let beta = 0n;
  const n = proof.challenges.length;
  for (let j = 0; j < n; j++) {
    const cj = proof.challenges[j] ?? 0n;
    const vj = proof.responses[j] ?? 0n;
    const za = batch.weight();
    batch.addShort(proof.commitments[2 * j] as Point, za);
    alpha += za * cj;
    batch.addG(-za * vj);
    const zb = batch.weight();
    batch.addShort(proof.commitments[2 * j + 1] as Point, zb);
    beta += zb * cj;
    batch.addG(-zb * cj * BigInt(j));
    batch.addK(-zb * vj);
  }
  return { alpha, beta };
}

/**
 * Proves that `ct` = Enc(value; nonce) with 0 ≤ value ≤ limit (`ct` must be that encryption). `context` must carry the
 * election hash, the voter's credential and the position of the ciphertext so that the
 * proof cannot be replayed elsewhere. `claimed` exists only so tests can show that a prover
 * who lies about the value produces a proof that fails.
 */
export function proveRange(
  ct: Ciphertext,
  value: number,
  nonce: bigint,
  limit: number,
  K: Point,
  context: HashPart[],
  rng: Rng,
  claimed = value,
): RangeProof {
  if (!Number.isInteger(claimed) || claimed < 0 || claimed > limit) {
    throw new VotingError(
      "VOTING_VALUE_OUT_OF_RANGE",
      `value ${claimed} is outside 0…${limit}; no proof exists`,
    );
  }
  const n = limit + 1;
  const commitments: Point[] = new Array(2 * n);
  const challenges: bigint[] = new Array(n).fill(0n);
  const responses: bigint[] = new Array(n).fill(0n);
  const u = randomScalar(rng);
  for (let j = 0; j < n; j++) {
    if (j === claimed) {
      commitments[2 * j] = G.multiply(u);
      commitments[2 * j + 1] = K.multiply(u);
      continue;
    }
    // Simulated branch: pick the challenge c and response v, solve for the commitments
    // v·G − c·α and v·K − c·(β − j·G). With α = r·G and β = r·K + value·G and w = v − c·r,
    // these are w·G and w·K + c·(j − value)·G: multiples of the fixed bases only, which cost
    // a fraction of a multiplication of α or β.
    const c = randomScalar(rng);
    const v = randomScalar(rng);
    challenges[j] = c;
    responses[j] = v;
    const w = mod(v - c * nonce);
    commitments[2 * j] = mul(G, w);
    commitments[2 * j + 1] = mul(K, w).add(mul(G, c * BigInt(j - value)));
  }
  const c = challenge(ct, limit, context, commitments);
  let rest = c;
  for (let j = 0; j < n; j++) if (j !== claimed) rest -= challenges[j] ?? 0n;
  challenges[claimed] = mod(rest);
  responses[claimed] = mod(u + mod(rest) * nonce);
  return { commitments, challenges, responses };
}

/**
 * The 2(L+1) equations of a range proof plus the challenge-sum check. Returns undefined
 * when the proof's shape or challenge sum is wrong (no equation can then hold).
 */
export function rangeEquations(
  proof: RangeProof,
  ct: Ciphertext,
  limit: number,
  context: HashPart[],
): Equation[] | undefined {
  const n = limit + 1;
  if (proof.commitments.length !== 2 * n || proof.challenges.length !== n || proof.responses.length !== n) {
    return undefined;
  }
  if (!challengesAddUp(proof, challenge(ct, limit, context, proof.commitments))) return undefined;
  const eqs: Equation[] = [];
  for (let j = 0; j < n; j++) {
    const cj = proof.challenges[j] ?? 0n;
    const vj = proof.responses[j] ?? 0n;
    const a = proof.commitments[2 * j] as Point;
    const b = proof.commitments[2 * j + 1] as Point;
    // vⱼ·G = aⱼ + cⱼ·α
    eqs.push({
      g: vj,
      k: 0n,
      terms: [
        [a, -1n],
        [ct.alpha, mod(-cj)],
      ],
    });
    // vⱼ·K = bⱼ + cⱼ·(β − j·G)
    eqs.push({
      g: mod(cj * BigInt(j)),
      k: vj,
      terms: [
        [b, -1n],
        [ct.beta, mod(-cj)],
      ],
    });
  }
  return eqs;
}
