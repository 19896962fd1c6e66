import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { CliError, type Command } from "../command.ts";
import { intOption } from "../network/intOption.ts";
import { NETWORK_FILES, type NetworkManifest, readNetworkManifest } from "../network/manifest.ts";
import { DEMO_ORGANISATIONS } from "../up/demoOrganisations.ts";
import {
  assertPortsFree,
  currentPortBases,
  movePorts,
  networkPorts,
  type PortBases,
  plannedPorts,
} from "../up/ports.ts";
import { shownPath, summaryLines } from "../up/summary.ts";
import { headOf, superviseNodes, waitForChain } from "../up/supervisor.ts";
import { readUpState, UP_STATE_FILE, withStep, writeUpState } from "../up/upState.ts";

const HELP = `usage: civitas up [--datadir DIR] [--validators N] [--rpc-port BASE] [--p2p-port BASE]
                  [--metrics-port BASE] [--no-demo] [--timeout S] [--log-level LEVEL]

Starts the whole platform on this machine with demo data: the one command to try Civitas.
On first use it creates, in DIR, a network of N validators (one process each) whose genesis holds
the network's CA fingerprints, the identity registry and the services (powers of attorney,
trusted issuers and document registry), with demo organisations and their roles
(${Object.values(DEMO_ORGANISATIONS)
  .map((o) => o.id)
  .join(", ")})
and demo people with person certificates registered (keys and certificates in DIR/demo). Once
the chain runs, the registry office, the school and the tax office issue a document each to a
citizen, and a citizen grants another a power of attorney. Then it prints the JSON-RPC endpoints, where the demo keys are, and
commands to try. Running it again continues the same network and chain; demo steps already done
are not repeated (DIR/up.json records them). Ctrl-C stops every node cleanly.

  --datadir DIR        data directory (default .civitas/up)
  --validators N       validators of a new network (default 4)
  --rpc-port BASE      first JSON-RPC port; validator i gets BASE+i (default 8545)
  --p2p-port BASE      first peer-to-peer port (default 30303)
  --metrics-port BASE  first Prometheus metrics port (default 9545)
  --no-demo            a network without the demo organisations, people and steps
  --timeout S          how long to wait for the chain to start (default 120)
  --log-level LEVEL    the nodes' log level, in DIR/nodes/<name>/node.log (default info)`;

const DEFAULT_PORTS: PortBases = { rpc: 8545, p2p: 30303, metrics: 9545 };
/** Where the nodes listen and dial each other: this machine only. */
const HOST = "127.0.0.1";
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function progress(line: string): void {
  console.log(`  ${line}`);
}

/** The port bases asked for on the command line (each run of `count` ports must fit and not overlap). */
function portBases(
  values: { [option: string]: string | boolean | undefined },
  count: number,
): Partial<PortBases> {
  const bases: Partial<Record<keyof PortBases, number>> = {};
  for (const name of ["rpc", "p2p", "metrics"] as const) {
    const option = `${name}-port`;
    {
      const value = values[option];
      if (typeof value === "string") bases[name] = intOption(value, option, 0, 1, 65536 - count);
    }
  }
  return bases;
}

function checkOverlap(bases: PortBases, count: number): void {
  const names = Object.keys(bases) as (keyof PortBases)[];
  for (const a of names)
    for (const b of names)
      if (a < b && Math.abs(bases[a] - bases[b]) < count)
        throw new CliError(
          `--${a}-port ${bases[a]} and --${b}-port ${bases[b]} overlap: each needs ${count} consecutive ports`,
          2,
        );
}

/** The address of the first developer account (accounts.json). */
function firstDeveloper(dir: string): Address {
  const file = JSON.parse(readFileSync(join(dir, NETWORK_FILES.accounts), "utf8")) as {
    accounts: { address: Address }[];
  };
  return file.accounts[0]!.address;
}

async function up(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      datadir: { type: "string" },
      validators: { type: "string" },
      "rpc-port": { type: "string" },
      "p2p-port": { type: "string" },
      "metrics-port": { type: "string" },
      demo: { type: "boolean", default: true },
      timeout: { type: "string" },
      "log-level": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowNegative: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dir = resolve(values.datadir ?? join(".civitas", "up"));
  const shown = shownPath(dir);
  const timeoutS = intOption(values.timeout, "timeout", 120, 1, 3600);
  const logLevel = values["log-level"] ?? "info";
  if (!LOG_LEVELS.includes(logLevel))
    throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(", ")}, got '${logLevel}'`, 2);
  const validatorsOption =
    values.validators === undefined ? undefined : intOption(values.validators, "validators", 4, 1, 64);

  let state = readUpState(dir, shown);
  let manifest: NetworkManifest;
  let fresh = false;
  if (state === undefined) {
    const validators = validatorsOption ?? 4;
    const ports = { ...DEFAULT_PORTS, ...portBases(values, validators) };
    checkOverlap(ports, validators);
    await assertPortsFree(plannedPorts(HOST, ports, validators));
    console.log(`Creating a Civitas network in ${shown}`);
    const { createUpNetwork } = await import("../up/createUpNetwork.ts");
    try {
      ({ manifest, state } = await createUpNetwork(
        dir,
        { validators, host: HOST, ports, demo: values.demo },
        progress,
      ));
    } catch (err) {
      const { isPkiError } = await import("@civitas/pki");
      if (isPkiError(err))
        throw new CliError(`creating the network's CA failed: ${err.message} [${err.code}]`);
      throw err;
    }
    fresh = true;
  } else {
    let existing: NetworkManifest | undefined;
    try {
      existing = readNetworkManifest(dir);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    if (existing === undefined)
      throw new CliError(
        `${shown} has ${UP_STATE_FILE} but no network (${NETWORK_FILES.manifest}); remove it to start afresh`,
      );
    manifest = existing;
    if (validatorsOption !== undefined && validatorsOption !== state.validators)
      throw new CliError(
        `${shown} already holds a network of ${state.validators} validators; run without --validators, or choose another --datadir`,
        2,
      );
    console.log(
      `Continuing the Civitas network in ${shown} (${state.validators} validators, created ${state.createdAt})`,
    );
    const current = currentPortBases(dir, manifest);
    const asked = { ...current, ...portBases(values, manifest.nodes.length) };
    if (asked.rpc !== current.rpc || asked.p2p !== current.p2p || asked.metrics !== current.metrics) {
      checkOverlap(asked, manifest.nodes.length);
      manifest = movePorts(dir, manifest, asked);
      progress(`moved the nodes to JSON-RPC ports from ${asked.rpc}, peer-to-peer from ${asked.p2p}`);
    }
    const { refreshCrls } = await import("../network/refreshCrls.ts");
    for (const ca of await refreshCrls(dir)) progress(`published a fresh CRL for ${join(shown, ca)}`);
  }

  await assertPortsFree(networkPorts(dir, manifest));
  progress(
    `starting ${manifest.nodes.length} validators (logs in ${join(shown, NETWORK_FILES.nodes)}/<name>/node.log)…`,
  );
  const sup = superviseNodes(dir, manifest, logLevel);
  let failure: Error | undefined;
  try {
    const heights = await waitForChain(
      sup,
      manifest.chainId,
      fresh ? 0 : undefined,
      timeoutS * 1000,
      progress,
    );
    if (heights !== undefined) {
      const { DEMO_STEPS, demoContext, tryCommands } = await import("../up/demoSteps.ts");
      const rpcUrl = sup.alive()[0]!.node.rpcUrl;
      const ctx = demoContext(dir, shown, rpcUrl, state);
      if (state.demo && values.demo)
        for (const step of DEMO_STEPS) {
          if (sup.stopping) break;
          if (state.steps[step.name] !== undefined) continue;
          progress(`${step.progress}…`);
          // A step that fails leaves the network running; the next run tries it again.
          const result = await Promise.race([
            step.run(ctx).catch((err: Error) => err),
            sup.stopRequested.then(() => undefined),
          ]);
          if (result === undefined) break;
          if (result instanceof Error) {
            console.error(
              `  demo step '${step.name}' failed: ${(result as { shortMessage?: string }).shortMessage ?? result.message}\n  (the network keeps running; run civitas up again to retry it)`,
            );
            continue;
          }
          state = withStep(state, step.name, result);
          writeUpState(dir, state);
        }
      if (!sup.stopping) {
        const height = (await headOf(rpcUrl, manifest.chainId)) ?? Math.max(...heights.values());
        const tries = await tryCommands(ctx, state, firstDeveloper(dir));
        console.log(summaryLines(dir, manifest, state, height, tries).join("\n"));
      }
    }
  } catch (err) {
    failure = err as Error;
    console.error(`\ncivitas up: ${failure.message}`);
  }
  const reason = failure === undefined ? await sup.stopRequested : "error";
  const running = sup.alive().length;
  console.log(`\n${reason}: stopping ${running} node${running === 1 ? "" : "s"}…`);
  const killed = await sup.stop();
  if (killed.length > 0) console.error(`had to kill ${killed.join(", ")} (did not stop within 30 s)`);
  else
    console.log(
      `every node stopped cleanly; the network stays in ${shown} (run civitas up again to continue it)`,
    );
  return failure === undefined && killed.length === 0 && (reason === "SIGINT" || reason === "SIGTERM")
    ? 0
    : 1;
}

/** `civitas up`: the platform with demo data, in one command. */
export const command: Command = {
  name: "up",
  summary: "start the platform on this machine: a 4-validator network with services and demo data",
  run: up,
};
