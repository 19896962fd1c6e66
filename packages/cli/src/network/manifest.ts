// The layout of a network directory made by `civitas init`, and its manifest (network.json),
// which `civitas net up` reads to know which nodes to start.
import { readFileSync } from "node:fs";
import { isIPv6 } from "node:net";
import { join } from "node:path";

/** One node of a network directory. */
export interface NetworkNode {
  readonly name: string;
  readonly role: "validator" | "replica";
  /** Lowercase 0x address of the validator key (validators only). */
  readonly validatorAddress?: string;
  /** Config file, relative to the network directory. */
  readonly config: string;
  readonly rpcUrl: string;
  readonly p2p: string;
  readonly metricsUrl: string;
}

/** DIR/network.json: what `civitas init` created. */
export interface NetworkManifest {
  readonly format: "civitas-network";
  readonly version: 1;
  readonly chainId: number;
  readonly createdAt: string;
  readonly nodes: readonly NetworkNode[];
}

/** Paths inside a network directory. */
export const NETWORK_FILES = {
  manifest: "network.json",
  genesis: "genesis.json",
  accounts: "accounts.json",
  admins: "admins.json",
  /** Person certificates and keys of the demo accounts: members/<address>.pem and .key. */
  members: "members",
  ca: "ca",
  rootCa: join("ca", "root"),
  nodesCa: join("ca", "nodes"),
  passphrase: join("ca", "passphrase"),
  trust: "trust",
  roots: join("trust", "roots.pem"),
  intermediates: join("trust", "intermediates.pem"),
  rootCrl: join("trust", "root.crl.pem"),
  nodesCrl: join("trust", "nodes.crl.pem"),
  nodes: "nodes",
} as const;

/** The identity registry's network admins (admins.json) and their quorum, unless the plan says otherwise. */
export const ADMIN_DEFAULTS = { admins: 3, quorum: 2 } as const;

/** The directory of node `name`. */
export function nodeDir(dir: string, name: string): string {
  return join(dir, NETWORK_FILES.nodes, name);
}

/** "host:port", with brackets around an IPv6 host. */
export function hostPort(host: string, port: number): string {
  return `${isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** The manifest of a network directory, or undefined if `dir` holds no network. */
export function readNetworkManifest(dir: string): NetworkManifest | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, NETWORK_FILES.manifest), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const manifest = JSON.parse(text) as NetworkManifest;
  if (manifest.format !== "civitas-network" || manifest.version !== 1 || !Array.isArray(manifest.nodes))
    throw new Error(`${join(dir, NETWORK_FILES.manifest)} is not a Civitas network manifest`);
  return manifest;
}
