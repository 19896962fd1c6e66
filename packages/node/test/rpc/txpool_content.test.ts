import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

type Content = Record<"pending" | "queued", Record<string, Record<string, Record<string, unknown>>>>;

describe("txpool_content", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is empty on a fresh node", async () => {
    assert.deepEqual(await t.rpc("txpool_content"), { pending: {}, queued: {} });
  });

  it("groups transactions by sender and nonce, pending apart from queued, as pool transaction objects", async () => {
    const [alice, bob] = t.accounts;
    const a0 = await t.send(alice!, { nonce: 0, value: 10n });
    const a1 = await t.send(alice!, { nonce: 1, value: 11n });
    const b5 = await t.send(bob!, { nonce: 5, value: 12n });
    const content = await t.rpc<Content>("txpool_content");
    assert.deepEqual(Object.keys(content.pending), [alice!.address]);
    assert.deepEqual(Object.keys(content.queued), [bob!.address]);
    const pending = content.pending[alice!.address]!;
    assert.deepEqual(Object.keys(pending), ["0", "1"]);
    assert.deepEqual([pending["0"]!["hash"], pending["1"]!["hash"]], [a0, a1]);
    assert.equal(BigInt(pending["1"]!["value"] as Hex), 11n);
    assert.equal(pending["0"]!["from"], alice!.address);
    assert.equal(pending["0"]!["blockHash"], null);
    const queued = content.queued[bob!.address]!;
    assert.deepEqual(Object.keys(queued), ["5"]);
    assert.equal(queued["5"]!["hash"], b5);
    assert.deepEqual(queued["5"], await t.rpc("eth_getTransactionByHash", [b5]));
  });

  it("drops mined transactions and keeps the queued one", async () => {
    await t.produce();
    const content = await t.rpc<Content>("txpool_content");
    assert.deepEqual(content.pending, {});
    assert.deepEqual(Object.keys(content.queued), [t.accounts[1]!.address]);
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("txpool_content", [t.accounts[0]!.address], -32602, /expected 0 parameters, got 1/);
  });
});
