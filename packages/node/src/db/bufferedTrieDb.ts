import type { BatchDBOp, DB } from "@ethereumjs/util";
import type { Database } from "lmdb";

/**
 * The state trie's view of the store. Trie writes are buffered in memory while a block is
 * executed and land on disk only inside the block's commit transaction, so state and
 * blocks can never disagree after a crash. Nodes are content-addressed and never deleted
 * (an archive node), so every historical state root stays readable.
 */
export class BufferedTrieDb implements DB<string, Uint8Array> {
  readonly #store: Database<Uint8Array, Uint8Array>;
  readonly #pending = new Map<string, Uint8Array>();

  constructor(store: Database<Uint8Array, Uint8Array>) {
    this.#store = store;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.getSync(key);
  }

  /** Synchronous read: pending writes first, then the store. */
  getSync(key: string): Uint8Array | undefined {
    const pending = this.#pending.get(key);
    if (pending !== undefined) return pending;
    const stored = this.#store.getBinary(Buffer.from(key, "hex"));
    return stored === undefined ? undefined : new Uint8Array(stored.buffer, stored.byteOffset, stored.length);
  }

  /**
   * A node by its binary key, without the hex round trip of the string-keyed interface: the
   * stored bytes (a copy the caller owns), or undefined.
   */
  getBytes(key: Uint8Array): Uint8Array | undefined {
    if (this.#pending.size > 0) {
      const pending = this.#pending.get(Buffer.from(key.buffer, key.byteOffset, key.length).toString("hex"));
      if (pending !== undefined) return pending;
    }
    // getBinary copies the value out of LMDB's reusable read buffer.
    const stored = this.#store.getBinary(Buffer.from(key.buffer, key.byteOffset, key.length));
    return stored === undefined ? undefined : new Uint8Array(stored.buffer, stored.byteOffset, stored.length);
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    this.#pending.set(key, value);
  }

  // Pruning would break reads of historical state; dangling nodes are harmless.
  async del(_key: string): Promise<void> {}

  async batch(ops: BatchDBOp<string, Uint8Array>[]): Promise<void> {
    for (const op of ops) if (op.type === "put") this.#pending.set(op.key, op.value);
  }

  shallowCopy(): DB<string, Uint8Array> {
    return this;
  }

  async open(): Promise<void> {}

  /** Number of buffered node writes. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /**
   * The buffered nodes in groups of at most `size`, to be written in transactions of their own
   * (see ChainStore.commitBlock). The nodes stay readable here until clearPending.
   */
  *pendingChunks(size: number): Generator<Array<[string, Uint8Array]>> {
    let chunk: Array<[string, Uint8Array]> = [];
    for (const entry of this.#pending) {
      chunk.push(entry);
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  /** Writes nodes (a chunk, or all pending ones); call inside an LMDB write transaction. */
  writeNodes(chunk: Iterable<readonly [string, Uint8Array]>): void {
    for (const [key, value] of chunk) this.#store.put(Buffer.from(key, "hex"), value);
  }

  /** Forgets buffered writes: after they were committed, or when a block is abandoned. */
  clearPending(): void {
    this.#pending.clear();
  }
}
