// A local Civitas network for fault tests: made with createNetwork in a temporary directory, each
// node a real `civitas node` child process logging to its own file, with helpers to kill, wipe,
// restart, add and revoke nodes, poll for conditions and check that no two nodes disagree on a
// block.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createAccountKey } from "@civitas/node";
import {
  certificatesToPem,
  encodePem,
  parseCertificates,
  privateKeyToPem,
  saveCrl,
  saveIssued,
  withCa,
} from "@civitas/pki";
import { createNetwork } from "../../../src/network/createNetwork.ts";
import { hostPort, NETWORK_FILES, type NetworkManifest, nodeDir } from "../../../src/network/manifest.ts";

const MAIN = join(import.meta.dirname, "..", "..", "..", "src", "main.ts");
// Cheapest scrypt cost the CA store accepts: the CA keys of a throwaway network need no more.
const FAST_SEAL = { scrypt: { N: 2 ** 14, r: 8, p: 1 } };
/** Default for waits on the network: generous, since test machines may be busy (waits poll, so a fast run stays fast). */
export const WAIT_MS = 90_000;
const LOG_TAIL_LINES = 12;
const LOG_LINE_CHARS = 400;

/** The shape of a config.json written by createNetwork (the fields tests rewrite). */
export interface NodeConfigFile {
  name: string;
  p2p: { host: string; port: number; advertise: string; peers: string[] };
  rpc: { host: string; port: number };
  metrics: { host: string; port: number };
  qbft?: { maxRoundTimeoutSeconds?: number };
  [field: string]: unknown;
}

/** What to create. */
export interface ClusterOptions {
  readonly validators: number;
  readonly replicas?: number;
  /** Port slots kept free for nodes added later with addNode (default 2). */
  readonly spare?: number;
  /** QBFT round-0 timeout (default 2 s, so round changes are quick). */
  readonly requestTimeoutSeconds?: number;
  /** Cap on round timeouts written into every node's config (default 4 s). */
  readonly maxRoundTimeoutSeconds?: number;
  /** Node log level (default info: rejected consensus messages and peer refusals are logged at warn/info). */
  readonly logLevel?: string;
  /** Demo accounts written to accounts.json by createNetwork (default 0). */
  readonly accounts?: number;
}

/** How to start a node process. */
export interface StartOptions {
  /** Script to run instead of `civitas node` (called with `--config FILE --log-level LEVEL`). */
  readonly script?: string;
  /** Command prefix, e.g. `ip netns exec NS`. */
  readonly prefix?: readonly string[];
  /** Wait until the node answers JSON-RPC (default true). */
  readonly waitForRpc?: boolean;
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  exitCode: number | null | undefined;
  signal: NodeJS.Signals | null | undefined;
}

function listen(port: number): Promise<Server | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(undefined));
    server.listen(port, "127.0.0.1", () => done(server));
  });
}

/**
 * The lowest port the OS hands out as a connection's local (ephemeral) port. Ports chosen below it
 * stay free while a cluster's nodes restart: an ephemeral port, free when probed, could meanwhile
 * become the source port of any outgoing connection on the machine (a node then fails to start
 * with "port already in use").
 */
function ephemeralLow(): number {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/);
    return Number(low) || 0;
  } catch {
    return 0;
  }
}

/** A candidate base port: random below the ephemeral range when there is room there, else the OS's choice. */
async function candidate(count: number): Promise<Server | undefined> {
  const low = ephemeralLow();
  if (low - count > 10_000) return listen(10_000 + Math.floor(Math.random() * (low - count - 10_000)));
  return listen(0);
}

/** Bases of `ranges` disjoint runs of `count` consecutive free ports, below the ephemeral range where possible. */
export async function freePortRanges(ranges: number, count: number): Promise<number[]> {
  const held: Server[] = [];
  const bases: number[] = [];
  try {
    while (bases.length < ranges) {
      const first = await candidate(count);
      if (!first) continue;
      held.push(first);
      const base = (first.address() as { port: number }).port;
      if (base + count > 65536) continue;
      const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => listen(base + 1 + i)));
      for (const s of rest) if (s) held.push(s);
      if (rest.every((s) => s !== undefined)) bases.push(base);
    }
    return bases;
  } finally {
    await Promise.all(held.map((s) => new Promise((done) => s.close(done))));
  }
}

/** A JSON-RPC call; throws with the method name on an error response. */
export async function rpcCall(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** A block as eth_getBlockByNumber returns it (the fields these tests read). */
export interface RpcBlock {
  number: string;
  hash: string;
  miner: string;
  extraData: string;
}

/** A network of node processes in a temporary directory. */
export class Cluster {
  readonly dir: string;
  readonly logLevel: string;
  #manifest: NetworkManifest;
  readonly #portBases: { p2p: number; rpc: number; metrics: number };
  readonly #slots: number;
  readonly #running = new Map<string, Running>();
  readonly #onExit = () => {
    for (const r of this.#running.values()) r.child.kill("SIGKILL");
  };

  private constructor(
    dir: string,
    manifest: NetworkManifest,
    ports: { p2p: number; rpc: number; metrics: number },
    slots: number,
    logLevel: string,
  ) {
    this.dir = dir;
    this.#manifest = manifest;
    this.#portBases = ports;
    this.#slots = slots;
    this.logLevel = logLevel;
    process.on("exit", this.#onExit);
  }

  /** Creates the network (nothing is started). */
  static async create(o: ClusterOptions): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), "civitas-cluster-"));
    const replicas = o.replicas ?? 0;
    const slots = o.validators + replicas + (o.spare ?? 2);
    const [p2p, rpc, metrics] = (await freePortRanges(3, slots)) as [number, number, number];
    const manifest = await createNetwork(join(dir, "net"), {
      validators: o.validators,
      replicas,
      chainId: 1337,
      blockPeriodSeconds: 1,
      emptyBlockPeriodSeconds: 1,
      requestTimeoutSeconds: o.requestTimeoutSeconds ?? 2,
      accounts: o.accounts ?? 0,
      host: "127.0.0.1",
      p2pPortBase: p2p,
      rpcPortBase: rpc,
      metricsPortBase: metrics,
      seal: FAST_SEAL,
    });
    const cluster = new Cluster(
      join(dir, "net"),
      manifest,
      { p2p, rpc, metrics },
      slots,
      o.logLevel ?? "info",
    );
    for (const node of manifest.nodes)
      cluster.editConfig(node.name, (c) => {
        c.qbft = { maxRoundTimeoutSeconds: o.maxRoundTimeoutSeconds ?? 4 };
      });
    return cluster;
  }

  /** Every node of the network, in creation order. */
  names(): string[] {
    return this.#manifest.nodes.map((n) => n.name);
  }

  /** The validators of the genesis. */
  validators(): string[] {
    return this.#manifest.nodes.filter((n) => n.role === "validator").map((n) => n.name);
  }

  /** Nodes whose process is running. */
  running(): string[] {
    return [...this.#running.keys()];
  }

  /** The lowercase validator address of a node, if it has a validator key. */
  address(name: string): string | undefined {
    return this.#node(name).validatorAddress;
  }

  configPath(name: string): string {
    return join(nodeDir(this.dir, name), "config.json");
  }

  readConfig(name: string): NodeConfigFile {
    return JSON.parse(readFileSync(this.configPath(name), "utf8")) as NodeConfigFile;
  }

  /** Rewrites a node's config.json (plain JSON) with `edit`. */
  editConfig(name: string, edit: (config: NodeConfigFile) => void): void {
    const config = this.readConfig(name);
    edit(config);
    writeFileSync(this.configPath(name), `${JSON.stringify(config, null, 2)}\n`);
  }

  /** The node's JSON-RPC URL, from its config. */
  rpcUrl(name: string): string {
    const { rpc } = this.readConfig(name);
    return `http://${hostPort(rpc.host, rpc.port)}`;
  }

  logPath(name: string): string {
    return join(this.dir, `${name}.log`);
  }

  /** Everything the node wrote so far (all of its runs). */
  log(name: string): string {
    try {
      return readFileSync(this.logPath(name), "utf8");
    } catch {
      return "";
    }
  }

  /** The node's JSON log lines, parsed (other lines are skipped). */
  logEntries(name: string): Record<string, unknown>[] {
    return this.log(name)
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** The last lines of every node's log, for failure messages. */
  logTails(names: readonly string[] = this.names()): string {
    return names
      .map((name) => {
        const lines = this.log(name).trimEnd().split("\n").slice(-LOG_TAIL_LINES);
        const state = this.#running.has(name) ? "running" : "stopped";
        return `--- ${name} (${state}) ---\n${lines.map((l) => l.slice(0, LOG_LINE_CHARS)).join("\n")}`;
      })
      .join("\n");
  }

  /** Starts a node's process; by default waits until it answers JSON-RPC. */
  async start(name: string, o: StartOptions = {}): Promise<void> {
    assert.ok(!this.#running.has(name), `${name} is already running`);
    this.#node(name);
    const out = openSync(this.logPath(name), "a");
    const args = [o.script ?? MAIN, ...(o.script ? [] : ["node"])];
    args.push("--config", this.configPath(name), "--log-level", this.logLevel);
    const [command, ...prefixArgs] = o.prefix ?? [];
    const child = command
      ? spawn(command, [...prefixArgs, process.execPath, ...args], { stdio: ["ignore", out, out] })
      : spawn(process.execPath, args, { stdio: ["ignore", out, out] });
    closeSync(out);
    const entry: Running = {
      child,
      exitCode: undefined,
      signal: undefined,
      exited: new Promise((done) =>
        child.once("exit", (code, signal) => {
          entry.exitCode = code;
          entry.signal = signal;
          this.#running.delete(name);
          done();
        }),
      ),
    };
    this.#running.set(name, entry);
    if (o.waitForRpc === false) return;
    await this.waitFor(
      async () => {
        if (entry.exitCode !== undefined)
          throw new Error(`${name} exited (code ${entry.exitCode}, signal ${entry.signal}) while starting`);
        return (await this.rpc(name, "eth_blockNumber")) !== undefined;
      },
      WAIT_MS,
      `${name} to answer JSON-RPC`,
    );
  }

  /** Starts every node that is not running, in parallel. */
  async startAll(names: readonly string[] = this.names()): Promise<void> {
    await Promise.all(names.filter((n) => !this.#running.has(n)).map((n) => this.start(n)));
  }

  /**
   * Sends `signal` to a node and waits for its process to end (SIGKILL after 10 s); resolves how
   * it ended.
   */
  async kill(
    name: string,
    signal: NodeJS.Signals = "SIGKILL",
  ): Promise<{ code: number | null | undefined; signal: NodeJS.Signals | null | undefined }> {
    const entry = this.#running.get(name);
    assert.ok(entry, `${name} is not running`);
    entry.child.kill(signal);
    const late = setTimeout(() => entry.child.kill("SIGKILL"), 10_000);
    await entry.exited;
    clearTimeout(late);
    return { code: entry.exitCode, signal: entry.signal };
  }

  /** Deletes a stopped node's data directory (its chain and state). */
  wipe(name: string): void {
    assert.ok(!this.#running.has(name), `stop ${name} before wiping it`);
    rmSync(join(nodeDir(this.dir, name), "data"), { recursive: true, force: true });
  }

  /** A JSON-RPC call to a node. */
  rpc(name: string, method: string, params: unknown[] = []): Promise<unknown> {
    return rpcCall(this.rpcUrl(name), method, params);
  }

  async height(name: string): Promise<number> {
    return Number(await this.rpc(name, "eth_blockNumber"));
  }

  /** Head heights of the given nodes (default: the running ones). */
  async heights(names: readonly string[] = this.running()): Promise<Record<string, number>> {
    const values = await Promise.all(names.map((n) => this.height(n)));
    return Object.fromEntries(names.map((n, i) => [n, values[i]!]));
  }

  async block(name: string, number: number): Promise<RpcBlock | null> {
    return (await this.rpc(name, "eth_getBlockByNumber", [
      `0x${number.toString(16)}`,
      false,
    ])) as RpcBlock | null;
  }

  /**
   * Polls `check` every 250 ms until it returns a value other than undefined or false, and returns
   * it. Errors thrown by `check` count as "not yet" (the last one is reported). On timeout fails
   * with `what`, the last error and the tail of every node's log.
   */
  async waitFor<T>(
    check: () => Promise<T | undefined | false> | T | undefined | false,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = await check();
        if (value !== undefined && value !== false) return value;
      } catch (err) {
        lastError = err;
        if (/exited .* while starting/.test((err as Error).message)) break;
      }
      if (Date.now() > deadline) break;
      await sleep(250);
    }
    const cause = lastError ? `\nlast error: ${(lastError as Error).message}` : "";
    const verdict =
      Date.now() > deadline ? `timed out after ${timeoutMs} ms waiting for` : "gave up waiting for";
    assert.fail(`${verdict} ${what}${cause}\n${this.logTails()}`);
  }

  /** Waits until every one of `names` (default: the running nodes) has a head of at least `height`. */
  async waitForHeight(height: number, names: readonly string[] = this.running(), timeoutMs = WAIT_MS) {
    return this.waitFor(
      async () => {
        const heads = await this.heights(names);
        return Object.values(heads).every((h) => h >= height) ? heads : undefined;
      },
      timeoutMs,
      `${names.join(", ")} to reach height ${height}`,
    );
  }

  /** Waits until each of `names` has `blocks` more blocks than the highest of them has now. */
  async waitForProgress(blocks: number, names: readonly string[] = this.running(), timeoutMs = WAIT_MS) {
    const top = Math.max(...Object.values(await this.heights(names)));
    return this.waitForHeight(top + blocks, names, timeoutMs);
  }

  /**
   * Polls the heads of `names` for `ms` and fails, with the log tails, if any of them moves.
   * Returns the heads.
   */
  async assertNoProgress(names: readonly string[], ms: number): Promise<Record<string, number>> {
    const first = await this.heights(names);
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      await sleep(500);
      const now = await this.heights(names);
      assert.deepEqual(now, first, `the chain moved although no quorum could meet\n${this.logTails()}`);
    }
    return first;
  }

  /** Waits for a block above `after` proposed by `address`, as `via` sees the chain; returns its number. */
  async waitForBlockProposedBy(
    address: string,
    after: number,
    via: string,
    timeoutMs = WAIT_MS,
  ): Promise<number> {
    let next = after + 1;
    return this.waitFor(
      async () => {
        const head = await this.height(via);
        for (; next <= head; next++)
          if ((await this.block(via, next))?.miner.toLowerCase() === address.toLowerCase()) return next;
        return undefined;
      },
      timeoutMs,
      `a block after ${after} proposed by ${address} (on ${via})`,
    );
  }

  /**
   * For every height up to the lowest head of `names` (default: the running nodes), every one of
   * them returns the same block hash. Returns that lowest head.
   */
  async assertNoFork(names: readonly string[] = this.running()): Promise<number> {
    assert.ok(names.length > 0, "assertNoFork needs at least one node");
    const top = Math.min(...Object.values(await this.heights(names)));
    for (let n = 0; n <= top; n++) {
      const blocks = await Promise.all(names.map((name) => this.block(name, n)));
      const hashes = blocks.map((b, i) => `${names[i]}=${b?.hash ?? "missing"}`);
      assert.equal(
        new Set(blocks.map((b) => b?.hash)).size,
        1,
        `nodes disagree on block ${n}: ${hashes.join(", ")}\n${this.logTails(names)}`,
      );
      assert.ok(blocks[0], `no node has block ${n}`);
    }
    return top;
  }

  /**
   * Adds a node to the network directory: a node certificate from the network's CA (with a fresh
   * validator key and its address when `validator`), and a config that dials the genesis validators.
   * The node is not a validator of the chain until the validators vote it in.
   */
  async addNode(name: string, o: { validator: boolean }): Promise<{ validatorAddress?: string }> {
    const used = this.#manifest.nodes.length;
    assert.ok(used < this.#slots, `no spare port slot for ${name} (create the cluster with a larger spare)`);
    const key = o.validator ? createAccountKey() : undefined;
    const home = nodeDir(this.dir, name);
    rmSync(home, { recursive: true, force: true });
    await this.#issueCertificate(name, {
      ipAddresses: ["127.0.0.1"],
      ...(key ? { validatorAddress: key.address } : {}),
    });
    const template = this.readConfig(this.validators()[0]!);
    const config: NodeConfigFile = {
      ...template,
      name,
      p2p: {
        host: "127.0.0.1",
        port: this.#portBases.p2p + used,
        advertise: hostPort("127.0.0.1", this.#portBases.p2p + used),
        peers: this.validators().map((v) => this.readConfig(v).p2p.advertise),
      },
      rpc: { host: "127.0.0.1", port: this.#portBases.rpc + used },
      metrics: { host: "127.0.0.1", port: this.#portBases.metrics + used },
    };
    delete config["validatorKey"];
    if (key) {
      writeFileSync(join(home, "validator.key"), `${key.privateKey}\n`, { mode: 0o600 });
      config["validatorKey"] = "validator.key";
    }
    writeFileSync(join(home, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
    const entry = {
      name,
      role: key ? ("validator" as const) : ("replica" as const),
      ...(key ? { validatorAddress: key.address.toLowerCase() } : {}),
      config: join(NETWORK_FILES.nodes, name, "config.json"),
      rpcUrl: `http://${hostPort("127.0.0.1", config.rpc.port)}`,
      p2p: config.p2p.advertise,
      metricsUrl: `http://${hostPort("127.0.0.1", config.metrics.port)}/metrics`,
    };
    this.#manifest = { ...this.#manifest, nodes: [...this.#manifest.nodes, entry] };
    return key ? { validatorAddress: key.address.toLowerCase() } : {};
  }

  /**
   * Gives a node a new certificate (and TLS key) from the network's CA for other IP addresses,
   * keeping its validator address. Peers check that a certificate names the address they dialled.
   */
  async reissueCertificate(name: string, ipAddresses: readonly string[]): Promise<void> {
    const address = this.address(name);
    await this.#issueCertificate(name, {
      ipAddresses: [...ipAddresses],
      ...(address ? { validatorAddress: address } : {}),
    });
  }

  /** Issues a node certificate with the network's CA into the node's tls directory. */
  async #issueCertificate(
    name: string,
    o: { ipAddresses: string[]; validatorAddress?: string },
  ): Promise<void> {
    const caDir = join(this.dir, NETWORK_FILES.nodesCa);
    const { keyPem, certPem } = await withCa(caDir, this.#passphrase(), async (ca) => {
      const issued = await ca.issueNodeCertificate({ name, ...o });
      await saveIssued(caDir, issued.certificate, ca.records().at(-1)!.serialNumber);
      return {
        keyPem: await privateKeyToPem(issued.privateKey!),
        certPem: certificatesToPem([issued.certificate, ...ca.tlsChain]),
      };
    });
    const tls = join(nodeDir(this.dir, name), "tls");
    mkdirSync(tls, { recursive: true, mode: 0o700 });
    rmSync(join(tls, "node.key"), { force: true });
    writeFileSync(join(tls, "node.key"), keyPem, { mode: 0o600 });
    writeFileSync(join(tls, "node.crt"), certPem);
  }

  #passphrase(): string {
    return readFileSync(join(this.dir, NETWORK_FILES.passphrase), "utf8").split("\n")[0]!;
  }

  /**
   * Revokes a node's certificate with the network's CA and publishes the new CRL into the trust
   * file every node reads (nodes reload CRL files when they change).
   */
  async revoke(name: string): Promise<void> {
    const [leaf] = parseCertificates(readFileSync(join(nodeDir(this.dir, name), "tls", "node.crt"), "utf8"));
    assert.ok(leaf, `${name} has no certificate`);
    const caDir = join(this.dir, NETWORK_FILES.nodesCa);
    const crl = await withCa(caDir, this.#passphrase(), async (ca) => {
      ca.revoke(leaf, "keyCompromise");
      const next = await ca.createCrl();
      await saveCrl(caDir, next);
      return next;
    });
    writeFileSync(join(this.dir, NETWORK_FILES.nodesCrl), encodePem(crl.rawData, "X509 CRL"));
  }

  /** Stops every node (SIGTERM, then SIGKILL after 10 s) and deletes the directory. */
  async stopAll(): Promise<void> {
    await Promise.all(this.running().map((n) => this.kill(n, "SIGTERM")));
    process.off("exit", this.#onExit);
    rmSync(join(this.dir, ".."), { recursive: true, force: true });
  }

  #node(name: string) {
    const node = this.#manifest.nodes.find((n) => n.name === name);
    assert.ok(node, `no node named ${name}`);
    return node;
  }
}
