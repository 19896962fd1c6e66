import type { PoolTx } from "../../txpool/txPool.ts";
import type { RpcMethod } from "../context.ts";
import { formatTransaction } from "../format.ts";
import { expectParams, quantity } from "../params.ts";

function bySender(groups: Map<string, PoolTx[]>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [sender, entries] of groups) {
    out[sender] = Object.fromEntries(entries.map((e) => [e.tx.nonce.toString(), formatTransaction(e.tx)]));
  }
  return out;
}

/** Transaction pool inspection (geth's txpool namespace). */
export const txpoolMethods: Record<string, RpcMethod> = {
  txpool_status: (params, ctx) => {
    expectParams(params, 0, 0);
    const { pending, queued } = ctx.pool.status();
    return { pending: quantity(pending), queued: quantity(queued) };
  },
  txpool_content: (params, ctx) => {
    expectParams(params, 0, 0);
    const { pending, queued } = ctx.pool.content();
    return { pending: bySender(pending), queued: bySender(queued) };
  },
};
