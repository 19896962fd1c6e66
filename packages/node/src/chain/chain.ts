import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Common } from "@ethereumjs/common";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import type { Address } from "@ethereumjs/util";
import { createVM, type VM } from "@ethereumjs/vm";
import type { BufferedTrieDb } from "../db/bufferedTrieDb.ts";
import { metaKey, type NodeDatabase } from "../db/openNodeDatabase.ts";
import { DEFAULT_STATE_HISTORY, StatePruner } from "../db/statePruner.ts";
import { NodeError } from "../errors.ts";
import { installJumpAnalysisCache } from "../execution/jumpAnalysisCache.ts";
import { buildGenesisBlock, writeGenesisState } from "../genesis/buildGenesisBlock.ts";
import type { GenesisConfig } from "../genesis/genesisConfig.ts";
import { createStateManager, createStorageTrie } from "../state/createStateManager.ts";
import type { BatchingTrie } from "../trie/batchingTrie.ts";
import { ChainStore, type StoredBlock } from "./chainStore.ts";
import type { StoredReceipt } from "./receipts.ts";

/** Events a Chain emits. */
export interface ChainEvents {
  /** A block was committed and is the new head. */
  block: [block: StoredBlock, receipts: readonly StoredReceipt[]];
}

/** How much state a node keeps: the last N blocks' (pruning the rest), or every block's. */
export type StateHistory = number | "archive";

/**
 * The canonical chain: the store, the head, and the VM whose state is the head's state.
 * Only one block is executed at a time (see `withHeadVm`); reads use their own state copies.
 */
export class Chain extends EventEmitter<ChainEvents> {
  readonly common: Common;
  readonly store: ChainStore;
  readonly genesis: StoredBlock;
  readonly #db: NodeDatabase;
  readonly #trieDb: BufferedTrieDb;
  readonly #vm: VM;
  #head: StoredBlock;
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
  }

  /**
   * Opens the chain in `db`: creates it from `genesis` if the store is empty, otherwise checks that
   * the store was created from the same genesis and resumes at the last committed block.
   * `stateHistory` (default DEFAULT_STATE_HISTORY blocks) is how much state to keep; a store of
   * schema 1 keeps all of it whatever is asked (see BufferedTrieDb.prefixStorage).
   */
  static async open(
    common: Common,
    db: NodeDatabase,
    trieDb: BufferedTrieDb,
    genesis: GenesisConfig,
    genesisDigest: string,
    o: { stateHistory?: StateHistory } = {},
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
    if (headHash === undefined) {
      const state = createStateManager(common, trieDb);
      const stateRoot = await writeGenesisState(state, genesis);
      genesisBlock = ChainStore.withHash(buildGenesisBlock(common, genesis, stateRoot));
      db.meta.putSync(metaKey("genesisDigest"), new TextEncoder().encode(genesisDigest));
      await store.commitBlock(genesisBlock, [], trieDb, true);
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
    }
    const stateManager = createStateManager(common, trieDb, head.block.header.stateRoot);
    const vm = await createVM({ common, stateManager, blockchain: evmBlockchain(store) });
    return new Chain(common, db, trieDb, store, vm, genesisBlock, head);
  }

  /** A stable digest of a genesis file's content, to detect a data directory reused with another genesis. */
  static digestGenesis(content: string): string {
    return createHash("sha256")
      .update(JSON.stringify(JSON.parse(content)))
      .digest("hex");
  }

  /** The current head block. */
  get head(): StoredBlock {
    return this.#head;
  }

  /**
   * Runs `fn` with exclusive use of the head VM (whose state is the head's). Calls are queued, so
   * one block is executed at a time. `fn` returns what to commit, or undefined to discard its changes.
   */
  withHeadVm<T>(fn: (vm: VM) => Promise<T>): Promise<T> {
    const run = this.#executing.then(() => fn(this.#vm));
    this.#executing = run.catch(() => undefined);
    return run;
  }

  /** Makes an executed block the head once it is durable: one atomic write of its state, block, receipts and indexes. */
  async commit(block: StoredBlock, receipts: readonly StoredReceipt[]): Promise<void> {
    await this.store.commitBlock(block, receipts, this.#trieDb);
    this.#head = block;
    this.emit("block", block, receipts);
  }

  /** Throws away uncommitted execution on the head VM and returns it to the head's state. */
  async discard(): Promise<void> {
    this.#trieDb.clearPending();
    const sm = this.#vm.stateManager as MerkleStateManager;
    await sm.setStateRoot(this.#head.block.header.stateRoot, true);
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

  /** A contract's storage trie at `storageRoot` (from its account), for direct slot reads. */
  storageTrieAt(address: Address, storageRoot: Uint8Array): BatchingTrie {
    return createStorageTrie(this.common, this.#trieDb, address, storageRoot);
  }

  /** A VM on a private copy of a block's post-state (eth_call, eth_estimateGas); changes are never committed. */
  async vmAt(block: StoredBlock): Promise<VM> {
    return createVM({
      common: this.common,
      stateManager: this.stateAt(block),
      blockchain: evmBlockchain(this.store),
    });
  }

  /** Closes the database after any block being executed has finished. */
  async close(): Promise<void> {
    await this.#executing;
    await this.#db.close();
  }
}

/** The BLOCKHASH source for the EVM: canonical blocks with their QBFT hashes. */
function evmBlockchain(store: ChainStore): VM["blockchain"] {
  const source: VM["blockchain"] = {
    async getBlock(number: number) {
      const found = store.getBlockByNumber(BigInt(number));
      const hash = found ? found.hash : new Uint8Array(32);
      return { hash: () => hash };
    },
    async putBlock() {},
    shallowCopy: () => source,
  };
  return source;
}
