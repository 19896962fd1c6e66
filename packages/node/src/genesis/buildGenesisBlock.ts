import { Block, createBlockHeader } from "@ethereumjs/block";
import type { Common } from "@ethereumjs/common";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import {
  Account,
  Address,
  bigIntToBytes,
  hexToBytes,
  KECCAK256_RLP,
  KECCAK256_RLP_ARRAY,
  setLengthLeft,
} from "@ethereumjs/util";
import { NodeError } from "../errors.ts";
import type { GenesisConfig } from "./genesisConfig.ts";

// EIP-4788 beacon roots and EIP-2935 history contracts: their per-block system calls are not made here.
const SYSTEM_CONTRACTS = [
  "0x000f3df6d732807ef1319fb7b8bb8522d0beac02",
  "0x0000f90827f1c53a10cb7a02335b175320002935",
];

/** Accounts written between two turns given to the event loop (signals, progress, I/O). */
const ACCOUNTS_PER_TURN = 1_000;

/**
 * Writes the genesis alloc into an empty state and returns the state root. A large alloc takes
 * seconds: every ACCOUNTS_PER_TURN accounts the event loop runs (a Ctrl-C is seen, and logs
 * are written) and `progress` is told the accounts written so far.
 */
export async function writeGenesisState(
  state: MerkleStateManager,
  genesis: GenesisConfig,
  progress?: (written: number, total: number) => void,
): Promise<Uint8Array> {
  await state.checkpoint();
  let written = 0;
  for (const [hex, account] of genesis.alloc) {
    if (written > 0 && written % ACCOUNTS_PER_TURN === 0) {
      progress?.(written, genesis.alloc.size);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    written++;
    if (SYSTEM_CONTRACTS.includes(hex)) {
      throw new NodeError(
        "GENESIS_INVALID",
        `genesis: alloc must not use the beacon-chain system address ${hex}`,
      );
    }
    const address = new Address(hexToBytes(hex as `0x${string}`));
    await state.putAccount(address, new Account(account.nonce, account.balance));
    if (account.code !== undefined && account.code.length > 0) await state.putCode(address, account.code);
    for (const [slot, value] of account.storage) {
      await state.putStorage(address, hexToBytes(`0x${slot}`), value);
    }
  }
  await state.commit();
  return state.getStateRoot();
}

/** The genesis block for a genesis file and its state root. */
export function buildGenesisBlock(common: Common, genesis: GenesisConfig, stateRoot: Uint8Array): Block {
  const header = createBlockHeader(
    {
      number: 0n,
      parentHash: new Uint8Array(32),
      uncleHash: KECCAK256_RLP_ARRAY,
      coinbase: genesis.coinbase,
      stateRoot,
      timestamp: genesis.timestamp,
      gasLimit: genesis.gasLimit,
      difficulty: genesis.difficulty,
      mixHash: genesis.mixHash,
      nonce: setLengthLeft(bigIntToBytes(genesis.nonce), 8),
      extraData: genesis.extraData,
      baseFeePerGas: 0n,
      withdrawalsRoot: KECCAK256_RLP,
      blobGasUsed: 0n,
      excessBlobGas: 0n,
      parentBeaconBlockRoot: new Uint8Array(32),
    },
    { common },
  );
  return new Block(header, [], [], [], { common });
}
