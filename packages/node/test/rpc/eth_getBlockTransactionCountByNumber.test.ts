import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

describe("eth_getBlockTransactionCountByNumber", () => {
  let t: RpcTestNode;
  // Block 1 holds three transactions (two from one sender), block 2 none.
  before(async () => {
    t = await startRpcTestNode();
    await t.send(t.accounts[0]!, { nonce: 0 });
    await t.send(t.accounts[0]!, { nonce: 1 });
    await t.send(t.accounts[1]!, { nonce: 0 });
    await t.produce();
    await t.produce();
  });
  after(() => t.close());

  async function count(number: Hex): Promise<bigint> {
    const block = await t.rpc<RpcBlock>("eth_getBlockByNumber", [number, false]);
    const result = await t.rpc<Hex>("eth_getBlockTransactionCountByNumber", [block.number]);
    assert.match(result, /^0x(0|[1-9a-f][0-9a-f]*)$/);
    assert.equal(BigInt(result), BigInt(block.transactions.length));
    return BigInt(result);
  }

  it("counts the transactions of each block", async () => {
    assert.equal(await count("0x0"), 0n);
    assert.equal(await count("0x1"), 3n);
    assert.equal(await count("0x2"), 0n);
  });

  it("returns null for an unknown block", async () => {
    assert.equal(await t.rpc("eth_getBlockTransactionCountByNumber", ["0x3"]), null);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getBlockTransactionCountByNumber", [], -32602, /expected 1 parameters, got 0/);
    await t.expectError("eth_getBlockTransactionCountByNumber", ["0xnope"], -32602, /blockNumber must be/);
  });

  it("resolves block tags: latest, pending, safe and finalized are the head, earliest is genesis", async () => {
    await t.mine(t.accounts[2]!);
    for (const tag of ["latest", "pending", "safe", "finalized"]) {
      assert.equal(await t.rpc("eth_getBlockTransactionCountByNumber", [tag]), "0x1", tag);
    }
    assert.equal(await t.rpc("eth_getBlockTransactionCountByNumber", ["earliest"]), "0x0");
  });
});
