import type { Hex } from "viem";

/** A block object as eth_getBlockBy* return it (the fields the specs check). */
export interface RpcBlock {
  number: Hex;
  hash: Hex;
  parentHash: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  stateRoot: Hex;
  sha3Uncles: Hex;
  logsBloom: Hex;
  miner: Hex;
  extraData: Hex;
  gasLimit: Hex;
  gasUsed: Hex;
  timestamp: Hex;
  baseFeePerGas: Hex;
  size: Hex;
  uncles: Hex[];
  transactions: (Hex | Record<string, unknown>)[];
}

/** A log object as receipts, eth_getLogs and filters return it. */
export interface RpcLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockHash: Hex;
  blockNumber: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
  logIndex: Hex;
  removed: boolean;
}

/** A receipt object as eth_getTransactionReceipt and eth_getBlockReceipts return it. */
export interface RpcReceipt {
  transactionHash: Hex;
  transactionIndex: Hex;
  blockHash: Hex;
  blockNumber: Hex;
  from: Hex;
  to: Hex | null;
  cumulativeGasUsed: Hex;
  gasUsed: Hex;
  contractAddress: Hex | null;
  logs: RpcLog[];
  logsBloom: Hex;
  type: Hex;
  status: Hex;
  effectiveGasPrice: Hex;
}
