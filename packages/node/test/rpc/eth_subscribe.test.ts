import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Hex, pad, toHex } from "viem";
import { RECORDED_TOPIC } from "./logFixture.ts";
import { deployRecorder, recorderCall } from "./recorder.ts";
import { CHAIN_ID, qty, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock, RpcLog } from "./rpcTypes.ts";
import { WsClient } from "./wsClient.ts";

describe("eth_subscribe and eth_unsubscribe (WebSocket)", () => {
  let t: RpcTestNode;
  let ws: WsClient;
  let contracts: [Hex, Hex];
  before(async () => {
    t = await startRpcTestNode();
    contracts = [
      (await deployRecorder(t, t.accounts[0]!, 0n)).address,
      (await deployRecorder(t, t.accounts[0]!, 0n)).address,
    ];
    ws = await WsClient.connect(t.wsUrl);
  });
  after(async () => {
    await ws.close();
    await t.close();
  });

  const record = (who: number, c: Hex, amount: bigint) =>
    t.send(t.accounts[who]!, {
      to: c,
      value: 0n,
      data: recorderCall("record", [amount, "s"]),
      gas: 200_000n,
    });

  it("newHeads pushes each new block's header, equal to eth_getBlockByNumber without transactions", async () => {
    const id = await ws.rpc<string>("eth_subscribe", ["newHeads"]);
    assert.match(id, /^0x[0-9a-f]+$/);
    await t.produce();
    await t.mine(t.accounts[1]!);
    await ws.sync();
    const heads = ws.take(id);
    assert.equal(heads.length, 2);
    const head = BigInt(await t.rpc<Hex>("eth_blockNumber"));
    for (const [i, header] of heads.entries()) {
      const { transactions: _omitted, ...expected } = await t.rpc<RpcBlock>("eth_getBlockByNumber", [
        toHex(head - 1n + BigInt(i)),
        false,
      ]);
      assert.deepEqual(header, expected);
      assert.equal("transactions" in header, false);
    }
    assert.equal(await ws.rpc("eth_unsubscribe", [id]), true);
  });

  it("logs pushes matching logs only, equal to what eth_getLogs returns for the block", async () => {
    const [c0, c1] = contracts;
    const alice = pad(t.accounts[0]!.address);
    const byAddress = await ws.rpc<string>("eth_subscribe", ["logs", { address: c1 }]);
    const byTopic = await ws.rpc<string>("eth_subscribe", ["logs", { topics: [RECORDED_TOPIC, alice] }]);
    const everything = await ws.rpc<string>("eth_subscribe", ["logs"]);
    const txs = [await record(0, c0, 1n), await record(1, c1, 2n), await record(0, c1, 3n)];
    const block = await t.produce();
    await ws.sync();
    const all = await t.rpc<RpcLog[]>("eth_getLogs", [
      { blockHash: `0x${Buffer.from(block.hash).toString("hex")}` },
    ]);
    assert.equal(all.length, 3);
    assert.deepEqual(ws.take(everything), all);
    assert.deepEqual(
      ws.take(byAddress),
      all.filter((l) => l.address === c1),
    );
    assert.deepEqual(
      ws.take(byTopic).map((l) => l["transactionHash"]),
      [txs[0], txs[2]],
    );
    for (const id of [byAddress, byTopic, everything])
      assert.equal(await ws.rpc("eth_unsubscribe", [id]), true);
  });

  it("stops pushing after eth_unsubscribe, which then answers false", async () => {
    const id = await ws.rpc<string>("eth_subscribe", ["newHeads"]);
    assert.equal(await ws.rpc("eth_unsubscribe", [id]), true);
    assert.equal(await ws.rpc("eth_unsubscribe", [id]), false);
    await t.produce();
    await ws.sync();
    assert.deepEqual(ws.take(id), []);
  });

  it("keeps subscriptions per connection: another connection cannot cancel them, and closing one drops its listeners", async () => {
    const other = await WsClient.connect(t.wsUrl);
    const listeners = t.node.chain.listenerCount("block");
    const id = await other.rpc<string>("eth_subscribe", ["newHeads"]);
    assert.equal(t.node.chain.listenerCount("block"), listeners + 1);
    assert.equal(await ws.rpc("eth_unsubscribe", [id]), false);
    await t.produce();
    await other.sync();
    assert.equal(other.take(id).length, 1);
    await other.close();
    // The server sees the close a moment after the client; a few round trips let it catch up.
    for (let i = 0; i < 50 && t.node.chain.listenerCount("block") !== listeners; i++) await ws.sync();
    assert.equal(t.node.chain.listenerCount("block"), listeners);
  });

  it("answers a malformed message with a parse error and keeps the connection", async () => {
    ws.sendRaw("{not json");
    await ws.sync();
    assert.equal(ws.orphans.at(-1)?.error?.code, -32700);
    assert.equal(await ws.rpc("eth_chainId"), qty(CHAIN_ID));
  });

  it("refuses eth_subscribe over HTTP with -32004", async () => {
    await t.expectError("eth_subscribe", ["newHeads"], -32004, /needs a WebSocket connection/);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    const bad = async (params: unknown, message: RegExp) => {
      const reply = await ws.call("eth_subscribe", params);
      assert.equal(reply.error?.code, -32602, JSON.stringify(reply));
      assert.match(reply.error!.message, message);
    };
    await bad(["newPendingBlocks"], /unsupported subscription "newPendingBlocks"; supported: newHeads, logs/);
    await bad(["logs", { address: "0x1" }], /address must be a 20-byte/);
    await bad(["logs", "0x1"], /filter must be an object/);
    await bad(["logs", { blockHash: `0x${"11".repeat(32)}` }], /blockHash selects one past block/);
    await bad([], /expected 1 to 2 parameters, got 0/);
    const reply = await ws.call("eth_unsubscribe", []);
    assert.equal(reply.error?.code, -32602);
  });
});
