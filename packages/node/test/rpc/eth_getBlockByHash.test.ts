import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { keccak256 } from "viem";
import { mineTwoTransfers, type TwoTransferChain } from "./blockFixture.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

describe("eth_getBlockByHash", () => {
  let t: RpcTestNode;
  let chain: TwoTransferChain;
  before(async () => {
    t = await startRpcTestNode();
    chain = await mineTwoTransfers(t);
  });
  after(() => t.close());

  it("finds every block of the chain by the hash its child names as parent", async () => {
    const head = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["latest", false]);
    assert.equal(head.number, "0x2");
    let block = head;
    for (let n = 2; n > 0; n--) {
      const parent = await t.rpc<RpcBlock>("eth_getBlockByHash", [block.parentHash, false]);
      assert.equal(BigInt(parent.number), BigInt(n - 1));
      assert.equal(parent.hash, block.parentHash);
      block = parent;
    }
  });

  it("returns the hashes or, hydrated, the transactions of the block", async () => {
    const { hash } = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", false]);
    const lean = await t.rpc<RpcBlock>("eth_getBlockByHash", [hash, false]);
    assert.deepEqual(
      lean.transactions,
      chain.raw.map((raw) => keccak256(raw)),
    );
    const full = await t.rpc<RpcBlock>("eth_getBlockByHash", [hash, true]);
    assert.deepEqual(
      full.transactions.map((tx) => (tx as { hash: string }).hash),
      chain.hashes,
    );
  });

  it("accepts the hash in upper-case hex", async () => {
    const { hash } = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", false]);
    const upper = `0x${hash.slice(2).toUpperCase()}`;
    assert.equal((await t.rpc<RpcBlock>("eth_getBlockByHash", [upper, false])).hash, hash);
  });

  it("returns null for an unknown hash and for a transaction hash", async () => {
    assert.equal(await t.rpc("eth_getBlockByHash", [`0x${"00".repeat(32)}`, true]), null);
    assert.equal(await t.rpc("eth_getBlockByHash", [chain.hashes[0], false]), null);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    const { hash } = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", false]);
    await t.expectError("eth_getBlockByHash", [hash], -32602, /expected 2 parameters, got 1/);
    await t.expectError(
      "eth_getBlockByHash",
      [hash.slice(0, 64), false],
      -32602,
      /blockHash must be a 32-byte/,
    );
    await t.expectError("eth_getBlockByHash", ["latest", false], -32602, /blockHash must be a 32-byte/);
    await t.expectError("eth_getBlockByHash", [hash, 1], -32602, /hydrated must be true or false/);
  });
});
