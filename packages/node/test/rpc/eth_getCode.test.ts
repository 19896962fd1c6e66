import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Hex, toHex } from "viem";
import { deployRecorder, recorder } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("eth_getCode", () => {
  let t: RpcTestNode;
  let contract: Hex;
  let deployedAt: bigint;
  before(async () => {
    t = await startRpcTestNode();
    await t.produce();
    ({ address: contract, blockNumber: deployedAt } = await deployRecorder(t, t.accounts[0]!, 7n));
  });
  after(() => t.close());

  it("returns the runtime bytecode solc produced", async () => {
    assert.equal(await t.rpc("eth_getCode", [contract, "latest"]), recorder.deployedBytecode);
    assert.equal(await t.rpc("eth_getCode", [contract]), recorder.deployedBytecode);
  });

  it("returns 0x before the deployment block and for accounts without code", async () => {
    assert.equal(await t.rpc("eth_getCode", [contract, toHex(deployedAt - 1n)]), "0x");
    assert.equal(await t.rpc("eth_getCode", [t.accounts[0]!.address, "latest"]), "0x");
    assert.equal(await t.rpc("eth_getCode", [`0x${"77".repeat(20)}`, "latest"]), "0x");
  });

  it("answers -32001 for a block beyond the head", async () => {
    await t.expectError("eth_getCode", [contract, toHex(deployedAt + 1n)], -32001, /not found/);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getCode", [], -32602, /expected 1 to 2 parameters, got 0/);
    await t.expectError(
      "eth_getCode",
      [contract.slice(0, 40), "latest"],
      -32602,
      /address must be a 20-byte/,
    );
    await t.expectError("eth_getCode", [contract, true], -32602, /block must be/);
  });
});
