import { type Block, createBlockFromRLP } from "@ethereumjs/block";
import type { Common } from "@ethereumjs/common";
import { RLP } from "@ethereumjs/rlp";
import { concatBytes } from "@ethereumjs/util";
import { BufferedTrieDb, type TrieLayer } from "../db/bufferedTrieDb.ts";
import { metaKey, type NodeDatabase, numberKey } from "../db/openNodeDatabase.ts";
import type { PrunePlan, StatePruner } from "../db/statePruner.ts";
import { NodeError } from "../errors.ts";
import { BoundedMap } from "../util/boundedMap.ts";
import { qbftBlockHash } from "./blockHashing.ts";
import { decodeBlockReceipts, encodeBlockReceipts, type StoredReceipt } from "./receipts.ts";

/**
 * Most trie nodes written in one LMDB transaction. Small enough that a transaction's dirty-page
 * list stays cheap to insert into (see commitBlock); large enough that a typical block (a few
 * thousand nodes) is still written in a single transaction, nodes and block together.
 */
const TRIE_NODES_PER_TRANSACTION = 4096;

/** A block with its QBFT hash (which differs from EthereumJS's `block.hash()`; never call that). */
export interface StoredBlock {
  readonly block: Block;
  readonly hash: Uint8Array;
}

// Encoded sizes of blocks already serialized or read (eth_getBlock* report `size`).
const encodedSizes = new WeakMap<Block, number>();

/** A block's encoded size in bytes, serializing it only if it was never encoded or read here. */
export function encodedSize(block: Block): number {
  let size = encodedSizes.get(block);
  if (size === undefined) {
    size = block.serialize().length;
    encodedSizes.set(block, size);
  }
  return size;
}

/** Where a transaction was included. */
export interface TxLocation {
  readonly blockHash: Uint8Array;
  readonly index: number;
}

const EMPTY = new Uint8Array(0);
const ADDRESS_PREFIX = Uint8Array.of(0x61); // 'a'
const TOPIC_PREFIX = Uint8Array.of(0x74); // 't'
const CACHE_SIZE = 256;
/** Meta key of the head whose state is still being written (see ChainStore.commitBlock). */
const STATE_BEHIND = metaKey("stateBehind");

/** Log index key for an emitting address at a block. */
export function addressLogKey(address: Uint8Array, blockNumber: bigint): Uint8Array {
  return concatBytes(ADDRESS_PREFIX, address, numberKey(blockNumber));
}

/** Log index key for a topic at a block. */
export function topicLogKey(topic: Uint8Array, blockNumber: bigint): Uint8Array {
  return concatBytes(TOPIC_PREFIX, topic, numberKey(blockNumber));
}

/** Blocks, receipts and indexes on disk: per block, its record and then its state (see commitBlock). */
export class ChainStore {
  readonly #db: NodeDatabase;
  readonly #common: Common;
  readonly #byHash = new BoundedMap<string, StoredBlock>(CACHE_SIZE);
  /**
   * Where the transactions of a block that is served but whose state is still being written are
   * (by hex transaction hash): their index entries go to disk with the state (see commitBlock).
   */
  readonly #unindexed = new Map<string, TxLocation>();
  /** Deletes replaced state nodes; undefined for an archive node. */
  readonly pruner: StatePruner | undefined;

  constructor(db: NodeDatabase, common: Common, pruner?: StatePruner) {
    this.#db = db;
    this.#common = common;
    this.pruner = pruner;
  }

  /** The hash recorded as head, or undefined for an empty database. */
  headHash(): Uint8Array | undefined {
    return this.#db.meta.getBinary(metaKey("head"));
  }

  /** The genesis hash recorded when the chain was created. */
  genesisHash(): Uint8Array | undefined {
    return this.#db.meta.getBinary(metaKey("genesis"));
  }

  /** A block by hash, from the cache or the store. */
  getBlockByHash(hash: Uint8Array): StoredBlock | undefined {
    const key = Buffer.from(hash).toString("hex");
    const cached = this.#byHash.get(key);
    if (cached) return cached;
    const rlp = this.#db.blocks.getBinary(hash);
    if (rlp === undefined) return undefined;
    let block: Block;
    try {
      block = createBlockFromRLP(rlp, { common: this.#common });
    } catch (cause) {
      throw new NodeError("DB_CORRUPT", `stored block ${key} cannot be decoded`, { cause });
    }
    encodedSizes.set(block, rlp.length);
    const stored = { block, hash: new Uint8Array(hash) };
    this.#remember(key, stored);
    return stored;
  }

  /** The canonical block hash at a height. */
  getCanonicalHash(number: bigint): Uint8Array | undefined {
    return this.#db.canonical.getBinary(numberKey(number));
  }

  /** The canonical block at a height. */
  getBlockByNumber(number: bigint): StoredBlock | undefined {
    const hash = this.getCanonicalHash(number);
    return hash === undefined ? undefined : this.getBlockByHash(hash);
  }

  /**
   * The raw header fields (RLP byte strings, Yellow Paper order) of the canonical block at a height,
   * without decoding its transactions: for walks over many headers (validator vote tallies).
   */
  getHeaderFields(number: bigint): Uint8Array[] | undefined {
    const hash = this.getCanonicalHash(number);
    if (hash === undefined) return undefined;
    const cached = this.#byHash.get(Buffer.from(hash).toString("hex"));
    if (cached) return cached.block.header.raw();
    const rlp = this.#db.blocks.getBinary(hash);
    if (rlp === undefined) return undefined;
    const decoded = RLP.decode(rlp) as unknown as Uint8Array[][];
    if (!Array.isArray(decoded) || !Array.isArray(decoded[0]))
      throw new NodeError(
        "DB_CORRUPT",
        `stored block ${Buffer.from(hash).toString("hex")} cannot be decoded`,
      );
    return decoded[0];
  }

  /** The receipts of a block, in transaction order. */
  getReceipts(blockHash: Uint8Array): StoredReceipt[] | undefined {
    const bytes = this.#db.receipts.getBinary(blockHash);
    return bytes === undefined ? undefined : decodeBlockReceipts(bytes);
  }

  /** Where a transaction was mined, if it was. */
  getTxLocation(txHash: Uint8Array): TxLocation | undefined {
    if (this.#unindexed.size > 0) {
      const unwritten = this.#unindexed.get(Buffer.from(txHash).toString("hex"));
      if (unwritten !== undefined) return unwritten;
    }
    const bytes = this.#db.txIndex.getBinary(txHash);
    if (bytes === undefined) return undefined;
    const [blockHash, index] = RLP.decode(bytes) as Uint8Array[];
    return {
      blockHash: blockHash!,
      index: index!.length === 0 ? 0 : Number.parseInt(Buffer.from(index!).toString("hex"), 16),
    };
  }

  /** Block numbers in [from, to] at which `key` (an address or topic log key prefix) emitted logs. */
  blocksWithLogs(prefix: Uint8Array, from: bigint, to: bigint): bigint[] {
    const out: bigint[] = [];
    const start = concatBytes(prefix, numberKey(from));
    const end = concatBytes(prefix, numberKey(to + 1n));
    for (const key of this.#db.logIndex.getKeys({ start, end })) {
      const bytes = key as Uint8Array;
      out.push(new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8).getBigUint64(0));
    }
    return out;
  }

  /**
   * The hash of the block whose state is not all on disk yet, if a crash interrupted its commit
   * (see commitBlock): a child of the stored head, which the chain re-executes when it opens.
   */
  headStateBehind(): Uint8Array | undefined {
    return this.#db.meta.getBinary(STATE_BEHIND);
  }

  /**
   * Writes a block, its receipts, its indexes, the new head, and the state trie nodes it created
   * (`layer`, detached from `trie`, which reads them until the caller releases the layer). Blocks
   * are committed one at a time, in order: the pruner plans each commit after the previous one.
   *
   * In two steps. First the record, one small transaction: the block, its receipts, its log
   * index, and a marker that names it as the block whose state is still to come
   * (`headStateBehind`). Once that is durable the block may be served (`recorded` is called):
   * what a client sees then survives a power cut, because the block can be executed again on its
   * parent's state, which is complete on disk. Then the state: the trie nodes, the flat state
   * index's changes and the pruning; the last of its transactions writes the transaction index
   * (one random key per transaction, found in memory until then), makes the block the stored head
   * and clears the marker. After a crash between the two, the stored head is still the parent,
   * and the chain executes the marked block again when it opens (Chain.open) and writes its state
   * then. A version of the node that knows no marker opens on that parent, whose state is
   * complete, and gets the block again from its peers. Taking the state off the path to serving a
   * block shortens the time from a block's decision to its transactions' receipts by most of the
   * commit.
   *
   * The state goes in transactions of at most TRIE_NODES_PER_TRANSACTION trie nodes. Why not one
   * transaction: LMDB keeps a transaction's dirty pages in a sorted list whose insert is linear,
   * so a transaction that dirties n random pages costs O(n²) — 46 % of the node's CPU at ~60,000
   * nodes per block. Nodes written without their block are harmless: content-addressed, and
   * nothing points at them. The writes are queued to LMDB's writer thread, so the B-tree updates
   * and the flush to disk leave the event loop free for RPC; the promise settles once the block
   * and its state are durable.
   *
   * With a pruner, the block's journal (the nodes it replaced, those it wrote again) goes in the
   * last transaction, and the nodes that fall out of the kept state history are deleted in
   * transactions of their own first: deleting one twice, after a crash, is harmless, and no state
   * the node keeps refers to them (the parent's state, which a re-execution starts from, least
   * of all).
   *
   * The block's changes to the flat state index (`layer.flat`, see state/flatState.ts) go in the
   * last transaction too, with the state root they bring the index to; a large block's go first
   * in transactions of their own, the index marked unusable until the last one.
   *
   * The genesis block is written the other way round, state first and its record last, so that a
   * stop while a new store's genesis is written leaves no head (the next start writes it again).
   */
  async commitBlock(
    stored: StoredBlock,
    receipts: readonly StoredReceipt[],
    trie: BufferedTrieDb,
    layer: TrieLayer,
    o: { readonly isGenesis?: boolean; readonly recorded?: () => void } = {},
  ): Promise<void> {
    if (o.isGenesis) {
      // Genesis replaces nothing, and nothing awaits deletion before it: no pruning plan.
      await this.#writeState(stored, trie, layer, undefined, () => {
        this.#putRecord(stored, receipts); // a genesis block has no transactions to index
        this.#db.meta.put(metaKey("genesis"), stored.hash);
        this.#db.meta.put(metaKey("head"), stored.hash);
      });
      this.#remember(Buffer.from(stored.hash).toString("hex"), stored);
      return;
    }
    await this.#db.root.batch(() => {
      this.#putRecord(stored, receipts);
      this.#db.meta.put(STATE_BEHIND, stored.hash);
    });
    // Served from now on: RPC reads it from here, not decoded again from disk, and finds its
    // transactions here until their index is on disk.
    this.#remember(Buffer.from(stored.hash).toString("hex"), stored);
    // Hashed once: an unfrozen transaction computes its hash again on every call.
    const txHashes = stored.block.transactions.map((tx) => tx.hash());
    const txKeys = txHashes.map((txHash, index) => {
      const key = Buffer.from(txHash).toString("hex");
      this.#unindexed.set(key, { blockHash: stored.hash, index });
      return key;
    });
    o.recorded?.();
    const plan = this.pruner?.plan(
      Number(stored.block.header.number),
      layer,
      stored.block.transactions.length === 0,
    );
    await this.#writeState(stored, trie, layer, plan, () => {
      txHashes.forEach((txHash, index) => {
        this.#db.txIndex.put(txHash, RLP.encode([stored.hash, index]));
      });
      this.#db.meta.put(metaKey("head"), stored.hash);
      this.#db.meta.remove(STATE_BEHIND);
    });
    for (const key of txKeys) this.#unindexed.delete(key);
  }

  /**
   * Writes a block's state (see commitBlock): all chunks of trie nodes but the last in transactions
   * of their own, then the flat index's changes of a large block and the pruning's deletions, then
   * the last chunk with the flat index's last changes, the pruning journal and `last`'s writes.
   */
  async #writeState(
    stored: StoredBlock,
    trie: BufferedTrieDb,
    layer: TrieLayer,
    plan: PrunePlan | undefined,
    last: () => void,
  ): Promise<void> {
    const chunks = [...BufferedTrieDb.chunks(layer, TRIE_NODES_PER_TRANSACTION)];
    const lastChunk = chunks.pop() ?? [];
    for (const chunk of chunks) await this.#db.root.batch(() => trie.writeNodes(chunk));
    const flat = trie.flat?.writesOf(layer.flat, stored.block.header.stateRoot);
    for (const chunk of flat?.chunks ?? []) await this.#db.root.batch(chunk);
    const deletions = plan?.deletions ?? [];
    for (let i = 0; i < deletions.length; i += TRIE_NODES_PER_TRANSACTION) {
      await this.#db.root.batch(() => {
        for (const key of deletions.slice(i, i + TRIE_NODES_PER_TRANSACTION)) this.#db.trie.remove(key);
      });
    }
    await this.#db.root.batch(() => {
      trie.writeNodes(lastChunk);
      flat?.last();
      for (const [key, value] of plan?.journal ?? []) this.#db.stateJournal.put(key, value);
      for (const key of plan?.consumed ?? []) this.#db.stateJournal.remove(key);
      last();
    });
    if (plan) this.pruner?.committed(plan);
  }

  /**
   * Puts a block, its receipts and its log index (not the head, nor the transaction index);
   * inside an LMDB write transaction.
   */
  #putRecord(stored: StoredBlock, receipts: readonly StoredReceipt[]): void {
    const { block, hash } = stored;
    const number = block.header.number;
    const encoded = block.serialize();
    encodedSizes.set(block, encoded.length);
    this.#db.blocks.put(hash, encoded);
    this.#db.canonical.put(numberKey(number), hash);
    this.#db.receipts.put(hash, encodeBlockReceipts(receipts));
    for (const receipt of receipts) {
      for (const [address, topics] of receipt.logs) {
        this.#db.logIndex.put(addressLogKey(address, number), EMPTY);
        for (const topic of topics) this.#db.logIndex.put(topicLogKey(topic, number), EMPTY);
      }
    }
  }

  /** Wraps a decoded or freshly built block with its QBFT hash. */
  static withHash(block: Block): StoredBlock {
    return { block, hash: qbftBlockHash(block.header) };
  }

  #remember(key: string, stored: StoredBlock): void {
    this.#byHash.set(key, stored);
  }
}
