// Verification anyone can run: the JWS signature with the issuer's key, the document's leaf and
// Merkle proof up to a root, and what the chain says about that root, the issuer and the status
// bits (online through RPC, or offline from a saved chain proof), then the validity window. The
// report lists every check and stops at the first failure, with its exact reason.
import { bytesToHex, type Client, type Hex } from "viem";
import { identifierToString } from "../utils/identifiers.ts";
import { type DocumentBundle, readBundle } from "./batch.ts";
import {
  type DocumentChainFacts,
  type DocumentFactsQuery,
  type ReadDocumentFactsOptions,
  readDocumentFactsBatch,
} from "./chainFacts.ts";
import { type CredentialFacts, readCredential } from "./credential.ts";
import {
  JWS_ALGORITHM,
  JWS_TYPE,
  type JwsVerifier,
  keyIdentifiers,
  type P256PublicJwk,
  type ParsedJws,
  parseJws,
  toP256PublicJwk,
  webCryptoJwsVerifier,
} from "./jws.ts";
import { docTypeOf } from "./kinds.ts";
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

/**
 * Online facts by RPC: the queries of verifications running at the same time are read together,
 * in `documentFactsBatch` calls at one block (one round trip for hundreds of documents).
 */
export function onlineDocumentFacts(client: Client, o: ReadDocumentFactsOptions = {}): DocumentFactsSource {
  let queue: {
    query: DocumentFactsQuery;
    resolve: (f: DocumentChainFacts) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const flush = () => {
    const pending = queue;
    queue = [];
    readDocumentFactsBatch(
      client,
      pending.map((p) => p.query),
      o,
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
  const step = async <T>(name: DocumentCheckName, body: () => T | Promise<T>): Promise<T> => {
    current = name;
    return body();
  };
  const fail = (reason: string): never => {
    throw new CheckFailed(reason);
  };

  try {
    const { bundle, jws } = await step("format", () => {
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

    const { key, keyId } = await step("issuerKey", () => {
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

    await step("signature", async () => {
      const verifier = options.verifier ?? webCryptoJwsVerifier();
      if (jws.signature.length !== 64 || !(await verifier.verify(key, jws.signingInput, jws.signature)))
        fail("signature does not verify");
      pass("signature");
    });

    const facts: CredentialFacts = await step("credential", () => {
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

    const leaf = await step("documentHash", () => {
      const leaf = documentLeaf(bundle.credential);
      if (bundle.batch.leaf.toLowerCase() !== bytesToHex(leaf)) fail("document hash does not match the leaf");
      pass("documentHash", bytesToHex(leaf));
      return leaf;
    });

    const root = await step("merkleProof", () => {
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

    const chain = await step("anchor", async () => {
      let chain: DocumentChainFacts;
      try {
        chain = await options.facts({
          root,
          issuerId: facts.issuerId,
          keyId,
          docType: docTypeOf(facts.kind),
          statusIndex: facts.statusIndex,
        });
      } catch (err) {
        return fail(`cannot read the chain's facts: ${(err as Error).message}`);
      }
      report = { ...report, chain: { blockNumber: chain.blockNumber, blockTimestamp: chain.blockTimestamp } };
      const anchor = chain.anchor;
      if (anchor === undefined) return fail(`Merkle proof does not lead to an anchored root (root ${root})`);
      if (anchor.issuerId.toLowerCase() !== facts.issuerId.toLowerCase())
        fail(
          `root ${root} was anchored by issuer ${identifierToString(anchor.issuerId)}, not by ${identifierToString(facts.issuerId)}`,
        );
      report = { ...report, anchoredAt: iso(anchor.anchoredAt) };
      pass("anchor", `at ${iso(anchor.anchoredAt)} in a batch of ${anchor.count}`);
      return { ...chain, anchor };
    });
    const anchoredAt = iso(chain.anchor.anchoredAt);

    await step("accreditation", () => {
      if (!chain.accreditedAtAnchor) fail(`issuer not accredited for ${facts.kind.type} at ${anchoredAt}`);
      pass("accreditation");
    });
    await step("keyValidity", () => {
      if (!chain.keyValidAtAnchor) fail(`issuer key ${kid} not valid at ${anchoredAt}`);
      pass("keyValidity");
    });
    await step("revocation", () => {
      if (chain.revoked) fail(`revoked (status list index ${facts.statusIndex})`);
      pass("revocation", `index ${facts.statusIndex} at block ${chain.blockNumber}`);
    });
    await step("suspension", () => {
      if (chain.suspended) fail(`suspended (status list index ${facts.statusIndex})`);
      pass("suspension", `index ${facts.statusIndex} at block ${chain.blockNumber}`);
    });
    await step("validFrom", () => {
      if (facts.validFrom.getTime() > at.getTime()) fail(`not valid before ${facts.credential.validFrom}`);
      pass("validFrom", facts.credential.validFrom);
    });
    await step("validUntil", () => {
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
