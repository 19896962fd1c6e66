import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { PermissionStats } from "../permissioning/permissions.ts";

/** Where the scrape-time gauges read their values; each is called once per scrape. */
export interface NodeMetricsSources {
  /** Height of the chain head. */
  height(): number;
  /** Current QBFT round at the height being decided (0 when not running consensus). */
  round(): number;
  /** Connected peers. */
  peers(): number;
  /** Transactions ready for the next block. */
  txpoolPending(): number;
  /** Transactions waiting for a nonce gap to close. */
  txpoolQueued(): number;
  /** Whether this node's key is in the current validator set. */
  isValidator(): boolean;
  /** Counters of the permission check, when permissioning is on. */
  permissions?(): PermissionStats;
  /** State trie nodes the pruner deleted since start, when the node prunes. */
  prunedNodes?(): number;
  /** Whether the flat state index follows the head, when the store has one. */
  flatIndexUsable?(): boolean;
}

/**
 * The node's Prometheus metrics, `civitas_*`, in a registry of its own (never the global one, so
 * several nodes can live in one process, as the tests do), plus Node's default process metrics.
 */
export class NodeMetrics {
  readonly registry: Registry;
  readonly #roundChanges: Counter;
  readonly #received: Counter<"type">;
  readonly #sent: Counter<"type">;
  readonly #refused: Counter<"reason">;
  readonly #importSeconds: Histogram;
  readonly #blockTxs: Histogram;

  constructor(sources: NodeMetricsSources) {
    const registry = new Registry();
    this.registry = registry;
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    gauge("civitas_chain_height", "Height of the chain head", () => sources.height());
    gauge("civitas_qbft_round", "Current QBFT round at the height being decided", () => sources.round());
    gauge("civitas_p2p_peers", "Connected peers", () => sources.peers());
    gauge("civitas_txpool_pending", "Transactions ready for inclusion", () => sources.txpoolPending());
    gauge("civitas_txpool_queued", "Transactions waiting for an earlier nonce", () => sources.txpoolQueued());
    gauge("civitas_qbft_is_validator", "1 if this node is in the current validator set, else 0", () =>
      sources.isValidator() ? 1 : 0,
    );
    const flatIndexUsable = sources.flatIndexUsable?.bind(sources);
    if (flatIndexUsable)
      gauge(
        "civitas_state_flat_index_usable",
        "1 if the flat state index follows the head (reads skip the trie walk), 0 until a restart rebuilds it",
        () => (flatIndexUsable() ? 1 : 0),
      );
    const prunedNodes = sources.prunedNodes?.bind(sources);
    if (prunedNodes)
      new Counter({
        name: "civitas_state_pruned_nodes_total",
        help: "State trie nodes deleted because no kept state refers to them",
        registers: [registry],
        collect() {
          this.reset();
          this.inc(prunedNodes());
        },
      });
    const permissions = sources.permissions?.bind(sources);
    if (permissions) {
      // Totals kept by the permission check itself, exposed as counters at scrape time.
      const total = (name: string, help: string, read: (s: PermissionStats) => number) =>
        new Counter({
          name,
          help,
          registers: [registry],
          collect() {
            this.reset();
            this.inc(read(permissions()));
          },
        });
      total(
        "civitas_permission_checks_total",
        "Transactions checked against the identity registry",
        (s) => s.checks,
      );
      total(
        "civitas_permission_cache_hits_total",
        "Permission checks answered from the cache",
        (s) => s.cacheHits,
      );
      total(
        "civitas_permission_registry_lookups_total",
        "Permission decisions read from the identity registry (cache misses)",
        (s) => s.registryLookups,
      );
      total(
        "civitas_permission_registry_calls_total",
        "Identity registry views run on the head state (checks of storage reads, revocations)",
        (s) => s.registryCalls,
      );
      total(
        "civitas_permission_check_seconds_total",
        "Time spent in permission checks",
        (s) => Number(s.checkNanos) / 1e9,
      );
      gauge(
        "civitas_permission_cached_decisions",
        "Permission decisions in the cache",
        () => permissions().cached,
      );
      gauge(
        "civitas_permission_reads_storage",
        "1 while permission decisions are read from the registry's storage; 0 once a read disagreed with the registry's view (every decision is then a call)",
        () => (permissions().readsStorage ? 1 : 0),
      );
    }
    this.#roundChanges = new Counter({
      name: "civitas_qbft_round_changes_total",
      help: "QBFT round changes (a round timed out or was skipped)",
      registers: [registry],
    });
    this.#received = new Counter({
      name: "civitas_p2p_messages_received_total",
      help: "Peer-to-peer messages received, by message type",
      labelNames: ["type"],
      registers: [registry],
    });
    this.#sent = new Counter({
      name: "civitas_p2p_messages_sent_total",
      help: "Peer-to-peer messages sent, by message type",
      labelNames: ["type"],
      registers: [registry],
    });
    this.#refused = new Counter({
      name: "civitas_p2p_peers_refused_total",
      help: "Peer connections refused, by reason (e.g. REVOKED, UNKNOWN_ISSUER, WRONG_CHAIN, TOO_MANY_PEERS)",
      labelNames: ["reason"],
      registers: [registry],
    });
    this.#importSeconds = new Histogram({
      name: "civitas_block_import_seconds",
      help: "Time to execute, check and commit a block",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.#blockTxs = new Histogram({
      name: "civitas_block_transactions",
      help: "Transactions per imported block",
      buckets: [0, 1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [registry],
    });
    collectDefaultMetrics({ register: registry });
  }

  /** A QBFT round change happened. */
  roundChange(): void {
    this.#roundChanges.inc();
  }

  /** A peer-to-peer message of `type` arrived. */
  messageReceived(type: string, count = 1): void {
    this.#received.inc({ type }, count);
  }

  /** A peer-to-peer message of `type` was sent. */
  messageSent(type: string, count = 1): void {
    this.#sent.inc({ type }, count);
  }

  /** A peer was refused, for `reason` (a stable code). */
  peerRefused(reason: string, count = 1): void {
    this.#refused.inc({ reason }, count);
  }

  /** A block with `txs` transactions was imported in `seconds`. */
  observeBlockImport(seconds: number, txs: number): void {
    this.#importSeconds.observe(seconds);
    this.#blockTxs.observe(txs);
  }

  /** The metrics in Prometheus text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** The content type of {@link scrape}'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
