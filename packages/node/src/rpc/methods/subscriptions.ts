import { randomBytes } from "node:crypto";
import type { StoredBlock } from "../../chain/chainStore.ts";
import type { StoredReceipt } from "../../chain/receipts.ts";
import type { RpcMethod } from "../context.ts";
import { blockLogs, parseLogCriteria } from "../filters.ts";
import { formatBlock } from "../format.ts";
import { expectParams } from "../params.ts";
import { invalidParams, RpcCode, RpcError } from "../rpcError.ts";

const MAX_SUBSCRIPTIONS_PER_CONNECTION = 128;

/** eth_subscribe / eth_unsubscribe: push notifications over WebSocket. */
export const subscriptionMethods: Record<string, RpcMethod> = {
  eth_subscribe: (params, ctx, connection) => {
    if (!connection)
      throw new RpcError(
        RpcCode.methodNotSupported,
        "eth_subscribe needs a WebSocket connection; use eth_newFilter over HTTP",
      );
    const [kind, options] = expectParams(params, 1, 2);
    if (connection.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      throw new RpcError(
        RpcCode.limitExceeded,
        `at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`,
      );
    }
    const id = `0x${randomBytes(16).toString("hex")}`;
    const notify = (result: unknown) =>
      connection.send({ jsonrpc: "2.0", method: "eth_subscription", params: { subscription: id, result } });
    let listener: (block: StoredBlock, receipts: readonly StoredReceipt[]) => void;
    if (kind === "newHeads") {
      listener = (block) => {
        const { transactions: _omit, ...header } = formatBlock(block, false);
        notify(header);
      };
    } else if (kind === "logs") {
      const criteria = parseLogCriteria(options);
      if (criteria.blockHash !== undefined)
        throw invalidParams(
          "blockHash selects one past block: use eth_getLogs; a subscription follows new blocks",
        );
      listener = (block, receipts) => {
        for (const log of blockLogs(block, receipts, criteria)) notify(log);
      };
    } else {
      throw invalidParams(`unsupported subscription ${JSON.stringify(kind)}; supported: newHeads, logs`);
    }
    ctx.chain.on("block", listener);
    connection.subscriptions.set(id, () => ctx.chain.off("block", listener));
    return id;
  },
  eth_unsubscribe: (params, _ctx, connection) => {
    const [id] = expectParams(params, 1, 1);
    const cancel = typeof id === "string" ? connection?.subscriptions.get(id) : undefined;
    if (!cancel) return false;
    cancel();
    connection!.subscriptions.delete(id as string);
    return true;
  },
};
