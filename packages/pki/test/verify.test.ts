// Verification details beyond the openssl comparison: the typed failure object, profiles,
// partial chains, depth limits, and the TrustStore the node's transport uses.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CertificateAuthority,
  certificatesToPem,
  createIntermediateCa,
  initRootCa,
  isPkiError,
  saveCrl,
  TrustStore,
  verifyCertificateChain,
  withCa,
} from "../src/index.ts";

const FAST = { scrypt: { N: 2 ** 14, r: 8, p: 1 } };
let dir: string;
let root: CertificateAuthority;
let dept: CertificateAuthority;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "civitas-pki-verify-"));
  root = await CertificateAuthority.createRoot({ subject: { commonName: "Root" } });
  dept = await root.createIntermediate({ subject: { commonName: "Dept" } });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("verifyCertificateChain", () => {
  test("a failure names the certificate, the depth and the partial path", async () => {
    const leaf = await dept.issueNodeCertificate({ name: "n", dnsNames: ["n"] });
    const other = await CertificateAuthority.createRoot({ subject: { commonName: "Other" } });
    const r = await verifyCertificateChain([leaf.certificate, dept.certificate], {
      trustAnchors: other.certificate,
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.code, "UNKNOWN_ISSUER");
    assert.equal(r.depth, 1);
    assert.equal(r.certificate?.subject, "CN=Dept");
    assert.deepEqual(
      r.chain.map((c) => c.subject),
      ["CN=n", "CN=Dept"],
    );
    assert.match(r.reason, /no trusted issuer found for "CN=Dept" \(issuer "CN=Root"\)/);
  });

  test("malformed input is a result, not an exception", async () => {
    const r = await verifyCertificateChain("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", {
      trustAnchors: root.certificate,
    });
    assert.equal(r.ok || r.code, "MALFORMED_CERTIFICATE");
    const r2 = await verifyCertificateChain(new Uint8Array([0x30, 0x82, 0xff]), {
      trustAnchors: root.certificate,
    });
    assert.equal(r2.ok || r2.code, "MALFORMED_CERTIFICATE");
  });

  test("profile, partial chain and depth limit", async () => {
    const org = await dept.issueOrganisationCertificate({
      organisationName: "O",
      organisationIdentifier: "ID",
      roles: ["r"],
    });
    const chain = [org.certificate, dept.certificate];
    const asNode = await verifyCertificateChain(chain, { trustAnchors: root.certificate, profile: "node" });
    assert.equal(asNode.ok || asNode.code, "PROFILE_MISMATCH");
    const asOrg = await verifyCertificateChain(chain, {
      trustAnchors: root.certificate,
      profile: "organisation",
      purpose: "clientAuth",
    });
    assert.ok(asOrg.ok);
    const asServer = await verifyCertificateChain(chain, {
      trustAnchors: root.certificate,
      purpose: "serverAuth",
    });
    assert.equal(asServer.ok || asServer.code, "PURPOSE_MISMATCH");
    // Trusting the intermediate alone needs partialChain (like OpenSSL's -partial_chain).
    const partial = await verifyCertificateChain(org.certificate, { trustAnchors: dept.certificate });
    assert.equal(partial.ok || partial.code, "UNKNOWN_ISSUER");
    assert.ok(
      (await verifyCertificateChain(org.certificate, { trustAnchors: dept.certificate, partialChain: true }))
        .ok,
    );
    const tooLong = await verifyCertificateChain(chain, { trustAnchors: root.certificate, maxDepth: 2 });
    assert.equal(tooLong.ok || tooLong.code, "PATH_TOO_LONG");
  });

  test("the verification time is honoured", async () => {
    const leaf = await dept.issueNodeCertificate({ name: "n", dnsNames: ["n"], validityDays: 30 });
    const later = await verifyCertificateChain([leaf.certificate, dept.certificate], {
      trustAnchors: root.certificate,
      at: new Date(Date.now() + 40 * 86_400_000),
    });
    assert.equal(later.ok || later.code, "EXPIRED");
    const earlier = await verifyCertificateChain([leaf.certificate, dept.certificate], {
      trustAnchors: root.certificate,
      at: new Date(Date.now() - 86_400_000),
    });
    assert.equal(earlier.ok || earlier.code, "NOT_YET_VALID");
  });
});

describe("TrustStore", () => {
  test("loads CA directories (roots, intermediates, CRLs) without passphrases and verifies peers", async () => {
    const rootDir = join(dir, "root");
    const deptDir = join(dir, "dept");
    await initRootCa(rootDir, {
      subject: { commonName: "Stored Root" },
      passphrase: "root passphrase",
      ...FAST,
    });
    await createIntermediateCa(rootDir, "root passphrase", deptDir, {
      subject: { commonName: "Stored Dept" },
      passphrase: "dept passphrase",
      ...FAST,
    });
    const leaf = await withCa(deptDir, "dept passphrase", async (ca) => {
      const issued = await ca.issueNodeCertificate({
        name: "node-7",
        dnsNames: ["node-7"],
        validatorAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
      });
      await saveCrl(deptDir, await ca.createCrl());
      return issued;
    });
    // Without the root's CRL, "chain" revocation checking cannot complete.
    const partialTrust = await TrustStore.fromCaDirectories([deptDir, rootDir]);
    const missing = await partialTrust.verify(leaf.certificate, { profile: "node", purpose: "clientAuth" });
    assert.equal(missing.ok || missing.code, "CRL_MISSING");
    assert.equal(missing.ok || missing.depth, 1);
    await withCa(rootDir, "root passphrase", async (ca) => saveCrl(rootDir, await ca.createCrl()));
    const trust = await TrustStore.fromCaDirectories([deptDir, rootDir]);
    assert.equal(trust.roots.length, 1);
    assert.equal(trust.intermediates.length, 1);
    assert.equal(trust.crls.length, 2);
    const ok = await trust.verify(leaf.certificate, { profile: "node", purpose: "clientAuth" });
    assert.ok(ok.ok, ok.ok ? "" : ok.reason);
    assert.equal(ok.revocationChecked, 3);
    assert.equal(
      ok.identity.type === "node" && ok.identity.validatorAddress,
      "0x52908400098527886E0F7030069857D2E4169EE7",
    );
    const tls = trust.tlsOptions();
    assert.equal(tls.ca.length, 2);
    assert.equal(tls.crl?.length, 2);
    assert.equal(trust.tlsOptions({ includeCrls: false }).crl, undefined);
  });

  test("refuses a non-self-signed certificate as a root", () => {
    assert.throws(
      () => new TrustStore({ roots: certificatesToPem([dept.certificate]) }),
      (e: unknown) => isPkiError(e, "INVALID_ARGUMENT"),
    );
  });
});
