import { VotingError } from "./errors.ts";

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Big-endian 4-byte encoding of a non-negative integer below 2^32. */
export function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new VotingError("VOTING_ENCODING_INVALID", `integer ${n} does not fit in 32 bits`);
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Little-endian integer of a byte string (scalars, wide reduction of 64-byte hashes, field elements). */
export function bytesToNumberLE(bytes: Uint8Array): bigint {
  // One hex parse instead of a bigint shift per byte: verification reads tens of scalars per ballot.
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes).reverse().toString("hex")}`);
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

const HEX = /^(?:[0-9a-f]{2})*$/;

/**
 * Strict hex decoding: lower-case only, even length and, when given, exactly `length`
 * bytes — so that every value has exactly one textual form in the record.
 */
export function fromHex(hex: unknown, length?: number, what = "value"): Uint8Array {
  if (typeof hex !== "string" || !HEX.test(hex)) {
    throw new VotingError(
      "VOTING_ENCODING_INVALID",
      `${what}: expected lower-case hex, got ${describe(hex)}`,
    );
  }
  if (length !== undefined && hex.length !== length * 2) {
    throw new VotingError(
      "VOTING_ENCODING_INVALID",
      `${what}: expected ${length} bytes, got ${hex.length / 2} (wrong length or trailing bytes)`,
    );
  }
  return new Uint8Array(Buffer.from(hex, "hex"));
}

function describe(v: unknown): string {
  if (typeof v === "string") return v.length > 20 ? `'${v.slice(0, 20)}…'` : `'${v}'`;
  return typeof v;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Lexicographic comparison of byte strings. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
