import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NODE_VERSION } from "@civitas/node";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("web3_clientVersion", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("names the client, its version, the platform and the runtime, as geth-style clients do", async () => {
    const version = await t.rpc<string>("web3_clientVersion");
    assert.equal(
      version,
      `Civitas/v${NODE_VERSION}/${process.platform}-${process.arch}/node${process.versions.node}`,
    );
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("web3_clientVersion", ["x"], -32602, /expected 0 parameters, got 1/);
  });
});
