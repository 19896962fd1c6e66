import assert from "node:assert/strict";
import { test } from "node:test";
import type { LoadResult } from "../loadDriver.ts";
import { civitasToAnvil, formatTable, type ResultRow } from "../report.ts";

function result(txPerSecond: number): LoadResult {
  return {
    sent: 100,
    included: 100,
    blocks: 2,
    txPerSecond,
    p50Ms: 800,
    p99Ms: 1200,
    maxBlockTxs: 60,
    includedWhileSending: 100,
    txPerSecondWhileSending: 100,
    refused: 0,
    refusalReasons: [],
    sendSeconds: 1,
  };
}

const rows: ResultRow[] = [
  { scenario: "transfers", target: "civitas", result: result(750) },
  { scenario: "transfers", target: "anvil", result: result(3000) },
  { scenario: "calls", target: "civitas", result: result(400) },
];

const cpu = (processMicrosPerTx: number, mainMicrosPerTx: number) => ({
  processSeconds: processMicrosPerTx / 1e4,
  mainSeconds: mainMicrosPerTx / 1e4,
  processMicrosPerTx,
  mainMicrosPerTx,
});

test("the ratio is civitas over anvil, only when both ran the scenario", () => {
  assert.equal(civitasToAnvil(rows, "transfers"), 0.25);
  assert.equal(civitasToAnvil(rows, "calls"), undefined);
});

test("the table has a header, a rule and one row per run with its figures", () => {
  const lines = formatTable(rows).split("\n");
  assert.equal(lines.length, 2 + rows.length);
  assert.match(lines[0]!, /scenario\s+target\s+txs.*tx\/s\s+p50 ms\s+p99 ms\s+civitas\/anvil/);
  assert.match(lines[2]!, /^transfers\s+civitas\s+100\s+100\s+2\s+60\s+750\s+800\s+1200\s+0\.25$/);
  assert.match(lines[3]!, /^transfers\s+anvil\s+.*3000\s+800\s+1200$/);
});

test("CPU per transaction is shown where it was measured; anvil's main thread is left out", () => {
  const measured: ResultRow[] = [
    { scenario: "calls", target: "civitas", result: result(400), cpu: cpu(1510, 1040) },
    { scenario: "calls", target: "anvil", result: result(2000), cpu: cpu(300, 20) },
  ];
  const lines = formatTable(measured).split("\n");
  assert.match(lines[0]!, /civitas\/anvil\s+cpu µs\/tx\s+main µs\/tx$/);
  assert.match(lines[2]!, /\s0\.20\s+1510\s+1040$/);
  assert.match(lines[3]!, /\s2000\s+800\s+1200\s+300$/);
});
