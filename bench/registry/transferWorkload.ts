// The fixed transfer workload sent by members, with the node's permission-check counters read
// around it: mean check latency, and the cost of a cache miss (one registry view on the head state).
import { performance } from "node:perf_hooks";
import type { BenchAccount } from "../accounts.ts";
import { type LoadResult, runLoad } from "../loadDriver.ts";
import type { RpcClient } from "../rpcClient.ts";
import { type NonceBook, signTransfers } from "../workload.ts";
import { type MetricsSample, metricsDelta, scrapeMetrics } from "./nodeMetrics.ts";

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
  /** Permission counters over the probe: one more transfer per sender, every sender's decision cached. */
  readonly hitProbe: MetricsSample;
  /** Mean time of one permission check over the workload, in seconds. */
  readonly meanCheckSeconds: number;
  /** Time of a check answered from the cache, in seconds (see {@link checkCosts}). */
  readonly hitSeconds: number;
  /** Time of a check that calls the registry (a cache miss), in seconds (see {@link checkCosts}). */
  readonly missSeconds: number;
  /** Mean block import time during the workload, in seconds. */
  readonly meanImportSeconds: number;
}

/**
 * The cost of a cache hit and of a registry call, from two windows whose mixes differ: the
 * workload (each sender's first check misses) and the probe (nearly all hits). Each window's check
 * time is taken as hits × hit cost + registry calls × call cost, and the two equations solved.
 * NaN when the windows cannot tell the two apart.
 */
export function checkCosts(
  workload: MetricsSample,
  probe: MetricsSample,
): { hitSeconds: number; missSeconds: number } {
  const [h1, c1, s1] = [
    workload.permissionCacheHits,
    workload.permissionRegistryCalls,
    workload.permissionCheckSeconds,
  ];
  const [h2, c2, s2] = [
    probe.permissionCacheHits,
    probe.permissionRegistryCalls,
    probe.permissionCheckSeconds,
  ];
  const det = h1 * c2 - h2 * c1;
  if (det === 0) return { hitSeconds: Number.NaN, missSeconds: Number.NaN };
  return { hitSeconds: (s1 * c2 - s2 * c1) / det, missSeconds: (h1 * s2 - h2 * s1) / det };
}

/** Sends the workload as fast as the node takes it, then the cache-hit probe, and derives the figures. */
export async function runTransferWorkload(run: WorkloadRun): Promise<WorkloadResult> {
  const plan = { chainId: run.chainId, accounts: run.senders, firstSender: 0 };
  const txs = signTransfers({ ...plan, count: run.transfers }, run.nonces);
  const probe = signTransfers({ ...plan, count: run.senders.length }, run.nonces);

  const before = await scrapeMetrics(run.metricsUrl);
  const started = performance.now();
  const load = await runLoad(run.client, txs, { ...LOAD, progress: run.progress });
  const seconds = (performance.now() - started) / 1000;
  const afterLoad = await scrapeMetrics(run.metricsUrl);
  await runLoad(run.client, probe, { ...LOAD, progress: () => {} });
  const afterProbe = await scrapeMetrics(run.metricsUrl);

  const permissions = metricsDelta(before, afterLoad);
  const hitProbe = metricsDelta(afterLoad, afterProbe);
  const { hitSeconds, missSeconds } = checkCosts(permissions, hitProbe);
  return {
    load,
    txPerSecond: load.included / seconds,
    seconds,
    permissions,
    hitProbe,
    meanCheckSeconds: permissions.permissionCheckSeconds / permissions.permissionChecks,
    hitSeconds,
    missSeconds,
    meanImportSeconds: permissions.blockImportSeconds / permissions.blocksImported,
  };
}
