import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

// Every directory a test makes goes under one scratch directory, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), "civitas-election-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const main = new URL("../src/main.ts", import.meta.url).pathname;
const fixture = new URL("../../voting/test/fixtures/election.json", import.meta.url).pathname;

function civitas(...args: string[]) {
  return spawnSync(process.execPath, [main, ...args], { encoding: "utf8" });
}

test("civitas election verify prints every step and a VALID verdict for the fixture", () => {
  const r = civitas("election", "verify", fixture, "--workers", "1");
  assert.equal(r.status, 0, r.stderr);
  for (let i = 1; i <= 13; i++) assert.match(r.stdout, new RegExp(`PASS\\s+V${i}\\s`));
  assert.match(r.stdout, /VERDICT: VALID/);
});

test("civitas election verify names the failing step of a tampered record and exits 1", () => {
  const record = JSON.parse(readFileSync(fixture, "utf8"));
  record.tally.results[0][0] += 1;
  const path = join(mkdtempSync(join(scratch, "r-")), "record.json");
  writeFileSync(path, JSON.stringify(record));
  const r = civitas("election", "verify", path);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /FAIL\s+V12/);
  assert.match(r.stdout, /VOTING_TALLY_MISMATCH/);
  assert.match(r.stdout, /VERDICT: INVALID — first failure at V12/);
});

test("civitas election rejects a missing record path with usage", () => {
  const r = civitas("election", "verify");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /expected 'verify RECORD'/);
});

test("civitas election verify reads a streamed record; progress goes to stderr only with --progress", async () => {
  const { writeStreamedRecord } = await import("@civitas/voting");
  const dir = mkdtempSync(join(scratch, "r-"));
  await writeStreamedRecord(JSON.parse(readFileSync(fixture, "utf8")), dir);
  const quiet = civitas("election", "verify", dir, "--workers", "1");
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.match(quiet.stdout, /PASS\s+V6\s.*\(8 checked\)/);
  assert.match(quiet.stdout, /VERDICT: VALID/);
  assert.equal(quiet.stderr, "", "no progress when stderr is not a terminal");
  const r = civitas("election", "verify", join(dir, "record.json"), "--json", "--progress", "--workers", "2");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).verdict, "valid", "the JSON report is not mixed with progress");
  assert.match(r.stderr, /checking ballots: 8 \/ 8 \(\d+\/s, 0m 00s left\)/);
});
