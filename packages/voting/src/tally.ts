import { toHex } from "./bytes.ts";
import { pointFromHex } from "./codec.ts";
import { VotingError } from "./errors.ts";
import { encodePoint, encodeScalar, G, IDENTITY, invert, mod, mul, type Point } from "./group.ts";
import type { HashPart } from "./hash.ts";
import { provePartialDecryption } from "./proofs/decryption.ts";
import type { Ciphertext } from "./proofs/range.ts";
import type { BallotJson, PartialDecryptionJson, TallyJson } from "./record.ts";
import type { Rng } from "./rng.ts";

/** Context of trustee j's proof for one aggregate ciphertext. */
export function decryptionContext(
  extendedHash: Uint8Array,
  trustee: number,
  contest: number,
  option: number,
): HashPart[] {
  return [extendedHash, trustee, contest, option];
}

/**
 * Which ballots count: for each credential its last ballot in record order (re-voting).
 * Returns the indices of counted ballots, in record order.
 */
export function countedBallots(ballots: Array<Pick<BallotJson, "credential">>): number[] {
  const last = new Map<string, number>();
  ballots.forEach((b, i) => {
    last.set(b.credential, i);
  });
  return [...last.values()].sort((a, b) => a - b);
}

/** Homomorphic aggregate of the counted ballots: per contest, per option Σα, Σβ. */
export function aggregateBallots(ballots: BallotJson[], counted: number[]): Ciphertext[][] {
  const first = ballots[counted[0] ?? 0];
  const shape = first ? first.contests.map((c) => c.selections.length) : [];
  const acc: Ciphertext[][] = shape.map((n) =>
    Array.from({ length: n }, () => ({ alpha: IDENTITY, beta: IDENTITY })),
  );
  for (const i of counted) {
    const b = ballots[i] as BallotJson;
    b.contests.forEach((c, ci) => {
      c.selections.forEach((s, oi) => {
        const cell = (acc[ci] as Ciphertext[])[oi] as Ciphertext;
        cell.alpha = cell.alpha.add(pointFromHex(s.alpha, "alpha"));
        cell.beta = cell.beta.add(pointFromHex(s.beta, "beta"));
      });
    });
  }
  return acc;
}

/** Aggregate → JSON. */
export function aggregateToJson(agg: Ciphertext[][]): TallyJson["aggregate"] {
  return agg.map((c) =>
    c.map((ct) => ({ alpha: toHex(encodePoint(ct.alpha)), beta: toHex(encodePoint(ct.beta)) })),
  );
}

/** Trustee j's partial decryption of every aggregate ciphertext, each with its proof. */
export function partialDecrypt(
  trustee: number,
  keyShare: bigint,
  aggregate: Ciphertext[][],
  extendedHash: Uint8Array,
  rng: Rng,
): PartialDecryptionJson {
  const Y = G.multiply(keyShare);
  return {
    trustee,
    contests: aggregate.map((c, ci) => ({
      shares: c.map((ct, oi) => {
        const { M, proof } = provePartialDecryption(
          keyShare,
          Y,
          ct.alpha,
          decryptionContext(extendedHash, trustee, ci, oi),
          rng,
        );
        return {
          M: toHex(encodePoint(M)),
          proof: {
            a: toHex(encodePoint(proof.a)),
            b: toHex(encodePoint(proof.b)),
            v: toHex(encodeScalar(proof.v)),
          },
        };
      }),
    })),
  };
}

/** Lagrange coefficient λ_j = Π_{l∈S, l≠j} l / (l − j) mod q, for interpolation at 0. */
export function lagrange(j: number, set: number[]): bigint {
  let num = 1n;
  let den = 1n;
  for (const l of set) {
    if (l === j) continue;
    num = mod(num * BigInt(l));
    den = mod(den * BigInt(l - j));
  }
  return mod(num * invert(den));
}

/** Σ_j λ_j·M_j = s·A, computed from partial decryptions of trustees `set` only. */
export function combinePartials(shares: Point[], set: number[]): Point {
  let acc = IDENTITY;
  shares.forEach((M, i) => {
    acc = acc.add(mul(M, lagrange(set[i] as number, set)));
  });
  return acc;
}

/**
 * Bounded discrete logarithm: t in [0, bound] with t·G = target, by baby-step giant-step
 * (O(√bound) group operations). Throws when no such t exists.
 */
export function boundedDiscreteLog(target: Point, bound: number): number {
  const m = Math.ceil(Math.sqrt(bound + 1));
  const baby = new Map<string, number>();
  let p = IDENTITY;
  for (let i = 0; i < m; i++) {
    baby.set(toHex(encodePoint(p)), i);
    p = p.add(G);
  }
  const step = mul(G, BigInt(m)).negate();
  let gamma = target;
  for (let j = 0; j <= m; j++) {
    const i = baby.get(toHex(encodePoint(gamma)));
    if (i !== undefined) {
      const t = j * m + i;
      if (t <= bound) return t;
    }
    gamma = gamma.add(step);
  }
  throw new VotingError("VOTING_DISCRETE_LOG_NOT_FOUND", `no total in 0…${bound} matches the decryption`);
}

/** The totals from ≥k partial decryptions: t·G = β − Σ λ_j M_j. */
export function decryptTotals(
  aggregate: Ciphertext[][],
  partials: PartialDecryptionJson[],
  bound: number,
): number[][] {
  const set = partials.map((p) => p.trustee);
  return aggregate.map((c, ci) =>
    c.map((ct, oi) => {
      const shares = partials.map((p) => pointFromHex(p.contests[ci]?.shares[oi]?.M, "M"));
      return boundedDiscreteLog(ct.beta.subtract(combinePartials(shares, set)), bound);
    }),
  );
}
