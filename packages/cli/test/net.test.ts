import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { freePortRanges, rpcCall as rpc } from "./cluster/support/cluster.ts";

const main = join(import.meta.dirname, "..", "src", "main.ts");
const tmp = mkdtempSync(join(tmpdir(), "civitas-net-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const height = async (url: string) => Number(await rpc(url, "eth_blockNumber"));

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  ms = 120_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

interface Run {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function netUp(args: string[]): Run {
  const child = spawn(process.execPath, [main, "net", "up", ...args], {
    cwd: tmp,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, out: () => out, exited };
}

/** Waits for the endpoint table; returns each node's RPC URL and validator address from it. */
async function tableOf(run: Run): Promise<{ name: string; rpc: string; address: string }[]> {
  let exited = false;
  void run.exited.then(() => {
    exited = true;
  });
  await waitFor("the endpoint table", () => {
    if (exited) throw new Error(`civitas net up exited before the network was up:\n${run.out()}`);
    return run.out().includes("Press Ctrl-C to stop every node.") ? true : undefined;
  });
  const rows = run
    .out()
    .split("\n")
    .filter((l) => /^validator-\d+\s/.test(l))
    .map((l) => l.trim().split(/\s+/));
  return rows.map((r) => ({ name: r[0]!, rpc: r[2]!, address: r[5]! }));
}

function childPids(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function blockHash(url: string, n: number): Promise<string> {
  const block = (await rpc(url, "eth_getBlockByNumber", [`0x${n.toString(16)}`, false])) as {
    hash: string;
  } | null;
  assert.ok(block, `${url} has no block ${n}`);
  return block.hash;
}

/** Every node reports the same hash for every block up to the lowest head. */
async function assertAgree(urls: string[]): Promise<number> {
  const heads = await Promise.all(urls.map(height));
  const top = Math.min(...heads);
  for (let n = 0; n <= top; n++) {
    const hashes = await Promise.all(urls.map((u) => blockHash(u, n)));
    assert.equal(new Set(hashes).size, 1, `nodes disagree on block ${n}: ${hashes.join(", ")}`);
  }
  return top;
}

async function stop(run: Run): Promise<void> {
  const pids = childPids(run.child.pid!);
  assert.equal(pids.length, 4, `expected 4 node processes, found ${pids.join(", ")}`);
  run.child.kill("SIGINT");
  const code = await run.exited;
  assert.equal(code, 0, run.out());
  assert.match(run.out(), /every node stopped cleanly/);
  for (const pid of pids) assert.equal(isRunning(pid), false, `node process ${pid} is still running`);
}

describe("civitas net up", () => {
  it("starts 4 validators as processes that agree on the chain, stops them on Ctrl-C, and continues the chain next time", async () => {
    const [p2p, rpcBase, metrics] = await freePortRanges(3, 4);
    const args = [
      "--dir",
      "net",
      "--p2p-port",
      String(p2p),
      "--rpc-port",
      String(rpcBase),
      "--metrics-port",
      String(metrics),
      "--timeout",
      "120",
      "--log-level",
      "warn",
    ];
    const first = netUp([
      ...args,
      "--validators",
      "4",
      "--block-period",
      "1",
      "--empty-block-period",
      "1",
      "--accounts",
      "1",
    ]);
    try {
      const nodes = await tableOf(first);
      assert.deepEqual(
        nodes.map((n) => n.name),
        ["validator-1", "validator-2", "validator-3", "validator-4"],
      );
      const manifest = JSON.parse(readFileSync(join(tmp, "net", "network.json"), "utf8")) as {
        nodes: { name: string; validatorAddress: string; rpcUrl: string }[];
      };
      for (const node of nodes) {
        const entry = manifest.nodes.find((n) => n.name === node.name);
        assert.equal(node.address, entry?.validatorAddress);
        assert.equal(node.rpc, entry?.rpcUrl);
        assert.equal(await rpc(node.rpc, "eth_chainId"), "0x539");
      }
      const urls = nodes.map((n) => n.rpc);
      const start = Math.min(...(await Promise.all(urls.map(height))));
      await waitFor("the chain to advance 3 blocks on every node", async () =>
        Math.min(...(await Promise.all(urls.map(height)))) >= start + 3 ? true : undefined,
      );
      const agreed = await assertAgree(urls);
      assert.ok(agreed >= start + 3);
      const before = await blockHash(urls[0]!, agreed);
      await stop(first);
      await assert.rejects(rpc(urls[0]!, "eth_blockNumber"));

      const second = netUp(args);
      try {
        await tableOf(second);
        assert.match(second.out(), /again \(4 nodes, chain id 1337\); its chain continues/);
        await waitFor("the chain to advance past its last height", async () =>
          Math.min(...(await Promise.all(urls.map(height)))) > agreed ? true : undefined,
        );
        assert.equal(await blockHash(urls[1]!, agreed), before);
        await assertAgree(urls);
        await stop(second);
      } finally {
        second.child.kill("SIGKILL");
      }
    } finally {
      first.child.kill("SIGKILL");
    }
  });

  it("refuses bad arguments with exit 2", async () => {
    const run = netUp(["--dir", "never", "--timeout", "0"]);
    assert.equal(await run.exited, 2);
    assert.match(run.out(), /--timeout must be a whole number of seconds/);
    const unknown = spawn(process.execPath, [main, "net", "down"], { stdio: "pipe" });
    let err = "";
    unknown.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    assert.equal(await new Promise((done) => unknown.once("exit", done)), 2);
    assert.match(err, /unknown subcommand 'net down'/);
  });
});
