import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CertificateAuthority, encodePem, tlsIdentityOf } from "@civitas/pki";
import { createAccountKey } from "../../../src/crypto/accountKeys.ts";
import { NodeError } from "../../../src/errors.ts";
import { createDevGenesis } from "../../../src/genesis/devGenesis.ts";
import { loadNodeConfig } from "../../../src/index.ts";

let dir: string;
const validator = createAccountKey();
const other = createAccountKey();

async function writeIdentity(name: string, ca: CertificateAuthority, validatorAddress?: string) {
  const issued = await ca.issueNodeCertificate({
    name,
    ipAddresses: ["127.0.0.1"],
    ...(validatorAddress !== undefined ? { validatorAddress } : {}),
  });
  const identity = await tlsIdentityOf(issued);
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, "node.key"), identity.key, { mode: 0o600 });
  await writeFile(join(dir, name, "node.crt"), identity.cert);
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "civitas-config-"));
  const root = await CertificateAuthority.createRoot({ subject: { commonName: "Test Root CA" } });
  const nodes = await root.createIntermediate({ subject: { commonName: "Test Nodes CA" } });
  const rogue = await CertificateAuthority.createRoot({ subject: { commonName: "Rogue CA" } });
  await writeFile(join(dir, "roots.pem"), root.certificate.toString("pem"));
  await writeFile(join(dir, "intermediates.pem"), nodes.certificate.toString("pem"));
  await writeFile(join(dir, "root.crl.pem"), encodePem((await root.createCrl()).rawData, "X509 CRL"));
  await writeFile(join(dir, "nodes.crl.pem"), encodePem((await nodes.createCrl()).rawData, "X509 CRL"));
  await writeIdentity("v1", nodes, validator.address);
  await writeIdentity("r1", nodes);
  await writeIdentity("rogue", rogue, validator.address);
  await writeFile(join(dir, "v1", "validator.key"), `${validator.privateKey}\n`, { mode: 0o600 });
  await writeFile(join(dir, "v1", "other.key"), `${other.privateKey}\n`, { mode: 0o600 });
  const genesis = createDevGenesis({
    chainId: 4242,
    validators: [validator.address],
    accounts: [],
    balanceWei: 0n,
    blockPeriodSeconds: 1,
    emptyBlockPeriodSeconds: 1,
    gasLimit: 30_000_000n,
    timestamp: 0,
  });
  await writeFile(join(dir, "genesis.json"), JSON.stringify(genesis));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function validConfig(): Record<string, unknown> {
  return {
    name: "v1",
    dataDir: "data",
    genesis: "../genesis.json",
    validatorKey: "validator.key",
    tls: { key: "node.key", cert: "node.crt" },
    trust: {
      roots: "../roots.pem",
      intermediates: "../intermediates.pem",
      crls: ["../root.crl.pem", "../nodes.crl.pem"],
    },
    p2p: {
      host: "127.0.0.1",
      port: 30303,
      advertise: "127.0.0.1:30303",
      peers: ["127.0.0.1:30304", "[::1]:30305"],
      maxPeers: 10,
    },
    rpc: { host: "127.0.0.1", port: 8545 },
    metrics: { host: "127.0.0.1", port: 9545 },
    qbft: { maxRoundTimeoutSeconds: 30 },
    stateHistory: 512,
  };
}

let counter = 0;
async function writeConfig(config: unknown, node = "v1"): Promise<string> {
  const path = join(dir, node, `config-${counter++}.json`);
  await writeFile(path, typeof config === "string" ? config : JSON.stringify(config));
  return path;
}

async function refused(config: unknown, field: RegExp, message: RegExp, node = "v1"): Promise<void> {
  const path = await writeConfig(config, node);
  await assert.rejects(loadNodeConfig(path), (err: unknown) => {
    assert.ok(err instanceof NodeError, `expected a NodeError, got ${String(err)}`);
    assert.equal(err.code, "CONFIG_INVALID");
    assert.ok(err.message.startsWith(`${path}: `), err.message);
    assert.match(err.message.slice(path.length + 2), field);
    assert.match(err.message, message);
    return true;
  });
}

function withField(path: string, value: unknown): Record<string, unknown> {
  const config = validConfig();
  const keys = path.split(".");
  let o = config as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  const last = keys.at(-1) as string;
  if (value === undefined) delete o[last];
  else o[last] = value;
  return config;
}

describe("loadNodeConfig", () => {
  it("loads a validator's config with paths relative to the file", async () => {
    const config = await loadNodeConfig(await writeConfig(validConfig()));
    assert.equal(config.name, "v1");
    assert.equal(config.dataDir, join(dir, "v1", "data"));
    assert.equal(config.genesisPath, join(dir, "genesis.json"));
    assert.equal(config.validatorKey?.address, validator.address);
    assert.deepEqual(config.rpc, { host: "127.0.0.1", port: 8545 });
    assert.deepEqual(config.metrics, { host: "127.0.0.1", port: 9545 });
    assert.equal(config.maxRoundTimeoutSeconds, 30);
    assert.equal(config.stateHistory, 512);
    assert.ok(config.p2p);
    assert.deepEqual(config.p2p.staticPeers, ["127.0.0.1:30304", "[::1]:30305"]);
    assert.equal(config.p2p.maxPeers, 10);
    assert.equal(config.p2p.advertise, "127.0.0.1:30303");
    assert.deepEqual(config.p2p.crlPaths, [join(dir, "root.crl.pem"), join(dir, "nodes.crl.pem")]);
    assert.match(config.p2p.identity.cert, /BEGIN CERTIFICATE/);
    assert.equal(config.p2p.trust.crls.length, 2);
  });

  it("loads a read replica (no validator key) and a node without p2p", async () => {
    const replica = withField("validatorKey", undefined);
    replica["name"] = "r1";
    const loaded = await loadNodeConfig(await writeConfig(replica, "r1"));
    assert.equal(loaded.validatorKey, undefined);
    assert.ok(loaded.p2p);
    const alone = await loadNodeConfig(
      await writeConfig({
        name: "solo",
        dataDir: "d",
        genesis: "../genesis.json",
        rpc: { host: "::1", port: 0 },
      }),
    );
    assert.equal(alone.p2p, undefined);
    assert.equal(alone.metrics, undefined);
  });

  it("refuses a missing file and bad JSON", async () => {
    await assert.rejects(
      loadNodeConfig(join(dir, "nope.json")),
      /nope\.json: \(file\): cannot read the config file \(ENOENT\)/,
    );
    await refused("{ name: ", /^\(file\): not valid JSON/, /JSON/);
    await refused([1, 2], /^\(root\): must be an object/, /object/);
  });

  it("refuses unknown, missing and mistyped fields, naming them", async () => {
    await refused({ ...validConfig(), rcp: {} }, /^rcp: unknown field/, /allowed here: name, dataDir/);
    await refused(withField("p2p.peer", []), /^p2p\.peer: unknown field/, /peers/);
    await refused(withField("name", undefined), /^name: missing/, /missing/);
    await refused(withField("rpc", undefined), /^rpc: missing/, /missing/);
    await refused(withField("dataDir", 7), /^dataDir: must be a non-empty string/, /string/);
    await refused(withField("rpc.port", "8545"), /^rpc\.port: must be an integer from 0 to 65535/, /"8545"/);
    await refused(
      withField("qbft.maxRoundTimeoutSeconds", 0),
      /^qbft\.maxRoundTimeoutSeconds: must be an integer/,
      /got 0/,
    );
    await refused(withField("trust.crls", "root.crl"), /^trust\.crls: must be an array/, /array/);
    await refused(withField("p2p.maxPeers", 2.5), /^p2p\.maxPeers: must be an integer/, /2\.5/);
    for (const bad of [0, 1.5, "all", -3])
      await refused(
        withField("stateHistory", bad),
        /^stateHistory: must be a number of blocks/,
        /or "archive"/,
      );
  });

  it('takes stateHistory as a number of blocks or "archive", and leaves it to the node\'s default when absent', async () => {
    assert.equal(
      (await loadNodeConfig(await writeConfig(withField("stateHistory", "archive")))).stateHistory,
      "archive",
    );
    assert.equal(
      (await loadNodeConfig(await writeConfig(withField("stateHistory", undefined)))).stateHistory,
      undefined,
    );
  });

  it("refuses bad ports and bad peer addresses", async () => {
    await refused(withField("rpc.port", 70000), /^rpc\.port:/, /from 0 to 65535, got 70000/);
    await refused(withField("metrics.port", -1), /^metrics\.port:/, /got -1/);
    await refused(withField("p2p.port", 1.5), /^p2p\.port:/, /integer/);
    await refused(withField("p2p.peers", ["127.0.0.1"]), /^p2p\.peers\[0\]:/, /not a "host:port" address/);
    await refused(withField("p2p.peers", ["ok.example:30303", "h:0"]), /^p2p\.peers\[1\]:/, /"h:0"/);
    await refused(withField("p2p.peers", ["a b:1"]), /^p2p\.peers\[0\]:/, /host:port/);
    await refused(withField("p2p.advertise", "127.0.0.1:99999"), /^p2p\.advertise:/, /host:port/);
    await refused(withField("p2p.peers", "127.0.0.1:30304"), /^p2p\.peers:/, /array/);
  });

  it("refuses missing files, naming the field", async () => {
    await refused(
      withField("genesis", "../missing.json"),
      /^genesis: cannot read .*missing\.json \(ENOENT\)/,
      /ENOENT/,
    );
    await refused(withField("validatorKey", "missing.key"), /^validatorKey: cannot read/, /ENOENT/);
    await refused(withField("tls.cert", "missing.crt"), /^tls\.cert: cannot read/, /ENOENT/);
    await refused(
      withField("trust.crls", ["../root.crl.pem", "../gone.crl"]),
      /^trust\.crls\[1\]: cannot read/,
      /gone\.crl/,
    );
    await refused(
      withField("tls", undefined),
      /^tls: a validator on a network needs its node certificate/,
      /certificate/,
    );
    await refused(withField("trust", undefined), /^trust: required with p2p/, /roots/);
  });

  it("refuses a private key file readable by group or others", async () => {
    const loose = join(dir, "v1", "loose.key");
    await writeFile(loose, `${validator.privateKey}\n`);
    await chmod(loose, 0o644);
    await refused(
      withField("validatorKey", "loose.key"),
      /^validatorKey: .*loose\.key is readable by others \(mode 0644\)/,
      /chmod 600/,
    );
    await chmod(loose, 0o640);
    await refused(withField("tls.key", "loose.key"), /^tls\.key: .*mode 0640/, /0600/);
  });

  it("refuses an unreadable or malformed validator key", async () => {
    const bad = join(dir, "v1", "bad.key");
    await writeFile(bad, "0x1234\n", { mode: 0o600 });
    await refused(
      withField("validatorKey", "bad.key"),
      /^validatorKey: .*must hold a 0x-prefixed 32-byte hex/,
      /secp256k1/,
    );
    const zero = join(dir, "v1", "zero.key");
    await writeFile(zero, `0x${"00".repeat(32)}\n`, { mode: 0o600 });
    await refused(
      withField("validatorKey", "zero.key"),
      /^validatorKey: .*not a valid secp256k1 private key/,
      /valid/,
    );
  });

  it("refuses a validator key that does not match the certificate's validator address", async () => {
    await refused(
      withField("validatorKey", "other.key"),
      /^tls\.cert: the certificate names validator 0x[0-9a-fA-F]{40} but validatorKey is the key of/,
      new RegExp(other.address),
    );
    const replica = withField("tls", { key: "../r1/node.key", cert: "../r1/node.crt" });
    await refused(
      replica,
      /^tls\.cert: .*issued without a validator address/,
      new RegExp(`--validator ${validator.address}`),
    );
  });

  it("refuses a certificate the trust files do not accept, and a file that is not a certificate", async () => {
    await refused(
      withField("tls", { key: "../rogue/node.key", cert: "../rogue/node.crt" }),
      /^tls\.cert: the node certificate is not accepted by the trust files/,
      /Rogue CA/,
    );
    await refused(withField("tls.cert", "validator.key"), /^tls\.cert: not a PEM certificate chain/, /PEM/);
  });
});
