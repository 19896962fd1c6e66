// Runs the node processes of a `civitas up` network: starts them, waits for the chain, reports a
// node that dies, and stops them all once on Ctrl-C (SIGTERM, a grace period, then SIGKILL).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type NetworkManifest, nodeDir } from "../network/manifest.ts";
import { type NodeProcess, startNodeProcess, stopNodeProcesses, tailOf } from "../network/nodeProcesses.ts";

const POLL_MS = 500;
/** How long a node has to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 30_000;

/** The node processes of a network and the one stop request they all share. */
export interface Supervisor {
  readonly procs: readonly NodeProcess[];
  /** Resolves with the reason once a stop is requested (a signal, or every node gone). */
  readonly stopRequested: Promise<string>;
  readonly stopping: boolean;
  /** The nodes still running. */
  alive(): NodeProcess[];
  /** Stops every node; returns the names of those that had to be killed. */
  stop(): Promise<string[]>;
}

/** The end of a node's log, indented, for an error message. */
export function logTail(p: NodeProcess, lines = 12): string {
  return tailOf(p.logPath, lines)
    .split("\n")
    .map((l) => `  | ${l}`)
    .join("\n");
}

/**
 * Starts one `civitas node` process per node of `manifest` (logs in nodes/<name>/node.log) and
 * takes over SIGINT and SIGTERM: either requests the stop.
 */
export function superviseNodes(dir: string, manifest: NetworkManifest, logLevel: string): Supervisor {
  const procs: NodeProcess[] = [];
  let stopping = false;
  let request: (reason: string) => void = () => {};
  const stopRequested = new Promise<string>((done) => {
    request = done;
  });
  const onStop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    request(reason);
  };
  const onSignal = (signal: NodeJS.Signals) => onStop(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  for (const node of manifest.nodes) {
    const home = nodeDir(dir, node.name);
    mkdirSync(home, { recursive: true });
    const p = startNodeProcess(node, join(dir, node.config), join(home, "node.log"), logLevel);
    procs.push(p);
    p.exited.then(() => {
      if (stopping) return;
      const how = p.exit?.signal ? `signal ${p.exit.signal}` : `exit code ${p.exit?.code}`;
      console.error(
        `\n${p.node.name} stopped unexpectedly (${how}); the end of ${p.logPath}:\n${logTail(p)}`,
      );
      if (procs.every((q) => q.exit !== undefined)) onStop("every node stopped");
    });
  }
  return {
    procs,
    stopRequested,
    get stopping() {
      return stopping;
    },
    alive: () => procs.filter((p) => p.exit === undefined),
    async stop() {
      onStop("stop");
      const killed = await stopNodeProcesses(procs, STOP_GRACE_MS);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      return killed;
    },
  };
}

async function rpc(url: string, method: string): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
    signal: AbortSignal.timeout(2000),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

/** A node's head height, if it answers JSON-RPC as a node of chain `chainId`. */
export async function headOf(url: string, chainId: number): Promise<number | undefined> {
  try {
    if (Number(await rpc(url, "eth_chainId")) !== chainId) return undefined;
    return Number(await rpc(url, "eth_blockNumber"));
  } catch {
    return undefined;
  }
}

/**
 * Waits until every running node answers JSON-RPC and is at a height above `after` (undefined:
 * above the highest height they answer with first), printing each new phase. Resolves with the
 * nodes' heights, or undefined on a stop request; throws on timeout naming the nodes that lag.
 */
export async function waitForChain(
  sup: Supervisor,
  chainId: number,
  after: number | undefined,
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<Map<string, number> | undefined> {
  const heights = new Map<string, number | undefined>();
  const deadline = Date.now() + timeoutMs;
  let target = after;
  let phase = "";
  const say = (line: string) => {
    if (line !== phase) progress(line);
    phase = line;
  };
  while (!sup.stopping && Date.now() < deadline) {
    const live = sup.alive();
    await Promise.all(live.map(async (p) => heights.set(p.node.name, await headOf(p.node.rpcUrl, chainId))));
    const answering = live.filter((p) => heights.get(p.node.name) !== undefined);
    if (answering.length < live.length || live.length === 0) {
      say(`waiting for JSON-RPC (${answering.length}/${live.length} nodes answer)…`);
    } else {
      target ??= Math.max(...answering.map((p) => heights.get(p.node.name)!));
      const past = live.filter((p) => heights.get(p.node.name)! > target!);
      say(`waiting for block ${target + 1} (${past.length}/${live.length} nodes there)…`);
      if (past.length === live.length)
        return new Map(live.map((p) => [p.node.name, heights.get(p.node.name)!] as const));
    }
    await Promise.race([new Promise((done) => setTimeout(done, POLL_MS)), sup.stopRequested]);
  }
  if (sup.stopping) return undefined;
  const lagging = sup
    .alive()
    .filter((p) => heights.get(p.node.name) === undefined || heights.get(p.node.name)! <= (target ?? -1));
  throw new Error(
    `the network did not start within ${Math.round(timeoutMs / 1000)} s: ${lagging.map((p) => p.node.name).join(", ") || "no node is running"} ${target === undefined ? "not answering JSON-RPC" : `not past block ${target}`}\n` +
      lagging.map((p) => `the end of ${p.logPath}:\n${logTail(p, 8)}`).join("\n"),
  );
}
