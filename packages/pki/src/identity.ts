import { sha256Hex } from "./encoding.ts";
import type { Address } from "./eth.ts";
import {
  type AssuranceLevel,
  decodeNodeInfo,
  decodeOrganisationInfo,
  decodePersonInfo,
} from "./extensions.ts";
import { OID, OID_EXT_NODE, OID_EXT_ORGANISATION, OID_EXT_PERSON } from "./oids.ts";
import { x509 } from "./x509.ts";

/** What every certificate description carries. */
interface IdentityBase {
  /** Subject DN as text (RFC 4514-style, for display). */
  subject: string;
  issuer: string;
  commonName?: string;
  /** Lowercase hex serial number (canonical: no leading zero bytes). */
  serialNumber: string;
  /** SHA-256 of the DER certificate, lowercase hex: the Civitas certificate fingerprint. */
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
}

/** A node certificate: mutual TLS between nodes; carries the validator address when it is a validator. */
export interface NodeIdentity extends IdentityBase {
  type: "node";
  validatorAddress?: Address;
  dnsNames: string[];
  ipAddresses: string[];
}

export interface OrganisationIdentity extends IdentityBase {
  type: "organisation";
  organisationName?: string;
  /** organizationIdentifier (2.5.4.97) of the subject, e.g. "VATES-P4802000I". */
  organisationIdentifier?: string;
  roles: string[];
}

export interface PersonIdentity extends IdentityBase {
  type: "person";
  /** HMAC-SHA256 (hex) of the national ID: the subject serialNumber. Never the ID itself. */
  nationalIdHash?: string;
  idHashKeyId?: string;
  assuranceLevel: AssuranceLevel;
  roles: string[];
}

export interface CaIdentity extends IdentityBase {
  type: "ca";
  pathLength?: number;
  selfSigned: boolean;
}

/** Any other certificate (e.g. one made by another tool without Civitas extensions). */
export interface OtherIdentity extends IdentityBase {
  type: "other";
  dnsNames: string[];
  ipAddresses: string[];
}

export type CertificateIdentity =
  | NodeIdentity
  | OrganisationIdentity
  | PersonIdentity
  | CaIdentity
  | OtherIdentity;

function first(name: x509.Name, oid: string): string | undefined {
  return name.getField(oid)[0];
}

function subjectAltNames(cert: x509.X509Certificate): { dnsNames: string[]; ipAddresses: string[] } {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const n of san?.names.items ?? []) {
    if (n.type === "dns") dnsNames.push(n.value);
    else if (n.type === "ip") ipAddresses.push(n.value);
  }
  return { dnsNames, ipAddresses };
}

/** The canonical serial of an x509 certificate. */
export function certificateSerial(cert: x509.X509Certificate): string {
  const s = cert.serialNumber.toLowerCase().replace(/^(00)+/, "");
  return s.length === 0 ? "00" : s;
}

/** SHA-256 fingerprint (lowercase hex) of a certificate's DER encoding. */
export function certificateFingerprint(cert: x509.X509Certificate): string {
  return sha256Hex(cert.rawData);
}

/**
 * Reads what a certificate says about its holder: the profile (node, organisation, person, CA,
 * other) and the Civitas fields. Throws `MALFORMED_EXTENSION` when a Civitas extension is present
 * but invalid. It does not verify anything — use {@link verifyCertificateChain} for that.
 */
export function describeCertificate(cert: x509.X509Certificate): CertificateIdentity {
  const subjectName = cert.subjectName;
  const commonName = first(subjectName, OID.commonName);
  const base: IdentityBase = {
    subject: cert.subject,
    issuer: cert.issuer,
    ...(commonName !== undefined ? { commonName } : {}),
    serialNumber: certificateSerial(cert),
    fingerprint: certificateFingerprint(cert),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  };
  const nodeExt = cert.getExtension(OID_EXT_NODE);
  if (nodeExt !== null) {
    return { type: "node", ...base, ...decodeNodeInfo(nodeExt.value), ...subjectAltNames(cert) };
  }
  const orgExt = cert.getExtension(OID_EXT_ORGANISATION);
  if (orgExt !== null) {
    const info = decodeOrganisationInfo(orgExt.value);
    const organisationName = first(subjectName, OID.organizationName);
    const organisationIdentifier = first(subjectName, OID.organizationIdentifier);
    return {
      type: "organisation",
      ...base,
      ...(organisationName !== undefined ? { organisationName } : {}),
      ...(organisationIdentifier !== undefined ? { organisationIdentifier } : {}),
      roles: info.roles,
    };
  }
  const personExt = cert.getExtension(OID_EXT_PERSON);
  if (personExt !== null) {
    const info = decodePersonInfo(personExt.value);
    const nationalIdHash = first(subjectName, OID.serialNumber);
    return { type: "person", ...base, ...(nationalIdHash !== undefined ? { nationalIdHash } : {}), ...info };
  }
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  if (bc?.ca) {
    return {
      type: "ca",
      ...base,
      ...(bc.pathLength !== undefined ? { pathLength: bc.pathLength } : {}),
      selfSigned: cert.subject === cert.issuer,
    };
  }
  return { type: "other", ...base, ...subjectAltNames(cert) };
}
