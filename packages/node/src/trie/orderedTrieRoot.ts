import { RLP } from "@ethereumjs/rlp";
import { KECCAK256_RLP } from "@ethereumjs/util";
import { encodeDraft, entriesOf, fresh } from "./draft.ts";

/**
 * The root of the Merkle-Patricia trie mapping RLP(index) → value, as used for a block's
 * transactions and receipts roots. The whole key set is known up front, so the trie is built
 * bottom-up in one pass with each node hashed once, instead of re-hashing the path to the
 * root on every insert as an incremental trie does (the incremental trie costs about 0.2 ms per
 * entry at 1,500 entries; this builder a few microseconds). Tested against @ethereumjs/mpt.
 */
export function orderedTrieRoot(
  values: readonly Uint8Array[],
  hash: (data: Uint8Array) => Uint8Array,
): Uint8Array {
  if (values.length === 0) return KECCAK256_RLP;
  const draft = fresh(entriesOf(values.map((value, i) => [RLP.encode(i), value] as const)));
  return encodeDraft(draft, hash, () => {}, true) as Uint8Array;
}
