import type { Common } from "@ethereumjs/common";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { Caches, MerkleStateManager } from "@ethereumjs/statemanager";
import { ValueEncoding } from "@ethereumjs/util";
import type { BufferedTrieDb } from "../db/bufferedTrieDb.ts";

// Trie nodes kept decoded in memory; sized for ~100k accounts on a node with a few hundred MB to spare.
const TRIE_NODE_CACHE = 200_000;

/** The state manager for the head state, over the node's buffered trie store. */
export function createStateManager(
  common: Common,
  trieDb: BufferedTrieDb,
  root?: Uint8Array,
): MerkleStateManager {
  const trie = new MerklePatriciaTrie({
    common,
    db: trieDb,
    useKeyHashing: true,
    valueEncoding: ValueEncoding.Bytes,
    cacheSize: TRIE_NODE_CACHE,
    ...(root ? { root } : {}),
  });
  return new MerkleStateManager({ common, trie, caches: new Caches() });
}
