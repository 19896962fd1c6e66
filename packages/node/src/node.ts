import { readFileSync } from "node:fs";
import type { TlsIdentity, TrustStore } from "@civitas/pki";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import { Address, hexToBytes } from "@ethereumjs/util";
import { Chain } from "./chain/chain.ts";
import type { StoredBlock } from "./chain/chainStore.ts";
import { cryptoBackend } from "./crypto/nativeCrypto.ts";
import { BufferedTrieDb } from "./db/bufferedTrieDb.ts";
import { openNodeDatabase } from "./db/openNodeDatabase.ts";
import { NodeError } from "./errors.ts";
import { createChainCommon } from "./genesis/createChainCommon.ts";
import { createTxDecodingCommon } from "./genesis/createTxDecodingCommon.ts";
import { type GenesisConfig, parseGenesis } from "./genesis/genesisConfig.ts";
import { createLogger, type Logger } from "./logger.ts";
import { BlockProducer, type ValidatorKey } from "./producer/blockProducer.ts";
import type { RpcContext } from "./rpc/context.ts";
import { createDispatcher, DEFAULT_RPC_LIMITS, type RpcLimits } from "./rpc/dispatch.ts";
import { FilterManager } from "./rpc/filters.ts";
import { type RpcServer, startRpcServer } from "./rpc/rpcServer.ts";
import { TxChecker } from "./txpool/txChecker.ts";
import { TxPool, type TxPoolOptions } from "./txpool/txPool.ts";
import type { CheckedTx } from "./txpool/validateTx.ts";

/** Version reported by web3_clientVersion. */
export const NODE_VERSION = "0.1.0";

/** Node-to-node networking over mutual TLS; without it the node runs alone. */
export interface P2pOptions {
  /** Interface and port to accept peers on (port 0 picks a free one). */
  readonly host: string;
  readonly port: number;
  /** "host:port" other nodes should dial to reach this one (default host:port). */
  readonly advertise?: string;
  /** Peers to connect to at start and to reconnect to whenever they drop ("host:port"). */
  readonly staticPeers: readonly string[];
  /** This node's TLS key and certificate chain, issued by the network's CA. */
  readonly identity: TlsIdentity;
  /** The network's roots, intermediates and CRLs. */
  readonly trust: TrustStore;
  /** CRL files behind `trust`: re-read when they change, and peers that became revoked are dropped. */
  readonly crlPaths?: readonly string[];
  /** Most connected peers (default 25). */
  readonly maxPeers?: number;
}

/** How to run a ledger node. */
export interface LedgerNodeOptions {
  readonly dataDir: string;
  /** Path of a Besu-format genesis file. */
  readonly genesisPath: string;
  /** When set, this node seals blocks as the single validator. */
  readonly validatorKey?: ValidatorKey;
  readonly rpc: { readonly host: string; readonly port: number; readonly limits?: Partial<RpcLimits> };
  /** Peer-to-peer networking; without it the node is a network of one. */
  readonly p2p?: P2pOptions;
  /** Prometheus metrics endpoint (`GET /metrics`); off when absent. */
  readonly metrics?: { readonly host: string; readonly port: number };
  /** Cap on a QBFT round's timeout in seconds (default 60): round r waits min(requesttimeoutseconds·2^r, cap). */
  readonly maxRoundTimeoutSeconds?: number;
  readonly txpool?: Partial<TxPoolOptions>;
  /** Largest accepted transaction in bytes (default 128 KiB, as geth). */
  readonly maxTxBytes?: number;
  readonly logger?: Logger;
}

/** A running node. */
export interface LedgerNode {
  readonly chain: Chain;
  readonly pool: TxPool;
  readonly rpc: RpcServer;
  readonly genesis: GenesisConfig;
  readonly producer: BlockProducer | undefined;
  close(): Promise<void>;
}

// EIP-7825 caps a transaction's gas at 2^24 under Osaka.
const MAX_TX_GAS = 2n ** 24n;

function readGenesis(path: string): { genesis: GenesisConfig; digest: string } {
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (cause) {
    throw new NodeError(
      "GENESIS_INVALID",
      `cannot read the genesis file ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (cause) {
    throw new NodeError(
      "GENESIS_INVALID",
      `the genesis file ${path} is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  return { genesis: parseGenesis(json), digest: Chain.digestGenesis(content) };
}

/** The composition root: opens the store, the chain, the pool and the RPC server, and starts sealing. */
export async function createLedgerNode(options: LedgerNodeOptions): Promise<LedgerNode> {
  const log = options.logger ?? createLogger();
  const { genesis, digest } = readGenesis(options.genesisPath);
  const common = createChainCommon(genesis.chainId);
  const txCommon = createTxDecodingCommon(genesis.chainId);
  const db = openNodeDatabase(options.dataDir);
  const trieDb = new BufferedTrieDb(db.trie);
  let chain: Chain;
  try {
    chain = await Chain.open(common, db, trieDb, genesis, digest);
  } catch (err) {
    await db.close();
    throw err;
  }
  log.info(
    { head: Number(chain.head.block.header.number), chainId: Number(genesis.chainId), crypto: cryptoBackend },
    "chain opened",
  );

  let headState: { block: StoredBlock; state: MerkleStateManager } | undefined;
  const pool = new TxPool(async (sender) => {
    const head = chain.head;
    if (headState?.block !== head) headState = { block: head, state: chain.stateAt(head) };
    const account = await headState.state.getAccount(new Address(hexToBytes(sender as `0x${string}`)));
    return { nonce: account?.nonce ?? 0n, balance: account?.balance ?? 0n };
  }, options.txpool);
  const filters = new FilterManager(chain);
  const limits = {
    maxTxBytes: options.maxTxBytes ?? 128 * 1024,
    maxGas: genesis.gasLimit < MAX_TX_GAS ? genesis.gasLimit : MAX_TX_GAS,
    minGasPrice: 0n,
  };
  // Transaction checks started for a whole JSON-RPC batch, by raw hex, while its calls run in order.
  const prechecks = new Map<string, Promise<CheckedTx>>();
  const checker = new TxChecker(txCommon, limits, log.child({ mod: "txcheck" }));
  let producer: BlockProducer | undefined;
  const ctx: RpcContext = {
    chain,
    pool,
    filters,
    clientVersion: `Civitas/v${NODE_VERSION}/${process.platform}-${process.arch}/node${process.versions.node}`,
    prepareBatch(requests) {
      const started: string[] = [];
      for (const request of requests) {
        const { method, params } = (request ?? {}) as { method?: unknown; params?: unknown };
        const hex = Array.isArray(params) ? params[0] : undefined;
        if (
          method !== "eth_sendRawTransaction" ||
          typeof hex !== "string" ||
          !/^0x([0-9a-fA-F]{2})+$/.test(hex)
        )
          continue;
        if (prechecks.has(hex.toLowerCase())) continue;
        const check = checker.check(new Uint8Array(Buffer.from(hex.slice(2), "hex")));
        check.catch(() => undefined); // reported when the call itself runs
        prechecks.set(hex.toLowerCase(), check);
        started.push(hex.toLowerCase());
      }
      return () => {
        for (const key of started) prechecks.delete(key);
      };
    },
    async submitRawTransaction(raw) {
      const key = `0x${Buffer.from(raw).toString("hex")}`;
      const entry = await pool.add(await (prechecks.get(key) ?? checker.check(raw)));
      filters.onPendingTransaction(entry.hash);
      producer?.notifyTransaction();
      return entry.hash;
    },
  };
  const rpcLimits = { ...DEFAULT_RPC_LIMITS, ...options.rpc.limits };
  let rpc: RpcServer;
  try {
    rpc = await startRpcServer(
      createDispatcher(ctx, rpcLimits, log.child({ mod: "rpc" })),
      { ...options.rpc, limits: rpcLimits },
      log.child({ mod: "rpc" }),
    );
  } catch (cause) {
    filters.close();
    await checker.close();
    await chain.close();
    const code = (cause as NodeJS.ErrnoException).code;
    throw new NodeError(
      code === "EADDRINUSE" ? "RPC_PORT_BUSY" : "DATADIR_UNUSABLE",
      code === "EADDRINUSE"
        ? `RPC port ${options.rpc.port} on ${options.rpc.host} is already in use; stop the other process or choose another port`
        : `cannot start the RPC server: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (options.validatorKey) {
    producer = new BlockProducer(
      chain,
      pool,
      options.validatorKey,
      genesis.qbft,
      log.child({ mod: "producer" }),
    );
    producer.start();
  }
  log.info({ rpc: rpc.url }, "JSON-RPC listening");
  return {
    chain,
    pool,
    rpc,
    genesis,
    producer,
    async close() {
      await producer?.close();
      await rpc.close();
      await checker.close();
      filters.close();
      await chain.close();
      log.info("node stopped");
    },
  };
}
