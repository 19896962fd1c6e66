import { invalidParams } from "./rpcError.ts";

/** 0x-prefixed hex string types as JSON-RPC uses them. */
export type Hex = `0x${string}`;

/** Formats a quantity (no leading zeros). */
export function quantity(n: bigint | number): Hex {
  return `0x${n.toString(16)}`;
}

/** Formats bytes as 0x-hex data. */
export function data(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
}

/** Parses a quantity parameter (0x-hex, no leading zeros required to be absent for leniency). */
export function parseQuantity(value: unknown, name: string): bigint {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{1,64}$/.test(value)) {
    throw invalidParams(`${name} must be a 0x-prefixed hex quantity, got ${JSON.stringify(value)}`);
  }
  return BigInt(value);
}

/** Parses a data parameter; with `length`, requires exactly that many bytes. */
export function parseData(value: unknown, name: string, length?: number): Uint8Array {
  // Node's hex decoder stops at the first pair that is not hex, so fewer bytes written than half
  // the digits is what a regular expression would have refused (without its cost on a raw
  // transaction's hundreds of digits). Decoded straight into an array of the caller's own.
  const hex = typeof value === "string" && value.startsWith("0x") ? value.slice(2) : undefined;
  const bytes = hex !== undefined && hex.length % 2 === 0 ? new Uint8Array(hex.length / 2) : undefined;
  if (
    hex === undefined ||
    bytes === undefined ||
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(hex, "hex") !== bytes.length
  ) {
    throw invalidParams(`${name} must be 0x-prefixed hex data with an even number of digits`);
  }
  if (length !== undefined && bytes.length !== length) {
    throw invalidParams(`${name} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** Parses a 20-byte address, returned lowercase. */
export function parseAddress(value: unknown, name: string): Hex {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw invalidParams(`${name} must be a 20-byte 0x-hex address`);
  }
  return value.toLowerCase() as Hex;
}

/** Parses a 32-byte hash, returned lowercase. */
export function parseHash(value: unknown, name: string): Hex {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw invalidParams(`${name} must be a 32-byte 0x-hex hash`);
  }
  return value.toLowerCase() as Hex;
}

/** Parses a boolean parameter. */
export function parseBool(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") throw invalidParams(`${name} must be true or false`);
  return value;
}

/** Checks the parameter count; `params` must be an array (or absent when none are required). */
export function expectParams(params: unknown, min: number, max: number): unknown[] {
  const list = params === undefined ? [] : params;
  if (!Array.isArray(list)) throw invalidParams("params must be an array");
  if (list.length < min || list.length > max) {
    throw invalidParams(
      min === max
        ? `expected ${min} parameters, got ${list.length}`
        : `expected ${min} to ${max} parameters, got ${list.length}`,
    );
  }
  return list;
}
