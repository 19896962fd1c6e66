import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AccessLevel, IDENTITY_REGISTRY_ADDRESS, IdentityRegistry } from "@civitas/contracts";
import { createAccountKey, createLedgerNode, createLogger, keccak256, type LedgerNode } from "@civitas/node";
import { parseCertificates } from "@civitas/pki";
import { RLP } from "@ethereumjs/rlp";
import { bytesToHex, createAddressFromString, hexToBytes, unpadBytes } from "@ethereumjs/util";
import { type Abi, type Address, decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import { createEvmHarness } from "../../contracts/test/support/evmHarness.ts";
import {
  createIdentityRegistryAlloc,
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
    // 4 admins + 2 registrars + root and 2 issuers + quorum and adminCount.
    assert.equal(Object.keys(alloc.storage).length, 4 + 2 + 3 + 2);
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
