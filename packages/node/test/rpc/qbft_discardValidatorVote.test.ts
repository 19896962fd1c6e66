import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

const CANDIDATE = `0x${"cd".repeat(20)}`;

describe("qbft_discardValidatorVote", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("forgets a proposal and says whether there was one", async () => {
    await t.rpc("qbft_proposeValidatorVote", [CANDIDATE, true]);
    await t.rpc("qbft_proposeValidatorVote", [t.validator, false]);
    assert.equal(
      await t.rpc("qbft_discardValidatorVote", [CANDIDATE.toUpperCase().replace("0X", "0x")]),
      true,
    );
    assert.deepEqual(await t.rpc("qbft_getPendingVotes"), { [t.validator]: false });
    assert.equal(await t.rpc("qbft_discardValidatorVote", [CANDIDATE]), false);
    assert.equal(await t.rpc("qbft_discardValidatorVote", [t.validator]), true);
    assert.deepEqual(await t.rpc("qbft_getPendingVotes"), {});
  });

  it("leaves a discarded proposal out of the next block", async () => {
    await t.rpc("qbft_proposeValidatorVote", [CANDIDATE, true]);
    await t.rpc("qbft_discardValidatorVote", [CANDIDATE]);
    const block = await t.produce();
    assert.equal(block.block.header.number, 1n);
    assert.deepEqual(t.node.validators.tally.validators, [t.validator], "no vote was cast");
  });

  it("refuses a bad address or parameter count with -32602", async () => {
    await t.expectError("qbft_discardValidatorVote", ["0xzz"], -32602, /validatorAddress must be a 20-byte/);
    await t.expectError("qbft_discardValidatorVote", [], -32602, /expected 1 parameters, got 0/);
    await t.expectError("qbft_discardValidatorVote", [CANDIDATE, true], -32602, /got 2/);
  });
});
