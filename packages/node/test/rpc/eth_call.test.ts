import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeFunctionResult, encodeErrorResult, type Hex, pad, toHex } from "viem";
import { deployRecorder, recorder, recorderCall } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("eth_call", () => {
  let t: RpcTestNode;
  let contract: Hex;
  let deployedAt: bigint;
  // Recorder(10); then account 1 records 5.
  before(async () => {
    t = await startRpcTestNode();
    ({ address: contract, blockNumber: deployedAt } = await deployRecorder(t, t.accounts[0]!, 10n));
    await t.mine(t.accounts[1]!, {
      to: contract,
      value: 0n,
      data: recorderCall("record", [5n, "x"]),
      gas: 200_000n,
    });
  });
  after(() => t.close());

  const read = async (
    functionName: "total" | "counts",
    args: unknown[],
    block: unknown = "latest",
  ): Promise<bigint> => {
    const out = await t.rpc<Hex>("eth_call", [
      { to: contract, input: recorderCall(functionName, args) },
      block,
    ]);
    return decodeFunctionResult({ abi: recorder.abi, functionName, data: out }) as bigint;
  };

  it("runs a view function on the latest state", async () => {
    assert.equal(await read("total", []), 15n);
    assert.equal(await read("counts", [t.accounts[1]!.address]), 1n);
    assert.equal(await read("counts", [t.accounts[0]!.address]), 0n);
  });

  it("runs on the state of a past block, and defaults to latest", async () => {
    assert.equal(await read("total", [], toHex(deployedAt)), 10n);
    const out = await t.rpc<Hex>("eth_call", [{ to: contract, data: recorderCall("total") }]);
    assert.equal(BigInt(out), 15n);
  });

  it("executes a state-changing function without committing it", async () => {
    const from = t.accounts[2]!.address;
    const out = await t.rpc("eth_call", [
      { from, to: contract, data: recorderCall("record", [100n, "dry run"]) },
      "latest",
    ]);
    assert.equal(out, "0x");
    assert.equal(await read("total", []), 15n);
  });

  it("returns 0x for a call to an account without code", async () => {
    assert.equal(await t.rpc("eth_call", [{ to: t.accounts[3]!.address, value: "0x0" }, "latest"]), "0x");
  });

  it("reports a require() revert as code 3 with the decoded reason and the raw revert data", async () => {
    const error = await t.expectError(
      "eth_call",
      [{ to: contract, data: recorderCall("record", [0n, "zero"]) }, "latest"],
      3,
      /^execution reverted: amount must be positive$/,
    );
    assert.equal(
      error.data,
      encodeErrorResult({
        abi: [{ type: "error", name: "Error", inputs: [{ type: "string" }] }],
        errorName: "Error",
        args: ["amount must be positive"],
      }),
    );
  });

  it("reports a custom-error revert as code 3 with the ABI-encoded error as data", async () => {
    const error = await t.expectError(
      "eth_call",
      [{ to: contract, data: recorderCall("record", [2000n, "big"]) }, "latest"],
      3,
      /^execution reverted$/,
    );
    assert.equal(
      error.data,
      encodeErrorResult({ abi: recorder.abi, errorName: "AmountTooLarge", args: [2000n, 1000n] }),
    );
  });

  it("fails with -32000 when the gas given cannot cover the intrinsic cost or the execution", async () => {
    const data = recorderCall("record", [1n, "g"]);
    await t.expectError(
      "eth_call",
      [{ to: contract, data, gas: "0x5208" }, "latest"],
      -32000,
      /intrinsic gas too low/,
    );
    await t.expectError(
      "eth_call",
      [{ to: contract, data, gas: toHex(30_000) }, "latest"],
      -32000,
      /out of gas/,
    );
  });

  it("fails with -32000 when the caller cannot pay the value", async () => {
    const poor: Hex = `0x${"9c".repeat(20)}`;
    await t.expectError(
      "eth_call",
      [{ from: poor, to: t.accounts[0]!.address, value: "0x1" }, "latest"],
      -32000,
      /execution failed/,
    );
  });

  it("answers -32001 for a block beyond the head", async () => {
    await t.expectError(
      "eth_call",
      [{ to: contract, data: recorderCall("total") }, "0x64"],
      -32001,
      /not found/,
    );
  });

  it("accepts an empty third parameter and refuses state overrides it cannot apply", async () => {
    const request = { to: contract, data: recorderCall("total") };
    assert.equal(BigInt(await t.rpc<Hex>("eth_call", [request, "latest", {}])), 15n);
    assert.equal(BigInt(await t.rpc<Hex>("eth_call", [request, "latest", null])), 15n);
    const override = { [contract]: { stateDiff: { [pad("0x0")]: pad("0x63") } } };
    await t.expectError(
      "eth_call",
      [request, "latest", override],
      -32602,
      /state overrides .* are not supported/,
    );
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_call", [], -32602, /expected 1 to 3 parameters, got 0/);
    await t.expectError("eth_call", ["0x00", "latest"], -32602, /transaction must be an object/);
    await t.expectError("eth_call", [{ to: "0x1234" }, "latest"], -32602, /to must be a 20-byte/);
    await t.expectError("eth_call", [{ from: 1, to: contract }, "latest"], -32602, /from must be a 20-byte/);
    await t.expectError(
      "eth_call",
      [{ to: contract, data: "0x123" }, "latest"],
      -32602,
      /input must be 0x-prefixed hex/,
    );
    await t.expectError(
      "eth_call",
      [{ to: contract, value: 5 }, "latest"],
      -32602,
      /value must be a 0x-prefixed hex quantity/,
    );
    await t.expectError("eth_call", [{ to: contract, gas: "lots" }, "latest"], -32602, /gas must be/);
    await t.expectError("eth_call", [{ to: contract }, "tomorrow"], -32602, /block must be/);
  });
});
