// A network whose first proposer starts before the others: its proposal for block 1 goes out to no
// one, and each validator that connects later is sent it (and its other messages of the height),
// so block 1 is decided in round 0 instead of after a round timeout. Real `civitas node` processes
// over mutual TLS.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeExtraData } from "@civitas/qbft";
import { type Hex, hexToBytes } from "viem";
import { Cluster } from "./support/cluster.ts";

let cluster: Cluster;
const V = ["validator-1", "validator-2", "validator-3", "validator-4"];

before(async () => {
  // A round-0 timeout far longer than the test's start-up, so that only the replay can decide
  // block 1 in round 0.
  cluster = await Cluster.create({
    validators: 4,
    replicas: 0,
    logLevel: "debug",
    requestTimeoutSeconds: 30,
    maxRoundTimeoutSeconds: 60,
  });
});
after(() => cluster?.stopAll());

describe("a network starting one validator at a time", () => {
  it("decides block 1 in round 0 although its proposer proposed before the others were up", async () => {
    // Height 1's round-0 proposer follows the genesis coinbase (zero): the lowest address.
    const first = [...V].sort((a, b) => (cluster.address(a)! < cluster.address(b)! ? -1 : 1))[0]!;
    await cluster.start(first);
    await cluster.waitFor(
      () => cluster.logEntries(first).some((l) => l["msg"] === "block built" && l["number"] === 1),
      30_000,
      `${first} to build its proposal for block 1`,
    );
    await cluster.startAll();
    await cluster.waitForHeight(1, V);
    const block = await cluster.block(first, 1);
    assert.ok(block);
    assert.equal(decodeExtraData(hexToBytes(block.extraData as Hex)).round, 0);
    assert.ok(
      cluster.logEntries(first).some((l) => l["msg"] === "own consensus messages sent to a new peer"),
      `${first} sent its messages to the validators that connected later`,
    );
    await cluster.assertNoFork();
  });
});
