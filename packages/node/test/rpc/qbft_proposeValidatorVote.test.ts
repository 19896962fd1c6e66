import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeExtraData } from "@civitas/qbft";
import { type Hex, hexToBytes } from "viem";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

const CANDIDATE = `0x${"Ab".repeat(20)}` as Hex;

describe("qbft_proposeValidatorVote", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("refuses a bad address or a bad add flag with -32602, recording nothing", async () => {
    await t.expectError(
      "qbft_proposeValidatorVote",
      ["0x1234", true],
      -32602,
      /validatorAddress must be a 20-byte/,
    );
    await t.expectError("qbft_proposeValidatorVote", [42, true], -32602, /validatorAddress/);
    for (const bad of ["true", 1, null])
      await t.expectError("qbft_proposeValidatorVote", [CANDIDATE, bad], -32602, /add must be true or false/);
    await t.expectError("qbft_proposeValidatorVote", [CANDIDATE], -32602, /expected 2 parameters, got 1/);
    assert.deepEqual(await t.rpc("qbft_getPendingVotes"), {});
  });

  it("records the proposal, and the node casts it in the next block it proposes", async () => {
    assert.equal(await t.rpc("qbft_proposeValidatorVote", [CANDIDATE, true]), true);
    assert.deepEqual(await t.rpc("qbft_getPendingVotes"), { [CANDIDATE.toLowerCase()]: true });
    await t.produce();
    const block = await t.rpc<{ extraData: Hex; miner: Hex }>("eth_getBlockByNumber", ["latest", false]);
    assert.deepEqual(decodeExtraData(hexToBytes(block.extraData)).vote, {
      recipient: CANDIDATE.toLowerCase(),
      add: true,
    });
    // One validator is the whole network: its vote alone is a majority, so the candidate joins.
    assert.deepEqual(t.node.validators.tally.validators, [CANDIDATE.toLowerCase(), t.validator].sort());
  });
});
