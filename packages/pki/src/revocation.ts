import { AsnConvert } from "@peculiar/asn1-schema";
import { CRLNumber } from "@peculiar/asn1-x509";
import { normalizeSerial } from "./encoding.ts";
import { PkiError } from "./errors.ts";
import { certificateSerial } from "./identity.ts";
import { authorityKeyId, namesEqual, subjectKeyId } from "./names.ts";
import { OID } from "./oids.ts";
import { type CrlInput, crlNumberOf, parseCrl } from "./parse.ts";
import type { Algorithm, CryptoKey, EcdsaParams } from "./webcrypto.ts";
import { x509 } from "./x509.ts";

/** RFC 5280 §5.3.1 revocation reasons (removeFromCRL, a delta-CRL marker, excluded). */
export type RevocationReason =
  | "unspecified"
  | "keyCompromise"
  | "cACompromise"
  | "affiliationChanged"
  | "superseded"
  | "cessationOfOperation"
  | "certificateHold"
  | "privilegeWithdrawn"
  | "aACompromise";

export const REVOCATION_REASONS: readonly RevocationReason[] = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "privilegeWithdrawn",
  "aACompromise",
];

const REASON_CODE: Record<RevocationReason, x509.X509CrlReason> = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  cACompromise: x509.X509CrlReason.cACompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
  certificateHold: x509.X509CrlReason.certificateHold,
  privilegeWithdrawn: x509.X509CrlReason.privilegeWithdrawn,
  aACompromise: x509.X509CrlReason.aACompromise,
};

/** Parses a reason name, case-insensitive, camelCase or kebab-case ("key-compromise"). */
export function parseRevocationReason(text: string): RevocationReason {
  const key = text.replace(/[-_\s]/g, "").toLowerCase();
  const found = REVOCATION_REASONS.find((r) => r.toLowerCase() === key);
  if (found === undefined) {
    throw new PkiError(
      "INVALID_ARGUMENT",
      `unknown revocation reason "${text}" (one of ${REVOCATION_REASONS.join(", ")})`,
    );
  }
  return found;
}

function reasonName(code: x509.X509CrlReason | undefined): RevocationReason {
  if (code === undefined) return "unspecified";
  return REVOCATION_REASONS.find((r) => REASON_CODE[r] === code) ?? "unspecified";
}

export interface RevokedEntry {
  serialNumber: string;
  revocationDate: Date;
  reason: RevocationReason;
  invalidityDate?: Date;
}

export interface CreateCrlParams {
  issuer: x509.X509Certificate;
  signingKey: CryptoKey;
  signingAlgorithm: Algorithm | EcdsaParams;
  crlNumber: number;
  entries: readonly RevokedEntry[];
  thisUpdate: Date;
  nextUpdate: Date;
}

/** Signs a CRL (v2, with CRL number and authority key identifier). */
export async function createCrl(p: CreateCrlParams): Promise<x509.X509Crl> {
  if (!Number.isSafeInteger(p.crlNumber) || p.crlNumber < 1)
    throw new PkiError("INVALID_ARGUMENT", "CRL number must be a positive integer");
  if (p.nextUpdate.getTime() <= p.thisUpdate.getTime())
    throw new PkiError("INVALID_ARGUMENT", "CRL nextUpdate must be after thisUpdate");
  const extensions: x509.Extension[] = [
    new x509.Extension(OID.crlNumber, false, AsnConvert.serialize(new CRLNumber(p.crlNumber))),
  ];
  const ski = subjectKeyId(p.issuer);
  if (ski !== undefined) extensions.push(new x509.AuthorityKeyIdentifierExtension(ski));
  return x509.X509CrlGenerator.create({
    issuer: p.issuer.subjectName,
    thisUpdate: p.thisUpdate,
    nextUpdate: p.nextUpdate,
    signingKey: p.signingKey,
    signingAlgorithm: p.signingAlgorithm,
    extensions,
    entries: p.entries.map((e) => ({
      serialNumber: normalizeSerial(e.serialNumber),
      revocationDate: e.revocationDate,
      reason: REASON_CODE[e.reason],
      ...(e.invalidityDate !== undefined ? { invalidity: e.invalidityDate } : {}),
    })),
  });
}

export interface CrlInfo {
  issuer: string;
  crlNumber?: bigint;
  thisUpdate: Date;
  nextUpdate?: Date;
  entries: RevokedEntry[];
}

/** What a CRL says (nothing verified). */
export function describeCrl(input: CrlInput): CrlInfo {
  const crl = parseCrl(input);
  const num = crlNumberOf(crl);
  return {
    issuer: crl.issuer,
    ...(num !== undefined ? { crlNumber: num } : {}),
    thisUpdate: crl.thisUpdate,
    ...(crl.nextUpdate !== undefined ? { nextUpdate: crl.nextUpdate } : {}),
    entries: crl.entries.map(entryOf),
  };
}

function entryOf(e: x509.X509CrlEntry): RevokedEntry {
  return {
    serialNumber: normalizeSerial(e.serialNumber),
    revocationDate: e.revocationDate,
    reason: reasonName(e.reason),
    ...(e.invalidity !== undefined ? { invalidityDate: e.invalidity } : {}),
  };
}

/** Why a CRL cannot be used to decide a certificate's status. */
export type CrlProblem =
  | "CRL_ISSUER_MISMATCH"
  | "CRL_SIGNATURE_INVALID"
  | "CRL_NOT_YET_VALID"
  | "CRL_EXPIRED"
  | "CRL_ISSUER_KEY_USAGE"
  | "UNHANDLED_CRITICAL_CRL_EXTENSION";

/** CRL extensions this package understands (a critical one it does not know rejects the CRL). */
const HANDLED_CRL_EXTENSIONS = new Set<string>([
  OID.crlNumber,
  OID.authorityKeyIdentifier,
  OID.issuerAltName,
]);
const HANDLED_ENTRY_EXTENSIONS = new Set<string>([OID.crlReason, OID.invalidityDate]);

/** Does `crl` claim to be issued by `issuer` (name, and key identifier when both carry one)? */
export function crlMatchesIssuer(crl: x509.X509Crl, issuer: x509.X509Certificate): boolean {
  if (!namesEqual(crl.issuerName, issuer.subjectName)) return false;
  const aki = authorityKeyId(crl);
  const ski = subjectKeyId(issuer);
  return aki === undefined || ski === undefined || aki === ski;
}

/** Validates a CRL against its issuer at time `at`: signature, key usage, validity window, extensions. */
export async function validateCrl(
  crl: x509.X509Crl,
  issuer: x509.X509Certificate,
  at: Date,
): Promise<{ ok: true } | { ok: false; code: CrlProblem; reason: string }> {
  if (!crlMatchesIssuer(crl, issuer)) {
    return {
      ok: false,
      code: "CRL_ISSUER_MISMATCH",
      reason: `CRL issuer "${crl.issuer}" is not "${issuer.subject}"`,
    };
  }
  const ku = issuer.getExtension(x509.KeyUsagesExtension);
  if (ku !== null && (ku.usages & x509.KeyUsageFlags.cRLSign) === 0) {
    return {
      ok: false,
      code: "CRL_ISSUER_KEY_USAGE",
      reason: `CRL issuer "${issuer.subject}" lacks the cRLSign key usage`,
    };
  }
  for (const ext of crl.extensions) {
    if (ext.critical && !HANDLED_CRL_EXTENSIONS.has(ext.type)) {
      return {
        ok: false,
        code: "UNHANDLED_CRITICAL_CRL_EXTENSION",
        reason: `CRL has unsupported critical extension ${ext.type}`,
      };
    }
  }
  for (const entry of crl.entries) {
    for (const ext of entry.extensions) {
      if (ext.critical && !HANDLED_ENTRY_EXTENSIONS.has(ext.type)) {
        return {
          ok: false,
          code: "UNHANDLED_CRITICAL_CRL_EXTENSION",
          reason: `CRL entry has unsupported critical extension ${ext.type}`,
        };
      }
    }
  }
  let signatureOk = false;
  try {
    signatureOk = await crl.verify({ publicKey: issuer });
  } catch {
    signatureOk = false;
  }
  if (!signatureOk)
    return {
      ok: false,
      code: "CRL_SIGNATURE_INVALID",
      reason: `CRL signature does not verify with "${issuer.subject}"`,
    };
  if (crl.thisUpdate.getTime() > at.getTime()) {
    return {
      ok: false,
      code: "CRL_NOT_YET_VALID",
      reason: `CRL thisUpdate ${crl.thisUpdate.toISOString()} is in the future`,
    };
  }
  const next = crl.nextUpdate;
  if (next !== undefined && next.getTime() < at.getTime()) {
    return { ok: false, code: "CRL_EXPIRED", reason: `CRL expired: nextUpdate was ${next.toISOString()}` };
  }
  return { ok: true };
}

/** The CRL entry for a serial number, if revoked. */
export function findRevocation(crl: x509.X509Crl, serialNumber: string): RevokedEntry | undefined {
  const wanted = normalizeSerial(serialNumber);
  for (const e of crl.entries) {
    if (normalizeSerial(e.serialNumber) === wanted && e.reason !== x509.X509CrlReason.removeFromCRL)
      return entryOf(e);
  }
  return undefined;
}

/** Result of checking one certificate against a CRL. */
export type RevocationStatus =
  | { status: "good"; crlNumber?: bigint; thisUpdate: Date; nextUpdate?: Date }
  | { status: "revoked"; entry: RevokedEntry; crlNumber?: bigint }
  | { status: "unknown"; code: CrlProblem; reason: string };

/**
 * Checks `certificate` against `crl` issued by `issuer` (the certificate's issuing CA). The CRL
 * itself is validated first; a CRL that cannot be trusted yields status "unknown" with the reason.
 */
export async function checkRevocation(
  certificate: x509.X509Certificate,
  crl: x509.X509Crl,
  issuer: x509.X509Certificate,
  options: { at?: Date } = {},
): Promise<RevocationStatus> {
  const at = options.at ?? new Date();
  if (!namesEqual(certificate.issuerName, issuer.subjectName)) {
    return {
      status: "unknown",
      code: "CRL_ISSUER_MISMATCH",
      reason: `certificate was not issued by "${issuer.subject}"`,
    };
  }
  const valid = await validateCrl(crl, issuer, at);
  if (!valid.ok) return { status: "unknown", code: valid.code, reason: valid.reason };
  const num = crlNumberOf(crl);
  const entry = findRevocation(crl, certificateSerial(certificate));
  if (entry !== undefined)
    return { status: "revoked", entry, ...(num !== undefined ? { crlNumber: num } : {}) };
  return {
    status: "good",
    ...(num !== undefined ? { crlNumber: num } : {}),
    thisUpdate: crl.thisUpdate,
    ...(crl.nextUpdate !== undefined ? { nextUpdate: crl.nextUpdate } : {}),
  };
}
