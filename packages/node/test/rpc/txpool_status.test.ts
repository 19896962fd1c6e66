import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("txpool_status", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("counts executable transactions as pending and nonce-gapped ones as queued", async () => {
    assert.deepEqual(await t.rpc("txpool_status"), { pending: "0x0", queued: "0x0" });
    const [alice, bob] = t.accounts;
    await t.send(alice!, { nonce: 0 });
    await t.send(alice!, { nonce: 1 });
    await t.send(bob!, { nonce: 2 });
    assert.deepEqual(await t.rpc("txpool_status"), { pending: "0x2", queued: "0x1" });
    // Filling bob's gap promotes his queued transaction.
    await t.send(bob!, { nonce: 0 });
    await t.send(bob!, { nonce: 1 });
    assert.deepEqual(await t.rpc("txpool_status"), { pending: "0x5", queued: "0x0" });
  });

  it("empties as a block takes the pending transactions", async () => {
    const block = await t.produce();
    assert.equal(block.block.transactions.length, 5);
    assert.deepEqual(await t.rpc("txpool_status"), { pending: "0x0", queued: "0x0" });
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("txpool_status", ["pending"], -32602, /expected 0 parameters, got 1/);
  });
});
