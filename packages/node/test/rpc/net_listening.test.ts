import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("net_listening", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is true while the node serves", async () => {
    assert.equal(await t.rpc("net_listening"), true);
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("net_listening", [true], -32602, /expected 0 parameters, got 1/);
  });
});
