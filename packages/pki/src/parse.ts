import { X509Certificate as NodeX509Certificate } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import { CRLNumber } from "@peculiar/asn1-x509";
import { decodePem, encodePem, looksLikePem } from "./encoding.ts";
import { errorMessage, PkiError, type PkiErrorCode } from "./errors.ts";
import { describeCertificate } from "./identity.ts";
import { x509 } from "./x509.ts";

/** Anything a certificate can be read from: PEM text, PEM bytes, DER bytes, or a parsed certificate. */
export type CertificateInput = string | Uint8Array | ArrayBuffer | x509.X509Certificate;
export type CsrInput = string | Uint8Array | ArrayBuffer | x509.Pkcs10CertificateRequest;
export type CrlInput = string | Uint8Array | ArrayBuffer | x509.X509Crl;

/** Largest DER certificate or CSR accepted. */
export const MAX_CERTIFICATE_DER = 64 * 1024;
/** Largest DER CRL accepted. */
export const MAX_CRL_DER = 32 * 1024 * 1024;

/** asn1js resource limits for untrusted input (depth, node count, content length). */
const CERT_LIMITS: x509.ParseOptions = {
  berOptions: { maxDepth: 32, maxNodes: 20_000, maxContentLength: MAX_CERTIFICATE_DER },
};
const CRL_LIMITS: x509.ParseOptions = {
  berOptions: { maxDepth: 32, maxNodes: 4_000_000, maxContentLength: MAX_CRL_DER },
};

export const PEM_LABEL_CERTIFICATE = "CERTIFICATE";
export const PEM_LABELS_CSR = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"] as const;
export const PEM_LABEL_CRL = "X509 CRL";

/** Turns PEM/DER input into DER blocks of the expected label, with typed errors. */
function derBlocks(
  input: string | Uint8Array | ArrayBuffer,
  labels: readonly string[],
  code: PkiErrorCode,
  what: string,
  maxDer: number,
): Uint8Array[] {
  let blocks: Uint8Array[];
  if (typeof input === "string") {
    blocks = decodePemAs(input, labels, code, what);
  } else if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    if (looksLikePem(bytes)) {
      blocks = decodePemAs(Buffer.from(bytes).toString("utf8"), labels, code, what);
    } else {
      blocks = [bytes];
    }
  } else {
    throw new PkiError(code, `${what}: expected PEM text or DER bytes`);
  }
  for (const der of blocks) {
    if (der.length === 0) throw new PkiError(code, `${what}: empty input`);
    if (der.length > maxDer)
      throw new PkiError("INPUT_TOO_LARGE", `${what} of ${der.length} bytes exceeds ${maxDer}`);
  }
  return blocks;
}

function decodePemAs(
  text: string,
  labels: readonly string[],
  code: PkiErrorCode,
  what: string,
): Uint8Array[] {
  try {
    return decodePem(text, labels).map((b) => b.der);
  } catch (err) {
    if (err instanceof PkiError && err.code === "MALFORMED_PEM") {
      throw new PkiError(code, `${what}: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

function wrap<T>(code: PkiErrorCode, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PkiError) {
      if (err.code === "MALFORMED_EXTENSION")
        throw new PkiError(code, `${what}: ${err.message}`, { cause: err });
      throw err;
    }
    throw new PkiError(code, `${what} does not decode: ${errorMessage(err)}`, { cause: err });
  }
}

function certificateFromDer(der: Uint8Array): x509.X509Certificate {
  return wrap("MALFORMED_CERTIFICATE", "certificate", () => {
    const cert = new x509.X509Certificate(der, CERT_LIMITS);
    // The library decodes lazily; touch every field now so that a malformed certificate fails
    // here, with a typed error, and never later inside verification.
    void cert.serialNumber;
    void cert.subject;
    void cert.issuer;
    cert.subjectName.toJSON();
    cert.issuerName.toJSON();
    cert.subjectName.toArrayBuffer(); // names are compared re-encoded: they must round-trip
    cert.issuerName.toArrayBuffer();
    const nb = cert.notBefore;
    const na = cert.notAfter;
    if (Number.isNaN(nb.getTime()) || Number.isNaN(na.getTime())) throw new Error("invalid validity dates");
    void cert.publicKey.rawData;
    void cert.signature;
    for (const ext of cert.extensions) void ext.type;
    describeCertificate(cert);
    // A second, independent parser: OpenSSL (through Node) must accept the DER as well, so that
    // nothing the verifier later hands to node:crypto is a surprise.
    new NodeX509Certificate(der);
    return cert;
  });
}

/** Parses one certificate (the first block of a PEM text). Throws `MALFORMED_CERTIFICATE`. */
export function parseCertificate(input: CertificateInput): x509.X509Certificate {
  if (input instanceof x509.X509Certificate) return input;
  const blocks = derBlocks(
    input,
    [PEM_LABEL_CERTIFICATE],
    "MALFORMED_CERTIFICATE",
    "certificate",
    MAX_CERTIFICATE_DER,
  );
  return certificateFromDer(blocks[0]!);
}

/** Parses every certificate of a PEM bundle (or one DER certificate). */
export function parseCertificates(
  input: CertificateInput | readonly CertificateInput[],
): x509.X509Certificate[] {
  if (Array.isArray(input)) return (input as CertificateInput[]).flatMap((i) => parseCertificates(i));
  const single = input as CertificateInput;
  if (single instanceof x509.X509Certificate) return [single];
  return derBlocks(
    single,
    [PEM_LABEL_CERTIFICATE],
    "MALFORMED_CERTIFICATE",
    "certificate",
    MAX_CERTIFICATE_DER,
  ).map(certificateFromDer);
}

/** Parses a PKCS#10 certificate signing request. Throws `MALFORMED_CSR` (signature not checked here). */
export function parseCsr(input: CsrInput): x509.Pkcs10CertificateRequest {
  if (input instanceof x509.Pkcs10CertificateRequest) return input;
  const der = derBlocks(
    input,
    PEM_LABELS_CSR,
    "MALFORMED_CSR",
    "certificate signing request",
    MAX_CERTIFICATE_DER,
  )[0]!;
  return wrap("MALFORMED_CSR", "certificate signing request", () => {
    const csr = new x509.Pkcs10CertificateRequest(der, CERT_LIMITS);
    void csr.subject;
    csr.subjectName.toJSON();
    csr.subjectName.toArrayBuffer();
    void csr.publicKey.rawData;
    void csr.signature;
    for (const a of csr.attributes) void a.type;
    for (const e of csr.extensions) void e.type;
    return csr;
  });
}

function crlFromDer(der: Uint8Array): x509.X509Crl {
  return wrap("MALFORMED_CRL", "CRL", () => {
    const crl = new x509.X509Crl(der, CRL_LIMITS);
    void crl.issuer;
    crl.issuerName.toJSON();
    crl.issuerName.toArrayBuffer();
    if (Number.isNaN(crl.thisUpdate.getTime())) throw new Error("invalid thisUpdate");
    const next = crl.nextUpdate;
    if (next !== undefined && Number.isNaN(next.getTime())) throw new Error("invalid nextUpdate");
    void crl.signature;
    for (const e of crl.extensions) void e.type;
    crlNumberOf(crl);
    for (const entry of crl.entries) {
      void entry.serialNumber;
      void entry.revocationDate;
      void entry.reason;
      void entry.invalidity;
      for (const e of entry.extensions) void e.type;
    }
    return crl;
  });
}

/** Parses one CRL. Throws `MALFORMED_CRL`. */
export function parseCrl(input: CrlInput): x509.X509Crl {
  if (input instanceof x509.X509Crl) return input;
  return crlFromDer(derBlocks(input, [PEM_LABEL_CRL], "MALFORMED_CRL", "CRL", MAX_CRL_DER)[0]!);
}

/** Parses every CRL of a PEM text. */
export function parseCrls(input: CrlInput | readonly CrlInput[]): x509.X509Crl[] {
  if (Array.isArray(input)) return (input as CrlInput[]).flatMap((i) => parseCrls(i));
  const single = input as CrlInput;
  if (single instanceof x509.X509Crl) return [single];
  return derBlocks(single, [PEM_LABEL_CRL], "MALFORMED_CRL", "CRL", MAX_CRL_DER).map(crlFromDer);
}

/** PEM of one or more certificates. */
export function certificatesToPem(certs: readonly x509.X509Certificate[]): string {
  return certs.map((c) => encodePem(c.rawData, PEM_LABEL_CERTIFICATE)).join("");
}

/** The CRL number (2.5.29.20), if the CRL carries one. */
export function crlNumberOf(crl: x509.X509Crl): bigint | undefined {
  const ext = crl.getExtension("2.5.29.20");
  if (ext === null) return undefined;
  try {
    return BigInt(AsnConvert.parse(ext.value, CRLNumber).value);
  } catch (err) {
    throw new PkiError("MALFORMED_CRL", `CRL number does not decode: ${errorMessage(err)}`, { cause: err });
  }
}
