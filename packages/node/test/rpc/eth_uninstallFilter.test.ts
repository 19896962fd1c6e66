import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("eth_uninstallFilter", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("removes a filter: true the first time, false after, and polling it then fails", async () => {
    for (const id of [
      await t.rpc<string>("eth_newFilter", [{}]),
      await t.rpc<string>("eth_newBlockFilter"),
    ]) {
      assert.equal(await t.rpc("eth_uninstallFilter", [id]), true);
      assert.equal(await t.rpc("eth_uninstallFilter", [id]), false);
      await t.expectError("eth_getFilterChanges", [id], -32000, /filter not found/);
    }
  });

  it("leaves other filters in place", async () => {
    const keep = await t.rpc<string>("eth_newBlockFilter");
    const drop = await t.rpc<string>("eth_newBlockFilter");
    assert.equal(await t.rpc("eth_uninstallFilter", [drop]), true);
    const block = await t.produce();
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [keep]), [
      `0x${Buffer.from(block.hash).toString("hex")}`,
    ]);
  });

  it("returns false for an id never installed", async () => {
    assert.equal(await t.rpc("eth_uninstallFilter", [`0x${"cd".repeat(16)}`]), false);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_uninstallFilter", [1], -32602, /filterId must be a 0x-hex filter id/);
    await t.expectError("eth_uninstallFilter", [], -32602, /expected 1 parameters, got 0/);
  });
});
