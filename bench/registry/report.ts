import type { PhaseReport, ScaleReport } from "./scale.ts";

/** Throughput at the full size must be at least this share of throughput at the comparison size. */
export const THROUGHPUT_TARGET = 0.8;

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const mib = (bytes: number | undefined) =>
  bytes !== undefined && Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : "–";

function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
    : s >= 60
      ? `${Math.floor(s / 60)} min ${s % 60} s`
      : `${fixed(seconds, 1)} s`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(rows[0]!), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)].join("\n");
}

function phaseRows(phases: readonly PhaseReport[]): string[][] {
  const row = (name: string, value: (p: PhaseReport) => string) => [name, ...phases.map(value)];
  return [
    ["", ...phases.map((p) => p.label)],
    row("members counted on chain", (p) => int(p.onChainMembers)),
    row("state on disk (node 1 data dir)", (p) => mib(p.diskBytes)),
    row("node 1 RSS", (p) => mib(p.rssBytes)),
    row("  anonymous / file-backed (mostly the store's map)", (p) =>
      p.memory ? `${mib(p.memory.anon)} / ${mib(p.memory.file)}` : "–",
    ),
    row("  JS heap used / external", (p) => `${mib(p.heapUsedBytes)} / ${mib(p.externalBytes)}`),
    row("transfers included / sent", (p) => `${p.workload.load.included} / ${p.workload.load.sent}`),
    row("throughput, tx/s (first send → last inclusion)", (p) => fixed(p.workload.txPerSecond, 0)),
    row("throughput, tx/s (sustained, between blocks)", (p) => fixed(p.workload.load.txPerSecond, 0)),
    row(
      "inclusion latency p50 / p99, ms",
      (p) => `${int(p.workload.load.p50Ms)} / ${int(p.workload.load.p99Ms)}`,
    ),
    row("mean block import, ms", (p) => fixed(p.workload.meanImportSeconds * 1e3, 1)),
    row("permission checks (cache hits / registry lookups)", (p) => {
      const s = p.workload.permissions;
      return `${int(s.permissionChecks)} (${int(s.permissionCacheHits)} / ${int(s.permissionLookups)})`;
    }),
    row("permission check, mean µs (check s / checks)", (p) => fixed(p.workload.meanCheckSeconds * 1e6, 1)),
    row("  cache hit, µs", (p) => fixed(p.workload.hitSeconds * 1e6, 1)),
    row("  cache miss (one registry lookup), ms, alone", (p) => fixed(p.workload.missSeconds * 1e3, 2)),
    row("  cache miss, ms, under the workload", (p) => fixed(p.workload.loadedMissSeconds * 1e3, 2)),
  ];
}

/** The report as text: registration, the table of both sizes, the ratio against its target. */
export function formatScaleReport(report: ScaleReport): string {
  const { registration: reg, options } = report;
  const ratio = report.throughputRatio;
  const lines = [
    `registration: ${int(reg.members)} members in ${int(reg.transactions)} registerMembers transactions ` +
      `(${report.batchSize} per transaction, ~${int(report.gas.perMember)} gas each, ` +
      `${int(Number(reg.gasUsed) / Math.max(1, reg.members))} measured) in ${duration(reg.seconds)}: ` +
      `${fixed(reg.members / reg.seconds, 0)} members/s, ${fixed(reg.transactions / reg.seconds, 2)} tx/s`,
    `peak RSS of node 1: ${mib(report.peakRssBytes)}`,
    "",
    table(phaseRows(report.phases)),
    "",
    `throughput at ${int(options.members)} / at ${int(options.compare)} members: ${fixed(ratio * 100, 0)}% ` +
      `(target ≥ ${THROUGHPUT_TARGET * 100}%: ${ratio >= THROUGHPUT_TARGET ? "met" : "NOT met"})`,
    "certificates are synthetic: each member's certificate fingerprint is a made-up 32-byte value " +
      "(the registry stores fingerprints and does not parse certificates); the binding signatures are real.",
  ];
  if (report.resumed > 0)
    lines.push(
      `the run was stopped and resumed ${report.resumed} time(s): its registration figures sum the runs, ` +
        "each counted up to its last mined batch",
    );
  if (report.dir) lines.push(`network kept in ${report.dir}`);
  return lines.join("\n");
}
