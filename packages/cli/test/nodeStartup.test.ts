// `civitas node` stopped during a long start-up: a Ctrl-C while a large genesis is written ends
// the process at once (not after the start-up), and the next start writes the genesis again and
// serves it.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { NETWORK_FILES } from "../src/network/manifest.ts";
import { Cluster, WAIT_MS } from "./cluster/support/cluster.ts";

// Enough accounts for the genesis to take seconds to write (about 75 µs each here).
const EXTRA_ACCOUNTS = 60_000;
const BALANCE = "0x3635c9adc5dea00000"; // 1,000 ether
const NODE = "validator-1";

describe("civitas node stopped during start-up", () => {
  let cluster: Cluster | undefined;
  after(() => cluster?.stopAll());

  it("exits at once on a Ctrl-C while it writes a large genesis, and the next start writes it and serves", async () => {
    cluster = await Cluster.create({ validators: 1 });
    const net = cluster;
    const genesisPath = join(net.dir, NETWORK_FILES.genesis);
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8")) as { alloc: Record<string, unknown> };
    const address = (i: number) => `0x${(0xc1c1_0000_0000 + i).toString(16).padStart(40, "0")}`;
    for (let i = 0; i < EXTRA_ACCOUNTS; i++) genesis.alloc[address(i)] = { balance: BALANCE };
    writeFileSync(genesisPath, JSON.stringify(genesis));

    await net.start(NODE, { waitForRpc: false });
    await net.waitFor(() => /writing the genesis state/.test(net.log(NODE)), WAIT_MS, "the genesis progress");
    const first = await net.kill(NODE, "SIGINT");
    const firstLog = net.log(NODE);
    // Ended by the signal itself (a shell reports 130), not by the 10-second SIGKILL of kill().
    assert.deepEqual(first, { code: null, signal: "SIGINT" }, firstLog);
    assert.match(firstLog, /SIGINT during start-up, exiting now/);
    // Stopped while writing the genesis: the chain never opened, the node never served.
    assert.doesNotMatch(firstLog, /chain opened|civitas node validator-1 ready/);

    await net.start(NODE);
    assert.equal(await net.rpc(NODE, "eth_getBalance", [address(EXTRA_ACCOUNTS - 1), "0x0"]), BALANCE);
    assert.equal(await net.rpc(NODE, "eth_getBalance", [address(0), "0x0"]), BALANCE);
    const second = await net.kill(NODE, "SIGINT");
    assert.equal(second.code, 0, net.log(NODE));
    assert.match(net.log(NODE).slice(firstLog.length), /stopped cleanly/);
  });
});
