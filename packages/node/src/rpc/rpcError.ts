import { NodeError, type NodeErrorCode } from "../errors.ts";

/** JSON-RPC 2.0 and EIP-1474 error codes. */
export const RpcCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  invalidInput: -32000,
  resourceNotFound: -32001,
  resourceUnavailable: -32002,
  transactionRejected: -32003,
  methodNotSupported: -32004,
  limitExceeded: -32005,
  /** geth's code for an execution revert, with the revert data in `data`. */
  executionReverted: 3,
} as const;

/** An error returned to a JSON-RPC caller. */
export class RpcError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = "RpcError";
    this.code = code;
    this.data = data;
  }
}

/** Shorthand for an invalid-params error naming the offending parameter. */
export function invalidParams(message: string): RpcError {
  return new RpcError(RpcCode.invalidParams, `invalid params: ${message}`);
}

// The one table from node error codes to JSON-RPC codes.
const NODE_TO_RPC: Record<NodeErrorCode, number> = {
  GENESIS_INVALID: RpcCode.internal,
  GENESIS_MISMATCH: RpcCode.internal,
  DATADIR_UNUSABLE: RpcCode.internal,
  RPC_PORT_BUSY: RpcCode.internal,
  CONFIG_INVALID: RpcCode.internal,
  METRICS_PORT_BUSY: RpcCode.internal,
  P2P_PORT_BUSY: RpcCode.internal,
  P2P_REQUEST_FAILED: RpcCode.resourceUnavailable,
  DB_CORRUPT: RpcCode.internal,
  DB_WRITE_FAILED: RpcCode.internal,
  TX_MALFORMED: RpcCode.invalidParams,
  TX_WRONG_CHAIN: RpcCode.invalidInput,
  TX_UNSUPPORTED_TYPE: RpcCode.invalidInput,
  TX_BAD_SIGNATURE: RpcCode.invalidInput,
  TX_OVERSIZED: RpcCode.invalidInput,
  TX_GAS_LIMIT_TOO_HIGH: RpcCode.invalidInput,
  TX_INTRINSIC_GAS: RpcCode.invalidInput,
  TX_FEE_TOO_LOW: RpcCode.invalidInput,
  TXPOOL_NONCE_TOO_LOW: RpcCode.invalidInput,
  TXPOOL_NONCE_TOO_HIGH: RpcCode.invalidInput,
  TXPOOL_INSUFFICIENT_FUNDS: RpcCode.invalidInput,
  TXPOOL_ALREADY_KNOWN: RpcCode.invalidInput,
  TXPOOL_REPLACEMENT_UNDERPRICED: RpcCode.invalidInput,
  TXPOOL_SENDER_LIMIT: RpcCode.limitExceeded,
  TXPOOL_FULL: RpcCode.limitExceeded,
  TX_NOT_PERMITTED: RpcCode.transactionRejected,
  EXECUTION_REVERTED: RpcCode.executionReverted,
  EXECUTION_FAILED: RpcCode.invalidInput,
  BLOCK_NOT_FOUND: RpcCode.resourceNotFound,
  STATE_UNAVAILABLE: RpcCode.resourceUnavailable,
  NODE_CLOSED: RpcCode.resourceUnavailable,
  BLOCK_INVALID: RpcCode.invalidInput,
  INTERNAL: RpcCode.internal,
};

/** Converts any thrown value into the error object sent to the caller; internals are never leaked. */
export function toRpcError(err: unknown): RpcError {
  if (err instanceof RpcError) return err;
  if (err instanceof NodeError) return new RpcError(NODE_TO_RPC[err.code], err.message, err.data);
  return new RpcError(RpcCode.internal, "internal error");
}
