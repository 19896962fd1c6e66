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
  SimulateContractParameters,
  TransactionReceipt,
  Transport,
  WaitForTransactionReceiptErrorType,
  WriteContractErrorType,
  WriteContractParameters,
} from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { AccountMissingError } from "../errors/civitasError.ts";
import {
  RegistryRevertedError,
  TransactionRevertedError,
  toRegistryError,
} from "../errors/registryErrors.ts";

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
  const account = client.account;
  if (account === undefined) throw new AccountMissingError(functionName);
  // viem's generic parameter types do not follow a function name chosen at run time; the name
  // and args are checked against the ABI by this function's own signature.
  const call = {
    address: registryAddress(client),
    abi: registryAbi,
    functionName,
    args,
    account,
    chain: client.chain,
  } as unknown as SimulateContractParameters;
  let hash: Hash;
  try {
    const { request } = await simulateContract(client, call);
    hash = await writeContract(client, request as WriteContractParameters);
  } catch (err) {
    throw toRegistryError(err, functionName);
  }
  const receipt = await waitForTransactionReceipt(client, { hash });
  if (receipt.status !== "success") {
    // Mined but reverted: the state changed since the check. Replay it to name the reason.
    const reason = await simulateContract(client, call).then(
      () => undefined,
      (err: unknown) => toRegistryError(err, functionName),
    );
    if (reason instanceof RegistryRevertedError) throw reason;
    throw new TransactionRevertedError(functionName, hash);
  }
  return { hash, receipt };
}
