/** A byte key as trie nibbles, high nibble first. */
export function toNibbles(key: Uint8Array): number[] {
  const out = new Array<number>(key.length * 2);
  for (let i = 0; i < key.length; i++) {
    out[2 * i] = key[i]! >> 4;
    out[2 * i + 1] = key[i]! & 0x0f;
  }
  return out;
}

/** Hex-prefix encoding of a nibble path (Yellow Paper appendix C). */
export function hexPrefix(nibbles: readonly number[], leaf: boolean): Uint8Array {
  const odd = nibbles.length % 2;
  const out = new Uint8Array(1 + (nibbles.length >> 1));
  const flag = (leaf ? 2 : 0) + odd;
  out[0] = odd ? (flag << 4) | nibbles[0]! : flag << 4;
  for (let i = odd, j = 1; i < nibbles.length; i += 2, j++) out[j] = (nibbles[i]! << 4) | nibbles[i + 1]!;
  return out;
}

/** The nibbles of a hex-prefix encoded path, and whether it is a leaf's (the inverse of hexPrefix). */
export function fromHexPrefix(path: Uint8Array): { nibbles: number[]; leaf: boolean } {
  if (path.length === 0) throw new Error("a hex-prefixed path is empty");
  const flag = path[0]! >> 4;
  if (flag > 3) throw new Error(`a hex-prefixed path has flag ${flag}`);
  const nibbles = flag & 1 ? [path[0]! & 0x0f] : [];
  for (let i = 1; i < path.length; i++) nibbles.push(path[i]! >> 4, path[i]! & 0x0f);
  return { nibbles, leaf: flag >= 2 };
}

/** Lexicographic order of nibble paths. */
export function compareNibbles(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
