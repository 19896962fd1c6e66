import type { StoredBlock } from "../../chain/chainStore.ts";
import type { RpcContext, RpcMethod } from "../context.ts";
import { formatReceipt, formatTransaction } from "../format.ts";
import { expectParams, parseData, parseHash, parseQuantity } from "../params.ts";
import { resolveBlock } from "../resolveBlock.ts";

function located(ctx: RpcContext, hash: string): { block: StoredBlock; index: number } | undefined {
  const location = ctx.chain.store.getTxLocation(Buffer.from(hash.slice(2), "hex"));
  if (!location) return undefined;
  const block = ctx.chain.store.getBlockByHash(location.blockHash);
  return block ? { block, index: location.index } : undefined;
}

function txAt(block: StoredBlock | undefined, indexParam: unknown): Record<string, unknown> | null {
  if (!block) return null;
  const index = Number(parseQuantity(indexParam, "index"));
  const tx = block.block.transactions[index];
  return tx ? formatTransaction(tx, { block, index }) : null;
}

/** Transaction submission and lookup. */
export const transactionMethods: Record<string, RpcMethod> = {
  eth_sendRawTransaction: async (params, ctx) => {
    const [raw] = expectParams(params, 1, 1);
    return ctx.submitRawTransaction(parseData(raw, "transaction"));
  },
  eth_getTransactionByHash: (params, ctx) => {
    const [hashParam] = expectParams(params, 1, 1);
    const hash = parseHash(hashParam, "transactionHash");
    const found = located(ctx, hash);
    if (found) return formatTransaction(found.block.block.transactions[found.index]!, found);
    const pending = ctx.pool.get(hash);
    return pending ? formatTransaction(pending.tx) : null;
  },
  eth_getTransactionByBlockHashAndIndex: (params, ctx) => {
    const [hash, index] = expectParams(params, 2, 2);
    return txAt(
      ctx.chain.store.getBlockByHash(Buffer.from(parseHash(hash, "blockHash").slice(2), "hex")),
      index,
    );
  },
  eth_getTransactionByBlockNumberAndIndex: (params, ctx) => {
    const [tag, index] = expectParams(params, 2, 2);
    return txAt(resolveBlock(ctx, tag, "blockNumber"), index);
  },
  eth_getTransactionReceipt: (params, ctx) => {
    const [hashParam] = expectParams(params, 1, 1);
    const found = located(ctx, parseHash(hashParam, "transactionHash"));
    if (!found) return null;
    return formatReceipt(ctx.chain.store.getReceipts(found.block.hash) ?? [], found);
  },
};
