import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BLOCK_GAS_LIMIT, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

interface FeeHistory {
  oldestBlock: string;
  baseFeePerGas: string[];
  gasUsedRatio: number[];
  baseFeePerBlobGas: string[];
  blobGasUsedRatio: number[];
  reward?: string[][];
}

describe("eth_feeHistory", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
    // Blocks 1..4: empty, one transfer, two transfers, empty.
    await t.produce();
    await t.mine(t.accounts[0]!);
    await t.send(t.accounts[0]!);
    await t.send(t.accounts[1]!);
    await t.produce();
    await t.produce();
  });
  after(() => t.close());

  it("reports the last blocks up to the newest, with gas used over the gas limit", async () => {
    const history = await t.rpc<FeeHistory>("eth_feeHistory", ["0x3", "latest", []]);
    assert.equal(history.oldestBlock, "0x2");
    const limit = Number(BLOCK_GAS_LIMIT);
    assert.deepEqual(history.gasUsedRatio, [21_000 / limit, 42_000 / limit, 0]);
    // One more base fee than blocks: the next block's. All zero on this free-gas network.
    assert.deepEqual(history.baseFeePerGas, ["0x0", "0x0", "0x0", "0x0"]);
    assert.equal(history.baseFeePerBlobGas.length, 4);
    assert.deepEqual(history.blobGasUsedRatio, [0, 0, 0]);
    assert.deepEqual(history.reward, [[], [], []]);
  });

  it("gives one zero reward per requested percentile", async () => {
    const history = await t.rpc<FeeHistory>("eth_feeHistory", ["0x2", "0x3", [10, 50, 90]]);
    assert.equal(history.oldestBlock, "0x2");
    assert.deepEqual(history.reward, [
      ["0x0", "0x0", "0x0"],
      ["0x0", "0x0", "0x0"],
    ]);
  });

  it("omits reward without percentiles and stops at genesis when more blocks are asked than exist", async () => {
    const history = await t.rpc<FeeHistory>("eth_feeHistory", ["0x400", "latest"]);
    assert.equal(history.oldestBlock, "0x0");
    assert.equal(history.gasUsedRatio.length, 5);
    assert.equal(history.reward, undefined);
  });

  it("accepts the block count as a JSON number, as many clients send it", async () => {
    const history = await t.rpc<FeeHistory>("eth_feeHistory", [2, "latest", []]);
    assert.equal(history.oldestBlock, "0x3");
  });

  it("answers -32001 for a newest block beyond the head rather than silently using the head", async () => {
    await t.expectError(
      "eth_feeHistory",
      ["0x1", "0x5", []],
      -32001,
      /newestBlock "0x5" not found: the head is 4/,
    );
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_feeHistory", ["0x0", "latest", []], -32602, /blockCount must be between 1 and/);
    await t.expectError("eth_feeHistory", ["0x401", "latest", []], -32602, /blockCount/);
    await t.expectError("eth_feeHistory", ["three", "latest", []], -32602, /blockCount must be/);
    await t.expectError("eth_feeHistory", ["0x1", "latest", [101]], -32602, /rewardPercentiles/);
    await t.expectError("eth_feeHistory", ["0x1", "latest", "50"], -32602, /rewardPercentiles/);
    await t.expectError("eth_feeHistory", ["0x1", "nope", []], -32602, /newestBlock must be/);
    await t.expectError("eth_feeHistory", ["0x1"], -32602, /expected 2 to 3 parameters, got 1/);
  });
});
