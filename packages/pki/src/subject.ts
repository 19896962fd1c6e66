import { createHash, createHmac, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { PkiError } from "./errors.ts";
import { OID } from "./oids.ts";
import { x509 } from "./x509.ts";

/** The parts of a subject name Civitas sets. Values are taken literally (no DN string parsing). */
export interface SubjectName {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  /** ISO 3166 two-letter code. */
  country?: string;
  /** ETSI organizationIdentifier (2.5.4.97), e.g. "VATES-P4802000I". */
  organizationIdentifier?: string;
  /** X.520 serialNumber (2.5.4.5); person certificates put the national-ID hash here. */
  serialNumber?: string;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function text(value: string, what: string, max = 64): string {
  if (typeof value !== "string" || value.trim().length === 0)
    throw new PkiError("INVALID_ARGUMENT", `${what} must not be empty`);
  if (value.length > max) throw new PkiError("INVALID_ARGUMENT", `${what} is longer than ${max} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new PkiError("INVALID_ARGUMENT", `${what} contains control characters`);
  return value;
}

function attr(oid: string, value: string): x509.JsonAttributeAndObjectValue {
  // Explicit string types: @peculiar/x509 rewrites plain string values (quotes, backslashes).
  return { [oid]: [PRINTABLE.test(value) ? { printableString: value } : { utf8String: value }] };
}

/** Builds an X.509 Name in the order C, O, OU, organizationIdentifier, serialNumber, CN. */
export function buildName(s: SubjectName): x509.Name {
  const rdns: x509.JsonAttributeAndObjectValue[] = [];
  if (s.country !== undefined) {
    if (!/^[A-Z]{2}$/.test(s.country))
      throw new PkiError("INVALID_ARGUMENT", "country must be two capital letters (ISO 3166)");
    rdns.push({ [OID.countryName]: [{ printableString: s.country }] });
  }
  if (s.organization !== undefined)
    rdns.push(attr(OID.organizationName, text(s.organization, "organization")));
  if (s.organizationalUnit !== undefined)
    rdns.push(attr(OID.organizationalUnitName, text(s.organizationalUnit, "organizational unit")));
  if (s.organizationIdentifier !== undefined) {
    rdns.push(attr(OID.organizationIdentifier, text(s.organizationIdentifier, "organisation identifier")));
  }
  if (s.serialNumber !== undefined) {
    const v = text(s.serialNumber, "subject serialNumber");
    if (!PRINTABLE.test(v))
      throw new PkiError("INVALID_ARGUMENT", "subject serialNumber must be printable ASCII");
    rdns.push({ [OID.serialNumber]: [{ printableString: v }] });
  }
  rdns.push(attr(OID.commonName, text(s.commonName, "common name")));
  return new x509.Name(rdns);
}

const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Validates subjectAltName DNS names (no wildcards: node names are exact) and IPs. */
export function checkSubjectAltNames(dnsNames: readonly string[], ipAddresses: readonly string[]): void {
  for (const d of dnsNames) {
    if (typeof d !== "string" || d.length > 253 || !d.split(".").every((l) => DNS_LABEL.test(l))) {
      throw new PkiError("INVALID_ARGUMENT", `invalid DNS name "${String(d).slice(0, 80)}"`);
    }
  }
  for (const ip of ipAddresses) {
    if (typeof ip !== "string" || isIP(ip) === 0)
      throw new PkiError("INVALID_ARGUMENT", `invalid IP address "${String(ip).slice(0, 80)}"`);
  }
}

/** A CA secret for hashing national IDs into person certificates. 32 random bytes. */
export function generateIdHashKey(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/** Public 8-byte identifier (hex) of an ID-hash key, written into person certificates. */
export function idHashKeyId(key: Uint8Array): string {
  return createHash("sha256").update("civitas/id-hash-key-id/v1\0").update(key).digest("hex").slice(0, 16);
}

/**
 * Normalises a national ID before hashing so that "12.345.678-z" and "12345678Z" agree:
 * uppercase, with spaces, dots and hyphens removed. What remains must be 1–64 letters/digits.
 */
export function normalizeNationalId(id: string): string {
  const n = String(id)
    .toUpperCase()
    .replace(/[\s.-]/g, "");
  if (!/^[A-Z0-9]{1,64}$/.test(n)) {
    throw new PkiError(
      "INVALID_ARGUMENT",
      "national ID must consist of letters and digits (spaces, dots and hyphens are ignored)",
    );
  }
  return n;
}

/**
 * Keyed hash of a national ID: HMAC-SHA256(key, "civitas/national-id/v1\0" || normalised ID),
 * lowercase hex (64 characters, fits X.520 serialNumber). Without the key a hash cannot be
 * brute-forced from the small space of national IDs; with it, the CA (and whoever it shares the
 * key with, e.g. the identity registry's operator) can match a person to a certificate.
 */
export function hashNationalId(id: string, key: Uint8Array): string {
  if (!(key instanceof Uint8Array) || key.length < 32)
    throw new PkiError("INVALID_ARGUMENT", "ID-hash key must be at least 32 bytes");
  return createHmac("sha256", key)
    .update("civitas/national-id/v1\0")
    .update(normalizeNationalId(id))
    .digest("hex");
}
