// Organisation and role identifiers are bytes32 on chain; people write `bilbao.urbanism`.
import { type Address, type Hex, hexToString, isAddress, isHex, pad, stringToHex } from "viem";
import { InvalidArgumentError } from "../errors/civitasError.ts";

/** An identifier as a short name (`bilbao.urbanism`, up to 32 bytes of UTF-8) or as bytes32 hex. */
export type Identifier = string;

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * The bytes32 form of an identifier: a 0x-prefixed 64-digit hex is taken as is, anything else
 * is UTF-8, right-padded with zeros (`stringToHex(name, { size: 32 })`, as the contract tests do).
 */
export function toIdentifier(value: Identifier): Hex {
  if (BYTES32.test(value)) return value.toLowerCase() as Hex;
  if (value === "") throw new InvalidArgumentError("an identifier cannot be empty", "INVALID_IDENTIFIER");
  const bytes = new TextEncoder().encode(value).length;
  if (bytes > 32)
    throw new InvalidArgumentError(
      `identifier '${value}' is ${bytes} bytes long; at most 32 bytes fit in a bytes32`,
      "INVALID_IDENTIFIER",
    );
  return stringToHex(value, { size: 32 });
}

/** The short name of a bytes32 identifier if it is printable text, else its hex. */
export function identifierToString(value: Hex): string {
  const trimmed = value.toLowerCase().replace(/^(0x(?:[0-9a-f]{2})*?)(?:00)+$/, "$1");
  if (trimmed === "0x") return value;
  const text = hexToString(trimmed as Hex);
  return /^[\p{L}\p{N}\p{P}\p{S} ]+$/u.test(text) && !text.includes("\uFFFD") ? text : value;
}

/** An account as a proposal's bytes32 subject (left-padded). */
export function accountToWord(account: Address): Hex {
  if (!isAddress(account, { strict: false }))
    throw new InvalidArgumentError(`'${account}' is not an account address`);
  return pad(account.toLowerCase() as Hex, { size: 32 });
}

/** A 32-byte value (fingerprint, proposal id) given with or without 0x, as lowercase 0x hex. */
export function toBytes32(value: string, what: string): Hex {
  const hex = (value.startsWith("0x") || value.startsWith("0X") ? value : `0x${value}`).toLowerCase();
  if (!isHex(hex) || hex.length !== 66)
    throw new InvalidArgumentError(`${what} must be 32 bytes of hex, got '${value}'`);
  return hex as Hex;
}
