// The ports of a `civitas up` network: moved when the command line asks for other ones, and
// checked free before any node starts, so that a busy port is named instead of a node dying.
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { CliError } from "../command.ts";
import { hostPort, NETWORK_FILES, type NetworkManifest } from "../network/manifest.ts";

/** The part of a node's config.json this module reads and rewrites. */
interface NodeConfigPorts {
  p2p: { host: string; port: number; advertise: string; peers: string[] };
  rpc: { host: string; port: number };
  metrics?: { host: string; port: number };
}

/** First ports of the nodes: node i gets base + i. */
export interface PortBases {
  readonly rpc: number;
  readonly p2p: number;
  readonly metrics: number;
}

function readConfig(dir: string, config: string): NodeConfigPorts {
  return JSON.parse(readFileSync(join(dir, config), "utf8")) as NodeConfigPorts;
}

/** The port bases the network in `dir` uses (its first node's ports). */
export function currentPortBases(dir: string, manifest: NetworkManifest): PortBases {
  const first = readConfig(dir, manifest.nodes[0]!.config);
  return { rpc: first.rpc.port, p2p: first.p2p.port, metrics: first.metrics?.port ?? 0 };
}

/**
 * Moves the nodes of the network in `dir` to consecutive ports from `bases` (configs and
 * manifest; the validators' peer lists follow) and returns the new manifest. The nodes' identities
 * are their certificates, not their addresses, so the chain goes on as before.
 */
export function movePorts(dir: string, manifest: NetworkManifest, bases: PortBases): NetworkManifest {
  const configs = manifest.nodes.map((n) => readConfig(dir, n.config));
  const host = configs[0]!.p2p.host;
  const p2pOf = (i: number) => hostPort(host, bases.p2p + i);
  const validators = manifest.nodes.flatMap((n, i) => (n.role === "validator" ? [i] : []));
  const nodes = manifest.nodes.map((node, i) => {
    const config = configs[i]!;
    config.p2p = {
      ...config.p2p,
      port: bases.p2p + i,
      advertise: p2pOf(i),
      peers: validators.filter((v) => v !== i).map(p2pOf),
    };
    config.rpc = { ...config.rpc, port: bases.rpc + i };
    if (config.metrics !== undefined) config.metrics = { ...config.metrics, port: bases.metrics + i };
    writeFileSync(join(dir, node.config), `${JSON.stringify(config, null, 2)}\n`);
    return {
      ...node,
      rpcUrl: `http://${hostPort(config.rpc.host, bases.rpc + i)}`,
      p2p: p2pOf(i),
      metricsUrl: `http://${hostPort(config.metrics?.host ?? host, bases.metrics + i)}/metrics`,
    };
  });
  const moved: NetworkManifest = { ...manifest, nodes };
  writeFileSync(join(dir, NETWORK_FILES.manifest), `${JSON.stringify(moved, null, 2)}\n`);
  return moved;
}

function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => done(true)));
  });
}

/** A port a node will listen on. */
export interface WantedPort {
  readonly host: string;
  readonly port: number;
  /** Whose port it is, e.g. "validator-1 JSON-RPC". */
  readonly what: string;
  /** The option that moves it. */
  readonly option: "--rpc-port" | "--p2p-port" | "--metrics-port";
}

/** The ports of `count` nodes on consecutive ports from `bases` (a network about to be created). */
export function plannedPorts(host: string, bases: PortBases, count: number): WantedPort[] {
  return Array.from({ length: count }, (_, i) => [
    { host, port: bases.rpc + i, what: `validator-${i + 1} JSON-RPC`, option: "--rpc-port" as const },
    { host, port: bases.p2p + i, what: `validator-${i + 1} peer-to-peer`, option: "--p2p-port" as const },
    { host, port: bases.metrics + i, what: `validator-${i + 1} metrics`, option: "--metrics-port" as const },
  ]).flat();
}

/** The ports the nodes of the network in `dir` listen on (from their config files). */
export function networkPorts(dir: string, manifest: NetworkManifest): WantedPort[] {
  return manifest.nodes.flatMap((node) => {
    const c = readConfig(dir, node.config);
    return [
      { host: c.rpc.host, port: c.rpc.port, what: `${node.name} JSON-RPC`, option: "--rpc-port" as const },
      {
        host: c.p2p.host,
        port: c.p2p.port,
        what: `${node.name} peer-to-peer`,
        option: "--p2p-port" as const,
      },
      ...(c.metrics === undefined
        ? []
        : [
            {
              host: c.metrics.host,
              port: c.metrics.port,
              what: `${node.name} metrics`,
              option: "--metrics-port" as const,
            },
          ]),
    ];
  });
}

const OTHER_BASE = { "--rpc-port": 18545, "--p2p-port": 31303, "--metrics-port": 19545 } as const;

/**
 * Throws a CliError naming every one of `ports` that another process holds, with the options
 * that choose other ones.
 */
export async function assertPortsFree(ports: readonly WantedPort[]): Promise<void> {
  const busy: WantedPort[] = [];
  for (const w of ports) if (!(await isFree(w.host, w.port))) busy.push(w);
  if (busy.length === 0) return;
  const suggestion = [...new Set(busy.map((b) => b.option))].map((o) => `${o} ${OTHER_BASE[o]}`).join(" ");
  throw new CliError(
    `port${busy.length === 1 ? "" : "s"} already in use: ${busy.map((b) => `${b.host}:${b.port} (${b.what})`).join(", ")}. ` +
      `Is another Civitas network running? Stop it, or start this one on other ports, e.g. civitas up ${suggestion}`,
  );
}
