import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Common } from "@ethereumjs/common";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import { type Address, equalsBytes, KECCAK256_RLP } from "@ethereumjs/util";
import { createVM, type VM } from "@ethereumjs/vm";
import { keccak256 } from "../crypto/nativeCrypto.ts";
import type { BufferedTrieDb, TrieLayer } from "../db/bufferedTrieDb.ts";
import { metaKey, type NodeDatabase } from "../db/openNodeDatabase.ts";
import { DEFAULT_STATE_HISTORY, StatePruner } from "../db/statePruner.ts";
import { NodeError } from "../errors.ts";
import {
  compareExecuted,
  type ExecutionOutcome,
  environmentOf,
  executeBlock,
} from "../execution/executeBlock.ts";
import { installJumpAnalysisCache } from "../execution/jumpAnalysisCache.ts";
import { buildGenesisBlock, writeGenesisState } from "../genesis/buildGenesisBlock.ts";
import type { GenesisConfig } from "../genesis/genesisConfig.ts";
import { createStateManager, createStorageTrie, storagePrefix } from "../state/createStateManager.ts";
import { flatEntriesOf } from "../state/flatEntries.ts";
import { ChainStore, type StoredBlock } from "./chainStore.ts";
import type { StoredReceipt } from "./receipts.ts";

/** Reads a contract's storage slots: the RLP of a slot's value, or null for an empty slot. */
export interface StorageReader {
  get(slot: Uint8Array): Promise<Uint8Array | null>;
}

/** Events a Chain emits. */
export interface ChainEvents {
  /**
   * A decided block became the tip: the next block executes on its state, and it is being written.
   * What decides about the next block (permissions, validator votes) follows the tip.
   */
  tip: [block: StoredBlock, receipts: readonly StoredReceipt[]];
  /**
   * A block's record (block, receipts, indexes) is on disk and it is the new head: what RPC serves
   * as latest. Its state may still be being written; it is read from memory meanwhile.
   */
  block: [block: StoredBlock, receipts: readonly StoredReceipt[]];
  /** Writing a decided block failed: the chain takes no more blocks (see `decide`). */
  failure: [error: NodeError];
}

/** How much state a node keeps: the last N blocks' (pruning the rest), or every block's. */
export type StateHistory = number | "archive";

/**
 * The canonical chain: the store, the head, and the VM whose state is the tip's state.
 * Only one block is executed at a time (see `withHeadVm`); reads use their own state copies.
 *
 * Writing a block is taken off the critical path: a decided block becomes the tip at once, and
 * is written while the next block executes on it (its trie nodes stay readable from memory
 * meanwhile). The head is the last block whose record is on disk; the tip is the head or the one
 * block after it. RPC serves the head, so nothing a client sees can be lost in a crash: the head's
 * state follows its record to disk (ChainStore.commitBlock), and if a crash came between them the
 * chain executes the head again when it opens. After a crash the node restarts at its head, and a
 * tip lost with it was never shown (peers that decided it with this node hold it, and sync brings
 * it back).
 */
export class Chain extends EventEmitter<ChainEvents> {
  readonly common: Common;
  readonly store: ChainStore;
  readonly genesis: StoredBlock;
  readonly #db: NodeDatabase;
  readonly #trieDb: BufferedTrieDb;
  readonly #vm: VM;
  #head: StoredBlock;
  /** The head, or the block after it while that one is written. */
  #tip: StoredBlock;
  /** The last write queued; never rejects (a failure is kept in #failure). */
  #writing: Promise<void> = Promise.resolve();
  #failure: NodeError | undefined;
  #executing: Promise<unknown> = Promise.resolve();

  private constructor(
    common: Common,
    db: NodeDatabase,
    trieDb: BufferedTrieDb,
    store: ChainStore,
    vm: VM,
    genesis: StoredBlock,
    head: StoredBlock,
  ) {
    super();
    this.common = common;
    this.#db = db;
    this.#trieDb = trieDb;
    this.store = store;
    this.#vm = vm;
    this.genesis = genesis;
    this.#head = head;
    this.#tip = head;
  }

  /**
   * Opens the chain in `db`: creates it from `genesis` if the store is empty, otherwise checks that
   * the store was created from the same genesis and resumes at the last committed block.
   * `stateHistory` (default DEFAULT_STATE_HISTORY blocks) is how much state to keep; a store of
   * schema 1 keeps all of it whatever is asked (see BufferedTrieDb.prefixStorage). A stop while a
   * new store's genesis is written leaves it without a head: the next start writes it again.
   */
  static async open(
    common: Common,
    db: NodeDatabase,
    trieDb: BufferedTrieDb,
    genesis: GenesisConfig,
    genesisDigest: string,
    o: {
      stateHistory?: StateHistory;
      /** Told the accounts written so far while a new store's genesis state is written. */
      genesisProgress?: (written: number, total: number) => void;
      /** Told the head's number once its state, which a crash kept from the disk, is executed and written again. */
      stateRewritten?: (number: bigint) => void;
    } = {},
  ): Promise<Chain> {
    await installJumpAnalysisCache();
    const history = o.stateHistory ?? DEFAULT_STATE_HISTORY;
    // An archive records no revivals, so the journals of an earlier pruning run would delete
    // nodes that came back meanwhile if pruning were turned on again: they are dropped (the
    // nodes they list stay, harmlessly).
    if (history === "archive") db.stateJournal.clearSync();
    const pruner = history === "archive" || !trieDb.prefixStorage ? undefined : new StatePruner(db, history);
    const store = new ChainStore(db, common, pruner);
    const headHash = store.headHash();
    let genesisBlock: StoredBlock;
    let head: StoredBlock;
    let stateBehind: StoredBlock | undefined;
    if (headHash === undefined) {
      await trieDb.flat?.startEmpty(KECCAK256_RLP);
      const state = createStateManager(common, trieDb);
      const stateRoot = await writeGenesisState(state, genesis, o.genesisProgress);
      genesisBlock = ChainStore.withHash(buildGenesisBlock(common, genesis, stateRoot));
      db.meta.putSync(metaKey("genesisDigest"), new TextEncoder().encode(genesisDigest));
      const layer = trieDb.detach();
      await store.commitBlock(genesisBlock, [], trieDb, layer, { isGenesis: true });
      trieDb.release(layer);
      head = genesisBlock;
    } else {
      const storedDigest = new TextDecoder().decode(db.meta.getBinary(metaKey("genesisDigest")));
      if (storedDigest !== genesisDigest) {
        throw new NodeError(
          "GENESIS_MISMATCH",
          "the data directory holds a chain created from a different genesis file; " +
            "use the original genesis file or start with an empty data directory",
        );
      }
      const genesisHash = store.genesisHash();
      const found = genesisHash && store.getBlockByHash(genesisHash);
      const foundHead = store.getBlockByHash(headHash);
      if (!found || !foundHead)
        throw new NodeError("DB_CORRUPT", "the chain database has a head but its blocks are missing");
      genesisBlock = found;
      head = foundHead;
      // A crash came between a block's record and its state (ChainStore.commitBlock): the stored
      // head is its parent, whose state is complete, and the block is executed again below.
      const behind = store.headStateBehind();
      if (behind !== undefined) {
        const corrupt = (why: string) =>
          new NodeError(
            "DB_CORRUPT",
            `the chain database marks a block's state as still to be written, but that block ${why}`,
          );
        const marked = store.getBlockByHash(behind);
        if (marked === undefined) throw corrupt("is missing");
        if (equalsBytes(marked.block.header.parentHash, headHash)) {
          stateBehind = marked;
        } else if (equalsBytes(behind, headHash)) {
          // The layout of the version before this one, which moved the stored head with the
          // record: the marked block is the stored head, and the chain opens on its parent.
          const parent = store.getBlockByHash(foundHead.block.header.parentHash);
          if (parent === undefined) throw corrupt("is the head, and its parent is missing");
          stateBehind = foundHead;
          head = parent;
        } else if (marked.block.header.number <= foundHead.block.header.number) {
          // Left by a crash, then passed over by a version of the node that knows no marker: it
          // took the chain on from the parent, so the marked block is written or replaced.
          db.meta.removeSync(metaKey("stateBehind"));
        } else {
          throw corrupt("does not follow the head");
        }
      }
      // Unusable (an older data directory, or a crash while a large block's changes were
      // written): reads go to the trie until the node rebuilds it (rebuildFlatState).
      trieDb.flat?.open(head.block.header.stateRoot);
    }
    const stateManager = createStateManager(common, trieDb, head.block.header.stateRoot);
    // BLOCKHASH on the head VM must see the block being written: the chain answers it.
    let chain: Chain | undefined;
    const vm = await createVM({
      common,
      stateManager,
      blockchain: evmBlockchain((n) => chain!.blockByNumber(n)),
    });
    chain = new Chain(common, db, trieDb, store, vm, genesisBlock, head);
    if (stateBehind) {
      await chain.#writeStateAgain(stateBehind);
      o.stateRewritten?.(stateBehind.block.header.number);
    }
    return chain;
  }

  /**
   * Executes again the head whose state a crash kept from the disk (the chain is at its parent),
   * checks that it gives its header (as a proposal's execution is checked), and commits it with
   * its state.
   */
  async #writeStateAgain(stored: StoredBlock): Promise<void> {
    const header = stored.block.header;
    const failed = (why: string, cause?: unknown) =>
      new NodeError(
        "DB_CORRUPT",
        `block ${header.number}, whose state a crash kept from the disk, ${why}`,
        cause === undefined ? undefined : { cause },
      );
    let outcome: ExecutionOutcome;
    try {
      outcome = await executeBlock(this.#vm, environmentOf(header), stored.block.transactions, {
        mode: "import",
      });
    } catch (cause) {
      throw failed(`does not execute again: ${(cause as Error).message}`, cause);
    }
    const mismatch = compareExecuted(header, outcome.header);
    if (mismatch) throw failed(`does not execute again to its header: ${mismatch}`);
    await this.commit(stored, outcome.receipts);
  }

  /** A stable digest of a genesis file's content, to detect a data directory reused with another genesis. */
  static digestGenesis(content: string): string {
    return createHash("sha256")
      .update(JSON.stringify(JSON.parse(content)))
      .digest("hex");
  }

  /**
   * Rebuilds the flat state index from the head's state trie, if it is not the head's; `progress`
   * is told the entries written so far. Returns the number written (0: it was usable).
   */
  async rebuildFlatState(progress?: (entries: number) => void): Promise<number> {
    const flat = this.#trieDb.flat;
    await this.settled();
    if (!flat || flat.usable) return 0;
    const root = this.#head.block.header.stateRoot;
    return flat.rebuild(
      root,
      flatEntriesOf(root, (key) => this.#trieDb.getBytes(key)),
      progress,
    );
  }

  /** The last block whose record is on disk: what RPC serves as latest (its state may be in memory still). */
  get head(): StoredBlock {
    return this.#head;
  }

  /** The last decided block: the head, or the block after it while that one is written. */
  get tip(): StoredBlock {
    return this.#tip;
  }

  /** A canonical block by number, the one being written included. */
  blockByNumber(number: bigint): StoredBlock | undefined {
    const tip = this.#tip;
    if (tip !== this.#head && tip.block.header.number === number) return tip;
    return this.store.getBlockByNumber(number);
  }

  /**
   * Runs `fn` with exclusive use of the head VM (whose state is the tip's). Calls are queued, so
   * one block is executed at a time. `fn` returns what to commit, or undefined to discard its changes.
   */
  withHeadVm<T>(fn: (vm: VM) => Promise<T>): Promise<T> {
    const run = this.#executing.then(() => fn(this.#vm));
    this.#executing = run.catch(() => undefined);
    return run;
  }

  /**
   * Makes a block executed on the head VM and decided the tip, and writes it in the background
   * (ChainStore.commitBlock): it becomes the head once its record is on disk (`served` settles
   * then, or when the write fails), and the write is done once its state is too. At most one
   * block is written at a time: this first waits for the previous block's write. Throws the
   * failure if an earlier write failed; after a failure the chain takes no more blocks (its tip
   * is not on disk, and the node must stop).
   */
  async decide(
    block: StoredBlock,
    receipts: readonly StoredReceipt[],
  ): Promise<{ readonly served: Promise<void> }> {
    await this.settled();
    const layer = this.#trieDb.detach();
    this.#tip = block;
    this.emit("tip", block, receipts);
    const served = Promise.withResolvers<void>();
    this.#writing = this.#write(block, receipts, layer, served.resolve);
    return { served: served.promise };
  }

  /**
   * Writes the tip: it becomes the head once its record is on disk, and the write is done once its
   * state is too (ChainStore.commitBlock). Never rejects: a failure is kept, reported ("failure"),
   * and stops the chain.
   */
  async #write(
    block: StoredBlock,
    receipts: readonly StoredReceipt[],
    layer: TrieLayer,
    served: () => void,
  ): Promise<void> {
    const number = block.block.header.number;
    let recorded = false;
    try {
      await this.store.commitBlock(block, receipts, this.#trieDb, layer, {
        recorded: () => {
          recorded = true;
          this.#serve(block, receipts);
          served();
        },
      });
    } catch (cause) {
      const what = recorded ? `the state of block ${number}` : `block ${number}`;
      const message = `${what} could not be written to disk: ${(cause as Error).message}`;
      return this.#fail(new NodeError("DB_WRITE_FAILED", message, { cause }));
    } finally {
      served();
    }
    this.#trieDb.release(layer);
  }

  /** Makes a block whose record is on disk the head, and tells the listeners. */
  #serve(block: StoredBlock, receipts: readonly StoredReceipt[]): void {
    this.#head = block;
    try {
      this.emit("block", block, receipts);
    } catch (cause) {
      const message = `after block ${block.block.header.number} was written: ${(cause as Error).message}`;
      this.#fail(new NodeError("INTERNAL", message, { cause }));
    }
  }

  #fail(error: NodeError): void {
    this.#failure = error;
    this.emit("failure", error);
  }

  /** Resolves once every decided block and its state are on disk (the head is the tip); throws a write failure. */
  async settled(): Promise<void> {
    await this.#writing;
    if (this.#failure) throw this.#failure;
  }

  /** Decides a block and waits until it is on disk and the head. */
  async commit(block: StoredBlock, receipts: readonly StoredReceipt[]): Promise<void> {
    await this.decide(block, receipts);
    await this.settled();
  }

  /** Throws away uncommitted execution on the head VM and returns it to the tip's state. */
  async discard(): Promise<void> {
    this.#trieDb.clearPending();
    const sm = this.#vm.stateManager as MerkleStateManager;
    await sm.setStateRoot(this.#tip.block.header.stateRoot, true);
    // setStateRoot flushes first: whatever that wrote belongs to the abandoned execution too.
    this.#trieDb.clearPending();
  }

  /**
   * A private state manager at a block's post-state, for reads and calls. Throws
   * STATE_UNAVAILABLE for a block older than the state history this node keeps.
   */
  stateAt(block: StoredBlock): MerkleStateManager {
    const pruner = this.store.pruner;
    const number = block.block.header.number;
    if (pruner && number < pruner.oldestServed(this.#head.block.header.number)) {
      throw new NodeError(
        "STATE_UNAVAILABLE",
        `the state of block ${number} was pruned: this node keeps the state of its last ${pruner.history} blocks ` +
          `(from block ${pruner.oldestServed(this.#head.block.header.number)}); ask a node with "stateHistory": "archive"`,
      );
    }
    return createStateManager(this.common, this.#trieDb, block.block.header.stateRoot, { readOnly: true });
  }

  /**
   * A contract's storage at a block's post-state, for direct slot reads (the RLP of a slot's value,
   * or null): from the flat state index while it knows that state, otherwise from the storage trie
   * at `storageRoot` (the contract's, in that state).
   */
  storageAt(block: StoredBlock, address: Address, storageRoot: Uint8Array): StorageReader {
    const trie = createStorageTrie(this.common, this.#trieDb, address, storageRoot);
    const flat = this.#trieDb.flat;
    if (flat === undefined) return trie;
    const stateRoot = block.block.header.stateRoot;
    const prefix = storagePrefix(keccak256(address.bytes));
    return {
      get: async (slot) => {
        const view = flat.view(stateRoot);
        return view ? view.storage(prefix, keccak256(slot)) : trie.get(slot);
      },
    };
  }

  /** A VM on a private copy of a block's post-state (eth_call, eth_estimateGas); changes are never committed. */
  async vmAt(block: StoredBlock): Promise<VM> {
    return createVM({
      common: this.common,
      stateManager: this.stateAt(block),
      blockchain: evmBlockchain((n) => this.blockByNumber(n)),
    });
  }

  /** Closes the database after any block being executed, and any being written, has finished. */
  async close(): Promise<void> {
    await this.#executing;
    await this.#writing;
    await this.#db.close();
  }
}

/** The BLOCKHASH source for the EVM: canonical blocks with their QBFT hashes, the one being written included. */
function evmBlockchain(byNumber: (number: bigint) => StoredBlock | undefined): VM["blockchain"] {
  const source: VM["blockchain"] = {
    async getBlock(number: number) {
      const found = byNumber(BigInt(number));
      const hash = found ? found.hash : new Uint8Array(32);
      return { hash: () => hash };
    },
    async putBlock() {},
    shallowCopy: () => source,
  };
  return source;
}
