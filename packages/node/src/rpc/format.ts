import type { TypedTransaction } from "@ethereumjs/tx";
import { type Address, createContractAddress } from "@ethereumjs/util";
import { encodedSize, type StoredBlock } from "../chain/chainStore.ts";
import type { StoredReceipt } from "../chain/receipts.ts";
import { data, type Hex, quantity } from "./params.ts";

/** Where a transaction sits in the chain, for formatting. */
export interface TxPosition {
  readonly block: StoredBlock;
  readonly index: number;
}

/** The effective gas price paid: with a zero base fee, the tip capped by the fee cap. */
export function effectiveGasPrice(tx: TypedTransaction): bigint {
  if ("gasPrice" in tx) return tx.gasPrice;
  return tx.maxPriorityFeePerGas < tx.maxFeePerGas ? tx.maxPriorityFeePerGas : tx.maxFeePerGas;
}

/** A transaction object as eth_getTransactionBy* return it. */
export function formatTransaction(tx: TypedTransaction, position?: TxPosition): Record<string, unknown> {
  const json = tx.toJSON() as Record<string, unknown>;
  const out: Record<string, unknown> = {
    ...json,
    type: quantity(tx.type),
    hash: data(tx.hash()),
    from: tx.getSenderAddress().toString(),
    gas: quantity(tx.gasLimit),
    input: json["data"],
    to: tx.to ? tx.to.toString() : null,
    blockHash: position ? data(position.block.hash) : null,
    blockNumber: position ? quantity(position.block.block.header.number) : null,
    transactionIndex: position ? quantity(position.index) : null,
    gasPrice: quantity(effectiveGasPrice(tx)),
  };
  delete out["gasLimit"];
  delete out["data"];
  if (tx.type !== 0 && out["v"] !== undefined) out["yParity"] = out["v"];
  return out;
}

/** Logs of one receipt, positioned in the block. */
export function formatLogs(
  receipt: StoredReceipt,
  tx: TypedTransaction,
  position: TxPosition,
  firstLogIndex: number,
): Record<string, unknown>[] {
  return receipt.logs.map(([address, topics, payload], i) => ({
    address: data(address),
    topics: topics.map(data),
    data: data(payload),
    blockNumber: quantity(position.block.block.header.number),
    blockHash: data(position.block.hash),
    blockTimestamp: quantity(position.block.block.header.timestamp),
    transactionHash: data(tx.hash()),
    transactionIndex: quantity(position.index),
    logIndex: quantity(firstLogIndex + i),
    removed: false,
  }));
}

/** A receipt object as eth_getTransactionReceipt returns it. */
export function formatReceipt(
  receipts: readonly StoredReceipt[],
  position: TxPosition,
): Record<string, unknown> {
  const { block, index } = position;
  const tx = block.block.transactions[index]!;
  const receipt = receipts[index]!;
  const previous = index === 0 ? 0n : receipts[index - 1]!.cumulativeGasUsed;
  let firstLogIndex = 0;
  for (let i = 0; i < index; i++) firstLogIndex += receipts[i]!.logs.length;
  const sender: Address = tx.getSenderAddress();
  return {
    transactionHash: data(tx.hash()),
    transactionIndex: quantity(index),
    blockHash: data(block.hash),
    blockNumber: quantity(block.block.header.number),
    from: sender.toString(),
    to: tx.to ? tx.to.toString() : null,
    cumulativeGasUsed: quantity(receipt.cumulativeGasUsed),
    gasUsed: quantity(receipt.cumulativeGasUsed - previous),
    contractAddress: tx.to ? null : createContractAddress(sender, tx.nonce).toString(),
    logs: formatLogs(receipt, tx, position, firstLogIndex),
    logsBloom: data(receipt.logsBloom),
    type: quantity(receipt.type),
    status: quantity(receipt.status),
    effectiveGasPrice: quantity(effectiveGasPrice(tx)),
  };
}

/** A block object; `full` embeds transaction objects instead of hashes. */
export function formatBlock(stored: StoredBlock, full: boolean): Record<string, unknown> {
  const { block, hash } = stored;
  const h = block.header;
  return {
    number: quantity(h.number),
    hash: data(hash),
    parentHash: data(h.parentHash),
    nonce: data(h.nonce),
    mixHash: data(h.mixHash),
    sha3Uncles: data(h.uncleHash),
    logsBloom: data(h.logsBloom),
    transactionsRoot: data(h.transactionsTrie),
    stateRoot: data(h.stateRoot),
    receiptsRoot: data(h.receiptTrie),
    miner: h.coinbase.toString(),
    difficulty: quantity(h.difficulty),
    totalDifficulty: quantity(h.number + 1n),
    extraData: data(h.extraData),
    size: quantity(encodedSize(block)),
    gasLimit: quantity(h.gasLimit),
    gasUsed: quantity(h.gasUsed),
    timestamp: quantity(h.timestamp),
    baseFeePerGas: quantity(h.baseFeePerGas ?? 0n),
    withdrawalsRoot: h.withdrawalsRoot ? data(h.withdrawalsRoot) : undefined,
    withdrawals: [],
    blobGasUsed: quantity(h.blobGasUsed ?? 0n),
    excessBlobGas: quantity(h.excessBlobGas ?? 0n),
    parentBeaconBlockRoot: h.parentBeaconBlockRoot ? data(h.parentBeaconBlockRoot) : undefined,
    transactions: block.transactions.map((tx, index) =>
      full ? formatTransaction(tx, { block: stored, index }) : data(tx.hash()),
    ),
    uncles: [],
  };
}

/** The hex of an address object or bytes. */
export function hexAddress(address: Address | Uint8Array): Hex {
  return (address instanceof Uint8Array ? data(address) : address.toString()) as Hex;
}
