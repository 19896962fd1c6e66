import { randomBytes } from "node:crypto";
import { sha512 } from "@noble/hashes/sha2.js";
import { bytesToNumberLE, concatBytes, u32, utf8 } from "./bytes.ts";
import { mod } from "./group.ts";

/** A source of random bytes. */
export type Rng = (length: number) => Uint8Array;

/** The operating system's CSPRNG: what real elections use. */
export const systemRng: Rng = (length) => new Uint8Array(randomBytes(length));

/**
 * A deterministic byte stream from a seed (SHA-512 in counter mode). Only for reproducible
 * fixtures and simulations; a real election must use systemRng.
 */
export function seededRng(seed: string): Rng {
  const key = sha512(utf8(seed));
  let counter = 0;
  let buffer: Uint8Array = new Uint8Array(0);
  return (length) => {
    while (buffer.length < length) buffer = concatBytes(buffer, sha512(concatBytes(key, u32(counter++))));
    const out = buffer.slice(0, length);
    buffer = buffer.slice(length);
    return out;
  };
}

/** A uniform non-zero scalar (64 random bytes reduced modulo q: bias below 2^-250). */
export function randomScalar(rng: Rng): bigint {
  for (;;) {
    const s = mod(bytesToNumberLE(rng(64)));
    if (s !== 0n) return s;
  }
}
