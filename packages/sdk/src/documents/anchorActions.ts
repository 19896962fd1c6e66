// Actions on the DocumentRegistry: anchoring a batch's Merkle root, setting status-list entries
// (revoke, suspend, resume), and reading anchors and lists.
import {
  DOCUMENT_REGISTRY_ADDRESS,
  DocumentRegistry,
  STATUS_LIST_SIZE,
  StatusPurpose,
} from "@civitas/contracts";
import { type Hex, numberToBytes, parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import { InvalidArgumentError } from "../errors/civitasError.ts";
import { type Identifier, toBytes32, toIdentifier } from "../utils/identifiers.ts";
import {
  type DocumentsClient,
  type DocumentsContract,
  type DocumentsWriteErrorType,
  type DocumentsWriteResult,
  writeDocuments,
} from "./issuersActions.ts";

/** The DocumentRegistry a client talks to. */
export function documentRegistryContract(client: DocumentsClient): DocumentsContract {
  return {
    name: "DocumentRegistry",
    address: client.documents ?? DOCUMENT_REGISTRY_ADDRESS,
    abi: DocumentRegistry.abi,
  };
}

/** A status list, by name. */
export type StatusPurposeName = "revocation" | "suspension";

function purposeNumber(purpose: StatusPurposeName): StatusPurpose {
  if (purpose === "revocation") return StatusPurpose.REVOCATION;
  if (purpose === "suspension") return StatusPurpose.SUSPENSION;
  throw new InvalidArgumentError(
    `status purpose must be 'revocation' or 'suspension', got '${String(purpose)}'`,
  );
}

function checkIndexes(indexes: readonly number[]): number[] {
  if (indexes.length === 0) throw new InvalidArgumentError("no status-list index was given");
  for (const i of indexes) {
    if (!Number.isInteger(i) || i < 0 || i >= STATUS_LIST_SIZE)
      throw new InvalidArgumentError(
        `a status-list index is an integer in [0, ${STATUS_LIST_SIZE}), got ${i}`,
      );
  }
  return [...indexes];
}

export type AnchorBatchParameters = { issuerId: Identifier; root: Hex; count: number };
export type AnchorBatchReturnType = DocumentsWriteResult & {
  root: Hex;
  anchoredAt: bigint;
  blockNumber: bigint;
};
export type AnchorBatchErrorType = DocumentsWriteErrorType | InvalidArgumentError;

/** Anchors a batch's Merkle root, one transaction per batch (sender: an operator of the issuer). */
export async function anchorBatch(
  client: DocumentsClient,
  p: AnchorBatchParameters,
): Promise<AnchorBatchReturnType> {
  if (!Number.isInteger(p.count) || p.count < 1 || p.count > 0xffffffff)
    throw new InvalidArgumentError(`a batch holds 1 to 2^32 - 1 documents, got ${p.count}`);
  const root = toBytes32(p.root, "Merkle root");
  const result = await writeDocuments(client, documentRegistryContract(client), "anchor", [
    toIdentifier(p.issuerId),
    root,
    p.count,
  ]);
  const [event] = parseEventLogs({
    abi: DocumentRegistry.abi,
    logs: result.receipt.logs,
    eventName: "BatchAnchored",
  });
  return {
    ...result,
    root,
    anchoredAt: event?.args.anchoredAt ?? 0n,
    blockNumber: result.receipt.blockNumber,
  };
}

export type SetDocumentStatusParameters = {
  issuerId: Identifier;
  purpose: StatusPurposeName;
  indexes: readonly number[];
  value: boolean;
};
export type SetDocumentStatusErrorType = DocumentsWriteErrorType | InvalidArgumentError;

/**
 * Sets or clears entries of an issuer's status list (sender: an operator). A revocation is final;
 * a suspension can be lifted.
 */
export function setDocumentStatus(
  client: DocumentsClient,
  p: SetDocumentStatusParameters,
): Promise<DocumentsWriteResult> {
  return writeDocuments(client, documentRegistryContract(client), "setStatus", [
    toIdentifier(p.issuerId),
    purposeNumber(p.purpose),
    checkIndexes(p.indexes),
    p.value,
  ]);
}

/** Revokes documents by their status-list indexes (final). */
export function revokeDocuments(
  client: DocumentsClient,
  p: { issuerId: Identifier; indexes: readonly number[] },
): Promise<DocumentsWriteResult> {
  return setDocumentStatus(client, { ...p, purpose: "revocation", value: true });
}

/** Suspends documents by their status-list indexes (until resumed). */
export function suspendDocuments(
  client: DocumentsClient,
  p: { issuerId: Identifier; indexes: readonly number[] },
): Promise<DocumentsWriteResult> {
  return setDocumentStatus(client, { ...p, purpose: "suspension", value: true });
}

/** Lifts the suspension of documents. */
export function resumeDocuments(
  client: DocumentsClient,
  p: { issuerId: Identifier; indexes: readonly number[] },
): Promise<DocumentsWriteResult> {
  return setDocumentStatus(client, { ...p, purpose: "suspension", value: false });
}

/** A batch's anchor. */
export type AnchorRecord = { issuerId: Hex; anchoredAt: bigint; blockNumber: bigint; count: number };

/** The anchor of a Merkle root, or undefined if it was never anchored. */
export async function getAnchor(
  client: DocumentsClient,
  p: { root: Hex },
): Promise<AnchorRecord | undefined> {
  const a = await readContract(client, {
    address: documentRegistryContract(client).address,
    abi: DocumentRegistry.abi,
    functionName: "anchorOf",
    args: [toBytes32(p.root, "Merkle root")],
  });
  return a.anchoredAt === 0n ? undefined : { ...a };
}

/** One entry of an issuer's status list. */
export function getDocumentStatus(
  client: DocumentsClient,
  p: { issuerId: Identifier; purpose: StatusPurposeName; index: number },
): Promise<boolean> {
  const [index] = checkIndexes([p.index]);
  return readContract(client, {
    address: documentRegistryContract(client).address,
    abi: DocumentRegistry.abi,
    functionName: "statusOf",
    args: [toIdentifier(p.issuerId), purposeNumber(p.purpose), index as number],
  });
}

/**
 * A whole status list as the W3C Bitstring Status List's bitstring (16 KiB, entry 0 in the most
 * significant bit of the first byte), ready to compress and publish in a status-list credential.
 */
export async function getStatusList(
  client: DocumentsClient,
  p: { issuerId: Identifier; purpose: StatusPurposeName },
): Promise<Uint8Array> {
  const words = (await readContract(client, {
    address: documentRegistryContract(client).address,
    abi: DocumentRegistry.abi,
    functionName: "statusList",
    args: [toIdentifier(p.issuerId), purposeNumber(p.purpose)],
  })) as readonly bigint[];
  const out = new Uint8Array(words.length * 32);
  words.forEach((w, i) => {
    out.set(numberToBytes(w, { size: 32 }), i * 32);
  });
  return out;
}
