// The benchmark's members: keys derived from a seed and an index, so that nothing is stored and
// any member's key can be rebuilt at any time; each member's registration carries a binding
// statement signed by its own account key, as the registry checks on chain.
import { createRequire } from "node:module";
import { Assurance, IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { keccak256, signHash } from "@civitas/node";
import { bindingDigest } from "@civitas/pki";
import type { Hex } from "viem";
import { type BenchAccount, deriveKey } from "../accounts.ts";

/** The part of libsecp256k1's binding used here (the `secp256k1` package, a dependency of the node). */
interface Secp256k1Binding {
  publicKeyCreate(seckey: Uint8Array, compressed: boolean): Uint8Array;
}

// The native addon, not the package index (which silently falls back to elliptic): deriving the
// address of 1.5 million keys is ~70 µs each natively against ~10× that in pure JavaScript.
const native = createRequire(import.meta.url)("secp256k1/bindings") as Secp256k1Binding;

const hex = (bytes: Uint8Array): Hex => `0x${Buffer.from(bytes).toString("hex")}`;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The account of member `index` under `seed`: key keccak256(seed ‖ "/member/" ‖ index). */
export function memberAccount(seed: string, index: number): BenchAccount {
  const privateKey = deriveKey(`${seed}/member/`, String(index));
  const publicKey = native.publicKeyCreate(privateKey, false);
  return { privateKey, address: hex(keccak256(publicKey.subarray(1)).subarray(12)) };
}

/** What every registration of a run shares. */
export interface RegistrationContext {
  readonly seed: string;
  readonly chainId: bigint;
  readonly organisation: Hex;
  readonly role: Hex;
  /** A CA fingerprint the registry trusts (its root CA's). */
  readonly issuerFingerprint: Hex;
  /** Unix seconds: when the members' (synthetic) certificates expire. */
  readonly notAfter: bigint;
}

/** A member registration: the registry's `Registration` struct. */
export interface MemberRegistration {
  readonly account: Hex;
  readonly organisation: Hex;
  readonly role: Hex;
  readonly certificateFingerprint: Hex;
  readonly issuerFingerprint: Hex;
  readonly subjectRef: Hex;
  readonly assurance: number;
  readonly notAfter: bigint;
  readonly bindingNonce: Hex;
  readonly bindingExpiresAt: bigint;
  readonly accountSignature: Hex;
}

/**
 * The synthetic certificate fingerprint of member `index`: 32 bytes unique per seed and index.
 * The registry stores fingerprints without parsing certificates, so no certificate is issued.
 */
export function syntheticFingerprint(seed: string, index: number): Hex {
  return hex(keccak256(utf8(`${seed}/certificate/${index}`)));
}

/**
 * The registration of member `index`: its account, a synthetic certificate and subject
 * reference, and the binding statement (EIP-712, as `@civitas/pki` defines it) signed by the
 * member's account key for the registry at its fixed address on this chain.
 */
export function memberRegistration(ctx: RegistrationContext, index: number): MemberRegistration {
  const account = memberAccount(ctx.seed, index);
  const certificateFingerprint = syntheticFingerprint(ctx.seed, index);
  const nonce = index.toString(16).padStart(64, "0");
  const digest = bindingDigest({
    chainId: ctx.chainId,
    registry: IDENTITY_REGISTRY_ADDRESS,
    account: account.address,
    certificateFingerprint: certificateFingerprint.slice(2),
    nonce,
    expiresAt: 0n,
  });
  const sig = signHash(digest, account.privateKey);
  // The registry wants r ‖ s ‖ v with v = 27 or 28 (what eth_signTypedData gives).
  sig[64] = 27 + sig[64]!;
  return {
    account: account.address,
    organisation: ctx.organisation,
    role: ctx.role,
    certificateFingerprint,
    issuerFingerprint: ctx.issuerFingerprint,
    subjectRef: hex(keccak256(utf8(`${ctx.seed}/subject/${index}`))),
    assurance: Assurance.SUBSTANTIAL,
    notAfter: ctx.notAfter,
    bindingNonce: `0x${nonce}`,
    bindingExpiresAt: 0n,
    accountSignature: hex(sig),
  };
}
