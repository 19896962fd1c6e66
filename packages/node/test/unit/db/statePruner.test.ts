import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createBlock } from "@ethereumjs/block";
import { RLP } from "@ethereumjs/rlp";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import { Account, Address } from "@ethereumjs/util";
import { ChainStore } from "../../../src/chain/chainStore.ts";
import { BufferedTrieDb } from "../../../src/db/bufferedTrieDb.ts";
import { metaKey, type NodeDatabase, openNodeDatabase } from "../../../src/db/openNodeDatabase.ts";
import { StatePruner } from "../../../src/db/statePruner.ts";
import { createStateManager } from "../../../src/state/createStateManager.ts";
import { sharedNodeCache } from "../../../src/trie/pathReader.ts";
import { openChainOn, sortedKeys, testGenesis } from "../consensus/testChain.ts";
import { common, seededRandom } from "../helpers.ts";

// The pruner deletes a block's replaced nodes this many blocks after the history it serves.
const MARGIN = 8;
const HISTORY = 4;

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const address = (n: number) => new Address(new Uint8Array(20).fill(n));
const slot = (n: number) => {
  const key = new Uint8Array(32);
  key[31] = n;
  return key;
};

/** What the state should hold: balance per account, storage per contract. */
interface Model {
  balances: Map<number, bigint>;
  storage: Map<number, Map<number, number>>;
}
const copy = (m: Model): Model => ({
  balances: new Map(m.balances),
  storage: new Map([...m.storage].map(([a, s]) => [a, new Map(s)])),
});

/**
 * Reads everything the model says from `state` and compares (a missing node reads as a difference
 * or throws). The process-wide node cache is emptied first: a node deleted from the store may
 * still be cached, and the check is of what the store holds.
 */
async function expectState(state: MerkleStateManager, model: Model, label: string): Promise<void> {
  sharedNodeCache.clear();
  for (const [a, balance] of model.balances)
    assert.equal((await state.getAccount(address(a)))?.balance, balance, `${label}: balance of ${a}`);
  for (const [a, slots] of model.storage)
    for (let s = 0; s < 40; s++) {
      const value = await state.getStorage(address(a), slot(s));
      const expected = slots.get(s);
      assert.deepEqual(
        [...value],
        expected === undefined ? [] : [expected],
        `${label}: contract ${a} slot ${s}`,
      );
    }
}

/**
 * Runs `blocks` blocks of state changes on a store (committing each as a block), checking after
 * each that the head's state and the oldest state still served are whole. Contracts 10 and 11
 * start with the same storage (identical nodes, were they keyed alike); 11 never changes, 10
 * changes one slot every 5 blocks; contract 14 is rewritten in block 21 and restored in 22; contract 12 toggles one slot between two values every block (its nodes are replaced
 * and written again, over and over); contract 13 and the accounts change at random.
 */
async function run(o: {
  pruned: boolean;
  blocks: number;
  /** Whether to close and reopen the store before block `number`. */
  reopen?: (number: number) => boolean;
  /** Replaced nodes a commit may process beyond its block's own (default: the node's). */
  allowance?: number;
}): Promise<{ db: NodeDatabase; store: ChainStore; nodes: number }> {
  const dir = mkdtempSync(join(tmpdir(), "civitas-pruner-"));
  dirs.push(dir);
  let db = openNodeDatabase(dir);
  let trieDb = new BufferedTrieDb(db.trie);
  const allowance = o.allowance === undefined ? {} : { allowance: { busy: o.allowance, idle: o.allowance } };
  const open = () =>
    new ChainStore(db, common, o.pruned ? new StatePruner(db, HISTORY, allowance) : undefined);
  let store = open();
  const next = seededRandom(7);
  const model: Model = { balances: new Map(), storage: new Map() };
  const history: Model[] = [];
  const roots: Uint8Array[] = [];
  let root: Uint8Array | undefined;
  for (let number = 0; number < o.blocks; number++) {
    if (number > 0 && o.reopen?.(number)) {
      await db.close();
      db = openNodeDatabase(dir);
      trieDb = new BufferedTrieDb(db.trie);
      store = open();
    }
    const state = createStateManager(common, trieDb, root);
    const put = async (a: number, s: number, v: number) => {
      if ((await state.getAccount(address(a))) === undefined)
        await state.putAccount(address(a), new Account(1n));
      await state.putStorage(address(a), slot(s), v === 0 ? new Uint8Array(0) : Uint8Array.of(v));
      const slots = model.storage.get(a) ?? new Map<number, number>();
      if (v === 0) slots.delete(s);
      else slots.set(s, v);
      model.storage.set(a, slots);
    };
    if (number === 0) {
      for (let s = 0; s < 30; s++) for (const a of [10, 11]) await put(a, s, 1 + (s % 7));
    }
    if (number > 0 && number % 5 === 0) await put(10, number % 30, 100 + number);
    // Contract 14's whole trie is replaced in block 21 (a heavy journal) and written again, node
    // for node, in block 22; it never changes after.
    if (number >= 20 && number <= 22) for (let s = 0; s < 30; s++) await put(14, s, number === 21 ? 6 : 5);
    await put(12, 0, 1 + (number % 2));
    for (let i = 0; i < 12; i++) await put(13, Math.floor(next() * 40), Math.floor(next() * 4));
    for (let i = 0; i < 5; i++) {
      const a = 100 + Math.floor(next() * 30);
      const balance = BigInt(Math.floor(next() * 3) + 1);
      await state.putAccount(address(a), new Account(0n, balance));
      model.balances.set(a, balance);
    }
    root = await state.getStateRoot();
    roots.push(root);
    history.push(copy(model));
    // Only the state matters here: a bare header, and a made-up hash.
    const block = {
      block: createBlock({ header: { number: BigInt(number), stateRoot: root } }, { common }),
      hash: new Uint8Array(32).fill(number + 1),
    };
    const layer = trieDb.detach();
    await store.commitBlock(block, [], trieDb, layer, { isGenesis: number === 0 });
    trieDb.release(layer);

    await expectState(createStateManager(common, trieDb, root, { readOnly: true }), model, `block ${number}`);
    const oldest = Math.max(0, number - HISTORY + 1);
    await expectState(
      createStateManager(common, trieDb, roots[oldest], { readOnly: true }),
      history[oldest]!,
      `block ${oldest} at head ${number}`,
    );
  }
  return { db, store, nodes: db.trie.getKeysCount() };
}

describe("StatePruner", () => {
  it("keeps the head's state and the last blocks' whole while deleting replaced nodes, with fewer nodes than an archive", async () => {
    const archive = await run({ pruned: false, blocks: 60 });
    const pruned = await run({ pruned: true, blocks: 60 });
    assert.ok(pruned.store.pruner!.deletedNodes > 0, "nodes were deleted");
    assert.ok(
      pruned.nodes < archive.nodes * 0.6,
      `a pruned store holds fewer nodes (${pruned.nodes}) than an archive (${archive.nodes})`,
    );
    // Journals of blocks still within history + margin are all that is left of the journal.
    const journals = new Set(
      [...pruned.db.stateJournal.getKeys({})].map((k) => (k as Uint8Array).subarray(0, 8).join()),
    );
    assert.ok(journals.size <= HISTORY + MARGIN, `${journals.size} blocks of journal kept`);
    await archive.db.close();
    await pruned.db.close();
  });

  it("goes on pruning correctly after a restart, from the journal on disk", async () => {
    const { db, store } = await run({ pruned: true, blocks: 45, reopen: (n) => n === 20 });
    assert.ok(store.pruner!.deletedNodes > 0);
    await db.close();
  });

  it("spreads a journal heavier than a commit's allowance over later commits, keeping every served state whole", async () => {
    // Block 0 writes 60 slots, later blocks far fewer: with no allowance, each commit processes
    // only as many replaced nodes as its block replaced, so heavy journals are split. A restart
    // every 3 blocks reads the rest of a split journal, and the revivals it needs, from disk.
    const archive = await run({ pruned: false, blocks: 70 });
    const { db, store, nodes } = await run({
      pruned: true,
      blocks: 70,
      allowance: 0,
      reopen: (n) => n % 3 === 0,
    });
    const split = await run({ pruned: true, blocks: 70, allowance: 0 });
    assert.ok(split.store.pruner!.splitJournals > 0, "some journals were split");
    assert.ok(store.pruner!.deletedNodes > 0, "nodes were deleted");
    // Nothing is left behind for good: each commit may process as many nodes as its block adds.
    assert.ok(
      split.nodes < archive.nodes * 0.6,
      `${split.nodes} nodes kept, an archive holds ${archive.nodes}`,
    );
    assert.ok(nodes < archive.nodes * 0.6, `${nodes} nodes kept with restarts`);
    for (const r of [archive, split]) await r.db.close();
    await db.close();
  });

  it("keeps a store of schema 1 (made before pruning) an archive, and refuses an unknown schema", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-pruner-"));
    dirs.push(dir);
    const first = openNodeDatabase(dir);
    first.meta.putSync(metaKey("schema"), Uint8Array.of(1));
    await first.close();
    const db = openNodeDatabase(dir);
    assert.equal(db.schema, 1);
    const genesisJson = testGenesis(sortedKeys(1));
    const trieDb = new BufferedTrieDb(db.trie, { prefixStorage: db.schema >= 2 });
    const chain = await openChainOn(db, genesisJson, trieDb, { stateHistory: 3 });
    assert.equal(chain.store.pruner, undefined, "no pruning without storage prefixes");
    // Replaced nodes are not even collected: without prefixes two tries may share a node.
    const state = createStateManager(common, trieDb, chain.head.block.header.stateRoot);
    await state.putAccount(address(9), new Account(0n, 5n));
    await state.getStateRoot();
    assert.equal(trieDb.replacedKeys().length, 0);
    assert.ok(trieDb.pendingCount > 0);
    db.meta.putSync(metaKey("schema"), Uint8Array.of(3));
    await chain.close();
    assert.throws(() => openNodeDatabase(dir), /schema version 3, this node reads versions 1 and 2/);
  });

  it("drops the journals when a store is opened as an archive (it records no revivals), and keeps them otherwise", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-pruner-"));
    dirs.push(dir);
    const genesisJson = testGenesis(sortedKeys(1));
    const reopen = async (stateHistory: number | "archive") => {
      const db = openNodeDatabase(dir);
      const chain = await openChainOn(db, genesisJson, undefined, { stateHistory });
      const journals = db.stateJournal.getKeysCount();
      await chain.close();
      return journals;
    };
    await reopen(4);
    const db = openNodeDatabase(dir);
    db.stateJournal.putSync(
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1, 0),
      RLP.encode([new Uint8Array(32).fill(1)]),
    );
    await db.close();
    assert.equal(await reopen(4), 1, "a pruning node keeps its journals");
    assert.equal(await reopen("archive"), 0, "an archive drops them");
  });

  it("refuses a history below one block", () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-pruner-"));
    dirs.push(dir);
    const db = openNodeDatabase(dir);
    assert.throws(() => new StatePruner(db, 0), /at least 1 block/);
    void db.close();
  });
});
