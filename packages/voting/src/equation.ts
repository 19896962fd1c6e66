import { pippenger } from "@noble/curves/abstract/curve.js";
import { G, Group, mod, type Point } from "./group.ts";
import { type Rng, systemRng } from "./rng.ts";

/**
 * A group equation g·G + k·K + Σ sᵢ·Pᵢ = 0, where G is the generator and K the election's
 * joint key. Every proof check in this package reduces to a few of these, so that many can
 * be checked at once by a random linear combination.
 */
export interface Equation {
  g: bigint;
  k: bigint;
  terms: Array<[Point, bigint]>;
}

/** Checks one equation on its own. */
export function checkEquation(eq: Equation, jointKey: Point | undefined): boolean {
  return checkEquations([eq], jointKey, () => new Uint8Array(16).fill(0), true);
}

/**
 * Checks all equations at once: each is multiplied by an independent random 128-bit weight
 * and the sum is evaluated with one multi-scalar multiplication (Pippenger). A false
 * equation survives with probability at most 2^-128.
 */
export function checkEquations(
  eqs: Equation[],
  jointKey: Point | undefined,
  rng: Rng = systemRng,
  unweighted = false,
): boolean {
  let gSum = 0n;
  let kSum = 0n;
  const points: Point[] = [];
  const scalars: bigint[] = [];
  for (const eq of eqs) {
    const z = unweighted ? 1n : weight(rng);
    gSum += z * eq.g;
    kSum += z * eq.k;
    for (const [p, s] of eq.terms) {
      points.push(p);
      scalars.push(mod(z * s));
    }
  }
  gSum = mod(gSum);
  kSum = mod(kSum);
  if (gSum !== 0n) {
    points.push(G);
    scalars.push(gSum);
  }
  if (kSum !== 0n) {
    if (jointKey === undefined) return false;
    points.push(jointKey);
    scalars.push(kSum);
  }
  if (points.length === 0) return true;
  return pippenger(Group, points, scalars).is0();
}

function weight(rng: Rng): bigint {
  const b = rng(16);
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v === 0n ? 1n : v;
}
