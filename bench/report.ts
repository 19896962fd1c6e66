import type { CpuUse } from "./cpu.ts";
import type { LoadResult } from "./loadDriver.ts";
import type { Scenario, TargetName } from "./options.ts";

/** One row of the result table. */
export interface ResultRow {
  readonly scenario: Scenario;
  readonly target: TargetName;
  readonly result: LoadResult;
  /** CPU the target's processes used over the load, where the platform tells. */
  readonly cpu?: CpuUse;
}

function fixed(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "–";
}

/** Civitas tx/s as a fraction of anvil's for a scenario, when both ran. */
export function civitasToAnvil(rows: readonly ResultRow[], scenario: Scenario): number | undefined {
  const civitas = rows.find((r) => r.scenario === scenario && r.target === "civitas");
  const anvil = rows.find((r) => r.scenario === scenario && r.target === "anvil");
  if (!civitas || !anvil || !(anvil.result.txPerSecond > 0)) return undefined;
  return civitas.result.txPerSecond / anvil.result.txPerSecond;
}

/** The result table as aligned text, one row per scenario and target. */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = [
    "scenario",
    "target",
    "txs",
    "included",
    "blocks",
    "max/block",
    "tx/s",
    "p50 ms",
    "p99 ms",
    "civitas/anvil",
    "cpu µs/tx",
    "main µs/tx",
  ];
  const body = rows.map((r) => {
    const ratio = r.target === "civitas" ? civitasToAnvil(rows, r.scenario) : undefined;
    return [
      r.scenario,
      r.target,
      String(r.result.sent),
      String(r.result.included),
      String(r.result.blocks),
      String(r.result.maxBlockTxs),
      fixed(r.result.txPerSecond),
      fixed(r.result.p50Ms),
      fixed(r.result.p99Ms),
      ratio === undefined ? "" : ratio.toFixed(2),
      r.cpu ? fixed(r.cpu.processMicrosPerTx) : "",
      // anvil's work runs on its runtime's worker threads, not its main thread.
      r.cpu && r.target === "civitas" ? fixed(r.cpu.mainMicrosPerTx) : "",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
