// `civitas up` as a newcomer runs it: a real process that creates a 4-validator network with the
// demo data, prints the summary, keeps running until Ctrl-C, and continues the same network when
// run again.
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import {
  type CivitasClient,
  createCivitasClient,
  defineCivitasChain,
  getPowersOf,
  identifierToString,
  isAuthorized,
} from "@civitas/sdk";
import { type Address, http } from "viem";
import { DEMO_ORGANISATIONS } from "../src/up/demoOrganisations.ts";
import type { DemoPersonEntry } from "../src/up/demoPeople.ts";
import type { UpState } from "../src/up/upState.ts";
import { freePortRanges, type RpcBlock, rpcCall } from "./cluster/support/cluster.ts";
import { civitas } from "./support/runCivitas.ts";

const MAIN = join(import.meta.dirname, "..", "src", "main.ts");
const ROOT = join(import.meta.dirname, "..", "..", "..");
const WAIT_MS = 120_000;
const exec = promisify(execFile);

/** A running `civitas up` and everything it printed so far. */
interface UpRun {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

function startUp(args: string[]): UpRun {
  let out = "";
  const child = spawn(process.execPath, [MAIN, "up", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => out, exited };
}

async function waitForOutput(run: UpRun, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let done = false;
  run.exited.then(() => {
    done = true;
  });
  while (!pattern.test(run.output())) {
    if (done) assert.fail(`civitas up exited before printing ${pattern}:\n${run.output()}`);
    if (Date.now() > deadline) assert.fail(`civitas up did not print ${pattern} in time:\n${run.output()}`);
    await sleep(200);
  }
}

/** The pids of a process's children (the node processes `civitas up` started). */
function childPids(pid: number): number[] {
  const ps = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ctrl-C: SIGINT to `civitas up`; every node process it started must be gone once it exits. */
async function interrupt(run: UpRun): Promise<void> {
  const nodes = childPids(run.child.pid!);
  assert.equal(nodes.length, 4, `four node processes under civitas up, got ${nodes.join(", ")}`);
  run.child.kill("SIGINT");
  assert.equal(await run.exited, 0, run.output());
  assert.match(run.output(), /SIGINT: stopping 4 nodes…/);
  assert.match(run.output(), /every node stopped cleanly/);
  const orphans = nodes.filter(isRunning);
  assert.deepEqual(orphans, [], `node processes left running: ${orphans.join(", ")}`);
}

/** The powers the demo's grantor has granted (by her registry subject reference). */
async function powersGranted(client: CivitasClient, grantor: Address): Promise<readonly bigint[]> {
  const member = await client.getMember({ account: grantor });
  assert.ok(member, `${grantor} is not a member`);
  return getPowersOf(client, { grantorRef: member.subjectRef });
}

const blockNumber = async (url: string) => Number(await rpcCall(url, "eth_blockNumber"));

describe("civitas up", () => {
  let scratch: string;
  let datadir: string;
  let args: string[];
  const runs: UpRun[] = [];

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), "civitas-up-"));
    datadir = join(scratch, "up");
    const [rpc, p2p, metrics] = await freePortRanges(3, 4);
    args = [
      "--datadir",
      datadir,
      "--rpc-port",
      String(rpc),
      "--p2p-port",
      String(p2p),
      "--metrics-port",
      String(metrics),
    ];
  });

  after(async () => {
    for (const run of runs) if (run.child.exitCode === null) run.child.kill("SIGKILL");
    rmSync(scratch, { recursive: true, force: true });
  });

  let firstHeight = 0;
  let firstState: UpState;
  let genesisHash: string;
  let rpcUrls: string[];

  it("creates the network with the demo data, prints the summary, and stops every node on Ctrl-C", async () => {
    const run = startUp(args);
    runs.push(run);
    await waitForOutput(run, /Press Ctrl-C to stop/);
    const out = run.output();
    for (const phase of [
      "creating the CA",
      "registering the demo organisations",
      "placing the services in the genesis",
      "starting 4 validators",
      "waiting for block 1",
      "issuing 3 official documents",
      "granting a power of attorney",
    ])
      assert.ok(out.includes(phase), `progress line '${phase}' missing:\n${out}`);
    assert.match(out, new RegExp(`Data directory: ${datadir}`));
    rpcUrls = [...out.matchAll(/^ {2}validator-\d+ +(http:\/\/\S+)/gm)].map((m) => m[1]!);
    assert.equal(rpcUrls.length, 4, out);
    assert.match(out, new RegExp(`${join(datadir, "demo", "keys")}/<name>.key`));

    // The four validators take turns proposing blocks, and every node follows the same chain.
    const validators = [...out.matchAll(/validator (0x[0-9a-f]{40})/g)].map((m) => m[1]!);
    assert.equal(new Set(validators).size, 4);
    const proposers = new Set<string>();
    const deadline = Date.now() + WAIT_MS;
    for (let n = 1; proposers.size < 4; ) {
      assert.ok(Date.now() < deadline, `only ${proposers.size} validators proposed blocks`);
      if ((await blockNumber(rpcUrls[0]!)) < n) {
        await sleep(500);
        continue;
      }
      const block = (await rpcCall(rpcUrls[0]!, "eth_getBlockByNumber", [
        `0x${n.toString(16)}`,
        false,
      ])) as RpcBlock;
      proposers.add(block.miner.toLowerCase());
      n += 1;
    }
    assert.deepEqual([...proposers].sort(), [...validators].sort());
    const block1 = await Promise.all(
      rpcUrls.map(
        async (url) => ((await rpcCall(url, "eth_getBlockByNumber", ["0x1", false])) as RpcBlock).hash,
      ),
    );
    assert.equal(new Set(block1).size, 1, `the nodes disagree on block 1: ${block1.join(", ")}`);
    genesisHash = ((await rpcCall(rpcUrls[0]!, "eth_getBlockByNumber", ["0x0", false])) as RpcBlock).hash;

    // The demo organisations and people are in the identity registry, as the data directory lists them.
    const client = createCivitasClient({
      chain: defineCivitasChain({ id: 1337, rpcUrl: rpcUrls[1]! }),
      transport: http(rpcUrls[1]!),
    });
    const people = JSON.parse(
      readFileSync(join(datadir, "demo", "people.json"), "utf8"),
    ) as DemoPersonEntry[];
    for (const org of Object.values(DEMO_ORGANISATIONS)) {
      const found = await client.getOrganisation({ organisation: org.id });
      assert.ok(found, `organisation ${org.id} is missing`);
      assert.equal(found.memberCount, BigInt(people.filter((p) => p.organisation === org.id).length));
      const role = await client.getRole({ organisation: org.id, role: org.role });
      assert.equal(role?.level, "TRANSACT", `role ${org.role} of ${org.id}`);
    }
    assert.ok(people.filter((p) => p.organisation === DEMO_ORGANISATIONS.citizens.id).length >= 3);
    for (const person of people) {
      const member = await client.getMember({ account: person.address });
      assert.ok(member, `${person.name} is not a member`);
      assert.equal(identifierToString(member.organisation), person.organisation);
      assert.equal(identifierToString(member.role), person.role);
      assert.equal(member.assurance, "QUALIFIED");
      const permission = await client.getPermission({ account: person.address });
      assert.equal(permission.status, "ACTIVE");
      assert.match(readFileSync(join(datadir, person.accountKey), "utf8"), /^0x[0-9a-f]{64}\n$/);
      assert.match(readFileSync(join(datadir, person.certificate), "utf8"), /BEGIN CERTIFICATE/);
    }

    // The demo's power of attorney was granted and accepted once, after start.
    firstState = JSON.parse(readFileSync(join(datadir, "up.json"), "utf8")) as UpState;
    const power = firstState.steps["power"]?.result as {
      id: string;
      grantor: Address;
      attorney: Address;
      procedure: string;
    };
    assert.ok(power, "the power step is not recorded in up.json");
    const answer = await isAuthorized(client, {
      grantor: power.grantor,
      attorney: power.attorney,
      procedure: power.procedure,
      action: "FILE_APPLICATION",
    });
    assert.deepEqual(answer, { authorized: true, reason: "AUTHORIZED", powerId: BigInt(power.id) });
    assert.deepEqual(await powersGranted(client, power.grantor), [BigInt(power.id)]);

    // The demo documents were issued and anchored once; each verifies.
    const documents = (firstState.steps["documents"]?.result as { documents: { file: string }[] } | undefined)
      ?.documents;
    assert.equal(documents?.length, 3, "the documents step is not recorded in up.json");
    for (const d of documents) {
      const r = await civitas("doc", "verify", join(datadir, d.file), "--rpc", rpcUrls[2]!);
      assert.equal(r.code, 0, `${d.file}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /^VALID$/m);
    }

    // Each command the summary suggests runs as printed.
    const commands = [...out.matchAll(/^ {2}\$ (.+)$/gm)].map((m) => m[1]!);
    assert.equal(commands.length, 3, out);
    for (const command of commands) {
      const result = await exec("sh", ["-c", command], { cwd: ROOT, encoding: "utf8" }).catch(
        (err: { code: number; stdout: string; stderr: string }) =>
          assert.fail(`'${command}' failed: ${err.stderr}`),
      );
      assert.notEqual(result.stdout.trim(), "", `'${command}' printed nothing`);
    }

    firstHeight = await blockNumber(rpcUrls[0]!);
    await interrupt(run);
  });

  it("continues the same network when run again (here on other ports), without repeating the demo", async () => {
    const [rpc, p2p] = (await freePortRanges(2, 4)) as [number, number];
    const run = startUp([
      ...args.slice(0, 2),
      "--rpc-port",
      String(rpc),
      "--p2p-port",
      String(p2p),
      ...args.slice(6),
    ]);
    runs.push(run);
    await waitForOutput(run, /Press Ctrl-C to stop/);
    const out = run.output();
    assert.match(out, /Continuing the Civitas network/);
    assert.match(out, new RegExp(`moved the nodes to JSON-RPC ports from ${rpc}, peer-to-peer from ${p2p}`));
    rpcUrls = [...out.matchAll(/^ {2}validator-\d+ +(http:\/\/\S+)/gm)].map((m) => m[1]!);
    assert.deepEqual(
      rpcUrls,
      [0, 1, 2, 3].map((i) => `http://127.0.0.1:${rpc + i}`),
    );
    assert.doesNotMatch(out, /creating the CA|issuing|granting/);
    assert.equal(
      ((await rpcCall(rpcUrls[0]!, "eth_getBlockByNumber", ["0x0", false])) as RpcBlock).hash,
      genesisHash,
    );
    assert.ok((await blockNumber(rpcUrls[0]!)) > firstHeight, "the chain did not continue");
    assert.deepEqual(JSON.parse(readFileSync(join(datadir, "up.json"), "utf8")), firstState);
    const client = createCivitasClient({
      chain: defineCivitasChain({ id: 1337, rpcUrl: rpcUrls[0]! }),
      transport: http(rpcUrls[0]!),
    });
    for (const org of Object.values(DEMO_ORGANISATIONS)) {
      const found = await client.getOrganisation({ organisation: org.id });
      assert.equal(
        found?.memberCount,
        BigInt(firstState.people.filter((p) => p.organisation === org.id).length),
        `${org.id} members`,
      );
    }
    const power = firstState.steps["power"]?.result as { id: string; grantor: Address };
    assert.deepEqual(await powersGranted(client, power.grantor), [BigInt(power.id)]);
    await interrupt(run);
  });

  it("names a busy port and the option that moves it, before creating anything", async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const port = (server.address() as { port: number }).port;
    const dir = join(scratch, "busy");
    try {
      const others = args.slice(4); // this network's free --p2p-port and --metrics-port
      const r = await civitas("up", "--datadir", dir, "--rpc-port", String(port), ...others);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${port} \\(validator-1 JSON-RPC\\)`));
      assert.match(r.stderr, /--rpc-port/);
      assert.equal(existsSync(dir), false);
    } finally {
      server.close();
    }
  });

  it("refuses a data directory of another version or of something else", async () => {
    const other = join(scratch, "other");
    mkdirSync(other);
    writeFileSync(join(other, "up.json"), JSON.stringify({ format: "civitas-up", version: 99 }));
    const r = await civitas("up", "--datadir", other);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /made by another version of civitas up \(data layout 99; this one reads 1\)/);

    const foreign = join(scratch, "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "notes.txt"), "mine");
    const f = await civitas("up", "--datadir", foreign);
    assert.equal(f.code, 1);
    assert.match(f.stderr, /is not a civitas up data directory/);
  });
});
