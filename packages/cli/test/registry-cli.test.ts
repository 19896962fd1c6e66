import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { type LocalNetwork, startLocalNetwork } from "../../sdk/test/support/localNetwork.ts";
import { rpcCall } from "./cluster/support/cluster.ts";
import { civitas } from "./support/runCivitas.ts";

const ORG = "bilbao.urbanism";

let net: LocalNetwork;
let rpc: string[];
let alice: Holder;
let bob: Holder;
const file = (name: string) => join(net.scratch, name);

/** Runs civitas and requires success; returns stdout. */
async function ok(...args: string[]): Promise<string> {
  const r = await civitas(...args);
  assert.equal(r.code, 0, `civitas ${args.join(" ")}\n${r.stderr}`);
  return r.stdout;
}

/** Runs civitas and requires exit `code` with a one-line message (no stack trace) matching `message`. */
async function fails(code: number, message: RegExp, ...args: string[]): Promise<string> {
  const r = await civitas(...args);
  assert.equal(r.code, code, `civitas ${args.join(" ")}\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  return r.stderr;
}

/** A holder: an account key file and a person certificate issued by the network's CA with `civitas cert`. */
interface Holder {
  address: string;
  key: string;
  cert: string;
}

async function holder(name: string, nationalId: string): Promise<Holder> {
  const key = generatePrivateKey();
  writeFileSync(file(`${name}.account.key`), `${key}\n`, { mode: 0o600 });
  writeFileSync(file(`${name}.id`), `${nationalId}\n`, { mode: 0o600 });
  await ok(
    "cert",
    "issue",
    "--type",
    "person",
    "--ca",
    net.caDir,
    "--passphrase-file",
    net.passphraseFile,
    "--national-id-file",
    file(`${name}.id`),
    "--assurance",
    "SUBSTANTIAL",
    "--out",
    file(`${name}.pem`),
    "--out-key",
    file(`${name}.cert.key`),
    "--chain-out",
    file(`${name}.chain.pem`),
  );
  return {
    address: privateKeyToAccount(key).address,
    key: file(`${name}.account.key`),
    cert: file(`${name}.pem`),
  };
}

before(async () => {
  net = await startLocalNetwork();
  rpc = ["--rpc", net.rpcUrl];
  for (const [name, pair] of [
    ["admin1", net.admins[0]!],
    ["admin2", net.admins[1]!],
  ] as const)
    writeFileSync(file(`${name}.key`), `${pair.privateKey}\n`, { mode: 0o600 });
  // What a registrar is given to check certificates against: the network's CA certificates.
  writeFileSync(
    file("ca.pem"),
    readFileSync(join(net.dir, "trust", "roots.pem"), "utf8") +
      readFileSync(join(net.dir, "trust", "intermediates.pem"), "utf8"),
  );
  // One after the other: a CA directory is locked while a command uses it.
  alice = await holder("alice", "11111111H");
  bob = await holder("bob", "22222222J");
});

after(async () => {
  await net?.close();
});

describe("civitas org, member and admin on a running network", () => {
  const admins = () => join(net.dir, "admins.json");

  it("adds an organisation by quorum: one admin cannot execute alone, a second approval executes it", async () => {
    const proposed = await ok("org", "add", "--id", ORG, "--key", file("admin1.key"), ...rpc);
    const id = /proposal (0x[0-9a-f]{64})/.exec(proposed)?.[1];
    assert.ok(id, proposed);
    assert.match(proposed, /approvals: 1 of 2/);
    assert.match(proposed, new RegExp(`civitas admin approve ${id}`));

    const shown = await ok("admin", "show", id, ...rpc);
    assert.match(shown, new RegExp(`action\\s+ADD_ORGANISATION ${ORG.replace(".", "\\.")}`));
    assert.match(shown, /approvals\s+1 of 2/);
    assert.match(shown, /executed\s+no/);

    const alone = await fails(
      1,
      /refused by the registry: QuorumNotReached\(0x[0-9a-f]{64}, 1, 2\)/,
      "admin",
      "execute",
      id,
      "--key",
      file("admin1.key"),
      ...rpc,
    );
    assert.match(alone, /More network admins must approve/);
    await fails(1, /organisation bilbao\.urbanism does not exist/, "org", "show", ORG, ...rpc);

    const approved = await ok("admin", "approve", id, "--key", admins(), "--as", "admin2", ...rpc);
    assert.match(approved, /approvals 2 of 2: executed/);
    assert.match(await ok("admin", "show", id, ...rpc), /executed\s+yes/);
    assert.match(await ok("org", "show", ORG, ...rpc), /members\s+0/);
  });

  it("defines a role as the registrar", async () => {
    const out = await ok(
      "org",
      "role",
      "--org",
      ORG,
      "--role",
      "clerk",
      "--level",
      "transact",
      "--min-assurance",
      "SUBSTANTIAL",
      "--key",
      admins(),
      "--as",
      "registrar",
      ...rpc,
    );
    assert.match(out, /role clerk of bilbao\.urbanism: TRANSACT, minimum assurance SUBSTANTIAL/);
    await fails(
      1,
      /refused by the registry: NotRegistrar/,
      "org",
      "role",
      "--org",
      ORG,
      "--role",
      "clerk",
      "--level",
      "READ",
      "--min-assurance",
      "LOW",
      "--key",
      file("admin1.key"),
      ...rpc,
    );
  });

  it("registers a holder from its certificate and its own binding statement: TRANSACT, ACTIVE", async () => {
    const h = alice;
    await ok(
      "member",
      "bind",
      "--cert",
      h.cert,
      "--cert-key",
      file("alice.cert.key"),
      "--account-key",
      h.key,
      "--chain-id",
      String(net.chainId),
      "--out",
      file("alice.binding"),
    );
    assert.match(readFileSync(file("alice.binding"), "utf8"), /^0x01[0-9a-f]+\n$/);
    const added = await ok(
      "member",
      "add",
      "--cert",
      h.cert,
      "--binding",
      file("alice.binding"),
      "--account",
      h.address,
      "--org",
      ORG,
      "--role",
      "clerk",
      "--ca",
      file("ca.pem"),
      "--key",
      admins(),
      "--as",
      "registrar",
      ...rpc,
    );
    assert.match(added, new RegExp(`registered ${h.address} in bilbao\\.urbanism as clerk`));
    assert.match(added, /assurance SUBSTANTIAL, valid until \d{4}-/);

    const shown = await ok("member", "show", h.address, ...rpc);
    assert.match(shown, /level\s+TRANSACT/);
    assert.match(shown, /status\s+ACTIVE/);
    assert.match(shown, /organisation\s+bilbao\.urbanism/);
    assert.match(shown, /role\s+clerk/);
    const info = JSON.parse(await ok("member", "show", h.address, "--json", ...rpc));
    const notAfter = JSON.parse(await ok("cert", "show", h.cert, "--json")).notAfter;
    assert.equal(info.validUntil, new Date(notAfter).toISOString());
    assert.equal(info.certificateNotAfter, info.validUntil);
  });

  it("refuses, before sending, a binding statement made for another account", async () => {
    const mallory = privateKeyToAccount(generatePrivateKey()).address;
    await ok(
      "member",
      "bind",
      "--cert",
      bob.cert,
      "--cert-key",
      file("bob.cert.key"),
      "--account-key",
      bob.key,
      "--chain-id",
      String(net.chainId),
      "--out",
      file("bob.binding"),
    );
    // The certificate with its chain: the CA is found in it and checked against the registry.
    writeFileSync(
      file("bob.bundle.pem"),
      readFileSync(bob.cert, "utf8") + readFileSync(file("bob.chain.pem"), "utf8"),
    );
    const nonce = await rpcCall(net.rpcUrl, "eth_getTransactionCount", [net.registrar.address, "latest"]);
    const refused = await fails(
      1,
      /Binding statement refused \[WRONG_ACCOUNT\]: binding is for account 0x[0-9a-fA-F]{40}, expected/,
      "member",
      "add",
      "--cert",
      file("bob.bundle.pem"),
      "--binding",
      file("bob.binding"),
      "--account",
      mallory,
      "--org",
      ORG,
      "--role",
      "clerk",
      "--key",
      admins(),
      "--as",
      "registrar",
      ...rpc,
    );
    assert.match(refused, /nothing was sent/);
    assert.equal(
      await rpcCall(net.rpcUrl, "eth_getTransactionCount", [net.registrar.address, "latest"]),
      nonce,
    );
    assert.match(await ok("member", "show", mallory, ...rpc), /status\s+NOT_MEMBER/);
  });

  it("revokes a member's certificate: the member is suspended (CERTIFICATE_REVOKED)", async () => {
    const out = await ok(
      "member",
      "revoke",
      "--cert",
      file("alice.pem"),
      "--reason",
      "keyCompromise",
      "--key",
      admins(),
      "--as",
      "registrar",
      ...rpc,
    );
    assert.match(out, new RegExp(`member ${alice.address} is suspended`));
    const info = JSON.parse(await ok("member", "show", alice.address, "--json", ...rpc));
    assert.equal(info.status, "CERTIFICATE_REVOKED");
    assert.equal(info.level, "NONE");
    await fails(
      1,
      /CertificateAlreadyRevoked/,
      "member",
      "revoke",
      "--account",
      alice.address,
      "--key",
      admins(),
      "--as",
      "registrar",
      ...rpc,
    );
  });

  it("refuses bad arguments with exit 2 and a message, without contacting the node", async () => {
    const key = ["--key", file("admin1.key")];
    const cases: [string[], RegExp][] = [
      [["org", "add", ...key, ...rpc], /missing --id/],
      [["org", "add", "--id", "x".repeat(33), ...key, ...rpc], /at most 32 bytes/],
      [
        [
          "org",
          "role",
          "--org",
          ORG,
          "--role",
          "r",
          "--level",
          "ADMIN",
          "--min-assurance",
          "LOW",
          ...key,
          ...rpc,
        ],
        /--level must be one of READ, TRANSACT, DEPLOY/,
      ],
      [
        [
          "member",
          "revoke",
          "--account",
          net.admins[0]!.address,
          "--fingerprint",
          "ab".repeat(32),
          ...key,
          ...rpc,
        ],
        /exactly one of/,
      ],
      [["member", "show", "not-an-address", ...rpc], /is not an account address/],
      [["admin", "propose", "ADD_EVERYTHING", "x", ...key, ...rpc], /unknown action 'ADD_EVERYTHING'/],
      [["admin", "propose", "SET_QUORUM", "two", ...key, ...rpc], /SET_QUORUM takes a number/],
      [
        ["admin", "approve", `0x${"1".repeat(64)}`, "--key", admins(), ...rpc],
        /choose one with --as \(admin1, admin2, admin3, registrar1\)/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => civitas(...args)));
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i]!;
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(" "));
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it("prints each command's help", async () => {
    for (const [group, pattern] of [
      ["org", /civitas org add --id ID/],
      ["member", /civitas member bind --cert FILE/],
      ["admin", /civitas admin approve ID/],
    ] as const) {
      const r = await civitas(group, "--help");
      assert.equal(r.code, 0);
      assert.match(r.stdout, pattern);
    }
  });
});
