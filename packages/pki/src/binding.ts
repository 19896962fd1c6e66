import { randomBytes, webcrypto } from "node:crypto";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { fromHex, toArrayBuffer, toHex } from "./encoding.ts";
import { errorMessage, PkiError } from "./errors.ts";
import { type Address, addressOfPublicKey, checksumAddress, keccak256, parseAddress } from "./eth.ts";
import { type CertificateIdentity, certificateFingerprint, describeCertificate } from "./identity.ts";
import { keyAlgorithmOf, keyAlgorithmOfPublicKey, keyMatches, publicCryptoKey } from "./keys.ts";
import { type CertificateInput, parseCertificate } from "./parse.ts";
import { type VerifyFailure, type VerifyOptions, verifyCertificateChain } from "./verify.ts";
import type { Algorithm, CryptoKey, EcdsaParams } from "./webcrypto.ts";
import { x509 } from "./x509.ts";

/*
 * Account binding: a certificate holder proves control of an Ethereum account and binds it to
 * the certificate. Both keys sign ONE statement, the EIP-712 typed-data digest of
 *
 *   domain  EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)
 *           = ("Civitas Identity", "1", chainId, registry)
 *   message AccountBinding(address account,bytes32 certificateFingerprint,bytes32 nonce,uint64 expiresAt)
 *
 * - the account key (secp256k1) signs the digest (r, s, v — what `eth_signTypedData_v4` gives);
 * - the certificate key signs the same 32-byte digest with its own algorithm (ECDSA-P256-SHA256,
 *   Ed25519, ...).
 *
 * Replay: the account address is inside the signed message, so the statement cannot be reused
 * for another account (the recovered signer must equal it, and the certificate key signed it);
 * the fingerprint pins one certificate; chainId and registry (the identity-registry contract) pin
 * one network and one contract; the nonce (chosen by the registry, e.g. a per-account counter,
 * or random) makes each statement single-use; expiresAt bounds its lifetime. A contract verifies
 * the account half with ecrecover over the same digest.
 */

export const BINDING_DOMAIN_NAME = "Civitas Identity";
export const BINDING_DOMAIN_VERSION = "1";
export const BINDING_TYPE =
  "AccountBinding(address account,bytes32 certificateFingerprint,bytes32 nonce,uint64 expiresAt)";
const DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
/** Registry address to use before the identity registry is deployed. */
export const NO_REGISTRY: Address = "0x0000000000000000000000000000000000000000";

/** The signed statement. */
export interface AccountBindingStatement {
  chainId: bigint;
  /** Identity-registry contract (EIP-712 verifyingContract). */
  registry: Address;
  account: Address;
  /** SHA-256 of the certificate's DER, hex (64 digits). */
  certificateFingerprint: string;
  /** 32 bytes, hex (64 digits). */
  nonce: string;
  /** Unix seconds after which the statement is void; 0 = no expiry. */
  expiresAt: bigint;
}

/** Certificate-key signature algorithms, with their code in the compact encoding. */
export type BindingSignatureAlgorithm =
  | "ecdsa-p256-sha256"
  | "ed25519"
  | "ecdsa-p384-sha384"
  | "rsa-pkcs1-sha256";
const ALG_CODE: Record<BindingSignatureAlgorithm, number> = {
  "ecdsa-p256-sha256": 1,
  ed25519: 2,
  "ecdsa-p384-sha384": 3,
  "rsa-pkcs1-sha256": 4,
};

export interface AccountBinding extends AccountBindingStatement {
  /** 65 bytes hex: r ‖ s ‖ v (v = 27 or 28), low-s. */
  accountSignature: string;
  certificateSignatureAlgorithm: BindingSignatureAlgorithm;
  /** Hex; ECDSA as r ‖ s (IEEE P1363). */
  certificateSignature: string;
}

const U64_MAX = (1n << 64n) - 1n;

function bytes32(hex: string, what: string): Uint8Array {
  const b = fromHex(hex, what);
  if (b.length !== 32) throw new PkiError("INVALID_ARGUMENT", `${what} must be 32 bytes`);
  return b;
}

function u256(n: bigint): Uint8Array {
  return fromHex(n.toString(16).padStart(64, "0"));
}

function u64(n: bigint, what: string): bigint {
  if (typeof n !== "bigint" || n < 0n || n > U64_MAX)
    throw new PkiError("INVALID_ARGUMENT", `${what} must be an unsigned 64-bit integer`);
  return n;
}

function addressWord(addr: string, what: string): Uint8Array {
  const out = new Uint8Array(32);
  out.set(parseAddress(addr, what), 12);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** EIP-712 domain separator of the Civitas identity registry on `chainId` at `registry`. */
export function bindingDomainSeparator(chainId: bigint, registry: string): Uint8Array {
  return keccak256(
    concat(
      keccak256(utf8(DOMAIN_TYPE)),
      keccak256(utf8(BINDING_DOMAIN_NAME)),
      keccak256(utf8(BINDING_DOMAIN_VERSION)),
      u256(u64(chainId, "chainId")),
      addressWord(registry, "registry"),
    ),
  );
}

/** The EIP-712 digest both keys sign. */
export function bindingDigest(s: AccountBindingStatement): Uint8Array {
  const structHash = keccak256(
    concat(
      keccak256(utf8(BINDING_TYPE)),
      addressWord(s.account, "account"),
      bytes32(s.certificateFingerprint, "certificate fingerprint"),
      bytes32(s.nonce, "nonce"),
      u256(u64(s.expiresAt, "expiresAt")),
    ),
  );
  return keccak256(
    concat(new Uint8Array([0x19, 0x01]), bindingDomainSeparator(s.chainId, s.registry), structHash),
  );
}

function certSignParams(key: CryptoKey | x509.PublicKey): {
  alg: BindingSignatureAlgorithm;
  params: Algorithm | EcdsaParams;
} {
  const a = key instanceof x509.PublicKey ? keyAlgorithmOfPublicKey(key) : keyAlgorithmOf(key);
  switch (a) {
    case "ecdsa-p256":
      return { alg: "ecdsa-p256-sha256", params: { name: "ECDSA", hash: "SHA-256" } as EcdsaParams };
    case "ecdsa-p384":
      return { alg: "ecdsa-p384-sha384", params: { name: "ECDSA", hash: "SHA-384" } as EcdsaParams };
    case "ed25519":
      return { alg: "ed25519", params: { name: "Ed25519" } };
    case "rsa":
      return { alg: "rsa-pkcs1-sha256", params: { name: "RSASSA-PKCS1-v1_5" } };
  }
}

export interface CreateBindingParams {
  certificate: CertificateInput;
  /** The certificate's private key. */
  certificateKey: CryptoKey;
  /** The account's secp256k1 private key (32 bytes or hex). */
  accountKey: Uint8Array | string;
  chainId: bigint | number;
  /** Identity-registry contract address; default {@link NO_REGISTRY}. */
  registry?: string;
  /** 32 bytes hex; default random. */
  nonce?: string;
  /** Unix seconds, or a Date; default 0 (no expiry). */
  expiresAt?: bigint | number | Date;
}

/** Creates a signed account-binding statement. */
export async function createAccountBinding(p: CreateBindingParams): Promise<AccountBinding> {
  const certificate = parseCertificate(p.certificate);
  if (!(await keyMatches(p.certificateKey, certificate.publicKey.rawData))) {
    throw new PkiError("KEY_MISMATCH", "the certificate key does not belong to the certificate");
  }
  const accountKey =
    typeof p.accountKey === "string" ? fromHex(p.accountKey.trim(), "account key") : p.accountKey;
  if (accountKey.length !== 32 || !secp256k1.utils.isValidSecretKey(accountKey)) {
    throw new PkiError("INVALID_ARGUMENT", "account key must be a 32-byte secp256k1 private key");
  }
  const expires =
    p.expiresAt instanceof Date ? BigInt(Math.floor(p.expiresAt.getTime() / 1000)) : BigInt(p.expiresAt ?? 0);
  const statement: AccountBindingStatement = {
    chainId: u64(BigInt(p.chainId), "chainId"),
    registry: checksumAddress(parseAddress(p.registry ?? NO_REGISTRY, "registry")),
    account: addressOfPublicKey(secp256k1.getPublicKey(accountKey, false)),
    certificateFingerprint: certificateFingerprint(certificate),
    nonce: p.nonce === undefined ? randomBytes(32).toString("hex") : toHex(bytes32(p.nonce, "nonce")),
    expiresAt: u64(expires, "expiresAt"),
  };
  const digest = bindingDigest(statement);
  const rec = secp256k1.sign(digest, accountKey, { prehash: false, format: "recovered" }); // [recovery, r, s]
  const accountSignature = concat(rec.subarray(1, 65), new Uint8Array([27 + rec[0]!]));
  const { alg, params } = certSignParams(p.certificateKey);
  const certSig = new Uint8Array(
    await webcrypto.subtle.sign(params, p.certificateKey, toArrayBuffer(digest)),
  );
  return {
    ...statement,
    accountSignature: toHex(accountSignature),
    certificateSignatureAlgorithm: alg,
    certificateSignature: toHex(certSig),
  };
}

/** Version byte of the compact encoding. */
export const BINDING_ENCODING_VERSION = 1;
const FIXED = 1 + 8 + 20 + 20 + 32 + 32 + 8 + 65 + 1 + 2;

/**
 * Compact binary encoding (what the identity registry stores), all integers big-endian:
 *
 * | offset | bytes | field                                                       |
 * |--------|-------|-------------------------------------------------------------|
 * | 0      | 1     | version = 1                                                 |
 * | 1      | 8     | chainId (uint64)                                            |
 * | 9      | 20    | registry address                                            |
 * | 29     | 20    | account address                                             |
 * | 49     | 32    | certificate fingerprint (SHA-256 of DER)                    |
 * | 81     | 32    | nonce                                                       |
 * | 113    | 8     | expiresAt (uint64 unix seconds, 0 = none)                   |
 * | 121    | 65    | account signature r ‖ s ‖ v                                 |
 * | 186    | 1     | certificate signature algorithm (1 P-256, 2 Ed25519, 3 P-384, 4 RSA) |
 * | 187    | 2     | certificate signature length L (uint16)                     |
 * | 189    | L     | certificate signature                                       |
 *
 * 253 bytes with a P-256 or Ed25519 certificate key.
 */
export function encodeAccountBinding(b: AccountBinding): Uint8Array {
  const certSig = fromHex(b.certificateSignature, "certificate signature");
  const accountSig = fromHex(b.accountSignature, "account signature");
  if (accountSig.length !== 65) throw new PkiError("INVALID_ARGUMENT", "account signature must be 65 bytes");
  if (certSig.length === 0 || certSig.length > 1024)
    throw new PkiError("INVALID_ARGUMENT", "certificate signature length out of range");
  const out = Buffer.alloc(FIXED + certSig.length);
  out[0] = BINDING_ENCODING_VERSION;
  out.writeBigUInt64BE(u64(b.chainId, "chainId"), 1);
  out.set(parseAddress(b.registry, "registry"), 9);
  out.set(parseAddress(b.account, "account"), 29);
  out.set(bytes32(b.certificateFingerprint, "certificate fingerprint"), 49);
  out.set(bytes32(b.nonce, "nonce"), 81);
  out.writeBigUInt64BE(u64(b.expiresAt, "expiresAt"), 113);
  out.set(accountSig, 121);
  out[186] = ALG_CODE[b.certificateSignatureAlgorithm];
  out.writeUInt16BE(certSig.length, 187);
  out.set(certSig, 189);
  return new Uint8Array(out);
}

/** Decodes the compact encoding (bytes or 0x-hex). Throws `MALFORMED_BINDING`. */
export function decodeAccountBinding(input: Uint8Array | string): AccountBinding {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(typeof input === "string" ? fromHex(input.trim(), "binding") : input);
  } catch (err) {
    throw new PkiError("MALFORMED_BINDING", `account binding is not hex: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  if (bytes.length < FIXED)
    throw new PkiError(
      "MALFORMED_BINDING",
      `account binding is ${bytes.length} bytes, at least ${FIXED} expected`,
    );
  if (bytes[0] !== BINDING_ENCODING_VERSION)
    throw new PkiError("MALFORMED_BINDING", `unknown account binding version ${bytes[0]}`);
  const algCode = bytes[186]!;
  const alg = (Object.keys(ALG_CODE) as BindingSignatureAlgorithm[]).find((k) => ALG_CODE[k] === algCode);
  if (alg === undefined)
    throw new PkiError("MALFORMED_BINDING", `unknown certificate signature algorithm ${algCode}`);
  const len = bytes.readUInt16BE(187);
  if (len === 0 || bytes.length !== FIXED + len) {
    throw new PkiError(
      "MALFORMED_BINDING",
      `account binding length ${bytes.length} does not match its signature length ${len}`,
    );
  }
  const v = bytes[185]!;
  if (v !== 27 && v !== 28)
    throw new PkiError("MALFORMED_BINDING", `account signature v must be 27 or 28, not ${v}`);
  return {
    chainId: bytes.readBigUInt64BE(1),
    registry: checksumAddress(bytes.subarray(9, 29)),
    account: checksumAddress(bytes.subarray(29, 49)),
    certificateFingerprint: bytes.subarray(49, 81).toString("hex"),
    nonce: bytes.subarray(81, 113).toString("hex"),
    expiresAt: bytes.readBigUInt64BE(113),
    accountSignature: bytes.subarray(121, 186).toString("hex"),
    certificateSignatureAlgorithm: alg,
    certificateSignature: bytes.subarray(189).toString("hex"),
  };
}

/** Why a binding does not verify. */
export type BindingFailureCode =
  | "MALFORMED_BINDING"
  | "FINGERPRINT_MISMATCH"
  | "ACCOUNT_SIGNATURE_INVALID"
  | "CERTIFICATE_SIGNATURE_INVALID"
  | "CERTIFICATE_KEY_USAGE"
  | "WRONG_CHAIN"
  | "WRONG_REGISTRY"
  | "WRONG_ACCOUNT"
  | "BINDING_EXPIRED"
  | "CERTIFICATE_INVALID";

export type BindingVerification =
  | { ok: true; account: Address; certificateFingerprint: string; identity: CertificateIdentity }
  | { ok: false; code: BindingFailureCode; reason: string; chainFailure?: VerifyFailure };

export interface VerifyBindingOptions {
  /** Expected chain id / registry / account: a statement for another context is rejected. */
  chainId?: bigint | number;
  registry?: string;
  account?: string;
  /** Time for the expiry check; default now. */
  now?: Date;
  /** Also validate the certificate's path (trust anchors, CRLs...). */
  chain?: VerifyOptions;
}

/**
 * Verifies a binding against its certificate: fingerprint, the account signature (recovers the
 * signer and compares with the stated account), the certificate-key signature, the expected
 * context and expiry, and optionally the certificate's path.
 */
export async function verifyAccountBinding(
  input: AccountBinding | Uint8Array | string,
  certificateInput: CertificateInput,
  o: VerifyBindingOptions = {},
): Promise<BindingVerification> {
  let b: AccountBinding;
  try {
    b = typeof input === "string" || input instanceof Uint8Array ? decodeAccountBinding(input) : input;
    encodeAccountBinding(b); // validates every field of an object given directly
  } catch (err) {
    return { ok: false, code: "MALFORMED_BINDING", reason: errorMessage(err) };
  }
  const certificate = parseCertificate(certificateInput);
  const fingerprint = certificateFingerprint(certificate);
  if (fingerprint !== b.certificateFingerprint.toLowerCase()) {
    return {
      ok: false,
      code: "FINGERPRINT_MISMATCH",
      reason: `binding is for certificate ${b.certificateFingerprint}, not ${fingerprint}`,
    };
  }
  if (o.chainId !== undefined && BigInt(o.chainId) !== b.chainId) {
    return {
      ok: false,
      code: "WRONG_CHAIN",
      reason: `binding is for chain ${b.chainId}, expected ${o.chainId}`,
    };
  }
  if (o.registry !== undefined && o.registry.toLowerCase() !== b.registry.toLowerCase()) {
    return {
      ok: false,
      code: "WRONG_REGISTRY",
      reason: `binding is for registry ${b.registry}, expected ${o.registry}`,
    };
  }
  if (o.account !== undefined && o.account.toLowerCase() !== b.account.toLowerCase()) {
    return {
      ok: false,
      code: "WRONG_ACCOUNT",
      reason: `binding is for account ${b.account}, expected ${o.account}`,
    };
  }
  const now = BigInt(Math.floor((o.now ?? new Date()).getTime() / 1000));
  if (b.expiresAt !== 0n && b.expiresAt < now) {
    return {
      ok: false,
      code: "BINDING_EXPIRED",
      reason: `binding expired at ${new Date(Number(b.expiresAt) * 1000).toISOString()}`,
    };
  }
  const digest = bindingDigest(b);
  // Account half: recover the signer of the digest, require low-s, compare with the stated account.
  let signer: Address | undefined;
  try {
    const sig = fromHex(b.accountSignature);
    const parsed = secp256k1.Signature.fromBytes(sig.subarray(0, 64), "compact");
    if (!parsed.hasHighS()) {
      const point = parsed.addRecoveryBit(sig[64]! - 27).recoverPublicKey(digest);
      signer = addressOfPublicKey(point.toBytes(false));
    }
  } catch {
    signer = undefined;
  }
  if (signer === undefined || signer.toLowerCase() !== b.account.toLowerCase()) {
    return {
      ok: false,
      code: "ACCOUNT_SIGNATURE_INVALID",
      reason: `account signature was not made by ${b.account}`,
    };
  }
  // Certificate half.
  const ku = certificate.getExtension(x509.KeyUsagesExtension);
  if (ku !== null && (ku.usages & x509.KeyUsageFlags.digitalSignature) === 0) {
    return {
      ok: false,
      code: "CERTIFICATE_KEY_USAGE",
      reason: "certificate key usage does not include digitalSignature",
    };
  }
  let certOk = false;
  try {
    const { alg, params } = certSignParams(certificate.publicKey);
    if (alg === b.certificateSignatureAlgorithm) {
      const key = await publicCryptoKey(certificate.publicKey);
      certOk = await webcrypto.subtle.verify(
        params,
        key,
        toArrayBuffer(fromHex(b.certificateSignature)),
        toArrayBuffer(digest),
      );
    }
  } catch {
    certOk = false;
  }
  if (!certOk) {
    return {
      ok: false,
      code: "CERTIFICATE_SIGNATURE_INVALID",
      reason: "certificate-key signature does not verify",
    };
  }
  let identity: CertificateIdentity;
  if (o.chain !== undefined) {
    const result = await verifyCertificateChain(certificate, o.chain);
    if (!result.ok)
      return { ok: false, code: "CERTIFICATE_INVALID", reason: result.reason, chainFailure: result };
    identity = result.identity;
  } else {
    identity = describeCertificate(certificate);
  }
  return { ok: true, account: b.account, certificateFingerprint: fingerprint, identity };
}

/** JSON-friendly form (bigints as decimal strings). */
export function accountBindingToJson(b: AccountBinding): Record<string, string> {
  return { ...b, chainId: b.chainId.toString(), expiresAt: b.expiresAt.toString() };
}
