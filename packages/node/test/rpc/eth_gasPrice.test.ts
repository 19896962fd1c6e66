import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("eth_gasPrice", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is zero: gas is free and the base fee is pinned at zero", async () => {
    assert.equal(await t.rpc("eth_gasPrice"), "0x0");
    const head = await t.rpc<{ baseFeePerGas: string }>("eth_getBlockByNumber", ["latest", false]);
    assert.equal(BigInt(head.baseFeePerGas), 0n);
  });

  it("is enough to get a transaction mined", async () => {
    const fee = BigInt(await t.rpc<string>("eth_gasPrice"));
    const { hash } = await t.mine(t.accounts[0]!);
    const receipt = await t.rpc<{ status: string; effectiveGasPrice: string }>("eth_getTransactionReceipt", [
      hash,
    ]);
    assert.equal(receipt.status, "0x1");
    assert.equal(BigInt(receipt.effectiveGasPrice), fee);
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("eth_gasPrice", ["latest"], -32602, /expected 0 parameters, got 1/);
  });
});
