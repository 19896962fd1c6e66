import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("eth_syncing", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is false for the single validator, which is always at its own head", async () => {
    assert.equal(await t.rpc("eth_syncing"), false);
    await t.produce();
    assert.equal(await t.rpc("eth_syncing"), false);
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("eth_syncing", [true], -32602, /expected 0 parameters, got 1/);
  });
});
