// A `civitas up` network for end-to-end tests: the real command as a child process on ports the
// OS chose, its JSON-RPC endpoints and demo people read from what it printed and wrote, and a
// clean stop (Ctrl-C) that checks no node process is left behind.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Address, Hex } from "viem";
import type { DemoPersonEntry } from "../../src/up/demoPeople.ts";
import { freePortRanges, rpcCall } from "../cluster/support/cluster.ts";

const MAIN = join(import.meta.dirname, "..", "..", "src", "main.ts");
const ROOT = join(import.meta.dirname, "..", "..", "..", "..");
/** Generous: waits poll, so a fast machine is not slowed down. */
export const UP_WAIT_MS = 120_000;

/** A demo person of the running network: address and the file holding the account key. */
export interface UpPerson {
  readonly name: string;
  readonly address: Address;
  readonly keyFile: string;
  readonly key: Hex;
}

/** A running `civitas up`. */
export interface UpProcess {
  readonly datadir: string;
  /** Validator i's JSON-RPC endpoint, in the order printed. */
  readonly rpcUrls: readonly string[];
  readonly chainId: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  person(name: string): UpPerson;
  /** The first funded developer account (accounts.json): a registry member no demo step uses. */
  readonly developer: { readonly address: Address; readonly key: Hex };
  /** Ctrl-C; resolves once it exited, asserting exit 0, a clean stop and no node process left. */
  stop(): Promise<void>;
  /** Last resort (after a failure): SIGKILL to the node processes and to `civitas up`. */
  kill(): void;
}

/** The pids of a process's children. */
function childPids(pid: number): number[] {
  const ps = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `civitas up --datadir DIR` (with the demo, on free ports) and resolves once it printed its
 * summary ("Press Ctrl-C to stop"): the chain runs and the demo steps are done.
 */
export async function startUpProcess(datadir: string, extraArgs: readonly string[] = []): Promise<UpProcess> {
  const [rpc, p2p, metrics] = (await freePortRanges(3, 4)) as [number, number, number];
  const args = [
    "up",
    "--datadir",
    datadir,
    "--rpc-port",
    String(rpc),
    "--p2p-port",
    String(p2p),
    "--metrics-port",
    String(metrics),
    ...extraArgs,
  ];
  const child: ChildProcess = spawn(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  child.stderr?.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.once("exit", (code) => {
      exitCode = code;
      done(code);
    }),
  );
  // The node processes, remembered while they run (ps no longer finds them once orphaned).
  const nodes = new Set<number>();
  const kill = () => {
    for (const pid of [...nodes, ...childPids(child.pid!)]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
    if (exitCode === undefined) child.kill("SIGKILL");
  };

  const deadline = Date.now() + UP_WAIT_MS;
  while (!/Press Ctrl-C to stop/.test(out)) {
    for (const pid of childPids(child.pid!)) nodes.add(pid);
    if (exitCode !== undefined) assert.fail(`civitas up exited (${exitCode}) before its summary:\n${out}`);
    if (Date.now() > deadline) {
      kill();
      assert.fail(`civitas up printed no summary within ${UP_WAIT_MS / 1000} s:\n${out}`);
    }
    await sleep(200);
  }
  for (const pid of childPids(child.pid!)) nodes.add(pid);
  if (/demo step '.*' failed/.test(out)) {
    kill();
    assert.fail(`a demo step of civitas up failed:\n${out}`);
  }

  const rpcUrls = [...out.matchAll(/^ {2}validator-\d+ +(http:\/\/\S+)/gm)].map((m) => m[1]!);
  const chainId = Number(/chain id (\d+)/.exec(out)?.[1]);
  const people = JSON.parse(readFileSync(join(datadir, "demo", "people.json"), "utf8")) as DemoPersonEntry[];
  const accounts = JSON.parse(readFileSync(join(datadir, "accounts.json"), "utf8")) as {
    accounts: { address: Address; privateKey: Hex }[];
  };
  const first = accounts.accounts[0];
  if (rpcUrls.length !== 4 || !(chainId > 0) || first === undefined) {
    kill();
    assert.fail(`unexpected summary or data directory of civitas up:\n${out}`);
  }

  return {
    datadir,
    rpcUrls,
    chainId,
    output: () => out,
    developer: { address: first.address, key: first.privateKey },
    person(name) {
      const p = people.find((q) => q.name === name);
      if (p === undefined) throw new Error(`civitas up has no demo person named ${name}`);
      const keyFile = join(datadir, p.accountKey);
      return { name, address: p.address, keyFile, key: readFileSync(keyFile, "utf8").trim() as Hex };
    },
    async stop() {
      const running = childPids(child.pid!);
      for (const pid of running) nodes.add(pid);
      assert.equal(running.length, 4, `four node processes under civitas up, got ${running.join(", ")}`);
      child.kill("SIGINT");
      const code = await Promise.race([exited, sleep(UP_WAIT_MS, "timeout" as const, { ref: false })]);
      if (code === "timeout") {
        kill();
        assert.fail(`civitas up did not exit within ${UP_WAIT_MS / 1000} s of SIGINT:\n${out}`);
      }
      assert.equal(code, 0, out);
      assert.match(out, /SIGINT: stopping 4 nodes…/);
      assert.match(out, /every node stopped cleanly/);
      const orphans = [...nodes].filter(isRunning);
      assert.deepEqual(orphans, [], `node processes left running: ${orphans.join(", ")}`);
    },
    kill,
  };
}

/** Waits until the node at `url` has the receipt of `hash` (it imported the block); returns the receipt. */
export async function waitForReceipt(
  url: string,
  hash: Hex,
): Promise<{ blockNumber: bigint; blockHash: Hex; status: string }> {
  const deadline = Date.now() + UP_WAIT_MS;
  for (;;) {
    const r = (await rpcCall(url, "eth_getTransactionReceipt", [hash])) as {
      blockNumber: Hex;
      blockHash: Hex;
      status: string;
    } | null;
    if (r !== null) return { blockNumber: BigInt(r.blockNumber), blockHash: r.blockHash, status: r.status };
    if (Date.now() > deadline) assert.fail(`${url} has no receipt of ${hash} after ${UP_WAIT_MS / 1000} s`);
    await sleep(100);
  }
}

/** Waits until the node at `url` is at height `height` or above; returns its height. */
export async function waitForHeight(url: string, height: bigint): Promise<bigint> {
  const deadline = Date.now() + UP_WAIT_MS;
  for (;;) {
    const now = BigInt((await rpcCall(url, "eth_blockNumber")) as Hex);
    if (now >= height) return now;
    if (Date.now() > deadline)
      assert.fail(`${url} is at block ${now}, not ${height}, after ${UP_WAIT_MS / 1000} s`);
    await sleep(100);
  }
}
