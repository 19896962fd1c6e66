import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeEventLog, getAddress, type Hex, pad, toHex } from "viem";
import { type LogChain, logKey, mineLogChain, RECORDED_TOPIC, RESET_TOPIC } from "./logFixture.ts";
import { recorder } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock, RpcLog } from "./rpcTypes.ts";

describe("eth_getLogs", () => {
  let t: RpcTestNode;
  let chain: LogChain;
  before(async () => {
    t = await startRpcTestNode();
    chain = await mineLogChain(t);
  });
  after(() => t.close());

  const getLogs = (filter: Record<string, unknown>) => t.rpc<RpcLog[]>("eth_getLogs", [filter]);
  const expected = (keep: (log: LogChain["logs"][number]) => boolean) => chain.logs.filter(keep).map(logKey);

  it("returns every log of a range, in chain order, with positions and decodable data", async () => {
    const logs = await getLogs({ fromBlock: "0x0", toBlock: "latest" });
    assert.deepEqual(
      logs.map(logKey),
      expected(() => true),
    );
    const five = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x5", false]);
    const last = logs.at(-1)!;
    assert.equal(last.blockHash, five.hash);
    assert.equal(last.logIndex, "0x1");
    assert.equal(last.transactionIndex, "0x1");
    assert.equal(last.removed, false);
    const first = decodeEventLog({
      abi: recorder.abi,
      data: logs[0]!.data,
      topics: logs[0]!.topics as [Hex, ...Hex[]],
    });
    assert.deepEqual(first.args, { author: getAddress(t.accounts[0]!.address), amount: 1n, note: "n1" });
  });

  it("filters by address, one or several", async () => {
    const [c0, c1] = chain.contracts;
    assert.deepEqual(
      (await getLogs({ fromBlock: "0x0", address: c0 })).map(logKey),
      expected((l) => l.address === c0),
    );
    assert.deepEqual(
      (await getLogs({ fromBlock: "0x0", address: [c0, c1] })).map(logKey),
      expected(() => true),
    );
    assert.deepEqual(await getLogs({ fromBlock: "0x0", address: `0x${"00".repeat(20)}` }), []);
  });

  it("filters by topics: exact, null wildcard, and OR lists per position", async () => {
    const a = pad(t.accounts[0]!.address);
    assert.deepEqual(
      (await getLogs({ fromBlock: "0x0", topics: [RESET_TOPIC] })).map(logKey),
      expected((l) => l.topics[0] === RESET_TOPIC),
    );
    assert.deepEqual(
      (await getLogs({ fromBlock: "0x0", topics: [null, a] })).map(logKey),
      expected((l) => l.topics[1] === a),
    );
    assert.deepEqual(
      (
        await getLogs({ fromBlock: "0x0", topics: [RECORDED_TOPIC, null, [pad(toHex(2n)), pad(toHex(3n))]] })
      ).map(logKey),
      expected((l) => l.topics[2] === pad(toHex(2n)) || l.topics[2] === pad(toHex(3n))),
    );
    assert.deepEqual(
      (await getLogs({ fromBlock: "0x0", topics: [[RECORDED_TOPIC, RESET_TOPIC]] })).map(logKey),
      expected(() => true),
    );
    assert.deepEqual(await getLogs({ fromBlock: "0x0", topics: [RESET_TOPIC, a] }), []);
  });

  it("combines address and topics", async () => {
    const [c0, c1] = chain.contracts;
    const a = pad(t.accounts[0]!.address);
    assert.deepEqual(
      (await getLogs({ fromBlock: "0x0", address: c1, topics: [RECORDED_TOPIC, a] })).map(logKey),
      expected((l) => l.address === c1 && l.topics[1] === a),
    );
    assert.deepEqual(
      await getLogs({ fromBlock: "0x0", address: c0, topics: [null, pad(t.accounts[1]!.address)] }),
      [],
    );
  });

  it("bounds the range by fromBlock and toBlock, defaulting both to latest", async () => {
    assert.deepEqual(
      (await getLogs({ fromBlock: "0x3", toBlock: "0x4" })).map(logKey),
      expected((l) => l.blockNumber === 3n),
    );
    assert.deepEqual(await getLogs({ fromBlock: "0x4", toBlock: "0x4" }), []);
    assert.deepEqual(
      (await getLogs({})).map(logKey),
      expected((l) => l.blockNumber === 5n),
    );
    assert.deepEqual(
      (await getLogs({ fromBlock: "earliest", toBlock: "0x3" })).map(logKey),
      expected((l) => l.blockNumber === 3n),
    );
  });

  it("selects one block by blockHash", async () => {
    const three = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x3", false]);
    assert.deepEqual(
      (await getLogs({ blockHash: three.hash })).map(logKey),
      expected((l) => l.blockNumber === 3n),
    );
    assert.deepEqual(
      (await getLogs({ blockHash: three.hash, topics: [null, pad(t.accounts[1]!.address)] })).map(logKey),
      expected((l) => l.blockNumber === 3n && l.topics[1] === pad(t.accounts[1]!.address)),
    );
  });

  it("answers -32001 for an unknown blockHash", async () => {
    await t.expectError("eth_getLogs", [{ blockHash: `0x${"00".repeat(32)}` }], -32001, /not found/);
  });

  it("refuses ranges beyond the head or reversed with -32602, as the execution-apis tests require", async () => {
    await t.expectError(
      "eth_getLogs",
      [{ fromBlock: "0x3", toBlock: "0x9" }],
      -32602,
      /^block range extends beyond current head block$/,
    );
    await t.expectError(
      "eth_getLogs",
      [{ fromBlock: "0x8", toBlock: "0x9" }],
      -32602,
      /^block range extends beyond current head block$/,
    );
    await t.expectError(
      "eth_getLogs",
      [{ fromBlock: "0x9", toBlock: "latest" }],
      -32602,
      /^invalid block range params$/,
    );
    await t.expectError(
      "eth_getLogs",
      [{ fromBlock: "0x4", toBlock: "0x2" }],
      -32602,
      /^invalid block range params$/,
    );
  });

  it("refuses malformed filters with -32602 naming the field", async () => {
    const three = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x3", false]);
    await t.expectError(
      "eth_getLogs",
      [{ blockHash: three.hash, fromBlock: "0x3" }],
      -32602,
      /blockHash cannot be combined with fromBlock\/toBlock/,
    );
    await t.expectError("eth_getLogs", [{ address: "0x12" }], -32602, /address must be a 20-byte/);
    await t.expectError(
      "eth_getLogs",
      [{ address: [chain.contracts[0], "x"] }],
      -32602,
      /address\[1\] must be/,
    );
    await t.expectError("eth_getLogs", [{ topics: ["0x12"] }], -32602, /topics\[0\] must be a 32-byte/);
    await t.expectError(
      "eth_getLogs",
      [{ topics: [null, [RESET_TOPIC, 5]] }],
      -32602,
      /topics\[1\]\[1\] must be/,
    );
    await t.expectError("eth_getLogs", [{ topics: [null, null, null, null, null] }], -32602, /at most 4/);
    await t.expectError("eth_getLogs", [{ fromBlock: "yesterday" }], -32602, /fromBlock must be/);
    await t.expectError("eth_getLogs", ["0x1"], -32602, /filter must be an object/);
    await t.expectError("eth_getLogs", [], -32602, /expected 1 parameters, got 0/);
  });
});
