import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { finished } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { freePortRanges } from "../../packages/cli/test/cluster/support/cluster.ts";
import { RpcClient } from "../rpcClient.ts";

/** A chain under test, running as its own process. */
export interface RunningTarget {
  readonly name: "civitas" | "anvil";
  readonly url: string;
  /** Every node's JSON-RPC endpoint, `url` first (a network's nodes; one for a single node). */
  readonly urls?: readonly string[];
  /** Its processes (a network's nodes, in order): for the log and CPU accounting. */
  readonly pids: readonly number[];
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and removes its files. */
  stop(): Promise<void>;
}

/**
 * Node.js flags for the nodes under test: `--cpu-prof` into `profileDir` when given, then those in
 * CIVITAS_BENCH_NODE_FLAGS (space-separated, e.g. "--trace-gc", which NODE_OPTIONS refuses).
 */
export function nodeFlags(profileDir: string | undefined): string[] {
  const extra = (process.env["CIVITAS_BENCH_NODE_FLAGS"] ?? "").split(/\s+/).filter((f) => f !== "");
  return [...(profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : []), ...extra];
}

/**
 * A free TCP port on 127.0.0.1, chosen below the OS's ephemeral range (as the CLI's cluster tests
 * choose theirs): a port in that range, free when probed, can become the source port of any
 * outgoing connection on the machine before the node binds it.
 */
export async function freePort(): Promise<number> {
  return (await freePortRanges(1, 1))[0]!;
}

/** Whether a start failed because a port was in use (each of the node's port errors says so). */
export const portTaken = (err: Error): boolean => /already in use/i.test(err.message);

/** Starts of nodes made on ports taken meanwhile, before the error is the caller's. */
const START_ATTEMPTS = 3;

/**
 * Runs `start`, and again (up to START_ATTEMPTS in all) when it failed on a port in use: the ports
 * were free when chosen, but another process can take one before a node binds it. `beforeRetry`
 * is given that error, to choose other ports. Any other failure is thrown at once.
 */
export async function retryOnTakenPort<T>(
  start: () => Promise<T>,
  beforeRetry: (err: Error) => void | Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt === START_ATTEMPTS || !portTaken(err as Error)) throw err;
      await beforeRetry(err as Error);
    }
  }
}

/** Starts a process with its output in `logPath` and waits until `url` answers eth_chainId. */
export async function startProcess(
  command: string,
  args: readonly string[],
  url: string,
  logPath: string,
  readyTimeoutMs: number,
): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const log = createWriteStream(logPath, { flags: "a" });
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  // Two pipes feed one file: neither may end it, or the other's last chunk is written after the
  // end. The file is ended once the process has exited and both pipes have closed ("close").
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once("close", (code, signal) => {
      exited = `exited with ${code ?? signal}`;
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (exited === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exit;
      clearTimeout(timer);
    }
    log.end();
    await finished(log).catch(() => undefined);
  };
  const client = new RpcClient(url, 1);
  const deadline = Date.now() + readyTimeoutMs;
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`${command} ${exited} before serving; see ${logPath}`);
      try {
        await client.call("eth_chainId");
        return { child, stop };
      } catch {
        if (Date.now() > deadline)
          throw new Error(`${url} did not answer within ${readyTimeoutMs} ms; see ${logPath}`);
        await sleep(200);
      }
    }
  } catch (err) {
    await stop();
    if (exited === undefined) throw err;
    // The process said why it stopped: its last lines go into the error.
    const tail = readFileSync(logPath, "utf8").trimEnd().split("\n").slice(-3).join("\n");
    throw new Error(`${(err as Error).message}; its last lines:\n${tail}`);
  } finally {
    client.close();
  }
}
