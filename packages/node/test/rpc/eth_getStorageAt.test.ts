import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { encodeAbiParameters, type Hex, keccak256, pad, toHex } from "viem";
import { deployRecorder, recorderCall } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

/** Where Solidity keeps counts[who] (mapping at slot 1). */
const countsSlot = (who: Hex): Hex =>
  keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [who, 1n]));

describe("eth_getStorageAt", () => {
  let t: RpcTestNode;
  let contract: Hex;
  let deployedAt: bigint;
  // Recorder(10), then record(5) and record(20) by account 1.
  before(async () => {
    t = await startRpcTestNode();
    ({ address: contract, blockNumber: deployedAt } = await deployRecorder(t, t.accounts[0]!, 10n));
    for (const amount of [5n, 20n]) {
      await t.send(t.accounts[1]!, {
        to: contract,
        value: 0n,
        data: recorderCall("record", [amount, "n"]),
        gas: 200_000n,
      });
    }
    await t.produce();
  });
  after(() => t.close());

  it("reads slot 0 (total) as a 32-byte word", async () => {
    assert.equal(await t.rpc("eth_getStorageAt", [contract, "0x0", "latest"]), pad(toHex(35n)));
    assert.equal(await t.rpc("eth_getStorageAt", [contract, "0x0"]), pad(toHex(35n)));
    assert.equal(await t.rpc("eth_getStorageAt", [contract, "0x0", toHex(deployedAt)]), pad(toHex(10n)));
  });

  it("reads a mapping entry at the slot Solidity's layout rules give", async () => {
    const slot = countsSlot(t.accounts[1]!.address);
    assert.equal(await t.rpc("eth_getStorageAt", [contract, slot, "latest"]), pad(toHex(2n)));
    assert.equal(
      await t.rpc("eth_getStorageAt", [contract, countsSlot(t.accounts[2]!.address), "latest"]),
      pad("0x0"),
    );
  });

  it("accepts the slot as a quantity or as 32 bytes with leading zeros", async () => {
    assert.equal(await t.rpc("eth_getStorageAt", [contract, pad("0x0"), "latest"]), pad(toHex(35n)));
  });

  it("reads zero from an account without storage and from an empty slot", async () => {
    assert.equal(await t.rpc("eth_getStorageAt", [t.accounts[0]!.address, "0x0", "latest"]), pad("0x0"));
    assert.equal(await t.rpc("eth_getStorageAt", [`0xaa${"00".repeat(19)}`, "0x0", "latest"]), pad("0x0"));
    assert.equal(await t.rpc("eth_getStorageAt", [contract, "0x2", "latest"]), pad("0x0"));
  });

  it("answers -32001 for a block beyond the head", async () => {
    await t.expectError("eth_getStorageAt", [contract, "0x0", "0x10"], -32001, /not found/);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getStorageAt", [contract], -32602, /expected 2 to 3 parameters, got 1/);
    await t.expectError("eth_getStorageAt", [contract, "0xasdf", "latest"], -32602, /slot must be/);
    await t.expectError(
      "eth_getStorageAt",
      [contract, `0x${"0".repeat(65)}`, "latest"],
      -32602,
      /slot must be/,
    );
    await t.expectError("eth_getStorageAt", [contract, 0, "latest"], -32602, /slot must be/);
    await t.expectError("eth_getStorageAt", ["0xaa", "0x0", "latest"], -32602, /address must be a 20-byte/);
  });
});
