// A test CA for the transport tests: a root and a nodes intermediate (as a city would run), a
// rogue hierarchy nobody trusts, node certificates with or without a validator address, expired
// ones, revocation and fresh CRLs.
import {
  CertificateAuthority,
  certificateFingerprint,
  certificatesToPem,
  encodePem,
  type IssuedCertificate,
  type TlsIdentity,
  TrustStore,
  tlsIdentityOf,
} from "@civitas/pki";

const DAY = 86_400_000;

export interface TestNodeCert {
  readonly name: string;
  readonly identity: TlsIdentity;
  readonly fingerprint: string;
  readonly issued: IssuedCertificate;
}

export interface TestPki {
  readonly roots: string;
  readonly intermediates: string;
  /** Current CRLs of the root and the intermediate (PEM). */
  crls(): Promise<string[]>;
  trust(): Promise<TrustStore>;
  issue(
    name: string,
    o?: {
      validatorAddress?: string;
      expired?: boolean;
      rogue?: boolean;
      /** Names in the certificate (default localhost and 127.0.0.1). */
      dnsNames?: string[];
      ipAddresses?: string[];
    },
  ): Promise<TestNodeCert>;
  revoke(cert: TestNodeCert): void;
}

/** Creates the CA hierarchy. */
export async function createTestPki(): Promise<TestPki> {
  const longAgo = new Date(Date.now() - 30 * DAY);
  const root = await CertificateAuthority.createRoot({
    subject: { commonName: "Civitas Test Root" },
    notBefore: longAgo,
  });
  const nodesCa = await root.createIntermediate({
    subject: { commonName: "Civitas Test Nodes CA" },
    notBefore: longAgo,
  });
  const rogueRoot = await CertificateAuthority.createRoot({ subject: { commonName: "Rogue Root" } });
  const rogueCa = await rogueRoot.createIntermediate({ subject: { commonName: "Rogue Nodes CA" } });
  const roots = certificatesToPem([root.certificate]);
  const intermediates = certificatesToPem([nodesCa.certificate]);
  const crls = async (): Promise<string[]> => [
    encodePem((await nodesCa.createCrl()).rawData, "X509 CRL"),
    encodePem((await root.createCrl()).rawData, "X509 CRL"),
  ];
  return {
    roots,
    intermediates,
    crls,
    trust: async () => new TrustStore({ roots, intermediates, crls: await crls() }),
    async issue(name, o = {}) {
      const now = Date.now();
      const issued = await (o.rogue ? rogueCa : nodesCa).issueNodeCertificate({
        name,
        dnsNames: o.dnsNames ?? ["localhost"],
        ipAddresses: o.ipAddresses ?? ["127.0.0.1"],
        ...(o.validatorAddress !== undefined ? { validatorAddress: o.validatorAddress } : {}),
        ...(o.expired ? { notBefore: new Date(now - 10 * DAY), notAfter: new Date(now - DAY) } : {}),
      });
      return {
        name,
        identity: await tlsIdentityOf(issued),
        fingerprint: certificateFingerprint(issued.certificate),
        issued,
      };
    },
    revoke(cert) {
      nodesCa.revoke(cert.issued.certificate, "keyCompromise");
    },
  };
}
