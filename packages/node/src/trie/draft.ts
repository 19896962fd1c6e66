import { compareNibbles, hexPrefix, toNibbles } from "./nibbles.ts";
import { encodeTrieNode } from "./nodeEncoding.ts";

/** A child reference as stored in a node: a 32-byte hash or an embedded (short) node. */
export type Ref = Uint8Array | Uint8Array[];
/** A node being rebuilt: only modified nodes exist in this form; untouched subtrees stay `Ref`s. */
export type Draft =
  | { readonly kind: "leaf"; readonly path: number[]; readonly value: Uint8Array }
  | { readonly kind: "ext"; readonly path: number[]; readonly child: Draft | Ref }
  | { readonly kind: "branch"; readonly children: (Draft | Ref | null)[]; readonly value: Uint8Array | null };
export interface Entry {
  readonly nibbles: number[];
  readonly value: Uint8Array;
}

export function isDraft(x: Draft | Ref): x is Draft {
  return !(x instanceof Uint8Array) && !Array.isArray(x);
}

export function sharedPrefix(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export function shift(entries: readonly Entry[], by: number): Entry[] {
  return entries.map((e) => ({ nibbles: e.nibbles.slice(by), value: e.value }));
}

/** A subtrie holding exactly `entries` (sorted, distinct keys, none a prefix of another). */
export function fresh(entries: readonly Entry[]): Draft {
  if (entries.length === 1) return { kind: "leaf", path: entries[0]!.nibbles, value: entries[0]!.value };
  const shared = sharedPrefix(entries[0]!.nibbles, entries[entries.length - 1]!.nibbles);
  if (shared > 0)
    return { kind: "ext", path: entries[0]!.nibbles.slice(0, shared), child: fresh(shift(entries, shared)) };
  const children: (Draft | null)[] = Array.from({ length: 16 }, () => null);
  let value: Uint8Array | null = null;
  let i = 0;
  if (entries[0]!.nibbles.length === 0) value = entries[i++]!.value;
  while (i < entries.length) {
    const nibble = entries[i]!.nibbles[0]!;
    const start = i;
    while (i < entries.length && entries[i]!.nibbles[0] === nibble) i++;
    children[nibble] = fresh(shift(entries.slice(start, i), 1));
  }
  return { kind: "branch", children, value };
}

/** Sorted entries for byte keys and their values. */
export function entriesOf(pairs: Iterable<readonly [Uint8Array, Uint8Array]>): Entry[] {
  return [...pairs]
    .map(([key, value]) => ({ nibbles: toNibbles(key), value }))
    .sort((a, b) => compareNibbles(a.nibbles, b.nibbles));
}

// Shared by every empty slot: nothing writes into a node's items once they are built.
const EMPTY = new Uint8Array(0);

/**
 * Encodes a draft bottom-up, each node once: a node of 32 bytes or more (or the root, when `top`)
 * is referenced by its hash and handed to `write`; a shorter one is embedded in its parent.
 */
export function encodeDraft(
  at: Draft | Ref,
  hash: (data: Uint8Array) => Uint8Array,
  write: (hash: Uint8Array, encoded: Uint8Array) => void,
  top = false,
): Ref {
  if (!isDraft(at)) return at;
  let raw: (Uint8Array | Ref)[];
  if (at.kind === "leaf") raw = [hexPrefix(at.path, true), at.value];
  else if (at.kind === "ext") raw = [hexPrefix(at.path, false), encodeDraft(at.child, hash, write)];
  else {
    raw = at.children.map((child) => (child === null ? EMPTY : encodeDraft(child, hash, write)));
    raw.push(at.value ?? EMPTY);
  }
  const encoded = encodeTrieNode(raw);
  if (encoded.length < 32 && !top) return raw as Uint8Array[];
  const digest = hash(encoded);
  write(digest, encoded);
  return digest;
}
