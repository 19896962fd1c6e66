import assert from "node:assert/strict";
import { test } from "node:test";
import { generateBlockWrites } from "../dbEngines.ts";

test("a generated block has the node's per-block write shape", () => {
  const w = generateBlockWrites({ trieNodesPerBlock: 300, txsPerBlock: 20 }, 7);
  assert.equal(w.trieNodes.length, 300);
  for (const n of w.trieNodes) {
    assert.equal(n.key.length, 32);
    assert.ok(n.value.length >= 100 && n.value.length <= 500, `value of ${n.value.length} bytes`);
  }
  assert.equal(new Set(w.trieNodes.map((n) => n.key.toString("hex"))).size, 300);
  assert.equal(w.txIndex.length, 20);
  assert.ok(w.txIndex.every((t) => t.value.subarray(0, 32).equals(w.block.key)));
  assert.ok(w.receipts.value.length > 0 && w.block.value.length > 0);
});
