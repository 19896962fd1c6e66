// The `civitas ca|cert|crl` commands, run as real processes (node packages/cli/src/main.ts …).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { initRootCa } from "@civitas/pki";

const MAIN = join(import.meta.dirname, "..", "src", "main.ts");
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `civitas …` in the test directory. */
function civitas(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: dir,
      env: { ...process.env, CIVITAS_CA_PASSPHRASE: "", CIVITAS_PARENT_CA_PASSPHRASE: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function ok(args: string[], env?: Record<string, string>): Promise<Run> {
  const r = await civitas(args, env);
  assert.equal(r.code, 0, `civitas ${args.join(" ")} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

function openssl(args: string[]): { status: number; out: string } {
  const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function mode(path: string): number {
  return statSync(join(dir, path)).mode & 0o777;
}

const ROOT_PASS = ["--passphrase-file", "root.pass"];
const DEPT_PASS = ["--passphrase-file", "dept.pass"];

before(() => {
  dir = mkdtempSync(join(tmpdir(), "civitas-cli-pki-"));
  writeFileSync(join(dir, "root.pass"), "root passphrase, long enough\n");
  writeFileSync(join(dir, "dept.pass"), "department passphrase\n");
  writeFileSync(join(dir, "wrong.pass"), "not the passphrase\n");
  writeFileSync(join(dir, "national-id"), "12.345.678-Z\n");
  writeFileSync(
    join(dir, "account.key"),
    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n",
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe("civitas ca / cert / crl", () => {
  test("a root, a department intermediate, and node / organisation / person certificates", async () => {
    await ok([
      "ca",
      "init",
      "--dir",
      "root",
      "--name",
      "Civitas Root CA",
      "--org",
      "Bilbao",
      "--country",
      "ES",
      ...ROOT_PASS,
    ]);
    await ok([
      "ca",
      "intermediate",
      "--parent",
      "root",
      "--dir",
      "health",
      "--name",
      "Health Department CA",
      ...DEPT_PASS,
      "--parent-passphrase-file",
      "root.pass",
    ]);
    // Keys at rest: sealed, 0600, in a 0700 directory.
    for (const d of ["root", "health"]) {
      assert.equal(mode(d), 0o700);
      assert.equal(mode(`${d}/ca.key.json`), 0o600);
      assert.equal(mode(`${d}/id-hash-key.json`), 0o600);
      const sealed = JSON.parse(readFileSync(join(dir, d, "ca.key.json"), "utf8"));
      assert.equal(sealed.kdf.name, "scrypt");
      assert.equal(sealed.cipher.name, "aes-256-gcm");
    }
    const show = JSON.parse((await ok(["ca", "show", "--dir", "health", "--json"])).stdout);
    assert.equal(show.kind, "intermediate");
    assert.equal(show.root, "C=ES, O=Bilbao, CN=Civitas Root CA");

    const node = await ok([
      "cert",
      "issue",
      "--type",
      "node",
      "--ca",
      "health",
      "--name",
      "node-1",
      "--dns",
      "node-1.civitas.local,localhost",
      "--ip",
      "127.0.0.1",
      "--validator",
      "0x52908400098527886E0F7030069857D2E4169EE7",
      "--out",
      "node.pem",
      "--out-key",
      "node.key",
      "--chain-out",
      "node-chain.pem",
      ...DEPT_PASS,
    ]);
    assert.match(node.stdout, /issued node certificate "CN=node-1"/);
    assert.equal(mode("node.key"), 0o600);
    await ok([
      "cert",
      "issue",
      "--type",
      "org",
      "--ca",
      "health",
      "--org-name",
      "Ayuntamiento de Bilbao",
      "--org-id",
      "VATES-P4802000I",
      "--role",
      "public-body",
      "--role",
      "service-provider",
      "--out",
      "org.pem",
      "--out-key",
      "org.key",
      "--algorithm",
      "ed25519",
      ...DEPT_PASS,
    ]);
    await ok([
      "cert",
      "issue",
      "--type",
      "person",
      "--ca",
      "health",
      "--national-id-file",
      "national-id",
      "--assurance",
      "QUALIFIED",
      "--role",
      "citizen",
      "--name",
      "Miren Etxeberria",
      "--out",
      "person.pem",
      "--out-key",
      "person.key",
      ...DEPT_PASS,
    ]);

    const nodeId = JSON.parse((await ok(["cert", "show", "node.pem", "--json"])).stdout);
    assert.equal(nodeId.type, "node");
    assert.equal(nodeId.validatorAddress, "0x52908400098527886E0F7030069857D2E4169EE7");
    assert.deepEqual(nodeId.ipAddresses, ["127.0.0.1"]);
    const orgId = JSON.parse((await ok(["cert", "show", "org.pem", "--json"])).stdout);
    assert.equal(orgId.organisationIdentifier, "VATES-P4802000I");
    assert.deepEqual(orgId.roles, ["public-body", "service-provider"]);
    const personId = JSON.parse((await ok(["cert", "show", "person.pem", "--json"])).stdout);
    assert.equal(personId.assuranceLevel, "QUALIFIED");
    assert.match(personId.nationalIdHash, /^[0-9a-f]{64}$/);

    // The national ID itself is nowhere: not in the certificate, not in the CA directory.
    const files = [
      "person.pem",
      ...readdirSync(join(dir, "health"), { recursive: true }).map((f) => join("health", String(f))),
    ];
    for (const f of files) {
      if (statSync(join(dir, f)).isDirectory()) continue;
      const bytes = readFileSync(join(dir, f));
      for (const needle of ["12345678Z", "12.345.678-Z", "12345678"]) {
        assert.equal(bytes.includes(needle), false, `${f} contains the national ID`);
      }
    }

    // CRLs from both CAs, then verification with everything (revocation of every level).
    await ok(["crl", "--ca", "root", ...ROOT_PASS]);
    await ok(["crl", "--ca", "health", ...DEPT_PASS]);
    const v = await ok([
      "cert",
      "verify",
      "node.pem",
      "--ca-dir",
      "health",
      "--ca-dir",
      "root",
      "--purpose",
      "server",
      "--profile",
      "node",
    ]);
    assert.match(v.stdout, /node\.pem: OK .*revocation checked for 3/);
    await ok([
      "cert",
      "verify",
      "org.pem",
      "--trust",
      "root/ca.crt.pem",
      "--untrusted",
      "health/ca.crt.pem",
      "--purpose",
      "client",
      "--profile",
      "org",
    ]);
    const wrongProfile = await civitas([
      "cert",
      "verify",
      "org.pem",
      "--ca-dir",
      "health",
      "--ca-dir",
      "root",
      "--profile",
      "person",
    ]);
    assert.equal(wrongProfile.code, 1);
    assert.match(wrongProfile.stdout, /FAILED PROFILE_MISMATCH/);

    // OpenSSL agrees with what the CLI produced.
    writeFileSync(
      join(dir, "crls.pem"),
      readFileSync(join(dir, "health/crl.pem"), "utf8") + readFileSync(join(dir, "root/crl.pem"), "utf8"),
    );
    const os = openssl([
      "verify",
      "-CAfile",
      "root/ca.crt.pem",
      "-untrusted",
      "node-chain.pem",
      "-purpose",
      "sslserver",
      "-crl_check_all",
      "-CRLfile",
      "crls.pem",
      "node.pem",
    ]);
    assert.equal(os.status, 0, os.out);

    // Revoke the person certificate; the CRL is republished and verification fails with the reason.
    const rev = await ok([
      "cert",
      "revoke",
      "--ca",
      "health",
      "--cert",
      "person.pem",
      "--reason",
      "key-compromise",
      ...DEPT_PASS,
    ]);
    assert.match(rev.stdout, /revoked person certificate .*\(keyCompromise\)/);
    assert.match(rev.stdout, /published CRL #2/);
    const after = await civitas([
      "cert",
      "verify",
      "person.pem",
      "--ca-dir",
      "health",
      "--ca-dir",
      "root",
      "--json",
    ]);
    assert.equal(after.code, 1);
    const result = JSON.parse(after.stdout);
    assert.equal(result.code, "REVOKED");
    assert.equal(result.depth, 0);
    assert.equal(result.revocation.reason, "keyCompromise");
    const crl = JSON.parse((await ok(["crl", "show", "health/crl.pem", "--json"])).stdout);
    assert.equal(crl.crlNumber, "2");
    assert.equal(crl.entries.length, 1);
    assert.equal(crl.entries[0].reason, "keyCompromise");
    writeFileSync(
      join(dir, "crls.pem"),
      readFileSync(join(dir, "health/crl.pem"), "utf8") + readFileSync(join(dir, "root/crl.pem"), "utf8"),
    );
    const osRevoked = openssl([
      "verify",
      "-CAfile",
      "root/ca.crt.pem",
      "-untrusted",
      "health/ca.crt.pem",
      "-crl_check",
      "-CRLfile",
      "crls.pem",
      "person.pem",
    ]);
    assert.notEqual(osRevoked.status, 0);
    assert.match(osRevoked.out, /error 23 at 0 depth lookup: certificate revoked/);
    const again = await civitas(["cert", "revoke", "--ca", "health", "--cert", "person.pem", ...DEPT_PASS]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already revoked .*\[ALREADY_REVOKED\]/);
  });

  test("a certificate from a CSR made by openssl", async () => {
    assert.equal(
      openssl([
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "csr-node.key",
        "-subj",
        "/CN=requested",
        "-out",
        "node.csr",
      ]).status,
      0,
    );
    await ok([
      "cert",
      "issue",
      "--type",
      "node",
      "--ca",
      "health",
      "--name",
      "node-csr",
      "--dns",
      "csr.civitas.local",
      "--csr",
      "node.csr",
      "--out",
      "csr-node.pem",
      ...DEPT_PASS,
    ]);
    const os = openssl([
      "verify",
      "-CAfile",
      "root/ca.crt.pem",
      "-untrusted",
      "health/ca.crt.pem",
      "-purpose",
      "sslclient",
      "csr-node.pem",
    ]);
    assert.equal(os.status, 0, os.out);
    // The certificate carries the CSR's key.
    const certKey = openssl(["x509", "-in", "csr-node.pem", "-noout", "-pubkey"]).out;
    const csrKey = openssl(["req", "-in", "node.csr", "-noout", "-pubkey"]).out;
    assert.equal(certKey, csrKey);
  });

  test("clear errors: wrong passphrase, expired CA, malformed CSR or PEM, missing passphrase", async () => {
    const wrong = await civitas([
      "cert",
      "issue",
      "--type",
      "node",
      "--ca",
      "health",
      "--name",
      "x",
      "--dns",
      "x",
      "--out-key",
      "x.key",
      "--passphrase-file",
      "wrong.pass",
    ]);
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.stderr,
      /^civitas: cert issue \(CA health\): wrong passphrase for health\/ca\.key\.json \[WRONG_PASSPHRASE\]$/m,
    );
    assert.doesNotMatch(wrong.stderr, /\n\s+at /, "no stack trace");

    const none = await civitas(["crl", "--ca", "health"]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no CA passphrase: give --passphrase-file <file> or set CIVITAS_CA_PASSPHRASE/);
    const viaEnv = await civitas(["crl", "--ca", "health"], {
      CIVITAS_CA_PASSPHRASE: "department passphrase",
    });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);

    // An expired CA (made through the library, as a CA imported long ago would be).
    const day = 86_400_000;
    await initRootCa(join(dir, "old-root"), {
      subject: { commonName: "Expired Root" },
      passphrase: "old passphrase!",
      notBefore: new Date(Date.now() - 400 * day),
      notAfter: new Date(Date.now() - day),
      scrypt: { N: 2 ** 14, r: 8, p: 1 },
    });
    writeFileSync(join(dir, "old.pass"), "old passphrase!\n");
    const expired = await civitas([
      "cert",
      "issue",
      "--type",
      "node",
      "--ca",
      "old-root",
      "--name",
      "x",
      "--dns",
      "x",
      "--out-key",
      "x.key",
      "--passphrase-file",
      "old.pass",
    ]);
    assert.equal(expired.code, 1);
    assert.match(
      expired.stderr,
      /CA certificate "CN=Expired Root" expired on \d{4}-\d\d-\d\dT.*\[CA_EXPIRED\]/,
    );
    const expiredCrl = await civitas(["crl", "--ca", "old-root", "--passphrase-file", "old.pass"]);
    assert.match(expiredCrl.stderr, /\[CA_EXPIRED\]/);

    // Malformed CSRs: not PEM, truncated DER, a tampered signature.
    writeFileSync(join(dir, "garbage.csr"), "this is not a certificate request\n");
    writeFileSync(
      join(dir, "truncated.csr"),
      "-----BEGIN CERTIFICATE REQUEST-----\nMIIBFzCBvgIBADAS\n-----END CERTIFICATE REQUEST-----\n",
    );
    const csrText = readFileSync(join(dir, "node.csr"), "utf8");
    const der = Buffer.from(
      csrText
        .split("\n")
        .filter((l) => l && !l.startsWith("-----"))
        .join(""),
      "base64",
    );
    der[der.length - 1] = der[der.length - 1]! ^ 1;
    writeFileSync(
      join(dir, "tampered.csr"),
      `-----BEGIN CERTIFICATE REQUEST-----\n${der
        .toString("base64")
        .match(/.{1,64}/g)!
        .join("\n")}\n-----END CERTIFICATE REQUEST-----\n`,
    );
    for (const [file, pattern] of [
      [
        "garbage.csr",
        /garbage\.csr: certificate signing request: no PEM "CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST" block found \[MALFORMED_CSR\]/,
      ],
      ["truncated.csr", /truncated\.csr: certificate signing request does not decode: .*\[MALFORMED_CSR\]/],
      ["tampered.csr", /CSR signature does not verify .*\[CSR_SIGNATURE_INVALID\]/],
    ] as const) {
      const r = await civitas([
        "cert",
        "issue",
        "--type",
        "node",
        "--ca",
        "health",
        "--name",
        "x",
        "--dns",
        "x",
        "--csr",
        file,
        ...DEPT_PASS,
      ]);
      assert.equal(r.code, 1, file);
      assert.match(r.stderr, pattern);
    }

    // Malformed PEM to verify, and a private key where a certificate is expected.
    writeFileSync(
      join(dir, "bad.pem"),
      "-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n",
    );
    const badPem = await civitas(["cert", "verify", "bad.pem", "--trust", "root/ca.crt.pem"]);
    assert.equal(badPem.code, 1);
    assert.match(
      badPem.stderr,
      /bad\.pem: certificate: PEM block "CERTIFICATE" \(line 1\) is not valid base64 \[MALFORMED_CERTIFICATE\]/,
    );
    const keyAsCert = await civitas(["cert", "verify", "node.key", "--trust", "root/ca.crt.pem"]);
    assert.match(
      keyAsCert.stderr,
      /expected PEM "CERTIFICATE", found "PRIVATE KEY" \[MALFORMED_CERTIFICATE\]/,
    );

    // Usage errors exit 2 with the usage text.
    const usage = await civitas(["cert", "issue", "--type", "robot", "--ca", "health"]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--type must be node, org or person/);
    const unknown = await civitas(["ca", "frobnicate"]);
    assert.equal(unknown.code, 2);
  });

  test("bind-account and verify-binding", async () => {
    const bind = await ok([
      "cert",
      "bind-account",
      "--cert",
      "node.pem",
      "--key",
      "node.key",
      "--account-key-file",
      "account.key",
      "--chain-id",
      "1337",
      "--out",
      "binding.hex",
    ]);
    assert.match(
      bind.stderr,
      /account 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23 bound to certificate [0-9a-f]{64} on chain 1337/,
    );
    const hex = readFileSync(join(dir, "binding.hex"), "utf8").trim();
    assert.match(hex, /^0x01[0-9a-f]{504}$/); // 253 bytes with a P-256 certificate key
    const v = await ok([
      "cert",
      "verify-binding",
      "--binding",
      "binding.hex",
      "--cert",
      "node.pem",
      "--chain-id",
      "1337",
      "--account",
      "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23",
      "--ca-dir",
      "health",
      "--ca-dir",
      "root",
    ]);
    assert.match(v.stdout, /^OK: account 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23 is bound to certificate/);
    const otherChain = await civitas([
      "cert",
      "verify-binding",
      "--binding",
      hex,
      "--cert",
      "node.pem",
      "--chain-id",
      "1",
    ]);
    assert.equal(otherChain.code, 1);
    assert.match(otherChain.stdout, /FAILED WRONG_CHAIN/);
    const otherCert = await civitas(["cert", "verify-binding", "--binding", hex, "--cert", "org.pem"]);
    assert.equal(otherCert.code, 1);
    assert.match(otherCert.stdout, /FAILED FINGERPRINT_MISMATCH/);
  });

  test("a city's existing CA: import its root and intermediate (with key), or have it sign our request", async () => {
    // The city's hierarchy, made with openssl.
    const x = (args: string[]) => assert.equal(openssl(args).status, 0, args.join(" "));
    writeFileSync(
      join(dir, "city.ext"),
      "[ca]\nbasicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
    );
    x([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "city-root.key",
      "-subj",
      "/C=ES/O=City of Bilbao/CN=City Root CA",
      "-days",
      "3650",
      "-out",
      "city-root.pem",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    x([
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-keyout",
      "city-inter.key",
      "-passout",
      "pass:city key pass",
      "-subj",
      "/C=ES/O=City of Bilbao/CN=City Services CA",
      "-out",
      "city-inter.csr",
    ]);
    x([
      "x509",
      "-req",
      "-in",
      "city-inter.csr",
      "-CA",
      "city-root.pem",
      "-CAkey",
      "city-root.key",
      "-CAcreateserial",
      "-days",
      "1000",
      "-extfile",
      "city.ext",
      "-extensions",
      "ca",
      "-out",
      "city-inter.pem",
    ]);
    writeFileSync(join(dir, "city-key.pass"), "city key pass\n");

    // 1. Import the city's intermediate with its (encrypted) key.
    await ok([
      "ca",
      "import",
      "--dir",
      "city",
      "--cert",
      "city-inter.pem",
      "--chain",
      "city-root.pem",
      "--key",
      "city-inter.key",
      "--key-passphrase-file",
      "city-key.pass",
      ...DEPT_PASS,
    ]);
    assert.equal(mode("city/ca.key.json"), 0o600);
    await ok([
      "cert",
      "issue",
      "--type",
      "node",
      "--ca",
      "city",
      "--name",
      "node-city",
      "--dns",
      "node.city.example",
      "--out",
      "city-node.pem",
      "--out-key",
      "city-node.key",
      ...DEPT_PASS,
    ]);
    const os = openssl([
      "verify",
      "-CAfile",
      "city-root.pem",
      "-untrusted",
      "city-inter.pem",
      "-purpose",
      "sslserver",
      "city-node.pem",
    ]);
    assert.equal(os.status, 0, os.out);
    await ok([
      "cert",
      "verify",
      "city-node.pem",
      "--trust",
      "city-root.pem",
      "--untrusted",
      "city-inter.pem",
      "--profile",
      "node",
    ]);

    // A key that does not belong to the certificate is refused.
    const mismatch = await civitas([
      "ca",
      "import",
      "--dir",
      "city-bad",
      "--cert",
      "city-inter.pem",
      "--chain",
      "city-root.pem",
      "--key",
      "node.key",
      ...DEPT_PASS,
    ]);
    assert.equal(mismatch.code, 1);
    assert.match(mismatch.stderr, /\[KEY_MISMATCH\]/);
    // A chain that does not reach a root is refused.
    const noRoot = await civitas([
      "ca",
      "import",
      "--dir",
      "city-bad2",
      "--cert",
      "city-inter.pem",
      "--key",
      "city-inter.key",
      "--key-passphrase-file",
      "city-key.pass",
      ...DEPT_PASS,
    ]);
    assert.equal(noRoot.code, 1);
    assert.match(noRoot.stderr, /must end at a self-signed root.*\[CHAIN_INVALID\]/);

    // 2. Civitas keeps its key; the city signs our request.
    await ok([
      "ca",
      "request",
      "--dir",
      "civitas-under-city",
      "--name",
      "Civitas Network CA",
      "--org",
      "City of Bilbao",
      ...DEPT_PASS,
    ]);
    x([
      "x509",
      "-req",
      "-in",
      "civitas-under-city/ca.csr.pem",
      "-CA",
      "city-root.pem",
      "-CAkey",
      "city-root.key",
      "-CAcreateserial",
      "-days",
      "1000",
      "-extfile",
      "city.ext",
      "-extensions",
      "ca",
      "-out",
      "signed-by-city.pem",
    ]);
    await ok([
      "ca",
      "import",
      "--dir",
      "civitas-under-city",
      "--cert",
      "signed-by-city.pem",
      "--chain",
      "city-root.pem",
      ...DEPT_PASS,
    ]);
    await ok([
      "cert",
      "issue",
      "--type",
      "node",
      "--ca",
      "civitas-under-city",
      "--name",
      "node-2",
      "--dns",
      "node-2.city.example",
      "--out",
      "city-node2.pem",
      "--out-key",
      "city-node2.key",
      ...DEPT_PASS,
    ]);
    const os2 = openssl([
      "verify",
      "-CAfile",
      "city-root.pem",
      "-untrusted",
      "signed-by-city.pem",
      "city-node2.pem",
    ]);
    assert.equal(os2.status, 0, os2.out);
  });
});
