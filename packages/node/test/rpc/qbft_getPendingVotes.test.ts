import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

const A = `0x${"0a".repeat(20)}`;
const B = `0x${"0b".repeat(20)}`;

describe("qbft_getPendingVotes", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is an empty object when nothing is proposed", async () => {
    assert.deepEqual(await t.rpc("qbft_getPendingVotes"), {});
  });

  it("maps each proposed address (lowercase) to true for add and false for drop, the latest proposal winning", async () => {
    await t.rpc("qbft_proposeValidatorVote", [A.toUpperCase().replace("0X", "0x"), false]);
    await t.rpc("qbft_proposeValidatorVote", [B, false]);
    await t.rpc("qbft_proposeValidatorVote", [A, true]);
    assert.deepEqual(await t.rpc("qbft_getPendingVotes"), { [A]: true, [B]: false });
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("qbft_getPendingVotes", [A], -32602, /expected 0 parameters, got 1/);
  });
});
