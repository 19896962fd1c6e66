import type { NestedUint8Array } from "@ethereumjs/rlp";
import { QbftError, type QbftErrorCode } from "./errors.ts";

/** One decoded RLP item: a byte string or a list. */
export type RlpItem = Uint8Array | NestedUint8Array;

/** Reads a canonical RLP unsigned scalar (no leading zero bytes) that fits a safe integer. */
export function readScalar(item: RlpItem | undefined, what: string, code: QbftErrorCode): number {
  if (!(item instanceof Uint8Array)) throw new QbftError(code, `${what} must be a byte string`);
  if (item.length > 6) throw new QbftError(code, `${what} is too large (${item.length} bytes)`);
  if (item.length > 0 && item[0] === 0) throw new QbftError(code, `${what} has a leading zero byte`);
  let value = 0;
  for (const byte of item) value = value * 256 + byte;
  return value;
}

/** Reads a byte string of an exact length. */
export function readBytes(
  item: RlpItem | undefined,
  length: number,
  what: string,
  code: QbftErrorCode,
): Uint8Array {
  if (!(item instanceof Uint8Array) || item.length !== length) {
    throw new QbftError(code, `${what} must be ${length} bytes`);
  }
  return item;
}

/** Reads a list item. */
export function readList(item: RlpItem | undefined, what: string, code: QbftErrorCode): NestedUint8Array {
  if (!Array.isArray(item)) throw new QbftError(code, `${what} must be a list`);
  return item;
}
