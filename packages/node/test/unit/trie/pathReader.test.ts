import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import { keccak256 } from "../../../src/crypto/nativeCrypto.ts";
import { BatchingTrie } from "../../../src/trie/batchingTrie.ts";
import { MalformedTrieNodeError, NodeCache, readPath } from "../../../src/trie/pathReader.ts";
import { seededRandom as rng } from "../helpers.ts";

const bytes = (next: () => number, length: number) =>
  Uint8Array.from({ length }, () => Math.floor(next() * 256));
const hex = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString("hex"));

/** The stock trie's node store, read as the reader's source. */
function sourceOf(trie: MerklePatriciaTrie) {
  return (key: Uint8Array) => trie.database().get(key) as Promise<Uint8Array | undefined>;
}

describe("readPath", () => {
  // Short keys and values make embedded (under 32 bytes) nodes, values at branches and long
  // extensions; hashed keys make the tries the state uses.
  for (const [useKeyHashing, keyLength, valueLength] of [
    [true, 32, 33],
    [false, 1, 1],
    [false, 2, 3],
    [false, 4, 40],
  ] as const) {
    it(`gives the stock trie's answer for present and absent keys (hashing ${useKeyHashing}, ${keyLength}-byte keys)`, async () => {
      const next = rng(keyLength * 7 + valueLength);
      const trie = new MerklePatriciaTrie({ useKeyHashing });
      const keys: Uint8Array[] = [];
      for (let i = 0; i < 400; i++) {
        // Keys of mixed lengths (when not hashed): one key can be a prefix of another.
        const key = bytes(next, useKeyHashing ? keyLength : 1 + Math.floor(next() * keyLength));
        keys.push(key);
        await trie.put(key, bytes(next, 1 + Math.floor(next() * valueLength)));
      }
      const probes = [
        ...keys,
        ...Array.from({ length: 200 }, () => bytes(next, keyLength)),
        new Uint8Array(0),
      ];
      const cache = new NodeCache(1_000);
      let found = 0;
      for (const key of probes) {
        const expected = await trie.get(key);
        const got = await readPath(trie.root(), useKeyHashing ? keccak256(key) : key, sourceOf(trie), {
          cache,
        });
        assert.equal(hex(got), hex(expected), `key ${hex(key)}`);
        if (expected !== null) found++;
      }
      assert.ok(found >= 300, `most probes are present keys (${found})`);
    });
  }

  it("is what BatchingTrie reads with, inside and outside batches and checkpoints", async () => {
    const next = rng(99);
    const stock = new MerklePatriciaTrie({ useKeyHashing: true });
    const batching = new BatchingTrie({ useKeyHashing: true });
    const keys = Array.from({ length: 300 }, () => bytes(next, 20));
    for (const key of keys.slice(0, 200)) {
      const value = bytes(next, 70);
      await stock.put(key, value);
      await batching.put(key, value);
    }
    batching.checkpoint();
    batching.openBatch();
    for (const key of keys.slice(200)) {
      const value = bytes(next, 5);
      await stock.put(key, value);
      await batching.put(key, value);
    }
    // A read inside the batch applies what was buffered before it.
    assert.equal(hex(await batching.get(keys[250]!)), hex(await stock.get(keys[250]!)));
    await batching.closeBatch();
    for (const key of keys) assert.equal(hex(await batching.get(key)), hex(await stock.get(key)));
    await batching.revert();
    for (const key of keys.slice(200)) assert.equal(await batching.get(key), null);
    assert.equal(hex(await batching.get(keys[0]!)), hex(await stock.get(keys[0]!)));
    assert.equal(await new BatchingTrie({ useKeyHashing: true }).get(keys[0]!), null, "empty trie");
  });

  it("treats a missing node as absence, or throws when asked to", async () => {
    const trie = new MerklePatriciaTrie({ useKeyHashing: true });
    await trie.put(new Uint8Array([1]), new Uint8Array(40).fill(1));
    const nothing = async () => undefined;
    const key = keccak256(new Uint8Array([1]));
    assert.equal(await readPath(trie.root(), key, nothing, { cache: new NodeCache(10) }), null);
    await assert.rejects(
      readPath(trie.root(), key, nothing, { cache: new NodeCache(10), throwIfMissing: true }),
      /Missing node in DB/,
    );
  });

  it("refuses a corrupt node instead of reading it as absence", async () => {
    const next = rng(5);
    const key = bytes(next, 32);
    const cases: [string, Uint8Array][] = [
      ["a string where a node belongs", RLP.encode(bytes(next, 40))],
      ["a branch of 5 items", RLP.encode(Array.from({ length: 5 }, () => bytes(next, 32)))],
      ["a path with flag 7", RLP.encode([new Uint8Array([0x70, 1, 2]), bytes(next, 33)])],
      ["a child referenced by 7 bytes", RLP.encode([new Uint8Array([0x00, key[0]!]), bytes(next, 7)])],
      ["a truncated node", RLP.encode([new Uint8Array([0x20, ...key]), bytes(next, 40)]).subarray(0, 30)],
    ];
    for (const [what, node] of cases) {
      const root = keccak256(node);
      const source = async (k: Uint8Array) => (hex(k) === hex(root) ? node : undefined);
      await assert.rejects(
        readPath(root, key, source, { cache: new NodeCache(10) }),
        MalformedTrieNodeError,
        what,
      );
    }
  });

  it("keeps at most its size in nodes, dropping the least recently used", () => {
    const cache = new NodeCache(4);
    const keys = Array.from({ length: 5 }, (_, i) => keccak256(new Uint8Array([i])));
    for (const [i, key] of keys.entries()) cache.set(key, new Uint8Array([i]));
    assert.ok(cache.size <= 4);
    assert.equal(cache.get(keys[0]!), undefined);
    assert.deepEqual(cache.get(keys[4]!), new Uint8Array([4]));
    // A key that shares the last four bytes of a cached one is not taken for it.
    const twin = keys[4]!.slice();
    twin[0]! ^= 1;
    assert.equal(cache.get(twin), undefined);
    // The cached key is a copy: changing the caller's array does not change what is found.
    const view = keys[3]!.slice();
    cache.set(view, new Uint8Array([33]));
    view[5]! ^= 1;
    assert.deepEqual(cache.get(keys[3]!), new Uint8Array([33]));
  });
});
