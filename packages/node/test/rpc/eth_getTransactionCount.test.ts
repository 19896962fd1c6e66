import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("eth_getTransactionCount", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  const count = async (address: Hex, block: string): Promise<bigint> =>
    BigInt(await t.rpc<Hex>("eth_getTransactionCount", [address, block]));

  it("counts mined transactions per sender, at each block", async () => {
    const [alice, bob] = t.accounts;
    assert.equal(await count(alice!.address, "latest"), 0n);
    await t.send(alice!, { nonce: 0 });
    await t.send(alice!, { nonce: 1 });
    await t.produce();
    await t.mine(alice!, { nonce: 2 });
    assert.equal(await count(alice!.address, "latest"), 3n);
    assert.equal(await count(alice!.address, "0x1"), 2n);
    assert.equal(await count(alice!.address, "earliest"), 0n);
    assert.equal(await count(bob!.address, "latest"), 0n);
  });

  it("counts pooled transactions under pending, not under latest", async () => {
    const carol = t.accounts[2]!;
    await t.send(carol, { nonce: 0 });
    await t.send(carol, { nonce: 1 });
    // A gap: nonce 3 waits in the queue and does not raise the pending count.
    await t.send(carol, { nonce: 3 });
    assert.equal(await count(carol.address, "latest"), 0n);
    assert.equal(await count(carol.address, "pending"), 2n);
    await t.produce();
    assert.equal(await count(carol.address, "latest"), 2n);
    assert.equal(await count(carol.address, "pending"), 2n);
  });

  it("defaults to latest and counts a contract creation", async () => {
    const dave = t.accounts[3]!;
    await t.mine(dave, { to: null, value: 0n, data: "0x00", gas: 60_000n });
    assert.equal(BigInt(await t.rpc<Hex>("eth_getTransactionCount", [dave.address])), 1n);
  });

  it("answers -32001 for a block beyond the head", async () => {
    await t.expectError("eth_getTransactionCount", [t.accounts[0]!.address, "0x100"], -32001, /not found/);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getTransactionCount", [], -32602, /expected 1 to 2 parameters, got 0/);
    await t.expectError("eth_getTransactionCount", [42, "latest"], -32602, /address must be a 20-byte/);
    await t.expectError("eth_getTransactionCount", [t.accounts[0]!.address, "0xq"], -32602, /block must be/);
  });
});
