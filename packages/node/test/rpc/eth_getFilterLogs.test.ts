import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { pad } from "viem";
import { type LogChain, logKey, mineLogChain, RECORDED_TOPIC } from "./logFixture.ts";
import { recorderCall } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcLog } from "./rpcTypes.ts";

describe("eth_getFilterLogs", () => {
  let t: RpcTestNode;
  let chain: LogChain;
  before(async () => {
    t = await startRpcTestNode();
    chain = await mineLogChain(t);
  });
  after(() => t.close());

  it("returns all logs matching the filter, including those before installation, on every call", async () => {
    const alice = pad(t.accounts[0]!.address);
    const criteria = { fromBlock: "0x0", topics: [RECORDED_TOPIC, alice] };
    const id = await t.rpc<string>("eth_newFilter", [criteria]);
    const expected = chain.logs
      .filter((l) => l.topics[0] === RECORDED_TOPIC && l.topics[1] === alice)
      .map(logKey);
    assert.equal(expected.length, 2);
    assert.deepEqual((await t.rpc<RpcLog[]>("eth_getFilterLogs", [id])).map(logKey), expected);
    assert.deepEqual(await t.rpc("eth_getFilterLogs", [id]), await t.rpc("eth_getLogs", [criteria]));
    // Polling changes does not consume what eth_getFilterLogs returns.
    await t.rpc("eth_getFilterChanges", [id]);
    assert.deepEqual((await t.rpc<RpcLog[]>("eth_getFilterLogs", [id])).map(logKey), expected);
  });

  it("includes logs mined after installation", async () => {
    const c1 = chain.contracts[1];
    const id = await t.rpc<string>("eth_newFilter", [{ fromBlock: "earliest", address: c1 }]);
    const before = (await t.rpc<RpcLog[]>("eth_getFilterLogs", [id])).length;
    await t.mine(t.accounts[3]!, {
      to: c1,
      value: 0n,
      data: recorderCall("record", [9n, "late"]),
      gas: 200_000n,
    });
    assert.equal((await t.rpc<RpcLog[]>("eth_getFilterLogs", [id])).length, before + 1);
  });

  it("answers -32000 for a block filter and for an unknown id", async () => {
    const blockFilter = await t.rpc<string>("eth_newBlockFilter");
    await t.expectError("eth_getFilterLogs", [blockFilter], -32000, /is not a log filter/);
    await t.expectError("eth_getFilterLogs", [`0x${"ab".repeat(16)}`], -32000, /filter not found/);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getFilterLogs", [{ id: "0x1" }], -32602, /filterId must be/);
    await t.expectError("eth_getFilterLogs", ["0x1", "0x2"], -32602, /expected 1 parameters, got 2/);
  });
});
