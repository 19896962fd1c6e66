import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { BufferedTrieDb } from "../../../src/db/bufferedTrieDb.ts";
import { openNodeDatabase } from "../../../src/db/openNodeDatabase.ts";

describe("BufferedTrieDb", () => {
  const dir = mkdtempSync(join(tmpdir(), "civitas-trie-db-"));
  const db = openNodeDatabase(dir);
  after(async () => {
    await db.root.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads a node by binary key exactly as stored, pending or on disk, and each read is the caller's own copy", async () => {
    const trieDb = new BufferedTrieDb(db.trie);
    const nodes = Array.from({ length: 50 }, (_, i) => [randomBytes(32), randomBytes(1 + i * 13)] as const);
    for (const [key, value] of nodes.slice(0, 25)) await trieDb.put(key.toString("hex"), value);
    const layer = trieDb.detach();
    await db.root.transaction(() => {
      for (const chunk of BufferedTrieDb.chunks(layer, 4096)) trieDb.writeNodes(chunk);
    });
    trieDb.release(layer);
    for (const [key, value] of nodes.slice(25)) await trieDb.put(key.toString("hex"), value);
    const reads = nodes.map(([key]) => trieDb.getBytes(key)!);
    for (const [i, [key, value]] of nodes.entries()) {
      assert.deepEqual(Buffer.from(reads[i]!), value, `node ${i}`);
      assert.deepEqual(Buffer.from(trieDb.getSync(key.toString("hex"))!), value);
    }
    // Later reads did not overwrite earlier ones (LMDB reads through one reusable buffer).
    assert.deepEqual(Buffer.from(reads[0]!), nodes[0]![1]);
    assert.equal(trieDb.getBytes(randomBytes(32)), undefined);
  });

  it("hands out a layer's nodes in chunks that cover each node once", async () => {
    const trieDb = new BufferedTrieDb(db.trie);
    const nodes = Array.from({ length: 10_001 }, () => [randomBytes(32), randomBytes(40)] as const);
    for (const [key, value] of nodes) await trieDb.put(key.toString("hex"), value);
    const layer = trieDb.detach();
    assert.equal(trieDb.pendingCount, 0, "the next block starts with no writes");
    const chunks = [...BufferedTrieDb.chunks(layer, 4096)];
    assert.deepEqual(
      chunks.map((c) => c.length),
      [4096, 4096, 1809],
    );
    for (const chunk of chunks) await db.root.batch(() => trieDb.writeNodes(chunk));
    const written = new Set(chunks.flat().map(([key]) => key));
    assert.equal(written.size, nodes.length);
    trieDb.release(layer);
    for (const [key, value] of nodes) assert.deepEqual(Buffer.from(trieDb.getBytes(key)!), value);
  });

  it("reads detached layers until they are released, the newest first, and keeps each block's replaced nodes apart", async () => {
    const trieDb = new BufferedTrieDb(db.trie);
    const [a, b, c] = [
      randomBytes(32).toString("hex"),
      randomBytes(32).toString("hex"),
      randomBytes(32).toString("hex"),
    ];
    // On disk before: a.
    await trieDb.put(a, Uint8Array.of(1));
    const first = trieDb.detach();
    await db.root.batch(() => trieDb.writeNodes(first.nodes));
    trieDb.release(first);
    // Block 1 writes b and replaces a; decided, not yet written.
    await trieDb.put(b, Uint8Array.of(2));
    await trieDb.del(a);
    const block1 = trieDb.detach();
    assert.deepEqual(block1.replaced, [a]);
    assert.deepEqual([...block1.nodes.keys()], [b]);
    // Block 2 executes on block 1: reads b from its layer, writes c, replaces b (on disk once block 1 is).
    assert.deepEqual(trieDb.getSync(b), Uint8Array.of(2));
    assert.deepEqual(trieDb.getBytes(Buffer.from(b, "hex")), Uint8Array.of(2));
    await trieDb.put(c, Uint8Array.of(3));
    await trieDb.del(b);
    assert.deepEqual(
      trieDb.replacedKeys(),
      [b],
      "a node of a layer being written is replaced like one on disk",
    );
    assert.deepEqual(trieDb.getSync(b), Uint8Array.of(2), "still readable: older states use it");
    const block2 = trieDb.detach();
    assert.equal(trieDb.layerCount, 2);
    // Abandoning the next block's writes leaves the layers.
    await trieDb.put(randomBytes(32).toString("hex"), Uint8Array.of(9));
    trieDb.clearPending();
    assert.deepEqual(trieDb.getSync(c), Uint8Array.of(3));
    // Block 1 lands on disk and is released: b now comes from disk; block 2's c from its layer.
    await db.root.batch(() => trieDb.writeNodes(block1.nodes));
    trieDb.release(block1);
    assert.equal(trieDb.layerCount, 1);
    assert.deepEqual(trieDb.getSync(b), Uint8Array.of(2));
    assert.deepEqual(trieDb.getSync(c), Uint8Array.of(3));
    // Released without being written (as a test of the read path): c is gone.
    trieDb.release(block2);
    assert.equal(trieDb.getSync(c), undefined);
  });
});
