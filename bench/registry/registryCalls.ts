// Transactions and views on the genesis IdentityRegistry, signed by the network's admins and
// registrar (admins.json) and sent over JSON-RPC.
import { setTimeout as sleep } from "node:timers/promises";
import {
  AccessLevel,
  AdminAction,
  Assurance,
  IDENTITY_REGISTRY_ADDRESS,
  IdentityRegistry,
} from "@civitas/contracts";
import {
  type ContractFunctionArgs,
  type ContractFunctionName,
  decodeFunctionResult,
  encodeEventTopics,
  encodeFunctionData,
  type Hex,
  pad,
  stringToHex,
} from "viem";
import type { BenchAccount } from "../accounts.ts";
import type { RpcClient, RpcReply } from "../rpcClient.ts";
import { type SignedTx, signTransaction } from "../workload.ts";
import type { RegistryKeys } from "./benchNetwork.ts";
import type { MemberRegistration } from "./memberKeys.ts";

const { abi } = IdentityRegistry;
/** EIP-7825: the most gas one transaction may use. */
export const MAX_TX_GAS = 2n ** 24n;
const SETUP_GAS = 1_000_000n;
const RECEIPT_TIMEOUT_MS = 120_000;

/** A receipt as the node returns it (the fields used here). */
export interface Receipt {
  readonly status: Hex;
  readonly gasUsed: Hex;
  readonly blockNumber: Hex;
  readonly logs: readonly { topics: readonly Hex[] }[];
}

type WriteName = ContractFunctionName<typeof abi, "nonpayable">;
type ReadName = ContractFunctionName<typeof abi, "view" | "pure">;

/** The calldata of a registry function. */
export function registryCalldata<F extends WriteName | ReadName>(
  functionName: F,
  args: ContractFunctionArgs<typeof abi, "nonpayable" | "view" | "pure", F>,
): Hex {
  return encodeFunctionData({ abi, functionName, args } as never);
}

/** A signed registry transaction from `from` with the given nonce. */
export function signRegistryTx(
  from: BenchAccount,
  chainId: number,
  nonce: number,
  data: Hex,
  gas: bigint,
): SignedTx {
  return signTransaction(from, { chainId, nonce, to: IDENTITY_REGISTRY_ADDRESS, value: 0n, gas, data });
}

/** The receipts of `hashes` (null where not yet mined), in one JSON-RPC batch. */
export async function fetchReceipts(
  client: RpcClient,
  hashes: readonly string[],
): Promise<(Receipt | null)[]> {
  if (hashes.length === 0) return [];
  const body = JSON.stringify(
    hashes.map((hash, id) => ({ jsonrpc: "2.0", id, method: "eth_getTransactionReceipt", params: [hash] })),
  );
  const replies = (await client.postRaw(body)) as RpcReply[];
  const out: (Receipt | null)[] = new Array(hashes.length).fill(null);
  for (const reply of replies) {
    if (reply.error) throw new Error(`eth_getTransactionReceipt: ${reply.error.message}`);
    out[reply.id as number] = (reply.result as Receipt | null) ?? null;
  }
  return out;
}

/** Sends a signed transaction and waits for its receipt; throws if it is refused or reverts. */
export async function sendAndWait(client: RpcClient, tx: SignedTx, what: string): Promise<Receipt> {
  await client.call("eth_sendRawTransaction", [tx.raw]);
  const deadline = Date.now() + RECEIPT_TIMEOUT_MS;
  for (;;) {
    const [receipt] = await fetchReceipts(client, [tx.hash]);
    if (receipt) {
      if (receipt.status !== "0x1") throw new Error(`${what} reverted (transaction ${tx.hash})`);
      return receipt;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: ${tx.hash} not mined within ${RECEIPT_TIMEOUT_MS} ms`);
    await sleep(200);
  }
}

/** Runs a registry view at the head and decodes its result. */
export async function readRegistry<F extends ReadName>(
  client: RpcClient,
  functionName: F,
  args: ContractFunctionArgs<typeof abi, "view" | "pure", F>,
) {
  const data = registryCalldata(functionName, args);
  const output = await client.call<Hex>("eth_call", [{ to: IDENTITY_REGISTRY_ADDRESS, data }, "latest"]);
  return decodeFunctionResult({ abi, functionName, data: output } as never) as ReturnType<
    typeof decodeFunctionResult<typeof abi, F>
  >;
}

/** A registry identifier (bytes32) from a short name. */
export function registryId(name: string): Hex {
  return stringToHex(name, { size: 32 });
}

/** The next nonce of `address`, counting transactions waiting in the pool. */
export async function pendingNonce(client: RpcClient, address: string): Promise<number> {
  return Number(await client.call<Hex>("eth_getTransactionCount", [address, "pending"]));
}

/**
 * Adds `organisation` through the admin quorum (the first admin proposes and executes, the next
 * ones approve) and has the first registrar define `role` in it at TRANSACT, LOW assurance.
 */
export async function setUpOrganisation(
  client: RpcClient,
  chainId: number,
  keys: RegistryKeys,
  organisation: Hex,
  role: Hex,
): Promise<void> {
  const [proposer, ...others] = keys.admins.slice(0, keys.quorum);
  const registrar = keys.registrars[0];
  if (!proposer || others.length < keys.quorum - 1 || !registrar)
    throw new Error(`admins.json holds too few admins for quorum ${keys.quorum}, or no registrar`);
  const send = async (from: BenchAccount, data: Hex, what: string) =>
    sendAndWait(
      client,
      signRegistryTx(from, chainId, await pendingNonce(client, from.address), data, SETUP_GAS),
      what,
    );
  const proposed = await send(
    proposer,
    registryCalldata("propose", [AdminAction.ADD_ORGANISATION, organisation, pad("0x0", { size: 32 })]),
    "proposing the benchmark organisation",
  );
  // ProposalCreated(bytes32 indexed id, …): the id is the first topic after the signature.
  const [created] = encodeEventTopics({ abi, eventName: "ProposalCreated" });
  const id = proposed.logs.find((log) => log.topics[0] === created)?.topics[1];
  if (!id) throw new Error("the proposal's receipt holds no ProposalCreated event");
  for (const admin of others)
    await send(admin, registryCalldata("approve", [id]), "approving the organisation");
  await send(proposer, registryCalldata("execute", [id]), "executing the organisation proposal");
  await send(
    registrar,
    registryCalldata("defineRole", [organisation, role, AccessLevel.TRANSACT, Assurance.LOW]),
    "defining the member role",
  );
}

/** The calldata of `registerMembers` for a batch. */
export function registerMembersCalldata(batch: readonly MemberRegistration[]): Hex {
  return registryCalldata("registerMembers", [batch]);
}

/** Gas `registerMembers` needs for a batch, as the node estimates it on the head state. */
export async function estimateRegisterGas(
  client: RpcClient,
  registrar: BenchAccount,
  batch: readonly MemberRegistration[],
): Promise<bigint> {
  const data = registerMembersCalldata(batch);
  return BigInt(
    await client.call<Hex>("eth_estimateGas", [
      { from: registrar.address, to: IDENTITY_REGISTRY_ADDRESS, data, gas: `0x${MAX_TX_GAS.toString(16)}` },
    ]),
  );
}
