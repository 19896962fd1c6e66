import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePort, nodeFlags, portTaken, retryOnTakenPort, startProcess } from "../targets/target.ts";

test("a target that stops before serving is reported with the last lines it wrote", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "civitas-bench-target-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, "node.log");
  const port = await freePort();
  // stdout closes first and the last words come on stderr later: the log must take both.
  const script =
    "console.log('starting'); require('node:fs').closeSync(1); setTimeout(() => { console.error('RPC port 1 on 127.0.0.1 is already in use'); process.exit(3); }, 200)";
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

test("the benchmark's ports are free and below the ephemeral range, where the OS says where it starts", async (t) => {
  let low: number;
  try {
    low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
  } catch {
    t.skip("this OS does not tell its ephemeral port range (/proc/sys/net/ipv4/ip_local_port_range)");
    return;
  }
  for (let i = 0; i < 20; i++) {
    const port = await freePort();
    assert.ok(port >= 10_000 && port < low, `port ${port} is outside 10000..${low - 1}`);
    const server = createServer();
    await new Promise<void>((done, fail) => {
      server.once("error", fail);
      server.listen(port, "127.0.0.1", () => done());
    });
    await new Promise((done) => server.close(done));
  }
});

test("a start is retried only for a port in use", () => {
  assert.ok(
    portTaken(new Error("civitas: RPC port 35047 on 127.0.0.1 is already in use; stop the other process")),
  );
  assert.ok(!portTaken(new Error("genesis file is not valid JSON")));
});

test("a start on a taken port is made again, at most three times, with other ports chosen in between", async () => {
  const taken = () => new Error("civitas: RPC port 1 on 127.0.0.1 is already in use");
  let starts = 0;
  let retries = 0;
  const ok = await retryOnTakenPort(
    async () => {
      if (++starts < 3) throw taken();
      return "serving";
    },
    () => {
      retries++;
    },
  );
  assert.deepEqual([ok, starts, retries], ["serving", 3, 2]);

  starts = 0;
  await assert.rejects(
    retryOnTakenPort(
      async () => {
        starts++;
        throw taken();
      },
      () => {},
    ),
    /already in use/,
  );
  assert.equal(starts, 3);

  starts = 0;
  await assert.rejects(
    retryOnTakenPort(
      async () => {
        starts++;
        throw new Error("genesis file is not valid JSON");
      },
      () => assert.fail("no retry for another failure"),
    ),
    /not valid JSON/,
  );
  assert.equal(starts, 1);
});
