import { createGenesisExtraData } from "@civitas/qbft";
import { QBFT_MIX_HASH } from "./genesisConfig.ts";

/** A genesis `alloc` entry besides the funded accounts (e.g. a system contract). */
export interface DevGenesisAlloc {
  readonly balance: string;
  readonly code?: string;
  /** 32-byte slot → value, 0x-hex. */
  readonly storage?: Readonly<Record<string, string>>;
}

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
  /** Further alloc entries by address (e.g. the identity registry with its storage). */
  readonly extraAlloc?: Readonly<Record<string, DevGenesisAlloc>>;
  /** `config.permissioning`: the nodes check every sender against this identity registry. */
  readonly permissioning?: { readonly identityRegistry: string };
}

/** A Besu-format QBFT genesis object for a local development or benchmark network. */
export function createDevGenesis(options: DevGenesisOptions): Record<string, unknown> {
  const balance = `0x${options.balanceWei.toString(16)}`;
  const alloc: Record<string, DevGenesisAlloc> = Object.fromEntries(
    options.accounts.map((a) => [a.toLowerCase(), { balance }]),
  );
  for (const [address, entry] of Object.entries(options.extraAlloc ?? {})) {
    const key = address.toLowerCase();
    if (alloc[key] !== undefined) throw new Error(`genesis alloc: ${key} is both funded and given as extra`);
    alloc[key] = entry;
  }
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
      ...(options.permissioning !== undefined
        ? { permissioning: { identityRegistry: options.permissioning.identityRegistry } }
        : {}),
    },
    nonce: "0x0",
    timestamp: `0x${options.timestamp.toString(16)}`,
    gasLimit: `0x${options.gasLimit.toString(16)}`,
    difficulty: "0x1",
    mixHash: QBFT_MIX_HASH,
    coinbase: `0x${"00".repeat(20)}`,
    extraData: `0x${Buffer.from(createGenesisExtraData(options.validators.map((v) => v.toLowerCase() as `0x${string}`))).toString("hex")}`,
    alloc,
  };
}
