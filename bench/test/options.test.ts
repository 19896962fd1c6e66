import assert from "node:assert/strict";
import { test } from "node:test";
import { BenchUsageError, parseBenchArgs } from "../options.ts";

test("defaults: both scenarios on both targets, 100k accounts", () => {
  const o = parseBenchArgs([]);
  assert.deepEqual(o.scenarios, ["transfers", "calls"]);
  assert.deepEqual(o.targets, ["civitas", "anvil"]);
  assert.equal(o.accounts, 100_000);
  assert.equal(o.rate, 0);
  assert.equal(o.profileDir, undefined);
  assert.equal(o.spread, false);
});

test("--spread sends to every validator, so it needs several", () => {
  assert.equal(parseBenchArgs(["--validators", "4", "--spread"]).spread, true);
  assert.throws(
    () => parseBenchArgs(["--spread"]),
    (e: unknown) => e instanceof BenchUsageError && /--spread .*--validators 2 or more/.test(e.message),
  );
});

test("--quick shrinks the run unless sizes are given explicitly", () => {
  const quick = parseBenchArgs(["--quick"]);
  assert.equal(quick.accounts, 2000);
  assert.equal(quick.tx, 2000);
  assert.equal(parseBenchArgs(["--quick", "--tx", "500"]).tx, 500);
});

test("scenario, target and numbers are parsed", () => {
  const o = parseBenchArgs(["--scenario", "calls", "--target", "anvil", "--tx", "10", "--rate", "1500"]);
  assert.deepEqual(o.scenarios, ["calls"]);
  assert.deepEqual(o.targets, ["anvil"]);
  assert.equal(o.tx, 10);
  assert.equal(o.rate, 1500);
  assert.equal(o.warmup, 0);
  assert.equal(parseBenchArgs(["--warmup", "6000"]).warmup, 6000);
  assert.throws(() => parseBenchArgs(["--warmup", "1.5"]), /--warmup must be an integer ≥ 0/);
});

test("bad input is refused with a BenchUsageError naming the option", () => {
  assert.throws(
    () => parseBenchArgs(["--scenario", "swaps"]),
    (e: unknown) => e instanceof BenchUsageError && /--scenario/.test(e.message),
  );
  assert.throws(() => parseBenchArgs(["--target", "geth"]), /--target/);
  assert.throws(() => parseBenchArgs(["--tx", "0"]), /--tx/);
  assert.throws(() => parseBenchArgs(["--accounts", "1.5"]), /--accounts/);
  assert.throws(() => parseBenchArgs(["--frobnicate"]), BenchUsageError);
});
