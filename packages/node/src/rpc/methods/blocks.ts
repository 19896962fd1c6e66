import type { StoredBlock } from "../../chain/chainStore.ts";
import type { RpcContext, RpcMethod } from "../context.ts";
import { formatBlock, formatReceipt } from "../format.ts";
import { expectParams, parseBool, parseHash, quantity } from "../params.ts";
import { resolveBlock } from "../resolveBlock.ts";

function byHash(ctx: RpcContext, value: unknown): StoredBlock | undefined {
  return ctx.chain.store.getBlockByHash(Buffer.from(parseHash(value, "blockHash").slice(2), "hex"));
}

/** Block queries. */
export const blockMethods: Record<string, RpcMethod> = {
  eth_getBlockByNumber: (params, ctx) => {
    const [tag, full] = expectParams(params, 2, 2);
    const block = resolveBlock(ctx, tag, "blockNumber");
    return block ? formatBlock(block, parseBool(full, "hydrated")) : null;
  },
  eth_getBlockByHash: (params, ctx) => {
    const [hash, full] = expectParams(params, 2, 2);
    const block = byHash(ctx, hash);
    return block ? formatBlock(block, parseBool(full, "hydrated")) : null;
  },
  eth_getBlockTransactionCountByNumber: (params, ctx) => {
    const [tag] = expectParams(params, 1, 1);
    const block = resolveBlock(ctx, tag, "blockNumber");
    return block ? quantity(block.block.transactions.length) : null;
  },
  eth_getBlockTransactionCountByHash: (params, ctx) => {
    const [hash] = expectParams(params, 1, 1);
    const block = byHash(ctx, hash);
    return block ? quantity(block.block.transactions.length) : null;
  },
  eth_getBlockReceipts: (params, ctx) => {
    const [tag] = expectParams(params, 1, 1);
    const block =
      typeof tag === "string" && tag.length === 66 ? byHash(ctx, tag) : resolveBlock(ctx, tag, "block");
    if (!block) return null;
    const receipts = ctx.chain.store.getReceipts(block.hash) ?? [];
    return block.block.transactions.map((_, index) => formatReceipt(receipts, { block, index }));
  },
};
