// Reads a node's Prometheus metrics: the permission-check counters, block import times and the
// process's resident memory.

/** The figures the benchmark reads from one scrape. */
export interface MetricsSample {
  readonly permissionChecks: number;
  readonly permissionCacheHits: number;
  readonly permissionLookups: number;
  readonly permissionCheckSeconds: number;
  readonly permissionCachedDecisions: number;
  readonly blockImportSeconds: number;
  readonly blocksImported: number;
  readonly residentBytes: number;
  /** V8 heap in use, and memory held outside it (buffers), in bytes. */
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
}

/** Parses Prometheus text exposition into sample name (with its labels, as written) → value. */
export function parsePrometheusText(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    if (cut <= 0) continue;
    const value = Number(line.slice(cut + 1));
    if (!Number.isNaN(value)) out.set(line.slice(0, cut).trim(), value);
  }
  return out;
}

/** Scrapes a node's metrics endpoint; a metric the node does not export reads as NaN. */
export async function scrapeMetrics(url: string): Promise<MetricsSample> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`metrics at ${url} answered HTTP ${response.status}`);
  const samples = parsePrometheusText(await response.text());
  const read = (name: string) => samples.get(name) ?? Number.NaN;
  return {
    permissionChecks: read("civitas_permission_checks_total"),
    permissionCacheHits: read("civitas_permission_cache_hits_total"),
    permissionLookups: read("civitas_permission_registry_lookups_total"),
    permissionCheckSeconds: read("civitas_permission_check_seconds_total"),
    permissionCachedDecisions: read("civitas_permission_cached_decisions"),
    blockImportSeconds: read("civitas_block_import_seconds_sum"),
    blocksImported: read("civitas_block_import_seconds_count"),
    residentBytes: read("process_resident_memory_bytes"),
    heapUsedBytes: read("nodejs_heap_size_used_bytes"),
    externalBytes: read("nodejs_external_memory_bytes"),
  };
}

/** What happened between two scrapes (gauges: their value at the second). */
export function metricsDelta(before: MetricsSample, after: MetricsSample): MetricsSample {
  return {
    permissionChecks: after.permissionChecks - before.permissionChecks,
    permissionCacheHits: after.permissionCacheHits - before.permissionCacheHits,
    permissionLookups: after.permissionLookups - before.permissionLookups,
    permissionCheckSeconds: after.permissionCheckSeconds - before.permissionCheckSeconds,
    permissionCachedDecisions: after.permissionCachedDecisions,
    blockImportSeconds: after.blockImportSeconds - before.blockImportSeconds,
    blocksImported: after.blocksImported - before.blocksImported,
    residentBytes: after.residentBytes,
    heapUsedBytes: after.heapUsedBytes,
    externalBytes: after.externalBytes,
  };
}
