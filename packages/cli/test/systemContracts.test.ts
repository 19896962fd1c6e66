import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  AccessLevel,
  Assurance,
  IDENTITY_REGISTRY_ADDRESS,
  IdentityRegistry,
  MemberStatus,
} from "@civitas/contracts";
import { createAccountKey, createLedgerNode, createLogger, keccak256, type LedgerNode } from "@civitas/node";
import { CertificateAuthority, certificateFingerprint, parseCertificates } from "@civitas/pki";
import { RLP } from "@ethereumjs/rlp";
import { Account, bytesToHex, createAddressFromString, hexToBytes, unpadBytes } from "@ethereumjs/util";
import { type Abi, type Address, decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createEvmHarness, type EvmHarness } from "../../contracts/test/support/evmHarness.ts";
import {
  createDemoRegistryAlloc,
  DEMO_ORGANISATION,
  DEVELOPER_ROLE,
  issueGenesisMembers,
  registryId,
} from "../src/network/genesisMembers.ts";
import {
  createIdentityRegistryAlloc,
  type GenesisContractAlloc,
  type IdentityRegistryBootstrap,
} from "../src/network/systemContracts.ts";
import { civitas } from "./support/runCivitas.ts";

const address = () => createAccountKey().address.toLowerCase() as Address;
const fingerprint = () =>
  `0x${createHash("sha256").update(createAccountKey().privateKey).digest("hex")}` as Hex;

describe("createIdentityRegistryAlloc", () => {
  it("leaves what a deployment by transaction leaves: the same code and every storage slot", async () => {
    const harness = await createEvmHarness(4242n);
    const bootstrap: IdentityRegistryBootstrap = {
      admins: [address(), address(), address(), address()],
      quorum: 3,
      registrars: [address(), address()],
      rootCaFingerprint: fingerprint(),
      issuerFingerprints: [fingerprint(), fingerprint()],
    };
    const alloc = await createIdentityRegistryAlloc(4242n, bootstrap);
    const deployed = await harness.deploy(harness.account(0), IdentityRegistry, [
      bootstrap.admins,
      BigInt(bootstrap.quorum),
      bootstrap.registrars,
      bootstrap.rootCaFingerprint,
      bootstrap.issuerFingerprints,
    ]);
    const at = createAddressFromString(deployed);
    assert.equal(alloc.code, bytesToHex(await harness.vm.stateManager.getCode(at)));
    // The immutable root CA fingerprint is in the runtime code the constructor returned.
    assert.ok(alloc.code.includes(bootstrap.rootCaFingerprint.slice(2)));
    assert.notEqual(alloc.code, IdentityRegistry.deployedBytecode);

    // The storage trie holds keccak(slot) → RLP(value without leading zeros).
    const state = harness.vm.stateManager;
    assert.ok(state.dumpStorage);
    const onChain = await state.dumpStorage(at);
    const fromAlloc = Object.fromEntries(
      Object.entries(alloc.storage).map(([slot, value]) => [
        bytesToHex(keccak256(hexToBytes(slot as Hex))),
        bytesToHex(RLP.encode(unpadBytes(hexToBytes(value)))),
      ]),
    );
    assert.deepEqual(fromAlloc, onChain);
    // 4 admins + 2 registrars + root and 2 issuers (each trusted, listed and indexed) + the
    // issuers list's length + quorum and adminCount.
    assert.equal(Object.keys(alloc.storage).length, 4 + 2 + 3 * 3 + 1 + 2);
  });

  it("refuses a quorum the admins cannot reach, naming the contract's error", async () => {
    await assert.rejects(
      createIdentityRegistryAlloc(1337n, {
        admins: [address(), address()],
        quorum: 3,
        registrars: [],
        rootCaFingerprint: fingerprint(),
        issuerFingerprints: [],
      }),
      /InvalidQuorum\(3, 2\)/,
    );
  });
});

/** A fresh chain state with `alloc` placed at the registry's address, as a genesis would. */
async function harnessWith(chainId: bigint, alloc: GenesisContractAlloc): Promise<EvmHarness> {
  const harness = await createEvmHarness(chainId);
  const state = harness.vm.stateManager;
  const at = createAddressFromString(IDENTITY_REGISTRY_ADDRESS);
  await state.putAccount(at, new Account());
  await state.putCode(at, hexToBytes(alloc.code));
  for (const [slot, value] of Object.entries(alloc.storage))
    await state.putStorage(at, hexToBytes(slot as Hex), unpadBytes(hexToBytes(value)));
  return harness;
}

describe("createIdentityRegistryAlloc with a setup", () => {
  const chainId = 31337n;
  const caPromise = CertificateAuthority.createRoot({ subject: { commonName: "Civitas Genesis Test Root" } });
  const admins = [createAccountKey(), createAccountKey(), createAccountKey()];
  const registrar = createAccountKey();
  const members = [createAccountKey(), createAccountKey(), createAccountKey()];
  const timestamp = Math.floor(Date.now() / 1000);

  it("leaves members registered, the organisation added and its role defined", async () => {
    const ca = await caPromise;
    const { alloc, members: issued } = await createDemoRegistryAlloc({
      chainId,
      timestamp,
      admins,
      quorum: 3,
      registrar,
      rootCaFingerprint: `0x${certificateFingerprint(ca.certificate)}`,
      issuerFingerprints: [],
      ca,
      members,
    });
    const harness = await harnessWith(chainId, alloc);
    const read = <F extends Parameters<typeof harness.read>[0]["functionName"]>(
      functionName: F,
      args: readonly unknown[],
    ) =>
      harness.read({ abi: IdentityRegistry.abi, to: IDENTITY_REGISTRY_ADDRESS, functionName, args } as never);
    const organisation = registryId(DEMO_ORGANISATION);
    const role = registryId(DEVELOPER_ROLE);
    assert.equal(issued.length, members.length);
    for (const [i, member] of members.entries()) {
      const notAfter = BigInt(Math.floor(issued[i]!.certificate.notAfter.getTime() / 1000));
      assert.ok(notAfter > BigInt(timestamp));
      assert.deepEqual(await read("permissionAt", [member.address, BigInt(timestamp)]), [
        AccessLevel.DEPLOY,
        MemberStatus.ACTIVE,
        notAfter,
      ]);
      const record = (await read("memberOf", [member.address])) as {
        organisation: Hex;
        role: Hex;
        certificateFingerprint: Hex;
        registeredAt: bigint;
        registrar: Address;
      };
      assert.equal(record.organisation, organisation);
      assert.equal(record.role, role);
      assert.equal(record.certificateFingerprint, `0x${certificateFingerprint(issued[i]!.certificate)}`);
      assert.equal(record.registeredAt, BigInt(timestamp));
      assert.equal(record.registrar.toLowerCase(), registrar.address.toLowerCase());
    }
    assert.equal(await read("accessLevelOf", [address()]), AccessLevel.NONE);
    const org = (await read("organisationOf", [organisation])) as { exists: boolean; memberCount: bigint };
    assert.equal(org.exists, true);
    assert.equal(org.memberCount, BigInt(members.length));
    assert.deepEqual(await read("roleOf", [organisation, role]), {
      level: AccessLevel.DEPLOY,
      minAssurance: Assurance.SUBSTANTIAL,
    });
    // The organisation was added by a proposal that the quorum (all three admins) approved.
    assert.equal(await read("proposalCount", []), 1n);
    for (const admin of admins) assert.equal(await read("accessLevelOf", [admin.address]), AccessLevel.ADMIN);
  });

  it("refuses a member whose binding statement another account's key signed, naming the contract's error", async () => {
    const ca = await caPromise;
    const organisation = registryId(DEMO_ORGANISATION);
    const role = registryId(DEVELOPER_ROLE);
    const [good, forged] = await issueGenesisMembers(ca, chainId, members.slice(0, 2), {
      organisation,
      role,
    });
    const impostor = createAccountKey().address as Address;
    // The statement of the second member, presented for an account that did not sign it.
    const bad = { ...forged!.registration, account: impostor };
    await assert.rejects(
      createIdentityRegistryAlloc(
        chainId,
        {
          admins: admins.map((a) => a.address as Address),
          quorum: 2,
          registrars: [registrar.address as Address],
          rootCaFingerprint: `0x${certificateFingerprint(ca.certificate)}`,
          issuerFingerprints: [],
        },
        {
          timestamp,
          organisations: [{ id: organisation }],
          roles: [{ organisation, role, level: AccessLevel.DEPLOY, minAssurance: Assurance.LOW }],
          members: [good!.registration, bad],
        },
      ),
      (err: Error) => {
        assert.match(err.message, /registering members 1 to 2/);
        assert.match(err.message, new RegExp(`InvalidBindingSignature\\(${impostor}\\)`, "i"));
        return true;
      },
    );
  });

  it("refuses a setup whose registrations precede their organisation", async () => {
    const ca = await caPromise;
    const organisation = registryId("not.added");
    const [member] = await issueGenesisMembers(ca, chainId, members.slice(0, 1), {
      organisation,
      role: registryId(DEVELOPER_ROLE),
    });
    await assert.rejects(
      createIdentityRegistryAlloc(
        chainId,
        {
          admins: admins.map((a) => a.address as Address),
          quorum: 2,
          registrars: [registrar.address as Address],
          rootCaFingerprint: `0x${certificateFingerprint(ca.certificate)}`,
          issuerFingerprints: [],
        },
        { timestamp, members: [member!.registration] },
      ),
      new RegExp(`UnknownOrganisation\\(${organisation}\\)`),
    );
  });
});

describe("the identity registry in an init-made genesis", () => {
  let tmp: string;
  let net: string;
  let node: LedgerNode;
  let nextId = 1;

  async function rpc<T>(method: string, params: unknown[]): Promise<T> {
    const response = await fetch(node.rpc.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params }),
    });
    const reply = (await response.json()) as { result?: T; error?: { message: string } };
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result as T;
  }

  /** eth_call of a registry view at block 0, decoded with the ABI. */
  async function read(functionName: string, args: readonly unknown[] = []): Promise<unknown> {
    const abi = IdentityRegistry.abi as Abi;
    const data = encodeFunctionData({ abi, functionName, args });
    const result = await rpc<Hex>("eth_call", [{ to: IDENTITY_REGISTRY_ADDRESS, data }, "latest"]);
    return decodeFunctionResult({ abi, functionName, data: result });
  }

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "civitas-registry-"));
    net = join(tmp, "net");
    const created = await civitas(
      "init",
      "--validators",
      "1",
      "--out",
      net,
      "--admins",
      "4",
      "--admin-quorum",
      "3",
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, new RegExp(`IdentityRegistry at ${IDENTITY_REGISTRY_ADDRESS}`));
    assert.match(created.stdout, /admins\.json \(4 network admins, quorum 3, 1 registrar/);
    node = await createLedgerNode({
      dataDir: join(tmp, "data"),
      genesisPath: join(net, "genesis.json"),
      rpc: { host: "127.0.0.1", port: 0 },
      logger: createLogger("silent"),
    });
  });

  after(async () => {
    await node?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const keys = () =>
    JSON.parse(readFileSync(join(net, "admins.json"), "utf8")) as {
      identityRegistry: string;
      quorum: number;
      admins: { address: Address; privateKey: Hex }[];
      registrars: { address: Address; privateKey: Hex }[];
    };

  it("serves the genesis alloc's code at the fixed address", async () => {
    const genesis = JSON.parse(readFileSync(join(net, "genesis.json"), "utf8")) as {
      alloc: Record<string, { code: Hex }>;
    };
    const entry = genesis.alloc[IDENTITY_REGISTRY_ADDRESS.toLowerCase()];
    assert.ok(entry, "the genesis allocates the registry");
    const code = await rpc<Hex>("eth_getCode", [IDENTITY_REGISTRY_ADDRESS, "latest"]);
    assert.equal(code, entry.code);
    assert.ok(code.length > 1000);
  });

  it("answers the access levels of the admins, the registrar and anyone else", async () => {
    const { admins, registrars, quorum, identityRegistry } = keys();
    assert.equal(identityRegistry, IDENTITY_REGISTRY_ADDRESS);
    assert.equal(admins.length, 4);
    assert.equal(quorum, 3);
    for (const admin of admins) {
      assert.equal(await read("accessLevelOf", [admin.address]), AccessLevel.ADMIN);
      assert.equal(await read("isNetworkAdmin", [admin.address]), true);
    }
    assert.equal(registrars.length, 1);
    assert.equal(await read("accessLevelOf", [registrars[0]!.address]), AccessLevel.TRANSACT);
    assert.equal(await read("isRegistrar", [registrars[0]!.address]), true);
    assert.equal(await read("accessLevelOf", [address()]), AccessLevel.NONE);
    assert.equal(await read("quorum"), 3n);
    assert.equal(await read("adminCount"), 4n);
  });

  it("declares the registry for permissioning and has the demo accounts as developers of the demo organisation", async () => {
    const genesis = JSON.parse(readFileSync(join(net, "genesis.json"), "utf8")) as {
      config: { permissioning?: { identityRegistry: string } };
      timestamp: Hex;
    };
    assert.equal(
      genesis.config.permissioning?.identityRegistry.toLowerCase(),
      IDENTITY_REGISTRY_ADDRESS.toLowerCase(),
    );
    const { accounts } = JSON.parse(readFileSync(join(net, "accounts.json"), "utf8")) as {
      accounts: { address: Address }[];
    };
    assert.equal(accounts.length, 10);
    const [intermediate] = parseCertificates(readFileSync(join(net, "trust", "intermediates.pem"), "utf8"));
    const now = BigInt(Math.floor(Date.now() / 1000));
    for (const { address: account } of accounts) {
      const [certificate] = parseCertificates(
        readFileSync(join(net, "members", `${account.toLowerCase()}.pem`), "utf8"),
      );
      assert.ok(certificate);
      assert.equal(certificate.issuer, intermediate!.subject);
      const notAfter = BigInt(Math.floor(certificate.notAfter.getTime() / 1000));
      assert.deepEqual(await read("permissionAt", [account, now]), [
        AccessLevel.DEPLOY,
        MemberStatus.ACTIVE,
        notAfter,
      ]);
      const member = (await read("memberOf", [account])) as {
        organisation: Hex;
        role: Hex;
        certificateFingerprint: Hex;
        issuerFingerprint: Hex;
        registeredAt: bigint;
      };
      assert.equal(member.organisation, registryId(DEMO_ORGANISATION));
      assert.equal(member.role, registryId(DEVELOPER_ROLE));
      assert.equal(member.certificateFingerprint, `0x${certificateFingerprint(certificate)}`);
      assert.equal(member.issuerFingerprint, `0x${certificateFingerprint(intermediate!)}`);
      assert.equal(member.registeredAt, BigInt(genesis.timestamp));
    }
    const org = (await read("organisationOf", [registryId(DEMO_ORGANISATION)])) as { memberCount: bigint };
    assert.equal(org.memberCount, 10n);
  });

  it("lets a demo account deploy a contract and refuses an account that is not a member", async () => {
    const { accounts } = JSON.parse(readFileSync(join(net, "accounts.json"), "utf8")) as {
      accounts: { privateKey: Hex }[];
    };
    const deployment = (privateKey: Hex) =>
      privateKeyToAccount(privateKey).signTransaction({
        chainId: 1337,
        type: "eip1559",
        nonce: 0,
        gas: 100_000n,
        maxFeePerGas: 0n,
        maxPriorityFeePerGas: 0n,
        data: "0x600160005260206000f3",
      });
    const hash = await rpc<Hex>("eth_sendRawTransaction", [await deployment(accounts[0]!.privateKey)]);
    assert.match(hash, /^0x[0-9a-f]{64}$/);
    await assert.rejects(
      rpc("eth_sendRawTransaction", [await deployment(createAccountKey().privateKey as Hex)]),
      /may not create contracts: it is not a registered member of this network/,
    );
  });

  it("trusts the network's root CA and its intermediate", async () => {
    const [root] = parseCertificates(readFileSync(join(net, "trust", "roots.pem"), "utf8"));
    const intermediates = parseCertificates(readFileSync(join(net, "trust", "intermediates.pem"), "utf8"));
    const sha = (der: ArrayBuffer) => `0x${createHash("sha256").update(new Uint8Array(der)).digest("hex")}`;
    assert.equal(await read("rootCaFingerprint"), sha(root!.rawData));
    assert.ok(intermediates.length > 0);
    for (const ca of [root!, ...intermediates])
      assert.equal(await read("isTrustedIssuer", [sha(ca.rawData)]), true, ca.subject);
  });
});

describe("civitas init --admin-quorum", () => {
  it("refuses a quorum below 2 or above the number of admins (exit 2)", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "civitas-quorum-"));
    try {
      for (const args of [
        ["--admin-quorum", "1"],
        ["--admins", "3", "--admin-quorum", "4"],
        ["--admins", "1"],
      ]) {
        const out = join(tmp, "net");
        const result = await civitas("init", "--validators", "1", "--out", out, ...args);
        assert.equal(result.code, 2, args.join(" "));
        assert.match(result.stderr, /--admin(s|-quorum) must be an integer from 2 to/);
        assert.equal(existsSync(out), false);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
