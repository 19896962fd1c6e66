import { keccak256 } from "../../crypto/nativeCrypto.ts";
import type { RpcMethod } from "../context.ts";
import { data, expectParams, parseData, parseQuantity, quantity } from "../params.ts";
import { requireBlock } from "../resolveBlock.ts";
import { invalidParams } from "../rpcError.ts";

const MAX_FEE_HISTORY_BLOCKS = 1024n;

/** Chain identity, sync state, fees and client information. */
export const chainInfoMethods: Record<string, RpcMethod> = {
  eth_chainId: (params, ctx) => {
    expectParams(params, 0, 0);
    return quantity(ctx.chain.common.chainId());
  },
  eth_blockNumber: (params, ctx) => {
    expectParams(params, 0, 0);
    return quantity(ctx.chain.head.block.header.number);
  },
  eth_syncing: (params, ctx) => {
    expectParams(params, 0, 0);
    const progress = ctx.syncProgress();
    if (!progress) return false;
    return {
      startingBlock: quantity(progress.startingBlock),
      currentBlock: quantity(progress.currentBlock),
      highestBlock: quantity(progress.highestBlock),
    };
  },
  // Gas is free on this network: the base fee is 0 and no tip is needed.
  eth_gasPrice: (params) => {
    expectParams(params, 0, 0);
    return "0x0";
  },
  eth_maxPriorityFeePerGas: (params) => {
    expectParams(params, 0, 0);
    return "0x0";
  },
  eth_feeHistory: (params, ctx) => {
    const [countParam, newest, percentiles] = expectParams(params, 2, 3);
    const count =
      typeof countParam === "number" ? BigInt(countParam) : parseQuantity(countParam, "blockCount");
    if (count < 1n || count > MAX_FEE_HISTORY_BLOCKS)
      throw invalidParams(`blockCount must be between 1 and ${MAX_FEE_HISTORY_BLOCKS}`);
    const rewardPercentiles = percentiles === undefined ? undefined : percentiles;
    if (
      rewardPercentiles !== undefined &&
      (!Array.isArray(rewardPercentiles) ||
        rewardPercentiles.some((p) => typeof p !== "number" || p < 0 || p > 100))
    ) {
      throw invalidParams("rewardPercentiles must be an array of numbers between 0 and 100");
    }
    const last = requireBlock(ctx, newest, "newestBlock");
    const lastNumber = last.block.header.number;
    const oldest = lastNumber + 1n > count ? lastNumber + 1n - count : 0n;
    const gasUsedRatio: number[] = [];
    const reward: string[][] = [];
    for (let n = oldest; n <= lastNumber; n++) {
      const h = ctx.chain.store.getBlockByNumber(n)!.block.header;
      gasUsedRatio.push(Number(h.gasUsed) / Number(h.gasLimit));
      if (rewardPercentiles) reward.push((rewardPercentiles as number[]).map(() => "0x0"));
    }
    return {
      oldestBlock: quantity(oldest),
      baseFeePerGas: Array.from({ length: gasUsedRatio.length + 1 }, () => "0x0"),
      baseFeePerBlobGas: Array.from({ length: gasUsedRatio.length + 1 }, () => "0x0"),
      blobGasUsedRatio: gasUsedRatio.map(() => 0),
      gasUsedRatio,
      ...(rewardPercentiles ? { reward } : {}),
    };
  },
  net_version: (params, ctx) => {
    expectParams(params, 0, 0);
    return ctx.chain.common.chainId().toString();
  },
  net_listening: (params) => {
    expectParams(params, 0, 0);
    return true;
  },
  net_peerCount: (params, ctx) => {
    expectParams(params, 0, 0);
    return quantity(ctx.peers().length);
  },
  web3_clientVersion: (params, ctx) => {
    expectParams(params, 0, 0);
    return ctx.clientVersion;
  },
  web3_sha3: (params) => {
    const [input] = expectParams(params, 1, 1);
    return data(keccak256(parseData(input, "data")));
  },
};
