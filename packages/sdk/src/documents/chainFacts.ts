// What the chain says about one official document, read online (eth_call at one block) or offline
// from a saved chain proof (see chainProof.ts).
//
// Interface change from the agreed draft: `readDocumentFactsFromProof` returns a Promise. The
// proof's Merkle-Patricia account and storage proofs are checked with @ethereumjs/mpt, whose
// verification is asynchronous. A proof object is verified once per trust setting and the result
// kept, so reading the facts of many documents from one proof costs one verification
// (`verifyChainProof` + `factsFromVerifiedProof` do the same explicitly, the second synchronously).
// `trust` may also name the contracts' addresses (default: the fixed genesis addresses).
import { DOCUMENT_REGISTRY_ADDRESS, DocumentRegistry, STATUS_LIST_SIZE } from "@civitas/contracts";
import type { Address, BlockNumber, BlockTag, Client, Hex } from "viem";
import { getBlock, readContract } from "viem/actions";
import { InvalidArgumentError } from "../errors/civitasError.ts";

export {
  type ChainProof,
  type ChainProofAccount,
  type ChainProofTrust,
  type CreateChainProofOptions,
  createChainProof,
  factsFromVerifiedProof,
  readDocumentFactsFromProof,
  type VerifiedChainProof,
  verifyChainProof,
} from "./chainProof.ts";

/** One document, as a verifier asks the chain about it. */
export interface DocumentFactsQuery {
  /** The Merkle root of the document's batch. */
  readonly root: Hex;
  /** The issuer the document names (bytes32). */
  readonly issuerId: Hex;
  /** The signing key: the RFC 7638 thumbprint of its JWK, as bytes32. */
  readonly keyId: Hex;
  /** The document type (bytes32). */
  readonly docType: Hex;
  /** The document's entry in the issuer's status lists (the same index in both). */
  readonly statusIndex: number;
}

/** What the chain says about a document, at one block. */
export interface DocumentChainFacts {
  /** The batch's anchor; undefined if the root was never anchored. */
  readonly anchor:
    | { readonly issuerId: Hex; readonly anchoredAt: bigint; readonly count: number }
    | undefined;
  /** Whether the queried issuer's key was valid at the anchor's time (false without an anchor). */
  readonly keyValidAtAnchor: boolean;
  /** Whether the queried issuer was accredited for the type at the anchor's time (false without an anchor). */
  readonly accreditedAtAnchor: boolean;
  readonly revoked: boolean;
  readonly suspended: boolean;
  /** The block the facts were read at, and its time (unix seconds). */
  readonly blockNumber: bigint;
  readonly blockTimestamp: bigint;
}

/** Where the documents contracts are (default: their fixed genesis addresses). */
export interface DocumentContracts {
  /** The DocumentRegistry. */
  readonly documents?: Address | undefined;
  /** The TrustedIssuers registry. */
  readonly issuers?: Address | undefined;
}

/** Options of the online reads: the contracts and the block (default: the latest). */
export type ReadDocumentFactsOptions = DocumentContracts & {
  readonly blockNumber?: bigint | undefined;
};

/** Queries per eth_call of `documentFactsBatch` (bounds the call's size). */
const FACTS_PER_CALL = 500;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** Checks a query's fields (bytes32 hex, an index inside the status lists); throws InvalidArgumentError. */
export function checkFactsQuery(q: DocumentFactsQuery): void {
  for (const field of ["root", "issuerId", "keyId", "docType"] as const) {
    if (typeof q[field] !== "string" || !BYTES32.test(q[field]))
      throw new InvalidArgumentError(`${field} must be 32 bytes of 0x hex, got '${String(q[field])}'`);
  }
  if (!Number.isInteger(q.statusIndex) || q.statusIndex < 0 || q.statusIndex >= STATUS_LIST_SIZE)
    throw new InvalidArgumentError(
      `statusIndex must be an integer in [0, ${STATUS_LIST_SIZE}), got ${String(q.statusIndex)}`,
    );
}

/** The facts of an anchor word pair and the queried flags, in the shared shape. */
export function toDocumentChainFacts(
  raw: {
    anchor: { issuerId: Hex; anchoredAt: bigint; count: number };
    keyValidAtAnchor: boolean;
    accreditedAtAnchor: boolean;
    revoked: boolean;
    suspended: boolean;
  },
  block: { number: bigint; timestamp: bigint },
): DocumentChainFacts {
  return {
    anchor:
      raw.anchor.anchoredAt === 0n
        ? undefined
        : { issuerId: raw.anchor.issuerId, anchoredAt: raw.anchor.anchoredAt, count: raw.anchor.count },
    keyValidAtAnchor: raw.keyValidAtAnchor,
    accreditedAtAnchor: raw.accreditedAtAnchor,
    revoked: raw.revoked,
    suspended: raw.suspended,
    blockNumber: block.number,
    blockTimestamp: block.timestamp,
  };
}

async function factsBlock(client: Client, blockNumber: bigint | undefined) {
  const block = await getBlock(
    client,
    blockNumber === undefined
      ? { blockTag: "latest" as BlockTag }
      : { blockNumber: blockNumber as BlockNumber },
  );
  if (block.number === null) throw new InvalidArgumentError("the node returned a pending block");
  return { number: block.number, timestamp: block.timestamp };
}

/**
 * Reads what the chain says about a document (anchor, key and accreditation at the anchor's time,
 * status bits) in one call of the DocumentRegistry's `documentFacts`, at one block. Key validity and
 * accreditation come from the TrustedIssuers registry the DocumentRegistry was built with.
 */
export async function readDocumentFacts(
  client: Client,
  q: DocumentFactsQuery,
  o: ReadDocumentFactsOptions = {},
): Promise<DocumentChainFacts> {
  const [facts] = await readDocumentFactsBatch(client, [q], o);
  return facts as DocumentChainFacts;
}

/** {@link readDocumentFacts} for many documents, all at the same block, a few hundred per call. */
export async function readDocumentFactsBatch(
  client: Client,
  queries: readonly DocumentFactsQuery[],
  o: ReadDocumentFactsOptions = {},
): Promise<DocumentChainFacts[]> {
  for (const q of queries) checkFactsQuery(q);
  const block = await factsBlock(client, o.blockNumber);
  const address = o.documents ?? DOCUMENT_REGISTRY_ADDRESS;
  const out: DocumentChainFacts[] = [];
  for (let i = 0; i < queries.length; i += FACTS_PER_CALL) {
    const chunk = queries.slice(i, i + FACTS_PER_CALL);
    const raw = await readContract(client, {
      address,
      abi: DocumentRegistry.abi,
      functionName: "documentFactsBatch",
      args: [chunk.map((q) => ({ ...q }))],
      blockNumber: block.number,
    });
    for (const r of raw) out.push(toDocumentChainFacts(r, block));
  }
  return out;
}
