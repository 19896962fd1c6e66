// `civitas node` stopped during a long start-up: a Ctrl-C while a large genesis is written exits
// at once (not after the start-up), and the next start writes the genesis again and serves it.
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { freePortRanges, rpcCall } from "./cluster/support/cluster.ts";

const MAIN = join(import.meta.dirname, "..", "src", "main.ts");
// Enough accounts for the genesis to take seconds to write (about 75 µs each here).
const EXTRA_ACCOUNTS = 60_000;
const BALANCE = "0x3635c9adc5dea00000"; // 1,000 ether

const dir = mkdtempSync(join(tmpdir(), "civitas-node-startup-"));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function startNode(config: string): Started {
  const child = spawn(process.execPath, [MAIN, "node", "--config", config], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(node: Started, pattern: RegExp): Promise<void> {
  let exited = false;
  void node.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + 120_000;
  while (!pattern.test(node.output())) {
    if (exited) throw new Error(`the node exited before printing ${pattern}:\n${node.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} from the node:\n${node.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("civitas node stopped during start-up", () => {
  it("exits at once on a Ctrl-C while it writes a large genesis, and the next start writes it and serves", async () => {
    const [p2p, rpc, metrics] = (await freePortRanges(3, 1)) as [number, number, number];
    const net = join(dir, "net");
    execFileSync(process.execPath, [
      MAIN,
      "init",
      "--validators",
      "1",
      "--out",
      net,
      "--p2p-port",
      String(p2p),
      "--rpc-port",
      String(rpc),
      "--metrics-port",
      String(metrics),
    ]);
    const genesisPath = join(net, "genesis.json");
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8")) as { alloc: Record<string, unknown> };
    const address = (i: number) => `0x${(0xc1c1_0000_0000 + i).toString(16).padStart(40, "0")}`;
    for (let i = 0; i < EXTRA_ACCOUNTS; i++) genesis.alloc[address(i)] = { balance: BALANCE };
    writeFileSync(genesisPath, JSON.stringify(genesis));
    const config = join(net, "nodes", "validator-1", "config.json");

    const first = startNode(config);
    await waitForOutput(first, /writing the genesis state/);
    first.child.kill("SIGINT");
    assert.equal(await first.exited, 130, first.output());
    assert.match(first.output(), /SIGINT during start-up, exiting now/);
    // Stopped while writing the genesis: the chain never opened, the node never served.
    assert.doesNotMatch(first.output(), /chain opened|civitas node validator-1 ready/);

    const second = startNode(config);
    try {
      await waitForOutput(second, /civitas node validator-1 ready/);
      const url = `http://127.0.0.1:${rpc}`;
      const last = address(EXTRA_ACCOUNTS - 1);
      assert.equal(await rpcCall(url, "eth_getBalance", [last, "0x0"]), BALANCE);
      assert.equal(await rpcCall(url, "eth_getBalance", [address(0), "0x0"]), BALANCE);
    } finally {
      second.child.kill("SIGINT");
    }
    assert.equal(await second.exited, 0, second.output());
    assert.match(second.output(), /stopped cleanly/);
  });
});
