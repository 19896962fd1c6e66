import { bytesToUnprefixedHex, equalsBytes } from "@ethereumjs/util";
import type { Database } from "lmdb";
import { metaKey } from "../db/openNodeDatabase.ts";

// The flat state index: the head state's account and storage values by key, kept beside the trie
// (as geth keeps its snapshot), so that a read which misses every cache is one lookup in the
// store instead of a walk of the trie from its root, level by level. Every benchmark sender is
// new to every node, so admitting a transaction used to cost three such walks per node (the
// sender's account, then the two words of its member record in the identity registry), with
// most levels below the cached top read from disk.
//
// The index answers for the states it knows exactly: the one on disk (`diskRoot`), each decided
// block being written (a layer: the block's changes over the state below it), and the block
// being executed (pending). A read at any other state root, or while the index is not usable,
// goes to the trie as before; the trie stays the only source of state roots and proofs.
//
// Keys: 0x00 ‖ keccak(address) for an account (its RLP, as the account trie holds it), and
// 0x01 ‖ the contract's storage-key prefix (the first 20 bytes of keccak(address)) ‖ keccak(slot)
// for a storage value (its RLP, as the storage trie holds it). A block's changes reach the disk
// in the same transaction as the block itself and the head (ChainStore.commitBlock), with the
// state root they bring the index to (meta `flatRoot`): after a crash the index is the head's,
// or it is rebuilt from the trie when the node starts (FlatState.generate).

const ACCOUNT = 0x00;
const STORAGE = 0x01;
/** Bytes of keccak(address) that key a contract's storage (the storage-trie prefix, see createStateManager.ts). */
export const FLAT_STORAGE_PREFIX_BYTES = 20;

/** One block's changes, hex-keyed: accounts by keccak(address), storage by prefix ‖ keccak(slot). */
export interface FlatDiff {
  readonly accounts: Map<string, Uint8Array | null>;
  readonly storage: Map<string, Uint8Array | null>;
  /** Prefixes (hex) of contracts whose storage was wiped (a CREATE on the address, a deletion) before the writes above. */
  readonly cleared: Set<string>;
}

/** What one flush of a state manager changed (see FlatState.record). */
export interface FlatChanges {
  readonly accounts: Iterable<readonly [hashedAddress: Uint8Array, rlp: Uint8Array | null]>;
  readonly storage: Iterable<readonly [prefix: Uint8Array, hashedSlot: Uint8Array, rlp: Uint8Array | null]>;
  /** Storage prefixes (hex) of contracts whose storage was wiped before the writes above. */
  readonly cleared: Iterable<string>;
}

/** A decided block's changes over the state below it, detached with its trie nodes (BufferedTrieDb.detach). */
export interface FlatLayer {
  readonly base: Uint8Array;
  readonly root: Uint8Array;
  readonly diff: FlatDiff;
}

/** Values of one state: undefined never; null for absent. */
export interface FlatView {
  account(hashedAddress: Uint8Array): Uint8Array | null;
  storage(prefix: Uint8Array, hashedSlot: Uint8Array): Uint8Array | null;
}

const FLAT_ROOT_KEY = metaKey("flatRoot");

/** Index entries written per LMDB transaction (a large block's, or the genesis's, in several). */
const ENTRIES_PER_TRANSACTION = 4096;

/** The index key of an account, by keccak(address). */
export function flatAccountKey(hashedAddress: Uint8Array): Uint8Array {
  const key = new Uint8Array(33);
  key[0] = ACCOUNT;
  key.set(hashedAddress, 1);
  return key;
}

/** The index key of a storage value, by its contract's prefix and keccak(slot). */
export function flatStorageKey(prefix: Uint8Array, hashedSlot: Uint8Array): Uint8Array {
  const key = new Uint8Array(1 + FLAT_STORAGE_PREFIX_BYTES + 32);
  key[0] = STORAGE;
  key.set(prefix, 1);
  key.set(hashedSlot, 1 + FLAT_STORAGE_PREFIX_BYTES);
  return key;
}

const emptyDiff = (): FlatDiff => ({ accounts: new Map(), storage: new Map(), cleared: new Set() });
const hex = bytesToUnprefixedHex;

function isEmpty(items: Iterable<unknown>): boolean {
  for (const _ of items) return false;
  return true;
}

/** The flat state index of one node database. */
export class FlatState {
  readonly #db: Database<Uint8Array, Uint8Array>;
  readonly #meta: Database<Uint8Array, Uint8Array>;
  /** The state root the index on disk holds; undefined while it is not usable (being rebuilt, or a block's changes were lost). */
  #diskRoot: Uint8Array | undefined;
  /** Decided blocks being written, oldest first; undefined for one whose changes are not known. */
  #layers: (FlatLayer | undefined)[] = [];
  /** The changes of the execution in progress; "lost" once one of them could not be followed. */
  #pending: { root: Uint8Array; diff: FlatDiff } | "lost" | undefined;
  /** Layers whose changes were handed to a block's commit (writesOf). */
  readonly #written = new WeakSet<FlatLayer>();
  #cachedView: { root: Uint8Array; view: FlatView | undefined } | undefined;
  /** Scratch keys for disk reads (reads are synchronous, so one of each serves every view). */
  readonly #accountKey = new Uint8Array(33);
  readonly #storageKey = new Uint8Array(1 + FLAT_STORAGE_PREFIX_BYTES + 32);

  constructor(db: Database<Uint8Array, Uint8Array>, meta: Database<Uint8Array, Uint8Array>) {
    this.#db = db;
    this.#meta = meta;
    this.#accountKey[0] = ACCOUNT;
    this.#storageKey[0] = STORAGE;
  }

  /**
   * Whether the index on disk holds the state `headRoot` (the head's): then it is used from now
   * on. A new store holds the empty state, whose root is `headRoot` before the genesis block.
   */
  open(headRoot: Uint8Array): boolean {
    const stored = this.#meta.getBinary(FLAT_ROOT_KEY);
    const usable = stored !== undefined && equalsBytes(stored, headRoot);
    this.#diskRoot = usable ? headRoot.slice() : undefined;
    this.#changed();
    return usable;
  }

  /**
   * Starts an empty index at the empty state: a new store, before its genesis state is written
   * (entries a crash left from an earlier attempt at the genesis are removed).
   */
  async startEmpty(emptyRoot: Uint8Array): Promise<void> {
    await this.#meta.remove(FLAT_ROOT_KEY);
    await this.#db.clearAsync();
    this.#diskRoot = emptyRoot.slice();
    this.#changed();
  }

  /**
   * Rebuilds the index on disk as state `root` (the head's) from `entries` (flatEntriesOf), in
   * transactions of ENTRIES_PER_TRANSACTION; `progress` is told the count so far after each. The
   * index is unusable until the last transaction records its root: a crash meanwhile leaves it
   * to be rebuilt again. Call with no block executing or being written.
   */
  async rebuild(
    root: Uint8Array,
    entries: Iterable<readonly [Uint8Array, Uint8Array]>,
    progress?: (written: number) => void,
  ): Promise<number> {
    this.#diskRoot = undefined;
    this.#pending = undefined;
    this.#layers = [];
    this.#changed();
    await this.#meta.remove(FLAT_ROOT_KEY);
    await this.#db.clearAsync();
    let written = 0;
    let chunk: (readonly [Uint8Array, Uint8Array])[] = [];
    const flush = async (last: boolean) => {
      const entries = chunk;
      chunk = [];
      await this.#db.batch(() => {
        for (const [key, value] of entries) this.#db.put(key, value);
        if (last) this.#meta.put(FLAT_ROOT_KEY, root);
      });
      written += entries.length;
      progress?.(written);
    };
    for (const entry of entries) {
      chunk.push(entry);
      if (chunk.length === ENTRIES_PER_TRANSACTION) await flush(false);
    }
    await flush(true);
    this.#diskRoot = root.slice();
    this.#changed();
    return written;
  }

  /** Whether reads can be answered here (the index on disk is the head's, or will be once the blocks being written are). */
  get usable(): boolean {
    return this.#diskRoot !== undefined;
  }

  /**
   * Adds what a state manager's flush changed, from state `parent` to state `root`, to the
   * execution in progress. Changes that do not follow on from the last known state (an execution
   * started elsewhere) make the execution's changes unknown: its block will then not be indexed,
   * and the index stops being used until the node rebuilds it at its next start.
   */
  record(parent: Uint8Array, root: Uint8Array, changes: FlatChanges): void {
    if (this.#pending === "lost") return;
    const { accounts, storage, cleared } = changes;
    // A flush with nothing to write (a second one at the end of a block, or one before the head
    // state is moved back to the tip) changes nothing.
    if (equalsBytes(parent, root) && isEmpty(accounts) && isEmpty(storage) && isEmpty(cleared)) return;
    const base = this.#pending?.root ?? this.#top();
    if (base === undefined) return;
    if (!equalsBytes(parent, base)) {
      this.#pending = "lost";
      this.#changed();
      return;
    }
    const pending = this.#pending ?? { root: base, diff: emptyDiff() };
    const { diff } = pending;
    for (const p of cleared) {
      for (const key of diff.storage.keys()) if (key.startsWith(p)) diff.storage.delete(key);
      diff.cleared.add(p);
    }
    for (const [hashed, rlp] of accounts) diff.accounts.set(hex(hashed), rlp);
    for (const [prefix, slot, rlp] of storage) diff.storage.set(hex(prefix) + hex(slot), rlp);
    pending.root = root.slice();
    this.#pending = pending;
    this.#changed();
  }

  /** Forgets the execution in progress (its block was abandoned). */
  clearPending(): void {
    this.#pending = undefined;
    this.#changed();
  }

  /**
   * Detaches the execution in progress as the layer of a decided block, readable until released.
   * Undefined if its changes are not known (see record).
   */
  detach(): FlatLayer | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    const base = this.#top();
    let layer: FlatLayer | undefined;
    if (pending === undefined) layer = base && { base, root: base, diff: emptyDiff() };
    else if (pending !== "lost" && base !== undefined)
      layer = { base, root: pending.root, diff: pending.diff };
    this.#layers = [...this.#layers, layer];
    this.#changed();
    return layer;
  }

  /**
   * The writes of a decided block's layer, for a block whose post-state is `stateRoot`: `chunks`
   * each in a transaction of its own first (for a large block), then `last` in the block's own
   * transaction, which records the index's new root. A layer that is unknown, or not the block's
   * state, or not on top of the index on disk, makes the index unusable instead (its root is
   * removed in the first transaction), until the node rebuilds it.
   */
  writesOf(
    layer: FlatLayer | undefined,
    stateRoot: Uint8Array,
  ): { chunks: (() => void)[]; last: () => void } {
    const valid =
      layer !== undefined &&
      this.#diskRoot !== undefined &&
      equalsBytes(layer.base, this.#diskRoot) &&
      equalsBytes(layer.root, stateRoot);
    if (!valid || layer === undefined) {
      const invalidate = () => void this.#meta.remove(FLAT_ROOT_KEY);
      return { chunks: [], last: invalidate };
    }
    this.#written.add(layer);
    const ops: (() => void)[] = [];
    for (const prefix of layer.diff.cleared)
      ops.push(() => this.#removeStorageOf(Buffer.from(prefix, "hex")));
    const entries: [string, Uint8Array | null][] = [];
    for (const [key, rlp] of layer.diff.accounts) entries.push(["00" + key, rlp]);
    for (const [key, rlp] of layer.diff.storage) entries.push(["01" + key, rlp]);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [key, rlp] of entries) {
      const k = Buffer.from(key, "hex");
      ops.push(rlp === null ? () => void this.#db.remove(k) : () => void this.#db.put(k, rlp));
    }
    const root = layer.root;
    const setRoot = () => void this.#meta.put(FLAT_ROOT_KEY, root);
    if (ops.length <= ENTRIES_PER_TRANSACTION) {
      return {
        chunks: [],
        last: () => {
          for (const op of ops) op();
          setRoot();
        },
      };
    }
    // Written over several transactions: the index is marked unusable in the first and usable
    // again in the last, so a crash in between leaves it to be rebuilt, never half-written.
    const chunks: (() => void)[] = [];
    for (let i = 0; i < ops.length; i += ENTRIES_PER_TRANSACTION) {
      const slice = ops.slice(i, i + ENTRIES_PER_TRANSACTION);
      const first = i === 0;
      chunks.push(() => {
        if (first) this.#meta.remove(FLAT_ROOT_KEY);
        for (const op of slice) op();
      });
    }
    return { chunks, last: setRoot };
  }

  /**
   * Forgets a layer whose block is on disk: the index on disk is now that block's state, or
   * unusable if the layer's changes were not written (see writesOf).
   */
  release(layer: FlatLayer | undefined): void {
    const at = this.#layers.indexOf(layer);
    if (at >= 0) this.#layers = this.#layers.filter((_, i) => i !== at);
    const written = layer !== undefined && this.#written.has(layer);
    this.#diskRoot = written && this.#diskRoot !== undefined ? layer.root : undefined;
    this.#changed();
  }

  /**
   * The values of state `root`, if the index knows it: the execution in progress, a decided block
   * being written, or the state on disk when no block is being written (while one is, the disk
   * may already hold some of its changes, so the state below it is read from the trie).
   */
  view(root: Uint8Array): FlatView | undefined {
    const cached = this.#cachedView;
    if (cached !== undefined && equalsBytes(cached.root, root)) return cached.view;
    const view = this.#viewOf(root);
    this.#cachedView = { root: root.slice(), view };
    return view;
  }

  #viewOf(root: Uint8Array): FlatView | undefined {
    if (this.#diskRoot === undefined) return undefined;
    const layers = this.#layers;
    if (layers.includes(undefined)) return undefined;
    const known = layers as FlatLayer[];
    const pending = this.#pending;
    if (pending !== undefined && pending !== "lost" && equalsBytes(pending.root, root))
      return this.#viewOver([pending.diff, ...known.map((l) => l.diff).reverse()]);
    for (let i = known.length - 1; i >= 0; i--)
      if (equalsBytes(known[i]!.root, root))
        return this.#viewOver(
          known
            .slice(0, i + 1)
            .map((l) => l.diff)
            .reverse(),
        );
    if (known.length === 0 && equalsBytes(this.#diskRoot, root)) return this.#viewOver([]);
    return undefined;
  }

  /** A view through `diffs` (newest first), then the disk. */
  #viewOver(diffs: FlatDiff[]): FlatView {
    const live = diffs.filter((d) => d.accounts.size > 0 || d.storage.size > 0 || d.cleared.size > 0);
    return {
      account: (hashed) => {
        if (live.length > 0) {
          const key = hex(hashed);
          for (const diff of live) {
            const value = diff.accounts.get(key);
            if (value !== undefined) return value;
          }
        }
        this.#accountKey.set(hashed, 1);
        return this.#read(this.#accountKey);
      },
      storage: (prefix, slot) => {
        if (live.length > 0) {
          const p = hex(prefix);
          const key = p + hex(slot);
          for (const diff of live) {
            const value = diff.storage.get(key);
            if (value !== undefined) return value;
            if (diff.cleared.has(p)) return null;
          }
        }
        this.#storageKey.set(prefix, 1);
        this.#storageKey.set(slot, 1 + FLAT_STORAGE_PREFIX_BYTES);
        return this.#read(this.#storageKey);
      },
    };
  }

  #read(key: Uint8Array): Uint8Array | null {
    // getBinary copies the value out of LMDB's reusable read buffer.
    const stored = this.#db.getBinary(key);
    return stored === undefined ? null : new Uint8Array(stored.buffer, stored.byteOffset, stored.length);
  }

  #removeStorageOf(prefix: Uint8Array): void {
    const start = new Uint8Array(1 + FLAT_STORAGE_PREFIX_BYTES);
    start[0] = STORAGE;
    start.set(prefix, 1);
    const end = start.slice();
    // The prefix's successor: prefixes are hashes, never all 0xff bytes in practice; if one were,
    // the range runs to the end of the storage keys, which is right too.
    let i = end.length - 1;
    while (i > 0 && end[i] === 0xff) end[i--] = 0;
    end[i] = (end[i] ?? 0) + 1;
    for (const key of this.#db.getKeys({ start, end })) this.#db.remove(key as Uint8Array);
  }

  /** The state root below the execution in progress: the newest decided block's, or the disk's. */
  #top(): Uint8Array | undefined {
    if (this.#layers.length > 0) return this.#layers.at(-1)?.root;
    return this.#diskRoot;
  }

  #changed(): void {
    this.#cachedView = undefined;
  }
}
