import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";

const main = join(import.meta.dirname, "..", "src", "main.ts");

function civitas(...args: string[]) {
  return spawnSync(process.execPath, [main, ...args], { encoding: "utf8" });
}

describe("civitas command dispatch", () => {
  it("lists its commands on help", () => {
    const run = civitas("help");
    assert.equal(run.status, 0);
    for (const name of ["dev", "ca", "cert", "crl", "election"])
      assert.match(run.stdout, new RegExp(`\\b${name}\\b`));
  });

  it("refuses an unknown command with usage, exit 2", () => {
    const run = civitas("frobnicate");
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown command 'frobnicate'/);
  });

  it("turns an unknown option into a one-line usage error, not a stack trace", () => {
    const run = civitas("dev", "--bogus");
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim().split("\n").length, 1);
    assert.match(run.stderr, /^civitas: Unknown option '--bogus'; see `civitas dev --help`/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});
