// Path validation agrees with `openssl verify`, on chains made by openssl itself (valid and
// broken), and openssl accepts what Civitas issues.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CertificateAuthority,
  certificatesToPem,
  encodePem,
  importCa,
  openCa,
  type VerifyFailureCode,
  verifyCertificateChain,
} from "../src/index.ts";
import { corruptSignature, genCsr, OpenSslCa, opensslOk, opensslVerify, osTime } from "./helpers/openssl.ts";

/**
 * Which `openssl verify` error numbers mean the same as each Civitas failure code (OpenSSL 3
 * numbering; 79 is the 3.x "invalid CA certificate", 24 the 1.1 one).
 */
const OPENSSL_CODES: Record<VerifyFailureCode, number[]> = {
  MALFORMED_CERTIFICATE: [],
  UNKNOWN_ISSUER: [2, 20, 21],
  UNTRUSTED_ROOT: [18, 19],
  SIGNATURE_INVALID: [7],
  NOT_YET_VALID: [9],
  EXPIRED: [10],
  ISSUER_NOT_CA: [24, 79],
  ISSUER_KEY_USAGE: [24, 32, 79],
  PATH_LENGTH_EXCEEDED: [25],
  PURPOSE_MISMATCH: [26],
  UNHANDLED_CRITICAL_EXTENSION: [34],
  REVOKED: [23],
  CRL_MISSING: [3],
  CRL_SIGNATURE_INVALID: [8],
  CRL_NOT_YET_VALID: [11],
  CRL_EXPIRED: [12],
  CRL_ISSUER_KEY_USAGE: [35],
  UNHANDLED_CRITICAL_CRL_EXTENSION: [36],
  PATH_TOO_LONG: [22],
  PROFILE_MISMATCH: [],
};

const DAY = 86_400_000;
const past = (days: number): string => osTime(new Date(Date.now() - days * DAY));
const future = (days: number): string => osTime(new Date(Date.now() + days * DAY));

interface Case {
  name: string;
  leaf: string;
  cafile: string;
  untrusted?: string[];
  crls?: string[];
  crlCheck?: "leaf" | "all";
  purpose?: "sslserver" | "sslclient";
  /** What Civitas must say (and openssl must agree with). */
  expect: "OK" | VerifyFailureCode;
  depth?: number;
}

let dir: string;
const cases: Case[] = [];

function bundle(name: string, paths: string[]): string {
  const path = join(dir, `${name}.bundle.pem`);
  writeFileSync(path, paths.map((p) => readFileSync(p, "utf8")).join(""));
  return path;
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), "civitas-pki-openssl-"));
  const root = OpenSslCa.root(dir, "Root");
  const inter = root.subCa("Inter");
  const good = inter.issue("good", { ext: "leaf" });
  const chain = [inter.cert];

  cases.push({ name: "valid chain", leaf: good.cert, cafile: root.cert, untrusted: chain, expect: "OK" });
  cases.push({
    name: "valid chain, purpose sslserver",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    purpose: "sslserver",
    expect: "OK",
  });
  cases.push({
    name: "valid chain, purpose sslclient",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    purpose: "sslclient",
    expect: "OK",
  });

  // Wrong signatures.
  const badLeaf = write("bad-sig-leaf.pem", corruptSignature(good.pem));
  cases.push({
    name: "leaf with a wrong signature",
    leaf: badLeaf,
    cafile: root.cert,
    untrusted: chain,
    expect: "SIGNATURE_INVALID",
    depth: 0,
  });
  const badInter = write("bad-sig-inter.pem", corruptSignature(readFileSync(inter.cert, "utf8")));
  cases.push({
    name: "intermediate with a wrong signature",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: [badInter],
    expect: "SIGNATURE_INVALID",
    depth: 1,
  });

  // Validity windows.
  const expired = inter.issue("expired", { ext: "leaf", start: past(60), end: past(30) });
  cases.push({
    name: "expired leaf",
    leaf: expired.cert,
    cafile: root.cert,
    untrusted: chain,
    expect: "EXPIRED",
    depth: 0,
  });
  const notYet = inter.issue("not-yet", { ext: "leaf", start: future(30), end: future(60) });
  cases.push({
    name: "not-yet-valid leaf",
    leaf: notYet.cert,
    cafile: root.cert,
    untrusted: chain,
    expect: "NOT_YET_VALID",
    depth: 0,
  });
  const oldInter = root.subCa("ExpiredInter", { start: past(400), end: past(1) });
  const underOld = oldInter.issue("under-expired-inter", { ext: "leaf", start: past(100), end: future(100) });
  cases.push({
    name: "expired intermediate",
    leaf: underOld.cert,
    cafile: root.cert,
    untrusted: [oldInter.cert],
    expect: "EXPIRED",
    depth: 1,
  });
  const oldRoot = OpenSslCa.root(dir, "ExpiredRoot", { start: past(400), end: past(1) });
  const oldRootInter = oldRoot.subCa("ExpiredRootInter", { start: past(100), end: future(100) });
  const underOldRoot = oldRootInter.issue("under-expired-root", { ext: "leaf" });
  cases.push({
    name: "expired root",
    leaf: underOldRoot.cert,
    cafile: oldRoot.cert,
    untrusted: [oldRootInter.cert],
    expect: "EXPIRED",
    depth: 2,
  });

  // CA constraints and key usage.
  const caFalse = root.subCa("CaFalse", { ext: "ca_false" });
  const underCaFalse = caFalse.issue("under-ca-false", { ext: "leaf" });
  cases.push({
    name: "issuer with CA:FALSE",
    leaf: underCaFalse.cert,
    cafile: root.cert,
    untrusted: [caFalse.cert],
    expect: "ISSUER_NOT_CA",
    depth: 1,
  });
  const noBc = root.subCa("NoBasicConstraints", { ext: "ca_no_bc" });
  const underNoBc = noBc.issue("under-no-bc", { ext: "leaf" });
  cases.push({
    name: "issuer without basicConstraints",
    leaf: underNoBc.cert,
    cafile: root.cert,
    untrusted: [noBc.cert],
    expect: "ISSUER_NOT_CA",
    depth: 1,
  });
  const noCertSign = root.subCa("NoCertSign", { ext: "ca_no_certsign" });
  const underNoCertSign = noCertSign.issue("under-no-certsign", { ext: "leaf" });
  cases.push({
    name: "issuer key usage without keyCertSign",
    leaf: underNoCertSign.cert,
    cafile: root.cert,
    untrusted: [noCertSign.cert],
    expect: "ISSUER_KEY_USAGE",
    depth: 1,
  });
  const rootP0 = OpenSslCa.root(dir, "RootPathlen0", { ext: "ca_pathlen0" });
  const interP0 = rootP0.subCa("InterUnderPathlen0");
  const underP0 = interP0.issue("under-pathlen0-root", { ext: "leaf" });
  cases.push({
    name: "pathlen exceeded (root pathlen:0)",
    leaf: underP0.cert,
    cafile: rootP0.cert,
    untrusted: [interP0.cert],
    expect: "PATH_LENGTH_EXCEEDED",
    depth: 2,
  });
  const interPl = root.subCa("InterPathlen0", { ext: "ca_pathlen0" });
  const subInter = interPl.subCa("SubInter");
  const underSub = subInter.issue("under-sub-inter", { ext: "leaf" });
  cases.push({
    name: "pathlen exceeded (intermediate pathlen:0)",
    leaf: underSub.cert,
    cafile: root.cert,
    untrusted: [subInter.cert, interPl.cert],
    expect: "PATH_LENGTH_EXCEEDED",
    depth: 2,
  });
  const interPlLeaf = interPl.issue("under-pathlen0-inter", { ext: "leaf" });
  cases.push({
    name: "pathlen:0 intermediate issuing a leaf",
    leaf: interPlLeaf.cert,
    cafile: root.cert,
    untrusted: [interPl.cert],
    expect: "OK",
  });

  // Key purpose.
  const serverOnly = inter.issue("server-only", { ext: "leaf_server_only" });
  cases.push({
    name: "serverAuth-only leaf used as client",
    leaf: serverOnly.cert,
    cafile: root.cert,
    untrusted: chain,
    purpose: "sslclient",
    expect: "PURPOSE_MISMATCH",
    depth: 0,
  });
  cases.push({
    name: "serverAuth-only leaf used as server",
    leaf: serverOnly.cert,
    cafile: root.cert,
    untrusted: chain,
    purpose: "sslserver",
    expect: "OK",
  });
  const badKu = inter.issue("bad-ku", { ext: "leaf_bad_ku" });
  cases.push({
    name: "leaf key usage dataEncipherment only, as server",
    leaf: badKu.cert,
    cafile: root.cert,
    untrusted: chain,
    purpose: "sslserver",
    expect: "PURPOSE_MISMATCH",
    depth: 0,
  });
  const ekuInter = root.subCa("ServerEkuInter", { ext: "ca_server_eku" });
  const underEku = ekuInter.issue("under-eku-inter", { ext: "leaf" });
  cases.push({
    name: "CA restricted to serverAuth, leaf used as client",
    leaf: underEku.cert,
    cafile: root.cert,
    untrusted: [ekuInter.cert],
    purpose: "sslclient",
    expect: "PURPOSE_MISMATCH",
    depth: 1,
  });
  const unknownCrit = inter.issue("unknown-critical", { ext: "leaf_unknown_critical" });
  cases.push({
    name: "unknown critical extension",
    leaf: unknownCrit.cert,
    cafile: root.cert,
    untrusted: chain,
    expect: "UNHANDLED_CRITICAL_EXTENSION",
    depth: 0,
  });

  // Trust.
  const other = OpenSslCa.root(dir, "OtherRoot");
  cases.push({
    name: "unknown root",
    leaf: good.cert,
    cafile: other.cert,
    untrusted: chain,
    expect: "UNKNOWN_ISSUER",
    depth: 1,
  });
  cases.push({
    name: "missing intermediate",
    leaf: good.cert,
    cafile: root.cert,
    expect: "UNKNOWN_ISSUER",
    depth: 0,
  });
  cases.push({
    name: "intermediate as the only trusted certificate",
    leaf: good.cert,
    cafile: inter.cert,
    expect: "UNKNOWN_ISSUER",
    depth: 1,
  });
  const selfKey = join(dir, "self.key");
  opensslOk(
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      selfKey,
      "-subj",
      "/CN=self",
      "-days",
      "30",
      "-out",
      join(dir, "self.pem"),
    ],
    dir,
  );
  cases.push({
    name: "untrusted self-signed leaf",
    leaf: join(dir, "self.pem"),
    cafile: root.cert,
    expect: "UNTRUSTED_ROOT",
    depth: 0,
  });
  cases.push({
    name: "trusted self-signed certificate",
    leaf: join(dir, "self.pem"),
    cafile: join(dir, "self.pem"),
    expect: "OK",
  });

  // Revocation with openssl CRLs.
  const revoked = inter.issue("revoked", { ext: "leaf" });
  inter.revoke(revoked.cert, "keyCompromise");
  const revInter = root.subCa("RevokedInter");
  const underRevInter = revInter.issue("under-revoked-inter", { ext: "leaf" });
  root.revoke(revInter.cert, "cACompromise");
  const interCrl = inter.gencrl("inter");
  const rootCrl = root.gencrl("root");
  const revInterCrl = revInter.gencrl("revoked-inter");
  const expiredCrl = inter.gencrl("inter-expired", { last: past(20), next: past(10) });
  const futureCrl = inter.gencrl("inter-future", { last: future(10), next: future(20) });
  const badCrl = write("inter-bad-sig.crl", corruptSignature(readFileSync(interCrl, "utf8"), "X509 CRL"));
  cases.push({
    name: "good leaf, CRL checked",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    crls: [interCrl],
    crlCheck: "leaf",
    expect: "OK",
  });
  cases.push({
    name: "good leaf, all CRLs checked",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    crls: [interCrl, rootCrl],
    crlCheck: "all",
    expect: "OK",
  });
  cases.push({
    name: "revoked leaf",
    leaf: revoked.cert,
    cafile: root.cert,
    untrusted: chain,
    crls: [interCrl],
    crlCheck: "leaf",
    expect: "REVOKED",
    depth: 0,
  });
  cases.push({
    name: "revoked intermediate",
    leaf: underRevInter.cert,
    cafile: root.cert,
    untrusted: [revInter.cert],
    crls: [revInterCrl, rootCrl],
    crlCheck: "all",
    expect: "REVOKED",
    depth: 1,
  });
  cases.push({
    name: "revoked intermediate, only leaf checked",
    leaf: underRevInter.cert,
    cafile: root.cert,
    untrusted: [revInter.cert],
    crls: [revInterCrl],
    crlCheck: "leaf",
    expect: "OK",
  });
  cases.push({
    name: "CRL missing",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    crlCheck: "leaf",
    expect: "CRL_MISSING",
    depth: 0,
  });
  cases.push({
    name: "root CRL missing with all checked",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    crls: [interCrl],
    crlCheck: "all",
    expect: "CRL_MISSING",
    depth: 1,
  });
  cases.push({
    name: "expired CRL",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    crls: [expiredCrl],
    crlCheck: "leaf",
    expect: "CRL_EXPIRED",
    depth: 0,
  });
  cases.push({
    name: "not-yet-valid CRL",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    crls: [futureCrl],
    crlCheck: "leaf",
    expect: "CRL_NOT_YET_VALID",
    depth: 0,
  });
  cases.push({
    name: "CRL with a wrong signature",
    leaf: good.cert,
    cafile: root.cert,
    untrusted: chain,
    crls: [badCrl],
    crlCheck: "leaf",
    expect: "CRL_SIGNATURE_INVALID",
    depth: 0,
  });

  // Other key types (an imported city CA may well be RSA).
  for (const type of ["ed25519", "rsa"] as const) {
    const r = OpenSslCa.root(dir, `Root-${type}`, { type });
    const i = r.subCa(`Inter-${type}`, { type });
    const l = i.issue(`leaf-${type}`, { ext: "leaf", type });
    cases.push({
      name: `valid ${type} chain`,
      leaf: l.cert,
      cafile: r.cert,
      untrusted: [i.cert],
      purpose: "sslserver",
      expect: "OK",
    });
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe("Civitas path validation agrees with openssl verify", () => {
  test("on every openssl-made case", async () => {
    assert.ok(cases.length >= 30, `expected the full case list, got ${cases.length}`);
    const report: string[] = [];
    for (const c of cases) {
      const untrusted = c.untrusted ? bundle(c.name.replace(/\W+/g, "-"), c.untrusted) : undefined;
      const os = opensslVerify(dir, {
        cafile: c.cafile,
        leaf: c.leaf,
        ...(untrusted ? { untrusted } : {}),
        ...(c.crls ? { crls: c.crls } : {}),
        ...(c.crlCheck ? { crlCheck: c.crlCheck } : {}),
        ...(c.purpose ? { purpose: c.purpose } : {}),
      });
      const ours = await verifyCertificateChain(readFileSync(c.leaf, "utf8"), {
        trustAnchors: readFileSync(c.cafile, "utf8"),
        ...(untrusted ? { intermediates: readFileSync(untrusted, "utf8") } : {}),
        crls: (c.crls ?? []).map((p) => readFileSync(p, "utf8")),
        revocation: c.crlCheck === "all" ? "chain" : c.crlCheck === "leaf" ? "leaf" : "none",
        ...(c.purpose ? { purpose: c.purpose === "sslserver" ? "serverAuth" : "clientAuth" } : {}),
      });
      const oursText = ours.ok ? "OK" : `${ours.code} at depth ${ours.depth}`;
      const osText = os.ok ? "OK" : `error ${os.error} at depth ${os.depth}`;
      report.push(`${c.name}: civitas ${oursText}; openssl ${osText}`);
      assert.equal(
        ours.ok,
        os.ok,
        `${c.name}: civitas says ${oursText}${ours.ok ? "" : ` (${ours.reason})`}, openssl says ${osText}\n${os.output}`,
      );
      assert.equal(
        ours.ok ? "OK" : ours.code,
        c.expect,
        `${c.name}: expected ${c.expect}, civitas says ${oursText}`,
      );
      if (!ours.ok) {
        assert.ok(
          os.errors.some((e) => OPENSSL_CODES[ours.code].includes(e.code) && e.depth === ours.depth),
          `${c.name}: civitas ${oursText} but openssl reported ${os.errors.map((e) => `${e.code}@${e.depth}`).join(", ")}\n${os.output}`,
        );
        if (c.depth !== undefined) assert.equal(ours.depth, c.depth, c.name);
        assert.ok(ours.reason.length > 0);
      }
    }
    console.log(report.join("\n"));
  });
});

describe("openssl accepts what Civitas issues", () => {
  test("node, organisation and person certificates, with Civitas CRLs, P-256 and Ed25519", async () => {
    for (const keyAlgorithm of ["ecdsa-p256", "ed25519"] as const) {
      const root = await CertificateAuthority.createRoot({
        subject: { commonName: `Civitas Root ${keyAlgorithm}` },
        keyAlgorithm,
      });
      const inter = await root.createIntermediate({
        subject: { commonName: `Civitas Dept ${keyAlgorithm}` },
        keyAlgorithm,
      });
      const node = await inter.issueNodeCertificate({
        name: "node-1",
        dnsNames: ["node-1.example"],
        ipAddresses: ["127.0.0.1"],
        keyAlgorithm,
      });
      const org = await inter.issueOrganisationCertificate({
        organisationName: "Udala",
        organisationIdentifier: "VATES-P4802000I",
        roles: ["public-body"],
        keyAlgorithm,
      });
      const person = await inter.issuePersonCertificate({
        nationalId: "12345678Z",
        assuranceLevel: "SUBSTANTIAL",
        roles: ["citizen"],
        keyAlgorithm,
      });
      const revoked = await inter.issueNodeCertificate({
        name: "node-2",
        dnsNames: ["node-2.example"],
        keyAlgorithm,
      });
      inter.revoke(revoked.certificate, "keyCompromise");
      const crl = write(
        `civitas-${keyAlgorithm}.crl`,
        encodePem((await inter.createCrl()).rawData, "X509 CRL") +
          encodePem((await root.createCrl()).rawData, "X509 CRL"),
      );
      const cafile = write(`civitas-root-${keyAlgorithm}.pem`, certificatesToPem([root.certificate]));
      const untrusted = write(`civitas-inter-${keyAlgorithm}.pem`, certificatesToPem([inter.certificate]));
      const check = (
        name: string,
        cert: CertificateAuthority["certificate"],
        purpose: "sslserver" | "sslclient",
      ) => {
        const leaf = write(`civitas-${name}-${keyAlgorithm}.pem`, certificatesToPem([cert]));
        return opensslVerify(dir, { cafile, untrusted, leaf, purpose, crls: [crl], crlCheck: "all" });
      };
      for (const [name, cert, purpose] of [
        ["node-server", node.certificate, "sslserver"],
        ["node-client", node.certificate, "sslclient"],
        ["org", org.certificate, "sslclient"],
        ["person", person.certificate, "sslclient"],
      ] as const) {
        const v = check(name, cert, purpose);
        assert.ok(v.ok, `openssl rejects Civitas ${name} (${keyAlgorithm}):\n${v.output}`);
      }
      const r = check("revoked", revoked.certificate, "sslserver");
      assert.equal(r.ok, false);
      assert.equal(r.error, 23, r.output);
    }
  });

  test("a CSR made by openssl is issued and the result verifies in openssl", async () => {
    const root = await CertificateAuthority.createRoot({ subject: { commonName: "Civitas CSR Root" } });
    for (const type of ["ec", "ed25519", "rsa"] as const) {
      const { csr } = genCsr(dir, `csr-${type}`, `requested-${type}`, type);
      const issued = await root.issueNodeCertificate({
        name: `node-${type}`,
        dnsNames: ["csr.example"],
        csr: readFileSync(csr, "utf8"),
      });
      assert.equal(issued.privateKey, undefined);
      const leaf = write(`csr-${type}-issued.pem`, certificatesToPem([issued.certificate]));
      const cafile = write("csr-root.pem", certificatesToPem([root.certificate]));
      const v = opensslVerify(dir, { cafile, leaf, purpose: "sslserver" });
      assert.ok(v.ok, v.output);
    }
  });

  test("a city CA made by openssl is imported and issues under its hierarchy", async () => {
    const cityRoot = OpenSslCa.root(dir, "CityRoot", { type: "rsa" });
    const cityInter = cityRoot.subCa("CityCivitasInter", { type: "ec" });
    const caDir = join(dir, "imported-ca");
    // The intermediate's key, re-exported as encrypted PKCS#8 the way a city would hand it over.
    const encKey = join(dir, "city-inter.enc.key");
    opensslOk(
      ["pkcs8", "-topk8", "-in", cityInter.key, "-out", encKey, "-passout", "pass:city-secret-1"],
      dir,
    );
    await importCa(caDir, {
      certificate: readFileSync(cityInter.cert, "utf8"),
      chain: readFileSync(cityRoot.cert, "utf8"),
      privateKey: readFileSync(encKey, "utf8"),
      keyPassphrase: "city-secret-1",
      passphrase: "civitas-passphrase",
      scrypt: { N: 2 ** 14, r: 8, p: 1 },
    });
    const ca = await openCa(caDir, "civitas-passphrase");
    const node = await ca.issueNodeCertificate({ name: "node-city", dnsNames: ["node.city.example"] });
    const leaf = write("city-node.pem", certificatesToPem([node.certificate]));
    const v = opensslVerify(dir, {
      cafile: cityRoot.cert,
      untrusted: cityInter.cert,
      leaf,
      purpose: "sslclient",
    });
    assert.ok(v.ok, v.output);
    const ours = await verifyCertificateChain([node.certificate, ...ca.tlsChain], {
      trustAnchors: readFileSync(cityRoot.cert, "utf8"),
      profile: "node",
    });
    assert.ok(ours.ok, ours.ok ? "" : ours.reason);
  });
});
