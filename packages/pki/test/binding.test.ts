// Account binding: a certificate holder binds an Ethereum account. Cross-checked against ethers'
// EIP-712 implementation (what wallets and contracts use), and attacked with replays.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { TypedDataEncoder, verifyTypedData, Wallet } from "ethers";
import {
  type AccountBinding,
  type Address,
  BINDING_DOMAIN_NAME,
  BINDING_DOMAIN_VERSION,
  bindingDigest,
  CertificateAuthority,
  createAccountBinding,
  decodeAccountBinding,
  encodeAccountBinding,
  type IssuedCertificate,
  isPkiError,
  verifyAccountBinding,
} from "../src/index.ts";

const ACCOUNT_KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
const OTHER_KEY = "0x" + "22".repeat(32);
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const account = new Wallet(ACCOUNT_KEY).address as Address;
const other = new Wallet(OTHER_KEY).address as Address;

let ca: CertificateAuthority;
let node: IssuedCertificate;
let edNode: IssuedCertificate;
let binding: AccountBinding;

const types = {
  AccountBinding: [
    { name: "account", type: "address" },
    { name: "certificateFingerprint", type: "bytes32" },
    { name: "nonce", type: "bytes32" },
    { name: "expiresAt", type: "uint64" },
  ],
};
const domainOf = (b: AccountBinding) => ({
  name: BINDING_DOMAIN_NAME,
  version: BINDING_DOMAIN_VERSION,
  chainId: b.chainId,
  verifyingContract: b.registry,
});
const messageOf = (b: AccountBinding) => ({
  account: b.account,
  certificateFingerprint: `0x${b.certificateFingerprint}`,
  nonce: `0x${b.nonce}`,
  expiresAt: b.expiresAt,
});

before(async () => {
  ca = await CertificateAuthority.createRoot({ subject: { commonName: "Binding Root" } });
  node = await ca.issueNodeCertificate({ name: "n", dnsNames: ["n.example"] });
  edNode = await ca.issueNodeCertificate({ name: "ed", dnsNames: ["ed.example"], keyAlgorithm: "ed25519" });
  binding = await createAccountBinding({
    certificate: node.certificate,
    certificateKey: node.privateKey!,
    accountKey: ACCOUNT_KEY,
    chainId: 1337,
    registry: REGISTRY,
  });
});

describe("account binding", () => {
  test("is an EIP-712 statement: same digest as ethers, and the account signature verifies in ethers", () => {
    assert.equal(binding.account, account);
    const digest = `0x${Buffer.from(bindingDigest(binding)).toString("hex")}`;
    assert.equal(digest, TypedDataEncoder.hash(domainOf(binding), types, messageOf(binding)));
    assert.equal(
      verifyTypedData(domainOf(binding), types, messageOf(binding), `0x${binding.accountSignature}`),
      account,
    );
  });

  test("accepts a signature made by a wallet (eth_signTypedData_v4)", async () => {
    const wallet = new Wallet(ACCOUNT_KEY);
    const walletSig = await wallet.signTypedData(domainOf(binding), types, messageOf(binding));
    const fromWallet = { ...binding, accountSignature: walletSig.slice(2) };
    const r = await verifyAccountBinding(fromWallet, node.certificate, { chainId: 1337, registry: REGISTRY });
    assert.ok(r.ok, r.ok ? "" : r.reason);
  });

  test("round-trips through the compact encoding (253 bytes with a P-256 key) and verifies", async () => {
    const bytes = encodeAccountBinding(binding);
    assert.equal(bytes.length, 253);
    assert.deepEqual(decodeAccountBinding(bytes), binding);
    const r = await verifyAccountBinding(bytes, node.certificate, {
      chainId: 1337,
      registry: REGISTRY,
      account,
    });
    assert.ok(r.ok);
    assert.equal(r.account, account);
    assert.equal(r.identity.type, "node");
    // Anyone can verify with just the encoding and the certificate (hex form too).
    assert.ok((await verifyAccountBinding(`0x${Buffer.from(bytes).toString("hex")}`, node.certificate)).ok);
  });

  test("works with an Ed25519 certificate key", async () => {
    const b = await createAccountBinding({
      certificate: edNode.certificate,
      certificateKey: edNode.privateKey!,
      accountKey: ACCOUNT_KEY,
      chainId: 1,
    });
    assert.equal(b.certificateSignatureAlgorithm, "ed25519");
    assert.equal(encodeAccountBinding(b).length, 253);
    assert.ok((await verifyAccountBinding(encodeAccountBinding(b), edNode.certificate)).ok);
  });

  test("cannot be replayed for another account", async () => {
    // Claim the statement for another account, keeping both signatures.
    const claimed = await verifyAccountBinding({ ...binding, account: other }, node.certificate);
    assert.equal(claimed.ok, false);
    assert.equal(claimed.ok || claimed.code, "ACCOUNT_SIGNATURE_INVALID");
    // The other account signs the same statement: the certificate key's signature does not cover it.
    const otherStatement = { ...binding, account: other };
    const rec = secp256k1.sign(bindingDigest(otherStatement), Buffer.from(OTHER_KEY.slice(2), "hex"), {
      prehash: false,
      format: "recovered",
    });
    const otherSig = Buffer.concat([rec.subarray(1), Buffer.from([27 + rec[0]!])]).toString("hex");
    const hijack = await verifyAccountBinding(
      { ...otherStatement, accountSignature: otherSig },
      node.certificate,
    );
    assert.equal(hijack.ok, false);
    assert.equal(hijack.ok || hijack.code, "CERTIFICATE_SIGNATURE_INVALID");
  });

  test("cannot be replayed on another chain, registry, certificate, or with another nonce", async () => {
    const cases: Array<[Partial<AccountBinding>, string]> = [
      [{ chainId: 1n }, "ACCOUNT_SIGNATURE_INVALID"],
      [{ registry: "0x0000000000000000000000000000000000000001" }, "ACCOUNT_SIGNATURE_INVALID"],
      [{ nonce: "00".repeat(32) }, "ACCOUNT_SIGNATURE_INVALID"],
      [{ expiresAt: 1n }, "BINDING_EXPIRED"],
      [{ expiresAt: 99_999_999_999n }, "ACCOUNT_SIGNATURE_INVALID"],
    ];
    for (const [change, code] of cases) {
      const r = await verifyAccountBinding({ ...binding, ...change }, node.certificate);
      assert.equal(
        r.ok,
        false,
        JSON.stringify(change, (_k, v) => (typeof v === "bigint" ? String(v) : v)),
      );
      assert.equal(r.ok || r.code, code);
    }
    const wrongChain = await verifyAccountBinding(binding, node.certificate, { chainId: 1 });
    assert.equal(wrongChain.ok || wrongChain.code, "WRONG_CHAIN");
    const wrongRegistry = await verifyAccountBinding(binding, node.certificate, {
      registry: "0x0000000000000000000000000000000000000001",
    });
    assert.equal(wrongRegistry.ok || wrongRegistry.code, "WRONG_REGISTRY");
    const otherCert = await verifyAccountBinding(binding, edNode.certificate);
    assert.equal(otherCert.ok || otherCert.code, "FINGERPRINT_MISMATCH");
  });

  test("rejects an expired statement, a high-s signature, and a tampered certificate signature", async () => {
    const expiring = await createAccountBinding({
      certificate: node.certificate,
      certificateKey: node.privateKey!,
      accountKey: ACCOUNT_KEY,
      chainId: 5,
      expiresAt: new Date(Date.now() + 60_000),
    });
    assert.ok((await verifyAccountBinding(expiring, node.certificate)).ok);
    const late = await verifyAccountBinding(expiring, node.certificate, {
      now: new Date(Date.now() + 120_000),
    });
    assert.equal(late.ok || late.code, "BINDING_EXPIRED");

    const sig = Buffer.from(binding.accountSignature, "hex");
    const n = secp256k1.Point.CURVE().n;
    const s = BigInt(`0x${sig.subarray(32, 64).toString("hex")}`);
    const highS = Buffer.concat([
      sig.subarray(0, 32),
      Buffer.from((n - s).toString(16).padStart(64, "0"), "hex"),
      Buffer.from([sig[64] === 27 ? 28 : 27]),
    ]);
    const malleated = await verifyAccountBinding(
      { ...binding, accountSignature: highS.toString("hex") },
      node.certificate,
    );
    assert.equal(malleated.ok || malleated.code, "ACCOUNT_SIGNATURE_INVALID");

    const certSig = Buffer.from(binding.certificateSignature, "hex");
    certSig[10] = certSig[10]! ^ 1;
    const tampered = await verifyAccountBinding(
      { ...binding, certificateSignature: certSig.toString("hex") },
      node.certificate,
    );
    assert.equal(tampered.ok || tampered.code, "CERTIFICATE_SIGNATURE_INVALID");
  });

  test("checks the certificate's path when asked, and refuses a key that is not the certificate's", async () => {
    const ok = await verifyAccountBinding(binding, node.certificate, {
      chain: { trustAnchors: ca.certificate },
    });
    assert.ok(ok.ok);
    const otherRoot = await CertificateAuthority.createRoot({ subject: { commonName: "Other" } });
    const bad = await verifyAccountBinding(binding, node.certificate, {
      chain: { trustAnchors: otherRoot.certificate },
    });
    assert.equal(bad.ok || bad.code, "CERTIFICATE_INVALID");
    assert.equal(bad.ok || bad.chainFailure?.code, "UNKNOWN_ISSUER");
    await assert.rejects(
      createAccountBinding({
        certificate: node.certificate,
        certificateKey: edNode.privateKey!,
        accountKey: ACCOUNT_KEY,
        chainId: 1,
      }),
      (e: unknown) => isPkiError(e, "KEY_MISMATCH"),
    );
  });

  test("malformed encodings are typed errors", () => {
    const bytes = encodeAccountBinding(binding);
    for (const bad of [
      bytes.subarray(0, 100),
      Uint8Array.from([2, ...bytes.subarray(1)]),
      Uint8Array.from([...bytes, 0]),
    ]) {
      assert.throws(
        () => decodeAccountBinding(bad),
        (e: unknown) => isPkiError(e, "MALFORMED_BINDING"),
      );
    }
    assert.throws(
      () => decodeAccountBinding("0xzz"),
      (e: unknown) => isPkiError(e, "MALFORMED_BINDING"),
    );
  });
});
