import { mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliError, type Command } from "../command.ts";
import { type NetworkManifest, nodeDir, readNetworkManifest } from "../network/manifest.ts";
import { type NodeProcess, startNodeProcess, stopNodeProcesses, tailOf } from "../network/nodeProcesses.ts";
import { runSubcommand } from "../subcommands.ts";
import { initNetwork, NETWORK_OPTIONS, networkPlan, printNetworkSummary } from "./init.ts";

const USAGE = `usage: civitas net up [--dir DIR] [--validators N] [--nodes M] [--timeout S] [--log-level LEVEL]
                      [civitas init options]

Starts a whole local network, one process per node. If DIR holds no network yet it is created
first, as \`civitas init --out DIR\` would (same options: --validators (default 4), --nodes,
--chain-id, --block-period, --empty-block-period, --request-timeout, --accounts, --admins,
--admin-quorum, --host, --p2p-port, --rpc-port, --metrics-port); otherwise the network in DIR is started again and its
chain continues. Each node logs to DIR/nodes/<name>/node.log. Waits until every node answers
JSON-RPC and the chain advances, then prints the endpoints. Ctrl-C stops every node cleanly.
A node that dies is reported with the end of its log; the others keep running.

  --dir DIR           network directory (default .civitas/net)
  --timeout S         how long to wait for the network to start (default 120)
  --log-level LEVEL   the nodes' log level (default info)`;

const POLL_MS = 500;

type Height = number | undefined;

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

/** The node's head height, if it answers as a node of this chain. */
async function headOf(url: string, chainId: number): Promise<Height> {
  try {
    if (Number(await rpc(url, "eth_chainId")) !== chainId) return undefined;
    return Number(await rpc(url, "eth_blockNumber"));
  } catch {
    return undefined;
  }
}

function reportExit(p: NodeProcess): void {
  const how = p.exit?.signal ? `signal ${p.exit.signal}` : `exit code ${p.exit?.code}`;
  console.error(`\n${p.node.name} stopped unexpectedly (${how}); the end of ${p.logPath}:`);
  console.error(
    tailOf(p.logPath, 15)
      .split("\n")
      .map((l) => `  | ${l}`)
      .join("\n"),
  );
}

function table(procs: readonly NodeProcess[], heights: ReadonlyMap<string, Height>): string {
  const rows = [
    ["NAME", "ROLE", "JSON-RPC", "METRICS", "HEIGHT", "VALIDATOR ADDRESS"],
    ...procs.map(({ node: n, exit }) => [
      n.name,
      exit === undefined ? n.role : `${n.role} (stopped)`,
      n.rpcUrl,
      n.metricsUrl,
      String(heights.get(n.name) ?? "-"),
      n.validatorAddress ?? "-",
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function up(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...NETWORK_OPTIONS,
      dir: { type: "string" },
      timeout: { type: "string" },
      "log-level": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const dir = resolve(values.dir ?? ".civitas/net");
  const timeoutS = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!Number.isInteger(timeoutS) || timeoutS < 1 || timeoutS > 3600)
    throw new CliError(
      `--timeout must be a whole number of seconds from 1 to 3600, got '${values.timeout}'`,
      2,
    );
  const logLevel = values["log-level"] ?? "info";
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(logLevel))
    throw new CliError(
      `--log-level must be fatal, error, warn, info, debug, trace or silent, got '${logLevel}'`,
      2,
    );
  const plan = networkPlan(values, 4);
  const shown = relative(process.cwd(), dir) || ".";

  let manifest: NetworkManifest | undefined;
  try {
    manifest = readNetworkManifest(dir);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (manifest === undefined) {
    manifest = await initNetwork(dir, plan, false);
    printNetworkSummary(dir, manifest, plan, false);
  } else {
    const validators = manifest.nodes.filter((n) => n.role === "validator").length;
    if (values.validators !== undefined && plan.validators !== validators)
      throw new CliError(
        `${shown} already holds a network of ${validators} validators; start it without --validators, or choose another --dir (or replace it: civitas init --force)`,
        2,
      );
    console.log(
      `Starting the network in ${shown} again (${manifest.nodes.length} nodes, chain id ${manifest.chainId}); its chain continues.`,
    );
    const { refreshCrls } = await import("../network/refreshCrls.ts");
    for (const ca of await refreshCrls(dir)) console.log(`  published a fresh CRL for ${join(shown, ca)}`);
  }

  const procs: NodeProcess[] = [];
  let stopping = false;
  let stopRequested: (signal: string) => void = () => {};
  const stopSignal = new Promise<string>((done) => {
    stopRequested = done;
  });
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopRequested(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  for (const node of manifest.nodes) {
    const home = nodeDir(dir, node.name);
    mkdirSync(home, { recursive: true });
    const p = startNodeProcess(node, join(dir, node.config), join(home, "node.log"), logLevel);
    procs.push(p);
    p.exited.then(() => {
      if (!stopping) reportExit(p);
      if (!stopping && procs.every((q) => q.exit !== undefined)) onSignal("every node stopped");
    });
  }
  console.log(
    `Started ${procs.length} node processes; logs in ${join(shown, "nodes", "<name>", "node.log")}`,
  );

  const chainId = manifest.chainId;
  const heights = new Map<string, Height>();
  const deadline = Date.now() + timeoutS * 1000;
  const alive = () => procs.filter((p) => p.exit === undefined);
  const poll = async () => {
    await Promise.all(
      alive().map(async (p) => heights.set(p.node.name, await headOf(p.node.rpcUrl, chainId))),
    );
  };
  const sleep = () =>
    Promise.race([new Promise<void>((done) => setTimeout(done, POLL_MS)), stopSignal.then(() => undefined)]);

  let started = false;
  let phase = "";
  const progress = (line: string) => {
    if (line === phase) return;
    phase = line;
    console.log(line);
  };
  // 1. every live node answers JSON-RPC; 2. the chain advances past the height it had then.
  let startHeight: number | undefined;
  while (!stopping && Date.now() < deadline) {
    await poll();
    const live = alive();
    const answering = live.filter((p) => heights.get(p.node.name) !== undefined);
    if (startHeight === undefined) {
      progress(`  waiting for JSON-RPC: ${answering.length}/${live.length} nodes answering`);
      if (live.length > 0 && answering.length === live.length) {
        startHeight = Math.max(...answering.map((p) => heights.get(p.node.name)!));
        progress(`  all nodes answer; waiting for the chain to advance past block ${startHeight}`);
      }
    } else {
      const behind = live.filter((p) => (heights.get(p.node.name) ?? -1) <= startHeight!);
      progress(
        `  chain advancing: ${live.length - behind.length}/${live.length} nodes past block ${startHeight}`,
      );
      if (live.length > 0 && behind.length === 0) {
        started = true;
        break;
      }
    }
    await sleep();
  }

  if (started) {
    console.log(`\nCivitas network up: ${alive().length} nodes, chain id ${chainId}\n`);
    console.log(table(procs, heights));
    console.log("\nPress Ctrl-C to stop every node.");
  } else if (!stopping) {
    const waiting = alive().filter((p) =>
      startHeight === undefined
        ? heights.get(p.node.name) === undefined
        : (heights.get(p.node.name) ?? -1) <= startHeight,
    );
    console.error(
      `\nthe network did not start within ${timeoutS} s: ${waiting.map((p) => p.node.name).join(", ") || "no node is running"} ${startHeight === undefined ? "not answering JSON-RPC" : `not past block ${startHeight}`}`,
    );
    for (const p of waiting) {
      console.error(`the end of ${p.logPath}:`);
      console.error(
        tailOf(p.logPath, 10)
          .split("\n")
          .map((l) => `  | ${l}`)
          .join("\n"),
      );
    }
    onSignal("timeout");
  }

  const reason = await stopSignal;
  const running = alive().length;
  console.log(`\n${reason}: stopping ${running} node${running === 1 ? "" : "s"}…`);
  const killed = await stopNodeProcesses(procs, 30_000);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  if (killed.length > 0) console.error(`had to kill ${killed.join(", ")} (did not stop within 30 s)`);
  else console.log("every node stopped cleanly");
  return killed.length === 0 && (reason === "SIGINT" || reason === "SIGTERM") ? 0 : 1;
}

/** `civitas net`: run a whole local network. */
export const command: Command = {
  name: "net",
  summary: "start a whole local network, one process per node",
  run: (args) => runSubcommand("net", USAGE, { up }, args),
};
