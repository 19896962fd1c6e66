import { Block } from "@ethereumjs/block";
import { createTx } from "@ethereumjs/tx";
import { Address, createZeroAddress, hexToBytes } from "@ethereumjs/util";
import type { VM } from "@ethereumjs/vm";
import type { StoredBlock } from "../../chain/chainStore.ts";
import type { RpcContext, RpcMethod } from "../context.ts";
import { data, expectParams, parseAddress, parseData, parseQuantity, quantity } from "../params.ts";
import { requireBlock } from "../resolveBlock.ts";
import { invalidParams, RpcCode, RpcError } from "../rpcError.ts";

/** A parsed eth_call / eth_estimateGas transaction object. */
interface CallRequest {
  readonly from: Address;
  readonly to: Address | undefined;
  readonly data: Uint8Array;
  readonly value: bigint;
  readonly gas: bigint | undefined;
}

// Errors(string) selector: revert reasons are decoded for the message; the raw data is always returned.
const ERROR_STRING_SELECTOR = "08c379a0";
/** EIP-7825: the most gas one transaction may carry. */
const TX_GAS_LIMIT_CAP = 1n << 24n;

function parseCall(raw: unknown): CallRequest {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw invalidParams("transaction must be an object");
  const obj = raw as Record<string, unknown>;
  const input = obj["input"] ?? obj["data"];
  return {
    from:
      obj["from"] === undefined || obj["from"] === null
        ? createZeroAddress()
        : new Address(hexToBytes(parseAddress(obj["from"], "from"))),
    to:
      obj["to"] === undefined || obj["to"] === null
        ? undefined
        : new Address(hexToBytes(parseAddress(obj["to"], "to"))),
    data: input === undefined || input === null ? new Uint8Array(0) : parseData(input, "input"),
    value: obj["value"] === undefined || obj["value"] === null ? 0n : parseQuantity(obj["value"], "value"),
    gas: obj["gas"] === undefined || obj["gas"] === null ? undefined : parseQuantity(obj["gas"], "gas"),
  };
}

function intrinsicGas(ctx: RpcContext, call: CallRequest): bigint {
  const tx = createTx(
    { type: 2, to: call.to, data: call.data, value: call.value, gasLimit: 0n },
    { common: ctx.chain.common },
  );
  return tx.getIntrinsicGas();
}

function revertReason(returnValue: Uint8Array): string {
  const hex = Buffer.from(returnValue).toString("hex");
  if (!hex.startsWith(ERROR_STRING_SELECTOR) || hex.length < 8 + 128) return "execution reverted";
  const length = Number.parseInt(hex.slice(8 + 64, 8 + 128), 16);
  const text = Buffer.from(hex.slice(8 + 128, 8 + 128 + length * 2), "hex").toString("utf8");
  return `execution reverted: ${text}`;
}

/**
 * Runs a call and forgets its changes: it runs inside a checkpoint that is reverted, so the end of
 * the call does not flush its writes into the (private) state's trie, which costs more than the call.
 */
async function execute(vm: VM, block: StoredBlock, call: CallRequest, gasLimit: bigint) {
  const context = new Block(block.block.header, [], [], [], { common: vm.common });
  await vm.stateManager.checkpoint();
  try {
    return await vm.evm.runCall({
      caller: call.from,
      origin: call.from,
      to: call.to,
      data: call.data,
      value: call.value,
      gasLimit,
      block: context,
      isStatic: false,
    });
  } finally {
    await vm.stateManager.revert();
  }
}

function failure(result: Awaited<ReturnType<typeof execute>>): RpcError | undefined {
  const error = result.execResult.exceptionError;
  if (!error) return undefined;
  if (error.error === "revert") {
    return new RpcError(
      RpcCode.executionReverted,
      revertReason(result.execResult.returnValue),
      data(result.execResult.returnValue),
    );
  }
  return new RpcError(RpcCode.invalidInput, `execution failed: ${error.error}`);
}

/** Read-only execution. */
export const callMethods: Record<string, RpcMethod> = {
  eth_call: async (params, ctx) => {
    const [rawCall, tag, overrides] = expectParams(params, 1, 3);
    // geth's third parameter, state overrides, is not implemented: ignoring it would answer for another state.
    if (overrides !== undefined && overrides !== null && Object.keys(overrides).length > 0)
      throw invalidParams("state overrides (the third parameter) are not supported by this node");
    const call = parseCall(rawCall);
    const block = requireBlock(ctx, tag);
    const cap = block.block.header.gasLimit;
    const gas = call.gas === undefined || call.gas > cap ? cap : call.gas;
    const intrinsic = intrinsicGas(ctx, call);
    if (gas < intrinsic)
      throw new RpcError(
        RpcCode.invalidInput,
        `intrinsic gas too low: gas ${gas}, minimum needed ${intrinsic}`,
      );
    const result = await execute(await ctx.chain.vmAt(block), block, call, gas - intrinsic);
    const error = failure(result);
    if (error) throw error;
    return data(result.execResult.returnValue);
  },
  eth_estimateGas: async (params, ctx) => {
    const [rawCall, tag] = expectParams(params, 1, 2);
    const call = parseCall(rawCall);
    const block = requireBlock(ctx, tag);
    // No estimate above what a transaction may carry (EIP-7825), or it could not be sent.
    const blockCap = block.block.header.gasLimit;
    const txCap =
      ctx.chain.common.isActivatedEIP(7825) && blockCap > TX_GAS_LIMIT_CAP ? TX_GAS_LIMIT_CAP : blockCap;
    const cap = call.gas ?? txCap;
    const intrinsic = intrinsicGas(ctx, call);
    if (cap < intrinsic)
      throw new RpcError(
        RpcCode.invalidInput,
        `intrinsic gas too low: gas ${cap}, minimum needed ${intrinsic}`,
      );
    // Every trial on a fresh state: runCall commits what the call wrote, so a second run on the
    // same VM would see the first one's effects (an approval already recorded) and revert.
    const trial = async (gas: bigint) => execute(await ctx.chain.vmAt(block), block, call, gas);
    const full = await trial(cap - intrinsic);
    const error = failure(full);
    if (error) throw error;
    // The gas used is a lower bound; the 63/64 rule can make a call need more, so search upwards.
    let low = full.execResult.executionGasUsed;
    let high = cap - intrinsic;
    const first = await trial(low);
    if (!first.execResult.exceptionError) return quantity(intrinsic + low);
    while (high - low > 1n) {
      const mid = (low + high) / 2n;
      const attempt = await trial(mid);
      if (attempt.execResult.exceptionError) low = mid;
      else high = mid;
    }
    return quantity(intrinsic + high);
  },
};
