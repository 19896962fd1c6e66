// Changing the validator set of a running network by votes (qbft_proposeValidatorVote): a new
// node is voted in and seals blocks, then a genesis validator is voted out while its process runs on.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Cluster, WAIT_MS } from "./support/cluster.ts";

let cluster: Cluster;

before(async () => {
  cluster = await Cluster.create({ validators: 4, spare: 1 });
  await cluster.startAll();
});
after(() => cluster?.stopAll());

async function validatorsAt(name: string, block = "latest"): Promise<string[]> {
  return ((await cluster.rpc(name, "qbft_getValidatorsByBlockNumber", [block])) as string[]).map((a) =>
    a.toLowerCase(),
  );
}

/** Casts `add` votes for `address` on `voters` and waits until the head's validator set reflects it. */
async function vote(voters: string[], address: string, add: boolean): Promise<number> {
  for (const v of voters)
    assert.equal(await cluster.rpc(v, "qbft_proposeValidatorVote", [address, add]), true);
  return cluster.waitFor(
    async () => {
      const set = await validatorsAt(voters[0]!);
      return set.includes(address) === add ? cluster.height(voters[0]!) : undefined;
    },
    WAIT_MS,
    `${address} to be ${add ? "voted in" : "voted out"}`,
  );
}

describe("validator set changes by vote", () => {
  it("adds a validator voted in by a majority and removes one voted out, without a fork", async () => {
    const genesis = cluster.validators();
    await cluster.waitForHeight(2, genesis);
    const { validatorAddress: added } = await cluster.addNode("validator-5", { validator: true });
    assert.ok(added);
    await cluster.start("validator-5");
    await cluster.waitForHeight(await cluster.height("validator-1"), ["validator-5"]);

    const addedAt = await vote(["validator-1", "validator-2", "validator-3"], added, true);
    const five = [...genesis, "validator-5"];
    for (const name of five) {
      await cluster.waitForHeight(addedAt, [name]);
      assert.deepEqual(
        await validatorsAt(name, `0x${addedAt.toString(16)}`),
        [...genesis.map((v) => cluster.address(v)!), added].sort(),
        name,
      );
    }
    // The new validator takes its turn as proposer (every fifth block).
    await cluster.waitForBlockProposedBy(added, addedAt, "validator-1");

    const removed = cluster.address("validator-4")!;
    const removedAt = await vote(["validator-1", "validator-2", "validator-3"], removed, false);
    const remaining = ["validator-1", "validator-2", "validator-3", "validator-5"];
    await cluster.waitForHeight(removedAt + 3, remaining);
    for (const name of five) {
      const set = await validatorsAt(name, `0x${(removedAt + 1).toString(16)}`);
      assert.deepEqual(set, remaining.map((v) => cluster.address(v)!).sort(), name);
    }
    // The removed validator's process runs on as a follower. With it and one more validator down,
    // the three left are a quorum of the new set (3 of 4), though they would not be of the old (4 of 5).
    await cluster.waitForHeight(removedAt + 3, ["validator-4"]);
    await Promise.all([cluster.kill("validator-4", "SIGKILL"), cluster.kill("validator-3", "SIGKILL")]);
    await cluster.waitForProgress(3, ["validator-1", "validator-2", "validator-5"]);
    await cluster.startAll();
    await cluster.waitForProgress(1);
    await cluster.assertNoFork();
  });
});
