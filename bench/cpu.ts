import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// CPU time a target spent over a scenario, read from Linux's /proc: its processes and their
// descendants in all (every thread: workers, the database's writer, the garbage collector's
// helpers; anvil's npm package is a Node.js launcher whose child does the work) and their main
// threads alone. Throughput moves with whatever else the machine runs; CPU seconds per
// transaction moves much less, so an A/B comparison of two versions reads better in it.

/** CPU seconds used so far by a set of processes. */
export interface CpuSample {
  /** Every thread of the processes. */
  readonly process: number;
  /** Their main threads only (a Node.js process's JavaScript runs there). */
  readonly main: number;
}

/** CPU time over an interval, per transaction. */
export interface CpuUse {
  readonly processSeconds: number;
  readonly mainSeconds: number;
  /** Microseconds per included transaction. */
  readonly processMicrosPerTx: number;
  readonly mainMicrosPerTx: number;
}

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux unless it says otherwise). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * The fields of a /proc `stat` line after the command name (field 3 onwards, so field N is at
 * index N - 3); the name is in parentheses and may itself hold spaces or parentheses.
 */
function fieldsOfStat(stat: string): string[] {
  const close = stat.lastIndexOf(")");
  if (close < 0) throw new Error("not a /proc stat line");
  return stat.slice(close + 2).split(" ");
}

/** User plus system clock ticks from a /proc `stat` line: fields 14 and 15. */
export function ticksOfStat(stat: string): number {
  const fields = fieldsOfStat(stat);
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) throw new Error("not a /proc stat line");
  return user + system;
}

/** The parent process id from a /proc `stat` line (field 4). */
export function parentOfStat(stat: string): number {
  const parent = Number(fieldsOfStat(stat)[1]);
  if (!Number.isInteger(parent)) throw new Error("not a /proc stat line");
  return parent;
}

/** `pids` and every process descended from them, from the parent ids of /proc's processes. */
export function withDescendants(pids: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let parent: number;
    try {
      parent = parentOfStat(readFileSync(`/proc/${entry}/stat`, "utf8"));
    } catch {
      continue; // gone meanwhile
    }
    const list = children.get(parent);
    if (list) list.push(Number(entry));
    else children.set(parent, [Number(entry)]);
  }
  const out = new Set<number>();
  const todo = [...pids];
  for (let pid = todo.pop(); pid !== undefined; pid = todo.pop()) {
    if (out.has(pid)) continue;
    out.add(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return [...out];
}

/** A process's clock ticks so far: all its threads, and its main thread. Throws if it is gone. */
function ticksOf(pid: number): { all: number; main: number } {
  return {
    all: ticksOfStat(readFileSync(`/proc/${pid}/stat`, "utf8")),
    main: ticksOfStat(readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8")),
  };
}

/**
 * The CPU time so far of `pids` and their descendants, or undefined where /proc cannot tell (not
 * Linux, or one of `pids` gone).
 */
export function sampleCpu(pids: readonly number[]): CpuSample | undefined {
  if (process.platform !== "linux" || pids.length === 0) return undefined;
  let all = 0;
  let main = 0;
  for (const pid of withDescendants(pids)) {
    let ticks: { all: number; main: number };
    try {
      ticks = ticksOf(pid);
    } catch {
      if (pids.includes(pid)) return undefined;
      continue; // a descendant that exited since the listing
    }
    all += ticks.all;
    main += ticks.main;
  }
  const hz = clockTicks();
  return { process: all / hz, main: main / hz };
}

/** CPU use between two samples, per transaction (undefined if either sample is missing or no transaction counted). */
export function cpuUse(
  before: CpuSample | undefined,
  after: CpuSample | undefined,
  txs: number,
): CpuUse | undefined {
  if (before === undefined || after === undefined || txs <= 0) return undefined;
  const processSeconds = after.process - before.process;
  const mainSeconds = after.main - before.main;
  return {
    processSeconds,
    mainSeconds,
    processMicrosPerTx: (processSeconds * 1e6) / txs,
    mainMicrosPerTx: (mainSeconds * 1e6) / txs,
  };
}
