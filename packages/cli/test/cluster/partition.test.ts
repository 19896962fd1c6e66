// A network partition between real hosts, made with Linux network namespaces: 4 validators, each
// in its own namespace with its own address on a bridge in the root namespace. Split 2/2 (no side
// has a quorum of 3): no block and no fork; healed: blocks again, on one chain. Needs root and
// `ip netns`; skipped otherwise.
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Cluster, WAIT_MS } from "./support/cluster.ts";

const V = ["validator-1", "validator-2", "validator-3", "validator-4"];
// Names unique to this process (interface names are at most 15 characters).
const tag = `cv${process.pid % 100_000}`;
const bridge = `${tag}br`;
const ns = (i: number) => `${tag}n${i}`;
const hostSide = (i: number) => `${tag}h${i}`;

function ip(...args: string[]): string {
  return execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function inNs(i: number, ...args: string[]): string {
  return ip("netns", "exec", ns(i), "ip", ...args);
}

/** Why namespaces cannot be used here, or undefined if they can. */
function unsupported(): string | undefined {
  if (process.platform !== "linux") return "network namespaces need Linux";
  if (process.getuid?.() !== 0)
    return "network namespaces need root (run the tests as root to include this one)";
  try {
    ip("netns", "add", `${tag}probe`);
    ip("netns", "del", `${tag}probe`);
  } catch (err) {
    return `'ip netns add' does not work here: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`;
  }
  return undefined;
}

/** A /24 of 10.77.x.0 that no route of the root namespace uses yet. */
function freeSubnet(): string {
  const routes = ip("-4", "route", "show");
  for (let k = 0; k < 250; k++) {
    const x = (process.pid + k) % 250;
    if (!routes.includes(`10.77.${x}.`)) return `10.77.${x}`;
  }
  throw new Error("no free 10.77.x.0/24 subnet");
}

function removeTopology(): void {
  for (let i = 1; i <= V.length; i++) {
    for (const cmd of [
      ["netns", "del", ns(i)],
      ["link", "del", hostSide(i)],
    ]) {
      try {
        ip(...cmd);
      } catch {
        // already gone (or never made)
      }
    }
  }
  try {
    ip("link", "del", bridge);
  } catch {
    // already gone (or never made)
  }
}

/** A bridge in the root namespace (address .254) and one namespace per validator (address .i). */
function createTopology(subnet: string): void {
  ip("link", "add", bridge, "type", "bridge");
  ip("addr", "add", `${subnet}.254/24`, "dev", bridge);
  ip("link", "set", bridge, "up");
  for (let i = 1; i <= V.length; i++) {
    ip("netns", "add", ns(i));
    ip("link", "add", hostSide(i), "type", "veth", "peer", "name", `${tag}v${i}`);
    ip("link", "set", `${tag}v${i}`, "netns", ns(i));
    ip("link", "set", hostSide(i), "master", bridge);
    ip("link", "set", hostSide(i), "up");
    inNs(i, "link", "set", "lo", "up");
    inNs(i, "addr", "add", `${subnet}.${i}/24`, "dev", `${tag}v${i}`);
    inNs(i, "link", "set", `${tag}v${i}`, "up");
  }
}

const SIDES = [
  [1, 2],
  [3, 4],
];

/** Drops, in every namespace, the traffic to the other side (the root namespace still reaches all). */
function partition(subnet: string, action: "add" | "del"): void {
  for (const [side, other] of [
    [SIDES[0]!, SIDES[1]!],
    [SIDES[1]!, SIDES[0]!],
  ])
    for (const i of side!) for (const j of other!) inNs(i, "route", action, "blackhole", `${subnet}.${j}/32`);
}

const skip = unsupported();
let cluster: Cluster | undefined;
let subnet = "";

before(async () => {
  if (skip) return;
  subnet = freeSubnet();
  try {
    createTopology(subnet);
  } catch (err) {
    removeTopology();
    throw err;
  }
  cluster = await Cluster.create({ validators: 4 });
  const c = cluster;
  const p2p = V.map((v, i) => `${subnet}.${i + 1}:${c.readConfig(v).p2p.port}`);
  for (const [i, v] of V.entries()) {
    await c.reissueCertificate(v, [`${subnet}.${i + 1}`]);
    c.editConfig(v, (config) => {
      const host = `${subnet}.${i + 1}`;
      config.p2p = { ...config.p2p, host, advertise: p2p[i]!, peers: p2p.filter((_, j) => j !== i) };
      config.rpc.host = host;
      config.metrics.host = host;
    });
  }
  await Promise.all(V.map((v, i) => c.start(v, { prefix: ["ip", "netns", "exec", ns(i + 1)] })));
});

after(async () => {
  try {
    await cluster?.stopAll();
  } finally {
    if (!skip) removeTopology();
  }
});

describe("a network partition between namespaces", () => {
  it("stops without forking while split 2/2, and goes on as one chain when healed", async (t) => {
    if (skip || !cluster) return t.skip(skip);
    const c = cluster;
    await c.waitForHeight(3, V);
    partition(subnet, "add");
    // A block whose commits were under way may still land; then no side can make one.
    await c.waitFor(
      async () => {
        const a = await c.heights(V);
        await sleep(2500);
        const b = await c.heights(V);
        return JSON.stringify(a) === JSON.stringify(b);
      },
      WAIT_MS,
      "the partitioned network to stop",
    );
    const first = await c.assertNoProgress(V, 6000);
    await c.assertNoFork();
    partition(subnet, "del");
    await c.waitForHeight(Math.max(...Object.values(first)) + 3, V);
    await c.assertNoFork();
  });
});
