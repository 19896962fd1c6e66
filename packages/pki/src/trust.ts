import { readFile } from "node:fs/promises";
import { encodePem } from "./encoding.ts";
import { PkiError } from "./errors.ts";
import { isSelfIssued } from "./names.ts";
import {
  type CertificateInput,
  type CrlInput,
  certificatesToPem,
  PEM_LABEL_CRL,
  parseCertificates,
  parseCrls,
} from "./parse.ts";
import { readCaPublic } from "./store.ts";
import { type VerifyOptions, type VerifyResult, verifyCertificateChain } from "./verify.ts";
import type { x509 } from "./x509.ts";

export interface TrustStoreInput {
  /** Trusted roots (PEM bundle, DER, or parsed). */
  roots: CertificateInput | readonly CertificateInput[];
  /** Known intermediates (used to complete a peer's path; not trusted by themselves). */
  intermediates?: CertificateInput | readonly CertificateInput[];
  /** Current CRLs of the CAs (PEM, possibly several in one text). */
  crls?: CrlInput | readonly CrlInput[];
}

/**
 * What a node trusts: the network's root(s), the known intermediates, the current CRLs. The
 * transport loads one of these (from PEM files or a CA directory), verifies every peer with
 * {@link TrustStore.verify} and hands the same material to Node's tls via {@link TrustStore.tlsOptions}.
 */
export class TrustStore {
  readonly roots: readonly x509.X509Certificate[];
  readonly intermediates: readonly x509.X509Certificate[];
  #crls: x509.X509Crl[];

  constructor(input: TrustStoreInput) {
    this.roots = parseCertificates(input.roots as CertificateInput);
    if (this.roots.length === 0)
      throw new PkiError("INVALID_ARGUMENT", "a trust store needs at least one root");
    for (const r of this.roots) {
      if (!isSelfIssued(r))
        throw new PkiError("INVALID_ARGUMENT", `trusted root "${r.subject}" is not self-signed`);
    }
    this.intermediates =
      input.intermediates === undefined ? [] : parseCertificates(input.intermediates as CertificateInput);
    this.#crls = input.crls === undefined ? [] : parseCrls(input.crls as CrlInput);
  }

  /** Loads PEM files: a roots bundle, optional intermediates bundle and CRL files. */
  static async fromFiles(paths: {
    roots: string;
    intermediates?: string;
    crls?: readonly string[];
  }): Promise<TrustStore> {
    const roots = await readFile(paths.roots, "utf8");
    const intermediates =
      paths.intermediates === undefined ? undefined : await readFile(paths.intermediates, "utf8");
    const crls = await Promise.all((paths.crls ?? []).map((p) => readFile(p, "utf8")));
    return new TrustStore({ roots, ...(intermediates !== undefined ? { intermediates } : {}), crls });
  }

  /**
   * Trust material of Civitas CA directories (no passphrase needed): the root of each, every CA
   * certificate below it as an intermediate, and each directory's latest CRL.
   */
  static async fromCaDirectories(dirs: readonly string[]): Promise<TrustStore> {
    const pubs = await Promise.all(dirs.map((d) => readCaPublic(d)));
    const roots = unique(pubs.map((p) => p.root));
    const intermediates = unique(
      pubs.flatMap((p) => [p.certificate, ...p.chain]).filter((c) => !roots.some((r) => same(r, c))),
    );
    const crls = pubs.flatMap((p) => (p.crl ? [p.crl] : []));
    return new TrustStore({ roots, intermediates, crls });
  }

  get crls(): readonly x509.X509Crl[] {
    return this.#crls;
  }

  /** Replaces the CRLs (call when a CA publishes a new one). */
  setCrls(crls: CrlInput | readonly CrlInput[]): void {
    this.#crls = parseCrls(crls as CrlInput);
  }

  /**
   * Verifies a presented chain (leaf first, then whatever intermediates the peer sent) against
   * this store. Revocation defaults to "chain" when the store has CRLs.
   */
  verify(
    chain: CertificateInput | readonly CertificateInput[],
    options: Partial<VerifyOptions> = {},
  ): Promise<VerifyResult> {
    return verifyCertificateChain(chain, {
      trustAnchors: this.roots,
      intermediates: this.intermediates,
      crls: this.#crls,
      ...options,
    });
  }

  /** `ca` and `crl` options for Node's tls (PEM). With `crl`, OpenSSL checks every CA level's CRL. */
  tlsOptions(o: { includeCrls?: boolean } = {}): { ca: string[]; crl?: string[] } {
    const ca = [...this.roots, ...this.intermediates].map((c) => certificatesToPem([c]));
    const withCrls = (o.includeCrls ?? true) && this.#crls.length > 0;
    return { ca, ...(withCrls ? { crl: this.#crls.map((c) => encodePem(c.rawData, PEM_LABEL_CRL)) } : {}) };
  }
}

function same(a: x509.X509Certificate, b: x509.X509Certificate): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}

function unique(certs: x509.X509Certificate[]): x509.X509Certificate[] {
  return certs.filter((c, i) => certs.findIndex((d) => same(c, d)) === i);
}
