import { toHex } from "./encoding.ts";
import { x509 } from "./x509.ts";

function canonical(name: x509.Name): string {
  const rdns = name.toJSON().map((rdn) =>
    Object.entries(rdn)
      .map(
        ([type, values]) => [type, values.map((v) => v.trim().replace(/\s+/g, " ").toLowerCase())] as const,
      )
      .sort(),
  );
  return JSON.stringify(rdns);
}

/**
 * Distinguished-name equality as path validation needs it: byte-identical DER, or equal after
 * RFC 5280 §7.1-style normalisation (case-insensitive, whitespace folded).
 */
export function namesEqual(a: x509.Name, b: x509.Name): boolean {
  if (Buffer.from(a.toArrayBuffer()).equals(Buffer.from(b.toArrayBuffer()))) return true;
  return canonical(a) === canonical(b);
}

/** subjectKeyIdentifier of a certificate (hex), if present. */
export function subjectKeyId(cert: x509.X509Certificate): string | undefined {
  return cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId?.toLowerCase();
}

/** keyIdentifier of an authorityKeyIdentifier extension (hex), if present. */
export function authorityKeyId(holder: x509.X509Certificate | x509.X509Crl): string | undefined {
  // Both classes have the same getExtension; the union needs a branch for TypeScript's overloads.
  const ext =
    holder instanceof x509.X509Certificate
      ? holder.getExtension(x509.AuthorityKeyIdentifierExtension)
      : (holder as x509.X509Crl).getExtension(x509.AuthorityKeyIdentifierExtension);
  return ext?.keyId?.toLowerCase();
}

/** True when `issuer` could have issued `child` by name and key identifier. */
export function couldHaveIssued(issuer: x509.X509Certificate, child: x509.X509Certificate): boolean {
  if (!namesEqual(child.issuerName, issuer.subjectName)) return false;
  const aki = authorityKeyId(child);
  const ski = subjectKeyId(issuer);
  return aki === undefined || ski === undefined || aki === ski;
}

/** Self-issued: subject and issuer are the same name (RFC 5280 §6.1). */
export function isSelfIssued(cert: x509.X509Certificate): boolean {
  return couldHaveIssued(cert, cert);
}

/** DER equality of two certificates. */
export function sameCertificate(a: x509.X509Certificate, b: x509.X509Certificate): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}

/** Key identifier to put in AKI of certificates issued by `issuer`: its SKI, else SHA-1 of its key. */
export async function issuerKeyId(issuer: x509.X509Certificate): Promise<string> {
  const ski = subjectKeyId(issuer);
  if (ski !== undefined) return ski;
  return toHex(await issuer.publicKey.getKeyIdentifier());
}
