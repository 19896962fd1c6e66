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
    await db.root.transaction(() => {
      for (const chunk of trieDb.pendingChunks(4096)) trieDb.writeNodes(chunk);
    });
    trieDb.clearPending();
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

  it("hands out pending nodes in chunks that cover each node once, and reads them until cleared", async () => {
    const trieDb = new BufferedTrieDb(db.trie);
    const nodes = Array.from({ length: 10_001 }, () => [randomBytes(32), randomBytes(40)] as const);
    for (const [key, value] of nodes) await trieDb.put(key.toString("hex"), value);
    const chunks = [...trieDb.pendingChunks(4096)];
    assert.deepEqual(
      chunks.map((c) => c.length),
      [4096, 4096, 1809],
    );
    for (const chunk of chunks) await db.root.batch(() => trieDb.writeNodes(chunk));
    const written = new Set(chunks.flat().map(([key]) => key));
    assert.equal(written.size, nodes.length);
    trieDb.clearPending();
    for (const [key, value] of nodes) assert.deepEqual(Buffer.from(trieDb.getBytes(key)!), value);
  });
});
