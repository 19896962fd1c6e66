import { FastPoint } from "./field.ts";
import { G, IDENTITY, mod, ORDER, type Point } from "./group.ts";
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

/**
 * Bit length of the random batch weights. The small-exponent test (Bellare, Garay, Rabin,
 * EUROCRYPT 1998) in a group of prime order q: if any equation is false, the weighted sum is
 * the identity for at most one value of that equation's weight given all the others, so a
 * batch with a false equation passes with probability at most 1/(2^64 − 1). The weights come
 * from the verifier's CSPRNG after the record is fixed, so a cheater cannot adapt to them.
 */
export const WEIGHT_BITS = 64;

/** Scalars of q's size: the bit length the full-size part of a batch is recoded for. */
const SCALAR_BITS = ORDER.toString(2).length;

/**
 * A batch of weighted equations, evaluated with one multi-scalar multiplication. Callers
 * draw a fresh weight z per equation and add z times its terms. The coefficients of G and K
 * are summed into one scalar each, so these fixed bases cost one term per batch. A point
 * whose coefficient is the bare weight (a proof commitment) goes to the short part, which
 * is recoded for WEIGHT_BITS bits only; every other term goes to the full part.
 */
export class Batch {
  private gSum = 0n;
  private kSum = 0n;
  private readonly shortPoints: Point[] = [];
  private readonly shortScalars: bigint[] = [];
  private readonly fullPoints: Point[] = [];
  private readonly fullScalars: bigint[] = [];
  private readonly rng: Rng;
  private readonly unweighted: boolean;
  private pool: Uint8Array = new Uint8Array(0);
  private used = 0;

  /** `unweighted` gives every equation weight 1: only for checking a single equation. */
  constructor(rng: Rng = systemRng, unweighted = false) {
    this.rng = rng;
    this.unweighted = unweighted;
  }

  /** A fresh uniform weight in [1, 2^WEIGHT_BITS). */
  weight(): bigint {
    if (this.unweighted) return 1n;
    for (;;) {
      // Drawn from the CSPRNG in blocks: one system call per 512 weights.
      if (this.used + 8 > this.pool.length) {
        this.pool = this.rng(4096);
        this.used = 0;
      }
      const z = new DataView(this.pool.buffer, this.pool.byteOffset + this.used, 8).getBigUint64(0);
      this.used += 8;
      if (z !== 0n) return z;
    }
  }

  /** Adds s·G. */
  addG(s: bigint): void {
    this.gSum += s;
  }

  /** Adds s·K (K: the joint key given to holds()). */
  addK(s: bigint): void {
    this.kSum += s;
  }

  /** Adds z·P for a weight z from weight(). */
  addShort(p: Point, z: bigint): void {
    this.shortPoints.push(p);
    this.shortScalars.push(z);
  }

  /** Adds s·P for any integer s (reduced modulo q). */
  addFull(p: Point, s: bigint): void {
    const r = mod(s);
    if (r === 0n) return;
    this.fullPoints.push(p);
    this.fullScalars.push(r);
  }

  /** Whether the weighted sum of everything added is the identity. */
  holds(jointKey: Point | undefined): boolean {
    const k = mod(this.kSum);
    if (k !== 0n && jointKey === undefined) return false;
    let sum = msm(this.fullPoints, this.fullScalars, SCALAR_BITS).add(
      msm(this.shortPoints, this.shortScalars, this.unweighted ? 1 : WEIGHT_BITS),
    );
    const g = mod(this.gSum);
    if (g !== 0n) sum = sum.add(G.multiply(g));
    if (k !== 0n && jointKey !== undefined) sum = sum.add(msm([jointKey], [k], SCALAR_BITS));
    return sum.is0();
  }
}

/** Adds one equation, multiplied by a fresh weight, to a batch. */
export function addEquation(batch: Batch, eq: Equation): void {
  const z = batch.weight();
  batch.addG(z * eq.g);
  batch.addK(z * eq.k);
  for (const [p, s] of eq.terms) {
    if (s === 1n) batch.addShort(p, z);
    else if (s === -1n) batch.addShort(p.negate(), z);
    else batch.addFull(p, z * s);
  }
}

/** Checks one equation on its own. */
export function checkEquation(eq: Equation, jointKey: Point | undefined): boolean {
  const batch = new Batch(systemRng, true);
  addEquation(batch, eq);
  return batch.holds(jointKey);
}

/**
 * Checks all equations at once: each is multiplied by an independent random WEIGHT_BITS-bit
 * weight and the sum is evaluated with one multi-scalar multiplication (see WEIGHT_BITS for
 * why a false equation survives with probability at most 1/(2^64 − 1)).
 */
export function checkEquations(eqs: Equation[], jointKey: Point | undefined, rng: Rng = systemRng): boolean {
  const batch = new Batch(rng);
  for (const eq of eqs) addEquation(batch, eq);
  return batch.holds(jointKey);
}

/**
 * Σ scalars[i]·points[i] for public scalars in [0, 2^bits), by the bucket method
 * (Pippenger) with signed window digits, on the point addition and doubling of field.ts.
 * Unlike the library's pippenger, the window count follows `bits` — so weight-sized scalars
 * cost a quarter of full-size ones — and the window width follows the number of points.
 * Not constant-time: only for public data (verification).
 */
export function msm(points: readonly Point[], scalars: readonly bigint[], bits: number): Point {
  const n = points.length;
  if (n !== scalars.length) throw new RangeError("msm: as many scalars as points are needed");
  if (n === 0) return IDENTITY;
  const c = windowWidth(n, bits);
  // One window more than the bits need, to absorb the carry of the signed recoding.
  const windows = Math.ceil(bits / c) + 1;
  const half = 1 << (c - 1);
  const full = 1 << c;
  const mask = BigInt(full - 1);
  const shift = BigInt(c);
  const digits = new Int32Array(windows * n);
  for (let i = 0; i < n; i++) {
    let s = scalars[i] as bigint;
    if (s < 0n || s >> BigInt(bits) !== 0n)
      throw new RangeError(`msm: scalar ${i} is outside [0, 2^${bits})`);
    let carry = 0;
    for (let w = 0; w < windows; w++) {
      let d = Number(s & mask) + carry;
      s >>= shift;
      carry = d >= half ? 1 : 0;
      if (carry) d -= full;
      digits[w * n + i] = d;
    }
  }
  const fast = points.map((p) => FastPoint.from(p));
  const negated: Array<FastPoint | undefined> = new Array(n);
  const buckets: Array<FastPoint | undefined> = new Array(half);
  let acc: FastPoint | undefined;
  for (let w = windows - 1; w >= 0; w--) {
    if (acc !== undefined) for (let j = 0; j < c; j++) acc = acc.double();
    buckets.fill(undefined);
    const row = w * n;
    for (let i = 0; i < n; i++) {
      const d = digits[row + i] as number;
      if (d === 0) continue;
      let p: FastPoint;
      if (d > 0) p = fast[i] as FastPoint;
      else {
        p = negated[i] ?? (fast[i] as FastPoint).negate();
        negated[i] = p;
      }
      const idx = (d > 0 ? d : -d) - 1;
      const b = buckets[idx];
      buckets[idx] = b === undefined ? p : b.add(p);
    }
    // Σ_j (j+1)·bucket[j] as a running sum from the top bucket down.
    let running: FastPoint | undefined;
    let windowSum: FastPoint | undefined;
    for (let j = half - 1; j >= 0; j--) {
      const b = buckets[j];
      if (b !== undefined) running = running === undefined ? b : running.add(b);
      if (running !== undefined) windowSum = windowSum === undefined ? running : windowSum.add(running);
    }
    if (windowSum !== undefined) acc = acc === undefined ? windowSum : acc.add(windowSum);
  }
  return acc === undefined ? IDENTITY : acc.toPoint();
}

/**
 * The window width minimising additions: per window, one per point plus two per bucket. At
 * least 2, so that a signed digit's carry into the extra top window stays below half.
 */
function windowWidth(n: number, bits: number): number {
  let best = 2;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let c = 2; c <= 20; c++) {
    const cost = (Math.ceil(bits / c) + 1) * (n + 2 ** c);
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}
