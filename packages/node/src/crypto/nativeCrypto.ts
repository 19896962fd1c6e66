import { createRequire } from "node:module";
import type { CustomCrypto } from "@ethereumjs/common";
import { calculateSigRecovery } from "@ethereumjs/util";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { createKeccak, type IHasher } from "hash-wasm";

const require = createRequire(import.meta.url);

/** The subset of libsecp256k1's binding we use. */
interface Secp256k1Binding {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaSign(msg32: Uint8Array, seckey: Uint8Array): { signature: Uint8Array; recid: number };
  publicKeyCreate(seckey: Uint8Array, compressed: boolean): Uint8Array;
}

/** Which implementations are in use; reported at start-up and by `web3_clientVersion`-style diagnostics. */
export interface CryptoBackend {
  readonly secp256k1: "native" | "js";
  readonly keccak: "wasm" | "js";
}

function loadSecp256k1(): Secp256k1Binding | undefined {
  try {
    // The addon (libsecp256k1), not the package index, which silently falls back to elliptic.
    return require("secp256k1/bindings") as Secp256k1Binding;
  } catch {
    return undefined;
  }
}

async function loadKeccak(): Promise<IHasher | undefined> {
  try {
    return await createKeccak(256);
  } catch {
    return undefined;
  }
}

const secpNative = process.env["CIVITAS_PURE_JS_CRYPTO"] === "1" ? undefined : loadSecp256k1();
// hash-wasm's keccak: about 0.7 µs for a 32–64-byte input against 3–4 µs through the `keccak`
// package's addon (whose per-call object and four native calls cost more than the hash) and 7 µs
// in pure JS; a trie read or a mapping's slot is several such hashes.
const keccakWasm = process.env["CIVITAS_PURE_JS_CRYPTO"] === "1" ? undefined : await loadKeccak();

/** The backends selected in this process (native where the addon loads, pure JS otherwise). */
export const cryptoBackend: CryptoBackend = {
  secp256k1: secpNative ? "native" : "js",
  keccak: keccakWasm ? "wasm" : "js",
};

/** keccak256 through hash-wasm when it loads, @noble/hashes otherwise. One hasher, used synchronously. */
export const keccak256: (data: Uint8Array) => Uint8Array = keccakWasm
  ? (data) => {
      keccakWasm.init();
      keccakWasm.update(data);
      return keccakWasm.digest("binary");
    }
  : (data) => keccak_256(data);

function ecrecoverNative(
  binding: Secp256k1Binding,
): (msgHash: Uint8Array, v: bigint, r: Uint8Array, s: Uint8Array, chainId?: bigint) => Uint8Array {
  return (msgHash, v, r, s, chainId) => {
    if (r.length > 32 || s.length > 32) throw new Error("Invalid signature: r or s longer than 32 bytes");
    const sig = new Uint8Array(64);
    sig.set(r, 32 - r.length);
    sig.set(s, 64 - s.length);
    // Same contract as @ethereumjs/util's ecrecover: 64-byte public key without the 0x04 prefix.
    const recovery = calculateSigRecovery(v, chainId);
    if (recovery !== 0n && recovery !== 1n) throw new Error("Invalid signature v value");
    return binding.ecdsaRecover(sig, Number(recovery), msgHash, false).subarray(1);
  };
}

/**
 * The `customCrypto` handed to EthereumJS: native libsecp256k1 recovery when its addon loads and
 * WebAssembly keccak, otherwise EthereumJS's own pure-JS defaults.
 */
export function createCustomCrypto(): CustomCrypto {
  const crypto: CustomCrypto = {};
  if (keccakWasm) crypto.keccak256 = keccak256;
  if (secpNative) crypto.ecrecover = ecrecoverNative(secpNative);
  return crypto;
}

/** Signs a 32-byte hash: 65 bytes r ‖ s ‖ recId (0/1), low-s. */
export function signHash(hash: Uint8Array, privateKey: Uint8Array): Uint8Array {
  if (secpNative) {
    const { signature, recid } = secpNative.ecdsaSign(hash, privateKey);
    const out = new Uint8Array(65);
    out.set(signature);
    out[64] = recid;
    return out;
  }
  return signHashJs(hash, privateKey);
}

function signHashJs(hash: Uint8Array, privateKey: Uint8Array): Uint8Array {
  // 'recovered' format is recId ‖ r ‖ s; the chain stores r ‖ s ‖ recId.
  const rec = secp256k1.sign(hash, privateKey, { prehash: false, format: "recovered" });
  const out = new Uint8Array(65);
  out.set(rec.subarray(1), 0);
  out[64] = rec[0]!;
  return out;
}

/**
 * The 65-byte uncompressed public key (0x04 ‖ x ‖ y) of a 32-byte private key: libsecp256k1 when it
 * loads (about 30 µs), @noble/curves otherwise (its blinded constant-time multiplication takes
 * about 0.7 ms here, which made deriving 100,000 benchmark accounts take over a minute).
 * Throws on a key outside [1, n).
 */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return secpNative
    ? secpNative.publicKeyCreate(privateKey, false)
    : secp256k1.getPublicKey(privateKey, false);
}

// Half the secp256k1 group order: signatures with s above it are the malleable twins of valid ones.
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/**
 * The address that signed a 32-byte hash with a 65-byte r ‖ s ‖ recId signature, or undefined
 * when the signature is malformed, high-s, has a recovery id other than 0/1, or recovers nothing.
 * Native libsecp256k1 when it loads, @noble/curves otherwise.
 */
export function recoverSigner(hash: Uint8Array, signature: Uint8Array): string | undefined {
  if (signature.length !== 65 || hash.length !== 32) return undefined;
  const recId = signature[64]!;
  if (recId > 1) return undefined;
  const s = BigInt(`0x${Buffer.from(signature.subarray(32, 64)).toString("hex")}`);
  if (s === 0n || s > HALF_ORDER) return undefined;
  let publicKey: Uint8Array;
  try {
    publicKey = secpNative
      ? secpNative.ecdsaRecover(signature.subarray(0, 64), recId, hash, false)
      : secp256k1.Signature.fromBytes(signature.subarray(0, 64), "compact")
          .addRecoveryBit(recId)
          .recoverPublicKey(hash)
          .toBytes(false);
  } catch {
    return undefined;
  }
  return `0x${Buffer.from(keccak256(publicKey.subarray(1)).subarray(12)).toString("hex")}`;
}
