// Actions on the TrustedIssuers registry (accrediting bodies, issuers, operators, keys,
// accreditations), and the write plumbing the documents contracts share.
import { TRUSTED_ISSUERS_ADDRESS, TrustedIssuers } from "@civitas/contracts";
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  type Client,
  ContractFunctionRevertedError,
  encodeFunctionData,
  type Hash,
  type Hex,
  parseEventLogs,
  type TransactionReceipt,
  type Transport,
} from "viem";
import { readContract } from "viem/actions";
import { type AccountMissingError, CivitasError } from "../errors/civitasError.ts";
import { checkedWrite } from "../utils/checkedWrite.ts";
import { type Identifier, toBytes32, toIdentifier } from "../utils/identifiers.ts";

/**
 * A viem client the documents actions accept, optionally carrying the contracts' addresses
 * (default: the fixed genesis addresses TRUSTED_ISSUERS_ADDRESS and DOCUMENT_REGISTRY_ADDRESS).
 */
export type DocumentsClient = Client<Transport, Chain | undefined, Account | undefined> & {
  trustedIssuers?: Address | undefined;
  documents?: Address | undefined;
};

/** What every documents write returns: the transaction and its successful receipt. */
export interface DocumentsWriteResult {
  hash: Hash;
  receipt: TransactionReceipt;
}

/** A documents contract refused a call with one of its custom errors. */
export class DocumentsRevertedError extends CivitasError {
  override name = "DocumentsRevertedError";
  readonly contract: string;
  readonly functionName: string;
  readonly errorName: string;
  readonly args: readonly unknown[];
  constructor(p: {
    contract: string;
    functionName: string;
    errorName: string;
    args: readonly unknown[];
    cause?: unknown;
  }) {
    const args = p.args.map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ");
    super("DOCUMENTS_REVERTED", `${p.contract}.${p.functionName} reverted: ${p.errorName}(${args})`, {
      cause: p.cause,
    });
    this.contract = p.contract;
    this.functionName = p.functionName;
    this.errorName = p.errorName;
    this.args = p.args;
  }
}

/** The errors a documents write can end with. */
export type DocumentsWriteErrorType = DocumentsRevertedError | AccountMissingError | BaseError;

/** A contract the documents writes go to. */
export interface DocumentsContract {
  readonly name: string;
  readonly address: Address;
  // biome-ignore lint/suspicious/noExplicitAny: each contract's ABI; the caller's function name and args are checked by encodeFunctionData at run time
  readonly abi: any;
}

function toDocumentsError(error: unknown, contract: DocumentsContract, functionName: string): unknown {
  if (!(error instanceof BaseError)) return error;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || reverted.data?.errorName === undefined)
    return error;
  return new DocumentsRevertedError({
    contract: contract.name,
    functionName,
    errorName: reverted.data.errorName,
    args: reverted.data.args ?? [],
    cause: error,
  });
}

/**
 * Sends a transaction to a documents contract from the client's account: simulated first (so a
 * refusal is reported, decoded, before anything is signed), then sent; waits for the receipt.
 */
export async function writeDocuments(
  client: DocumentsClient,
  contract: DocumentsContract,
  functionName: string,
  args: readonly unknown[],
): Promise<DocumentsWriteResult> {
  return checkedWrite(
    client,
    { address: contract.address, abi: contract.abi, functionName, args },
    (err) => toDocumentsError(err, contract, functionName),
    (err) => err instanceof DocumentsRevertedError,
    (hash) =>
      new CivitasError(
        "TRANSACTION_REVERTED",
        `${contract.name}.${functionName} transaction ${hash} reverted.`,
      ),
  );
}

/** The TrustedIssuers contract a client talks to. */
export function trustedIssuersContract(client: DocumentsClient): DocumentsContract {
  return {
    name: "TrustedIssuers",
    address: client.trustedIssuers ?? TRUSTED_ISSUERS_ADDRESS,
    abi: TrustedIssuers.abi,
  };
}

const unixSeconds = (value: Date | bigint | undefined): bigint =>
  value === undefined ? 0n : value instanceof Date ? BigInt(Math.floor(value.getTime() / 1000)) : value;

// ------------------------------------------------------- accrediting bodies

export type ProposeAccreditingBodyParameters = { body: Address; remove?: boolean | undefined };
export type ProposeAccreditingBodyReturnType = DocumentsWriteResult & { proposalId: Hex };
export type ProposeAccreditingBodyErrorType = DocumentsWriteErrorType;

/**
 * Proposes adding (or removing) an accrediting body: a governance proposal of the TrustedIssuers
 * registry (sender: a network admin; the proposal needs the registry's quorum of admins).
 */
export async function proposeAccreditingBody(
  client: DocumentsClient,
  { body, remove }: ProposeAccreditingBodyParameters,
): Promise<ProposeAccreditingBodyReturnType> {
  const contract = trustedIssuersContract(client);
  const data = encodeFunctionData({
    abi: TrustedIssuers.abi,
    functionName: remove === true ? "removeAccreditingBody" : "addAccreditingBody",
    args: [body],
  });
  const result = await writeDocuments(client, contract, "proposeGovernance", [data]);
  const [event] = parseEventLogs({
    abi: TrustedIssuers.abi,
    logs: result.receipt.logs,
    eventName: "GovernanceProposed",
  });
  if (event === undefined)
    throw new CivitasError("TRANSACTION_REVERTED", "proposeGovernance emitted no proposal");
  return { ...result, proposalId: event.args.id };
}

export type GovernanceProposalParameters = { proposalId: Hex };

/** Approves a TrustedIssuers governance proposal (sender: another network admin). */
export function approveIssuersGovernance(
  client: DocumentsClient,
  { proposalId }: GovernanceProposalParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(client, trustedIssuersContract(client), "approveGovernance", [
    toBytes32(proposalId, "proposal id"),
  ]);
}

/** Executes a TrustedIssuers governance proposal once the quorum approved it (sender: a network admin). */
export function executeIssuersGovernance(
  client: DocumentsClient,
  { proposalId }: GovernanceProposalParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(client, trustedIssuersContract(client), "executeGovernance", [
    toBytes32(proposalId, "proposal id"),
  ]);
}

// ------------------------------------------------------ issuers, operators

export type RegisterIssuerParameters = { issuerId: Identifier; operators: readonly Address[] };

/** Registers an issuer with its first operators (sender: an accrediting body). */
export function registerIssuer(
  client: DocumentsClient,
  p: RegisterIssuerParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(client, trustedIssuersContract(client), "registerIssuer", [
    toIdentifier(p.issuerId),
    [...p.operators],
  ]);
}

export type IssuerOperatorParameters = {
  issuerId: Identifier;
  account: Address;
  remove?: boolean | undefined;
};

/** Adds (or with `remove`, removes) an operator of an issuer (sender: an operator or an accrediting body). */
export function setIssuerOperator(
  client: DocumentsClient,
  p: IssuerOperatorParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(
    client,
    trustedIssuersContract(client),
    p.remove === true ? "removeOperator" : "addOperator",
    [toIdentifier(p.issuerId), p.account],
  );
}

// ---------------------------------------------------------------- keys

export type AddIssuerKeyParameters = {
  issuerId: Identifier;
  /** The key's RFC 7638 JWK SHA-256 thumbprint, as bytes32. */
  keyId: Hex;
  /** Default: now (block time). May not lie in the past. */
  validFrom?: Date | bigint | undefined;
  validUntil: Date | bigint;
};

/** Adds a signing key of an issuer, valid in [validFrom, validUntil) (sender: an operator). */
export function addIssuerKey(
  client: DocumentsClient,
  p: AddIssuerKeyParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(client, trustedIssuersContract(client), "addKey", [
    toIdentifier(p.issuerId),
    toBytes32(p.keyId, "keyId"),
    unixSeconds(p.validFrom),
    unixSeconds(p.validUntil),
  ]);
}

export type RevokeIssuerKeyParameters = {
  issuerId: Identifier;
  keyId: Hex;
  /** Revoked from this time on (default: now); documents anchored before it stay valid. */
  at?: Date | bigint | undefined;
};

/** Revokes an issuer key from a time on (sender: an operator). */
export function revokeIssuerKey(
  client: DocumentsClient,
  p: RevokeIssuerKeyParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(client, trustedIssuersContract(client), "revokeKey", [
    toIdentifier(p.issuerId),
    toBytes32(p.keyId, "keyId"),
    unixSeconds(p.at),
  ]);
}

// ------------------------------------------------------- accreditations

export type GrantAccreditationParameters = {
  issuerId: Identifier;
  /** The document type, e.g. `ResidenceCertificate` (as a bytes32 identifier). */
  docType: Identifier;
  from?: Date | bigint | undefined;
  until: Date | bigint;
};

/** Accredits an issuer for a document type in [from, until) (sender: an accrediting body). */
export function grantAccreditation(
  client: DocumentsClient,
  p: GrantAccreditationParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(client, trustedIssuersContract(client), "grantAccreditation", [
    toIdentifier(p.issuerId),
    toIdentifier(p.docType),
    unixSeconds(p.from),
    unixSeconds(p.until),
  ]);
}

export type WithdrawAccreditationParameters = {
  issuerId: Identifier;
  docType: Identifier;
  at?: Date | bigint | undefined;
};

/** Ends an issuer's accreditation for a type at `at` (default now) (sender: an accrediting body). */
export function withdrawAccreditation(
  client: DocumentsClient,
  p: WithdrawAccreditationParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(client, trustedIssuersContract(client), "withdrawAccreditation", [
    toIdentifier(p.issuerId),
    toIdentifier(p.docType),
    unixSeconds(p.at),
  ]);
}

// ---------------------------------------------------------------- reads

/** An issuer key's record (times in unix seconds; revokedAt 0 while not revoked). */
export type IssuerKey = { validFrom: bigint; validUntil: bigint; revokedAt: bigint; addedAt: bigint };

/** A key's record, or undefined if the issuer has no such key. */
export async function getIssuerKey(
  client: DocumentsClient,
  p: { issuerId: Identifier; keyId: Hex },
): Promise<IssuerKey | undefined> {
  const k = await readContract(client, {
    address: trustedIssuersContract(client).address,
    abi: TrustedIssuers.abi,
    functionName: "keyOf",
    args: [toIdentifier(p.issuerId), toBytes32(p.keyId, "keyId")],
  });
  return k.addedAt === 0n ? undefined : { ...k };
}

/** An accreditation window and the body that granted it. */
export type Accreditation = { from: bigint; until: bigint; body: Address };

/** Every accreditation window of an issuer for a type, in the order granted. */
export async function getAccreditations(
  client: DocumentsClient,
  p: { issuerId: Identifier; docType: Identifier },
): Promise<Accreditation[]> {
  const windows = await readContract(client, {
    address: trustedIssuersContract(client).address,
    abi: TrustedIssuers.abi,
    functionName: "accreditationOf",
    args: [toIdentifier(p.issuerId), toIdentifier(p.docType)],
  });
  return windows.map((w) => ({ ...w }));
}

/** An issuer's record, or undefined if unknown. */
export async function getIssuer(
  client: DocumentsClient,
  p: { issuerId: Identifier },
): Promise<{ registeredAt: bigint; registeredBy: Address; operatorCount: number } | undefined> {
  const issuer = await readContract(client, {
    address: trustedIssuersContract(client).address,
    abi: TrustedIssuers.abi,
    functionName: "issuerOf",
    args: [toIdentifier(p.issuerId)],
  });
  return issuer.registeredAt === 0n ? undefined : { ...issuer };
}

/** Whether `account` may act for the issuer now (an operator and an active registry member). */
export function isIssuerOperator(
  client: DocumentsClient,
  p: { issuerId: Identifier; account: Address },
): Promise<boolean> {
  return readContract(client, {
    address: trustedIssuersContract(client).address,
    abi: TrustedIssuers.abi,
    functionName: "isOperator",
    args: [toIdentifier(p.issuerId), p.account],
  });
}

/** Whether `account` is an accrediting body. */
export function isAccreditingBody(client: DocumentsClient, p: { account: Address }): Promise<boolean> {
  return readContract(client, {
    address: trustedIssuersContract(client).address,
    abi: TrustedIssuers.abi,
    functionName: "isAccreditingBody",
    args: [p.account],
  });
}
