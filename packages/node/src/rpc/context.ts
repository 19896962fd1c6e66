import type { QbftStatus } from "@civitas/qbft";
import type { Chain } from "../chain/chain.ts";
import type { ValidatorSet } from "../consensus/validatorSet.ts";
import type { PeerSummary } from "../network/peerNetwork.ts";
import type { SyncProgress } from "../sync/synchronizer.ts";
import type { TxPool } from "../txpool/txPool.ts";
import type { FilterManager } from "./filters.ts";

/** What RPC methods may use. */
export interface RpcContext {
  readonly chain: Chain;
  readonly pool: TxPool;
  readonly filters: FilterManager;
  readonly clientVersion: string;
  /** The validator set and votes (qbft_* methods). */
  readonly validators: ValidatorSet;
  /** Consensus state when this node runs QBFT (it has a validator key). */
  consensusStatus(): QbftStatus | undefined;
  /** Connected peers (empty without peer-to-peer networking). */
  peers(): readonly PeerSummary[];
  /** This node as admin_nodeInfo describes it. */
  nodeInfo(): NodeInfo;
  /** Sync progress while catching up with peers, undefined otherwise. */
  syncProgress(): SyncProgress | undefined;
  /** Checks a raw transaction and adds it to the pool; returns its hash. */
  submitRawTransaction(raw: Uint8Array): Promise<string>;
  /**
   * Called with a batch's requests before they run in order; may start work they will need (such
   * as checking their transactions in parallel). Returns a function that releases that work.
   */
  prepareBatch?(requests: readonly unknown[]): () => void;
}

/** admin_nodeInfo's answer. */
export interface NodeInfo {
  /** Fingerprint of the node's TLS certificate (its identity on the network), if networked. */
  readonly id: string | undefined;
  readonly name: string;
  /** host:port peers dial, if networked. */
  readonly listenAddress: string | undefined;
  readonly validatorAddress: string | undefined;
}

/** A WebSocket connection, for methods that push (eth_subscribe). */
export interface RpcConnection {
  send(message: unknown): void;
  readonly subscriptions: Map<string, () => void>;
}

/** A JSON-RPC method implementation. */
export type RpcMethod = (params: unknown, ctx: RpcContext, connection?: RpcConnection) => unknown;
