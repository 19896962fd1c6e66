import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { QbftError } from "./errors.ts";
import type { Address } from "./types.ts";

/** Length of a Besu-encoded secp256k1 signature: r (32) ‖ s (32) ‖ recovery id (1, value 0 or 1). */
export const SIGNATURE_LENGTH = 65;

/** Signs 32-byte hashes with the validator's key; the node may back it with native crypto or an HSM. */
export interface Signer {
  readonly address: Address;
  /** Returns a 65-byte signature r ‖ s ‖ recId (recId 0 or 1, low-s), the encoding Besu puts on the wire. */
  sign(hash: Uint8Array): Uint8Array;
}

/** Recovers the signer's address from a 32-byte hash and a 65-byte signature; throws QbftError if invalid. */
export type RecoverAddress = (hash: Uint8Array, signature: Uint8Array) => Address;

let keccakImplementation: (data: Uint8Array) => Uint8Array = keccak_256;

/** keccak256 of the given bytes (@noble/hashes unless the embedding node plugs in another). */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccakImplementation(data);
}

/**
 * Makes this package hash with another keccak-256 implementation (a native one): messages carry
 * whole blocks, so their hashes are the state machine's largest cost. It must be keccak-256.
 */
export function useKeccak256(implementation: (data: Uint8Array) => Uint8Array): void {
  keccakImplementation = implementation;
}

/** Formats 20 address bytes as the canonical lowercase hex address. */
export function toAddress(bytes: Uint8Array): Address {
  if (bytes.length !== 20)
    throw new QbftError("QBFT_MALFORMED_MESSAGE", `an address has 20 bytes, got ${bytes.length}`);
  return `0x${bytesToHex(bytes)}`;
}

/** The Ethereum address of an uncompressed or compressed secp256k1 public key. */
export function publicKeyToAddress(publicKey: Uint8Array): Address {
  const uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false);
  return toAddress(keccak256(uncompressed.subarray(1)).subarray(12));
}

/** A Signer over a raw 32-byte secp256k1 private key, using @noble/curves. */
export function createSecp256k1Signer(privateKey: Uint8Array): Signer {
  const address = publicKeyToAddress(secp256k1.getPublicKey(privateKey, false));
  return {
    address,
    sign(hash: Uint8Array): Uint8Array {
      // noble's "recovered" format is recId ‖ r ‖ s; Besu's wire format puts recId last.
      const sig = secp256k1.sign(hash, privateKey, { prehash: false, format: "recovered", lowS: true });
      const out = new Uint8Array(SIGNATURE_LENGTH);
      out.set(sig.subarray(1), 0);
      out[64] = sig[0]!;
      return out;
    },
  };
}

/**
 * ecrecover with @noble/curves. Rejects what Besu rejects: wrong length, recovery id other than
 * 0/1, and high-s signatures (malleable copies of a valid signature).
 */
export const recoverAddress: RecoverAddress = (hash, signature) => {
  if (signature.length !== SIGNATURE_LENGTH) {
    throw new QbftError(
      "QBFT_INVALID_SIGNATURE",
      `a signature has ${SIGNATURE_LENGTH} bytes, got ${signature.length}`,
    );
  }
  const recId = signature[64]!;
  if (recId > 1)
    throw new QbftError("QBFT_INVALID_SIGNATURE", `signature recovery id must be 0 or 1, got ${recId}`);
  try {
    const sig = secp256k1.Signature.fromBytes(signature.subarray(0, 64), "compact").addRecoveryBit(recId);
    if (sig.hasHighS()) throw new QbftError("QBFT_INVALID_SIGNATURE", "signature has a high s value");
    return publicKeyToAddress(sig.recoverPublicKey(hash).toBytes(false));
  } catch (cause) {
    if (cause instanceof QbftError) throw cause;
    throw new QbftError("QBFT_INVALID_SIGNATURE", "signature does not recover to a public key", { cause });
  }
};
