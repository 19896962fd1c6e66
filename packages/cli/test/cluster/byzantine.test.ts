// One of 4 validators is byzantine (support/byzantineNode.ts): it equivocates when it proposes,
// forges signatures and sends garbage and replays. The three honest validators keep making blocks,
// agree on every one, and log what they rejected.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Cluster, WAIT_MS } from "./support/cluster.ts";

const BYZANTINE = join(import.meta.dirname, "support", "byzantineNode.ts");
const HONEST = ["validator-1", "validator-2", "validator-3"];

let cluster: Cluster;

before(async () => {
  cluster = await Cluster.create({ validators: 4 });
  await Promise.all([
    ...HONEST.map((v) => cluster.start(v)),
    cluster.start("validator-4", { script: BYZANTINE }),
  ]);
});
after(() => cluster?.stopAll());

/** Codes of the consensus messages `name` rejected from `peer`, from its log. */
function rejectedCodes(name: string, peer: string): Set<string> {
  return new Set(
    cluster
      .logEntries(name)
      .filter((e) => e["msg"] === "consensus message rejected" && e["peer"] === peer)
      .map((e) => String(e["code"])),
  );
}

describe("a byzantine validator among 4", () => {
  it("cannot stop or fork the honest three, who reject its invalid messages", async () => {
    await cluster.waitFor(
      () => /byzantine: sent conflicting proposals/.test(cluster.log("validator-4")),
      WAIT_MS,
      "the byzantine validator to propose conflicting blocks",
    );
    await cluster.waitForProgress(4, HONEST);
    for (const name of HONEST) {
      const codes = rejectedCodes(name, "validator-4");
      assert.ok(codes.has("QBFT_MALFORMED_MESSAGE"), `${name} rejected: ${[...codes].join(", ")}`);
      assert.ok(codes.has("QBFT_UNKNOWN_MESSAGE_CODE"), `${name} rejected: ${[...codes].join(", ")}`);
      assert.ok(
        codes.has("QBFT_INVALID_SIGNATURE") || codes.has("QBFT_NOT_A_VALIDATOR"),
        `${name} rejected: ${[...codes].join(", ")}`,
      );
    }
    await cluster.assertNoFork(HONEST);
  });
});
