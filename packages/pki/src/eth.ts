import { keccak_256 } from "@noble/hashes/sha3.js";
import { PkiError } from "./errors.ts";

/** A 0x-prefixed Ethereum address in EIP-55 mixed-case checksum form. */
export type Address = `0x${string}`;

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** EIP-55 checksum form of 20 address bytes. */
export function checksumAddress(bytes: Uint8Array): Address {
  if (bytes.length !== 20) throw new PkiError("INVALID_ARGUMENT", "an address is 20 bytes");
  const hex = Buffer.from(bytes).toString("hex");
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(hex))).toString("hex");
  let out = "0x";
  for (let i = 0; i < 40; i++) {
    const c = hex[i]!;
    out += Number.parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out as Address;
}

/**
 * Parses an Ethereum address (0x + 40 hex). All-lowercase and all-uppercase are accepted;
 * mixed case must be a correct EIP-55 checksum (a typo is then caught).
 */
export function parseAddress(text: string, what = "address"): Uint8Array {
  if (typeof text !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(text)) {
    throw new PkiError("INVALID_ARGUMENT", `${what} must be 0x followed by 40 hex digits`);
  }
  const bytes = new Uint8Array(Buffer.from(text.slice(2), "hex"));
  const body = text.slice(2);
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixed && checksumAddress(bytes) !== text) {
    throw new PkiError("INVALID_ARGUMENT", `${what} ${text} has a wrong EIP-55 checksum`);
  }
  return bytes;
}

/** The address of an uncompressed secp256k1 public key (65 bytes, 0x04 prefix). */
export function addressOfPublicKey(uncompressed: Uint8Array): Address {
  if (uncompressed.length !== 65 || uncompressed[0] !== 4) {
    throw new PkiError("INVALID_ARGUMENT", "expected an uncompressed secp256k1 public key");
  }
  return checksumAddress(keccak_256(uncompressed.subarray(1)).subarray(12));
}
