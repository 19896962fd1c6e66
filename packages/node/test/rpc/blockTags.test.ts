import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Hex, pad, toHex } from "viem";
import { deployRecorder, recorderCall } from "./recorder.ts";
import { INITIAL_BALANCE, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

const TAGS_AT_HEAD = ["latest", "safe", "finalized", "pending"] as const;

describe("block parameters: tags, numbers beyond the head, EIP-1898 objects", () => {
  let t: RpcTestNode;
  let contract: Hex;
  let blocks: RpcBlock[];
  // Block 1 deploys Recorder(1); block 2: alice sends 100 wei to bob and records 2.
  before(async () => {
    t = await startRpcTestNode();
    contract = (await deployRecorder(t, t.accounts[2]!, 1n)).address;
    await t.send(t.accounts[0]!, { to: t.accounts[1]!.address, value: 100n });
    await t.send(t.accounts[0]!, {
      to: contract,
      value: 0n,
      data: recorderCall("record", [2n, "t"]),
      gas: 200_000n,
    });
    await t.produce();
    blocks = await Promise.all(
      [0, 1, 2].map((n) => t.rpc<RpcBlock>("eth_getBlockByNumber", [toHex(n), false])),
    );
  });
  after(() => t.close());

  const balanceOf = async (who: Hex, block: unknown): Promise<bigint> =>
    BigInt(await t.rpc<Hex>("eth_getBalance", [who, block]));

  it("latest, safe, finalized and pending name the head (QBFT finality is immediate); earliest names genesis", async () => {
    for (const tag of TAGS_AT_HEAD) {
      assert.deepEqual(await t.rpc("eth_getBlockByNumber", [tag, false]), blocks[2], tag);
    }
    assert.deepEqual(await t.rpc("eth_getBlockByNumber", ["earliest", false]), blocks[0]);
  });

  it("tags follow the head as blocks are produced", async () => {
    const next = await t.produce();
    for (const tag of TAGS_AT_HEAD) {
      const block = await t.rpc<RpcBlock>("eth_getBlockByNumber", [tag, false]);
      assert.equal(BigInt(block.number), next.block.header.number, tag);
    }
    assert.equal((await t.rpc<RpcBlock>("eth_getBlockByNumber", ["earliest", false])).number, "0x0");
  });

  it("state reads at each tag see the matching state", async () => {
    const alice = t.accounts[0]!.address;
    for (const tag of TAGS_AT_HEAD) assert.equal(await balanceOf(alice, tag), INITIAL_BALANCE - 100n, tag);
    assert.equal(await balanceOf(alice, "earliest"), INITIAL_BALANCE);
    assert.equal(await t.rpc("eth_getCode", [contract, "earliest"]), "0x");
  });

  it("pending counts pooled transactions for eth_getTransactionCount only", async () => {
    const bob = t.accounts[1]!;
    await t.send(bob, { nonce: 0, value: 5n });
    assert.equal(await t.rpc("eth_getTransactionCount", [bob.address, "pending"]), "0x1");
    assert.equal(await t.rpc("eth_getTransactionCount", [bob.address, "latest"]), "0x0");
    // There is no pending block: its balance is the head's until the transaction is mined.
    assert.equal(await balanceOf(bob.address, "pending"), INITIAL_BALANCE + 100n);
    await t.produce();
    assert.equal(await balanceOf(bob.address, "pending"), INITIAL_BALANCE + 100n - 5n);
  });

  it("a number beyond the head gives null for block queries and -32001 for state queries", async () => {
    const beyond = toHex(BigInt(await t.rpc<Hex>("eth_blockNumber")) + 1n);
    assert.equal(await t.rpc("eth_getBlockByNumber", [beyond, false]), null);
    assert.equal(await t.rpc("eth_getBlockTransactionCountByNumber", [beyond]), null);
    assert.equal(await t.rpc("eth_getTransactionByBlockNumberAndIndex", [beyond, "0x0"]), null);
    assert.equal(await t.rpc("eth_getBlockReceipts", [beyond]), null);
    const who = t.accounts[0]!.address;
    for (const [method, params] of [
      ["eth_getBalance", [who, beyond]],
      ["eth_getCode", [contract, beyond]],
      ["eth_getStorageAt", [contract, "0x0", beyond]],
      ["eth_getTransactionCount", [who, beyond]],
      ["eth_call", [{ to: contract, data: recorderCall("total") }, beyond]],
      ["eth_getProof", [who, [], beyond]],
    ] as const) {
      await t.expectError(method, params, -32001, /not found/);
    }
  });

  it("EIP-1898 {blockHash} and {blockNumber} select the same state as the number", async () => {
    const alice = t.accounts[0]!.address;
    const one = blocks[1]!;
    for (const block of [
      { blockHash: one.hash },
      { blockHash: one.hash, requireCanonical: true },
      { blockHash: one.hash, requireCanonical: false },
      { blockNumber: "0x1" },
    ]) {
      assert.equal(await balanceOf(alice, block), INITIAL_BALANCE, JSON.stringify(block));
      assert.equal(await t.rpc("eth_getStorageAt", [contract, "0x0", block]), pad(toHex(1n)));
      assert.equal(await t.rpc("eth_getTransactionCount", [alice, block]), "0x0");
      assert.equal(
        BigInt(await t.rpc<Hex>("eth_call", [{ to: contract, data: recorderCall("total") }, block])),
        1n,
      );
    }
    const two = { blockHash: blocks[2]!.hash, requireCanonical: true };
    assert.equal(await t.rpc("eth_getStorageAt", [contract, "0x0", two]), pad(toHex(3n)));
    assert.equal(await t.rpc("eth_getTransactionCount", [alice, two]), "0x2");
    assert.deepEqual(
      await t.rpc("eth_getBlockReceipts", [{ blockHash: blocks[2]!.hash }]),
      await t.rpc("eth_getBlockReceipts", ["0x2"]),
    );
  });

  it("EIP-1898 with an unknown hash answers -32001", async () => {
    const unknown = { blockHash: `0x${"ee".repeat(32)}`, requireCanonical: true };
    await t.expectError("eth_getBalance", [t.accounts[0]!.address, unknown], -32001, /not found/);
    await t.expectError("eth_call", [{ to: contract }, unknown], -32001, /not found/);
  });

  it("malformed block parameters are refused with -32602 naming them", async () => {
    const who = t.accounts[0]!.address;
    const hash = blocks[1]!.hash;
    for (const [block, message] of [
      ["Latest", /block must be a 0x-prefixed hex quantity, got "Latest"/],
      ["0x", /block must be/],
      ["12", /block must be/],
      [12, /block must be/],
      [{}, /block must be/],
      [[hash], /block must be/],
      [{ blockHash: "0x1234" }, /block.blockHash must be a 32-byte/],
      [{ blockNumber: "one" }, /block.blockNumber must be/],
      [{ blockHash: hash, blockNumber: "0x1" }, /cannot hold both blockHash and blockNumber/],
      [{ blockHash: hash, requireCanonical: "yes" }, /block.requireCanonical must be true or false/],
    ] as const) {
      await t.expectError("eth_getBalance", [who, block], -32602, message);
    }
  });
});
