import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { addressOfPrivateKey, loadNodeConfig, parseGenesis } from "@civitas/node";
import { describeCertificate, parseCertificates, TrustStore } from "@civitas/pki";
import { decodeExtraData } from "@civitas/qbft";
import { civitas } from "./support/runCivitas.ts";

const run = promisify(execFile);

const mode = (path: string) => statSync(path).mode & 0o777;

let tmp: string;
let net: string;
let created: { code: number; stdout: string; stderr: string };

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "civitas-init-"));
  net = join(tmp, "net");
  created = await civitas(
    "init",
    "--validators",
    "4",
    "--nodes",
    "1",
    "--out",
    net,
    "--chain-id",
    "4321",
    "--accounts",
    "3",
    "--block-period",
    "2",
    "--empty-block-period",
    "6",
    "--request-timeout",
    "7",
    "--p2p-port",
    "40000",
    "--rpc-port",
    "41000",
    "--metrics-port",
    "42000",
  );
});

after(() => rmSync(tmp, { recursive: true, force: true }));

const VALIDATORS = ["validator-1", "validator-2", "validator-3", "validator-4"];
const ALL = [...VALIDATORS, "replica-1"];

describe("civitas init", () => {
  it("creates the network and says where", () => {
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /4 validators and 1 read replica, chain id 4321/);
    assert.match(created.stdout, /ca\/passphrase \(generated, mode 0600/);
    assert.match(created.stdout, /civitas net up --dir /);
    for (const name of ALL) assert.match(created.stdout, new RegExp(`${name}\\s+http://127\\.0\\.0\\.1:410`));
  });

  it("keeps every secret at mode 0600", () => {
    for (const path of [
      "ca/passphrase",
      "accounts.json",
      "admins.json",
      "ca/root/ca.key.json",
      "ca/nodes/ca.key.json",
    ])
      assert.equal(mode(join(net, path)), 0o600, path);
    for (const name of ALL) assert.equal(mode(join(net, "nodes", name, "tls", "node.key")), 0o600, name);
    const { accounts } = JSON.parse(readFileSync(join(net, "accounts.json"), "utf8")) as {
      accounts: { address: string }[];
    };
    for (const { address } of accounts)
      assert.equal(mode(join(net, "members", `${address.toLowerCase()}.key`)), 0o600, address);
    for (const name of VALIDATORS) assert.equal(mode(join(net, "nodes", name, "validator.key")), 0o600, name);
    assert.throws(() => statSync(join(net, "nodes", "replica-1", "validator.key")), /ENOENT/);
  });

  it("issues node certificates that openssl and the trust store accept, with the right validator addresses", async () => {
    const trustArgs = [
      "-CAfile",
      join(net, "trust", "roots.pem"),
      "-untrusted",
      join(net, "trust", "intermediates.pem"),
      "-crl_check_all",
      "-CRLfile",
      join(net, "trust", "root.crl.pem"),
      "-CRLfile",
      join(net, "trust", "nodes.crl.pem"),
      "-purpose",
      "sslserver",
    ];
    const trust = await TrustStore.fromFiles({
      roots: join(net, "trust", "roots.pem"),
      intermediates: join(net, "trust", "intermediates.pem"),
      crls: [join(net, "trust", "root.crl.pem"), join(net, "trust", "nodes.crl.pem")],
    });
    for (const name of ALL) {
      const certPath = join(net, "nodes", name, "tls", "node.crt");
      const [leaf] = parseCertificates(readFileSync(certPath, "utf8"));
      assert.ok(leaf);
      writeFileSync(join(tmp, `${name}.leaf.pem`), leaf.toString("pem"));
      const { stdout } = await run("openssl", ["verify", ...trustArgs, join(tmp, `${name}.leaf.pem`)]);
      assert.match(stdout, /: OK$/m, name);
      const verdict = await trust.verify(parseCertificates(readFileSync(certPath, "utf8")), {
        purpose: "clientAuth",
        profile: "node",
      });
      assert.ok(verdict.ok, verdict.ok ? name : verdict.reason);
      const id = describeCertificate(leaf);
      assert.equal(id.type, "node");
      assert.equal(id.commonName, name);
      if (name.startsWith("validator")) {
        const key = readFileSync(join(net, "nodes", name, "validator.key"), "utf8").trim();
        const address = addressOfPrivateKey(new Uint8Array(Buffer.from(key.slice(2), "hex")));
        assert.equal(id.type === "node" && id.validatorAddress?.toLowerCase(), address.toLowerCase(), name);
      } else {
        assert.equal(id.type === "node" && id.validatorAddress, undefined);
      }
    }
    // The node certificates come from the intermediate, not straight from the root.
    const rogue = await run("openssl", [
      "verify",
      "-CAfile",
      join(net, "trust", "roots.pem"),
      join(tmp, "validator-1.leaf.pem"),
    ]).catch((err: { stdout: string; stderr: string }) => err);
    assert.match(`${rogue.stdout}${rogue.stderr}`, /unable to get local issuer certificate/);
  });

  it("writes a genesis whose extraData lists exactly the validators, sorted, and funds the demo accounts", () => {
    const genesis = parseGenesis(JSON.parse(readFileSync(join(net, "genesis.json"), "utf8")));
    assert.equal(genesis.chainId, 4321n);
    assert.equal(genesis.qbft.blockPeriodSeconds, 2);
    assert.equal(genesis.qbft.emptyBlockPeriodSeconds, 6);
    assert.equal(genesis.qbft.requestTimeoutSeconds, 7);
    const addresses = VALIDATORS.map((name) => {
      const key = readFileSync(join(net, "nodes", name, "validator.key"), "utf8").trim();
      return addressOfPrivateKey(new Uint8Array(Buffer.from(key.slice(2), "hex"))).toLowerCase();
    });
    const extra = decodeExtraData(genesis.extraData);
    assert.deepEqual(
      extra.validators.map((v) => v.toLowerCase()),
      [...addresses].sort(),
    );
    const accounts = JSON.parse(readFileSync(join(net, "accounts.json"), "utf8")) as {
      chainId: number;
      accounts: { address: string; privateKey: string }[];
    };
    assert.equal(accounts.chainId, 4321);
    assert.equal(accounts.accounts.length, 3);
    for (const a of accounts.accounts) {
      assert.equal(addressOfPrivateKey(new Uint8Array(Buffer.from(a.privateKey.slice(2), "hex"))), a.address);
      assert.ok((genesis.alloc.get(a.address.toLowerCase())?.balance ?? 0n) > 0n);
    }
  });

  it("declares the identity registry for permissioning and issues the demo members' person certificates from the intermediate", async () => {
    const raw = JSON.parse(readFileSync(join(net, "genesis.json"), "utf8")) as {
      config: { permissioning?: { identityRegistry: string } };
    };
    assert.equal(
      raw.config.permissioning?.identityRegistry.toLowerCase(),
      IDENTITY_REGISTRY_ADDRESS.toLowerCase(),
    );
    const genesis = parseGenesis(raw);
    assert.ok(genesis.alloc.get(IDENTITY_REGISTRY_ADDRESS.toLowerCase())?.code);
    const trust = await TrustStore.fromFiles({
      roots: join(net, "trust", "roots.pem"),
      intermediates: join(net, "trust", "intermediates.pem"),
      crls: [join(net, "trust", "root.crl.pem"), join(net, "trust", "nodes.crl.pem")],
    });
    const { accounts } = JSON.parse(readFileSync(join(net, "accounts.json"), "utf8")) as {
      accounts: { address: string }[];
    };
    const fingerprints = new Set<string>();
    for (const { address } of accounts) {
      const chain = parseCertificates(
        readFileSync(join(net, "members", `${address.toLowerCase()}.pem`), "utf8"),
      );
      const verdict = await trust.verify(chain, { purpose: "clientAuth", profile: "person" });
      assert.ok(verdict.ok, verdict.ok ? address : verdict.reason);
      const id = describeCertificate(chain[0]!);
      assert.equal(id.type, "person");
      fingerprints.add(id.fingerprint);
      // The key beside it is the certificate's.
      const key = createPrivateKey(
        readFileSync(join(net, "members", `${address.toLowerCase()}.key`), "utf8"),
      );
      assert.equal(
        createPublicKey(key).export({ type: "spki", format: "der" }).toString("hex"),
        Buffer.from(chain[0]!.publicKey.rawData).toString("hex"),
      );
    }
    assert.equal(fingerprints.size, accounts.length);
  });

  it("writes configs that load, with every validator but itself as a static peer", async () => {
    const p2pOf = new Map(ALL.map((name, i) => [name, `127.0.0.1:${40000 + i}`]));
    for (const [i, name] of ALL.entries()) {
      const config = await loadNodeConfig(join(net, "nodes", name, "config.json"));
      assert.equal(config.name, name);
      assert.deepEqual(config.rpc, { host: "127.0.0.1", port: 41000 + i });
      assert.deepEqual(config.metrics, { host: "127.0.0.1", port: 42000 + i });
      assert.equal(config.p2p?.port, 40000 + i);
      assert.deepEqual(
        [...(config.p2p?.staticPeers ?? [])].sort(),
        VALIDATORS.filter((v) => v !== name)
          .map((v) => p2pOf.get(v))
          .sort(),
      );
      assert.equal(config.validatorKey === undefined, name === "replica-1");
      assert.equal(config.p2p?.crlPaths?.length, 2);
    }
  });

  it("refuses a non-empty directory (exit 1) unless --force, which keeps files of its own", async () => {
    const again = await civitas("init", "--validators", "1", "--out", net);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is not empty; choose a new directory, or pass --force/);
    assert.doesNotMatch(again.stderr, /\n\s+at /);
    writeFileSync(join(net, "notes.txt"), "kept");
    const forced = await civitas("init", "--validators", "2", "--accounts", "0", "--out", net, "--force");
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(join(net, "notes.txt"), "utf8"), "kept");
    const manifest = JSON.parse(readFileSync(join(net, "network.json"), "utf8")) as { nodes: unknown[] };
    assert.equal(manifest.nodes.length, 2);
    assert.throws(() => statSync(join(net, "nodes", "replica-1")), /ENOENT/);
    assert.throws(() => statSync(join(net, "accounts.json")), /ENOENT/);
    assert.throws(() => statSync(join(net, "members")), /ENOENT/);
  });

  it("refuses bad arguments with exit 2 and a message", async () => {
    const out = join(tmp, "never");
    const cases: [string[], RegExp][] = [
      [["--out", out], /missing --validators N/],
      [["--validators", "4"], /missing --out DIR/],
      [["--validators", "0", "--out", out], /--validators must be an integer from 1 to 64, got '0'/],
      [["--validators", "four", "--out", out], /--validators must be an integer/],
      [["--validators", "4", "--nodes=-1", "--out", out], /--nodes must be an integer from 0 to 64/],
      [
        ["--validators", "2", "--out", out, "--block-period", "5", "--empty-block-period", "2"],
        /--empty-block-period must be an integer from 5/,
      ],
      [
        ["--validators", "4", "--out", out, "--rpc-port", "30305"],
        /--p2p-port 30303 and --rpc-port 30305 overlap/,
      ],
      [
        ["--validators", "4", "--out", out, "--p2p-port", "65534"],
        /--p2p-port must be an integer from 1 to 65532/,
      ],
      [
        ["--validators", "4", "--out", out, "--host", "0.0.0.0"],
        /--host must be an address the nodes can dial/,
      ],
      [["--validators", "4", "--out", out, "--bogus"], /Unknown option '--bogus'/],
    ];
    const results = await Promise.all(cases.map(([args]) => civitas("init", ...args)));
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i]!;
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
    assert.throws(() => statSync(out), /ENOENT/);
  });

  it("prints its help", async () => {
    const help = await civitas("init", "--help");
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--validators N/);
    assert.match(help.stdout, /civitas ca/);
  });
});
