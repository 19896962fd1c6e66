import type { Chain } from "../chain/chain.ts";
import type { TxPool } from "../txpool/txPool.ts";
import type { FilterManager } from "./filters.ts";

/** What RPC methods may use. */
export interface RpcContext {
  readonly chain: Chain;
  readonly pool: TxPool;
  readonly filters: FilterManager;
  readonly clientVersion: string;
  /** Checks a raw transaction and adds it to the pool; returns its hash. */
  submitRawTransaction(raw: Uint8Array): Promise<string>;
  /**
   * Called with a batch's requests before they run in order; may start work they will need (such
   * as checking their transactions in parallel). Returns a function that releases that work.
   */
  prepareBatch?(requests: readonly unknown[]): () => void;
}

/** A WebSocket connection, for methods that push (eth_subscribe). */
export interface RpcConnection {
  send(message: unknown): void;
  readonly subscriptions: Map<string, () => void>;
}

/** A JSON-RPC method implementation. */
export type RpcMethod = (params: unknown, ctx: RpcContext, connection?: RpcConnection) => unknown;
