import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CHAIN_ID, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("net_version", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is the network id (the chain id) as a decimal string", async () => {
    const version = await t.rpc("net_version");
    assert.equal(version, String(CHAIN_ID));
    assert.equal(BigInt(version as string), BigInt(await t.rpc<string>("eth_chainId")));
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("net_version", [1], -32602, /expected 0 parameters, got 1/);
  });
});
