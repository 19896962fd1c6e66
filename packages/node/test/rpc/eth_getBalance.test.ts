import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Hex, toHex } from "viem";
import { INITIAL_BALANCE, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

describe("eth_getBalance", () => {
  let t: RpcTestNode;
  const stranger: Hex = `0x${"5e".repeat(20)}`;
  // Block 1: alice → bob 1000 wei, alice → stranger 250 wei. Block 2: bob → alice 40 wei. Gas is free.
  before(async () => {
    t = await startRpcTestNode();
    const [alice, bob] = t.accounts;
    await t.send(alice!, { to: bob!.address, value: 1000n });
    await t.send(alice!, { to: stranger, value: 250n });
    await t.produce();
    await t.mine(bob!, { to: alice!.address, value: 40n });
  });
  after(() => t.close());

  const balance = async (address: Hex, block?: unknown): Promise<bigint> =>
    BigInt(await t.rpc<Hex>("eth_getBalance", block === undefined ? [address] : [address, block]));

  it("reflects the transfers exactly, since gas costs nothing", async () => {
    const [alice, bob, carol] = t.accounts;
    assert.equal(await balance(alice!.address, "latest"), INITIAL_BALANCE - 1000n - 250n + 40n);
    assert.equal(await balance(bob!.address, "latest"), INITIAL_BALANCE + 1000n - 40n);
    assert.equal(await balance(carol!.address, "latest"), INITIAL_BALANCE);
    assert.equal(await balance(stranger, "latest"), 250n);
  });

  it("answers at any past block", async () => {
    const [alice, bob] = t.accounts;
    assert.equal(await balance(alice!.address, "0x0"), INITIAL_BALANCE);
    assert.equal(await balance(stranger, "earliest"), 0n);
    assert.equal(await balance(alice!.address, "0x1"), INITIAL_BALANCE - 1250n);
    assert.equal(await balance(bob!.address, "0x1"), INITIAL_BALANCE + 1000n);
  });

  it("defaults to latest and accepts EIP-1898 objects", async () => {
    const alice = t.accounts[0]!.address;
    const one = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", false]);
    assert.equal(await balance(alice), await balance(alice, "latest"));
    assert.equal(await balance(alice, { blockHash: one.hash }), INITIAL_BALANCE - 1250n);
    assert.equal(
      await balance(alice, { blockHash: one.hash, requireCanonical: true }),
      INITIAL_BALANCE - 1250n,
    );
    assert.equal(await balance(alice, { blockNumber: toHex(1) }), INITIAL_BALANCE - 1250n);
  });

  it("is zero for an account never touched", async () => {
    assert.equal(await t.rpc("eth_getBalance", [`0x${"00".repeat(19)}01`, "latest"]), "0x0");
  });

  it("answers -32001 for a block beyond the head and for an unknown block hash", async () => {
    await t.expectError("eth_getBalance", [stranger, "0x3"], -32001, /not found: the head is 2/);
    await t.expectError(
      "eth_getBalance",
      [stranger, { blockHash: `0x${"00".repeat(32)}` }],
      -32001,
      /not found/,
    );
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getBalance", [], -32602, /expected 1 to 2 parameters, got 0/);
    await t.expectError("eth_getBalance", ["0x1234", "latest"], -32602, /address must be a 20-byte/);
    await t.expectError("eth_getBalance", [stranger, "newest"], -32602, /block must be/);
    await t.expectError(
      "eth_getBalance",
      [stranger, { blockHash: "0x12" }],
      -32602,
      /block.blockHash must be a 32-byte/,
    );
  });

  describe("on a node that keeps the state of its last 3 blocks", () => {
    let pruning: RpcTestNode;
    // Blocks 1-14: alice sends 1 wei to the stranger in each.
    before(async () => {
      pruning = await startRpcTestNode({ stateHistory: 3 });
      for (let i = 0; i < 14; i++) await pruning.mine(pruning.accounts[0]!, { to: stranger, value: 1n });
    });
    after(() => pruning.close());

    it("answers for the last 3 blocks", async () => {
      for (const [block, expected] of [
        ["latest", 14n],
        ["0xd", 13n],
        ["0xc", 12n],
      ] as const)
        assert.equal(BigInt(await pruning.rpc<Hex>("eth_getBalance", [stranger, block])), expected);
    });

    it("refuses an older block with -32002, saying the state was pruned and how much is kept, and keeps serving", async () => {
      for (const block of ["0xb", "0x1", "earliest"])
        await pruning.expectError(
          "eth_getBalance",
          [stranger, block],
          -32002,
          /state of block \d+ was pruned: this node keeps the state of its last 3 blocks \(from block 12\)/,
        );
      await pruning.expectError("eth_call", [{ to: stranger }, "0x2"], -32002, /pruned/);
      await pruning.expectError("eth_getProof", [stranger, [], "0x2"], -32002, /pruned/);
      assert.equal(BigInt(await pruning.rpc<Hex>("eth_getBalance", [stranger, "latest"])), 14n);
    });
  });
});
