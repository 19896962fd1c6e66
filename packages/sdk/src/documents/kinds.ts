// The document kinds a city issues first (DOMAIN §3): what the subject must state, how long a
// document is valid by default, and the VC type that names it (its bytes32 form is the docType
// issuers are accredited for on chain).
import type { Hex } from "viem";
import { InvalidArgumentError } from "../errors/civitasError.ts";
import { toIdentifier } from "../utils/identifiers.ts";

/** The command-line names of the kinds. */
export type DocumentKindName = "residence" | "exam-results" | "tax-compliance" | "property-extract";

/** What is known about one kind of document. */
export interface DocumentKind {
  readonly name: DocumentKindName;
  /** The credential type after `VerifiableCredential` (e.g. `ResidenceCertificate`). */
  readonly type: string;
  /** Subject members the document must state. */
  readonly required: readonly string[];
  /** Validity when the issuer gives no `validUntil`, in seconds (undefined: no end). */
  readonly defaultValiditySeconds: number | undefined;
  /** The longest validity allowed, in seconds (undefined: no limit). */
  readonly maxValiditySeconds: number | undefined;
  /** Kind-specific checks of the subject (beyond the required members); throws InvalidArgumentError. */
  readonly check?: (subject: Readonly<Record<string, unknown>>) => void;
}

const DAY = 86_400;

function checkExamResults(subject: Readonly<Record<string, unknown>>): void {
  const status = subject.resultStatus;
  if (status === "provisional") {
    // Provisional until the review window closes: the window's end is part of the document.
    if (typeof subject.reviewUntil !== "string" || Number.isNaN(Date.parse(subject.reviewUntil)))
      throw new InvalidArgumentError("provisional exam results need reviewUntil (an ISO 8601 date-time)");
  } else if (status === "final") {
    // A final result is a new document; `supersedes` names the provisional one it replaces.
    if (subject.supersedes !== undefined && typeof subject.supersedes !== "string")
      throw new InvalidArgumentError("supersedes must be the id of the provisional credential");
  } else {
    throw new InvalidArgumentError(`resultStatus must be 'provisional' or 'final', got '${String(status)}'`);
  }
}

/** The four kinds, by command-line name. */
export const DOCUMENT_KINDS: Readonly<Record<DocumentKindName, DocumentKind>> = {
  residence: {
    name: "residence",
    type: "ResidenceCertificate",
    required: ["name", "address", "municipality", "residentSince"],
    defaultValiditySeconds: 90 * DAY,
    maxValiditySeconds: undefined,
  },
  "exam-results": {
    name: "exam-results",
    type: "ExamResults",
    required: ["name", "school", "exam", "results", "resultStatus"],
    defaultValiditySeconds: undefined,
    maxValiditySeconds: undefined,
    check: checkExamResults,
  },
  "tax-compliance": {
    name: "tax-compliance",
    type: "TaxComplianceCertificate",
    required: ["name", "taxpayer", "outstandingDebt"],
    // A "no outstanding debt" certificate is short-lived by nature.
    defaultValiditySeconds: 30 * DAY,
    maxValiditySeconds: 90 * DAY,
  },
  "property-extract": {
    name: "property-extract",
    type: "PropertyExtract",
    required: ["cadastralRef", "holders"],
    defaultValiditySeconds: 90 * DAY,
    maxValiditySeconds: undefined,
  },
};

/** The kind with this command-line name or credential type; InvalidArgumentError otherwise. */
export function documentKind(nameOrType: string): DocumentKind {
  const kind = Object.values(DOCUMENT_KINDS).find((k) => k.name === nameOrType || k.type === nameOrType);
  if (kind === undefined)
    throw new InvalidArgumentError(
      `unknown document kind '${nameOrType}' (one of ${Object.keys(DOCUMENT_KINDS).join(", ")})`,
    );
  return kind;
}

/** The on-chain docType of a kind: its credential type as a bytes32 identifier. */
export function docTypeOf(kind: DocumentKind): Hex {
  return toIdentifier(kind.type);
}

/** Checks a subject against its kind; throws InvalidArgumentError naming the problem. */
export function checkSubject(kind: DocumentKind, subject: unknown): Readonly<Record<string, unknown>> {
  if (typeof subject !== "object" || subject === null || Array.isArray(subject))
    throw new InvalidArgumentError(`a ${kind.type} subject must be a JSON object`);
  const record = subject as Record<string, unknown>;
  const missing = kind.required.filter((k) => record[k] === undefined || record[k] === null);
  if (missing.length > 0)
    throw new InvalidArgumentError(`a ${kind.type} subject needs ${missing.join(", ")}`);
  kind.check?.(record);
  return record;
}
