// Verification anyone can run: the JWS signature with the issuer's key, the document's leaf and
// Merkle proof up to a root, and what the chain says about that root, the issuer and the status
// bits (online through RPC, or offline from a saved chain proof), then the validity window. The
// report lists every check and stops at the first failure, with its exact reason.
import {
  DOCUMENT_REGISTRY_ADDRESS,
  DOCUMENTS_STORAGE,
  DocumentRegistry,
  STATUS_LIST_WORDS,
} from "@civitas/contracts";
import { type BlockTag, type Client, concatHex, type Hex, hexToBigInt, keccak256, numberToHex } from "viem";
import { getBlock, readContract } from "viem/actions";
import { InvalidArgumentError } from "../errors/civitasError.ts";
import { identifierToString } from "../utils/identifiers.ts";
import { type DocumentBundle, readBundle } from "./batch.ts";
import {
  checkFactsQuery,
  type DocumentChainFacts,
  type DocumentFactsQuery,
  type ReadDocumentFactsOptions,
  readDocumentFactsBatch,
} from "./chainFacts.ts";
import {
  type ChainProof,
  ChainProofError,
  type ChainProofTrust,
  factsFromVerifiedProof,
  type VerifiedChainProof,
  verifyChainProof,
} from "./chainProof.ts";
import { type CredentialFacts, readCredential } from "./credential.ts";
import {
  JWS_ALGORITHM,
  JWS_TYPE,
  type JwsVerifier,
  keyIdentifiers,
  type P256PublicJwk,
  type ParsedJws,
  parseJws,
  toHexFast,
  toP256PublicJwk,
  webCryptoJwsVerifier,
} from "./jws.ts";
import { type DocumentKind, docTypeOf } from "./kinds.ts";
import { documentLeaf, processProof } from "./merkle.ts";

/** The checks, in the order they run. */
export const DOCUMENT_CHECKS = [
  "format",
  "issuerKey",
  "signature",
  "credential",
  "documentHash",
  "merkleProof",
  "anchor",
  "accreditation",
  "keyValidity",
  "revocation",
  "suspension",
  "validFrom",
  "validUntil",
] as const;
export type DocumentCheckName = (typeof DOCUMENT_CHECKS)[number];

const DESCRIPTIONS: Record<DocumentCheckName, string> = {
  format: "bundle and compact JWS (ES256, vc+jwt)",
  issuerKey: "issuer key matches the JWS kid",
  signature: "JWS signature by the issuer key",
  credential: "W3C VC 2.0 document of a known kind",
  documentHash: "document hash matches the leaf",
  merkleProof: "Merkle proof leads to the batch root",
  anchor: "root anchored on chain by the issuer",
  accreditation: "issuer accredited for the type when anchored",
  keyValidity: "signing key valid when anchored",
  revocation: "revocation bit clear",
  suspension: "suspension bit clear",
  validFrom: "valid from",
  validUntil: "not expired",
};

export interface DocumentCheck {
  readonly name: DocumentCheckName;
  readonly description: string;
  readonly status: "passed" | "failed" | "skipped";
  /** What was found (passed) or the exact reason (failed). */
  readonly detail?: string;
}

/** Where the chain's facts come from: `onlineDocumentFacts`, `offlineDocumentFacts`, or your own. */
export type DocumentFactsSource = (
  query: DocumentFactsQuery,
) => DocumentChainFacts | Promise<DocumentChainFacts>;

export interface VerifyDocumentOptions {
  readonly facts: DocumentFactsSource;
  /** Signature checks (default WebCrypto; Node tooling may pass `nodeJwsVerifier()`). */
  readonly verifier?: JwsVerifier | undefined;
  /** The moment of the validity checks (default: now). */
  readonly at?: Date | undefined;
  /** The issuer's published key set: when given, the key is taken from it by kid, not from the bundle. */
  readonly issuerKeys?: readonly P256PublicJwk[] | undefined;
}

/** Queries of one issuer, in one flush, from which its status lists are read whole (2 × 16 KiB). */
const WHOLE_LIST_FROM = 64;

/**
 * Facts for many queries at one block, with what a batch shares read once: for an issuer with
 * many queries, one query per (root, key, type) goes to `documentFactsBatch` and the status bits
 * of all come from its two status lists, read whole at the same block; the rest are asked as they are.
 */
async function readFactsGrouped(
  client: Client,
  queries: readonly DocumentFactsQuery[],
  o: ReadDocumentFactsOptions,
  listCache: Map<string, Promise<readonly bigint[]>>,
): Promise<DocumentChainFacts[]> {
  const perIssuer = new Map<string, number>();
  for (const q of queries) {
    checkFactsQuery(q);
    const id = q.issuerId.toLowerCase();
    perIssuer.set(id, (perIssuer.get(id) ?? 0) + 1);
  }
  const bulk = (q: DocumentFactsQuery) => (perIssuer.get(q.issuerId.toLowerCase()) ?? 0) >= WHOLE_LIST_FROM;
  if (!queries.some(bulk)) return readDocumentFactsBatch(client, queries, o);
  const blockNumber =
    o.blockNumber ?? (await getBlock(client, { blockTag: "latest" as BlockTag })).number ?? undefined;
  if (blockNumber === undefined) throw new InvalidArgumentError("the node returned a pending block");
  const direct: DocumentFactsQuery[] = [];
  const directIndex = new Map<string, number>();
  const groupOf = (q: DocumentFactsQuery) => `${q.root}.${q.issuerId}.${q.keyId}.${q.docType}`.toLowerCase();
  const listsWanted = new Set<string>();
  const position = queries.map((q) => {
    if (!bulk(q)) return direct.push(q) - 1;
    listsWanted.add(q.issuerId.toLowerCase());
    const group = groupOf(q);
    let at = directIndex.get(group);
    if (at === undefined) {
      at = direct.push(q) - 1;
      directIndex.set(group, at);
    }
    return at;
  });
  const address = o.documents ?? DOCUMENT_REGISTRY_ADDRESS;
  // Status lists are kept for the latest block read (flushes within one block share them).
  const readList = (issuerId: string, purpose: 0 | 1) => {
    const id = `${address.toLowerCase()}.${blockNumber}.${issuerId}.${purpose}`;
    let list = listCache.get(id);
    if (list === undefined) {
      if (![...listCache.keys()].every((k) => k.split(".")[1] === String(blockNumber))) listCache.clear();
      list = readContract(client, {
        address,
        abi: DocumentRegistry.abi,
        functionName: "statusList",
        args: [issuerId as Hex, purpose],
        blockNumber,
      }) as Promise<readonly bigint[]>;
      listCache.set(id, list);
      list.catch(() => listCache.delete(id));
    }
    return list;
  };
  const [facts, lists] = await Promise.all([
    readDocumentFactsBatch(client, direct, { ...o, blockNumber }),
    Promise.all(
      [...listsWanted].map(
        async (id) => [id, await Promise.all([readList(id, 0), readList(id, 1)])] as const,
      ),
    ),
  ]);
  const listsOf = new Map(lists);
  const bit = (words: readonly bigint[], index: number) =>
    ((words[index >> 8]! >> BigInt(255 - (index & 255))) & 1n) === 1n;
  return queries.map((q, i) => {
    const shared = facts[position[i]!]!;
    if (!bulk(q)) return shared;
    const [revocation, suspension] = listsOf.get(q.issuerId.toLowerCase())!;
    return { ...shared, revoked: bit(revocation, q.statusIndex), suspended: bit(suspension, q.statusIndex) };
  });
}

/**
 * Online facts by RPC: the queries of verifications running at the same time are read together,
 * at one block: in `documentFactsBatch` calls (one round trip for hundreds of documents), and for
 * an issuer with many of them, once per batch plus its status lists read whole.
 */
export function onlineDocumentFacts(client: Client, o: ReadDocumentFactsOptions = {}): DocumentFactsSource {
  let queue: {
    query: DocumentFactsQuery;
    resolve: (f: DocumentChainFacts) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const lists = new Map<string, Promise<readonly bigint[]>>();
  const flush = () => {
    const pending = queue;
    queue = [];
    readFactsGrouped(
      client,
      pending.map((p) => p.query),
      o,
      lists,
    ).then(
      (facts) => {
        for (const [i, p] of pending.entries()) p.resolve(facts[i]!);
      },
      (err: unknown) => {
        for (const p of pending) p.reject(err);
      },
    );
  };
  return (query) =>
    new Promise((resolve, reject) => {
      if (queue.length === 0) setTimeout(flush, 0);
      queue.push({ query, resolve, reject });
    });
}

/**
 * The facts of documents from a verified chain proof, synchronously. What a batch's documents
 * share (anchor, key validity and accreditation at the anchor's time) is read once per root,
 * issuer, key and type with `factsFromVerifiedProof`; each further document of the batch costs
 * only its two status words (the DocumentRegistry layout: keccak256(issuerId . status) +
 * STATUS_LIST_WORDS·purpose + index div 256, entry in bit 255 − index mod 256). Answers exactly
 * as `factsFromVerifiedProof`, refusing a status entry the proof does not cover.
 */
export function verifiedProofFacts(
  verified: VerifiedChainProof,
): (query: DocumentFactsQuery) => DocumentChainFacts {
  const batches = new Map<string, DocumentChainFacts>();
  const statusLists = new Map<string, bigint>();
  const statusBit = (issuerId: Hex, purpose: 0 | 1, index: number): boolean => {
    const id = issuerId.toLowerCase();
    let list = statusLists.get(id);
    if (list === undefined) {
      list = hexToBigInt(
        keccak256(
          concatHex([id as Hex, numberToHex(DOCUMENTS_STORAGE.documentRegistry.status, { size: 32 })]),
        ),
      );
      statusLists.set(id, list);
    }
    const word = verified.documents.get(list + BigInt(STATUS_LIST_WORDS * purpose + (index >> 8)));
    if (word === undefined) throw new ChainProofError(`the proof does not cover status entry ${index}`);
    return ((word >> BigInt(255 - (index & 255))) & 1n) === 1n;
  };
  return (q) => {
    checkFactsQuery(q);
    const id = `${q.root}.${q.issuerId}.${q.keyId}.${q.docType}`.toLowerCase();
    const shared = batches.get(id);
    if (shared === undefined) {
      const facts = factsFromVerifiedProof(verified, q);
      batches.set(id, facts);
      return facts;
    }
    return {
      ...shared,
      revoked: statusBit(q.issuerId, 0, q.statusIndex),
      suspended: statusBit(q.issuerId, 1, q.statusIndex),
    };
  };
}

/**
 * Offline facts from a saved chain proof: the proof is checked once against `trust` (header hash,
 * a quorum of commit seals, account and storage proofs), then each document's facts are read from
 * it with {@link verifiedProofFacts}. A proof that fails its checks fails every verification.
 */
export function offlineDocumentFacts(proof: ChainProof, trust: ChainProofTrust): DocumentFactsSource {
  let verified: Promise<(query: DocumentFactsQuery) => DocumentChainFacts> | undefined;
  let facts: ((query: DocumentFactsQuery) => DocumentChainFacts) | undefined;
  return (query) => {
    if (facts !== undefined) return facts(query);
    verified ??= verifyChainProof(proof, trust).then((v) => {
      facts = verifiedProofFacts(v);
      return facts;
    });
    return verified.then((read) => read(query));
  };
}

/** What a verification found. */
export interface DocumentVerificationReport {
  readonly valid: boolean;
  readonly checks: readonly DocumentCheck[];
  /** The first failed check and its reason. */
  readonly failure?: { readonly check: DocumentCheckName; readonly reason: string };
  /** What the document says, as far as it could be read. */
  readonly document?: {
    readonly id: string;
    readonly type: string;
    readonly issuerId: Hex;
    readonly keyId: Hex;
    readonly statusIndex: number;
    readonly validFrom: string;
    readonly validUntil?: string;
    /** Exam results still in their review window: final once `reviewUntil` passes without a new document. */
    readonly provisionalUntil?: string;
  };
  readonly root?: Hex;
  readonly anchoredAt?: string;
  /** The chain state the facts come from. */
  readonly chain?: { readonly blockNumber: bigint; readonly blockTimestamp: bigint };
}

let defaultVerifier: JwsVerifier | undefined;

// docTypeOf per kind, kept (a verifier sees a handful of kinds).
const docTypes = new Map<DocumentKind, Hex>();
function docTypeFor(kind: DocumentKind): Hex {
  let docType = docTypes.get(kind);
  if (docType === undefined) {
    docType = docTypeOf(kind);
    docTypes.set(kind, docType);
  }
  return docType;
}

/** A failed check: its reason becomes the report's failure. */
class CheckFailed extends Error {}

function iso(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, "Z");
}

/** Verifies one document bundle (object or JSON text) and reports every check. */
export async function verifyDocument(
  input: DocumentBundle | string | unknown,
  options: VerifyDocumentOptions,
): Promise<DocumentVerificationReport> {
  const checks: DocumentCheck[] = [];
  const at = options.at ?? new Date();
  let report: Omit<DocumentVerificationReport, "valid" | "checks" | "failure"> = {};
  let current: DocumentCheckName = "format";
  const pass = (name: DocumentCheckName, detail?: string) => {
    checks.push({ name, description: DESCRIPTIONS[name], status: "passed", ...(detail ? { detail } : {}) });
  };
  // Checks run synchronously; only the signature and the chain's facts may be awaited.
  const step = <T>(name: DocumentCheckName, body: () => T): T => {
    current = name;
    return body();
  };
  const fail = (reason: string): never => {
    throw new CheckFailed(reason);
  };

  try {
    const { bundle, jws } = step("format", () => {
      let bundle: DocumentBundle;
      let jws: ParsedJws;
      try {
        bundle = readBundle(input);
        jws = parseJws(bundle.credential);
      } catch (err) {
        return fail((err as Error).message);
      }
      if (jws.header.alg !== JWS_ALGORITHM)
        fail(`the JWS alg is ${String(jws.header.alg)}, not ${JWS_ALGORITHM}`);
      if (jws.header.typ !== undefined && jws.header.typ !== JWS_TYPE)
        fail(`the JWS typ is ${String(jws.header.typ)}, not ${JWS_TYPE}`);
      if (typeof jws.header.kid !== "string") fail("the JWS header names no kid");
      if (jws.header.crit !== undefined)
        fail("the JWS has critical header parameters this verifier does not know");
      pass("format");
      return { bundle, jws };
    });
    const kid = jws.header.kid as string;

    const { key, keyId } = step("issuerKey", () => {
      let key: P256PublicJwk;
      if (options.issuerKeys !== undefined) {
        const found = options.issuerKeys.find((k) => keyIdentifiers(toP256PublicJwk(k)).kid === kid);
        if (found === undefined) fail(`key ${kid} is not in the issuer's published key set`);
        key = toP256PublicJwk(found);
      } else {
        try {
          key = toP256PublicJwk(bundle.issuerKey);
        } catch (err) {
          return fail((err as Error).message);
        }
      }
      const ids = keyIdentifiers(key);
      if (ids.kid !== kid) fail(`the issuer key's thumbprint ${ids.kid} is not the JWS kid ${kid}`);
      pass("issuerKey", `keyId ${ids.keyId}`);
      return { key, keyId: ids.keyId };
    });

    const signatureValid = step("signature", () => {
      // One default verifier for all calls: it keeps the imported issuer keys.
      if (options.verifier === undefined) defaultVerifier ??= webCryptoJwsVerifier();
      const verifier = options.verifier ?? (defaultVerifier as JwsVerifier);
      return jws.signature.length === 64 && verifier.verify(key, jws.signingInput, jws.signature);
    });
    if (!(signatureValid === true || (signatureValid !== false && (await signatureValid))))
      step("signature", () => fail("signature does not verify"));
    pass("signature");

    const facts: CredentialFacts = step("credential", () => {
      try {
        return readCredential(jws.payload);
      } catch (err) {
        return fail((err as Error).message);
      }
    });
    const validUntil = facts.credential.validUntil;
    const subject = facts.credential.credentialSubject;
    report = {
      document: {
        id: facts.credential.id,
        type: facts.kind.type,
        issuerId: facts.issuerId,
        keyId,
        statusIndex: facts.statusIndex,
        validFrom: facts.credential.validFrom,
        ...(validUntil !== undefined ? { validUntil } : {}),
        ...(subject.resultStatus === "provisional" && typeof subject.reviewUntil === "string"
          ? { provisionalUntil: subject.reviewUntil }
          : {}),
      },
    };
    pass("credential", `${facts.kind.type} ${facts.credential.id} by ${identifierToString(facts.issuerId)}`);

    const leaf = step("documentHash", () => {
      const leaf = documentLeaf(bundle.credential);
      const leafHex = toHexFast(leaf);
      if (bundle.batch.leaf.toLowerCase() !== leafHex) fail("document hash does not match the leaf");
      pass("documentHash", leafHex);
      return leaf;
    });

    const root = step("merkleProof", () => {
      let root: Hex;
      try {
        root = processProof(leaf, bundle.batch.proof);
      } catch (err) {
        return fail(`the Merkle proof is malformed: ${(err as Error).message}`);
      }
      if (root !== bundle.batch.root.toLowerCase())
        fail(`Merkle proof does not lead to the batch root ${bundle.batch.root} (it leads to ${root})`);
      pass("merkleProof", root);
      return root;
    });
    report = { ...report, root };

    current = "anchor";
    let chainFacts: DocumentChainFacts;
    try {
      const answer = options.facts({
        root,
        issuerId: facts.issuerId,
        keyId,
        docType: docTypeFor(facts.kind),
        statusIndex: facts.statusIndex,
      });
      chainFacts = answer instanceof Promise ? await answer : answer;
    } catch (err) {
      return step("anchor", () => fail(`cannot read the chain's facts: ${(err as Error).message}`));
    }
    const chain = step("anchor", () => {
      const chain = chainFacts;
      report = { ...report, chain: { blockNumber: chain.blockNumber, blockTimestamp: chain.blockTimestamp } };
      const anchor = chain.anchor;
      if (anchor === undefined) return fail(`Merkle proof does not lead to an anchored root (root ${root})`);
      if (anchor.issuerId.toLowerCase() !== facts.issuerId.toLowerCase())
        fail(
          `root ${root} was anchored by issuer ${identifierToString(anchor.issuerId)}, not by ${identifierToString(facts.issuerId)}`,
        );
      const anchoredAt = iso(anchor.anchoredAt);
      report = { ...report, anchoredAt };
      pass("anchor", `at ${anchoredAt} in a batch of ${anchor.count}`);
      return { ...chain, anchor, anchoredAt };
    });
    const { anchoredAt } = chain;

    step("accreditation", () => {
      if (!chain.accreditedAtAnchor) fail(`issuer not accredited for ${facts.kind.type} at ${anchoredAt}`);
      pass("accreditation");
    });
    step("keyValidity", () => {
      if (!chain.keyValidAtAnchor) fail(`issuer key ${kid} not valid at ${anchoredAt}`);
      pass("keyValidity");
    });
    step("revocation", () => {
      if (chain.revoked) fail(`revoked (status list index ${facts.statusIndex})`);
      pass("revocation", `index ${facts.statusIndex} at block ${chain.blockNumber}`);
    });
    step("suspension", () => {
      if (chain.suspended) fail(`suspended (status list index ${facts.statusIndex})`);
      pass("suspension", `index ${facts.statusIndex} at block ${chain.blockNumber}`);
    });
    step("validFrom", () => {
      if (facts.validFrom.getTime() > at.getTime()) fail(`not valid before ${facts.credential.validFrom}`);
      pass("validFrom", facts.credential.validFrom);
    });
    step("validUntil", () => {
      if (facts.validUntil !== undefined && facts.validUntil.getTime() <= at.getTime())
        fail(`expired at ${facts.credential.validUntil}`);
      pass("validUntil", facts.credential.validUntil ?? "no end");
    });
    return { valid: true, checks, ...report };
  } catch (err) {
    if (!(err instanceof CheckFailed)) throw err;
    const failed = current;
    checks.push({ name: failed, description: DESCRIPTIONS[failed], status: "failed", detail: err.message });
    for (const name of DOCUMENT_CHECKS.slice(DOCUMENT_CHECKS.indexOf(failed) + 1))
      checks.push({ name, description: DESCRIPTIONS[name], status: "skipped" });
    return { valid: false, checks, failure: { check: failed, reason: err.message }, ...report };
  }
}
