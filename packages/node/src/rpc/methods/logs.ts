import type { RpcMethod } from "../context.ts";
import { parseLogCriteria } from "../filters.ts";
import { expectParams } from "../params.ts";
import { invalidParams } from "../rpcError.ts";

function filterId(value: unknown): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{1,64}$/.test(value))
    throw invalidParams(`filterId must be a 0x-hex filter id, got ${JSON.stringify(value)}`);
  return value;
}

/** Logs and polling filters. */
export const logMethods: Record<string, RpcMethod> = {
  eth_getLogs: (params, ctx) => {
    const [filter] = expectParams(params, 1, 1);
    return ctx.filters.getLogs(parseLogCriteria(filter));
  },
  eth_newFilter: (params, ctx) => {
    const [filter] = expectParams(params, 1, 1);
    const criteria = parseLogCriteria(filter);
    // A blockHash filter would answer the same past block's logs on every poll.
    if (criteria.blockHash !== undefined)
      throw invalidParams(
        "blockHash selects one past block: use eth_getLogs, or fromBlock/toBlock for a filter",
      );
    return ctx.filters.newLogFilter(criteria);
  },
  eth_newBlockFilter: (params, ctx) => {
    expectParams(params, 0, 0);
    return ctx.filters.newBlockFilter();
  },
  eth_newPendingTransactionFilter: (params, ctx) => {
    expectParams(params, 0, 1);
    return ctx.filters.newPendingTransactionFilter();
  },
  eth_getFilterChanges: (params, ctx) => {
    const [id] = expectParams(params, 1, 1);
    return ctx.filters.changes(filterId(id));
  },
  eth_getFilterLogs: (params, ctx) => {
    const [id] = expectParams(params, 1, 1);
    return ctx.filters.filterLogs(filterId(id));
  },
  eth_uninstallFilter: (params, ctx) => {
    const [id] = expectParams(params, 1, 1);
    return ctx.filters.uninstall(filterId(id));
  },
};
