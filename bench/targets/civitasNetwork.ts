import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNetwork } from "../../packages/cli/src/network/createNetwork.ts";
import { freePortRanges } from "../../packages/cli/test/cluster/support/cluster.ts";
import { type ChainSpec, registryAlloc } from "./civitas.ts";
import { nodeFlags, portTaken, type RunningTarget, retryOnTakenPort, startProcess } from "./target.ts";

const REPO_ROOT = join(import.meta.dirname, "..", "..");

/**
 * Starts a local QBFT network of `validators` node processes on this machine (as `civitas net up`
 * would: one CA, mutual TLS between the nodes) whose genesis funds the benchmark's accounts and
 * registers its senders in the identity registry (from the benchmark's cache, see registryAlloc).
 * The load goes to the first validator's RPC, as a gateway would send it; gossip spreads it.
 */
export async function startCivitasNetwork(
  spec: ChainSpec,
  validators: number,
  profileDir?: string,
): Promise<RunningTarget> {
  return retryOnTakenPort(
    () => startNetworkOnce(spec, validators, profileDir),
    (err) => {
      process.stdout.write(
        `  a port was taken meanwhile (${err.message.split("\n").at(-1)}); starting again on other ports\n`,
      );
    },
  );
}

async function startNetworkOnce(
  spec: ChainSpec,
  validators: number,
  profileDir: string | undefined,
): Promise<RunningTarget> {
  const dir = mkdtempSync(join(tmpdir(), "civitas-bench-net-"));
  // p2p, RPC and metrics: three runs of `validators` ports each.
  const [base] = (await freePortRanges(1, 3 * validators)) as [number];
  const manifest = await createNetwork(dir, {
    validators,
    replicas: 0,
    chainId: spec.chainId,
    blockPeriodSeconds: 1,
    emptyBlockPeriodSeconds: 10,
    requestTimeoutSeconds: 4,
    accounts: 0,
    ownAccounts: { funded: spec.funded.map((a) => a.address), members: spec.senders ?? spec.funded },
    balanceWei: spec.balanceWei,
    gasLimit: spec.gasLimit,
    host: "127.0.0.1",
    p2pPortBase: base,
    rpcPortBase: base + validators,
    metricsPortBase: base + 2 * validators,
    // Registering the senders (a certificate and a binding each) takes minutes: the registry is
    // taken from the benchmark's cache, as the single-node target takes it.
    registryAlloc: async ({ timestamp }) => ({ alloc: await registryAlloc(spec, timestamp), members: [] }),
  });

  // Started together: each node builds the genesis state (slow for 100k accounts) in parallel.
  const settled = await Promise.allSettled(
    manifest.nodes.map((node, i) => {
      const args = [
        ...nodeFlags(profileDir),
        join(REPO_ROOT, "packages", "cli", "src", "main.ts"),
        "node",
        "--config",
        join(dir, "nodes", node.name, "config.json"),
      ];
      return startProcess(
        process.execPath,
        args,
        `http://127.0.0.1:${base + validators + i}`,
        join(dir, `${node.name}.log`),
        600_000,
      );
    }),
  );
  const stops = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value.stop] : []));
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(stops.map((stop) => stop()));
    const reason = (failed as PromiseRejectedResult).reason as Error;
    // A start on taken ports is retried: its directory is of no use. Otherwise the logs are kept.
    if (portTaken(reason)) rmSync(dir, { recursive: true, force: true });
    throw reason;
  }
  const pids = settled.flatMap((s) =>
    s.status === "fulfilled" && s.value.child.pid !== undefined ? [s.value.child.pid] : [],
  );
  return {
    name: "civitas",
    url: `http://127.0.0.1:${base + validators}`,
    urls: manifest.nodes.map((_, i) => `http://127.0.0.1:${base + validators + i}`),
    pids,
    async stop() {
      await Promise.all(stops.map((stop) => stop()));
      if (process.env["CIVITAS_BENCH_KEEP"]) process.stdout.write(`node logs kept in ${dir}\n`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}
