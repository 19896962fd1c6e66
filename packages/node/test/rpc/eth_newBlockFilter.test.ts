import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

describe("eth_newBlockFilter", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
    await t.produce();
  });
  after(() => t.close());

  it("reports the hashes of blocks produced after installation, in order, once", async () => {
    const id = await t.rpc<string>("eth_newBlockFilter");
    assert.match(id, /^0x[0-9a-f]+$/);
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [id]), []);
    await t.produce();
    await t.mine(t.accounts[0]!);
    const blocks = await Promise.all(
      ["0x2", "0x3"].map((n) => t.rpc<RpcBlock>("eth_getBlockByNumber", [n, false])),
    );
    assert.deepEqual(
      await t.rpc("eth_getFilterChanges", [id]),
      blocks.map((b) => b.hash),
    );
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [id]), []);
  });

  it("keeps independent cursors per filter", async () => {
    const first = await t.rpc<string>("eth_newBlockFilter", []);
    await t.produce();
    const second = await t.rpc<string>("eth_newBlockFilter", []);
    await t.produce();
    assert.equal((await t.rpc<string[]>("eth_getFilterChanges", [first])).length, 2);
    assert.equal((await t.rpc<string[]>("eth_getFilterChanges", [second])).length, 1);
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("eth_newBlockFilter", ["latest"], -32602, /expected 0 parameters, got 1/);
  });
});
