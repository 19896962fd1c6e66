import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePort, nodeFlags, startProcess } from "../targets/target.ts";

test("a target that stops before serving is reported with the last lines it wrote", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "civitas-bench-target-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, "node.log");
  const port = await freePort();
  const script =
    "console.log('starting'); console.error('RPC port 1 on 127.0.0.1 is already in use'); process.exit(3)";
  await assert.rejects(
    startProcess(process.execPath, ["-e", script], `http://127.0.0.1:${port}`, log, 30_000),
    (err: Error) => {
      assert.match(err.message, /exited with 3 before serving/);
      // stdout and stderr are two pipes: their lines may come in either order.
      assert.match(err.message, /its last lines:\n(.*\n)?RPC port 1 on 127\.0\.0\.1 is already in use/);
      return true;
    },
  );
  // The log keeps everything the process wrote.
  assert.match(readFileSync(log, "utf8"), /already in use/);
});

test("the nodes' Node.js flags: a CPU profile when asked, then CIVITAS_BENCH_NODE_FLAGS", (t) => {
  const saved = process.env["CIVITAS_BENCH_NODE_FLAGS"];
  t.after(() => {
    if (saved === undefined) delete process.env["CIVITAS_BENCH_NODE_FLAGS"];
    else process.env["CIVITAS_BENCH_NODE_FLAGS"] = saved;
  });
  delete process.env["CIVITAS_BENCH_NODE_FLAGS"];
  assert.deepEqual(nodeFlags(undefined), []);
  assert.deepEqual(nodeFlags("/p"), ["--cpu-prof", "--cpu-prof-dir", "/p"]);
  process.env["CIVITAS_BENCH_NODE_FLAGS"] = "  --trace-gc   --max-semi-space-size=32 ";
  assert.deepEqual(nodeFlags("/p"), [
    "--cpu-prof",
    "--cpu-prof-dir",
    "/p",
    "--trace-gc",
    "--max-semi-space-size=32",
  ]);
});
