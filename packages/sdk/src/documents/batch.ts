// A batch: documents signed one by one, their JWS hashes as the leaves of one Merkle tree, whose
// root the issuer anchors in one transaction. Each document travels in a bundle beside its JWS:
// the Merkle proof cannot live inside the credential, since the root is computed from the signed
// credential itself.
import type { Address, Hex } from "viem";
import { InvalidArgumentError } from "../errors/civitasError.ts";
import { toIdentifier } from "../utils/identifiers.ts";
import { createCredential } from "./credential.ts";
import type { IssuerSigningKey } from "./issuer.ts";
import { createCredentialSigner } from "./issuer.ts";
import { type P256PublicJwk, toHexFast } from "./jws.ts";
import type { DocumentKind } from "./kinds.ts";
import { buildMerkleTree, documentLeaf } from "./merkle.ts";
import type { StatusIndexAllocator } from "./statusList.ts";

/** Where and when a batch root was anchored (informative: the verifier asks the chain). */
export interface BatchAnchor {
  readonly chainId: number;
  readonly documentRegistry: Address;
  readonly transactionHash: Hex;
  readonly blockNumber: string;
}

/** What the holder keeps: the credential's JWS and what a verifier needs beside it. */
export interface DocumentBundle {
  readonly type: "CivitasDocumentBundle";
  readonly version: 1;
  /** The credential, secured as a compact JWS (VC-JOSE-COSE, vc+jwt, ES256). */
  readonly credential: string;
  /** The issuer's public key (its thumbprint is the JWS kid and the on-chain keyId). */
  readonly issuerKey: P256PublicJwk;
  readonly batch: {
    readonly root: Hex;
    readonly size: number;
    /** keccak256(sha256(JWS)): the document's leaf. */
    readonly leaf: Hex;
    /** Sibling hashes from the document's leaf to the root. */
    readonly proof: readonly Hex[];
    readonly anchor?: BatchAnchor;
  };
}

/** One document of a batch. */
export interface BatchDocument {
  readonly kind: DocumentKind;
  readonly subject: unknown;
  readonly id?: string | undefined;
  readonly validFrom?: Date | undefined;
  readonly validUntil?: Date | undefined;
}

export interface IssueBatchParameters {
  /** The issuer's on-chain identifier (short name or bytes32 hex). */
  readonly issuerId: string;
  readonly issuerName?: string | undefined;
  readonly key: IssuerSigningKey;
  /** The issuer's status index allocator (its bitmap must be saved afterwards). */
  readonly statusIndexes: Pick<StatusIndexAllocator, "next">;
  readonly documents: readonly BatchDocument[];
}

export interface IssuedBatch {
  readonly issuerId: Hex;
  readonly root: Hex;
  readonly count: number;
  /** In input order; anchor the root, then `withAnchor` records where. Built on first access. */
  readonly bundles: readonly DocumentBundle[];
  /** The bundle of the document at `index` (input order), without building the others'. */
  bundle(index: number): DocumentBundle;
  readonly statusIndexes: readonly number[];
}

/** Signs every document, builds the batch's Merkle tree and each document's bundle (nothing is sent). */
export function issueBatch(p: IssueBatchParameters): IssuedBatch {
  if (p.documents.length === 0) throw new InvalidArgumentError("a batch needs at least one document");
  const issuerId = toIdentifier(p.issuerId);
  const sign = createCredentialSigner(p.key);
  const statusIndexes: number[] = [];
  const jwss = p.documents.map((d) => {
    const statusIndex = p.statusIndexes.next();
    statusIndexes.push(statusIndex);
    return sign(
      createCredential({
        kind: d.kind,
        issuerId,
        issuerName: p.issuerName,
        subject: d.subject,
        statusIndex,
        id: d.id,
        validFrom: d.validFrom,
        validUntil: d.validUntil,
      }),
    );
  });
  const leaves = jwss.map(documentLeaf);
  const tree = buildMerkleTree(leaves);
  const bundle = (i: number): DocumentBundle => {
    if (!Number.isInteger(i) || i < 0 || i >= jwss.length)
      throw new InvalidArgumentError(`no document ${i} in a batch of ${jwss.length}`);
    return {
      type: "CivitasDocumentBundle",
      version: 1,
      credential: jwss[i]!,
      issuerKey: p.key.publicJwk,
      batch: { root: tree.root, size: tree.size, leaf: toHexFast(leaves[i]!), proof: tree.proof(i) },
    };
  };
  // Proofs are hex strings: a batch's bundles are built only when asked for (a benchmark or a
  // service keeping the root and a few bundles does not pay for all of them).
  let bundles: DocumentBundle[] | undefined;
  return {
    issuerId,
    root: tree.root,
    count: tree.size,
    get bundles() {
      bundles ??= jwss.map((_, i) => bundle(i));
      return bundles;
    },
    bundle,
    statusIndexes,
  };
}

/** The bundles with where their root was anchored. */
export function withAnchor(bundles: readonly DocumentBundle[], anchor: BatchAnchor): DocumentBundle[] {
  return bundles.map((b) => ({ ...b, batch: { ...b.batch, anchor } }));
}

/** Reads a bundle from JSON (or a bare object); InvalidArgumentError when its shape is wrong. */
export function readBundle(value: unknown): DocumentBundle {
  const b = (typeof value === "string" ? JSON.parse(value) : value) as Partial<DocumentBundle> | null;
  if (
    typeof b !== "object" ||
    b === null ||
    b.type !== "CivitasDocumentBundle" ||
    b.version !== 1 ||
    typeof b.credential !== "string" ||
    typeof b.issuerKey !== "object" ||
    typeof b.batch !== "object" ||
    b.batch === null ||
    typeof b.batch.root !== "string" ||
    typeof b.batch.leaf !== "string" ||
    !Array.isArray(b.batch.proof)
  )
    throw new InvalidArgumentError(
      "not a document bundle (type CivitasDocumentBundle, version 1, credential, issuerKey, batch.root, batch.leaf, batch.proof)",
    );
  return b as DocumentBundle;
}
