import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type NetworkedPair, startNetworkedPair, until } from "./networkedPair.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("net_peerCount", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is 0x0 for a lone validator, as a quantity", async () => {
    const count = await t.rpc<string>("net_peerCount");
    assert.match(count, /^0x(0|[1-9a-f][0-9a-f]*)$/);
    assert.equal(BigInt(count), 0n);
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("net_peerCount", ["0x1"], -32602, /expected 0 parameters, got 1/);
  });
});

describe("net_peerCount on connected nodes", () => {
  let pair: NetworkedPair;
  before(async () => {
    pair = await startNetworkedPair();
  });
  after(() => pair.close());

  it("counts the connected peer on both sides", async () => {
    await until(
      async () =>
        (await pair.validator.rpc("net_peerCount")) === "0x1" &&
        (await pair.follower.rpc("net_peerCount")) === "0x1",
      "each node to count the other",
    );
    assert.equal((await pair.validator.rpc<unknown[]>("admin_peers")).length, 1);
  });
});
