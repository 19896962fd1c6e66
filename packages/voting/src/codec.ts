import { concatBytes, fromHex, toHex, u32, utf8 } from "./bytes.ts";
import { VotingError } from "./errors.ts";
import {
  decodePoint,
  decodePublicKey,
  decodeScalar,
  encodePoint,
  encodeScalar,
  type Point,
} from "./group.ts";
import type { RangeProof } from "./proofs/range.ts";
import type { SchnorrProof } from "./proofs/schnorr.ts";
import type { RangeProofJson, SchnorrJson } from "./record.ts";

/** Appends canonical binary fields (SPEC §2.1). */
export class Writer {
  private readonly chunks: Uint8Array[] = [];
  /** u32 big-endian. */
  u32(n: number): this {
    this.chunks.push(u32(n));
    return this;
  }
  /** Fixed-length bytes. */
  raw(b: Uint8Array): this {
    this.chunks.push(b);
    return this;
  }
  /** u32 length ‖ bytes. */
  bytes(b: Uint8Array): this {
    return this.u32(b.length).raw(b);
  }
  /** u32 length ‖ UTF-8. */
  string(s: string): this {
    return this.bytes(utf8(s));
  }
  /** The bytes written so far. */
  finish(): Uint8Array {
    return concatBytes(...this.chunks);
  }
}

/** Reads canonical binary fields strictly: short input and trailing bytes are errors. */
export class Reader {
  private offset = 0;
  private readonly buf: Uint8Array;
  constructor(buf: Uint8Array) {
    this.buf = buf;
  }
  /** Next n bytes. */
  raw(n: number): Uint8Array {
    if (this.offset + n > this.buf.length) {
      throw new VotingError("VOTING_ENCODING_INVALID", "input ends early: truncated encoding");
    }
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  /** u32 big-endian. */
  u32(): number {
    const b = this.raw(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }
  /** A bounded count, so a hostile length cannot make the reader allocate without limit. */
  count(max: number): number {
    const n = this.u32();
    if (n > max) throw new VotingError("VOTING_ENCODING_INVALID", `count ${n} exceeds the limit ${max}`);
    return n;
  }
  /** A canonical point. */
  point(): Point {
    return decodePoint(this.raw(32));
  }
  /** A canonical scalar. */
  scalar(): bigint {
    return decodeScalar(this.raw(32));
  }
  /** Fails unless every byte was consumed. */
  end(): void {
    if (this.offset !== this.buf.length) {
      throw new VotingError("VOTING_ENCODING_INVALID", `${this.buf.length - this.offset} trailing bytes`);
    }
  }
}

/** Decodes a hex point field strictly. */
export function pointFromHex(hex: unknown, what: string): Point {
  return decodePoint(fromHex(hex, 32, what), what);
}

/** Decodes a hex public-key field strictly (identity refused). */
export function keyFromHex(hex: unknown, what: string): Point {
  return decodePublicKey(fromHex(hex, 32, what), what);
}

/** Decodes a hex scalar field strictly. */
export function scalarFromHex(hex: unknown, what: string): bigint {
  return decodeScalar(fromHex(hex, 32, what), what);
}

/** Schnorr proof → JSON. */
export function schnorrToJson(p: SchnorrProof): SchnorrJson {
  return { R: toHex(encodePoint(p.R)), s: toHex(encodeScalar(p.s)) };
}

/** JSON → Schnorr proof, strictly. */
export function schnorrFromJson(j: SchnorrJson | undefined, what: string): SchnorrProof {
  if (j === undefined || j === null || typeof j !== "object") {
    throw new VotingError("VOTING_ENCODING_INVALID", `${what}: missing proof`);
  }
  return { R: pointFromHex(j.R, `${what}.R`), s: scalarFromHex(j.s, `${what}.s`) };
}

/** Range proof → JSON. */
export function rangeToJson(p: RangeProof): RangeProofJson {
  return {
    commitments: p.commitments.map((c) => toHex(encodePoint(c))),
    challenges: p.challenges.map((c) => toHex(encodeScalar(c))),
    responses: p.responses.map((c) => toHex(encodeScalar(c))),
  };
}

/** JSON → range proof with exactly limit+1 branches, strictly. */
export function rangeFromJson(j: RangeProofJson | undefined, limit: number, what: string): RangeProof {
  return decodeRangeJson(j, limit, what).proof;
}

/**
 * Like rangeFromJson, and also returns the commitments' canonical encodings, so that the
 * challenge can be hashed from the decoded bytes without encoding the points again.
 */
export function decodeRangeJson(
  j: RangeProofJson | undefined,
  limit: number,
  what: string,
): { proof: RangeProof; commitmentBytes: Uint8Array[] } {
  const n = limit + 1;
  if (
    j === undefined ||
    !Array.isArray(j.commitments) ||
    !Array.isArray(j.challenges) ||
    !Array.isArray(j.responses) ||
    j.commitments.length !== 2 * n ||
    j.challenges.length !== n ||
    j.responses.length !== n
  ) {
    throw new VotingError("VOTING_ENCODING_INVALID", `${what}: a proof for 0…${limit} has ${n} branches`);
  }
  const commitmentBytes = j.commitments.map((c, i) => fromHex(c, 32, `${what}.commitments[${i}]`));
  return {
    proof: {
      commitments: commitmentBytes.map((b, i) => decodePoint(b, `${what}.commitments[${i}]`)),
      challenges: j.challenges.map((c, i) => scalarFromHex(c, `${what}.challenges[${i}]`)),
      responses: j.responses.map((c, i) => scalarFromHex(c, `${what}.responses[${i}]`)),
    },
    commitmentBytes,
  };
}

/** Canonical binary of a range proof: u32 branches ‖ commitments ‖ challenges ‖ responses. */
export function writeRange(w: Writer, j: RangeProofJson): void {
  w.u32(j.challenges.length);
  for (const c of j.commitments) w.raw(fromHex(c, 32));
  for (const c of j.challenges) w.raw(fromHex(c, 32));
  for (const c of j.responses) w.raw(fromHex(c, 32));
}

/** Reads a range proof written by writeRange, strictly. */
export function readRange(r: Reader, maxBranches: number): RangeProofJson {
  const n = r.count(maxBranches);
  if (n < 2) throw new VotingError("VOTING_ENCODING_INVALID", "a range proof has at least 2 branches");
  const pts = Array.from({ length: 2 * n }, () => toHex(encodePoint(r.point())));
  const ch = Array.from({ length: n }, () => toHex(encodeScalar(r.scalar())));
  const re = Array.from({ length: n }, () => toHex(encodeScalar(r.scalar())));
  return { commitments: pts, challenges: ch, responses: re };
}
