import type { Equation } from "../equation.ts";
import { encodePoint, G, mod, type Point } from "../group.ts";
import { type HashPart, hashToScalar } from "../hash.ts";
import { type Rng, randomScalar } from "../rng.ts";

/** Chaum–Pedersen proof that log_G(Y) = log_A(M): commitments a = u·G, b = u·A, response v. */
export interface DecryptionProof {
  a: Point;
  b: Point;
  v: bigint;
}

const TAG = "partial-decryption";

function challenge(context: HashPart[], Y: Point, A: Point, M: Point, a: Point, b: Point): bigint {
  return hashToScalar(TAG, [...context, ...[Y, A, M, a, b].map(encodePoint)]);
}

/** Trustee side: M = s·A with a proof that the same s is behind Y = s·G. */
export function provePartialDecryption(
  s: bigint,
  Y: Point,
  A: Point,
  context: HashPart[],
  rng: Rng,
): { M: Point; proof: DecryptionProof } {
  const M = A.multiply(s);
  const u = randomScalar(rng);
  const a = G.multiply(u);
  const b = A.multiply(u);
  const c = challenge(context, Y, A, M, a, b);
  return { M, proof: { a, b, v: mod(u + c * s) } };
}

/** The two equations v·G = a + c·Y and v·A = b + c·M. */
export function decryptionEquations(
  proof: DecryptionProof,
  Y: Point,
  A: Point,
  M: Point,
  context: HashPart[],
): Equation[] {
  const c = challenge(context, Y, A, M, proof.a, proof.b);
  return [
    {
      g: proof.v,
      k: 0n,
      terms: [
        [proof.a, -1n],
        [Y, mod(-c)],
      ],
    },
    {
      g: 0n,
      k: 0n,
      terms: [
        [A, proof.v],
        [proof.b, -1n],
        [M, mod(-c)],
      ],
    },
  ];
}
