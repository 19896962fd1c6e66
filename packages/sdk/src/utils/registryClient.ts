// What every registry action needs from a client: where the registry is, and how to send a
// registry transaction and wait for its result with reverts decoded.
import { IDENTITY_REGISTRY_ADDRESS, IdentityRegistry } from "@civitas/contracts";
import type {
  Account,
  Address,
  Chain,
  Client,
  ContractFunctionArgs,
  ContractFunctionName,
  Hash,
  SimulateContractErrorType,
  TransactionReceipt,
  Transport,
  WaitForTransactionReceiptErrorType,
  WriteContractErrorType,
} from "viem";
import type { AccountMissingError } from "../errors/civitasError.ts";
import {
  RegistryRevertedError,
  TransactionRevertedError,
  toRegistryError,
} from "../errors/registryErrors.ts";
import { checkedWrite } from "./checkedWrite.ts";

export type RegistryAbi = typeof IdentityRegistry.abi;
export const registryAbi: RegistryAbi = IdentityRegistry.abi;

/**
 * A viem client the registry actions accept: any client, optionally carrying the registry's
 * address (a Civitas client does; default {@link IDENTITY_REGISTRY_ADDRESS}, where `civitas init`
 * puts it in genesis).
 */
export type RegistryClient<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = Client<Transport, chain, account> & { registry?: Address | undefined };

/** The registry address a client talks to. */
export function registryAddress(client: { registry?: Address | undefined }): Address {
  return client.registry ?? IDENTITY_REGISTRY_ADDRESS;
}

/** What every write action returns: the transaction and its (successful) receipt. */
export interface RegistryWriteResult {
  hash: Hash;
  receipt: TransactionReceipt;
}

/** The errors a write can end with, besides the action's own checks. */
export type RegistryWriteErrorType =
  | RegistryRevertedError
  | TransactionRevertedError
  | AccountMissingError
  | SimulateContractErrorType
  | WriteContractErrorType
  | WaitForTransactionReceiptErrorType;

type WriteFunctionName = ContractFunctionName<RegistryAbi, "nonpayable">;

/**
 * Sends a registry transaction from the client's account: first as a call (so that a refusal is
 * reported, decoded, before anything is signed), then for real; waits for the receipt. A revert
 * becomes a {@link RegistryRevertedError} naming the contract's error and its arguments.
 */
export async function writeRegistry<functionName extends WriteFunctionName>(
  client: RegistryClient,
  functionName: functionName,
  args: ContractFunctionArgs<RegistryAbi, "nonpayable", functionName>,
): Promise<RegistryWriteResult> {
  return checkedWrite(
    client,
    { address: registryAddress(client), abi: registryAbi, functionName, args: args as readonly unknown[] },
    (err) => toRegistryError(err, functionName),
    (err) => err instanceof RegistryRevertedError,
    (hash) => new TransactionRevertedError(functionName, hash),
  );
}
