import assert from "node:assert/strict";
import { join } from "node:path";
import { encodeDeployData, encodeFunctionData, type Hex } from "viem";
import { type CompiledContract, compileSolidity } from "../support/compileSolidity.ts";
import type { RpcTestNode, TestAccount } from "./rpcTestNode.ts";

/** The compiled fixtures/Recorder.sol. */
export const recorder: CompiledContract = compileSolidity(
  join(import.meta.dirname, "fixtures", "Recorder.sol"),
  "Recorder",
);

/** Calldata for a Recorder function. */
export function recorderCall(
  functionName: "record" | "reset" | "churn" | "total" | "counts",
  args: unknown[] = [],
): Hex {
  return encodeFunctionData({ abi: recorder.abi, functionName, args });
}

/** Deploys Recorder(initial) from `from` in a block of its own; returns the contract address and receipt. */
export async function deployRecorder(
  t: RpcTestNode,
  from: TestAccount,
  initial: bigint,
): Promise<{ address: Hex; hash: Hex; blockNumber: bigint }> {
  const data = encodeDeployData({ abi: recorder.abi, bytecode: recorder.bytecode, args: [initial] });
  const { hash, blockNumber } = await t.mine(from, { to: null, value: 0n, data, gas: 1_000_000n });
  const receipt = await t.rpc<{ status: Hex; contractAddress: Hex }>("eth_getTransactionReceipt", [hash]);
  assert.equal(receipt.status, "0x1", "Recorder deployment succeeded");
  return { address: receipt.contractAddress, hash, blockNumber };
}
