import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { Caches, MerkleStateManager } from "@ethereumjs/statemanager";
import { Account, Address, createContractAddress } from "@ethereumjs/util";
import { BufferedTrieDb } from "../../../src/db/bufferedTrieDb.ts";
import { createStateManager } from "../../../src/state/createStateManager.ts";
import { common, seededRandom as rng } from "../helpers.ts";
import { created, randomBlock, withDatabase } from "./stateTestKit.ts";

describe("createStateManager (batched flush)", () => {
  it("reaches the same state roots as EthereumJS's stock state manager over many blocks", () =>
    withDatabase(async (db) => {
      const ours = createStateManager(common, new BufferedTrieDb(db.trie));
      const stock = new MerkleStateManager({
        common,
        trie: new MerklePatriciaTrie({ common, useKeyHashing: true }),
        caches: new Caches(),
      });
      const next = rng(42);
      const addresses = Array.from({ length: 300 }, (_, i) =>
        createContractAddress(new Address(new Uint8Array(20).fill(7)), BigInt(i)),
      );
      for (let block = 0; block < 25; block++) {
        await randomBlock([ours, stock], next, addresses, {
          ops: 200,
          perTx: 10,
          // (The state managers differ on sequences the EVM never makes, such as a fresh Account
          // written over a contract with storage, or storage written after a delete without
          // CREATE's clear: randomBlock makes neither.)
          mix: { account: 0.5, storage: 0.9, code: 0.95 },
        });
        const [a, b] = [await ours.getStateRoot(), await stock.getStateRoot()];
        assert.equal(
          Buffer.from(a).toString("hex"),
          Buffer.from(b).toString("hex"),
          `state root after block ${block}`,
        );
      }
    }));

  it("an account read or written stays as it was put when the caller changes its object afterwards", () =>
    withDatabase(async (db) => {
      const trieDb = new BufferedTrieDb(db.trie);
      const sm = createStateManager(common, trieDb);
      const address = new Address(new Uint8Array(20).fill(9));
      const put = new Account(1n, 100n);
      await sm.putAccount(address, put);
      put.nonce = 50n;
      put.balance = 5n;
      const read = (await sm.getAccount(address))!;
      assert.equal(read.nonce, 1n);
      assert.equal(read.balance, 100n);
      read.balance = 7n;
      assert.equal((await sm.getAccount(address))!.balance, 100n, "a read is the caller's own copy");
      // A checkpoint's revert brings back the account as it was put before it.
      await sm.checkpoint();
      await sm.putAccount(address, new Account(2n, 200n));
      assert.equal((await sm.getAccount(address))!.nonce, 2n);
      await sm.revert();
      assert.equal((await sm.getAccount(address))!.nonce, 1n);
      // The flush writes the account as put: a fresh state at the new root reads it from the trie.
      const root = await sm.getStateRoot();
      const reader = createStateManager(common, trieDb, root, { readOnly: true });
      const stored = (await reader.getAccount(address))!;
      assert.deepEqual([stored.nonce, stored.balance], [1n, 100n]);
    }));

  it("empties its account and storage caches after a flush once past their bound, and reads on from the tries", () =>
    withDatabase(async (db) => {
      const sm = createStateManager(common, new BufferedTrieDb(db.trie));
      (sm as unknown as { cacheBound: number }).cacheBound = 10;
      const caches = (sm as unknown as { _caches: Caches })._caches;
      const contract = new Address(new Uint8Array(20).fill(7));
      const address = (i: number) => new Address(new Uint8Array(20).fill(i + 10));
      await sm.checkpoint();
      await created(sm, contract);
      await sm.putStorage(contract, new Uint8Array(32).fill(1), Uint8Array.of(42));
      for (let i = 0; i < 8; i++) await sm.putAccount(address(i), new Account(BigInt(i), 1000n));
      await sm.commit();
      assert.equal(caches.account?.size(), 9, "within the bound: kept");
      await sm.checkpoint();
      for (let i = 8; i < 12; i++) await sm.putAccount(address(i), new Account(BigInt(i), 1000n));
      await sm.commit();
      assert.equal(caches.account?.size(), 0, "past the bound: emptied after the flush");
      for (let i = 0; i < 12; i++) assert.equal((await sm.getAccount(address(i)))?.nonce, BigInt(i));
      assert.deepEqual([...(await sm.getStorage(contract, new Uint8Array(32).fill(1)))], [42]);
    }));

  it("a read-only state writes nothing to the trie store, whatever it read or a call changed", () =>
    withDatabase(async (db) => {
      const trieDb = new BufferedTrieDb(db.trie);
      const writer = createStateManager(common, trieDb);
      const contract = new Address(new Uint8Array(20).fill(7));
      await created(writer, contract);
      const slot = (i: number) => new Uint8Array(32).fill(i);
      for (let i = 1; i <= 20; i++) await writer.putStorage(contract, slot(i), new Uint8Array([i]));
      const root = await writer.getStateRoot();
      const layer = trieDb.detach();
      await db.root.transaction(() => {
        for (const chunk of BufferedTrieDb.chunks(layer, 4096)) trieDb.writeNodes(chunk);
      });
      trieDb.release(layer);

      const reader = createStateManager(common, trieDb, root, { readOnly: true });
      for (let i = 1; i <= 30; i++) {
        const value = await reader.getStorage(contract, slot(i));
        assert.deepEqual([...value], i <= 20 ? [i] : [], `slot ${i}`);
      }
      // A call's write, inside a checkpoint that ends: dropped, and the reader still reads the root's state.
      await reader.checkpoint();
      await reader.putStorage(contract, slot(1), new Uint8Array([99]));
      await reader.commit();
      await reader.setStateRoot(root);
      assert.equal(trieDb.pendingCount, 0, "no node written");
      assert.deepEqual([...(await reader.getStorage(contract, slot(1)))], [1]);
    }));
});
