import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseScaleArgs } from "../registry/options.ts";
import { formatScaleReport } from "../registry/report.ts";
import { runRegistryScale, type ScaleReport } from "../registry/scale.ts";

// The benchmark's core end to end at a tiny scale: a network made by `civitas init`, 100 then
// 300 members registered in batches of 40, a small transfer workload at each size.
const options = parseScaleArgs([
  "--members",
  "300",
  "--compare",
  "100",
  "--batch",
  "40",
  "--senders",
  "20",
  "--transfers",
  "100",
  "--seed",
  "registry-scale-test",
]);
const lines: string[] = [];
let report: ScaleReport;
let scratch: string;
let previousTmp: string | undefined;

before(async () => {
  // The network's temporary directory goes here, so that the test can see it removed.
  scratch = mkdtempSync(join(tmpdir(), "registry-scale-test-"));
  previousTmp = process.env["TMPDIR"];
  process.env["TMPDIR"] = scratch;
  try {
    report = await runRegistryScale(options, { say: (line) => lines.push(line), progressMs: 1000 });
  } finally {
    if (previousTmp === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = previousTmp;
  }
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("every member is registered, as the registry counts them on chain at each size", () => {
  assert.equal(report.registration.members, 300);
  // 100 in batches of 40, then 200 in batches of 40.
  assert.equal(report.registration.transactions, 3 + 5);
  assert.deepEqual(
    report.phases.map((p) => p.onChainMembers),
    [100, 300],
  );
  const gasPerMember = Number(report.registration.gasUsed) / report.registration.members;
  assert.ok(gasPerMember > 100_000 && gasPerMember < 1_000_000, `gas per member ${gasPerMember}`);
  assert.ok(report.gas.perMember > 100_000, `estimated gas per member ${report.gas.perMember}`);
});

test("members send the workload at both sizes and every transfer is included", () => {
  for (const phase of report.phases) {
    const { workload } = phase;
    assert.equal(workload.load.refused, 0, workload.load.refusalReasons.join("; "));
    assert.equal(workload.load.included, 100, phase.label);
    assert.ok(workload.txPerSecond > 0, `${phase.label}: ${workload.txPerSecond} tx/s`);
    assert.ok(phase.diskBytes > 0 && phase.rssBytes > 0, phase.label);
  }
  assert.ok(report.throughputRatio > 0);
});

test("the permission figures come from the node's counters", () => {
  for (const phase of report.phases) {
    const { permissions, missProbe, hitProbe } = phase.workload;
    // Every transfer is checked when it arrives; each sender's first one calls the registry.
    assert.ok(permissions.permissionChecks >= 100, `${phase.label}: ${permissions.permissionChecks} checks`);
    assert.ok(permissions.permissionLookups >= 20, `${phase.label}: registry lookups`);
    assert.ok(phase.workload.meanCheckSeconds > 0 && Number.isFinite(phase.workload.meanCheckSeconds));
    // The miss probe's senders are all new; the hit probe's are all cached.
    assert.ok(missProbe.permissionLookups > 0, phase.label);
    assert.ok(hitProbe.permissionChecks >= 20, phase.label);
    assert.ok(hitProbe.permissionLookups < hitProbe.permissionChecks / 2, phase.label);
    assert.ok(phase.workload.missSeconds > phase.workload.hitSeconds, phase.label);
  }
});

test("the report prints both sizes and the ratio, and the network is removed", () => {
  const text = formatScaleReport(report);
  assert.match(text, /at 100 members/);
  assert.match(text, /at 300 members/);
  assert.match(text, /throughput at 300 \/ at 100 members: \d+%/);
  assert.match(text, /synthetic/);
  assert.equal(report.dir, undefined);
  assert.deepEqual(readdirSync(scratch), []);
  assert.ok(lines.some((line) => line.includes("the registry counts 300 members")));
});
