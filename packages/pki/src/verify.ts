import { X509Certificate as NodeX509Certificate } from "node:crypto";
import { errorMessage } from "./errors.ts";
import {
  type CertificateIdentity,
  certificateFingerprint,
  certificateSerial,
  describeCertificate,
} from "./identity.ts";
import { couldHaveIssued, isSelfIssued, sameCertificate } from "./names.ts";
import { OID } from "./oids.ts";
import { type CertificateInput, type CrlInput, crlNumberOf, parseCertificates, parseCrls } from "./parse.ts";
import { crlMatchesIssuer, findRevocation, type RevokedEntry, validateCrl } from "./revocation.ts";
import { x509 } from "./x509.ts";

/**
 * Why a chain was rejected. Each maps onto an OpenSSL verify error (in brackets), so results can
 * be compared with `openssl verify`; see README.md.
 */
export type VerifyFailureCode =
  /** The leaf (or an intermediate) does not parse. */
  | "MALFORMED_CERTIFICATE"
  /** No issuer found for a certificate in the path [20 unable to get local issuer certificate, 2]. */
  | "UNKNOWN_ISSUER"
  /** The path ends in a self-signed certificate that is not a trust anchor [18, 19]. */
  | "UNTRUSTED_ROOT"
  /** A certificate's signature does not verify with its issuer's key [7]. */
  | "SIGNATURE_INVALID"
  /** Outside the validity window at the verification time [9 not yet valid, 10 expired]. */
  | "NOT_YET_VALID"
  | "EXPIRED"
  /** An issuer without basicConstraints cA=TRUE [24 invalid CA certificate]. */
  | "ISSUER_NOT_CA"
  /** An issuer whose keyUsage lacks keyCertSign [24 / 32]. */
  | "ISSUER_KEY_USAGE"
  /** More intermediates below a CA than its pathLenConstraint allows [25]. */
  | "PATH_LENGTH_EXCEEDED"
  /** The leaf's (or a CA's) extended key usage or key usage does not allow the purpose [26]. */
  | "PURPOSE_MISMATCH"
  /** A critical extension this verifier does not process [34]. */
  | "UNHANDLED_CRITICAL_EXTENSION"
  /** Revoked by its issuer's CRL [23]. */
  | "REVOKED"
  /** Revocation checking was required but no CRL from that issuer was given [3]. */
  | "CRL_MISSING"
  /** The issuer's CRL does not verify / is not yet valid / has expired [8, 11, 12]. */
  | "CRL_SIGNATURE_INVALID"
  | "CRL_NOT_YET_VALID"
  | "CRL_EXPIRED"
  /** The CRL issuer's keyUsage lacks cRLSign [35]. */
  | "CRL_ISSUER_KEY_USAGE"
  /** The CRL has a critical extension this verifier does not process [36]. */
  | "UNHANDLED_CRITICAL_CRL_EXTENSION"
  /** The path is longer than `maxDepth`. */
  | "PATH_TOO_LONG"
  /** The chain is valid but the leaf is not the expected Civitas profile (node, organisation, person). */
  | "PROFILE_MISMATCH";

export type KeyPurpose = "serverAuth" | "clientAuth";
export type RevocationMode = "none" | "leaf" | "chain";
export type ProfileType = "node" | "organisation" | "person";

export interface VerifyOptions {
  /** Trusted roots (trust anchors). */
  trustAnchors: CertificateInput | readonly CertificateInput[];
  /** Untrusted certificates that may complete the path (intermediates sent by a peer). */
  intermediates?: CertificateInput | readonly CertificateInput[];
  /** CRLs to check revocation against. */
  crls?: CrlInput | readonly CrlInput[];
  /**
   * "leaf": the leaf must be checked against its issuer's CRL; "chain": every certificate,
   * including the root, against its issuer's CRL (OpenSSL's -crl_check_all, what Node's tls does
   * with the `crl` option). Default: "chain" when CRLs are given, otherwise "none".
   */
  revocation?: RevocationMode;
  /** Required key purpose of the leaf (checked in EKU and key usage, like OpenSSL's -purpose). */
  purpose?: KeyPurpose;
  /** Required Civitas profile of the leaf. */
  profile?: ProfileType;
  /** Verification time. Default: now. */
  at?: Date;
  /** Longest path accepted, leaf and root included. Default 8. */
  maxDepth?: number;
  /** Accept a path that ends at a trusted certificate which is not self-issued (OpenSSL -partial_chain). */
  partialChain?: boolean;
}

export interface VerifySuccess {
  ok: true;
  /** The validated path: leaf first, trust anchor last. */
  chain: x509.X509Certificate[];
  /** What the leaf says about its holder (validator address, roles, fingerprint...). */
  identity: CertificateIdentity;
  /** Whether CRLs were consulted, and for how many certificates of the path. */
  revocationChecked: number;
}

export interface VerifyFailure {
  ok: false;
  code: VerifyFailureCode;
  /** One sentence for people and logs, naming the certificate and the cause. */
  reason: string;
  /** Position of the offending certificate: 0 is the leaf (as in `openssl verify` output). */
  depth: number;
  /** The offending certificate, when known. */
  certificate?: { subject: string; serialNumber: string; fingerprint: string };
  /** The path as far as it was built (leaf first). */
  chain: x509.X509Certificate[];
  /** The revocation entry, for code REVOKED. */
  revocation?: RevokedEntry;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

/** Extensions whose semantics this verifier implements (a critical one outside this set fails). */
const HANDLED_EXTENSIONS = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.certificatePolicies,
  OID.crlDistributionPoints,
  OID.authorityInfoAccess,
]);

const PURPOSE_OID: Record<KeyPurpose, string> = { serverAuth: OID.serverAuth, clientAuth: OID.clientAuth };
/** Key usages that allow a TLS leaf to do its job (OpenSSL's check_purpose_ssl_client/server). */
const PURPOSE_KU: Record<KeyPurpose, number> = {
  clientAuth: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement,
  serverAuth:
    x509.KeyUsageFlags.digitalSignature |
    x509.KeyUsageFlags.keyEncipherment |
    x509.KeyUsageFlags.keyAgreement,
};

function describe(cert: x509.X509Certificate): {
  subject: string;
  serialNumber: string;
  fingerprint: string;
} {
  return {
    subject: cert.subject,
    serialNumber: certificateSerial(cert),
    fingerprint: certificateFingerprint(cert),
  };
}

function fail(
  code: VerifyFailureCode,
  reason: string,
  depth: number,
  chain: x509.X509Certificate[],
  extra: Partial<VerifyFailure> = {},
): VerifyFailure {
  const cert = chain[depth];
  return {
    ok: false,
    code,
    reason,
    depth,
    ...(cert !== undefined ? { certificate: describe(cert) } : {}),
    chain,
    ...extra,
  };
}

function name(cert: x509.X509Certificate): string {
  return `"${cert.subject}"`;
}

interface PathSearch {
  complete: x509.X509Certificate[][];
  /** Longest incomplete path and why it stopped. */
  partial: x509.X509Certificate[];
  stop: "no-issuer" | "self-signed" | "too-long";
}

function buildPaths(
  leaf: x509.X509Certificate,
  anchors: readonly x509.X509Certificate[],
  pool: readonly x509.X509Certificate[],
  maxDepth: number,
  partialChain: boolean,
): PathSearch {
  const search: PathSearch = { complete: [], partial: [leaf], stop: "no-issuer" };
  const isAnchor = (c: x509.X509Certificate): boolean => anchors.some((a) => sameCertificate(a, c));
  const visit = (path: x509.X509Certificate[]): void => {
    if (search.complete.length >= 8) return;
    const last = path[path.length - 1]!;
    if (isAnchor(last) && (partialChain || isSelfIssued(last))) {
      search.complete.push(path);
      return;
    }
    if (path.length >= maxDepth) {
      if (path.length >= search.partial.length) Object.assign(search, { partial: path, stop: "too-long" });
      return;
    }
    const inPath = (c: x509.X509Certificate): boolean => path.some((p) => sameCertificate(p, c));
    const candidates = [...anchors, ...pool].filter((c) => !inPath(c) && couldHaveIssued(c, last));
    if (candidates.length === 0) {
      const selfSigned = isSelfIssued(last);
      if (
        path.length > search.partial.length ||
        (path.length === search.partial.length && search.stop !== "too-long")
      ) {
        Object.assign(search, { partial: path, stop: selfSigned ? "self-signed" : "no-issuer" });
      }
      return;
    }
    for (const c of candidates) visit([...path, c]);
  };
  visit([leaf]);
  return search;
}

/**
 * Full path validation (RFC 5280 §6 as OpenSSL implements it) of `chain` — a leaf, optionally
 * followed by untrusted intermediates — to one of the trust anchors. Checks, in OpenSSL's order:
 * path building (names and key identifiers), critical extensions, CA basic constraints and key
 * usage, path-length constraints, key purpose, revocation (CRL signature, validity window,
 * issuer, entries), then every signature and validity window from the root down.
 *
 * Never throws for a bad chain: the result says exactly why it fails. Throws PkiError only for
 * malformed trust anchors or CRLs (caller configuration).
 */
export async function verifyCertificateChain(
  chain: CertificateInput | readonly CertificateInput[],
  options: VerifyOptions,
): Promise<VerifyResult> {
  const at = options.at ?? new Date();
  const maxDepth = options.maxDepth ?? 8;
  const anchors = parseCertificates(options.trustAnchors as CertificateInput);
  const crls = options.crls === undefined ? [] : parseCrls(options.crls as CrlInput);
  const revocation: RevocationMode = options.revocation ?? (crls.length > 0 ? "chain" : "none");

  let presented: x509.X509Certificate[];
  let extra: x509.X509Certificate[];
  try {
    presented = parseCertificates(chain as CertificateInput);
    extra =
      options.intermediates === undefined ? [] : parseCertificates(options.intermediates as CertificateInput);
  } catch (err) {
    return { ok: false, code: "MALFORMED_CERTIFICATE", reason: errorMessage(err), depth: 0, chain: [] };
  }
  const leaf = presented[0];
  if (leaf === undefined)
    return { ok: false, code: "MALFORMED_CERTIFICATE", reason: "no certificate given", depth: 0, chain: [] };
  const pool = [...presented.slice(1), ...extra];

  let search: PathSearch;
  try {
    search = buildPaths(leaf, anchors, pool, maxDepth, options.partialChain ?? false);
  } catch (err) {
    return {
      ok: false,
      code: "MALFORMED_CERTIFICATE",
      reason: `certificate names cannot be processed: ${errorMessage(err)}`,
      depth: 0,
      chain: [leaf],
    };
  }
  if (search.complete.length === 0) {
    const path = search.partial;
    const depth = path.length - 1;
    const last = path[depth]!;
    if (search.stop === "too-long") {
      return fail("PATH_TOO_LONG", `certification path is longer than ${maxDepth} certificates`, depth, path);
    }
    if (search.stop === "self-signed") {
      return fail(
        "UNTRUSTED_ROOT",
        `self-signed certificate ${name(last)} is not a trusted root`,
        depth,
        path,
      );
    }
    return fail(
      "UNKNOWN_ISSUER",
      `no trusted issuer found for ${name(last)} (issuer "${last.issuer}")`,
      depth,
      path,
    );
  }
  let firstFailure: VerifyFailure | undefined;
  for (const path of search.complete) {
    let result: VerifyResult;
    try {
      result = await validatePath(path, crls, revocation, at, options);
    } catch (err) {
      // Safety net: the parsers reject malformed input up front, but a verdict must always be
      // returned, never an exception from deep inside a library.
      result = fail(
        "MALFORMED_CERTIFICATE",
        `certificate content cannot be processed: ${errorMessage(err)}`,
        0,
        path,
      );
    }
    if (result.ok) return result;
    firstFailure ??= result;
  }
  return firstFailure!;
}

async function validatePath(
  path: x509.X509Certificate[],
  crls: x509.X509Crl[],
  revocation: RevocationMode,
  at: Date,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const n = path.length - 1;

  // 1. Extensions, CA constraints, path length, purpose (OpenSSL check_chain_extensions).
  let intermediatesBelow = 0;
  for (let i = 0; i <= n; i++) {
    const cert = path[i]!;
    let exts: x509.Extension[];
    try {
      exts = cert.extensions;
    } catch (err) {
      return fail("MALFORMED_CERTIFICATE", `${name(cert)}: ${errorMessage(err)}`, i, path);
    }
    for (const ext of exts) {
      if (ext.critical && !HANDLED_EXTENSIONS.has(ext.type)) {
        return fail(
          "UNHANDLED_CRITICAL_EXTENSION",
          `${name(cert)} has unsupported critical extension ${ext.type}`,
          i,
          path,
        );
      }
    }
    const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
    const ku = cert.getExtension(x509.KeyUsagesExtension);
    if (i > 0) {
      const bc = cert.getExtension(x509.BasicConstraintsExtension);
      if (bc === null || !bc.ca) {
        return fail(
          "ISSUER_NOT_CA",
          `issuer ${name(cert)} is not a CA (basicConstraints cA is not TRUE)`,
          i,
          path,
        );
      }
      if (ku !== null && (ku.usages & x509.KeyUsageFlags.keyCertSign) === 0) {
        return fail(
          "ISSUER_KEY_USAGE",
          `issuer ${name(cert)} key usage does not include keyCertSign`,
          i,
          path,
        );
      }
      if (bc.pathLength !== undefined && intermediatesBelow > bc.pathLength) {
        return fail(
          "PATH_LENGTH_EXCEEDED",
          `CA ${name(cert)} allows ${bc.pathLength} intermediate CA(s) below it, the path has ${intermediatesBelow}`,
          i,
          path,
        );
      }
      if (
        options.purpose !== undefined &&
        eku !== null &&
        !eku.usages.map(String).includes(PURPOSE_OID[options.purpose])
      ) {
        return fail(
          "PURPOSE_MISMATCH",
          `CA ${name(cert)} extended key usage does not allow ${options.purpose}`,
          i,
          path,
        );
      }
      if (!isSelfIssued(cert)) intermediatesBelow++;
    } else if (options.purpose !== undefined) {
      if (eku !== null && !eku.usages.map(String).includes(PURPOSE_OID[options.purpose])) {
        return fail(
          "PURPOSE_MISMATCH",
          `${name(cert)} extended key usage does not include ${options.purpose}`,
          i,
          path,
        );
      }
      if (ku !== null && (ku.usages & PURPOSE_KU[options.purpose]) === 0) {
        return fail("PURPOSE_MISMATCH", `${name(cert)} key usage does not allow ${options.purpose}`, i, path);
      }
    }
  }

  // 2. Revocation (OpenSSL check_revocation), before signatures as OpenSSL does.
  let revocationChecked = 0;
  if (revocation !== "none") {
    const last = revocation === "leaf" ? 0 : n;
    for (let i = 0; i <= last; i++) {
      const cert = path[i]!;
      const issuer = i < n ? path[i + 1]! : cert;
      if (i === n && !isSelfIssued(cert)) break; // a partial-chain anchor: its issuer is unknown
      const result = await revocationOf(cert, issuer, crls, at);
      if (result !== null) {
        return fail(
          result.code,
          `${name(cert)}: ${result.reason}`,
          i,
          path,
          result.entry ? { revocation: result.entry } : {},
        );
      }
      revocationChecked++;
    }
  }

  // 3. Signatures and validity windows, from the trust anchor down (OpenSSL internal_verify).
  for (let i = n; i >= 0; i--) {
    const cert = path[i]!;
    if (i < n) {
      const issuer = path[i + 1]!;
      let ok = false;
      let why = "";
      try {
        ok = new NodeX509Certificate(Buffer.from(cert.rawData)).verify(
          new NodeX509Certificate(Buffer.from(issuer.rawData)).publicKey,
        );
      } catch (err) {
        why = `: ${errorMessage(err)}`;
      }
      if (!ok)
        return fail(
          "SIGNATURE_INVALID",
          `signature of ${name(cert)} does not verify with the key of ${name(issuer)}${why}`,
          i,
          path,
        );
    }
    if (cert.notBefore.getTime() > at.getTime()) {
      return fail(
        "NOT_YET_VALID",
        `${name(cert)} is not valid before ${cert.notBefore.toISOString()}`,
        i,
        path,
      );
    }
    if (cert.notAfter.getTime() < at.getTime()) {
      return fail("EXPIRED", `${name(cert)} expired on ${cert.notAfter.toISOString()}`, i, path);
    }
  }

  // 4. Civitas profile of the leaf.
  let identity: CertificateIdentity;
  try {
    identity = describeCertificate(path[0]!);
  } catch (err) {
    return fail("MALFORMED_CERTIFICATE", errorMessage(err), 0, path);
  }
  if (options.profile !== undefined && identity.type !== options.profile) {
    return fail(
      "PROFILE_MISMATCH",
      `${name(path[0]!)} is a ${identity.type} certificate, expected ${options.profile}`,
      0,
      path,
    );
  }
  return { ok: true, chain: path, identity, revocationChecked };
}

async function revocationOf(
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  crls: readonly x509.X509Crl[],
  at: Date,
): Promise<{ code: VerifyFailureCode; reason: string; entry?: RevokedEntry } | null> {
  const candidates = crls.filter((c) => crlMatchesIssuer(c, issuer));
  if (candidates.length === 0)
    return { code: "CRL_MISSING", reason: `no CRL from issuer "${issuer.subject}"` };
  let best: x509.X509Crl | undefined;
  let problem: { code: VerifyFailureCode; reason: string } | undefined;
  for (const crl of candidates) {
    const v = await validateCrl(crl, issuer, at);
    if (!v.ok) {
      problem ??= { code: v.code === "CRL_ISSUER_MISMATCH" ? "CRL_MISSING" : v.code, reason: v.reason };
      continue;
    }
    if (best === undefined || newer(crl, best)) best = crl;
  }
  if (best === undefined) return problem!;
  const entry = findRevocation(best, certificateSerial(cert));
  if (entry !== undefined) {
    return {
      code: "REVOKED",
      reason: `revoked on ${entry.revocationDate.toISOString()} (reason: ${entry.reason})`,
      entry,
    };
  }
  return null;
}

function newer(a: x509.X509Crl, b: x509.X509Crl): boolean {
  const na = crlNumberOf(a);
  const nb = crlNumberOf(b);
  if (na !== undefined && nb !== undefined && na !== nb) return na > nb;
  return a.thisUpdate.getTime() > b.thisUpdate.getTime();
}
