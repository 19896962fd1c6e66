// A W3C Verifiable Credential 2.0 for a Civitas document: the holder keeps it (personal data stays
// here, off chain); the chain only learns the hash of its JWS, inside a batch's Merkle root.
import type { Hex } from "viem";
import { InvalidArgumentError } from "../errors/civitasError.ts";
import { identifierToString, toIdentifier } from "../utils/identifiers.ts";
import { checkSubject, type DocumentKind, documentKind } from "./kinds.ts";
import { STATUS_LIST_SIZE, type StatusPurpose } from "./statusList.ts";

/** The VC 2.0 base context (its `@vocab` covers the document kinds' own terms). */
export const VC_CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2";
const ISSUER_PREFIX = "urn:civitas:issuer:";
const STATUS_PREFIX = "urn:civitas:status:";

/** A Bitstring Status List entry (W3C Bitstring Status List v1.0). */
export interface BitstringStatusListEntry {
  readonly id: string;
  readonly type: "BitstringStatusListEntry";
  readonly statusPurpose: StatusPurpose;
  readonly statusListIndex: string;
  readonly statusListCredential: string;
}

/** The credential a document's JWS carries as its payload. */
export interface DocumentCredential {
  readonly "@context": readonly string[];
  readonly id: string;
  readonly type: readonly string[];
  readonly issuer: { readonly id: string; readonly name?: string };
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly credentialSubject: Readonly<Record<string, unknown>>;
  readonly credentialStatus: readonly BitstringStatusListEntry[];
}

/** What a credential says, decoded for the verifier. */
export interface CredentialFacts {
  readonly credential: DocumentCredential;
  readonly kind: DocumentKind;
  readonly issuerId: Hex;
  readonly statusIndex: number;
  readonly validFrom: Date;
  readonly validUntil: Date | undefined;
}

// An issuer's identifier in its URNs, per identifier as given: an issuer signs thousands of
// documents and each names it three times (a bounded cache of a pure function).
const issuerNames = new Map<string, string>();

function issuerName(issuerId: string): string {
  let name = issuerNames.get(issuerId);
  if (name === undefined) {
    name = identifierToString(toIdentifier(issuerId));
    if (issuerNames.size >= 256) issuerNames.clear();
    issuerNames.set(issuerId, name);
  }
  return name;
}

/** The issuer's VC `issuer.id` for an on-chain issuer identifier (`urn:civitas:issuer:bilbao.registry`). */
export function issuerUrn(issuerId: string): string {
  return `${ISSUER_PREFIX}${issuerName(issuerId)}`;
}

/** The status list a credential points to, per issuer and purpose. */
export function statusListUrn(issuerId: string, purpose: StatusPurpose): string {
  return `${STATUS_PREFIX}${issuerName(issuerId)}:${purpose}`;
}

/** The two status entries (revocation, suspension) at one index of the issuer's lists. */
export function statusEntries(issuerId: string, index: number): BitstringStatusListEntry[] {
  return (["revocation", "suspension"] as const).map((purpose) => {
    const list = statusListUrn(issuerId, purpose);
    return {
      id: `${list}#${index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: list,
    };
  });
}

/** What the issuer states in one document. */
export interface CreateCredentialParameters {
  readonly kind: DocumentKind;
  /** The issuer's on-chain identifier (short name or bytes32 hex). */
  readonly issuerId: string;
  readonly issuerName?: string | undefined;
  readonly subject: unknown;
  readonly statusIndex: number;
  /** Default: a random `urn:uuid:`. */
  readonly id?: string | undefined;
  /** Default: now. */
  readonly validFrom?: Date | undefined;
  /** Default: the kind's default validity (if any). */
  readonly validUntil?: Date | undefined;
}

// Documents issued in the same second share their dates: the last few texts are kept.
const isoTexts = new Map<number, string>();

function isoSeconds(date: Date): string {
  const time = date.getTime();
  let text = isoTexts.get(time);
  if (text === undefined) {
    text = date.toISOString().replace(/\.\d{3}Z$/, "Z");
    if (isoTexts.size >= 16) isoTexts.clear();
    isoTexts.set(time, text);
  }
  return text;
}

/** Builds a credential of a kind; throws InvalidArgumentError for a subject or validity the kind refuses. */
export function createCredential(p: CreateCredentialParameters): DocumentCredential {
  const subject = checkSubject(p.kind, p.subject);
  const validFrom = new Date(Math.floor((p.validFrom ?? new Date()).getTime() / 1000) * 1000);
  const validUntil =
    p.validUntil ??
    (p.kind.defaultValiditySeconds === undefined
      ? undefined
      : new Date(validFrom.getTime() + p.kind.defaultValiditySeconds * 1000));
  if (validUntil !== undefined) {
    if (validUntil.getTime() <= validFrom.getTime())
      throw new InvalidArgumentError("validUntil must come after validFrom");
    const max = p.kind.maxValiditySeconds;
    if (max !== undefined && validUntil.getTime() - validFrom.getTime() > max * 1000)
      throw new InvalidArgumentError(`a ${p.kind.type} is valid for at most ${max / 86_400} days`);
  }
  if (!Number.isInteger(p.statusIndex) || p.statusIndex < 0 || p.statusIndex >= STATUS_LIST_SIZE)
    throw new InvalidArgumentError(`a status index must be in [0, ${STATUS_LIST_SIZE})`);
  return {
    "@context": [VC_CONTEXT_V2],
    id: p.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ["VerifiableCredential", p.kind.type],
    issuer: { id: issuerUrn(p.issuerId), ...(p.issuerName !== undefined ? { name: p.issuerName } : {}) },
    validFrom: isoSeconds(validFrom),
    ...(validUntil !== undefined ? { validUntil: isoSeconds(validUntil) } : {}),
    credentialSubject: subject,
    credentialStatus: statusEntries(p.issuerId, p.statusIndex),
  };
}

function fail(message: string): never {
  throw new InvalidArgumentError(`not a Civitas document credential: ${message}`);
}

function date(value: unknown, member: string): Date {
  const t = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t)) fail(`${member} is not an XML Schema date-time`);
  return new Date(t);
}

/**
 * Reads a JWS payload as a Civitas document: VC 2.0 shape, a known kind, an issuer URN, and one
 * index shared by the revocation and suspension entries. Throws InvalidArgumentError saying what is wrong.
 */
export function readCredential(payload: unknown): CredentialFacts {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    fail("the payload is not an object");
  const c = payload as Partial<Record<keyof DocumentCredential, unknown>>;
  const context = c["@context"];
  if (!Array.isArray(context) || context[0] !== VC_CONTEXT_V2)
    fail(`@context must start with ${VC_CONTEXT_V2}`);
  if (typeof c.id !== "string") fail("id is missing");
  const types = c.type;
  if (!Array.isArray(types) || types[0] !== "VerifiableCredential" || types.length !== 2)
    fail("type must be ['VerifiableCredential', <document kind>]");
  let kind: DocumentKind;
  try {
    kind = documentKind(String(types[1]));
  } catch (err) {
    fail((err as Error).message);
  }
  const issuer = c.issuer as { id?: unknown } | string | undefined;
  const issuerIdText = typeof issuer === "string" ? issuer : issuer?.id;
  if (typeof issuerIdText !== "string" || !issuerIdText.startsWith(ISSUER_PREFIX))
    fail(`issuer must be ${ISSUER_PREFIX}<issuer id>`);
  let issuerId: Hex;
  try {
    issuerId = toIdentifier(issuerIdText.slice(ISSUER_PREFIX.length));
  } catch (err) {
    fail((err as Error).message);
  }
  const validFrom = date(c.validFrom, "validFrom");
  const validUntil = c.validUntil === undefined ? undefined : date(c.validUntil, "validUntil");
  if (typeof c.credentialSubject !== "object" || c.credentialSubject === null)
    fail("credentialSubject is missing");
  const entries = Array.isArray(c.credentialStatus)
    ? (c.credentialStatus as Partial<BitstringStatusListEntry>[])
    : [];
  const indexes = new Set<string>();
  for (const purpose of ["revocation", "suspension"] as const) {
    const entry = entries.find((e) => e?.type === "BitstringStatusListEntry" && e.statusPurpose === purpose);
    if (entry === undefined) fail(`no BitstringStatusListEntry for ${purpose}`);
    if (entry.statusListCredential !== statusListUrn(issuerId, purpose))
      fail(`the ${purpose} entry points to another issuer's list (${String(entry.statusListCredential)})`);
    indexes.add(String(entry.statusListIndex));
  }
  const [indexText] = [...indexes];
  const statusIndex = Number(indexText);
  if (indexes.size !== 1 || !/^\d+$/.test(indexText ?? "") || statusIndex >= STATUS_LIST_SIZE)
    fail(`the status entries need one index in [0, ${STATUS_LIST_SIZE}) for both purposes`);
  return {
    credential: payload as DocumentCredential,
    kind,
    issuerId,
    statusIndex,
    validFrom,
    validUntil,
  };
}
