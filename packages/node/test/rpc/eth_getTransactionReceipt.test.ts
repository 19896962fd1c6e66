import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  decodeEventLog,
  encodeAbiParameters,
  getContractAddress,
  type Hex,
  keccak256,
  pad,
  toHex,
} from "viem";
import { EMPTY_BLOOM } from "./blockFixture.ts";
import { deployRecorder, recorder, recorderCall } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock, RpcReceipt } from "./rpcTypes.ts";

const RECORDED = keccak256(toHex("Recorded(address,uint256,string)"));

describe("eth_getTransactionReceipt", () => {
  let t: RpcTestNode;
  let contract: Hex;
  before(async () => {
    t = await startRpcTestNode();
    contract = (await deployRecorder(t, t.accounts[0]!, 10n)).address;
  });
  after(() => t.close());

  it("reports a plain transfer: 21000 gas, success, no logs, no contract", async () => {
    const { hash, blockNumber } = await t.mine(t.accounts[1]!, {
      to: t.accounts[2]!.address,
      value: 1n,
      type: "legacy",
    });
    const receipt = await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash]);
    const block = await t.rpc<RpcBlock>("eth_getBlockByNumber", [toHex(blockNumber), false]);
    assert.equal(receipt.transactionHash, hash);
    assert.equal(receipt.blockHash, block.hash);
    assert.equal(BigInt(receipt.blockNumber), blockNumber);
    assert.equal(receipt.transactionIndex, "0x0");
    assert.equal(receipt.from, t.accounts[1]!.address);
    assert.equal(receipt.to, t.accounts[2]!.address);
    assert.equal(BigInt(receipt.gasUsed), 21_000n);
    assert.equal(BigInt(receipt.cumulativeGasUsed), 21_000n);
    assert.equal(receipt.status, "0x1");
    assert.equal(receipt.type, "0x0");
    assert.equal(receipt.contractAddress, null);
    assert.deepEqual(receipt.logs, []);
    assert.equal(receipt.logsBloom, EMPTY_BLOOM);
    assert.equal(BigInt(receipt.effectiveGasPrice), 0n);
  });

  it("gives a deployment the address derived from sender and nonce, holding the runtime code", async () => {
    const sender = t.accounts[3]!;
    const nonce = BigInt(await t.rpc<Hex>("eth_getTransactionCount", [sender.address, "latest"]));
    const { address, hash } = await deployRecorder(t, sender, 1n);
    const receipt = await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash]);
    assert.equal(receipt.to, null);
    assert.equal(address, getContractAddress({ from: sender.address, nonce }).toLowerCase());
    assert.equal(await t.rpc("eth_getCode", [address, "latest"]), recorder.deployedBytecode);
  });

  it("returns the events a call emitted, decoded with the contract ABI", async () => {
    const author = t.accounts[1]!;
    const { hash } = await t.mine(author, {
      to: contract,
      value: 0n,
      data: recorderCall("record", [42n, "paid"]),
      gas: 200_000n,
    });
    const receipt = await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash]);
    assert.equal(receipt.status, "0x1");
    assert.equal(receipt.type, "0x2");
    assert.equal(receipt.logs.length, 1);
    const [log] = receipt.logs;
    assert.equal(log!.address, contract);
    assert.deepEqual(log!.topics, [RECORDED, pad(author.address), pad(toHex(42n))]);
    assert.equal(log!.data, encodeAbiParameters([{ type: "string" }], ["paid"]));
    const decoded = decodeEventLog({
      abi: recorder.abi,
      data: log!.data,
      topics: log!.topics as [Hex, ...Hex[]],
    });
    assert.equal(decoded.eventName, "Recorded");
    assert.equal(log!.transactionHash, hash);
    assert.equal(log!.blockHash, receipt.blockHash);
    assert.equal(log!.logIndex, "0x0");
    assert.equal(log!.removed, false);
    assert.notEqual(receipt.logsBloom, EMPTY_BLOOM);
    assert.ok(BigInt(receipt.gasUsed) > 21_000n && BigInt(receipt.gasUsed) < 200_000n);
  });

  it("reports a reverted call as status 0x0 with no logs, its gas still spent", async () => {
    const { hash } = await t.mine(t.accounts[2]!, {
      to: contract,
      value: 0n,
      data: recorderCall("record", [0n, "none"]),
      gas: 100_000n,
    });
    const receipt = await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash]);
    assert.equal(receipt.status, "0x0");
    assert.deepEqual(receipt.logs, []);
    assert.ok(BigInt(receipt.gasUsed) > 21_000n);
  });

  it("accumulates gas and log indexes across the transactions of one block", async () => {
    const a = await t.send(t.accounts[0]!, { to: t.accounts[1]!.address, value: 1n });
    const b = await t.send(t.accounts[1]!, {
      to: contract,
      value: 0n,
      data: recorderCall("record", [1n, "x"]),
      gas: 200_000n,
    });
    const c = await t.send(t.accounts[2]!, {
      to: contract,
      value: 0n,
      data: recorderCall("reset"),
      gas: 200_000n,
    });
    await t.produce();
    const receipts = await Promise.all(
      [a, b, c].map((h) => t.rpc<RpcReceipt>("eth_getTransactionReceipt", [h])),
    );
    let cumulative = 0n;
    for (const [i, r] of receipts.entries()) {
      cumulative += BigInt(r.gasUsed);
      assert.equal(BigInt(r.cumulativeGasUsed), cumulative);
      assert.equal(r.transactionIndex, toHex(i));
      assert.equal(r.status, "0x1");
    }
    assert.equal(BigInt(receipts[0]!.gasUsed), 21_000n);
    assert.deepEqual(
      receipts.flatMap((r) => r.logs.map((l) => l.logIndex)),
      ["0x0", "0x1"],
    );
    const block = await t.rpc<RpcBlock>("eth_getBlockByHash", [receipts[0]!.blockHash, false]);
    assert.equal(BigInt(block.gasUsed), cumulative);
  });

  it("returns null for a transaction still in the pool and for an unknown hash", async () => {
    const hash = await t.send(t.accounts[3]!);
    assert.equal(await t.rpc("eth_getTransactionReceipt", [hash]), null);
    assert.equal(await t.rpc("eth_getTransactionReceipt", [`0x${"00".repeat(32)}`]), null);
    await t.produce();
    assert.equal((await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash])).status, "0x1");
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getTransactionReceipt", [], -32602, /expected 1 parameters, got 0/);
    await t.expectError("eth_getTransactionReceipt", ["0xabc"], -32602, /transactionHash must be a 32-byte/);
  });
});
