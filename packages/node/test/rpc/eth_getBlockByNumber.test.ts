import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeExtraData } from "@civitas/qbft";
import { type Hex, hexToBytes, keccak256, parseTransaction } from "viem";
import {
  EMPTY_BLOOM,
  EMPTY_TRIE_ROOT,
  EMPTY_UNCLES_HASH,
  mineTwoTransfers,
  type TwoTransferChain,
  transactionsRoot,
} from "./blockFixture.ts";
import { BLOCK_GAS_LIMIT, CHAIN_ID, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

describe("eth_getBlockByNumber", () => {
  let t: RpcTestNode;
  let chain: TwoTransferChain;
  before(async () => {
    t = await startRpcTestNode();
    chain = await mineTwoTransfers(t);
  });
  after(() => t.close());

  it("returns genesis for 0x0: no parent, no transactions, the genesis validator set", async () => {
    const genesis = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x0", false]);
    assert.equal(genesis.number, "0x0");
    assert.equal(genesis.parentHash, `0x${"00".repeat(32)}`);
    assert.deepEqual(genesis.transactions, []);
    assert.equal(genesis.transactionsRoot, EMPTY_TRIE_ROOT);
    assert.equal(genesis.receiptsRoot, EMPTY_TRIE_ROOT);
    assert.equal(BigInt(genesis.gasLimit), BLOCK_GAS_LIMIT);
    assert.deepEqual(decodeExtraData(hexToBytes(genesis.extraData)).validators, [t.validator]);
  });

  it("returns block 1 with the two transaction hashes in order and a transactions root of exactly them", async () => {
    const block = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", false]);
    const genesis = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x0", false]);
    assert.equal(block.number, "0x1");
    assert.equal(block.parentHash, genesis.hash);
    assert.deepEqual(block.transactions, [keccak256(chain.raw[0]), keccak256(chain.raw[1])]);
    assert.deepEqual(block.transactions, chain.hashes);
    assert.equal(block.transactionsRoot, await transactionsRoot(chain.raw));
    assert.equal(BigInt(block.gasUsed), 2n * 21_000n);
    assert.equal(block.miner, t.validator);
    assert.equal(block.sha3Uncles, EMPTY_UNCLES_HASH);
    assert.equal(block.logsBloom, EMPTY_BLOOM);
    assert.deepEqual(block.uncles, []);
    assert.equal(BigInt(block.baseFeePerGas), 0n);
    assert.ok(BigInt(block.timestamp) > BigInt(genesis.timestamp));
    assert.ok(BigInt(block.size) > 0n);
    // Sealed by the single validator: one commit seal, round 0.
    const extra = decodeExtraData(hexToBytes(block.extraData));
    assert.deepEqual(extra.validators, [t.validator]);
    assert.equal(extra.seals.length, 1);
    assert.equal(extra.round, 0);
  });

  it("embeds full transaction objects when hydrated is true", async () => {
    const block = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", true]);
    const txs = block.transactions as Record<string, Hex>[];
    assert.equal(txs.length, 2);
    for (const [i, tx] of txs.entries()) {
      const signed = parseTransaction(chain.raw[i]!);
      assert.equal(tx["hash"], chain.hashes[i]);
      assert.equal(tx["blockHash"], block.hash);
      assert.equal(tx["blockNumber"], "0x1");
      assert.equal(tx["transactionIndex"], `0x${i}`);
      assert.equal(tx["from"], t.accounts[i]!.address);
      assert.equal(tx["to"], chain.recipients[i]);
      assert.equal(BigInt(tx["value"]!), signed.value);
      assert.equal(BigInt(tx["r"]!), BigInt(signed.r!));
      assert.equal(BigInt(tx["s"]!), BigInt(signed.s!));
    }
    assert.equal(txs[0]!["type"], "0x2");
    assert.equal(txs[1]!["type"], "0x0");
    assert.equal(BigInt(txs[0]!["chainId"]!), BigInt(CHAIN_ID));
  });

  it("returns an empty block 2 whose parent is block 1", async () => {
    const one = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", false]);
    const two = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x2", true]);
    assert.equal(two.parentHash, one.hash);
    assert.deepEqual(two.transactions, []);
    assert.equal(two.transactionsRoot, EMPTY_TRIE_ROOT);
    assert.equal(BigInt(two.gasUsed), 0n);
    // The state did not change in an empty block.
    assert.equal(two.stateRoot, one.stateRoot);
  });

  it("gives the same block by number and by hash", async () => {
    const byNumber = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x1", true]);
    assert.deepEqual(await t.rpc("eth_getBlockByHash", [byNumber.hash, true]), byNumber);
  });

  it("returns null for a block beyond the head", async () => {
    assert.equal(await t.rpc("eth_getBlockByNumber", ["0x3", false]), null);
    assert.equal(await t.rpc("eth_getBlockByNumber", ["0x3e8", true]), null);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getBlockByNumber", ["0x1"], -32602, /expected 2 parameters, got 1/);
    await t.expectError("eth_getBlockByNumber", ["0x1", "true"], -32602, /hydrated must be true or false/);
    await t.expectError("eth_getBlockByNumber", ["one", false], -32602, /blockNumber must be/);
    await t.expectError("eth_getBlockByNumber", ["0x", false], -32602, /blockNumber must be/);
    await t.expectError("eth_getBlockByNumber", [1, false], -32602, /blockNumber must be/);
  });
});
