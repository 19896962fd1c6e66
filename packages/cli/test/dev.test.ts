import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AccessLevel, IDENTITY_REGISTRY_ADDRESS, IdentityRegistry, MemberStatus } from "@civitas/contracts";
import { createAccountKey, createDevGenesis } from "@civitas/node";
import { parseCertificates } from "@civitas/pki";
import { type Abi, type Address, decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DevNodeProcess, makeTempDir, removeDir } from "../../node/test/e2e/devNodeProcess.ts";
import { DEMO_ORGANISATION, DEVELOPER_ROLE, registryId } from "../src/network/genesisMembers.ts";

let nextId = 1;
async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params }),
  });
  const reply = (await response.json()) as { result?: T; error?: { message: string } };
  if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result as T;
}

async function read(url: string, functionName: string, args: readonly unknown[]): Promise<unknown> {
  const abi = IdentityRegistry.abi as Abi;
  const data = encodeFunctionData({ abi, functionName, args });
  const result = await rpc<Hex>(url, "eth_call", [{ to: IDENTITY_REGISTRY_ADDRESS, data }, "latest"]);
  return decodeFunctionResult({ abi, functionName, data: result });
}

/** A signed contract creation (runtime code returning 1) from `privateKey`'s account. */
function deployment(privateKey: Hex, nonce = 0): Promise<Hex> {
  return privateKeyToAccount(privateKey).signTransaction({
    chainId: 1337,
    type: "eip1559",
    nonce,
    gas: 100_000n,
    maxFeePerGas: 0n,
    maxPriorityFeePerGas: 0n,
    data: "0x600160005260206000f3",
  });
}

async function receipt(url: string, hash: Hex): Promise<{ status: Hex; contractAddress: Address | null }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await rpc<{ status: Hex; contractAddress: Address | null } | null>(
      url,
      "eth_getTransactionReceipt",
      [hash],
    );
    if (r) return r;
    if (Date.now() > deadline) throw new Error(`${hash} was not mined within 60 s`);
    await sleep(200);
  }
}

describe("civitas dev: a new chain", () => {
  let node: DevNodeProcess;

  before(async () => {
    node = await DevNodeProcess.start({ accounts: 2 });
  });

  after(async () => {
    await node?.stop();
    if (node) removeDir(node.dataDir);
  });

  it("writes two network admins and a registrar (mode 0600) and says where", () => {
    const path = join(node.dataDir, "admins.json");
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const keys = JSON.parse(readFileSync(path, "utf8")) as {
      chainId: number;
      identityRegistry: string;
      quorum: number;
      admins: { address: string; privateKey: string }[];
      registrars: { address: string; privateKey: string }[];
    };
    assert.equal(keys.chainId, 1337);
    assert.equal(keys.identityRegistry.toLowerCase(), IDENTITY_REGISTRY_ADDRESS.toLowerCase());
    assert.equal(keys.quorum, 2);
    assert.equal(keys.admins.length, 2);
    assert.equal(keys.registrars.length, 1);
    assert.ok(node.stdout.includes(`admin keys:      ${path}`), node.stdout);
    for (const secret of ["ca/passphrase", "dev-accounts.json", "validator.key"])
      assert.equal(statSync(join(node.dataDir, secret)).mode & 0o777, 0o600, secret);
  });

  it("keeps dev-accounts.json's format and registers its accounts as developers of the demo organisation", async () => {
    const file = JSON.parse(readFileSync(join(node.dataDir, "dev-accounts.json"), "utf8")) as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(file).sort(), ["accounts", "chainId"]);
    assert.equal(node.accounts.length, 2);
    const [root] = parseCertificates(readFileSync(join(node.dataDir, "ca", "root", "ca.crt.pem"), "utf8"));
    const now = BigInt(Math.floor(Date.now() / 1000));
    for (const account of node.accounts) {
      assert.deepEqual(Object.keys(account).sort(), ["address", "privateKey"]);
      const [certificate] = parseCertificates(
        readFileSync(join(node.dataDir, "members", `${account.address.toLowerCase()}.pem`), "utf8"),
      );
      assert.equal(certificate!.issuer, root!.subject);
      const notAfter = BigInt(Math.floor(certificate!.notAfter.getTime() / 1000));
      assert.deepEqual(await read(node.url, "permissionAt", [account.address, now]), [
        AccessLevel.DEPLOY,
        MemberStatus.ACTIVE,
        notAfter,
      ]);
      const member = (await read(node.url, "memberOf", [account.address])) as {
        organisation: Hex;
        role: Hex;
      };
      assert.equal(member.organisation, registryId(DEMO_ORGANISATION));
      assert.equal(member.role, registryId(DEVELOPER_ROLE));
    }
  });

  it("mines a demo account's contract creation and refuses an account that is not a member", async () => {
    const hash = await rpc<Hex>(node.url, "eth_sendRawTransaction", [
      await deployment(node.accounts[0]!.privateKey),
    ]);
    const mined = await receipt(node.url, hash);
    assert.equal(mined.status, "0x1");
    assert.ok(mined.contractAddress);
    await assert.rejects(
      rpc(node.url, "eth_sendRawTransaction", [await deployment(createAccountKey().privateKey as Hex)]),
      /may not create contracts: it is not a registered member/,
    );
  });

  it("continues the chain after a restart", async () => {
    await node.stop();
    node = await DevNodeProcess.start({ dataDir: node.dataDir });
    assert.match(node.stdout, /continues the chain at block [1-9]/);
    assert.equal(await read(node.url, "accessLevelOf", [node.accounts[1]!.address]), AccessLevel.DEPLOY);
  });
});

describe("civitas dev: a data directory made before the registry", () => {
  it("still starts, without permissioning", async () => {
    const dir = makeTempDir("civitas-dev-old-");
    let node: DevNodeProcess | undefined;
    try {
      const validator = createAccountKey();
      const demo = createAccountKey();
      const genesis = createDevGenesis({
        chainId: 1337,
        validators: [validator.address],
        accounts: [demo.address],
        balanceWei: 10n ** 24n,
        blockPeriodSeconds: 1,
        emptyBlockPeriodSeconds: 1,
        gasLimit: 100_000_000n,
        timestamp: Math.floor(Date.now() / 1000),
      });
      writeFileSync(join(dir, "genesis.json"), JSON.stringify(genesis));
      writeFileSync(join(dir, "validator.key"), `${validator.privateKey}\n`, { mode: 0o600 });
      writeFileSync(join(dir, "dev-accounts.json"), JSON.stringify({ chainId: 1337, accounts: [demo] }), {
        mode: 0o600,
      });
      node = await DevNodeProcess.start({ dataDir: dir });
      assert.match(node.stdout, /continues the chain at block \d+/);
      assert.doesNotMatch(node.stdout, /admin keys/);
      const hash = await rpc<Hex>(node.url, "eth_sendRawTransaction", [
        await deployment(demo.privateKey as Hex),
      ]);
      assert.equal((await receipt(node.url, hash)).status, "0x1");
    } finally {
      await node?.stop();
      removeDir(dir);
    }
  });
});
