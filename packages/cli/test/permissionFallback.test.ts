// The permission check reads the identity registry's storage with the node's own idea of its
// layout, and checks some of those reads against the contract's `permissionAt` view. These tests
// run a real node in-process: with a registry of another layout at the registry's address, the
// check notices it, says so once and from then on asks the contract; with the real registry, the
// storage reads agree with the contract and stay in use.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { IDENTITY_REGISTRY_ADDRESS, IdentityRegistry } from "@civitas/contracts";
import {
  type AccountKey,
  createAccountKey,
  createLedgerNode,
  type LedgerNode,
  type PermissionStats,
  registryInterface,
} from "@civitas/node";
import { CertificateAuthority, certificateFingerprint } from "@civitas/pki";
import { pino } from "pino";
import solc from "solc";
import {
  type Abi,
  concat,
  encodeFunctionData,
  type Hex,
  hexToBigInt,
  hexToBytes,
  keccak256,
  pad,
  toHex,
} from "viem";
import { createDemoRegistryAlloc, type GenesisMember } from "../src/network/genesisMembers.ts";
import type { GenesisContractAlloc } from "../src/network/systemContracts.ts";
import { signZeroFeeTransaction, writePermissionedGenesis } from "./support/permissionedGenesis.ts";

const CHAIN_ID = 4712;
const MISMATCH = /does not read as the node expects/;
/** More lookups than the 32 the node first checks against the view, so that what follows shows. */
const LOOKUPS = 40;

/**
 * Registries of another layout: they keep nothing in storage (so the node's storage read finds
 * no one). OpenRegistry's view lets every account transact; PartlyOpenRegistry's only accounts
 * whose address begins with 0xee, so that it agrees with the storage read about every other one.
 */
const REGISTRIES_SOURCE = `// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

contract OpenRegistry {
    function permissionAt(address, uint64) external pure returns (uint8 level, uint8 status, uint64 validUntil) {
        return (2, 1, type(uint64).max);
    }
}

contract PartlyOpenRegistry {
    function permissionAt(address account, uint64) external pure returns (uint8 level, uint8 status, uint64 validUntil) {
        if (uint160(account) >> 152 == 0xee) return (2, 1, type(uint64).max);
        return (0, 0, type(uint64).max);
    }
}
`;

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { evm: { deployedBytecode: { object: string } } }>>;
}

/** Runtime code of one of the registries above, compiled with the pinned solc for the node's EVM rules. */
function compileRegistry(name: "OpenRegistry" | "PartlyOpenRegistry"): Hex {
  const input = {
    language: "Solidity",
    sources: { "Registries.sol": { content: REGISTRIES_SOURCE } },
    settings: {
      evmVersion: "osaka",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const code = output.contracts?.["Registries.sol"]?.[name]?.evm.deployedBytecode.object;
  if (!code) throw new Error(`solc produced no ${name} runtime code`);
  return `0x${code}`;
}

/** A started single-validator node, the errors it logged, and how to send it transactions. */
interface TestNode {
  readonly node: LedgerNode;
  /** Error-level log lines the node wrote, parsed. */
  readonly errors: { msg: string; [field: string]: unknown }[];
  /** Signs and sends a transaction from `key` (creating a contract if `to` is undefined). */
  send(key: AccountKey, to: Hex | undefined, data?: Hex): Promise<Hex>;
  /** The receipt's status once the node's consensus has mined the transaction. */
  mined(hash: Hex): Promise<Hex>;
  close(): Promise<void>;
}

/** Starts a node whose genesis has `registry` at the identity registry's address. */
async function startNode(registry: GenesisContractAlloc, timestamp: number): Promise<TestNode> {
  const tmp = mkdtempSync(join(tmpdir(), "civitas-permission-fallback-"));
  const validator = createAccountKey();
  writePermissionedGenesis(tmp, {
    chainId: CHAIN_ID,
    validator: validator.address,
    registry: registry,
    timestamp: timestamp,
  });
  const errors: TestNode["errors"] = [];
  const node = await createLedgerNode({
    dataDir: join(tmp, "data"),
    genesisPath: join(tmp, "genesis.json"),
    validatorKey: { address: validator.address, privateKey: hexToBytes(validator.privateKey as Hex) },
    rpc: { host: "127.0.0.1", port: 0 },
    logger: pino({ level: "error" }, { write: (line: string) => void errors.push(JSON.parse(line)) }),
  });
  const nonces = new Map<string, number>();
  let id = 1;
  const rpc = async <T>(method: string, params: unknown[]): Promise<T> => {
    const response = await fetch(node.rpc.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: id++, method, params }),
    });
    const reply = (await response.json()) as { result?: T; error?: { code: number; message: string } };
    if (reply.error) throw new Error(`${method}: ${reply.error.message} (${reply.error.code})`);
    return reply.result as T;
  };
  return {
    node,
    errors,
    async send(key, to, data = "0x") {
      const nonce = nonces.get(key.address) ?? 0;
      const raw = await signZeroFeeTransaction(key.privateKey as Hex, { chainId: CHAIN_ID, nonce, to, data });
      const hash = await rpc<Hex>("eth_sendRawTransaction", [raw]);
      nonces.set(key.address, nonce + 1);
      return hash;
    },
    async mined(hash) {
      // The node's own consensus builds the blocks (a block every second here).
      const deadline = Date.now() + 30_000;
      for (;;) {
        const receipt = await rpc<{ status: Hex } | null>("eth_getTransactionReceipt", [hash]);
        if (receipt) return receipt.status;
        if (Date.now() > deadline) throw new Error(`transaction ${hash} was not mined within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      await node.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

const now = () => BigInt(Math.floor(Date.now() / 1000));
const address = () => createAccountKey().address.toLowerCase();
const mismatches = (t: TestNode) => t.errors.filter((e) => MISMATCH.test(e.msg));
const statsOf = (t: TestNode): PermissionStats => {
  assert.ok(t.node.permissions, "permissioning is on");
  return t.node.permissions.stats();
};

describe("permission check with a registry whose storage does not read as expected", () => {
  let t: TestNode;

  before(async () => {
    const code = compileRegistry("OpenRegistry");
    t = await startNode({ balance: "0x0", code, storage: {} }, Math.floor(Date.now() / 1000) - 10);
  });

  after(async () => {
    await t?.close();
  });

  it("takes the contract's answer, says so once, and calls the contract for every later lookup", async () => {
    assert.equal(statsOf(t).registryLookups, 0, "nothing was looked up before the first transaction");
    assert.deepEqual(mismatches(t), []);
    assert.equal(statsOf(t).readsStorage, true, "decisions are read from storage at first");

    // The storage holds no member, so read from storage this account may not transact; the
    // contract's view says it may, and the view wins.
    const anyone = createAccountKey();
    const hash = await t.send(anyone, address() as Hex);
    assert.equal(await t.mined(hash), "0x1", "the transaction was mined and succeeded");

    const logged = mismatches(t);
    assert.equal(logged.length, 1, "the mismatch is logged");
    const [error] = logged;
    assert.equal(error?.["registry"], IDENTITY_REGISTRY_ADDRESS.toLowerCase());
    assert.equal(error?.["account"], anyone.address.toLowerCase());
    const stored = error?.["stored"] as { level: number; status: number };
    const viewed = error?.["viewed"] as { level: number; status: number };
    assert.deepEqual([stored.level, stored.status], [0, 0], "read from storage: NONE, NOT_MEMBER");
    assert.deepEqual([viewed.level, viewed.status], [2, 1], "from the view: TRANSACT, ACTIVE");
    assert.equal(
      statsOf(t).readsStorage,
      false,
      "the stats (and the metric) say the node now calls the view",
    );

    // From now on every lookup is a call of the view, also beyond the first ones the node checks.
    for (let i = 0; i < LOOKUPS; i++) {
      const before = statsOf(t);
      const refusal = await t.node.permissions?.refusal(address(), false, now());
      const after = statsOf(t);
      assert.equal(refusal, undefined, `lookup ${i}: the view's answer (TRANSACT) decides`);
      assert.equal(after.registryLookups - before.registryLookups, 1, `lookup ${i} is one registry lookup`);
      assert.equal(after.registryCalls - before.registryCalls, 1, `lookup ${i} is one call of the view`);
    }
    // The view's answer, not the storage's, is also what a refusal names.
    const creation = await t.node.permissions?.refusal(address(), true, now());
    assert.match(creation ?? "", /may not create contracts: its access level is TRANSACT \(DEPLOY needed\)/);

    // Another account's transaction over RPC is accepted too; the mismatch is not logged again.
    const other = createAccountKey();
    assert.equal(await t.mined(await t.send(other, address() as Hex)), "0x1");
    assert.equal(mismatches(t).length, 1, "the mismatch is logged once");
  });
});

describe("permission check with a registry that disagrees with its storage about a few accounts", () => {
  let t: TestNode;

  before(async () => {
    const code = compileRegistry("PartlyOpenRegistry");
    t = await startNode({ balance: "0x0", code, storage: {} }, Math.floor(Date.now() / 1000) - 10);
  });

  after(async () => {
    await t?.close();
  });

  /** An address whose first byte is `first` (0xee: one the registry's view lets transact). */
  const account = (first: string, i: number) => `0x${first}${i.toString(16).padStart(38, "0")}`;

  it("does not keep decisions of unchecked storage reads once it has found a mismatch", async () => {
    const permissions = t.node.permissions;
    assert.ok(permissions);
    const time = now();
    // Past the first, checked, reads: the storage reads agree with the view about these accounts.
    for (let i = 0; i < LOOKUPS; i++)
      assert.match(
        (await permissions.refusal(account("11", i), false, time)) ?? "",
        /not a registered member/,
      );
    assert.deepEqual(mismatches(t), []);
    // Accounts the view lets transact, looked up until the node samples one and finds the mismatch.
    const misread: string[] = [];
    while (mismatches(t).length === 0) {
      assert.ok(misread.length < 10_000, "the node checks one storage read in 1,000 against the view");
      misread.push(account("ee", misread.length));
      await permissions.refusal(misread.at(-1)!, false, time);
    }
    assert.ok(misread.length > 1, "some accounts were decided by unchecked storage reads before");
    // From now on the view decides: also for the accounts decided before the mismatch was found.
    for (const a of misread) assert.equal(await permissions.refusal(a, false, time), undefined, a);
  });
});

describe("permission check with a registry of the earlier layout (member records without indices)", () => {
  let t: TestNode;
  // A member as the registry kept it before its record packed the issuer and role indices:
  // registered, certificate valid for a day, nothing else in the word the node reads first.
  const member = createAccountKey();

  before(async () => {
    const timestamp = Math.floor(Date.now() / 1000) - 10;
    const layout = registryInterface.REGISTRY_STORAGE;
    const record =
      hexToBigInt(keccak256(concat([pad(member.address as Hex), pad(toHex(layout.members))]))) +
      BigInt(layout.member.word);
    const times = (BigInt(timestamp) << 64n) | BigInt(timestamp + 86_400);
    t = await startNode(
      {
        balance: "0x0",
        code: compileRegistry("OpenRegistry"),
        storage: { [toHex(record, { size: 32 })]: toHex(times, { size: 32 }) },
      },
      timestamp,
    );
  });

  after(async () => {
    await t?.close();
  });

  it("cannot follow the record, takes the contract's answer and calls the contract from then on", async () => {
    const hash = await t.send(member, address() as Hex);
    assert.equal(await t.mined(hash), "0x1", "the member's transaction was mined and succeeded");
    const logged = mismatches(t);
    assert.equal(logged.length, 1, "the node said once that the registry does not read as expected");
    assert.equal(logged[0]?.["account"], member.address.toLowerCase());
    assert.match(String(logged[0]?.["stored"]), /without an issuer or role index/);
    assert.equal(statsOf(t).readsStorage, false, "decisions now come from the contract's view");
  });
});

describe("permission check with the real identity registry", () => {
  let t: TestNode;
  let members: GenesisMember[];
  let admins: AccountKey[];
  let registrar: AccountKey;

  before(async () => {
    const timestamp = Math.floor(Date.now() / 1000) - 10;
    const ca = await CertificateAuthority.createRoot({
      subject: { commonName: "Permission Fallback Test Root" },
    });
    admins = [createAccountKey(), createAccountKey()];
    registrar = createAccountKey();
    const issued = await createDemoRegistryAlloc({
      chainId: BigInt(CHAIN_ID),
      timestamp,
      admins,
      quorum: 2,
      registrar,
      rootCaFingerprint: `0x${certificateFingerprint(ca.certificate)}`,
      issuerFingerprints: [],
      ca,
      members: Array.from({ length: 10 }, () => createAccountKey()),
    });
    members = issued.members;
    t = await startNode(issued.alloc, timestamp);
  });

  after(async () => {
    await t?.close();
  });

  it(`agrees with the contract over ${LOOKUPS} lookups of different accounts and keeps reading storage`, async () => {
    const permissions = t.node.permissions;
    assert.ok(permissions);
    // A revoked certificate and a removed member, so that those parts of the layout are read too.
    const abi = IdentityRegistry.abi as Abi;
    const [revoked, removed, ...active] = members;
    assert.ok(revoked && removed);
    const revocation = await t.send(
      registrar,
      IDENTITY_REGISTRY_ADDRESS,
      encodeFunctionData({
        abi,
        functionName: "revokeCertificate",
        args: [revoked.registration.certificateFingerprint, 1],
      }),
    );
    const removal = await t.send(
      registrar,
      IDENTITY_REGISTRY_ADDRESS,
      encodeFunctionData({ abi, functionName: "removeMember", args: [removed.account] }),
    );
    assert.equal(await t.mined(revocation), "0x1", "the certificate was revoked");
    assert.equal(await t.mined(removal), "0x1", "the member was removed");

    const time = now();
    const expired = BigInt(active[0]!.registration.notAfter) + 1n;
    // Each with what the contract decides; the storage read must decide the same.
    const cases: { account: string; time: bigint; creates: boolean; refused: RegExp | undefined }[] = [
      { account: revoked.account, time, creates: false, refused: /its certificate is revoked/ },
      { account: removed.account, time, creates: false, refused: /not a registered member/ },
      ...admins.map((a) => ({ account: a.address, time, creates: true, refused: undefined })),
      ...active.map((m) => ({ account: m.account, time, creates: true, refused: undefined })),
      ...active.map((m) => ({ account: m.account, time: expired, creates: false, refused: /expired/ })),
    ];
    while (cases.length < LOOKUPS)
      cases.push({ account: address(), time, creates: false, refused: /not a registered member/ });

    const before = permissions.stats();
    const callsAfter: number[] = [];
    for (const c of cases) {
      const refusal = await permissions.refusal(c.account, c.creates, c.time);
      if (c.refused) assert.match(refusal ?? "(permitted)", c.refused, c.account);
      else assert.equal(refusal, undefined, c.account);
      callsAfter.push(permissions.stats().registryCalls);
    }
    const after = permissions.stats();
    assert.deepEqual(mismatches(t), [], "no mismatch is logged");
    assert.equal(after.registryLookups - before.registryLookups, LOOKUPS, "every case was a registry lookup");
    assert.ok(after.registryCalls > before.registryCalls, "storage reads were checked against the view");
    // Past the first checked reads, lookups are storage reads alone: the node did not fall back.
    const last = callsAfter.slice(-5);
    assert.deepEqual(
      last,
      last.map(() => last[0]),
      "the last lookups call nothing",
    );
  });
});
