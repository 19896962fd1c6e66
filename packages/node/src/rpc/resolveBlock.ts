import type { StoredBlock } from "../chain/chainStore.ts";
import type { RpcContext } from "./context.ts";
import { parseHash, parseQuantity } from "./params.ts";
import { invalidParams, RpcCode, RpcError } from "./rpcError.ts";

const TAGS = new Set(["latest", "safe", "finalized", "pending", "earliest"]);

/**
 * Resolves a block parameter: a tag, a number, or an EIP-1898 object ({blockHash} or {blockNumber}).
 * QBFT finality is immediate, so "safe" and "finalized" are the head; "pending" is the head too
 * (this node does not expose a pending block). Returns undefined for a number beyond the head.
 */
export function resolveBlock(ctx: RpcContext, param: unknown, name = "block"): StoredBlock | undefined {
  const { chain } = ctx;
  if (param === undefined || param === null) return chain.head;
  if (typeof param === "string") {
    if (TAGS.has(param)) return param === "earliest" ? chain.genesis : chain.head;
    return chain.store.getBlockByNumber(parseQuantity(param, name));
  }
  if (typeof param === "object" && !Array.isArray(param)) {
    const obj = param as Record<string, unknown>;
    if (obj["blockHash"] !== undefined && obj["blockNumber"] !== undefined)
      throw invalidParams(`${name} cannot hold both blockHash and blockNumber; give one of them`);
    if (obj["requireCanonical"] !== undefined && typeof obj["requireCanonical"] !== "boolean")
      throw invalidParams(`${name}.requireCanonical must be true or false`);
    if (obj["blockHash"] !== undefined) {
      const block = chain.store.getBlockByHash(
        Buffer.from(parseHash(obj["blockHash"], `${name}.blockHash`).slice(2), "hex"),
      );
      if (!block) throw new RpcError(RpcCode.resourceNotFound, `block ${obj["blockHash"]} not found`);
      if (obj["requireCanonical"] === true) {
        const canonical = chain.store.getCanonicalHash(block.block.header.number);
        if (!canonical || Buffer.compare(canonical, block.hash) !== 0) {
          throw new RpcError(RpcCode.invalidInput, `block ${obj["blockHash"]} is not canonical`);
        }
      }
      return block;
    }
    if (obj["blockNumber"] !== undefined) return resolveBlock(ctx, obj["blockNumber"], `${name}.blockNumber`);
  }
  throw invalidParams(
    `${name} must be a block number, a tag (latest, earliest, pending, safe, finalized) or {blockHash}`,
  );
}

/** Like resolveBlock, but a missing block is an error (for state queries). */
export function requireBlock(ctx: RpcContext, param: unknown, name = "block"): StoredBlock {
  const block = resolveBlock(ctx, param, name);
  if (!block)
    throw new RpcError(
      RpcCode.resourceNotFound,
      `${name} ${JSON.stringify(param)} not found: the head is ${ctx.chain.head.block.header.number}`,
    );
  return block;
}
