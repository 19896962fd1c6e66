// The fixed transfer workload sent by members, with the node's permission-check counters read
// around it and around two probes: mean check latency under the workload, the cost of a cache hit,
// and the cost of a cache miss (one registry view on the head state), alone and under the workload.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchAccount } from "../accounts.ts";
import { type LoadResult, runLoad } from "../loadDriver.ts";
import type { RpcClient } from "../rpcClient.ts";
import { type NonceBook, type SignedTx, signTransaction, signTransfers, TRANSFER_GAS } from "../workload.ts";
import { type MetricsSample, metricsDelta, scrapeMetrics } from "./nodeMetrics.ts";
import { fetchReceipts } from "./registryCalls.ts";

/** How the workload is sent (as `npm run bench` sends its load). */
const LOAD = { batchSize: 100, concurrency: 4, rate: 0, idleTimeoutMs: 30_000 } as const;

/** One run of the workload. */
export interface WorkloadRun {
  readonly client: RpcClient;
  readonly metricsUrl: string;
  readonly chainId: number;
  /** Members that send; each sends `transfers / senders.length` transfers of 1 wei to the next. */
  readonly senders: readonly BenchAccount[];
  readonly transfers: number;
  /** Other members, none of them a sender yet: each sends one transfer, one at a time (the miss probe). */
  readonly probeSenders: readonly BenchAccount[];
  readonly nonces: NonceBook;
  readonly progress: (line: string) => void;
}

/** What the workload measured. */
export interface WorkloadResult {
  readonly load: LoadResult;
  /** Included transactions / seconds from the first send until the last inclusion was observed. */
  readonly txPerSecond: number;
  readonly seconds: number;
  /** Permission counters over the workload. */
  readonly permissions: MetricsSample;
  /** Over the miss probe: first-time senders, one transaction at a time. */
  readonly missProbe: MetricsSample;
  /** Over the hit probe: one more transfer per workload sender, every decision cached. */
  readonly hitProbe: MetricsSample;
  /** Mean time of one permission check over the workload, in seconds. */
  readonly meanCheckSeconds: number;
  /** Time of a check answered from the cache, in seconds (probes, see {@link checkCosts}). */
  readonly hitSeconds: number;
  /** Time of a check that calls the registry, alone (probes, see {@link checkCosts}), in seconds. */
  readonly missSeconds: number;
  /** The same during the workload, waiting included (its checks overlap), in seconds. */
  readonly loadedMissSeconds: number;
  /** Mean block import time during the workload, in seconds. */
  readonly meanImportSeconds: number;
}

/**
 * The cost of a cache hit and of a registry lookup, from two windows whose mixes differ. Each
 * window's check time is taken as hits × hit cost + registry lookups × lookup cost, and the two
 * equations solved. NaN when the windows cannot tell the two apart.
 */
export function checkCosts(a: MetricsSample, b: MetricsSample): { hitSeconds: number; missSeconds: number } {
  const [h1, c1, s1] = [a.permissionCacheHits, a.permissionLookups, a.permissionCheckSeconds];
  const [h2, c2, s2] = [b.permissionCacheHits, b.permissionLookups, b.permissionCheckSeconds];
  const det = h1 * c2 - h2 * c1;
  if (det === 0) return { hitSeconds: Number.NaN, missSeconds: Number.NaN };
  return { hitSeconds: (s1 * c2 - s2 * c1) / det, missSeconds: (h1 * s2 - h2 * s1) / det };
}

const INCLUSION_TIMEOUT_MS = 120_000;

/** Sends transactions one at a time (each check runs alone) and waits until all are mined. */
async function sendOneByOne(client: RpcClient, txs: readonly SignedTx[]): Promise<void> {
  for (const tx of txs) await client.call("eth_sendRawTransaction", [tx.raw]);
  const deadline = Date.now() + INCLUSION_TIMEOUT_MS;
  let waiting = txs.map((tx) => tx.hash);
  while (waiting.length > 0) {
    if (Date.now() > deadline)
      throw new Error(`${waiting.length} probe transactions not mined within ${INCLUSION_TIMEOUT_MS} ms`);
    await sleep(200);
    const receipts = await fetchReceipts(client, waiting);
    waiting = waiting.filter((_, i) => receipts[i] === null);
  }
}

/**
 * The miss probe (first-time senders, one at a time), then the workload as fast as the node takes
 * it, then the hit probe; the permission counters are read between them.
 */
export async function runTransferWorkload(run: WorkloadRun): Promise<WorkloadResult> {
  const plan = { chainId: run.chainId, accounts: run.senders, firstSender: 0 };
  const txs = signTransfers({ ...plan, count: run.transfers }, run.nonces);
  const hits = signTransfers({ ...plan, count: run.senders.length }, run.nonces);
  // Zero-value transfers to themselves: the probe's members hold no ether (gas is free).
  const misses = run.probeSenders.map((from) =>
    signTransaction(from, {
      chainId: run.chainId,
      nonce: run.nonces.take(from.address),
      to: from.address,
      value: 0n,
      gas: TRANSFER_GAS,
    }),
  );

  const beforeMisses = await scrapeMetrics(run.metricsUrl);
  await sendOneByOne(run.client, misses);
  const before = await scrapeMetrics(run.metricsUrl);
  const started = performance.now();
  const load = await runLoad(run.client, txs, { ...LOAD, progress: run.progress });
  const seconds = (performance.now() - started) / 1000;
  const afterLoad = await scrapeMetrics(run.metricsUrl);
  await runLoad(run.client, hits, { ...LOAD, progress: () => {} });
  const afterHits = await scrapeMetrics(run.metricsUrl);

  const missProbe = metricsDelta(beforeMisses, before);
  const permissions = metricsDelta(before, afterLoad);
  const hitProbe = metricsDelta(afterLoad, afterHits);
  const alone = checkCosts(missProbe, hitProbe);
  return {
    load,
    txPerSecond: load.included / seconds,
    seconds,
    permissions,
    missProbe,
    hitProbe,
    meanCheckSeconds: permissions.permissionCheckSeconds / permissions.permissionChecks,
    hitSeconds: alone.hitSeconds,
    missSeconds: alone.missSeconds,
    loadedMissSeconds: checkCosts(permissions, hitProbe).missSeconds,
    meanImportSeconds: permissions.blockImportSeconds / permissions.blocksImported,
  };
}
