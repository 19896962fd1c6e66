// The one way the SDK sends a contract transaction: simulated first (a refusal is reported,
// decoded, before anything is signed), then sent from the client's account; waits for the
// receipt. A transaction mined but reverted (the state changed since the check) is replayed to
// name the reason. Each service turns viem's revert into its own typed error with `toError`.
import type {
  Abi,
  Account,
  Address,
  Chain,
  Client,
  Hash,
  SimulateContractParameters,
  TransactionReceipt,
  Transport,
  WriteContractParameters,
} from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { AccountMissingError } from "../errors/civitasError.ts";

/** A transaction and its successful receipt. */
export interface CheckedWriteResult {
  hash: Hash;
  receipt: TransactionReceipt;
}

/** What to send. */
export interface CheckedWriteCall {
  readonly address: Address;
  readonly abi: Abi | readonly unknown[];
  readonly functionName: string;
  readonly args: readonly unknown[];
  readonly value?: bigint | undefined;
}

/**
 * Sends `call` from the client's account. `toError` maps a failure to the service's typed error
 * (or returns it unchanged); `isNamedRevert` says whether a mapped error names the contract's
 * reason; `unnamedRevert` makes the error for a mined revert whose reason the replay cannot name.
 */
export async function checkedWrite(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  call: CheckedWriteCall,
  toError: (err: unknown) => unknown,
  isNamedRevert: (err: unknown) => boolean,
  unnamedRevert: (hash: Hash) => Error,
): Promise<CheckedWriteResult> {
  const account = client.account;
  if (account === undefined) throw new AccountMissingError(call.functionName);
  // viem's generic parameter types do not follow a function name chosen at run time; the name
  // and args are checked against the ABI by viem's encoding.
  const parameters = {
    address: call.address,
    abi: call.abi,
    functionName: call.functionName,
    args: call.args,
    account,
    chain: client.chain,
    ...(call.value !== undefined ? { value: call.value } : {}),
  } as unknown as SimulateContractParameters;
  let hash: Hash;
  try {
    const { request } = await simulateContract(client, parameters);
    hash = await writeContract(client, request as WriteContractParameters);
  } catch (err) {
    throw toError(err);
  }
  const receipt = await waitForTransactionReceipt(client, { hash });
  if (receipt.status !== "success") {
    const reason = await simulateContract(client, parameters).then(() => undefined, toError);
    if (isNamedRevert(reason)) throw reason;
    throw unnamedRevert(hash);
  }
  return { hash, receipt };
}
