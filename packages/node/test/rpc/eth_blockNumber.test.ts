import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("eth_blockNumber", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is 0x0 on a fresh chain and follows each produced block", async () => {
    assert.equal(await t.rpc("eth_blockNumber"), "0x0");
    for (let expected = 1n; expected <= 3n; expected++) {
      const block = await t.produce();
      assert.equal(block.block.header.number, expected);
      assert.equal(BigInt(await t.rpc<string>("eth_blockNumber")), expected);
    }
  });

  it("counts a block that carries a transaction like any other", async () => {
    const before = BigInt(await t.rpc<string>("eth_blockNumber"));
    const { blockNumber } = await t.mine(t.accounts[0]!);
    assert.equal(blockNumber, before + 1n);
    assert.equal(BigInt(await t.rpc<string>("eth_blockNumber")), blockNumber);
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("eth_blockNumber", ["latest"], -32602, /expected 0 parameters, got 1/);
    await t.expectError("eth_blockNumber", { block: "latest" }, -32602, /params must be an array/);
  });
});
