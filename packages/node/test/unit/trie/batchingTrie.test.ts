import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { BatchingTrie } from "../../../src/trie/batchingTrie.ts";
import { seededRandom as rng } from "../helpers.ts";

function bytes(next: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("BatchingTrie", () => {
  for (const [useKeyHashing, keyLength] of [
    [true, 20],
    [false, 3],
    [false, 1],
  ] as const) {
    it(`gives the stock trie's root after batches of puts (key hashing ${useKeyHashing}, ${keyLength}-byte keys)`, async () => {
      const next = rng(keyLength * 31 + (useKeyHashing ? 1 : 0));
      const stock = new MerklePatriciaTrie({ useKeyHashing });
      const batching = new BatchingTrie({ useKeyHashing });
      const keys: Uint8Array[] = [];
      for (let round = 0; round < 40; round++) {
        batching.openBatch();
        const size = 1 + Math.floor(next() * (round % 5 === 0 ? 300 : 30));
        for (let i = 0; i < size; i++) {
          // Overwrite existing keys as well as adding new ones, as a block's account updates do.
          const key =
            keys.length > 0 && next() < 0.4
              ? keys[Math.floor(next() * keys.length)]!
              : bytes(next, keyLength);
          if (!keys.some((k) => hex(k) === hex(key))) keys.push(key);
          const value = bytes(next, 1 + Math.floor(next() * 80));
          await stock.put(key, value);
          await batching.put(key, value);
        }
        if (round % 7 === 3) {
          // A read or a delete inside a batch sees what was put before it.
          const probe = keys[Math.floor(next() * keys.length)]!;
          assert.deepEqual(await batching.get(probe), await stock.get(probe));
          await stock.del(probe);
          await batching.del(probe);
          keys.splice(keys.indexOf(probe), 1);
        }
        await batching.closeBatch();
        assert.equal(hex(batching.root()), hex(stock.root()), `root after round ${round}`);
      }
      for (const key of keys) assert.deepEqual(await batching.get(key), await stock.get(key));
    });
  }

  it("leaves the root alone for an empty batch and behaves as the stock trie outside batches", async () => {
    const trie = new BatchingTrie();
    const stock = new MerklePatriciaTrie();
    trie.openBatch();
    await trie.closeBatch();
    assert.equal(hex(trie.root()), hex(stock.root()));
    await trie.put(Uint8Array.of(1), Uint8Array.of(2));
    await stock.put(Uint8Array.of(1), Uint8Array.of(2));
    assert.equal(hex(trie.root()), hex(stock.root()));
  });
});
