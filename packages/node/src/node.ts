import { existsSync, readFileSync, statSync } from "node:fs";
import type { TlsIdentity, TrustStore } from "@civitas/pki";
import type { RlpItem } from "@civitas/qbft";
import { RLP } from "@ethereumjs/rlp";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import { Address, bytesToHex, hexToBytes } from "@ethereumjs/util";
import { Chain, type StateHistory } from "./chain/chain.ts";
import type { StoredBlock } from "./chain/chainStore.ts";
import type { StoredReceipt } from "./chain/receipts.ts";
import { ALREADY_IN_CHAIN, BlockPipeline } from "./consensus/blockPipeline.ts";
import { createBlockCodec, type NodeQbftBlock } from "./consensus/nodeBlock.ts";
import { QbftService, type ValidatorKey } from "./consensus/qbftService.ts";
import { ValidatorSet } from "./consensus/validatorSet.ts";
import { cryptoBackend, keccak256, signHash } from "./crypto/nativeCrypto.ts";
import { BufferedTrieDb } from "./db/bufferedTrieDb.ts";
import { openNodeDatabase } from "./db/openNodeDatabase.ts";
import { NodeError } from "./errors.ts";
import { createChainCommon } from "./genesis/createChainCommon.ts";
import { createTxDecodingCommon } from "./genesis/createTxDecodingCommon.ts";
import { type GenesisConfig, parseGenesis } from "./genesis/genesisConfig.ts";
import { createLogger, type Logger } from "./logger.ts";
import { NodeMetrics } from "./metrics/metrics.ts";
import { type MetricsServer, startMetricsServer } from "./metrics/metricsServer.ts";
import { PeerNetwork } from "./network/peerNetwork.ts";
import { Permissions } from "./permissioning/permissions.ts";
import type { RpcContext } from "./rpc/context.ts";
import { createDispatcher, DEFAULT_RPC_LIMITS, type RpcLimits } from "./rpc/dispatch.ts";
import { FilterManager } from "./rpc/filters.ts";
import { type RpcServer, startRpcServer } from "./rpc/rpcServer.ts";
import { FlatState } from "./state/flatState.ts";
import { Synchronizer } from "./sync/synchronizer.ts";
import { TxChecker } from "./txpool/txChecker.ts";
import { TxPool, type TxPoolOptions } from "./txpool/txPool.ts";
import type { CheckedTx } from "./txpool/validateTx.ts";
import { BoundedMap } from "./util/boundedMap.ts";

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
  /**
   * State kept (default 128 blocks): the state of the last N blocks, older nodes pruned, so the
   * store holds the live state rather than every version of it; "archive" keeps every block's
   * state (eth_call, eth_getBalance, eth_getProof at any block). Blocks, receipts and logs are
   * always kept whole.
   */
  readonly stateHistory?: StateHistory;
  /** Largest accepted transaction in bytes (default 128 KiB, as geth). */
  readonly maxTxBytes?: number;
  readonly logger?: Logger;
  /** A name for logs and admin_nodeInfo. */
  readonly name?: string;
  /**
   * Test-only: accept, gossip and propose transactions whatever the identity registry says (a
   * faulty node, for tests that the others refuse it). Never set on a real network.
   */
  readonly unsafeDisablePermissioning?: boolean;
}

/** A running node. */
export interface LedgerNode {
  readonly chain: Chain;
  readonly pool: TxPool;
  readonly rpc: RpcServer;
  readonly genesis: GenesisConfig;
  readonly validators: ValidatorSet;
  /** The QBFT service, when this node has a validator key. */
  readonly consensus: QbftService | undefined;
  /** The peer network, when p2p is configured. */
  readonly network: PeerNetwork | undefined;
  /** The permission check, when the genesis names an identity registry. */
  readonly permissions: Permissions | undefined;
  readonly metrics: MetricsServer | undefined;
  /**
   * Builds, seals and commits a block now, without waiting for the block timer. Only for a network
   * whose single validator is this node (a quorum of one): tests and tools that drive block by block.
   */
  produceBlock(): Promise<StoredBlock>;
  /**
   * Settles if the node cannot go on: a decided block could not be written to disk (the error
   * says why). The node takes no more blocks; stop it (its data is intact up to its head).
   */
  readonly failed: Promise<NodeError>;
  close(): Promise<void>;
}

// Round timeouts stop doubling at this many seconds unless configured otherwise.
const DEFAULT_MAX_ROUND_TIMEOUT_SECONDS = 60;

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

// Transactions gossiped to peers are gathered for this long and sent in one message.
const TX_GOSSIP_DELAY_MS = 20;
// Gossiped transaction hashes remembered, so that copies from other peers are not checked again.
const SEEN_TRANSACTIONS = 200_000;
// How often CRL files are checked for a new version.
const CRL_CHECK_MS = 10_000;
// Share of the block period a lone validator spends executing the block it builds (followers
// re-execute it, but nobody waits for them to commit); with other validators, they must
// re-execute it within the same period before committing, so the builder takes less.
const SOLO_EXECUTION_BUDGET = 0.7;
const SHARED_EXECUTION_BUDGET = 0.35;
// Least time between two progress lines of a long start-up step (the genesis, the flat index).
const PROGRESS_LOG_MS = 5_000;
// Largest BLOCKS response a peer is sent, in bytes (the transport's own bound is larger).
const MAX_BLOCKS_RESPONSE_BYTES = 8 * 1024 * 1024;

/**
 * The composition root: opens the store and the chain, the pool, the RPC server, the peer network
 * and metrics, and runs QBFT (with a validator key) and sync (with peers).
 */
export async function createLedgerNode(options: LedgerNodeOptions): Promise<LedgerNode> {
  const log = options.logger ?? createLogger();
  const { genesis, digest } = readGenesis(options.genesisPath);
  const common = createChainCommon(genesis.chainId);
  const txCommon = createTxDecodingCommon(genesis.chainId);
  const db = openNodeDatabase(options.dataDir);
  const trieDb = new BufferedTrieDb(db.trie, {
    prefixStorage: db.schema >= 2,
    flat: new FlatState(db.flat, db.meta),
  });
  let chain: Chain;
  let validators: ValidatorSet;
  try {
    chain = await Chain.open(common, db, trieDb, genesis, digest, {
      ...(options.stateHistory !== undefined ? { stateHistory: options.stateHistory } : {}),
      // A large genesis takes seconds to write: said at once, then every few seconds.
      genesisProgress: atMostEvery(PROGRESS_LOG_MS, true, (written, total) =>
        log.info(
          { accounts: written, of: total },
          "writing the genesis state (once, on an empty data directory)",
        ),
      ),
      stateRewritten: (number) =>
        log.warn(
          { number: Number(number) },
          "the head's state was not all on disk after an unclean stop: the block was executed again and its state written",
        ),
    });
    if (trieDb.flat && !trieDb.flat.usable) {
      const started = performance.now();
      log.info("building the flat state index from the head's state (once, before the node starts)");
      const entries = await chain.rebuildFlatState(
        atMostEvery(PROGRESS_LOG_MS, false, (written) =>
          log.info({ entries: written }, "building the flat state index"),
        ),
      );
      log.info({ entries, ms: Math.round(performance.now() - started) }, "flat state index built");
    }
    validators = ValidatorSet.open(
      chain.store,
      Number(chain.head.block.header.number),
      genesis.qbft.epochLength,
      genesis.validatorTransitions,
    );
  } catch (err) {
    await db.close();
    throw err;
  }
  const failed = new Promise<NodeError>((settle) =>
    chain.once("failure", (err) => {
      log.error(
        { err },
        "a decided block could not be written to disk: the node takes no more blocks; " +
          "stop it, fix the cause (disk space, permissions) and start it again (its data is intact up to its head)",
      );
      settle(err);
    }),
  );
  const pruner = chain.store.pruner;
  log.info(
    {
      head: Number(chain.head.block.header.number),
      chainId: Number(genesis.chainId),
      crypto: cryptoBackend,
      state: pruner ? `last ${pruner.history} blocks` : "archive",
    },
    "chain opened",
  );
  if (db.schema < 2 && options.stateHistory !== "archive")
    log.warn(
      "this data directory was created by an earlier version whose storage layout cannot be pruned: " +
        "it keeps every block's state; a node started on an empty data directory prunes",
    );
  // Resources to release, newest first, if start-up fails or the node stops.
  const closers: (() => Promise<void> | void)[] = [() => chain.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (err) {
        log.warn({ err }, "error while stopping");
      }
    }
    closers.length = 0;
  };

  const permissions =
    genesis.identityRegistry === undefined || options.unsafeDisablePermissioning
      ? undefined
      : new Permissions(chain, genesis.identityRegistry, log.child({ mod: "permissions" }));
  if (genesis.identityRegistry === undefined)
    log.warn("the genesis names no identity registry (config.permissioning): every account may transact");
  else if (!permissions) log.warn("permissioning is DISABLED on this node (test-only setting)");
  else log.info({ registry: genesis.identityRegistry }, "permissioning on");

  let headState: { block: StoredBlock; state: MerkleStateManager } | undefined;
  const pool = new TxPool(async (sender) => {
    const head = chain.tip;
    if (headState?.block !== head) headState = { block: head, state: chain.stateAt(head) };
    const account = await headState.state.getAccount(new Address(hexToBytes(sender as `0x${string}`)));
    return { nonce: account?.nonce ?? 0n, balance: account?.balance ?? 0n };
  }, options.txpool);
  const filters = new FilterManager(chain);
  closers.push(() => filters.close());
  const limits = {
    maxTxBytes: options.maxTxBytes ?? 128 * 1024,
    maxGas: genesis.gasLimit < MAX_TX_GAS ? genesis.gasLimit : MAX_TX_GAS,
    minGasPrice: 0n,
  };
  // Transaction checks started for a whole JSON-RPC batch, by raw hex, while its calls run in order.
  const prechecks = new Map<string, Promise<CheckedTx>>();
  const checker = new TxChecker(txCommon, limits, log.child({ mod: "txcheck" }));
  closers.push(() => checker.close());

  let network: PeerNetwork | undefined;
  let consensus: QbftService | undefined;
  let sync: Synchronizer | undefined;
  let metrics: NodeMetrics | undefined;
  const flat = trieDb.flat;
  if (flat?.usable) {
    // The index only stops following the head if a block's changes could not be followed: reads
    // stay right (they go to the trie), only slower, until a restart rebuilds it.
    const onWritten = () => {
      if (flat.usable) return;
      chain.off("block", onWritten);
      log.warn(
        "the flat state index no longer follows the head; state reads use the trie until the node is restarted, which rebuilds it",
      );
    };
    chain.on("block", onWritten);
    closers.push(() => void chain.off("block", onWritten));
  }
  if (permissions) {
    // Before anything is checked on the new tip: its registry events update the decisions, and
    // peers whose certificates were just revoked on chain are dropped.
    const onBlock = (_block: StoredBlock, receipts: readonly StoredReceipt[]) => {
      const change = permissions.onBlock(receipts);
      if (change.revokedCertificates.length > 0 && network) {
        log.info(
          { certificates: change.revokedCertificates },
          "certificates revoked on chain; re-checking peers",
        );
        network.reverifyPeers().catch((err: unknown) => log.error({ err }, "re-checking peers failed"));
      }
    };
    chain.on("tip", onBlock);
    closers.push(() => void chain.off("tip", onBlock));
  }
  // Blocks inside consensus messages and sync answers: transactions already in the pool (checked,
  // senders recovered) are taken from it, the others decoded with the shared decoding Common.
  const codec = createBlockCodec(chain.common, txCommon, (hash) => pool.get(hash)?.tx);
  const pipeline = new BlockPipeline(
    chain,
    pool,
    validators,
    {
      qbft: genesis.qbft,
      ...(permissions ? { permissions } : {}),
      executionBudget: { solo: SOLO_EXECUTION_BUDGET, shared: SHARED_EXECUTION_BUDGET },
    },
    log.child({ mod: "chain" }),
    (stored, importMs, decidedMs, servedMs) => {
      const header = stored.block.header;
      metrics?.observeBlockImport(importMs / 1000, stored.block.transactions.length);
      network?.announceHead({ height: Number(header.number), hash: stored.hash });
      log.info(
        {
          number: Number(header.number),
          txs: stored.block.transactions.length,
          gasUsed: Number(header.gasUsed),
          proposer: header.coinbase.toString(),
          ms: importMs,
          decidedMs,
          servedMs,
        },
        "block imported",
      );
    },
  );

  // Transactions to gossip, gathered briefly so that a burst goes out in few messages; each is
  // sent on with the peer it came from (undefined: from RPC), which the network does not send
  // it back to, nor to that peer's own peers.
  let gossipQueue: { raw: Uint8Array; from: string | undefined }[] = [];
  let gossipTimer: NodeJS.Timeout | undefined;
  const gossipTransaction = (raw: Uint8Array, from?: string) => {
    if (!network) return;
    gossipQueue.push({ raw, from });
    gossipTimer ??= setTimeout(() => {
      gossipTimer = undefined;
      const batch = gossipQueue;
      gossipQueue = [];
      const bySource = new Map<string | undefined, Uint8Array[]>();
      for (const { raw, from } of batch) {
        const list = bySource.get(from);
        if (list) list.push(raw);
        else bySource.set(from, [raw]);
      }
      for (const [from, raws] of bySource) network?.broadcastTransactions(raws, from);
    }, TX_GOSSIP_DELAY_MS);
  };
  closers.push(() => clearTimeout(gossipTimer));

  const seenTransactions = new RecentSet(SEEN_TRANSACTIONS);
  const acceptTransaction = async (checked: Promise<CheckedTx>, raw: Uint8Array, from?: string) => {
    const tx = await checked;
    if (permissions) {
      const refusal = await permissions.refusalOf(tx.tx, BigInt(Math.floor(Date.now() / 1000)), tx.sender);
      if (refusal) throw new NodeError("TX_NOT_PERMITTED", `transaction not permitted: ${refusal}`);
    }
    const entry = await pool.add(tx);
    filters.onPendingTransaction(entry.hash);
    consensus?.notifyTransaction();
    gossipTransaction(raw, from);
    return entry;
  };

  const validatorAddress = options.validatorKey?.address.toLowerCase();
  const ctx: RpcContext = {
    chain,
    pool,
    filters,
    validators,
    clientVersion: `Civitas/v${NODE_VERSION}/${process.platform}-${process.arch}/node${process.versions.node}`,
    consensusStatus: () => consensus?.status(),
    peers: () => network?.peers() ?? [],
    nodeInfo: () => ({
      id: network?.id,
      name: options.name ?? "civitas-node",
      listenAddress: network?.advertise,
      validatorAddress,
    }),
    syncProgress: () => sync?.progress,
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
      if (network) seenTransactions.checkAndAdd(bytesToHex(keccak256(raw)));
      const entry = await acceptTransaction(prechecks.get(key) ?? checker.check(raw), raw);
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
    await closeAll();
    const code = (cause as NodeJS.ErrnoException).code;
    throw new NodeError(
      code === "EADDRINUSE" ? "RPC_PORT_BUSY" : "DATADIR_UNUSABLE",
      code === "EADDRINUSE"
        ? `RPC port ${options.rpc.port} on ${options.rpc.host} is already in use; stop the other process or choose another port`
        : `cannot start the RPC server: ${(cause as Error).message}`,
      { cause },
    );
  }
  closers.push(() => rpc.close());

  let metricsServer: MetricsServer | undefined;
  let crlTimer: NodeJS.Timeout | undefined;
  try {
    if (options.validatorKey) {
      consensus = new QbftService({
        chain,
        codec,
        pool,
        validators,
        pipeline,
        key: options.validatorKey,
        qbft: genesis.qbft,
        maxRoundTimeoutSeconds: options.maxRoundTimeoutSeconds ?? DEFAULT_MAX_ROUND_TIMEOUT_SECONDS,
        multicast: (code, data) => network?.broadcastConsensus(code, data),
        log: log.child({ mod: "qbft" }),
        onRoundChange: (height, round) => {
          metrics?.roundChange();
          log.info({ height, round }, "round change");
        },
      });
      const service = consensus;
      closers.push(() => service.close());
    }
    if (options.p2p) {
      const p2p = options.p2p;
      network = await PeerNetwork.start({
        identity: p2p.identity,
        trust: p2p.trust,
        host: p2p.host,
        port: p2p.port,
        ...(p2p.advertise !== undefined ? { advertise: p2p.advertise } : {}),
        staticPeers: p2p.staticPeers,
        ...(p2p.maxPeers !== undefined ? { maxPeers: p2p.maxPeers } : {}),
        chainId: genesis.chainId,
        genesisHash: chain.genesis.hash,
        localStatus: () => ({ height: Number(chain.head.block.header.number), hash: chain.head.hash }),
        isValidator: (address) => validators.tally.validators.includes(address),
        ...(permissions
          ? { isRevokedOnChain: (fingerprint: string) => permissions.isCertificateRevoked(fingerprint) }
          : {}),
        logger: log.child({ mod: "p2p" }),
        handlers: {
          consensus: (code, data, from) => {
            if (!consensus) return;
            consensus.handleMessage(code, data).then(
              (outcome) => {
                if (outcome.status === "accepted" || outcome.status === "buffered")
                  network?.broadcastConsensus(code, data, from.id);
                else if (outcome.status === "rejected" && outcome.reason.includes(ALREADY_IN_CHAIN))
                  log.debug({ peer: from.name, reason: outcome.reason }, "stale consensus message");
                else if (outcome.status === "rejected")
                  log.warn(
                    { peer: from.name, code: outcome.code, reason: outcome.reason },
                    "consensus message rejected",
                  );
              },
              (err: unknown) => log.error({ err }, "consensus message handling failed"),
            );
          },
          transactions: (raws, from) => {
            for (const raw of raws) {
              // Gossip brings the same transaction from several peers: check each one once.
              if (seenTransactions.checkAndAdd(bytesToHex(keccak256(raw)))) continue;
              acceptTransaction(checker.check(raw), raw, from.id).catch((err: unknown) => {
                if (err instanceof NodeError && err.code === "TX_NOT_PERMITTED")
                  log.debug({ peer: from.name, reason: err.message }, "gossiped transaction refused");
              });
            }
          },
          getBlocks: (from, count) => {
            const out: Uint8Array[] = [];
            let bytes = 0;
            for (let n = from; n < from + count; n++) {
              const stored = chain.store.getBlockByNumber(BigInt(n));
              if (!stored) break;
              const rlp = stored.block.serialize();
              if (out.length > 0 && bytes + rlp.length > MAX_BLOCKS_RESPONSE_BYTES) break;
              out.push(rlp);
              bytes += rlp.length;
            }
            return out;
          },
          peerStatus: (peer) => sync?.notifyPeerHead(peer.headHeight),
          // A validator newly connected gets this node's messages of the current height, which it
          // missed if it was not connected when they went out (a network starting).
          peerConnected: (peer, sendConsensus) => {
            if (!consensus || peer.validatorAddress === undefined) return;
            const sent = consensus.replayOwnMessages(sendConsensus);
            if (sent > 0)
              log.debug({ peer: peer.name, messages: sent }, "own consensus messages sent to a new peer");
          },
          peerGone: (peer, reason) => log.info({ peer: peer.name, reason }, "peer disconnected"),
        },
      });
      const net = network;
      closers.push(() => net.close());
      sync = new Synchronizer(
        chain,
        pipeline,
        network,
        log.child({ mod: "sync" }),
        () => {
          consensus
            ?.handleNewChainHead()
            .catch((err: unknown) => log.error({ err }, "qbft head update failed"));
        },
        (rlp) => (codec.fromRlp(RLP.decode(rlp) as RlpItem) as NodeQbftBlock).block,
      );
      const syncer = sync;
      closers.push(() => syncer.close());
      if (p2p.crlPaths && p2p.crlPaths.length > 0) {
        crlTimer = watchCrls(p2p.crlPaths, p2p.trust, net, log);
        closers.push(() => clearInterval(crlTimer));
      }
    }
    if (options.metrics) {
      const node = { consensus, network, pool, chain };
      metrics = new NodeMetrics({
        height: () => Number(node.chain.head.block.header.number),
        round: () => node.consensus?.status().round ?? 0,
        peers: () => node.network?.peers().length ?? 0,
        txpoolPending: () => node.pool.status().pending,
        txpoolQueued: () => node.pool.status().queued,
        isValidator: () => node.consensus?.status().isValidator ?? false,
        ...(permissions ? { permissions: () => permissions.stats() } : {}),
        ...(pruner ? { prunedNodes: () => pruner.deletedNodes } : {}),
        ...(flat ? { flatIndexUsable: () => flat.usable } : {}),
      });
      if (network) {
        const statsTimer = trackNetworkStats(metrics, network);
        closers.push(() => clearInterval(statsTimer));
      }
      metricsServer = await startMetricsServer(options.metrics, metrics);
      const server = metricsServer;
      closers.push(() => server.close());
    }
    await consensus?.start();
  } catch (err) {
    await closeAll();
    throw err;
  }
  log.info(
    {
      rpc: rpc.url,
      ...(network ? { p2p: network.port } : {}),
      ...(metricsServer ? { metrics: metricsServer.url } : {}),
      validator: validatorAddress ?? null,
    },
    "node started",
  );
  return {
    chain,
    pool,
    rpc,
    genesis,
    validators,
    consensus,
    network,
    permissions,
    metrics: metricsServer,
    failed,
    async produceBlock() {
      const key = options.validatorKey;
      const set = validators.tally.validators;
      if (!key || set.length !== 1 || set[0] !== validatorAddress)
        throw new NodeError("INTERNAL", "produceBlock needs a network whose only validator is this node");
      // The node's own consensus may commit a block between reading the tip and building on
      // it (its block timer runs too): then build again on the new tip.
      for (let attempt = 1; ; attempt++) {
        const head = chain.tip.block.header;
        const timestamp = Math.max(
          Number(head.timestamp) + genesis.qbft.blockPeriodSeconds,
          Math.floor(Date.now() / 1000),
        );
        const headMoved = () => chain.tip.block.header.number !== head.number;
        let block: Awaited<ReturnType<typeof pipeline.build>>;
        try {
          block = await pipeline.build(Number(head.number) + 1, 0, timestamp, set[0]!);
        } catch (err) {
          if (headMoved() && attempt < 3) continue;
          throw err;
        }
        if (!(await pipeline.commitDecided(block, [signHash(block.digest, key.privateKey)]))) {
          if (headMoved() && attempt < 3) continue;
          throw new NodeError("INTERNAL", `block ${block.height} could not be committed`);
        }
        await consensus?.handleNewChainHead();
        await chain.settled();
        return chain.head;
      }
    },
    async close() {
      await closeAll();
      log.info("node stopped");
    },
  };
}

/**
 * `report`, called at most once every `ms` (the first call too, or not before `ms` has passed
 * unless `atOnce`): progress of a long step, logged now and then rather than on every call.
 */
function atMostEvery<A extends unknown[]>(
  ms: number,
  atOnce: boolean,
  report: (...args: A) => void,
): (...args: A) => void {
  let last = atOnce ? Number.NEGATIVE_INFINITY : performance.now();
  return (...args) => {
    const now = performance.now();
    if (now - last < ms) return;
    last = now;
    report(...args);
  };
}

/** A bounded set of recent keys; the least recently seen are forgotten first. */
class RecentSet {
  readonly #keys: BoundedMap<string, true>;
  constructor(capacity: number) {
    this.#keys = new BoundedMap(capacity);
  }
  /** True if `key` was seen already; otherwise remembers it. */
  checkAndAdd(key: string): boolean {
    if (this.#keys.get(key)) return true;
    this.#keys.set(key, true);
    return false;
  }
}

/** Reloads CRL files when they change and drops peers whose certificates became revoked. */
function watchCrls(
  paths: readonly string[],
  trust: TrustStore,
  network: PeerNetwork,
  log: Logger,
): NodeJS.Timeout {
  const stamp = () => paths.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)).join();
  let last = stamp();
  const timer = setInterval(() => {
    const now = stamp();
    if (now === last) return;
    last = now;
    try {
      trust.setCrls(paths.filter((p) => existsSync(p)).map((p) => readFileSync(p, "utf8")));
    } catch (err) {
      log.error({ err }, "a CRL file could not be loaded; keeping the previous CRLs");
      return;
    }
    log.info({ files: paths.length }, "CRLs reloaded; re-checking connected peers");
    network.reverifyPeers().catch((err: unknown) => log.error({ err }, "re-checking peers failed"));
  }, CRL_CHECK_MS);
  timer.unref();
  return timer;
}

/** Mirrors the transport's counters into the metrics registry, as increments, every few seconds. */
function trackNetworkStats(metrics: NodeMetrics, network: PeerNetwork): NodeJS.Timeout {
  const seen = {
    in: new Map<string, number>(),
    out: new Map<string, number>(),
    refused: new Map<string, number>(),
  };
  const mirror = (
    now: Record<string, number>,
    last: Map<string, number>,
    bump: (k: string, n: number) => void,
  ) => {
    for (const [key, value] of Object.entries(now)) {
      const delta = value - (last.get(key) ?? 0);
      if (delta > 0) bump(key, delta);
      last.set(key, value);
    }
  };
  const timer = setInterval(() => {
    const stats = network.stats();
    mirror(stats.messagesIn, seen.in, (k, n) => metrics.messageReceived(k, n));
    mirror(stats.messagesOut, seen.out, (k, n) => metrics.messageSent(k, n));
    mirror(stats.refused, seen.refused, (k, n) => metrics.peerRefused(k, n));
  }, 2000);
  timer.unref();
  return timer;
}
