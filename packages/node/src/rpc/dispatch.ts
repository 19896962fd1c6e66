import type { Logger } from "../logger.ts";
import type { RpcConnection, RpcContext, RpcMethod } from "./context.ts";
import { blockMethods } from "./methods/blocks.ts";
import { callMethods } from "./methods/call.ts";
import { chainInfoMethods } from "./methods/chainInfo.ts";
import { logMethods } from "./methods/logs.ts";
import { adminMethods, qbftMethods } from "./methods/qbft.ts";
import { stateMethods } from "./methods/state.ts";
import { subscriptionMethods } from "./methods/subscriptions.ts";
import { transactionMethods } from "./methods/transactions.ts";
import { txpoolMethods } from "./methods/txpool.ts";
import { RpcCode, RpcError, toRpcError } from "./rpcError.ts";

/** Size limits on what a caller may send. */
export interface RpcLimits {
  readonly maxRequestBytes: number;
  readonly maxBatchLength: number;
}

/** Defaults for RpcLimits. */
export const DEFAULT_RPC_LIMITS: RpcLimits = { maxRequestBytes: 5 * 1024 * 1024, maxBatchLength: 1000 };

type Id = string | number | null;
/** One JSON-RPC response object. */
export interface RpcResponse {
  jsonrpc: "2.0";
  id: Id;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** Every method this node serves. */
export const ALL_METHODS: ReadonlyMap<string, RpcMethod> = new Map(
  Object.entries({
    ...chainInfoMethods,
    ...blockMethods,
    ...transactionMethods,
    ...stateMethods,
    ...callMethods,
    ...logMethods,
    ...txpoolMethods,
    ...subscriptionMethods,
    ...qbftMethods,
    ...adminMethods,
  }),
);

function errorResponse(id: Id, err: RpcError): RpcResponse {
  return {
    jsonrpc: "2.0",
    id,
    error: { code: err.code, message: err.message, ...(err.data === undefined ? {} : { data: err.data }) },
  };
}

/** Answers a parsed JSON-RPC body (one call or a batch); undefined when nothing is to be sent back. */
export function createDispatcher(
  ctx: RpcContext,
  limits: RpcLimits,
  log: Logger,
  methods: ReadonlyMap<string, RpcMethod> = ALL_METHODS,
): (body: unknown, connection?: RpcConnection) => Promise<RpcResponse | RpcResponse[] | undefined> {
  async function one(request: unknown, connection?: RpcConnection): Promise<RpcResponse | undefined> {
    if (typeof request !== "object" || request === null || Array.isArray(request)) {
      return errorResponse(
        null,
        new RpcError(RpcCode.invalidRequest, "invalid request: expected a JSON-RPC 2.0 object"),
      );
    }
    const { jsonrpc, method, params, id } = request as Record<string, unknown>;
    const validId = id === undefined || id === null || typeof id === "string" || typeof id === "number";
    const replyId: Id = validId && id !== undefined ? (id as Id) : null;
    if (jsonrpc !== "2.0" || typeof method !== "string" || !validId) {
      return errorResponse(
        replyId,
        new RpcError(
          RpcCode.invalidRequest,
          'invalid request: needs "jsonrpc": "2.0", a string "method" and a string, number or null "id"',
        ),
      );
    }
    const handler = methods.get(method);
    if (!handler) {
      return id === undefined
        ? undefined
        : errorResponse(
            replyId,
            new RpcError(RpcCode.methodNotFound, `the method ${method} does not exist/is not available`),
          );
    }
    try {
      const result = await handler(params, ctx, connection);
      return id === undefined ? undefined : { jsonrpc: "2.0", id: replyId, result: result ?? null };
    } catch (err) {
      const rpcError = toRpcError(err);
      if (rpcError.code === RpcCode.internal) log.error({ err, method }, "RPC method failed");
      return id === undefined ? undefined : errorResponse(replyId, rpcError);
    }
  }

  return async (body, connection) => {
    if (!Array.isArray(body)) return one(body, connection);
    if (body.length === 0)
      return errorResponse(null, new RpcError(RpcCode.invalidRequest, "invalid request: empty batch"));
    if (body.length > limits.maxBatchLength) {
      return errorResponse(
        null,
        new RpcError(
          RpcCode.limitExceeded,
          `batch of ${body.length} requests exceeds the limit of ${limits.maxBatchLength}`,
        ),
      );
    }
    // Calls run in order (a call sees the effects of the ones before it, as in geth), but the
    // context may start expensive independent work for all of them first (signature checks).
    const release = ctx.prepareBatch?.(body);
    try {
      const responses: RpcResponse[] = [];
      for (const request of body) {
        const response = await one(request, connection);
        if (response) responses.push(response);
      }
      return responses.length > 0 ? responses : undefined;
    } finally {
      release?.();
    }
  };
}
