import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { encodeDeployData, encodeErrorResult, type Hex, toHex } from "viem";
import { deployRecorder, recorder, recorderCall } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcReceipt } from "./rpcTypes.ts";

describe("eth_estimateGas", () => {
  let t: RpcTestNode;
  let contract: Hex;
  before(async () => {
    t = await startRpcTestNode({ accounts: 5 });
    contract = (await deployRecorder(t, t.accounts[0]!, 1n)).address;
  });
  after(() => t.close());

  const estimate = async (call: Record<string, unknown>): Promise<bigint> =>
    BigInt(await t.rpc<Hex>("eth_estimateGas", [call]));

  /** Mines the call with `gas` and returns its receipt. */
  async function run(from: number, data: Hex, gas: bigint): Promise<RpcReceipt> {
    const { hash } = await t.mine(t.accounts[from]!, { to: contract, value: 0n, data, gas });
    return t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash]);
  }

  it("estimates 21000 for a plain transfer", async () => {
    const from = t.accounts[0]!.address;
    assert.equal(await estimate({ from, to: t.accounts[1]!.address, value: "0x1" }), 21_000n);
    assert.equal(
      await t.rpc("eth_estimateGas", [{ from, to: t.accounts[1]!.address }, "latest"]),
      toHex(21_000),
    );
  });

  it("gives the least gas with which the call succeeds on chain", async () => {
    for (const [sender, data] of [
      [1, recorderCall("record", [7n, "first write of this sender"])],
      [2, recorderCall("churn", [50n])],
    ] as const) {
      const from = t.accounts[sender]!.address;
      const gas = await estimate({ from, to: contract, data });
      assert.ok(gas > 21_000n);
      // One unit less runs out of gas; this check mines a failed transaction and leaves state unchanged.
      const short = await run(sender, data, gas - 1n);
      assert.equal(short.status, "0x0", "one gas less is not enough");
      const exact = await run(sender, data, gas);
      assert.equal(exact.status, "0x1", "the estimate is enough");
      assert.ok(BigInt(exact.gasUsed) <= gas);
    }
  });

  it("estimates a call that succeeds only once (each trial starts from the block's state)", async () => {
    // Runtime: revert if slot 0 is set, else set it. A trial that kept its writes would make
    // every later trial revert, and the search would end at the cap.
    const runtime = "60005415600b57600080fd5b600160005500";
    const { hash } = await t.mine(t.accounts[4]!, {
      to: null,
      value: 0n,
      data: `0x6012600c60003960126000f3${runtime}`,
      gas: 200_000n,
    });
    const receipt = await t.rpc<{ contractAddress: Hex }>("eth_getTransactionReceipt", [hash]);
    const once = receipt.contractAddress;
    const from = t.accounts[4]!.address;
    const gas = await estimate({ from, to: once });
    assert.ok(gas > 21_000n + 20_000n && gas < 100_000n, `estimate ${gas}`);
    // The estimate is right: mined with it, the call succeeds; a second time it reverts.
    const first = await t.mine(t.accounts[4]!, { to: once, value: 0n, data: "0x", gas });
    const ok = await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [first.hash]);
    assert.equal(ok.status, "0x1");
    await assert.rejects(estimate({ from, to: once }), /execution reverted/);
  });

  it("grows with the work the call does", async () => {
    const from = t.accounts[3]!.address;
    const small = await estimate({ from, to: contract, data: recorderCall("churn", [10n]) });
    const large = await estimate({ from, to: contract, data: recorderCall("churn", [200n]) });
    assert.ok(large > small);
  });

  it("estimates a contract deployment", async () => {
    const data = encodeDeployData({ abi: recorder.abi, bytecode: recorder.bytecode, args: [3n] });
    const gas = await estimate({ from: t.accounts[4]!.address, data });
    const { hash } = await t.mine(t.accounts[4]!, { to: null, value: 0n, data, gas });
    const receipt = await t.rpc<RpcReceipt>("eth_getTransactionReceipt", [hash]);
    assert.equal(receipt.status, "0x1");
  });

  it("reports a revert as code 3 with the revert data", async () => {
    const error = await t.expectError(
      "eth_estimateGas",
      [{ to: contract, data: recorderCall("record", [5000n, "too much"]) }],
      3,
      /execution reverted/,
    );
    assert.equal(
      error.data,
      encodeErrorResult({ abi: recorder.abi, errorName: "AmountTooLarge", args: [5000n, 1000n] }),
    );
  });

  it("fails with -32000 when the gas cap given is too low", async () => {
    await t.expectError(
      "eth_estimateGas",
      [{ to: contract, data: recorderCall("record", [1n, "x"]), gas: "0x5208" }],
      -32000,
      /intrinsic gas too low/,
    );
    await t.expectError(
      "eth_estimateGas",
      [{ to: contract, data: recorderCall("churn", [100n]), gas: toHex(40_000) }],
      -32000,
      /out of gas/,
    );
  });

  it("answers -32001 for a block beyond the head", async () => {
    await t.expectError("eth_estimateGas", [{ to: contract }, "0x400"], -32001, /not found/);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_estimateGas", [], -32602, /expected 1 to 2 parameters, got 0/);
    await t.expectError("eth_estimateGas", [null], -32602, /transaction must be an object/);
    await t.expectError("eth_estimateGas", [{ to: contract, value: "1" }], -32602, /value must be/);
  });
});
