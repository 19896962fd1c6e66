import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Hex, keccak256, parseTransaction } from "viem";
import { CHAIN_ID, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

type RpcTx = Record<string, Hex | null>;

describe("eth_getTransactionByHash", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("returns a mined EIP-1559 transaction with the signed fields and its position", async () => {
    const raw = await t.sign(t.accounts[0]!, {
      to: t.accounts[1]!.address,
      value: 12_345n,
      data: "0xc0ffee",
      gas: 30_000n,
    });
    const hash = await t.rpc<Hex>("eth_sendRawTransaction", [raw]);
    await t.produce();
    const signed = parseTransaction(raw);
    const tx = await t.rpc<RpcTx>("eth_getTransactionByHash", [hash]);
    const block = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["latest", false]);
    assert.equal(tx["hash"], keccak256(raw));
    assert.equal(tx["type"], "0x2");
    assert.equal(tx["from"], t.accounts[0]!.address);
    assert.equal(tx["to"], t.accounts[1]!.address);
    assert.equal(BigInt(tx["value"]!), 12_345n);
    assert.equal(tx["input"], "0xc0ffee");
    assert.equal(BigInt(tx["gas"]!), 30_000n);
    assert.equal(BigInt(tx["nonce"]!), 0n);
    assert.equal(BigInt(tx["chainId"]!), BigInt(CHAIN_ID));
    assert.equal(BigInt(tx["maxFeePerGas"]!), 0n);
    assert.equal(BigInt(tx["maxPriorityFeePerGas"]!), 0n);
    assert.equal(BigInt(tx["gasPrice"]!), 0n);
    assert.equal(BigInt(tx["r"]!), BigInt(signed.r!));
    assert.equal(BigInt(tx["s"]!), BigInt(signed.s!));
    assert.equal(BigInt(tx["yParity"]!), BigInt(signed.yParity!));
    assert.equal(tx["blockHash"], block.hash);
    assert.equal(tx["blockNumber"], block.number);
    assert.equal(tx["transactionIndex"], "0x0");
  });

  it("returns a legacy transaction with an EIP-155 v", async () => {
    const raw = await t.sign(t.accounts[1]!, { type: "legacy", value: 3n });
    const hash = await t.rpc<Hex>("eth_sendRawTransaction", [raw]);
    await t.produce();
    const tx = await t.rpc<RpcTx>("eth_getTransactionByHash", [hash]);
    const signed = parseTransaction(raw);
    assert.equal(tx["type"], "0x0");
    assert.equal(BigInt(tx["v"]!), signed.v);
    assert.ok([35n, 36n].includes(BigInt(tx["v"]!) - 2n * BigInt(CHAIN_ID)), `v ${tx["v"]} is EIP-155`);
    assert.equal(BigInt(tx["gasPrice"]!), 0n);
    assert.equal(tx["from"], t.accounts[1]!.address);
  });

  it("returns a pooled transaction with null block fields until it is mined", async () => {
    const hash = await t.send(t.accounts[2]!, { value: 9n });
    const pending = await t.rpc<RpcTx>("eth_getTransactionByHash", [hash]);
    assert.equal(pending["hash"], hash);
    assert.equal(pending["blockHash"], null);
    assert.equal(pending["blockNumber"], null);
    assert.equal(pending["transactionIndex"], null);
    const block = await t.produce();
    const mined = await t.rpc<RpcTx>("eth_getTransactionByHash", [hash]);
    assert.equal(BigInt(mined["blockNumber"]!), block.block.header.number);
  });

  it("gives the contract creation a null to", async () => {
    const hash = await t.send(t.accounts[3]!, { to: null, value: 0n, data: "0x00", gas: 60_000n });
    await t.produce();
    const tx = await t.rpc<RpcTx>("eth_getTransactionByHash", [hash]);
    assert.equal(tx["to"], null);
    assert.equal(tx["input"], "0x00");
  });

  it("returns null for an unknown hash", async () => {
    assert.equal(await t.rpc("eth_getTransactionByHash", [`0x${"00".repeat(32)}`]), null);
    assert.equal(await t.rpc("eth_getTransactionByHash", [`0x${"5a".repeat(32)}`]), null);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getTransactionByHash", [], -32602, /expected 1 parameters, got 0/);
    await t.expectError("eth_getTransactionByHash", ["0x1234"], -32602, /transactionHash must be a 32-byte/);
    await t.expectError("eth_getTransactionByHash", [null], -32602, /transactionHash must be a 32-byte/);
  });
});
