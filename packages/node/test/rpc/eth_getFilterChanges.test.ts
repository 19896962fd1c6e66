import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { RECORDED_TOPIC } from "./logFixture.ts";
import { deployRecorder, recorderCall } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcLog } from "./rpcTypes.ts";

describe("eth_getFilterChanges", () => {
  let t: RpcTestNode;
  let contract: Hex;
  before(async () => {
    t = await startRpcTestNode();
    contract = (await deployRecorder(t, t.accounts[0]!, 0n)).address;
  });
  after(() => t.close());

  const record = (who: number, amount: bigint) =>
    t.send(t.accounts[who]!, {
      to: contract,
      value: 0n,
      data: recorderCall("record", [amount, "c"]),
      gas: 200_000n,
    });

  it("returns each log once, across several blocks, between polls", async () => {
    const id = await t.rpc<string>("eth_newFilter", [{ address: contract, topics: [RECORDED_TOPIC] }]);
    const firstBatch = [await record(1, 1n), await record(2, 2n)];
    await t.produce();
    const second = await record(1, 3n);
    await t.produce();
    const poll1 = await t.rpc<RpcLog[]>("eth_getFilterChanges", [id]);
    assert.deepEqual(
      poll1.map((l) => l.transactionHash),
      [...firstBatch, second],
    );
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [id]), []);
    await t.produce();
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [id]), []);
    const third = await record(2, 4n);
    await t.produce();
    assert.deepEqual(
      (await t.rpc<RpcLog[]>("eth_getFilterChanges", [id])).map((l) => l.transactionHash),
      [third],
    );
  });

  it("returns block hashes for a block filter", async () => {
    const id = await t.rpc<string>("eth_newBlockFilter");
    const block = await t.produce();
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [id]), [
      `0x${Buffer.from(block.hash).toString("hex")}`,
    ]);
  });

  it("returns transaction hashes as they enter the pool for a pending-transaction filter", async () => {
    const id = await t.rpc<string>("eth_newPendingTransactionFilter");
    const hashes = [await t.send(t.accounts[3]!), await t.send(t.accounts[3]!)];
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [id]), hashes);
    await t.produce();
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [id]), []);
  });

  it("answers -32000 for an unknown filter id", async () => {
    await t.expectError("eth_getFilterChanges", [`0x${"12".repeat(16)}`], -32000, /filter not found/);
  });

  it("refuses an id that is not a hex string with -32602 naming it", async () => {
    await t.expectError("eth_getFilterChanges", [7], -32602, /filterId must be a 0x-hex filter id/);
    await t.expectError("eth_getFilterChanges", ["abc"], -32602, /filterId must be/);
    await t.expectError("eth_getFilterChanges", [], -32602, /expected 1 parameters, got 0/);
  });
});
