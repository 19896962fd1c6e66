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

/**
 * Throws a CliError naming every port of the network that another process holds, with the
 * options that choose other ones.
 */
export async function assertPortsFree(dir: string, manifest: NetworkManifest): Promise<void> {
  const wanted: { port: number; host: string; what: string; option: string }[] = [];
  for (const node of manifest.nodes) {
    const config = readConfig(dir, node.config);
    wanted.push({
      port: config.rpc.port,
      host: config.rpc.host,
      what: `${node.name} JSON-RPC`,
      option: "--rpc-port",
    });
    wanted.push({
      port: config.p2p.port,
      host: config.p2p.host,
      what: `${node.name} peer-to-peer`,
      option: "--p2p-port",
    });
    if (config.metrics !== undefined)
      wanted.push({
        port: config.metrics.port,
        host: config.metrics.host,
        what: `${node.name} metrics`,
        option: "--metrics-port",
      });
  }
  const busy = [];
  for (const w of wanted) if (!(await isFree(w.host, w.port))) busy.push(w);
  if (busy.length === 0) return;
  const options = [...new Set(busy.map((b) => b.option))];
  const suggestion = options
    .map((o) => `${o} ${o === "--rpc-port" ? 18545 : o === "--p2p-port" ? 31303 : 19545}`)
    .join(" ");
  throw new CliError(
    `port${busy.length === 1 ? "" : "s"} already in use: ${busy.map((b) => `${b.host}:${b.port} (${b.what})`).join(", ")}. ` +
      `Is another Civitas network running? Stop it, or start this one on other ports, e.g. civitas up ${suggestion}`,
  );
}
