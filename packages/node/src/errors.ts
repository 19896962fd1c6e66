/**
 * Every failure the node reports carries a stable code; `rpc/errorCodes.ts` maps codes to
 * JSON-RPC error codes. Messages say what was wrong and what to do about it.
 */
export type NodeErrorCode =
  | "GENESIS_INVALID"
  | "GENESIS_MISMATCH"
  | "DATADIR_UNUSABLE"
  | "RPC_PORT_BUSY"
  | "CONFIG_INVALID"
  | "METRICS_PORT_BUSY"
  | "P2P_PORT_BUSY"
  | "P2P_REQUEST_FAILED"
  | "DB_CORRUPT"
  | "DB_WRITE_FAILED"
  | "TX_MALFORMED"
  | "TX_WRONG_CHAIN"
  | "TX_UNSUPPORTED_TYPE"
  | "TX_BAD_SIGNATURE"
  | "TX_OVERSIZED"
  | "TX_GAS_LIMIT_TOO_HIGH"
  | "TX_INTRINSIC_GAS"
  | "TX_FEE_TOO_LOW"
  | "TXPOOL_NONCE_TOO_LOW"
  | "TXPOOL_NONCE_TOO_HIGH"
  | "TXPOOL_INSUFFICIENT_FUNDS"
  | "TXPOOL_ALREADY_KNOWN"
  | "TXPOOL_REPLACEMENT_UNDERPRICED"
  | "TXPOOL_SENDER_LIMIT"
  | "TXPOOL_FULL"
  | "TX_NOT_PERMITTED"
  | "EXECUTION_REVERTED"
  | "EXECUTION_FAILED"
  | "BLOCK_NOT_FOUND"
  | "STATE_UNAVAILABLE"
  | "NODE_CLOSED"
  | "BLOCK_INVALID"
  | "INTERNAL";

/** The node's base error: a stable machine-readable code, a human message, optional data. */
export class NodeError extends Error {
  readonly code: NodeErrorCode;
  readonly data: unknown;
  constructor(code: NodeErrorCode, message: string, options: { cause?: unknown; data?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "NodeError";
    this.code = code;
    this.data = options.data;
  }
}
