import type { Common } from "@ethereumjs/common";
import type { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import { MerkleStateManager } from "@ethereumjs/statemanager";
import {
  type Account,
  type Address,
  bytesToUnprefixedHex,
  createAccountFromRLP,
  createAddressFromString,
  hexToBytes,
  unpadBytes,
  ValueEncoding,
} from "@ethereumjs/util";
import { keccak256 } from "../crypto/nativeCrypto.ts";
import type { BufferedTrieDb } from "../db/bufferedTrieDb.ts";
import { BatchingTrie } from "../trie/batchingTrie.ts";
import { FLAT_STORAGE_PREFIX_BYTES, type FlatState, type FlatView } from "./flatState.ts";
import { AccountEntry, copyAccount, createStateCaches, type ObjectAccountCache } from "./stateCaches.ts";

// EthereumJS's own node cache of the head state (the VM's). Reads go through the process-wide
// node cache of trie/pathReader.ts; this one serves EthereumJS's incremental deletes and nodes
// that exist only in an open checkpoint, and holds the nodes the state writes.
const TRIE_NODE_CACHE = 200_000;
// The same for a short-lived read-only state (a call, a balance, the pool's nonce checks): the LRU
// allocates its full capacity up front, which at the head's size costs milliseconds per state.
const READ_STATE_NODE_CACHE = 2_000;

// Accounts the head state's caches keep across blocks: more than the busiest block touches, so a
// block's accounts are cached while it executes; the caches are emptied once past it.
const HEAD_STATE_CACHED_ACCOUNTS = 100_000;

/**
 * Bytes of a contract's hashed address that prefix its storage-trie nodes' keys. EthereumJS's own
 * option uses 7, a birthday collision at 2^28 addresses (cheap to grind with CREATE2), and two
 * contracts sharing a prefix could share a node that pruning deletes for one of them; at 20 bytes
 * that takes 2^80.
 */
const STORAGE_PREFIX_BYTES = FLAT_STORAGE_PREFIX_BYTES;

/** The key prefix of a contract's storage-trie nodes (and flat-index entries), from its hashed address. */
export function storagePrefix(hashedAddress: Uint8Array): Uint8Array {
  return hashedAddress.slice(0, STORAGE_PREFIX_BYTES);
}

/**
 * EthereumJS's state manager, whose flush of cached changes into the tries (at the end of a
 * block's execution) writes each contract's storage slots and then all accounts as batches,
 * instead of one incremental trie put per slot and per account.
 */
class BatchFlushStateManager extends MerkleStateManager {
  /** A read-only state (calls, the pool's checks, the permission reader) never writes its tries. */
  readOnly = false;
  /** Key each contract's storage-trie nodes under its own prefix (see BufferedTrieDb.prefixStorage). */
  prefixStorage = true;
  /** Accounts the caches may hold after a flush before they are emptied (see flush). */
  cacheBound = HEAD_STATE_CACHED_ACCOUNTS;

  /** The node's flat state index (see flatState.ts), read instead of the trie where it knows the state. */
  flat: FlatState | undefined;
  /**
   * Storage prefixes (hex) of contracts whose storage this execution wiped and has not flushed yet
   * (CREATE clears its address, an account can be deleted), one set per open checkpoint, so that
   * a reverted wipe is forgotten. Their storage is read from the trie, as EthereumJS reads it.
   */
  #cleared: Set<string>[] = [new Set()];
  #flushing = false;

  /**
   * A cached account is copied from its kept object instead of decoded from its RLP (see
   * stateCaches.ts); one not cached is read from the flat index if it knows this state.
   */
  override async getAccount(address: Address): Promise<Account | undefined> {
    const cached = this._caches?.account?.get(address);
    if (cached instanceof AccountEntry) return copyAccount(cached.account);
    const view = cached === undefined ? this.#flatView() : undefined;
    if (view === undefined) return super.getAccount(address);
    const rlp = view.account(keccak256(address.bytes));
    const account = rlp === null ? undefined : createAccountFromRLP(rlp);
    this._caches?.account?.put(address, account);
    return account;
  }

  /** EthereumJS's read, with a slot that is not cached read from the flat index if it knows this state. */
  override async getStorage(address: Address, key: Uint8Array): Promise<Uint8Array> {
    const cache = this._caches?.storage;
    if (
      key.length !== 32 ||
      cache === undefined ||
      cache.get(address, key) !== undefined ||
      !this.#flatView()
    )
      return super.getStorage(address, key);
    const account = await this.getAccount(address);
    if (!account) return new Uint8Array();
    const hashed = keccak256(address.bytes);
    const view = this.#flatView();
    if (view === undefined || this.#wasCleared(hashed)) return super.getStorage(address, key);
    const value = view.storage(storagePrefix(hashed), keccak256(key));
    cache.put(address, key, value ?? Uint8Array.of(0x80)); // an empty value's RLP, as EthereumJS caches it
    return RLP.decode(value ?? new Uint8Array(0)) as Uint8Array;
  }

  /** The flat index's view of the state the tries hold (between flushes: the state execution started from). */
  #flatView(): FlatView | undefined {
    if (this.flat === undefined || this.#flushing) return undefined;
    return this.flat.view(this._trie.root());
  }

  #wasCleared(hashed: Uint8Array): boolean {
    if (this.#cleared.every((set) => set.size === 0)) return false;
    const prefix = bytesToUnprefixedHex(storagePrefix(hashed));
    return this.#cleared.some((set) => set.has(prefix));
  }

  override async clearStorage(address: Address): Promise<void> {
    this.#noteWipe(address);
    await super.clearStorage(address);
  }

  override async deleteAccount(address: Address): Promise<void> {
    this.#noteWipe(address);
    await super.deleteAccount(address);
  }

  /** Records that `address`'s storage is wiped, in the innermost open checkpoint. */
  #noteWipe(address: Address): void {
    this.#cleared.at(-1)!.add(bytesToUnprefixedHex(storagePrefix(keccak256(address.bytes))));
  }

  override async checkpoint(): Promise<void> {
    this.#cleared.push(new Set());
    await super.checkpoint();
  }

  override async commit(): Promise<void> {
    // Before EthereumJS's commit, which flushes when the last checkpoint closes.
    if (this.#cleared.length > 1) {
      const committed = this.#cleared.pop()!;
      for (const prefix of committed) this.#cleared.at(-1)!.add(prefix);
    }
    await super.commit();
  }

  override async revert(): Promise<void> {
    if (this.#cleared.length > 1) this.#cleared.pop();
    await super.revert();
  }

  /** EthereumJS's lookup, with this node's storage prefix (STORAGE_PREFIX_BYTES). */
  override _getStorageTrie(addressOrHash: Address | Uint8Array, rootAccount?: Account): MerklePatriciaTrie {
    const hashed = addressOrHash instanceof Uint8Array ? addressOrHash : keccak256(addressOrHash.bytes);
    const hex = bytesToUnprefixedHex(hashed);
    let trie = this._storageTries[hex];
    if (trie === undefined) {
      trie = this._trie.shallowCopy(false, this.prefixStorage ? { keyPrefix: storagePrefix(hashed) } : {});
      trie.root(rootAccount?.storageRoot ?? trie.EMPTY_TRIE_ROOT);
      trie.flushCheckpoints();
      this._storageTries[hex] = trie;
    }
    return trie;
  }

  /**
   * Writes a storage slot to the storage cache only. EthereumJS's own `putStorage` also writes it
   * through to the storage trie at once (`cache.put(…) ?? write(…)` on a put that returns
   * nothing), an incremental trie update per SSTORE that `flush` then repeats as a batch.
   */
  override async putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void> {
    const cache = this._caches?.storage;
    if (!cache) return super.putStorage(address, key, value);
    if (key.length !== 32) throw new Error("Storage key must be 32 bytes long");
    if (value.length > 32) throw new Error("Storage value cannot be longer than 32 bytes");
    if (!(await this.getAccount(address))) throw new Error("putStorage() called on non-existing account");
    cache.put(address, key, RLP.encode(unpadBytes(value)));
  }

  override async flush(): Promise<void> {
    if (this.readOnly) {
      // EthereumJS's caches do not tell a read from a write: flushing would write every value a
      // read-only state has read back into its tries (rebuilding each path for nothing), and the
      // permission reader, moved from head to head, flushed thousands of registry slots per block.
      // What a call changed is dropped: such a state is only ever read at its root.
      this._caches?.clear();
      if (this._checkpointCount === 0) this.#cleared = [new Set()];
      return;
    }
    const parent = this._trie.root();
    // Wipes inside checkpoints still open stay for a later flush (or are reverted).
    const cleared = this.#cleared[0]!;
    this.#cleared[0] = new Set();
    this.#flushing = true;
    const trie = this._trie as BatchingTrie;
    let storage: [Uint8Array, Uint8Array, Uint8Array | null][];
    try {
      storage = await this.#flushStorageInBatches();
      trie.openBatch();
      try {
        // What is left: code, then accounts (storage was flushed above, so EthereumJS finds none).
        await super.flush();
      } finally {
        await trie.closeBatch();
      }
    } finally {
      this.#flushing = false;
    }
    const flushed = (this._caches?.account as ObjectAccountCache | undefined)?.takeFlushed() ?? [];
    this.flat?.record(parent, trie.root(), {
      accounts: flushed.map(
        ([addressHex, rlp]) => [keccak256(hexToBytes(`0x${addressHex}`)), rlp ?? null] as const,
      ),
      storage,
      cleared,
    });
    // Every change is in the tries now. EthereumJS's caches never drop an entry (an evicted
    // unflushed write would be lost), so the head state's would hold every account and slot the
    // node has touched since it started: past a bound, they start again empty (code stays cached).
    const caches = this._caches;
    if (this._checkpointCount === 0 && caches && (caches.account?.size() ?? 0) > this.cacheBound) {
      caches.account?.clear();
      caches.storage?.clear();
    }
  }

  /**
   * Same effect as EthereumJS's per-slot storage flush: put non-empty values, delete empty ones.
   * Returns what it wrote, for the flat index: (prefix, keccak(slot), value RLP or null).
   */
  async #flushStorageInBatches(): Promise<[Uint8Array, Uint8Array, Uint8Array | null][]> {
    const written: [Uint8Array, Uint8Array, Uint8Array | null][] = [];
    const items = this._caches?.storage?.flush() ?? [];
    const byAddress = new Map<string, [Uint8Array, Uint8Array | undefined][]>();
    for (const [addressHex, keyHex, value] of items) {
      const slots = byAddress.get(addressHex) ?? [];
      slots.push([hexToBytes(`0x${keyHex}`), value]);
      byAddress.set(addressHex, slots);
    }
    for (const [addressHex, slots] of byAddress) {
      const address = createAddressFromString(`0x${addressHex}`);
      const account = await this.getAccount(address);
      if (!account) continue;
      const prefix = this.flat && storagePrefix(keccak256(address.bytes));
      await this._modifyContractStorage(address, account, async (storageTrie, done) => {
        const trie = storageTrie as BatchingTrie;
        trie.openBatch();
        for (const [key, value] of slots) {
          const decoded = RLP.decode(value ?? new Uint8Array(0));
          const stored = decoded instanceof Uint8Array && decoded.length > 0 ? RLP.encode(decoded) : null;
          if (stored) await trie.put(key, stored);
          else await trie.del(key);
          if (prefix) written.push([prefix, keccak256(key), stored]);
        }
        await trie.closeBatch();
        done();
      });
    }
    return written;
  }
}

/** A state manager at `root` over the node's buffered trie store; `readOnly` ones get a small node cache. */
export function createStateManager(
  common: Common,
  trieDb: BufferedTrieDb,
  root?: Uint8Array,
  o: { readOnly?: boolean } = {},
): MerkleStateManager {
  const trie = new BatchingTrie({
    common,
    db: trieDb,
    useKeyHashing: true,
    valueEncoding: ValueEncoding.Bytes,
    cacheSize: o.readOnly ? READ_STATE_NODE_CACHE : TRIE_NODE_CACHE,
    // The tries report the nodes they replace (to BufferedTrieDb, which journals them for pruning).
    useNodePruning: trieDb.prefixStorage,
    ...(root ? { root } : {}),
  });
  const state = new BatchFlushStateManager({ common, trie, caches: createStateCaches() });
  state.readOnly = o.readOnly ?? false;
  state.prefixStorage = trieDb.prefixStorage;
  state.flat = trieDb.flat;
  return state;
}

/** `address`'s storage trie at `root` over the node's trie store, keyed as the state manager keys storage. */
export function createStorageTrie(
  common: Common,
  trieDb: BufferedTrieDb,
  address: Address,
  root: Uint8Array,
): BatchingTrie {
  return new BatchingTrie({
    common,
    db: trieDb,
    useKeyHashing: true,
    valueEncoding: ValueEncoding.Bytes,
    cacheSize: 0,
    root,
    ...(trieDb.prefixStorage ? { keyPrefix: storagePrefix(keccak256(address.bytes)) } : {}),
  });
}
