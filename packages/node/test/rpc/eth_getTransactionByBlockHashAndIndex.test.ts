import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

describe("eth_getTransactionByBlockHashAndIndex", () => {
  let t: RpcTestNode;
  let hashes: Hex[];
  let block: RpcBlock;
  // Block 1 holds three transfers, in the order they arrived.
  before(async () => {
    t = await startRpcTestNode();
    hashes = [];
    for (const [i, account] of t.accounts.slice(0, 3).entries()) {
      hashes.push(await t.send(account, { value: BigInt(i + 1) }));
    }
    await t.produce();
    block = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", false]);
  });
  after(() => t.close());

  it("returns each transaction at its index, equal to eth_getTransactionByHash", async () => {
    for (const [i, hash] of hashes.entries()) {
      const tx = await t.rpc<Record<string, Hex>>("eth_getTransactionByBlockHashAndIndex", [
        block.hash,
        `0x${i.toString(16)}`,
      ]);
      assert.equal(tx["hash"], hash);
      assert.equal(tx["transactionIndex"], `0x${i.toString(16)}`);
      assert.equal(tx["blockHash"], block.hash);
      assert.equal(BigInt(tx["value"]!), BigInt(i + 1));
      assert.deepEqual(tx, await t.rpc("eth_getTransactionByHash", [hash]));
    }
  });

  it("returns null past the last index, and for an unknown block", async () => {
    assert.equal(await t.rpc("eth_getTransactionByBlockHashAndIndex", [block.hash, "0x3"]), null);
    assert.equal(await t.rpc("eth_getTransactionByBlockHashAndIndex", [`0x${"ab".repeat(32)}`, "0x0"]), null);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError(
      "eth_getTransactionByBlockHashAndIndex",
      [block.hash],
      -32602,
      /expected 2 parameters, got 1/,
    );
    await t.expectError(
      "eth_getTransactionByBlockHashAndIndex",
      [block.hash, 0],
      -32602,
      /index must be a 0x-prefixed hex quantity/,
    );
    await t.expectError(
      "eth_getTransactionByBlockHashAndIndex",
      [block.hash, "zero"],
      -32602,
      /index must be/,
    );
    await t.expectError(
      "eth_getTransactionByBlockHashAndIndex",
      ["0x01", "0x0"],
      -32602,
      /blockHash must be a 32-byte/,
    );
  });
});
