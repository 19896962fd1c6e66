// Runs the nodes of a local network as child processes (`civitas node --config …`), each logging
// to its own file, and stops them cleanly.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { NetworkNode } from "./manifest.ts";

const MAIN = join(import.meta.dirname, "..", "main.ts");

/** A node's child process and where it logs. */
export interface NodeProcess {
  readonly node: NetworkNode;
  readonly logPath: string;
  readonly child: ChildProcess;
  /** Set once the process has exited. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  readonly exited: Promise<void>;
}

/**
 * Starts `civitas node --config <config>` with this process's Node and CLI entry file (no global
 * install needed), stdout and stderr appended to `logPath`. The child runs in its own process
 * group, so a Ctrl-C at the terminal reaches only the supervisor, which then stops every node
 * once; the IPC channel lets a node notice when its supervisor is gone and stop too.
 */
export function startNodeProcess(
  node: NetworkNode,
  configPath: string,
  logPath: string,
  logLevel: string,
): NodeProcess {
  const log = openSync(logPath, "a", 0o644);
  writeSync(log, `\n--- civitas net up: starting ${node.name} at ${new Date().toISOString()} ---\n`);
  const child = spawn(process.execPath, [MAIN, "node", "--config", configPath, "--log-level", logLevel], {
    stdio: ["ignore", log, log, "ipc"],
    detached: true,
  });
  closeSync(log);
  const proc: NodeProcess = {
    node,
    logPath,
    child,
    exited: new Promise<void>((done) => {
      child.once("exit", (code, signal) => {
        proc.exit = { code, signal };
        done();
      });
      child.once("error", (err) => {
        proc.exit = { code: null, signal: null };
        writeLog(logPath, `cannot start ${node.name}: ${err.message}\n`);
        done();
      });
    }),
  };
  return proc;
}

function writeLog(path: string, text: string): void {
  const fd = openSync(path, "a");
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** The last `lines` lines of a log file (reads at most its last 16 KiB). */
export function tailOf(path: string, lines: number): string {
  let fd: number | undefined;
  try {
    const size = statSync(path).size;
    const length = Math.min(size, 16 * 1024);
    const buffer = Buffer.alloc(length);
    fd = openSync(path, "r");
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString("utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch (err) {
    return `(cannot read ${path}: ${(err as Error).message})`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Stops every running node: SIGTERM, then SIGKILL for any still running after `graceMs`.
 * Returns the names of the nodes that had to be killed.
 */
export async function stopNodeProcesses(procs: readonly NodeProcess[], graceMs: number): Promise<string[]> {
  const running = procs.filter((p) => p.exit === undefined);
  for (const p of running) p.child.kill("SIGTERM");
  const killed: string[] = [];
  await Promise.all(
    running.map(async (p) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((done) => {
        timer = setTimeout(() => done("late"), graceMs);
      });
      if ((await Promise.race([p.exited, late])) === "late") {
        killed.push(p.node.name);
        p.child.kill("SIGKILL");
        await p.exited;
      }
      clearTimeout(timer);
    }),
  );
  return killed;
}
