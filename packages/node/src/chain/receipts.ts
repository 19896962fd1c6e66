import type { Log } from "@ethereumjs/evm";
import { RLP } from "@ethereumjs/rlp";
import { bytesToBigInt } from "@ethereumjs/util";
import type { TxReceipt } from "@ethereumjs/vm";
import { encodeReceipt } from "@ethereumjs/vm";
import { NodeError } from "../errors.ts";

/** A receipt as stored: the consensus receipt fields plus the transaction type they were encoded with. */
export interface StoredReceipt {
  readonly type: number;
  readonly status: 0 | 1;
  readonly cumulativeGasUsed: bigint;
  readonly logsBloom: Uint8Array;
  readonly logs: readonly Log[];
}

/** Converts an EthereumJS receipt (post-Byzantium) to the stored form. */
export function toStoredReceipt(receipt: TxReceipt, type: number): StoredReceipt {
  if (!("status" in receipt)) throw new Error("pre-Byzantium receipts are not produced by this chain");
  return {
    type,
    status: receipt.status,
    cumulativeGasUsed: receipt.cumulativeBlockGasUsed,
    logsBloom: receipt.bitvector,
    logs: receipt.logs,
  };
}

// A block's receipts are encoded for its receipts root and again for the store: kept per receipt
// (a stored receipt is never changed).
const encodedReceipts = new WeakMap<StoredReceipt, Uint8Array>();

/** Consensus encoding (EIP-2718 typed receipt) of a stored receipt. */
export function encodeStoredReceipt(receipt: StoredReceipt): Uint8Array {
  let encoded = encodedReceipts.get(receipt);
  if (encoded === undefined) {
    encoded = encodeReceipt(
      {
        status: receipt.status,
        cumulativeBlockGasUsed: receipt.cumulativeGasUsed,
        bitvector: receipt.logsBloom,
        logs: receipt.logs as Log[],
      },
      receipt.type as Parameters<typeof encodeReceipt>[1],
    );
    encodedReceipts.set(receipt, encoded);
  }
  return encoded;
}

/** Encodes a block's receipts for the receipts database. */
export function encodeBlockReceipts(receipts: readonly StoredReceipt[]): Uint8Array {
  return RLP.encode(receipts.map(encodeStoredReceipt));
}

/** Decodes a block's receipts as written by encodeBlockReceipts. */
export function decodeBlockReceipts(bytes: Uint8Array): StoredReceipt[] {
  const items = RLP.decode(bytes);
  if (!Array.isArray(items)) throw new NodeError("DB_CORRUPT", "stored receipts are not an RLP list");
  return items.map((item) => {
    if (!(item instanceof Uint8Array) || item.length === 0)
      throw new NodeError("DB_CORRUPT", "bad stored receipt");
    const typed = item[0]! < 0x7f;
    const fields = RLP.decode(typed ? item.subarray(1) : item) as unknown as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Log[],
    ];
    return {
      type: typed ? item[0]! : 0,
      status: fields[0].length === 0 ? 0 : 1,
      cumulativeGasUsed: bytesToBigInt(fields[1]),
      logsBloom: fields[2],
      logs: fields[3],
    };
  });
}
