import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseScaleArgs } from "../registry/options.ts";
import { formatScaleReport } from "../registry/report.ts";
import { RUN_STATE_FILE } from "../registry/runState.ts";
import { runRegistryScale, type ScaleReport } from "../registry/scale.ts";

// A kept run stopped in the middle of its second registration stage, then resumed: the figures
// of the first stage are kept, registration goes on from the registry's count, and the resumed
// run ends with every member registered once.
let dir: string;
const args = (keep: string) => [
  ..."--members 300 --compare 100 --batch 40 --inflight 1 --senders 10 --transfers 40".split(" "),
  ..."--seed registry-resume-test --keep".split(" "),
  keep,
];
let stopped: unknown;
let stateAtStop: { atCompare?: unknown; rest?: { members: number }; first?: { members: number } };
let report: ScaleReport;
const resumedLines: string[] = [];

before(async () => {
  dir = join(mkdtempSync(join(tmpdir(), "registry-resume-test-")), "run");
  const abort = new AbortController();
  // Stop once the second stage is under way (a progress line past 100 of 300 members).
  const say = (line: string) => {
    const done = /: (\d+)\/300 members/.exec(line);
    if (done && Number(done[1]) > 100) abort.abort(new Error("stopped by the test"));
  };
  try {
    await runRegistryScale(parseScaleArgs(args(dir)), { say, progressMs: 500, signal: abort.signal });
  } catch (err) {
    stopped = err;
  }
  stateAtStop = JSON.parse(readFileSync(join(dir, RUN_STATE_FILE), "utf8"));
  report = await runRegistryScale(parseScaleArgs(args(dir)), {
    say: (line) => resumedLines.push(line),
    progressMs: 500,
  });
});

after(() => {
  if (dir) rmSync(join(dir, ".."), { recursive: true, force: true });
});

test("the first run stopped in the second stage and left a record of what it had done", () => {
  assert.ok(stopped instanceof Error, "the first run was stopped");
  assert.equal(stateAtStop.first?.members, 100);
  assert.ok(stateAtStop.atCompare !== undefined, "the measurement at 100 members was recorded");
  const rest = stateAtStop.rest?.members ?? 0;
  assert.ok(rest > 0 && rest < 200, `second stage recorded ${rest} of 200`);
});

test("the resumed run keeps the first measurement and registers the rest once", () => {
  assert.equal(report.resumed, 1);
  assert.ok(resumedLines.some((l) => l.includes("taken by an earlier run")));
  assert.ok(!resumedLines.some((l) => l.includes("registering members 0 ")));
  assert.equal(report.registration.members, 300);
  assert.deepEqual(
    report.phases.map((p) => p.onChainMembers),
    [100, 300],
  );
  for (const phase of report.phases) assert.equal(phase.workload.load.included, 40, phase.label);
  assert.match(formatScaleReport(report), /resumed 1 time/);
  assert.ok(existsSync(join(dir, RUN_STATE_FILE)), "the kept run's record stays");
});

test("a kept run does not resume with other options", async () => {
  const other = parseScaleArgs([...args(dir), "--members", "400"]);
  await assert.rejects(runRegistryScale(other, { say: () => {} }), /started with --members 300/);
});
