import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { CHAIN_ID, qty, type RpcReply, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import { WsClient } from "./wsClient.ts";

const MAX_BATCH = 10;
const MAX_BYTES = 64 * 1024;

const call = (id: number | string | null, method: string, params: unknown[] = []) => ({
  jsonrpc: "2.0",
  id,
  method,
  params,
});

describe("batch requests and request limits", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode({ rpcLimits: { maxBatchLength: MAX_BATCH, maxRequestBytes: MAX_BYTES } });
    await t.produce();
  });
  after(() => t.close());

  const batch = async (body: unknown): Promise<RpcReply[]> => {
    const { status, reply } = await t.post(body);
    assert.equal(status, 200);
    assert.ok(Array.isArray(reply), `a batch is answered with an array, got ${JSON.stringify(reply)}`);
    return reply as RpcReply[];
  };

  it("answers every call of a batch, each under its own id, equal to the single-call answer", async () => {
    const replies = await batch([
      call(1, "eth_chainId"),
      call("two", "eth_blockNumber"),
      call(3, "eth_getBalance", [t.accounts[0]!.address, "latest"]),
      call(4, "web3_sha3", ["0x"]),
    ]);
    assert.equal(replies.length, 4);
    const byId = new Map(replies.map((r) => [r.id, r]));
    assert.equal(byId.get(1)?.result, qty(CHAIN_ID));
    assert.equal(byId.get("two")?.result, "0x1");
    assert.equal(byId.get(3)?.result, await t.rpc("eth_getBalance", [t.accounts[0]!.address, "latest"]));
    assert.equal(byId.get(4)?.result, await t.rpc("web3_sha3", ["0x"]));
  });

  it("answers failing calls with their own errors without failing the others", async () => {
    const replies = await batch([
      call(1, "eth_noSuchMethod"),
      call(2, "eth_getBalance", ["0x12"]),
      { jsonrpc: "1.0", id: 3, method: "eth_chainId" },
      call(4, "eth_chainId"),
      42,
    ]);
    assert.equal(replies.length, 5);
    const byId = new Map(replies.filter((r) => r.id !== null).map((r) => [r.id, r]));
    assert.equal(byId.get(1)?.error?.code, -32601);
    assert.match(byId.get(1)!.error!.message, /eth_noSuchMethod/);
    assert.equal(byId.get(2)?.error?.code, -32602);
    assert.equal(byId.get(3)?.error?.code, -32600);
    assert.equal(byId.get(4)?.result, qty(CHAIN_ID));
    const orphan = replies.find((r) => r.id === null);
    assert.equal(orphan?.error?.code, -32600);
  });

  it("runs the calls of a batch in order: a count after a send sees the new transaction", async () => {
    const alice = t.accounts[1]!;
    const raw = await t.sign(alice, { nonce: 0 });
    const replies = await batch([
      call(1, "eth_getTransactionCount", [alice.address, "pending"]),
      call(2, "eth_sendRawTransaction", [raw]),
      call(3, "eth_getTransactionCount", [alice.address, "pending"]),
    ]);
    const byId = new Map(replies.map((r) => [r.id, r.result as Hex]));
    assert.equal(byId.get(1), "0x0");
    assert.equal(byId.get(3), "0x1");
    await t.produce();
  });

  it("sends nothing back for notifications (calls without id), in a batch or alone", async () => {
    const replies = await batch([
      { jsonrpc: "2.0", method: "eth_chainId", params: [] },
      call(9, "eth_chainId"),
    ]);
    assert.deepEqual(
      replies.map((r) => r.id),
      [9],
    );
    const onlyNotifications = await t.post([{ jsonrpc: "2.0", method: "eth_blockNumber" }]);
    assert.deepEqual(onlyNotifications, { status: 200, reply: undefined });
    const single = await t.post({ jsonrpc: "2.0", method: "eth_blockNumber" });
    assert.deepEqual(single, { status: 200, reply: undefined });
  });

  it("refuses an empty batch with one -32600 error", async () => {
    const { reply } = await t.post([]);
    assert.equal((reply as RpcReply).error?.code, -32600);
    assert.equal((reply as RpcReply).id, null);
  });

  it("accepts a batch at the length limit and refuses one past it with -32005", async () => {
    const full = Array.from({ length: MAX_BATCH }, (_, i) => call(i, "eth_chainId"));
    assert.equal((await batch(full)).length, MAX_BATCH);
    const { reply } = await t.post([...full, call(MAX_BATCH, "eth_chainId")]);
    assert.equal((reply as RpcReply).error?.code, -32005);
    assert.match(
      (reply as RpcReply).error!.message,
      new RegExp(`batch of ${MAX_BATCH + 1} requests exceeds the limit of ${MAX_BATCH}`),
    );
  });

  it("refuses a body over the size limit with HTTP 413 and -32005, then keeps serving", async () => {
    const big = call(1, "web3_sha3", [`0x${"ab".repeat(MAX_BYTES)}`]);
    const { status, reply } = await t.post(big);
    assert.equal(status, 413);
    assert.equal((reply as RpcReply).error?.code, -32005);
    const under = call(2, "web3_sha3", [`0x${"ab".repeat(MAX_BYTES / 4)}`]);
    assert.equal((await t.post(under)).status, 200);
  });

  it("answers malformed JSON with -32700 and a null id", async () => {
    const { status, reply } = await t.post('[{"jsonrpc":"2.0","id":1,', true);
    assert.equal(status, 200);
    assert.deepEqual((reply as RpcReply).id, null);
    assert.equal((reply as RpcReply).error?.code, -32700);
  });

  it("refuses methods other than POST with HTTP 405", async () => {
    const response = await fetch(t.url);
    assert.equal(response.status, 405);
    assert.equal(((await response.json()) as RpcReply).error?.code, -32600);
  });

  it("answers batches over WebSocket too", async () => {
    const ws = await WsClient.connect(t.wsUrl);
    try {
      ws.sendRaw(JSON.stringify([call(100, "eth_chainId"), call(101, "net_version")]));
      await ws.sync();
      const replies = ws.orphans.at(-1) as unknown as RpcReply[];
      assert.deepEqual(
        replies.map((r) => [r.id, r.result]),
        [
          [100, qty(CHAIN_ID)],
          [101, String(CHAIN_ID)],
        ],
      );
    } finally {
      await ws.close();
    }
  });
});
