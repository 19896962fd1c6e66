import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type NetworkedPair, startNetworkedPair, until } from "./networkedPair.ts";
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

describe("eth_syncing on a follower", () => {
  let pair: NetworkedPair;
  before(async () => {
    pair = await startNetworkedPair();
  });
  after(() => pair.close());

  it("answers false or well-formed progress while it catches up, and false once at the head", async () => {
    for (let i = 0; i < 20; i++) await pair.validator.node.produceBlock();
    const seen: unknown[] = [];
    await until(async () => {
      seen.push(await pair.follower.rpc("eth_syncing"));
      return (await pair.follower.rpc<string>("eth_blockNumber")) === "0x14";
    }, "the follower to reach block 20");
    for (const answer of seen) {
      if (answer === false) continue;
      const { startingBlock, currentBlock, highestBlock } = answer as Record<string, string>;
      assert.deepEqual(Object.keys(answer as object).sort(), [
        "currentBlock",
        "highestBlock",
        "startingBlock",
      ]);
      for (const q of [startingBlock, currentBlock, highestBlock])
        assert.match(q!, /^0x(0|[1-9a-f][0-9a-f]*)$/);
      assert.ok(BigInt(startingBlock!) <= BigInt(currentBlock!));
      assert.ok(BigInt(currentBlock!) <= BigInt(highestBlock!));
      assert.ok(BigInt(highestBlock!) <= 20n);
    }
    await until(
      async () => (await pair.follower.rpc("eth_syncing")) === false,
      "eth_syncing false at the head",
    );
    const head = await pair.validator.rpc<{ hash: string }>("eth_getBlockByNumber", ["latest", false]);
    const followed = await pair.follower.rpc<{ hash: string }>("eth_getBlockByNumber", ["latest", false]);
    assert.equal(followed.hash, head.hash);
  });
});
