// Permissioning in a real node with the real IdentityRegistry in its genesis: who may send
// transactions follows the registry, block by block, with the reasons a client needs to see.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  AccessLevel,
  AdminAction,
  Assurance,
  IDENTITY_REGISTRY_ADDRESS,
  IdentityRegistry,
} from "@civitas/contracts";
import { createAccountKey, createLedgerNode, createLogger, type LedgerNode } from "@civitas/node";
import {
  CertificateAuthority,
  createAccountBinding,
  describeCertificate,
  type PersonIdentity,
} from "@civitas/pki";
import { createTxFromRLP } from "@ethereumjs/tx";
import { type Abi, encodeFunctionData, type Hex, hexToBytes, pad, stringToHex } from "viem";
import { createIdentityRegistryAlloc } from "../src/network/systemContracts.ts";
import { signZeroFeeTransaction, writePermissionedGenesis } from "./support/permissionedGenesis.ts";

const CHAIN_ID = 4711;
const abi = IdentityRegistry.abi as Abi;
const ORG = stringToHex("bilbao.urbanism", { size: 32 });
const CLERK = stringToHex("clerk", { size: 32 });
const ZERO = pad("0x0", { size: 32 });

type Key = { address: `0x${string}`; privateKey: Hex };
const newKey = (): Key => {
  const k = createAccountKey();
  return { address: k.address.toLowerCase() as `0x${string}`, privateKey: k.privateKey as Hex };
};

class RpcFailure extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

describe("permissioning from the identity registry", () => {
  let tmp: string;
  let node: LedgerNode;
  let ca: CertificateAuthority;
  const admins = [newKey(), newKey()];
  const registrar = newKey();
  const validator = createAccountKey();
  const nonces = new Map<string, number>();
  let rpcId = 1;

  async function rpc<T>(method: string, params: unknown[]): Promise<T> {
    const response = await fetch(node.rpc.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: rpcId++, method, params }),
    });
    const reply = (await response.json()) as { result?: T; error?: { code: number; message: string } };
    if (reply.error) throw new RpcFailure(reply.error.code, reply.error.message);
    return reply.result as T;
  }

  /** A signed transaction from `key` (next nonce), as raw hex. */
  async function sign(key: Key, to: `0x${string}` | undefined, data: Hex = "0x"): Promise<Hex> {
    const nonce = nonces.get(key.address) ?? 0;
    const raw = await signZeroFeeTransaction(key.privateKey, { chainId: CHAIN_ID, nonce, to, data });
    return raw;
  }

  /** Sends a transaction over RPC; on acceptance the sender's nonce advances. */
  async function send(key: Key, to: `0x${string}` | undefined, data: Hex = "0x"): Promise<Hex> {
    const hash = await rpc<Hex>("eth_sendRawTransaction", [await sign(key, to, data)]);
    nonces.set(key.address, (nonces.get(key.address) ?? 0) + 1);
    return hash;
  }

  /** Sends a registry call and mines it; asserts it succeeded. */
  async function registryTx(key: Key, functionName: string, args: readonly unknown[]): Promise<void> {
    const hash = await send(key, IDENTITY_REGISTRY_ADDRESS, encodeFunctionData({ abi, functionName, args }));
    await node.produceBlock();
    const receipt = await rpc<{ status: Hex }>("eth_getTransactionReceipt", [hash]);
    assert.equal(receipt.status, "0x1", `${functionName} succeeded`);
  }

  async function refusal(key: Key, to: `0x${string}` | undefined, data: Hex = "0x"): Promise<RpcFailure> {
    const raw = await sign(key, to, data);
    const err = await rpc("eth_sendRawTransaction", [raw]).then(
      () => assert.fail("the transaction was accepted"),
      (e: unknown) => e as RpcFailure,
    );
    assert.ok(err instanceof RpcFailure);
    return err;
  }

  /** Registers `member` with `role` (a clerk: TRANSACT) with a person certificate and binding statement. */
  async function register(member: Key, role: Hex = CLERK): Promise<PersonIdentity> {
    const issued = await ca.issuePersonCertificate({
      nationalId: `${member.address.slice(2, 10)}Z`,
      assuranceLevel: "SUBSTANTIAL",
    });
    const identity = describeCertificate(issued.certificate) as PersonIdentity;
    const binding = await createAccountBinding({
      certificate: issued.certificate,
      certificateKey: issued.privateKey!,
      accountKey: member.privateKey,
      chainId: BigInt(CHAIN_ID),
      registry: IDENTITY_REGISTRY_ADDRESS,
    });
    await registryTx(registrar, "registerMember", [
      {
        account: member.address,
        organisation: ORG,
        role,
        certificateFingerprint: `0x${identity.fingerprint}`,
        issuerFingerprint: `0x${describeCertificate(ca.certificate).fingerprint}`,
        subjectRef: `0x${identity.nationalIdHash}`,
        assurance: Assurance.SUBSTANTIAL,
        notAfter: BigInt(Math.floor(identity.notAfter.getTime() / 1000)),
        bindingNonce: `0x${binding.nonce}`,
        bindingExpiresAt: binding.expiresAt,
        accountSignature: `0x${binding.accountSignature}`,
      },
    ]);
    return identity;
  }

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "civitas-permissioning-"));
    ca = await CertificateAuthority.createRoot({ subject: { commonName: "Permissioning Test Root" } });
    const registryAlloc = await createIdentityRegistryAlloc(BigInt(CHAIN_ID), {
      admins: admins.map((a) => a.address),
      quorum: 2,
      registrars: [registrar.address],
      rootCaFingerprint: `0x${describeCertificate(ca.certificate).fingerprint}`,
      issuerFingerprints: [],
    });
    writePermissionedGenesis(tmp, {
      chainId: CHAIN_ID,
      validator: validator.address,
      registry: registryAlloc,
      timestamp: Math.floor(Date.now() / 1000) - 10,
    });
    node = await createLedgerNode({
      dataDir: join(tmp, "data"),
      genesisPath: join(tmp, "genesis.json"),
      validatorKey: { address: validator.address, privateKey: hexToBytes(validator.privateKey as Hex) },
      rpc: { host: "127.0.0.1", port: 0 },
      logger: createLogger("silent"),
    });
    // The organisation (by quorum) and its clerk role.
    const propose = encodeFunctionData({
      abi,
      functionName: "propose",
      args: [AdminAction.ADD_ORGANISATION, ORG, ZERO],
    });
    const proposed = await send(admins[0]!, IDENTITY_REGISTRY_ADDRESS, propose);
    await node.produceBlock();
    const receipt = await rpc<{ logs: { topics: Hex[] }[] }>("eth_getTransactionReceipt", [proposed]);
    const proposalId = receipt.logs[0]!.topics[1]!;
    await registryTx(admins[1]!, "approve", [proposalId]);
    await registryTx(admins[1]!, "execute", [proposalId]);
    await registryTx(registrar, "defineRole", [ORG, CLERK, AccessLevel.TRANSACT, Assurance.LOW]);
  });

  after(async () => {
    await node?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("refuses an unregistered account over RPC with code -32003 and the reason", async () => {
    const outsider = newKey();
    const err = await refusal(outsider, newKey().address);
    assert.equal(err.code, -32003);
    assert.match(err.message, new RegExp(`account ${outsider.address} may not send transactions`));
    assert.match(err.message, /not a registered member of this network \(TRANSACT needed\)/);
    assert.equal(node.pool.status().pending, 0);
  });

  it("lets a member in from the block that registers it, and no contract creation below DEPLOY", async () => {
    const member = newKey();
    // Refused first: the decision "not a member" is cached...
    assert.match((await refusal(member, newKey().address)).message, /not a registered member/);
    // ...and the registration's event replaces it.
    await register(member);
    const hash = await send(member, newKey().address);
    await node.produceBlock();
    const receipt = await rpc<{ status: Hex }>("eth_getTransactionReceipt", [hash]);
    assert.equal(receipt.status, "0x1");
    const create = await refusal(member, undefined, "0x600060005260206000f3");
    assert.match(create.message, /may not create contracts: its access level is TRANSACT \(DEPLOY needed\)/);
  });

  it("refuses a member from the block that revokes its certificate, and drops its waiting transactions", async () => {
    const member = newKey();
    const identity = await register(member);
    const raw = await sign(member, newKey().address);
    await registryTx(registrar, "revokeCertificate", [`0x${identity.fingerprint}`, 1]);
    // A transaction of the member's that entered the pool before the revocation reached this node
    // (the pool is not re-checked when the registry changes; blocks are).
    const waiting = createTxFromRLP(Buffer.from(raw.slice(2), "hex"), { common: node.chain.common });
    const hash = `0x${Buffer.from(waiting.hash()).toString("hex")}`;
    await node.pool.add({ tx: waiting, sender: member.address, hash, size: raw.length / 2 - 1 });
    assert.ok(node.pool.get(hash), "the member's transaction waits in the pool");
    assert.match((await refusal(member, newKey().address)).message, /its certificate is revoked/);
    // The next block leaves it out, and the pool forgets it.
    const block = await node.produceBlock();
    assert.equal(block.block.transactions.length, 0);
    assert.equal(node.pool.get(hash), undefined);
    assert.equal(await rpc("eth_getTransactionReceipt", [hash]), null);
  });

  it("follows a role's new level from the block that redefines it, for members checked before and new ones", async () => {
    const INSPECTOR = stringToHex("inspector", { size: 32 });
    await registryTx(registrar, "defineRole", [ORG, INSPECTOR, AccessLevel.TRANSACT, Assurance.LOW]);
    const [first, second] = [newKey(), newKey()];
    await register(first, INSPECTOR);
    await register(second, INSPECTOR);
    // The first inspector's decision is cached, with the role's level at TRANSACT.
    await send(first, newKey().address);
    await node.produceBlock();
    await registryTx(registrar, "defineRole", [ORG, INSPECTOR, AccessLevel.READ, Assurance.LOW]);
    for (const member of [first, second]) {
      const err = await refusal(member, newKey().address);
      assert.match(err.message, /its access level is READ \(TRANSACT needed\)/);
    }
    // Decided from storage all along (a wrong storage read would have been caught by the view
    // check and switched the node to calling the contract).
    assert.equal(node.permissions!.stats().readsStorage, true);
  });

  it("answers repeated checks from its cache", async () => {
    const member = newKey();
    await register(member);
    const before = node.permissions!.stats();
    for (let i = 0; i < 5; i++) await send(member, newKey().address);
    const after = node.permissions!.stats();
    assert.equal(after.checks - before.checks, 5);
    assert.ok(
      after.registryLookups - before.registryLookups <= 1,
      "at most one registry lookup for five checks",
    );
    assert.ok(after.cacheHits - before.cacheHits >= 4);
    await node.produceBlock();
  });
});
