import type { Common } from "@ethereumjs/common";
import { Caches, MerkleStateManager } from "@ethereumjs/statemanager";
import { ValueEncoding } from "@ethereumjs/util";
import type { BufferedTrieDb } from "../db/bufferedTrieDb.ts";
import { BatchingTrie } from "../trie/batchingTrie.ts";

// Trie nodes kept decoded in memory; sized for ~100k accounts on a node with a few hundred MB to spare.
const TRIE_NODE_CACHE = 200_000;

/**
 * EthereumJS's state manager, whose flush of cached account changes into the account trie (at
 * the end of a block's execution) is applied as one batch instead of one put per account.
 */
class BatchFlushStateManager extends MerkleStateManager {
  override async flush(): Promise<void> {
    const trie = this._trie as BatchingTrie;
    trie.openBatch();
    try {
      await super.flush();
    } finally {
      await trie.closeBatch();
    }
  }
}

/** The state manager for the head state, over the node's buffered trie store. */
export function createStateManager(
  common: Common,
  trieDb: BufferedTrieDb,
  root?: Uint8Array,
): MerkleStateManager {
  const trie = new BatchingTrie({
    common,
    db: trieDb,
    useKeyHashing: true,
    valueEncoding: ValueEncoding.Bytes,
    cacheSize: TRIE_NODE_CACHE,
    ...(root ? { root } : {}),
  });
  return new BatchFlushStateManager({ common, trie, caches: new Caches() });
}
