// A network for the registry benchmark: made by `civitas init` (the CLI, as an operator would),
// with a bench-only genesis (a larger block gas limit, permissioning on, the workload senders
// funded), run as one `civitas node` process per validator with metrics on.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { hexToBytes } from "viem";
import type { BenchAccount } from "../accounts.ts";
import { freePort, retryOnTakenPort, startProcess } from "../targets/target.ts";

const REPO_ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(REPO_ROOT, "packages", "cli", "src", "main.ts");
const READY_TIMEOUT_MS = 120_000;

/** What the benchmark network is made with. */
export interface BenchNetworkPlan {
  /** Directory to create the network in (empty or absent). */
  readonly dir: string;
  readonly validators: number;
  readonly chainId: number;
  /** Block gas limit written into the genesis before the first start. */
  readonly gasLimit: bigint;
  /** Accounts funded in the genesis (the transfer workload's senders). */
  readonly funded: readonly string[];
  readonly balanceWei: bigint;
}

/** The identity registry's network admins and registrars of the network (admins.json). */
export interface RegistryKeys {
  readonly quorum: number;
  readonly admins: readonly BenchAccount[];
  readonly registrars: readonly BenchAccount[];
}

/** A running node process. */
export interface BenchNode {
  readonly name: string;
  readonly pid: number;
  readonly rpcUrl: string;
  readonly metricsUrl: string;
  readonly dataDir: string;
  readonly logPath: string;
  /** Stops the process: SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** Runs the Civitas CLI to completion; throws with its output if it fails. */
function runCli(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`civitas ${args[0]} exited with ${code ?? signal}:\n${output.trim()}`)),
    );
  });
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

function accountOf(entry: unknown, where: string): BenchAccount {
  const { address, privateKey } = (entry ?? {}) as { address?: unknown; privateKey?: unknown };
  if (typeof address !== "string" || typeof privateKey !== "string")
    throw new Error(`${where} has no address and privateKey`);
  return {
    address: address.toLowerCase() as `0x${string}`,
    privateKey: hexToBytes(privateKey as `0x${string}`),
  };
}

/**
 * Creates the network with `civitas init`, then, before any node has started, makes its genesis a
 * benchmark genesis: the block gas limit raised (a block then holds many registration batches),
 * permissioning on the genesis IdentityRegistry (if `init` did not already turn it on) and the
 * workload senders funded. Node configs get free ports.
 */
export async function createBenchNetwork(plan: BenchNetworkPlan): Promise<RegistryKeys> {
  await runCli([
    "init",
    "--validators",
    String(plan.validators),
    "--out",
    plan.dir,
    "--chain-id",
    String(plan.chainId),
    "--accounts",
    "0",
  ]);
  const genesisPath = join(plan.dir, "genesis.json");
  const genesis = readJson(genesisPath);
  genesis["gasLimit"] = `0x${plan.gasLimit.toString(16)}`;
  const config = genesis["config"] as Record<string, unknown>;
  config["permissioning"] ??= { identityRegistry: IDENTITY_REGISTRY_ADDRESS };
  const alloc = genesis["alloc"] as Record<string, unknown>;
  const balance = `0x${plan.balanceWei.toString(16)}`;
  for (const address of plan.funded) alloc[address.toLowerCase()] ??= { balance };
  writeFileSync(genesisPath, JSON.stringify(genesis));

  await assignPorts(plan.dir);
  return readKeys(plan.dir);
}

/**
 * A network created earlier by createBenchNetwork, to be started again on its data: its nodes get
 * free ports again (the old ones may be taken by now).
 */
export async function reopenBenchNetwork(dir: string): Promise<RegistryKeys> {
  await assignPorts(dir);
  return readKeys(dir);
}

function readKeys(dir: string): RegistryKeys {
  const keys = readJson(join(dir, "admins.json"));
  const admins = (keys["admins"] as unknown[]).map((a, i) => accountOf(a, `admins.json admins[${i}]`));
  const registrars = (keys["registrars"] as unknown[]).map((a, i) =>
    accountOf(a, `admins.json registrars[${i}]`),
  );
  return { quorum: Number(keys["quorum"]), admins, registrars };
}

interface NodeConfigFile {
  p2p?: { port: number; advertise?: string; peers?: string[]; host: string };
  rpc: { host: string; port: number };
  metrics?: { host: string; port: number };
}

/** Gives every node free ports (p2p, RPC, metrics), its peers' addresses rewritten to match. */
async function assignPorts(dir: string): Promise<void> {
  const names = readdirSync(join(dir, "nodes")).sort();
  const configs = names.map((name) => {
    const path = join(dir, "nodes", name, "config.json");
    return { path, config: readJson(path) as unknown as NodeConfigFile };
  });
  const moved = new Map<string, string>();
  for (const { config } of configs) {
    config.rpc.port = await freePort();
    config.metrics = { host: config.rpc.host, port: await freePort() };
    if (!config.p2p) continue;
    const port = await freePort();
    const advertise = `${config.p2p.host}:${port}`;
    if (config.p2p.advertise) moved.set(config.p2p.advertise, advertise);
    config.p2p.port = port;
    config.p2p.advertise = advertise;
  }
  for (const { path, config } of configs) {
    if (config.p2p?.peers) config.p2p.peers = config.p2p.peers.map((p) => moved.get(p) ?? p);
    writeFileSync(path, JSON.stringify(config, null, 2));
  }
}

/**
 * Starts every node of the network in `dir` (validators together) and waits until each serves.
 * If a port was taken between its choice and the node binding it, the nodes get other ports and
 * start again (up to 3 times), on the same data.
 */
export function startBenchNodes(dir: string): Promise<BenchNode[]> {
  return retryOnTakenPort(
    () => startBenchNodesOnce(dir),
    () => assignPorts(dir),
  );
}

async function startBenchNodesOnce(dir: string): Promise<BenchNode[]> {
  const names = readdirSync(join(dir, "nodes")).sort();
  const settled = await Promise.allSettled(names.map((name) => startNode(dir, name)));
  const started = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await Promise.all(started.map((n) => n.stop()));
    throw failed.reason;
  }
  return started;
}

async function startNode(dir: string, name: string): Promise<BenchNode> {
  const home = join(dir, "nodes", name);
  const configPath = join(home, "config.json");
  const config = readJson(configPath) as unknown as NodeConfigFile;
  const rpcUrl = `http://${config.rpc.host}:${config.rpc.port}`;
  const logPath = join(dir, `${name}.log`);
  const { child, stop } = await startProcess(
    process.execPath,
    [CLI, "node", "--config", configPath],
    rpcUrl,
    logPath,
    READY_TIMEOUT_MS,
  );
  return {
    name,
    pid: child.pid ?? -1,
    rpcUrl,
    metricsUrl: `http://${config.metrics!.host}:${config.metrics!.port}/metrics`,
    dataDir: join(home, "data"),
    logPath,
    stop,
  };
}

/** Bytes a directory takes on disk (allocated blocks of every file below it). */
export function diskUsage(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.blocks * 512;
  let total = st.blocks * 512;
  for (const entry of readdirSync(path)) total += diskUsage(join(path, entry));
  return total;
}

/** A process's resident memory as Linux reports it (/proc/PID/status), in bytes. */
export interface ProcessMemory {
  readonly rss: number;
  /** Anonymous memory: the JS heap, native allocations. */
  readonly anon: number;
  /** File-backed pages, most of them the store's memory map: the kernel can drop them under pressure. */
  readonly file: number;
  /** Peak RSS (VmHWM). */
  readonly peak: number;
}

/** The resident memory of a process, where /proc tells it (Linux); else undefined. */
export function processMemory(pid: number): ProcessMemory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) * 1024 : Number.NaN;
  };
  return { rss: kb("VmRSS"), anon: kb("RssAnon"), file: kb("RssFile"), peak: kb("VmHWM") };
}
