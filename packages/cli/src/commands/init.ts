import { readdirSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { isPkiError } from "@civitas/pki";
import { CliError, type Command } from "../command.ts";
import type { NetworkPlan } from "../network/createNetwork.ts";
import { DEMO_ORGANISATION, DEVELOPER_ROLE } from "../network/genesisMembers.ts";
import { intOption } from "../network/intOption.ts";
import { ADMIN_DEFAULTS, NETWORK_FILES, type NetworkManifest } from "../network/manifest.ts";

const HELP = `usage: civitas init --validators N --out DIR [options]

Creates a whole local Civitas network in DIR: a root CA and an intermediate CA that issues the
node certificates (DIR/ca), a secp256k1 key and a TLS certificate per node (DIR/nodes/<name>),
the trust files every node needs (DIR/trust: roots, intermediates, CRLs), a QBFT genesis with the
validators in its extraData (DIR/genesis.json), funded demo accounts (DIR/accounts.json) and one
config file per node (DIR/nodes/<name>/config.json) for \`civitas node --config\`. Every node has
every validator as a static peer. Start it all with \`civitas net up --dir DIR\`.

The genesis holds the IdentityRegistry system contract at ${IDENTITY_REGISTRY_ADDRESS},
bootstrapped with new network admin accounts and a registrar account (keys in DIR/admins.json,
mode 0600), the root CA's fingerprint and the intermediate CA as a trusted issuer, and declares
it in config.permissioning: nodes accept transactions only from the admins, the registrar and
registered members. The demo accounts are members of the organisation "${DEMO_ORGANISATION}" with the
role "${DEVELOPER_ROLE}" (may deploy contracts), each with a person certificate from the intermediate
CA (DIR/members/<address>.pem, key in <address>.key).

For a local network the CA passphrase is generated and written to DIR/ca/passphrase (mode 0600).
A real deployment keeps its CA offline under its own passphrase: create it with \`civitas ca\`,
issue node certificates with \`civitas cert issue --type node --validator 0x…\`, and write the
config files by hand (see README.md, "Running a network").

  --validators N            validator nodes (1 to 64)
  --out DIR                 directory to create (refused if it exists and is not empty)
  --nodes M                 non-validator nodes that follow the chain and serve reads (default 0)
  --chain-id ID             chain id (default 1337)
  --block-period S          seconds between blocks while transactions wait (default 1)
  --empty-block-period S    seconds between blocks when idle (default 5)
  --request-timeout S       QBFT round-0 timeout in seconds (default max(4, 2 × block period))
  --accounts K              funded demo accounts, keys in DIR/accounts.json (default 10)
  --admins N                network admins of the identity registry (default 3)
  --admin-quorum Q          admin approvals an administration change needs, 2 to N (default 2)
  --host HOST               address the nodes listen on and dial each other at (default 127.0.0.1)
  --p2p-port BASE           first peer-to-peer port; node i gets BASE+i (default 30303)
  --rpc-port BASE           first JSON-RPC port (default 8545)
  --metrics-port BASE       first Prometheus metrics port (default 9545)
  --force                   replace a network already in DIR (other files in DIR are kept)`;

/** The options `civitas init` and `civitas net up` share. */
export const NETWORK_OPTIONS = {
  validators: { type: "string" },
  nodes: { type: "string" },
  "chain-id": { type: "string" },
  "block-period": { type: "string" },
  "empty-block-period": { type: "string" },
  "request-timeout": { type: "string" },
  accounts: { type: "string" },
  admins: { type: "string" },
  "admin-quorum": { type: "string" },
  host: { type: "string" },
  "p2p-port": { type: "string" },
  "rpc-port": { type: "string" },
  "metrics-port": { type: "string" },
} as const;

type NetworkValues = Partial<Record<keyof typeof NETWORK_OPTIONS, string>>;

/** Turns the shared options into a plan; bad values are usage errors (exit 2). */
export function networkPlan(values: NetworkValues, validatorsDefault?: number): NetworkPlan {
  if (values.validators === undefined && validatorsDefault === undefined)
    throw new CliError("missing --validators N (how many validator nodes to create)", 2);
  const validators = intOption(values.validators, "validators", validatorsDefault ?? 0, 1, 64);
  const replicas = intOption(values.nodes, "nodes", 0, 0, 64);
  const blockPeriodSeconds = intOption(values["block-period"], "block-period", 1, 1, 3600);
  const host = values.host ?? "127.0.0.1";
  if (host.trim() === "" || ["0.0.0.0", "::", "[::]"].includes(host))
    throw new CliError(`--host must be an address the nodes can dial each other at, got '${host}'`, 2);
  const count = validators + replicas;
  const base = (name: "p2p-port" | "rpc-port" | "metrics-port", fallback: number) =>
    intOption(values[name], name, fallback, 1, 65536 - count);
  const ports = {
    p2p: base("p2p-port", 30303),
    rpc: base("rpc-port", 8545),
    metrics: base("metrics-port", 9545),
  };
  const names = Object.keys(ports) as (keyof typeof ports)[];
  for (const a of names)
    for (const b of names)
      if (a < b && Math.abs(ports[a] - ports[b]) < count)
        throw new CliError(
          `--${a}-port ${ports[a]} and --${b}-port ${ports[b]} overlap: each needs ${count} consecutive ports`,
          2,
        );
  const admins = intOption(values.admins, "admins", ADMIN_DEFAULTS.admins, 2, 64);
  const adminQuorum = intOption(values["admin-quorum"], "admin-quorum", ADMIN_DEFAULTS.quorum, 2, admins);
  const requestTimeout = values["request-timeout"];
  return {
    validators,
    replicas,
    chainId: intOption(values["chain-id"], "chain-id", 1337, 1, 2 ** 48),
    blockPeriodSeconds,
    emptyBlockPeriodSeconds: intOption(
      values["empty-block-period"],
      "empty-block-period",
      Math.max(5, blockPeriodSeconds),
      blockPeriodSeconds,
      86400,
    ),
    ...(requestTimeout !== undefined
      ? { requestTimeoutSeconds: intOption(requestTimeout, "request-timeout", 0, 1, 3600) }
      : {}),
    accounts: intOption(values.accounts, "accounts", 10, 0, 1000),
    admins,
    adminQuorum,
    host,
    p2pPortBase: ports.p2p,
    rpcPortBase: ports.rpc,
    metricsPortBase: ports.metrics,
  };
}

const OWN_ENTRIES = [
  NETWORK_FILES.manifest,
  NETWORK_FILES.genesis,
  NETWORK_FILES.accounts,
  NETWORK_FILES.admins,
  NETWORK_FILES.members,
  NETWORK_FILES.ca,
  NETWORK_FILES.trust,
  NETWORK_FILES.nodes,
];

/** Creates a network in `dir`; refuses a non-empty directory unless `force`. */
export async function initNetwork(dir: string, plan: NetworkPlan, force: boolean): Promise<NetworkManifest> {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT")
      throw new CliError(`cannot use ${dir}: ${(err as Error).message}`);
  }
  if (entries.length > 0) {
    if (!force)
      throw new CliError(
        `${dir} is not empty; choose a new directory, or pass --force to replace the network in it`,
      );
    for (const entry of OWN_ENTRIES) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  // Loaded here so that a usage error does not wait for the node's libraries.
  const { createNetwork } = await import("../network/createNetwork.ts");
  try {
    return await createNetwork(dir, plan);
  } catch (err) {
    if (isPkiError(err)) throw new CliError(`creating the network's CA failed: ${err.message} [${err.code}]`);
    if (
      (err as NodeJS.ErrnoException).code !== undefined &&
      (err as NodeJS.ErrnoException).syscall !== undefined
    )
      throw new CliError(`cannot write the network into ${dir}: ${(err as Error).message}`);
    throw err;
  }
}

/** Prints what a fresh network holds and how to start it. */
export function printNetworkSummary(
  dir: string,
  manifest: NetworkManifest,
  plan: NetworkPlan,
  next = true,
): void {
  const shown = relative(process.cwd(), dir) || ".";
  const at = (p: string) => join(shown, p);
  const validators = manifest.nodes.filter((n) => n.role === "validator");
  const replicas = manifest.nodes.length - validators.length;
  console.log(
    [
      `Created a Civitas network in ${shown}: ${validators.length} validator${validators.length === 1 ? "" : "s"}` +
        `${replicas > 0 ? ` and ${replicas} read replica${replicas === 1 ? "" : "s"}` : ""}, chain id ${manifest.chainId}`,
      `  CA             ${at(NETWORK_FILES.rootCa)} (root), ${at(NETWORK_FILES.nodesCa)} (issues node certificates)`,
      `  CA passphrase  ${at(NETWORK_FILES.passphrase)} (generated, mode 0600; for a local network only)`,
      `  trust files    ${at(NETWORK_FILES.trust)}/ (roots, intermediates, CRLs)`,
      `  genesis        ${at(NETWORK_FILES.genesis)}`,
      `  registry       IdentityRegistry at ${IDENTITY_REGISTRY_ADDRESS} (in the genesis state)`,
      `  admins         ${at(NETWORK_FILES.admins)} (${plan.admins ?? ADMIN_DEFAULTS.admins} network admins, quorum ${plan.adminQuorum ?? ADMIN_DEFAULTS.quorum}, 1 registrar; keys included, mode 0600)`,
      ...(plan.accounts > 0
        ? [
            `  demo accounts  ${at(NETWORK_FILES.accounts)} (${plan.accounts} funded, keys included, mode 0600)`,
            `  members        ${at(NETWORK_FILES.members)}/<address>.pem (the demo accounts' person certificates; registered in ${DEMO_ORGANISATION} as ${DEVELOPER_ROLE})`,
          ]
        : []),
      `  nodes          ${at(NETWORK_FILES.nodes)}/<name>/config.json`,
      ...manifest.nodes.map(
        (n) =>
          `    ${n.name.padEnd(14)} ${n.rpcUrl.padEnd(24)} p2p ${n.p2p.padEnd(18)} ${n.validatorAddress ?? "(read replica)"}`,
      ),
      ...(next
        ? [`Next: civitas net up --dir ${shown}   (or civitas node --config <node>/config.json on each host)`]
        : []),
    ].join("\n"),
  );
}

/** `civitas init`: create a whole network (CA, keys, certificates, genesis, node configs). */
export const command: Command = {
  name: "init",
  summary: "create a network: CA, node keys and certificates, genesis, node configs",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        ...NETWORK_OPTIONS,
        out: { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (values.out === undefined || values.out === "")
      throw new CliError("missing --out DIR (where to create the network)", 2);
    const plan = networkPlan(values);
    const dir = resolve(values.out);
    const manifest = await initNetwork(dir, plan, values.force === true);
    printNetworkSummary(dir, manifest, plan);
    return 0;
  },
};
