import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { qty, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

interface SignerMetric {
  address: string;
  proposedBlockCount: string;
  lastProposedBlockNumber: string;
}

describe("qbft_getSignerMetrics", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  const metrics = (params: unknown[] = []) => t.rpc<SignerMetric[]>("qbft_getSignerMetrics", params);
  const entry = (count: number, last: number): SignerMetric[] => [
    { address: t.validator, proposedBlockCount: qty(count), lastProposedBlockNumber: qty(last) },
  ];

  it("lists each validator with no proposals for a range that holds only genesis", async () => {
    assert.deepEqual(await metrics(["earliest", "latest"]), entry(0, 0));
    assert.deepEqual(await metrics(["0x0"]), entry(0, 0));
  });

  it("lists each validator with no proposals when called without a range on a chain that has only genesis", async () => {
    assert.deepEqual(await metrics(), entry(0, 0));
  });

  it("counts the blocks each validator proposed in the range, with the last one", async () => {
    for (let i = 0; i < 3; i++) await t.produce();
    assert.deepEqual(await metrics(), entry(3, 3));
    assert.deepEqual(await metrics(["0x1", "0x2"]), entry(2, 2));
    assert.deepEqual(await metrics(["0x2"]), entry(2, 3), "to defaults to the head");
    assert.deepEqual(await metrics(["earliest", "0x1"]), entry(1, 1));
    assert.deepEqual(await metrics(["0x3", "latest"]), entry(1, 3));
  });

  it("looks at the last 100 blocks when no range is given", async () => {
    while ((await t.produce()).block.header.number < 102n);
    assert.deepEqual(await metrics(), entry(100, 102));
    assert.deepEqual(await metrics(["0x1"]), entry(102, 102));
  });

  it("refuses a range that ends before it starts, an unknown block or a bad parameter", async () => {
    await t.expectError(
      "qbft_getSignerMetrics",
      ["0x3", "0x2"],
      -32602,
      /fromBlockNumber is after toBlockNumber/,
    );
    await t.expectError("qbft_getSignerMetrics", ["0x1", qty(1000)], -32001, /toBlockNumber .* not found/);
    await t.expectError("qbft_getSignerMetrics", [qty(1000)], -32001, /fromBlockNumber .* not found/);
    await t.expectError("qbft_getSignerMetrics", ["one"], -32602, /fromBlockNumber must be/);
    await t.expectError(
      "qbft_getSignerMetrics",
      ["0x1", "0x2", "0x3"],
      -32602,
      /expected 0 to 2 parameters, got 3/,
    );
  });
});
