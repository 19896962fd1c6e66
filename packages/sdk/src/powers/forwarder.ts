// Acting on someone's behalf: the attorney signs an EIP-712 ForwardRequest, a relayer (anyone)
// sends it to the RepresentationForwarder, which checks isAuthorized and calls the service with
// the grantor as ERC-2771 sender. And the demo ApplicationDesk such a request can file with.
import { ApplicationDesk, RepresentationForwarder } from "@civitas/contracts";
import { type Address, encodeFunctionData, type Hex, parseEventLogs } from "viem";
import { getBlock, getChainId, readContract, signTypedData } from "viem/actions";
import { AccountMissingError } from "../errors/civitasError.ts";
import { toBytes32 } from "../utils/identifiers.ts";
import { toUnixSeconds } from "../utils/time.ts";
import {
  applicationDeskContract,
  forwarderContract,
  type PowersClient,
  type PowersWriteResult,
  powersAddresses,
  writePowers,
} from "./client.ts";
import { type PowerActionName, powerActionCode, procedureCode } from "./codes.ts";

/** The request an attorney signs (the forwarder's `ForwardRequest`). */
export type ForwardRequest = {
  from: Address;
  grantor: Address;
  to: Address;
  procedure: Hex;
  action: number;
  value: bigint;
  gas: bigint;
  nonce: bigint;
  deadline: bigint;
  data: Hex;
};

/** EIP-712 types of a ForwardRequest. */
export const FORWARD_REQUEST_TYPES = {
  ForwardRequest: [
    { name: "from", type: "address" },
    { name: "grantor", type: "address" },
    { name: "to", type: "address" },
    { name: "procedure", type: "bytes32" },
    { name: "action", type: "uint8" },
    { name: "value", type: "uint256" },
    { name: "gas", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint64" },
    { name: "data", type: "bytes" },
  ],
} as const;

export type SignForwardRequestParameters = {
  grantor: Address;
  /** The service contract (default: the client's ApplicationDesk). */
  to?: Address | undefined;
  /** `body/procedure` or a bytes32 procedure code. */
  procedure: string;
  action: PowerActionName;
  /** The service call (ABI-encoded, without the appended grantor). */
  data: Hex;
  value?: bigint | undefined;
  /** Gas for the service call (default 1,000,000; gas is free on Civitas). */
  gas?: bigint | undefined;
  /** Default: the forwarder's next nonce for the signer. */
  nonce?: bigint | undefined;
  /** Default: ten minutes after the latest block. */
  deadline?: Date | bigint | undefined;
};

export type SignedForwardRequest = { request: ForwardRequest; signature: Hex };

/** Signs a request to act for `grantor` with the client's account (the attorney); nothing is sent. */
export async function signForwardRequest(
  client: PowersClient,
  p: SignForwardRequestParameters,
): Promise<SignedForwardRequest> {
  const account = client.account;
  if (account === undefined) throw new AccountMissingError("signForwardRequest");
  const { forwarder, applicationDesk } = powersAddresses(client);
  const nonce =
    p.nonce ??
    (await readContract(client, {
      address: forwarder,
      abi: RepresentationForwarder.abi,
      functionName: "nonces",
      args: [account.address],
    }));
  const deadline =
    p.deadline !== undefined
      ? toUnixSeconds(p.deadline)
      : (await getBlock(client, { blockTag: "latest" })).timestamp + 600n;
  const chainId = client.chain?.id ?? (await getChainId(client));
  const request: ForwardRequest = {
    from: account.address,
    grantor: p.grantor,
    to: p.to ?? applicationDesk,
    procedure: procedureCode(p.procedure),
    action: powerActionCode(p.action),
    value: p.value ?? 0n,
    gas: p.gas ?? 1_000_000n,
    nonce,
    deadline,
    data: p.data,
  };
  const signature = await signTypedData(client, {
    account,
    domain: { name: "Civitas Representation Forwarder", version: "1", chainId, verifyingContract: forwarder },
    types: FORWARD_REQUEST_TYPES,
    primaryType: "ForwardRequest",
    message: request,
  });
  return { request, signature };
}

export type ExecuteForwardedReturnType = PowersWriteResult & {
  /** The power the forwarder relied on (0n when the grantor acted himself). */
  powerId: bigint;
};

/** Sends a signed request to the forwarder from the client's account (a relayer, or the attorney). */
export async function executeForwarded(
  client: PowersClient,
  { request, signature }: SignedForwardRequest,
): Promise<ExecuteForwardedReturnType> {
  const result = await writePowers(
    client,
    forwarderContract(client),
    "execute",
    [request, signature],
    request.value,
  );
  const [event] = parseEventLogs({
    abi: RepresentationForwarder.abi,
    logs: result.receipt.logs,
    eventName: "RequestExecuted",
  });
  return { ...result, powerId: event?.args.powerId ?? 0n };
}

export type FileApplicationParameters = { procedure: string; docHash: Hex };

/** The ApplicationDesk call that files an application (what an attorney's request carries). */
export function encodeFileApplication(p: FileApplicationParameters): Hex {
  return encodeFunctionData({
    abi: ApplicationDesk.abi,
    functionName: "fileApplication",
    args: [procedureCode(p.procedure), toBytes32(p.docHash, "document hash")],
  });
}

export type FileApplicationReturnType = PowersWriteResult & { applicationId: bigint };

/** The application id an ApplicationDesk transaction (direct or forwarded) filed. */
export function filedApplicationId(result: PowersWriteResult): bigint {
  const [event] = parseEventLogs({
    abi: ApplicationDesk.abi,
    logs: result.receipt.logs,
    eventName: "ApplicationFiled",
  });
  if (event === undefined) throw new Error("the transaction filed no application");
  return event.args.id;
}

/** Files an application directly at the ApplicationDesk (sender: the applicant). */
export async function fileApplication(
  client: PowersClient,
  p: FileApplicationParameters,
): Promise<FileApplicationReturnType> {
  const result = await writePowers(client, applicationDeskContract(client), "fileApplication", [
    procedureCode(p.procedure),
    toBytes32(p.docHash, "document hash"),
  ]);
  return { ...result, applicationId: filedApplicationId(result) };
}

/** An application the desk recorded: who for, who filed, which procedure, when. */
export type Application = {
  applicant: Address;
  filer: Address;
  procedure: Hex;
  docHash: Hex;
  filedAt: bigint;
};

/** An application by id. */
export async function getApplication(client: PowersClient, { id }: { id: bigint }): Promise<Application> {
  const a = await readContract(client, {
    address: powersAddresses(client).applicationDesk,
    abi: ApplicationDesk.abi,
    functionName: "applicationOf",
    args: [id],
  });
  return { ...a };
}
