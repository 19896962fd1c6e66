import type { Equation } from "../equation.ts";
import { encodePoint, encodeScalar, G, mod, type Point } from "../group.ts";
import { type HashPart, hashToScalar } from "../hash.ts";
import { type Rng, randomScalar } from "../rng.ts";

/** A Schnorr proof of knowledge of log_G(P), or a Schnorr signature: commitment R, response s. */
export interface SchnorrProof {
  R: Point;
  s: bigint;
}

/**
 * Proves knowledge of x with P = x·G. The challenge c = Hq(tag, context…, P, R) binds the
 * whole statement (strong Fiat–Shamir); a signature puts the message in the context.
 */
export function proveSchnorr(x: bigint, P: Point, tag: string, context: HashPart[], rng: Rng): SchnorrProof {
  const u = randomScalar(rng);
  const R = G.multiply(u);
  const c = hashToScalar(tag, [...context, encodePoint(P), encodePoint(R)]);
  return { R, s: mod(u + c * x) };
}

/** The equation s·G − R − c·P = 0 that a valid proof satisfies. */
export function schnorrEquation(proof: SchnorrProof, P: Point, tag: string, context: HashPart[]): Equation {
  const c = hashToScalar(tag, [...context, encodePoint(P), encodePoint(proof.R)]);
  return {
    g: proof.s,
    k: 0n,
    terms: [
      [proof.R, -1n],
      [P, mod(-c)],
    ],
  };
}

/** Canonical encoding R ‖ s (64 bytes). */
export function encodeSchnorr(proof: SchnorrProof): Uint8Array[] {
  return [encodePoint(proof.R), encodeScalar(proof.s)];
}
