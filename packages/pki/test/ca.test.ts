// Certificate profiles, CA hierarchy rules, keys at rest, the CA directory, and CRLs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CertificateAuthority,
  checkRevocation,
  crlNumberOf,
  decryptPrivateKey,
  describeCertificate,
  encryptPrivateKey,
  generateKeyPair,
  hashNationalId,
  importPrivateKey,
  initRootCa,
  isPkiError,
  oids,
  openCa,
  parseCertificate,
  privateKeyToPem,
  verifyCertificateChain,
  withCa,
  x509,
} from "../src/index.ts";

const FAST = { scrypt: { N: 2 ** 14, r: 8, p: 1 } };
const DAY = 86_400_000;
let dir: string;
let root: CertificateAuthority;
let dept: CertificateAuthority;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "civitas-pki-ca-"));
  root = await CertificateAuthority.createRoot({
    subject: { commonName: "Root", organization: "Civitas", country: "ES" },
  });
  dept = await root.createIntermediate({ subject: { commonName: "Dept" } });
});
after(() => rmSync(dir, { recursive: true, force: true }));

function ext<T extends x509.Extension>(cert: x509.X509Certificate, type: new (raw: ArrayBuffer) => T): T {
  const e = cert.getExtension(type);
  assert.ok(e, `missing ${type.name}`);
  return e;
}

function skiOf(cert: x509.X509Certificate): string {
  return ext(cert, x509.SubjectKeyIdentifierExtension).keyId;
}

describe("CA hierarchy", () => {
  test("root and intermediate: basic constraints, path length, key usage, SKI/AKI, ECDSA P-256 by default", () => {
    const rbc = ext(root.certificate, x509.BasicConstraintsExtension);
    assert.equal(rbc.ca, true);
    assert.equal(rbc.critical, true);
    assert.equal(rbc.pathLength, 1);
    const ku = ext(root.certificate, x509.KeyUsagesExtension);
    assert.equal(ku.critical, true);
    assert.equal(ku.usages, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    assert.equal(ext(root.certificate, x509.AuthorityKeyIdentifierExtension).keyId, skiOf(root.certificate));
    assert.deepEqual(root.certificate.publicKey.algorithm, { name: "ECDSA", namedCurve: "P-256" });
    const dbc = ext(dept.certificate, x509.BasicConstraintsExtension);
    assert.equal(dbc.ca, true);
    assert.equal(dbc.pathLength, 0);
    assert.equal(ext(dept.certificate, x509.AuthorityKeyIdentifierExtension).keyId, skiOf(root.certificate));
    assert.equal(dept.certificate.issuer, root.certificate.subject);
    assert.deepEqual(
      dept.tlsChain.map((c) => c.subject),
      ["CN=Dept"],
    );
  });

  test("path-length limits are enforced when creating subordinate CAs", async () => {
    await assert.rejects(dept.createIntermediate({ subject: { commonName: "Sub" } }), (e: unknown) =>
      isPkiError(e, "PATH_LENGTH_CONSTRAINT"),
    );
    await assert.rejects(
      root.createIntermediate({ subject: { commonName: "Deep" }, pathLength: 1 }),
      (e: unknown) => isPkiError(e, "PATH_LENGTH_CONSTRAINT"),
    );
    const deepRoot = await CertificateAuthority.createRoot({
      subject: { commonName: "Deep Root" },
      pathLength: 2,
    });
    const mid = await deepRoot.createIntermediate({ subject: { commonName: "Mid" }, pathLength: 1 });
    const low = await mid.createIntermediate({ subject: { commonName: "Low" } });
    const leaf = await low.issueNodeCertificate({ name: "n", dnsNames: ["n.example"] });
    const v = await verifyCertificateChain([leaf.certificate, ...low.tlsChain], {
      trustAnchors: deepRoot.certificate,
    });
    assert.ok(v.ok, v.ok ? "" : v.reason);
    assert.equal(v.chain.length, 4);
  });

  test("ed25519 CAs work end to end", async () => {
    const ed = await CertificateAuthority.createRoot({
      subject: { commonName: "Ed Root" },
      keyAlgorithm: "ed25519",
    });
    const leaf = await ed.issuePersonCertificate({
      nationalId: "X",
      assuranceLevel: "LOW",
      keyAlgorithm: "ed25519",
    });
    assert.equal((ed.certificate.signatureAlgorithm as unknown as { name: string }).name, "Ed25519");
    assert.ok((await verifyCertificateChain(leaf.certificate, { trustAnchors: ed.certificate })).ok);
  });

  test("an expired or not-yet-valid CA refuses to issue", async () => {
    const old = await CertificateAuthority.createRoot({
      subject: { commonName: "Old" },
      notBefore: new Date(Date.now() - 100 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    await assert.rejects(
      old.issueNodeCertificate({ name: "n", dnsNames: ["n"] }),
      (e: unknown) => isPkiError(e, "CA_EXPIRED") && /"CN=Old" expired on/.test((e as Error).message),
    );
    await assert.rejects(old.createCrl(), (e: unknown) => isPkiError(e, "CA_EXPIRED"));
    const early = await CertificateAuthority.createRoot({
      subject: { commonName: "Early" },
      notBefore: new Date(Date.now() + DAY),
    });
    await assert.rejects(early.issueNodeCertificate({ name: "n", dnsNames: ["n"] }), (e: unknown) =>
      isPkiError(e, "CA_NOT_YET_VALID"),
    );
    // An intermediate of a root about to expire is clamped to the root's lifetime, then unusable.
    const oldRoot = await CertificateAuthority.createRoot({
      subject: { commonName: "Old Root" },
      notBefore: new Date(Date.now() - 100 * DAY),
      notAfter: new Date(Date.now() + DAY),
    });
    const sub = await oldRoot.createIntermediate({ subject: { commonName: "Sub" } });
    assert.equal(sub.certificate.notAfter.getTime(), oldRoot.certificate.notAfter.getTime());
    await assert.rejects(
      sub.issueNodeCertificate({ name: "n", dnsNames: ["n"], now: new Date(Date.now() + 2 * DAY) }),
      (e: unknown) => isPkiError(e, "CA_EXPIRED"),
    );
  });

  test("a certificate never outlives its issuer", async () => {
    const short = await root.createIntermediate({ subject: { commonName: "Short" }, validityDays: 10 });
    const leaf = await short.issueNodeCertificate({ name: "n", dnsNames: ["n"], validityDays: 365 });
    assert.equal(leaf.certificate.notAfter.getTime(), short.certificate.notAfter.getTime());
  });

  test("importing material checks it: a leaf is not a CA, a key must match, a chain must link to a root", async () => {
    const leaf = await dept.issueNodeCertificate({ name: "n", dnsNames: ["n"] });
    await assert.rejects(
      CertificateAuthority.fromMaterial({ certificate: leaf.certificate, privateKey: leaf.privateKey! }),
      (e: unknown) => isPkiError(e, "NOT_A_CA"),
    );
    await assert.rejects(
      CertificateAuthority.fromMaterial({
        certificate: dept.certificate,
        privateKey: leaf.privateKey!,
        chain: [root.certificate],
      }),
      (e: unknown) => isPkiError(e, "KEY_MISMATCH"),
    );
    await assert.rejects(
      CertificateAuthority.fromMaterial({ certificate: dept.certificate, privateKey: dept.privateKey }),
      (e: unknown) => isPkiError(e, "CHAIN_INVALID"),
    );
    const other = await CertificateAuthority.createRoot({
      subject: { commonName: "Root", organization: "Civitas", country: "ES" },
    });
    await assert.rejects(
      CertificateAuthority.fromMaterial({
        certificate: dept.certificate,
        privateKey: dept.privateKey,
        chain: [other.certificate],
      }),
      (e: unknown) => isPkiError(e, "CHAIN_INVALID"),
    );
    const ok = await CertificateAuthority.fromMaterial({
      certificate: dept.certificate,
      privateKey: dept.privateKey,
      chain: [root.certificate],
    });
    assert.equal(ok.root.subject, root.certificate.subject);
  });
});

describe("certificate profiles", () => {
  test("node: serverAuth + clientAuth, SAN DNS and IP, validator address, critical KU/BC, AKI = issuer SKI", async () => {
    const { certificate: c, privateKey } = await dept.issueNodeCertificate({
      name: "validator-3",
      dnsNames: ["v3.civitas.example"],
      ipAddresses: ["10.1.2.3", "2001:db8::3"],
      validatorAddress: "0x8617e340b3d01fa5f11f306f4090fd50e238070d",
    });
    assert.ok(privateKey);
    const bc = ext(c, x509.BasicConstraintsExtension);
    assert.equal(bc.ca, false);
    assert.equal(bc.critical, true);
    const ku = ext(c, x509.KeyUsagesExtension);
    assert.equal(ku.critical, true);
    assert.equal(ku.usages, x509.KeyUsageFlags.digitalSignature);
    assert.deepEqual(
      [...ext(c, x509.ExtendedKeyUsageExtension).usages],
      [oids.OID.serverAuth, oids.OID.clientAuth],
    );
    assert.equal(ext(c, x509.AuthorityKeyIdentifierExtension).keyId, skiOf(dept.certificate));
    assert.equal(ext(c, x509.SubjectKeyIdentifierExtension).keyId.length, 40);
    assert.deepEqual([...ext(c, x509.CertificatePolicyExtension).policies], [oids.OID_POLICY_NODE]);
    const nodeExt = c.getExtension(oids.OID_EXT_NODE);
    assert.equal(nodeExt?.critical, false);
    const id = describeCertificate(c);
    assert.equal(id.type, "node");
    if (id.type !== "node") return;
    assert.equal(id.validatorAddress, "0x8617E340B3D01FA5F11F306F4090FD50E238070D"); // EIP-55
    assert.deepEqual(id.dnsNames, ["v3.civitas.example"]);
    assert.deepEqual(id.ipAddresses, ["10.1.2.3", "2001:db8::3"]);
    assert.match(id.serialNumber, /^[0-9a-f]{32}$/);
    // A non-validator node carries the extension without an address.
    const plain = describeCertificate(
      (await dept.issueNodeCertificate({ name: "observer", dnsNames: ["o"] })).certificate,
    );
    assert.equal(plain.type, "node");
    assert.equal(plain.type === "node" && plain.validatorAddress, undefined);
  });

  test("node: bad inputs are refused", async () => {
    for (const bad of [
      { dnsNames: [] },
      { dnsNames: ["*.wild.example"] },
      { dnsNames: ["ok"], ipAddresses: ["999.1.1.1"] },
      { dnsNames: ["ok"], validatorAddress: "0x1234" },
      { dnsNames: ["ok"], validatorAddress: "0x8617E340B3D01FA5F11F306F4090FD50E238070d" }, // wrong checksum
    ]) {
      await assert.rejects(
        dept.issueNodeCertificate({ name: "n", ...bad }),
        (e: unknown) => isPkiError(e, "INVALID_ARGUMENT"),
        JSON.stringify(bad),
      );
    }
  });

  test("organisation: name, identifier (organizationIdentifier) and roles", async () => {
    const { certificate: c } = await dept.issueOrganisationCertificate({
      organisationName: "Bilbao Udala — Ayuntamiento",
      organisationIdentifier: "VATES-P4802000I",
      roles: ["public-body", "service-provider"],
      country: "ES",
    });
    const id = describeCertificate(c);
    assert.equal(id.type, "organisation");
    if (id.type !== "organisation") return;
    assert.equal(id.organisationName, "Bilbao Udala — Ayuntamiento");
    assert.equal(id.organisationIdentifier, "VATES-P4802000I");
    assert.deepEqual(id.roles, ["public-body", "service-provider"]);
    assert.deepEqual(c.subjectName.getField(oids.OID.organizationIdentifier), ["VATES-P4802000I"]);
    assert.equal(
      ext(c, x509.KeyUsagesExtension).usages,
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    );
    await assert.rejects(
      dept.issueOrganisationCertificate({
        organisationName: "X",
        organisationIdentifier: "Y",
        roles: ["Not A Role"],
      }),
      (e: unknown) => isPkiError(e, "INVALID_ARGUMENT"),
    );
  });

  test("person: keyed hash of the national ID in the subject, assurance level and roles in the extension", async () => {
    const { certificate: c } = await dept.issuePersonCertificate({
      nationalId: "12.345.678-z",
      assuranceLevel: "QUALIFIED",
      roles: ["citizen", "voter"],
      commonName: 'Ane "Txiki" Ürkiza, Jr.',
    });
    const id = describeCertificate(c);
    assert.equal(id.type, "person");
    if (id.type !== "person") return;
    assert.equal(id.commonName, 'Ane "Txiki" Ürkiza, Jr.'); // taken literally, no DN-string parsing
    assert.equal(id.assuranceLevel, "QUALIFIED");
    assert.deepEqual(id.roles, ["citizen", "voter"]);
    // Same normalised ID → same hash; the hash is the CA's HMAC, not a bare SHA-256.
    assert.equal(id.nationalIdHash, dept.nationalIdHash("12345678Z"));
    assert.equal(
      id.nationalIdHash,
      root.nationalIdHash("12345678Z"),
      "intermediates share the network's ID-hash key",
    );
    assert.notEqual(id.nationalIdHash, hashNationalId("12345678Z", new Uint8Array(32)));
    assert.match(id.idHashKeyId ?? "", /^[0-9a-f]{16}$/);
    const der = Buffer.from(c.rawData);
    assert.equal(der.includes("12345678"), false);
    assert.equal(der.includes("12.345.678"), false);
    assert.deepEqual(
      [...ext(c, x509.CertificatePolicyExtension).policies],
      [oids.OID_POLICY_PERSON, oids.OID_POLICY_PERSON_QUALIFIED],
    );
    for (const level of ["SUBSTANTIAL", "LOW"] as const) {
      const p = describeCertificate(
        (await dept.issuePersonCertificate({ nationalId: "A1", assuranceLevel: level })).certificate,
      );
      assert.equal(p.type === "person" && p.assuranceLevel, level);
    }
  });

  test("the person extension is plain DER that openssl decodes (ENUMERATED level, SEQUENCE OF UTF8String roles)", async () => {
    const { certificate: c } = await dept.issuePersonCertificate({
      nationalId: "B2",
      assuranceLevel: "SUBSTANTIAL",
      roles: ["clerk"],
    });
    const file = join(dir, "person-ext.der");
    writeFileSync(file, Buffer.from(c.getExtension(oids.OID_EXT_PERSON)!.value));
    const r = spawnSync("openssl", ["asn1parse", "-inform", "DER", "-in", file], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /ENUMERATED\s+:02/);
    assert.match(r.stdout, /UTF8STRING\s+:clerk/);
  });

  test("a CSR's key is certified; a CSR with a broken signature or an unsupported key is refused", async () => {
    const keys = await generateKeyPair("ecdsa-p256");
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: "CN=ignored",
      keys,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
    });
    const issued = await dept.issueNodeCertificate({
      name: "from-csr",
      dnsNames: ["c"],
      csr: csr.toString("pem"),
    });
    assert.equal(issued.privateKey, undefined);
    assert.deepEqual(Buffer.from(issued.certificate.publicKey.rawData), Buffer.from(csr.publicKey.rawData));
    assert.equal(issued.certificate.subject, "CN=from-csr", "the CA, not the CSR, decides the subject");
    const der = Buffer.from(csr.rawData);
    der[der.length - 2] = der[der.length - 2]! ^ 0xff;
    await assert.rejects(
      dept.issueNodeCertificate({ name: "x", dnsNames: ["x"], csr: der }),
      (e: unknown) => isPkiError(e, "CSR_SIGNATURE_INVALID") || isPkiError(e, "MALFORMED_CSR"),
    );
    await assert.rejects(
      dept.issueNodeCertificate({
        name: "x",
        dnsNames: ["x"],
        csr: "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
      }),
      (e: unknown) => isPkiError(e, "MALFORMED_CSR"),
    );
    const k1 = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-521" }, true, [
      "sign",
      "verify",
    ])) as { privateKey: never; publicKey: never };
    const weird = await x509.Pkcs10CertificateRequestGenerator.create({
      name: "CN=p521",
      keys: k1,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-512" },
    });
    await assert.rejects(
      dept.issueNodeCertificate({ name: "x", dnsNames: ["x"], csr: weird.toString("pem") }),
      (e: unknown) => isPkiError(e, "UNSUPPORTED_ALGORITHM"),
    );
  });
});

describe("keys at rest", () => {
  test("scrypt + AES-256-GCM sealing: round trip, wrong passphrase, tampering, short passphrase", async () => {
    const { privateKey } = await generateKeyPair();
    const sealed = await encryptPrivateKey(privateKey, "a good passphrase", FAST);
    const opened = await decryptPrivateKey(sealed, "a good passphrase");
    assert.equal(await privateKeyToPem(opened), await privateKeyToPem(privateKey));
    await assert.rejects(decryptPrivateKey(sealed, "a bad passphrase"), (e: unknown) =>
      isPkiError(e, "WRONG_PASSPHRASE"),
    );
    const obj = JSON.parse(sealed);
    obj.kind = "id-hash-key";
    await assert.rejects(decryptPrivateKey(JSON.stringify(obj), "a good passphrase"), (e: unknown) =>
      isPkiError(e, "MALFORMED_KEY_FILE"),
    );
    const tampered = JSON.parse(sealed);
    tampered.kdf.p = 2; // authenticated header: any change fails the tag
    await assert.rejects(decryptPrivateKey(JSON.stringify(tampered), "a good passphrase"), (e: unknown) =>
      isPkiError(e, "WRONG_PASSPHRASE"),
    );
    const cheap = JSON.parse(sealed);
    cheap.kdf.N = 1024; // below the floor: refused before any work
    await assert.rejects(decryptPrivateKey(JSON.stringify(cheap), "a good passphrase"), (e: unknown) =>
      isPkiError(e, "MALFORMED_KEY_FILE"),
    );
    await assert.rejects(encryptPrivateKey(privateKey, "short", FAST), (e: unknown) =>
      isPkiError(e, "INVALID_ARGUMENT"),
    );
  });

  test("imports PKCS#8, SEC1 and encrypted PKCS#8 keys as OpenSSL writes them", async () => {
    const key = join(dir, "ec.key");
    assert.equal(
      spawnSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key]).status,
      0,
    );
    const sec1 = readFileSync(key, "utf8");
    assert.match(sec1, /BEGIN EC PRIVATE KEY/);
    const a = await importPrivateKey(sec1);
    const enc = join(dir, "ec.enc.key");
    assert.equal(
      spawnSync("openssl", ["pkcs8", "-topk8", "-in", key, "-out", enc, "-passout", "pass:secret-pass"])
        .status,
      0,
    );
    const b = await importPrivateKey(readFileSync(enc, "utf8"), "secret-pass");
    assert.equal(await privateKeyToPem(a), await privateKeyToPem(b));
    await assert.rejects(importPrivateKey(readFileSync(enc, "utf8"), "wrong-pass"), (e: unknown) =>
      isPkiError(e, "WRONG_PASSPHRASE"),
    );
    await assert.rejects(
      importPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
      (e: unknown) => isPkiError(e, "MALFORMED_KEY"),
    );
  });
});

describe("CA directory", () => {
  test("keys sealed with mode 0600, state persisted across opens, wrong passphrase refused, lock held", async () => {
    const caDir = join(dir, "store-root");
    await initRootCa(caDir, {
      subject: { commonName: "Stored Root" },
      passphrase: "stored passphrase",
      ...FAST,
    });
    assert.equal(statSync(caDir).mode & 0o777, 0o700);
    assert.equal(statSync(join(caDir, "ca.key.json")).mode & 0o777, 0o600);
    assert.equal(statSync(join(caDir, "state.json")).mode & 0o777, 0o600);
    await assert.rejects(
      initRootCa(caDir, { subject: { commonName: "Again" }, passphrase: "stored passphrase", ...FAST }),
      (e: unknown) => isPkiError(e, "CA_EXISTS"),
    );
    await assert.rejects(
      openCa(caDir, "not the passphrase"),
      (e: unknown) => isPkiError(e, "WRONG_PASSPHRASE") && /ca\.key\.json/.test((e as Error).message),
    );
    const serial = await withCa(caDir, "stored passphrase", async (ca) => {
      await assert.rejects(
        withCa(caDir, "stored passphrase", async () => 0),
        (e: unknown) => isPkiError(e, "CA_LOCKED"),
      );
      return (await ca.issueNodeCertificate({ name: "n", dnsNames: ["n"] })).certificate.serialNumber;
    });
    const reopened = await openCa(caDir, "stored passphrase");
    assert.equal(reopened.records().length, 1);
    assert.ok(reopened.record(serial));
    assert.equal(
      reopened.nationalIdHash("X1"),
      (await openCa(caDir, "stored passphrase")).nationalIdHash("X1"),
    );
  });
});

describe("revocation", () => {
  test("numbered, signed CRLs with nextUpdate and reasons; the check API", async () => {
    const ca = await root.createIntermediate({ subject: { commonName: "CRL CA" } });
    const a = await ca.issueNodeCertificate({ name: "a", dnsNames: ["a"] });
    const b = await ca.issueNodeCertificate({ name: "b", dnsNames: ["b"] });
    const crl1 = await ca.createCrl();
    assert.equal(crlNumberOf(crl1), 1n);
    assert.ok(crl1.nextUpdate && crl1.nextUpdate.getTime() > Date.now() + 6 * DAY);
    assert.equal((await checkRevocation(a.certificate, crl1, ca.certificate)).status, "good");

    ca.revoke(a.certificate, "keyCompromise");
    ca.revoke(b.certificate.serialNumber, "certificateHold");
    assert.throws(
      () => ca.revoke(a.certificate, "superseded"),
      (e: unknown) => isPkiError(e, "ALREADY_REVOKED"),
    );
    ca.revoke(b.certificate, "cessationOfOperation"); // a hold can become final
    assert.throws(
      () => ca.revoke("0badc0de"),
      (e: unknown) => isPkiError(e, "CERTIFICATE_NOT_FOUND"),
    );
    const stranger = await root.issueNodeCertificate({ name: "s", dnsNames: ["s"] });
    assert.throws(
      () => ca.revoke(stranger.certificate),
      (e: unknown) => isPkiError(e, "CERTIFICATE_NOT_FOUND"),
    );

    const crl2 = await ca.createCrl({ validityDays: 1 });
    assert.equal(crlNumberOf(crl2), 2n);
    assert.ok(await crl2.verify({ publicKey: ca.certificate }));
    const sa = await checkRevocation(a.certificate, crl2, ca.certificate);
    assert.equal(sa.status, "revoked");
    assert.equal(sa.status === "revoked" && sa.entry.reason, "keyCompromise");
    const sb = await checkRevocation(b.certificate, crl2, ca.certificate);
    assert.equal(sb.status === "revoked" && sb.entry.reason, "cessationOfOperation");
    const late = await checkRevocation(a.certificate, crl2, ca.certificate, {
      at: new Date(Date.now() + 2 * DAY),
    });
    assert.equal(late.status === "unknown" && late.code, "CRL_EXPIRED");
    const wrongIssuer = await checkRevocation(a.certificate, crl2, root.certificate);
    assert.equal(wrongIssuer.status, "unknown");

    // With several CRLs the newest valid one decides.
    const v = await verifyCertificateChain([a.certificate, ca.certificate], {
      trustAnchors: root.certificate,
      crls: [crl1, crl2],
      revocation: "leaf",
    });
    assert.equal(v.ok || v.code, "REVOKED");
    assert.equal(v.ok || v.revocation?.reason, "keyCompromise");
  });
});

describe("parsing", () => {
  test("a certificate whose subject has a mutated string tag is MALFORMED_CERTIFICATE at parse time (fuzz regression)", async () => {
    const { certificate } = await dept.issueOrganisationCertificate({
      organisationName: "Org",
      organisationIdentifier: "VATES-X",
      roles: ["a"],
    });
    const der = Buffer.from(certificate.rawData);
    const at = der.indexOf(Buffer.from([0x06, 0x03, 0x55, 0x04, 0x61, 0x13])); // organizationIdentifier, PrintableString
    assert.ok(at > 0);
    der[at + 5] = 0x17; // → UTCTime
    assert.throws(
      () => parseCertificate(der),
      (e: unknown) => isPkiError(e, "MALFORMED_CERTIFICATE"),
    );
  });
});
