import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak256, publicKeyOf } from "./nativeCrypto.ts";

/** A secp256k1 account key and its address, both 0x-hex. */
export interface AccountKey {
  readonly address: string;
  readonly privateKey: string;
}

/** The Ethereum address of a 32-byte secp256k1 private key. */
export function addressOfPrivateKey(privateKey: Uint8Array): string {
  const publicKey = publicKeyOf(privateKey);
  return `0x${Buffer.from(keccak256(publicKey.subarray(1)).subarray(12)).toString("hex")}`;
}

/** A fresh random account key from the system's CSPRNG. */
export function createAccountKey(): AccountKey {
  const privateKey = secp256k1.utils.randomSecretKey();
  return {
    address: addressOfPrivateKey(privateKey),
    privateKey: `0x${Buffer.from(privateKey).toString("hex")}`,
  };
}
