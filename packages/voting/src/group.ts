import { ristretto255 } from "@noble/curves/ed25519.js";
import { bytesToNumberLE, toHex } from "./bytes.ts";
import { VotingError } from "./errors.ts";
import { decodeRistretto } from "./field.ts";

/** A ristretto255 group element (RFC 9496). */
export type Point = InstanceType<typeof ristretto255.Point>;
/** The group class: generator, identity and decoding. */
export const Group = ristretto255.Point;
/** The group order q. */
export const ORDER: bigint = Group.Fn.ORDER;
/** The standard generator g. */
export const G: Point = Group.BASE;
/** The identity element. */
export const IDENTITY: Point = Group.ZERO;

/** Reduces an integer modulo q into [0, q). */
export function mod(a: bigint): bigint {
  const r = a % ORDER;
  return r < 0n ? r + ORDER : r;
}

/** Modular inverse modulo q (q is prime). */
export function invert(a: bigint): bigint {
  return Group.Fn.inv(mod(a));
}

/**
 * Encodings already computed, by point. An encoding costs a field exponentiation (~80 µs),
 * and a prover encodes each point twice: for its challenge and for the record.
 */
const encodings = new WeakMap<Point, Uint8Array>();

/** Canonical 32-byte encoding of a point (a fresh copy the caller may keep or change). */
export function encodePoint(p: Point): Uint8Array {
  let bytes = encodings.get(p);
  if (bytes === undefined) {
    bytes = p.toBytes();
    encodings.set(p, bytes);
  }
  return bytes.slice();
}

/** Hex of a point's canonical encoding. */
export function pointHex(p: Point): string {
  return toHex(encodePoint(p));
}

/**
 * Strict point decoding: exactly 32 bytes of a canonical ristretto255 encoding; every
 * non-canonical or invalid encoding is rejected (RFC 9496 §4.3.1, see field.ts).
 */
export function decodePoint(bytes: Uint8Array, what = "point"): Point {
  if (bytes.length !== 32) {
    throw new VotingError("VOTING_ENCODING_INVALID", `${what}: a point is 32 bytes, got ${bytes.length}`);
  }
  const p = decodeRistretto(bytes);
  if (p === undefined) {
    throw new VotingError("VOTING_ENCODING_INVALID", `${what}: not a canonical ristretto255 encoding`);
  }
  return p;
}

/** Like decodePoint, but also refuses the identity, which is never a valid public key. */
export function decodePublicKey(bytes: Uint8Array, what = "public key"): Point {
  const p = decodePoint(bytes, what);
  if (p.is0()) throw new VotingError("VOTING_ENCODING_INVALID", `${what}: the identity is not a valid key`);
  return p;
}

/** Canonical 32-byte little-endian encoding of a scalar in [0, q). */
export function encodeScalar(s: bigint): Uint8Array {
  if (s < 0n || s >= ORDER) throw new VotingError("VOTING_ENCODING_INVALID", "scalar out of range [0, q)");
  const out = new Uint8Array(32);
  let v = s;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Strict scalar decoding: exactly 32 bytes, little-endian, value below q. */
export function decodeScalar(bytes: Uint8Array, what = "scalar"): bigint {
  if (bytes.length !== 32) {
    throw new VotingError("VOTING_ENCODING_INVALID", `${what}: a scalar is 32 bytes, got ${bytes.length}`);
  }
  const v = bytesToNumberLE(bytes);
  if (v >= ORDER)
    throw new VotingError("VOTING_ENCODING_INVALID", `${what}: not reduced modulo q (non-canonical)`);
  return v;
}

/** g^m for a small non-negative integer message (exponential ElGamal encoding). */
export function gPow(m: bigint): Point {
  return m === 0n ? IDENTITY : G.multiply(mod(m));
}

/** p^s allowing s = 0 (the library refuses 0 in multiply). */
export function mul(p: Point, s: bigint): Point {
  const r = mod(s);
  return r === 0n ? IDENTITY : p.multiply(r);
}
