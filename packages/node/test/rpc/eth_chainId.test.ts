import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CHAIN_ID, qty, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("eth_chainId", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("returns the genesis chain id as a quantity", async () => {
    assert.equal(BigInt(await t.rpc<string>("eth_chainId")), BigInt(CHAIN_ID));
  });

  it("accepts a request without a params member", async () => {
    const { reply } = await t.post({ jsonrpc: "2.0", id: 7, method: "eth_chainId" });
    assert.deepEqual(reply, { jsonrpc: "2.0", id: 7, result: qty(CHAIN_ID) });
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("eth_chainId", ["0x1"], -32602, /expected 0 parameters, got 1/);
    await t.expectError("eth_chainId", "latest", -32602, /params must be an array/);
  });
});
