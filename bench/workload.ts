import { keccak256, signHash } from "@civitas/node";
import { bytesToHex, hexToBytes, serializeTransaction, type TransactionSerializableEIP1559 } from "viem";
import type { BenchAccount } from "./accounts.ts";

/** A signed transaction ready to send: its raw encoding and hash, both 0x-hex. */
export interface SignedTx {
  readonly raw: `0x${string}`;
  readonly hash: `0x${string}`;
}

/** Gas limit of a plain transfer. */
export const TRANSFER_GAS = 21_000n;
/** Gas limit of a SlotWriter.set call (it uses ~44k when the slot goes from zero to non-zero). */
export const CALL_GAS = 70_000n;

/** Signs an EIP-1559 transaction with zero fees (gas is free on both targets). */
export function signTransaction(
  account: BenchAccount,
  fields: Omit<TransactionSerializableEIP1559, "type" | "maxFeePerGas" | "maxPriorityFeePerGas">,
): SignedTx {
  const tx: TransactionSerializableEIP1559 = {
    ...fields,
    type: "eip1559",
    maxFeePerGas: 0n,
    maxPriorityFeePerGas: 0n,
  };
  const sig = signHash(keccak256(hexToBytes(serializeTransaction(tx))), account.privateKey);
  const raw = serializeTransaction(tx, {
    r: bytesToHex(sig.subarray(0, 32)),
    s: bytesToHex(sig.subarray(32, 64)),
    yParity: sig[64]!,
  });
  return { raw, hash: bytesToHex(keccak256(hexToBytes(raw))) };
}

/** Next nonce per sender, so scenarios run one after another on one chain reuse senders correctly. */
export class NonceBook {
  readonly #next = new Map<string, number>();

  /** Returns the sender's next nonce and counts it as used. */
  take(address: string): number {
    const n = this.#next.get(address) ?? 0;
    this.#next.set(address, n + 1);
    return n;
  }

  /** Sets the sender's next nonce (as the chain reports it, when it may have sent before). */
  set(address: string, next: number): void {
    this.#next.set(address, next);
  }
}

/** What a scenario sends: which accounts, and what each transaction does. */
export interface WorkloadPlan {
  readonly chainId: number;
  readonly accounts: readonly BenchAccount[];
  /** Index of the first sender; senders are taken round-robin from there. */
  readonly firstSender: number;
  readonly count: number;
}

/** Transfers of 1 wei from account i to account i+1 (an existing, funded account). */
export function signTransfers(
  plan: WorkloadPlan,
  nonces: NonceBook,
  progress?: (done: number) => void,
): SignedTx[] {
  const { accounts } = plan;
  const out: SignedTx[] = [];
  for (let j = 0; j < plan.count; j++) {
    const i = (plan.firstSender + j) % accounts.length;
    const from = accounts[i]!;
    out.push(
      signTransaction(from, {
        chainId: plan.chainId,
        nonce: nonces.take(from.address),
        to: accounts[(i + 1) % accounts.length]!.address,
        value: 1n,
        gas: TRANSFER_GAS,
      }),
    );
    if (progress && (j + 1) % 5000 === 0) progress(j + 1);
  }
  return out;
}

/** ABI-encodes `set(uint256)` for a value. */
export function encodeSetCall(selector: `0x${string}`, value: bigint): `0x${string}` {
  return `${selector}${value.toString(16).padStart(64, "0")}`;
}

/** Calls of SlotWriter.set(j + 1): each writes the sender's own storage slot. */
export function signCalls(
  plan: WorkloadPlan,
  contract: `0x${string}`,
  setSelector: `0x${string}`,
  nonces: NonceBook,
  progress?: (done: number) => void,
): SignedTx[] {
  const { accounts } = plan;
  const out: SignedTx[] = [];
  for (let j = 0; j < plan.count; j++) {
    const from = accounts[(plan.firstSender + j) % accounts.length]!;
    out.push(
      signTransaction(from, {
        chainId: plan.chainId,
        nonce: nonces.take(from.address),
        to: contract,
        value: 0n,
        gas: CALL_GAS,
        data: encodeSetCall(setSelector, BigInt(j + 1)),
      }),
    );
    if (progress && (j + 1) % 5000 === 0) progress(j + 1);
  }
  return out;
}

/** A signed deployment of `bytecode`; the contract's address comes from its receipt. */
export function signDeploy(
  deployer: BenchAccount,
  chainId: number,
  bytecode: `0x${string}`,
  nonce: number,
): SignedTx {
  return signTransaction(deployer, {
    chainId,
    nonce,
    value: 0n,
    gas: 1_000_000n,
    data: bytecode,
  });
}
