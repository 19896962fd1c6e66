import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Hex, keccak256, parseTransaction, serializeTransaction } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  BLOCK_GAS_LIMIT,
  CHAIN_ID,
  INITIAL_BALANCE,
  type RpcTestNode,
  startRpcTestNode,
} from "./rpcTestNode.ts";
import type { RpcReceipt } from "./rpcTypes.ts";

describe("eth_sendRawTransaction", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode({ accounts: 5 });
  });
  after(() => t.close());

  it("returns the keccak of the raw transaction and the transaction gets mined", async () => {
    const [alice, bob] = t.accounts;
    const raw = await t.sign(alice!, { to: bob!.address, value: 1000n });
    const hash = await t.rpc<Hex>("eth_sendRawTransaction", [raw]);
    assert.equal(hash, keccak256(raw));
    assert.deepEqual(await t.rpc("txpool_status"), { pending: "0x1", queued: "0x0" });
    await t.produce();
    const receipt = await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash]);
    assert.equal(receipt.status, "0x1");
    assert.equal(
      BigInt(await t.rpc<Hex>("eth_getBalance", [bob!.address, "latest"])),
      INITIAL_BALANCE + 1000n,
    );
    assert.deepEqual(await t.rpc("txpool_status"), { pending: "0x0", queued: "0x0" });
  });

  it("accepts legacy (EIP-155) transactions", async () => {
    const raw = await t.sign(t.accounts[1]!, { type: "legacy", value: 2n });
    assert.equal(await t.rpc("eth_sendRawTransaction", [raw]), keccak256(raw));
    await t.produce();
  });

  it("refuses malformed RLP with -32602", async () => {
    await t.expectError("eth_sendRawTransaction", ["0xdeadbeef"], -32602, /invalid transaction encoding/);
    await t.expectError("eth_sendRawTransaction", ["0x"], -32602, /invalid transaction encoding/);
  });

  it("refuses a parameter that is not hex data with -32602 naming it", async () => {
    await t.expectError("eth_sendRawTransaction", ["f86c"], -32602, /transaction must be 0x-prefixed hex/);
    await t.expectError("eth_sendRawTransaction", [{ raw: "0x00" }], -32602, /transaction must be/);
    await t.expectError("eth_sendRawTransaction", [], -32602, /expected 1 parameters, got 0/);
  });

  it("refuses another chain's transaction", async () => {
    const raw = await t.sign(t.accounts[2]!, { chainId: CHAIN_ID + 1 });
    await t.expectError("eth_sendRawTransaction", [raw], -32000, /invalid chain id/);
  });

  it("refuses a legacy transaction without replay protection", async () => {
    const account = privateKeyToAccount(t.accounts[2]!.privateKey);
    const raw = await account.signTransaction({
      type: "legacy",
      nonce: 0,
      to: t.accounts[0]!.address,
      value: 1n,
      gas: 21_000n,
      gasPrice: 0n,
    });
    assert.equal(parseTransaction(raw).chainId, undefined);
    await t.expectError("eth_sendRawTransaction", [raw], -32000, /unprotected/);
  });

  it("refuses a signature that recovers no sender", async () => {
    const raw = serializeTransaction(
      {
        type: "eip1559",
        chainId: CHAIN_ID,
        nonce: 0,
        to: t.accounts[0]!.address,
        value: 1n,
        gas: 21_000n,
        maxFeePerGas: 0n,
        maxPriorityFeePerGas: 0n,
      },
      { r: `0x${"00".repeat(32)}`, s: `0x${"00".repeat(31)}01`, yParity: 0 },
    );
    const error = await t.expectError("eth_sendRawTransaction", [raw], -32000);
    assert.match(error.message, /invalid sender|signature/i);
  });

  it("refuses a nonce below the sender's next one", async () => {
    const raw = await t.sign(t.accounts[0]!, { nonce: 0 });
    await t.expectError(
      "eth_sendRawTransaction",
      [raw],
      -32000,
      /nonce too low: next nonce 1, transaction nonce 0/,
    );
  });

  it("refuses the same transaction twice while it waits in the pool", async () => {
    const raw = await t.sign(t.accounts[3]!);
    await t.rpc("eth_sendRawTransaction", [raw]);
    await t.expectError("eth_sendRawTransaction", [raw], -32000, /already known/);
    await t.produce();
  });

  it("refuses a value above the balance", async () => {
    const raw = await t.sign(t.accounts[4]!, { value: INITIAL_BALANCE + 1n });
    await t.expectError("eth_sendRawTransaction", [raw], -32000, /insufficient funds/);
  });

  it("refuses gas below the intrinsic cost", async () => {
    await t.expectError(
      "eth_sendRawTransaction",
      [await t.sign(t.accounts[4]!, { gas: 20_999n })],
      -32000,
      /intrinsic gas too low/,
    );
  });

  it("refuses gas above the EIP-7825 cap of 2^24 (below this chain's block gas limit)", async () => {
    assert.ok(BLOCK_GAS_LIMIT > 2n ** 24n);
    const raw = await t.sign(t.accounts[4]!, { gas: 2n ** 24n + 1n });
    const reply = await t.post({ jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [raw] });
    const error = (reply.reply as { error?: { code: number; message: string } }).error;
    assert.ok(error, "refused");
    // EthereumJS refuses the gas limit while decoding, so the node reports it as an encoding error.
    assert.ok([-32000, -32602].includes(error.code));
    assert.match(error.message, /16777216/);
  });

  it("refuses an oversized transaction", async () => {
    const data = `0x${"ab".repeat(130 * 1024)}` as Hex;
    const raw = await t.sign(t.accounts[4]!, { data, gas: 10_000_000n });
    await t.expectError("eth_sendRawTransaction", [raw], -32000, /oversized data/);
  });

  it("refuses blob transactions", async () => {
    await t.expectError(
      "eth_sendRawTransaction",
      [`0x03${"c0"}`],
      -32000,
      /blob transactions \(type 3\) are not accepted/,
    );
  });

  it("keeps serving after every refusal", async () => {
    const { hash } = await t.mine(t.accounts[4]!, { value: 5n });
    assert.equal((await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash])).status, "0x1");
  });
});
