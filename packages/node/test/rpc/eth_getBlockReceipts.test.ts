import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { deployRecorder, recorderCall } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock, RpcReceipt } from "./rpcTypes.ts";

describe("eth_getBlockReceipts", () => {
  let t: RpcTestNode;
  let block: RpcBlock;
  let hashes: Hex[];
  // Block 1 deploys Recorder; block 2 holds a transfer, a logging call and a reverting call; block 3 is empty.
  before(async () => {
    t = await startRpcTestNode();
    const { address } = await deployRecorder(t, t.accounts[0]!, 0n);
    hashes = [
      await t.send(t.accounts[1]!, { value: 4n }),
      await t.send(t.accounts[2]!, {
        to: address,
        value: 0n,
        data: recorderCall("record", [3n, "a"]),
        gas: 200_000n,
      }),
      await t.send(t.accounts[3]!, {
        to: address,
        value: 0n,
        data: recorderCall("record", [5000n, "b"]),
        gas: 200_000n,
      }),
    ];
    await t.produce();
    await t.produce();
    block = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x2", false]);
  });
  after(() => t.close());

  it("returns the block's receipts in order, each equal to eth_getTransactionReceipt", async () => {
    const receipts = await t.rpc<RpcReceipt[]>("eth_getBlockReceipts", ["0x2"]);
    assert.equal(receipts.length, 3);
    for (const [i, receipt] of receipts.entries()) {
      assert.deepEqual(receipt, await t.rpc("eth_getTransactionReceipt", [hashes[i]]));
      assert.equal(receipt.blockHash, block.hash);
    }
    assert.deepEqual(
      receipts.map((r) => r.status),
      ["0x1", "0x1", "0x0"],
    );
    assert.equal(BigInt(receipts[0]!.gasUsed), 21_000n);
    assert.equal(BigInt(receipts[2]!.cumulativeGasUsed), BigInt(block.gasUsed));
  });

  it("accepts the block as a hash, an EIP-1898 object or a tag", async () => {
    const byNumber = await t.rpc<RpcReceipt[]>("eth_getBlockReceipts", ["0x2"]);
    assert.deepEqual(await t.rpc("eth_getBlockReceipts", [block.hash]), byNumber);
    assert.deepEqual(await t.rpc("eth_getBlockReceipts", [{ blockHash: block.hash }]), byNumber);
    assert.deepEqual(await t.rpc("eth_getBlockReceipts", [{ blockNumber: "0x2" }]), byNumber);
    const one = await t.rpc<RpcReceipt[]>("eth_getBlockReceipts", ["0x1"]);
    assert.equal(one.length, 1);
    assert.notEqual(one[0]!.contractAddress, null);
  });

  it("returns an empty list for a block without transactions", async () => {
    assert.deepEqual(await t.rpc("eth_getBlockReceipts", ["latest"]), []);
    assert.deepEqual(await t.rpc("eth_getBlockReceipts", ["earliest"]), []);
  });

  it("returns null for a block beyond the head or an unknown hash", async () => {
    assert.equal(await t.rpc("eth_getBlockReceipts", ["0x37"]), null);
    assert.equal(await t.rpc("eth_getBlockReceipts", [`0x${"00".repeat(28)}deadbeef`]), null);
    assert.equal(await t.rpc("eth_getBlockReceipts", [`0x${"00".repeat(32)}`]), null);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getBlockReceipts", [], -32602, /expected 1 parameters, got 0/);
    await t.expectError("eth_getBlockReceipts", ["0x2", true], -32602, /expected 1 parameters, got 2/);
    await t.expectError("eth_getBlockReceipts", ["second"], -32602, /block must be/);
    await t.expectError("eth_getBlockReceipts", [[]], -32602, /block must be/);
  });
});
