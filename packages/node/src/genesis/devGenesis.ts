import { createGenesisExtraData } from "@civitas/qbft";
import { QBFT_MIX_HASH } from "./genesisConfig.ts";

/** Parameters of a development genesis. */
export interface DevGenesisOptions {
  readonly chainId: number;
  readonly validators: readonly string[];
  readonly accounts: readonly string[];
  readonly balanceWei: bigint;
  readonly blockPeriodSeconds: number;
  readonly emptyBlockPeriodSeconds: number;
  readonly gasLimit: bigint;
  readonly timestamp: number;
}

/** A Besu-format QBFT genesis object for a local development or benchmark network. */
export function createDevGenesis(options: DevGenesisOptions): Record<string, unknown> {
  const balance = `0x${options.balanceWei.toString(16)}`;
  return {
    config: {
      chainId: options.chainId,
      zeroBaseFee: true,
      qbft: {
        blockperiodseconds: options.blockPeriodSeconds,
        emptyblockperiodseconds: options.emptyBlockPeriodSeconds,
        epochlength: 30000,
        requesttimeoutseconds: Math.max(4, options.blockPeriodSeconds * 2),
      },
    },
    nonce: "0x0",
    timestamp: `0x${options.timestamp.toString(16)}`,
    gasLimit: `0x${options.gasLimit.toString(16)}`,
    difficulty: "0x1",
    mixHash: QBFT_MIX_HASH,
    coinbase: `0x${"00".repeat(20)}`,
    extraData: `0x${Buffer.from(createGenesisExtraData(options.validators.map((v) => v.toLowerCase() as `0x${string}`))).toString("hex")}`,
    alloc: Object.fromEntries(options.accounts.map((a) => [a.toLowerCase(), { balance }])),
  };
}
