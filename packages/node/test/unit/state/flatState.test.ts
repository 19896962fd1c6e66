import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import { Account, Address, createContractAddress, KECCAK256_RLP } from "@ethereumjs/util";
import { keccak256 } from "../../../src/crypto/nativeCrypto.ts";
import { BufferedTrieDb, type TrieLayer } from "../../../src/db/bufferedTrieDb.ts";
import { metaKey, type NodeDatabase } from "../../../src/db/openNodeDatabase.ts";
import { createStateManager } from "../../../src/state/createStateManager.ts";
import { flatEntriesOf } from "../../../src/state/flatEntries.ts";
import { FlatState, flatAccountKey, flatStorageKey } from "../../../src/state/flatState.ts";
import { sharedNodeCache } from "../../../src/trie/pathReader.ts";
import { common, seededRandom as rng } from "../helpers.ts";
import { created, randomBlock, slot, withDatabase } from "./stateTestKit.ts";

/** A trie store with a flat index over `db`, starting from the empty state as a new store does. */
async function flatStore(db: NodeDatabase): Promise<{ trieDb: BufferedTrieDb; flat: FlatState }> {
  const flat = new FlatState(db.flat, db.meta);
  await flat.startEmpty(KECCAK256_RLP);
  return { trieDb: new BufferedTrieDb(db.trie, { flat }), flat };
}

/** Writes a detached layer as ChainStore.commitBlock does: its nodes and index changes, then the state root. */
async function commitLayer(
  db: NodeDatabase,
  trieDb: BufferedTrieDb,
  layer: TrieLayer,
  stateRoot: Uint8Array,
) {
  const flat = trieDb.flat!.writesOf(layer.flat, stateRoot);
  for (const chunk of flat.chunks) await db.root.batch(chunk);
  await db.root.batch(() => {
    for (const chunk of BufferedTrieDb.chunks(layer, 4096)) trieDb.writeNodes(chunk);
    flat.last();
  });
  trieDb.release(layer);
}

/** A store whose index on disk holds a first block, which made account `a` (nonce 1). */
async function afterFirstBlock(db: NodeDatabase) {
  const { trieDb, flat } = await flatStore(db);
  const sm = createStateManager(common, trieDb);
  const a = new Address(new Uint8Array(20).fill(1));
  await sm.putAccount(a, new Account(1n, 10n));
  const first = await sm.getStateRoot();
  await commitLayer(db, trieDb, trieDb.detach(), first);
  return { trieDb, flat, sm, a, first };
}

/** Every account and slot of `addresses` (slots 0..63) as a state manager reads them. */
async function dump(sm: MerkleStateManager, addresses: Address[]): Promise<string[]> {
  const out: string[] = [];
  for (const address of addresses) {
    const account = await sm.getAccount(address);
    out.push(account ? Buffer.from(account.serialize()).toString("hex") : "-");
    for (let i = 0; i < 64; i++) out.push(Buffer.from(await sm.getStorage(address, slot(i))).toString("hex"));
  }
  return out;
}

/** The index's entries on disk, hex key → hex value. */
function entriesOnDisk(db: NodeDatabase): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, value } of db.flat.getRange({}))
    out.set(Buffer.from(key as Uint8Array).toString("hex"), Buffer.from(value as Uint8Array).toString("hex"));
  return out;
}

describe("the flat state index", () => {
  it("reads what the trie holds, block after block, and stays what a rebuild from the trie makes", () =>
    withDatabase((db) => withDatabase((twinDb) => run(db, twinDb))));

  /**
   * Random blocks on a state with the index and on a twin without it (its own store), the same
   * operations on both: equal state roots show that execution read the same values through the
   * index as through the trie.
   */
  async function run(db: NodeDatabase, twinDb: NodeDatabase) {
    const { trieDb, flat } = await flatStore(db);
    const plain = new BufferedTrieDb(db.trie); // the same nodes, read through the trie alone
    const head = createStateManager(common, trieDb);
    const twinTrieDb = new BufferedTrieDb(twinDb.trie);
    const twin = createStateManager(common, twinTrieDb);
    // Small caches, emptied after most blocks: the head's own reads then go to the index too.
    for (const sm of [head, twin]) (sm as unknown as { cacheBound: number }).cacheBound = 5;
    const next = rng(7);
    const addresses = Array.from({ length: 40 }, (_, i) =>
      createContractAddress(new Address(new Uint8Array(20).fill(3)), BigInt(i)),
    );
    let root = KECCAK256_RLP;
    for (let block = 0; block < 30; block++) {
      await randomBlock([head, twin], next, addresses, {
        ops: 60,
        perTx: 6,
        mix: { account: 0.35, storage: 0.85, create: 0.93 },
      });
      root = await head.getStateRoot();
      const twinRoot = await twin.getStateRoot();
      assert.equal(
        Buffer.from(root).toString("hex"),
        Buffer.from(twinRoot).toString("hex"),
        `root of block ${block}`,
      );
      const twinLayer = twinTrieDb.detach();
      await twinDb.root.batch(() => {
        for (const chunk of BufferedTrieDb.chunks(twinLayer, 4096)) twinTrieDb.writeNodes(chunk);
      });
      twinTrieDb.release(twinLayer);
      const layer = trieDb.detach();
      assert.ok(layer.flat, `block ${block}: its changes are known`);
      // While the block is being written, its state reads through its layer.
      assert.ok(flat.view(root), `block ${block}: readable while written`);
      await commitLayer(db, trieDb, layer, root);
      assert.ok(flat.usable);
      const viaIndex = createStateManager(common, trieDb, root, { readOnly: true });
      const viaTrie = createStateManager(common, plain, root, { readOnly: true });
      assert.deepEqual(await dump(viaIndex, addresses), await dump(viaTrie, addresses), `block ${block}`);
    }
    assert.deepEqual(Buffer.from(db.meta.getBinary(metaKey("flatRoot"))!), Buffer.from(root));

    // The index kept block by block is the one a rebuild from the head's trie writes.
    const kept = entriesOnDisk(db);
    assert.ok(kept.size > 100, `${kept.size} entries`);
    const rebuilt = new FlatState(db.flat, db.meta);
    const written = await rebuilt.rebuild(
      root,
      flatEntriesOf(root, (key) => trieDb.getBytes(key)),
    );
    assert.equal(written, kept.size);
    assert.deepEqual(entriesOnDisk(db), kept);
    assert.ok(rebuilt.open(root), "the rebuilt index is the head's");
  }

  it("answers reads in place of the trie: a value changed in the index alone is what a state reads", () =>
    withDatabase(async (db) => {
      const { trieDb } = await flatStore(db);
      const sm = createStateManager(common, trieDb);
      const contract = new Address(new Uint8Array(20).fill(5));
      await sm.checkpoint();
      await created(sm, contract);
      await sm.putStorage(contract, slot(1), Uint8Array.of(7));
      await sm.commit();
      const root = await sm.getStateRoot();
      await commitLayer(db, trieDb, trieDb.detach(), root);
      sharedNodeCache.clear();
      const hashed = keccak256(contract.bytes);
      const storageKey = flatStorageKey(hashed.subarray(0, 20), keccak256(slot(1)));
      db.flat.putSync(storageKey, Uint8Array.of(0x09));
      const reader = createStateManager(common, trieDb, root, { readOnly: true });
      assert.deepEqual([...(await reader.getStorage(contract, slot(1)))], [9]);
      // Account too: a nonce only the index holds.
      db.flat.putSync(
        flatAccountKey(hashed),
        new Account(42n, 1n, (await reader.getAccount(contract))!.storageRoot).serialize(),
      );
      const fresh = createStateManager(common, trieDb, root, { readOnly: true });
      assert.equal((await fresh.getAccount(contract))!.nonce, 42n);
      // Without the index, the same state reads the trie's values.
      const plain = createStateManager(common, new BufferedTrieDb(db.trie), root, { readOnly: true });
      assert.deepEqual([...(await plain.getStorage(contract, slot(1)))], [7]);
      assert.equal((await plain.getAccount(contract))!.nonce, 0n);
    }));

  it("a wipe reverted with its transaction leaves the storage readable; one kept empties it", () =>
    withDatabase(async (db) => {
      const { trieDb, flat } = await flatStore(db);
      const sm = createStateManager(common, trieDb);
      const contract = new Address(new Uint8Array(20).fill(6));
      await sm.checkpoint();
      await created(sm, contract);
      for (let i = 0; i < 5; i++) await sm.putStorage(contract, slot(i), Uint8Array.of(i + 1));
      await sm.commit();
      let root = await sm.getStateRoot();
      await commitLayer(db, trieDb, trieDb.detach(), root);

      // A transaction that CREATEs over the address and fails.
      await sm.setStateRoot(root); // empties the caches: reads go to the index
      await sm.checkpoint();
      await sm.checkpoint();
      await sm.clearStorage(contract);
      assert.deepEqual([...(await sm.getStorage(contract, slot(2)))], [], "wiped inside the transaction");
      await sm.revert();
      assert.deepEqual([...(await sm.getStorage(contract, slot(2)))], [3], "back after the revert");
      await sm.putStorage(contract, slot(9), Uint8Array.of(9));
      await sm.commit();
      root = await sm.getStateRoot();
      await commitLayer(db, trieDb, trieDb.detach(), root);
      const after = createStateManager(common, trieDb, root, { readOnly: true });
      assert.deepEqual([...(await after.getStorage(contract, slot(2)))], [3]);
      assert.deepEqual([...(await after.getStorage(contract, slot(9)))], [9]);

      // One that wipes it and writes one slot, and succeeds.
      await sm.setStateRoot(root);
      await sm.checkpoint();
      await created(sm, contract);
      await sm.putStorage(contract, slot(4), Uint8Array.of(44));
      await sm.commit();
      root = await sm.getStateRoot();
      // Read at the new state before it is decided (the execution in progress), then on disk.
      const pending = createStateManager(common, trieDb, root, { readOnly: true });
      assert.ok(flat.view(root));
      assert.deepEqual([...(await pending.getStorage(contract, slot(2)))], []);
      assert.deepEqual([...(await pending.getStorage(contract, slot(4)))], [44]);
      await commitLayer(db, trieDb, trieDb.detach(), root);
      const storageKeys = [...entriesOnDisk(db).keys()].filter((key) => key.startsWith("01"));
      assert.equal(storageKeys.length, 1, "the wiped contract's old slots are gone from disk");
      const onDisk = createStateManager(common, trieDb, root, { readOnly: true });
      assert.deepEqual([...(await onDisk.getStorage(contract, slot(2)))], []);
      assert.deepEqual([...(await onDisk.getStorage(contract, slot(4)))], [44]);
    }));

  it("reads below a block being written go to the trie, and an abandoned execution is forgotten", () =>
    withDatabase(async (db) => {
      const { trieDb, flat, sm, a, first } = await afterFirstBlock(db);
      await sm.putAccount(a, new Account(2n, 10n));
      const second = await sm.getStateRoot();
      const layer = trieDb.detach();
      assert.ok(flat.view(second), "the block being written");
      assert.equal(flat.view(first), undefined, "the state below it: the disk may hold part of the block");
      // An execution on top that is abandoned (a round change): its state is not known afterwards.
      await sm.putAccount(a, new Account(3n, 10n));
      const abandoned = await sm.getStateRoot();
      assert.ok(flat.view(abandoned));
      trieDb.clearPending();
      assert.equal(flat.view(abandoned), undefined);
      await commitLayer(db, trieDb, layer, second);
      assert.ok(flat.view(second) && flat.view(first) === undefined);
      const reader = createStateManager(common, trieDb, second, { readOnly: true });
      assert.equal((await reader.getAccount(a))!.nonce, 2n);
    }));

  it("changes it cannot follow make it unusable until rebuilt, never wrong", () =>
    withDatabase(async (db) => {
      const { trieDb, flat, sm, a } = await afterFirstBlock(db);
      // A second state manager executes from the empty state: not on top of the index's state.
      const stray = createStateManager(common, trieDb);
      await stray.putAccount(a, new Account(9n, 10n));
      await stray.getStateRoot();
      await sm.putAccount(a, new Account(2n, 10n));
      const second = await sm.getStateRoot();
      const layer = trieDb.detach();
      assert.equal(layer.flat, undefined, "the block's changes are not known");
      assert.equal(flat.view(second), undefined);
      await commitLayer(db, trieDb, layer, second);
      assert.equal(flat.usable, false);
      assert.equal(db.meta.getBinary(metaKey("flatRoot")), undefined, "the disk says so too");
      const reopened = new FlatState(db.flat, db.meta);
      assert.equal(reopened.open(second), false);
      const reader = createStateManager(common, trieDb, second, { readOnly: true });
      assert.equal((await reader.getAccount(a))!.nonce, 2n, "read from the trie");
      await reopened.rebuild(
        second,
        flatEntriesOf(second, (key) => trieDb.getBytes(key)),
      );
      assert.ok(reopened.view(second)?.account(keccak256(a.bytes)));
    }));

  it("a large block's changes written in several transactions: a crash before the last leaves it to be rebuilt", () =>
    withDatabase(async (db) => {
      const { trieDb } = await flatStore(db);
      const sm = createStateManager(common, trieDb);
      await sm.checkpoint();
      for (let i = 0; i < 5000; i++) {
        const address = new Address(keccak256(Uint8Array.of(i >> 8, i & 0xff)).subarray(0, 20));
        await sm.putAccount(address, new Account(BigInt(i), 1n));
      }
      await sm.commit();
      const root = await sm.getStateRoot();
      const layer = trieDb.detach();
      const writes = trieDb.flat!.writesOf(layer.flat, root);
      assert.ok(writes.chunks.length >= 2, `${writes.chunks.length} transactions before the last`);
      await db.root.batch(writes.chunks[0]!);
      // The process dies here: on restart the index does not claim any state.
      assert.equal(new FlatState(db.flat, db.meta).open(KECCAK256_RLP), false);
      assert.equal(new FlatState(db.flat, db.meta).open(root), false);
      for (const chunk of writes.chunks.slice(1)) await db.root.batch(chunk);
      await db.root.batch(() => {
        for (const chunk of BufferedTrieDb.chunks(layer, 4096)) trieDb.writeNodes(chunk);
        writes.last();
      });
      assert.equal(new FlatState(db.flat, db.meta).open(root), true);
      assert.equal(entriesOnDisk(db).size, 5000);
    }));
});
