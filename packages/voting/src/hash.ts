import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { bytesToNumberLE, u32, utf8 } from "./bytes.ts";
import { mod } from "./group.ts";

/** A hash input part: bytes, or a small integer encoded as 4 bytes big-endian. */
export type HashPart = Uint8Array | number;

/** Every domain-separation tag starts with this prefix (SPEC §2). */
export const TAG_PREFIX = "civitas-voting-v1/";

/**
 * The framed hash input: u32(len(tag)) ‖ tag ‖ for each part u32(len(part)) ‖ part, so no
 * two different statements share an encoding.
 */
export function frame(tag: string, parts: HashPart[]): Uint8Array {
  const t = utf8(TAG_PREFIX + tag);
  const bytes = parts.map((p) => (typeof p === "number" ? u32(p) : p));
  let length = 4 + t.length;
  for (const b of bytes) length += 4 + b.length;
  // Written in place, not through a spread: a signed issuance log has one part per voter.
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, t.length);
  out.set(t, 4);
  let at = 4 + t.length;
  for (const b of bytes) {
    view.setUint32(at, b.length);
    out.set(b, at + 4);
    at += 4 + b.length;
  }
  return out;
}

/** H(tag, parts): SHA-256 over the framed input, 32 bytes. */
export function hashBytes(tag: string, parts: HashPart[]): Uint8Array {
  return sha256(frame(tag, parts));
}

/** Hq(tag, parts): SHA-512 over the framed input reduced modulo q (a Fiat–Shamir challenge). */
export function hashToScalar(tag: string, parts: HashPart[]): bigint {
  return mod(bytesToNumberLE(sha512(frame(tag, parts))));
}
