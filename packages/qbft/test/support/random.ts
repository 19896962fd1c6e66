/** A small seeded PRNG (mulberry32) so every schedule replays exactly from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic secp256k1 keys for validator i (never used outside tests). */
export function testKey(i: number): Uint8Array {
  const key = new Uint8Array(32);
  key[31] = i + 1;
  key[0] = 0x42;
  return key;
}
