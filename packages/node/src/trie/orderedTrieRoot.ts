import { RLP } from "@ethereumjs/rlp";
import { KECCAK256_RLP } from "@ethereumjs/util";
import { compareNibbles, hexPrefix, toNibbles } from "./nibbles.ts";

type Hash = (data: Uint8Array) => Uint8Array;
type RlpNode = Uint8Array | RlpNode[];

interface Entry {
  readonly nibbles: number[];
  readonly value: Uint8Array;
}

function commonPrefix(entries: readonly Entry[], depth: number): number {
  const first = entries[0]!.nibbles;
  const last = entries[entries.length - 1]!.nibbles;
  // Entries are sorted, so the prefix shared by the first and last is shared by all.
  let n = 0;
  while (depth + n < first.length && depth + n < last.length && first[depth + n] === last[depth + n]) n++;
  return n;
}

/** A child reference: nodes under 32 bytes are inlined, larger ones referenced by hash. */
function reference(node: RlpNode, hash: Hash): RlpNode {
  const encoded = RLP.encode(node);
  return encoded.length < 32 ? node : hash(encoded);
}

function build(entries: readonly Entry[], depth: number, hash: Hash): RlpNode {
  if (entries.length === 1) {
    const only = entries[0]!;
    return [hexPrefix(only.nibbles.slice(depth), true), only.value];
  }
  const shared = commonPrefix(entries, depth);
  if (shared > 0) {
    const branch = build(entries, depth + shared, hash);
    return [hexPrefix(entries[0]!.nibbles.slice(depth, depth + shared), false), reference(branch, hash)];
  }
  const children: RlpNode[] = [];
  let value: Uint8Array = new Uint8Array(0);
  let i = 0;
  if (entries[0]!.nibbles.length === depth) value = entries[i++]!.value;
  for (let nibble = 0; nibble < 16; nibble++) {
    const start = i;
    while (i < entries.length && entries[i]!.nibbles[depth] === nibble) i++;
    children.push(
      i === start ? new Uint8Array(0) : reference(build(entries.slice(start, i), depth + 1, hash), hash),
    );
  }
  children.push(value);
  return children;
}

/**
 * The root of the Merkle-Patricia trie mapping RLP(index) → value, as used for a block's
 * transactions and receipts roots. The whole key set is known up front, so the trie is built
 * bottom-up in one pass with each node hashed once, instead of re-hashing the path to the
 * root on every insert as an incremental trie does (the incremental trie costs about 0.2 ms per
 * entry at 1,500 entries; this builder a few microseconds). Tested against @ethereumjs/mpt.
 */
export function orderedTrieRoot(values: readonly Uint8Array[], hash: Hash): Uint8Array {
  if (values.length === 0) return KECCAK256_RLP;
  const entries = values
    .map((value, i) => ({ nibbles: toNibbles(RLP.encode(i)), value }))
    .sort((a, b) => compareNibbles(a.nibbles, b.nibbles));
  return hash(RLP.encode(build(entries, 0, hash)));
}
