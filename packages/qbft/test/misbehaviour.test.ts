import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type CommitMessage,
  type CommitPayload,
  createCommit,
  createPrepare,
  createProposal,
  createRoundChange,
  createSecp256k1Signer,
  encodeMessage,
  MessageCode,
  payloadSigningHash,
  type QbftMessage,
  type Signer,
} from "../src/index.ts";
import { FakeBlock, fakeCodec } from "./support/fakeBlock.ts";
import { SimNetwork } from "./support/network.ts";
import { testKey } from "./support/random.ts";

const wire = (m: QbftMessage) => encodeMessage(m, fakeCodec);

/** A 4-validator network where the test plays validators 1–3 by hand and watches node 0. */
async function setup() {
  const net = new SimNetwork({ validators: 4, seed: 11 });
  for (let i = 1; i < 4; i++) net.nodeAt(i).behaviour = "crashed";
  const target = net.nodeAt(0);
  await target.controller.start();
  const signers = [0, 1, 2, 3].map((i) => net.nodeAt(i).signer);
  return { net, target, signers };
}

test("forged signatures, replays and non-validators are refused", async () => {
  const { net, target, signers } = await setup();
  const block = new FakeBlock(1, 0, signers[0]!.address, "x");
  const prepare = wire(createPrepare(signers[1]!, 1, 0, block.digest));
  assert.equal((await net.deliver(target, prepare)).status, "accepted");
  assert.equal((await net.deliver(target, prepare)).status, "duplicate", "exact replay is dropped");
  // A re-signed copy from the same sender for the same round is still one vote.
  const again = await net.deliver(target, wire(createPrepare(signers[1]!, 1, 0, new Uint8Array(32))));
  assert.deepEqual([again.status, "code" in again && again.code], ["ignored", "QBFT_DUPLICATE_SENDER"]);
  // Flip a byte of the signature: it recovers to someone else (or nobody).
  const forged = { code: prepare.code, data: prepare.data.slice() };
  forged.data[forged.data.length - 10]! ^= 0xff;
  const forgedOutcome = await net.deliver(target, forged);
  assert.equal(forgedOutcome.status, "rejected");
  assert.ok(
    "code" in forgedOutcome &&
      ["QBFT_NOT_A_VALIDATOR", "QBFT_INVALID_SIGNATURE"].includes(forgedOutcome.code),
  );
  const outsider = createSecp256k1Signer(testKey(50));
  const fromOutsider = await net.deliver(target, wire(createPrepare(outsider, 1, 0, block.digest)));
  assert.deepEqual(
    [fromOutsider.status, "code" in fromOutsider && fromOutsider.code],
    ["rejected", "QBFT_NOT_A_VALIDATOR"],
  );
  // A COMMIT whose seal is someone else's signature.
  const stolen = createCommit(signers[3]!, block);
  const mixed = resignCommit({ ...stolen.signed.payload }, signers[2]!);
  const mixedOutcome = await net.deliver(target, wire(mixed));
  assert.deepEqual(
    [mixedOutcome.status, "code" in mixedOutcome && mixedOutcome.code],
    ["rejected", "QBFT_INVALID_COMMIT_SEAL"],
  );
});

test("a proposal by the wrong proposer or for a later round without justification is refused", async () => {
  const { net, target, signers } = await setup();
  const wrong = await net.deliver(
    target,
    wire(createProposal(signers[2]!, fakeCodec, new FakeBlock(1, 0, signers[2]!.address, "w"), [], [])),
  );
  assert.ok("code" in wrong && wrong.code === "QBFT_WRONG_PROPOSER");
  // Round 1's proposer is validator 1; two round changes are fewer than the quorum of 3.
  const rcs = [signers[2]!, signers[3]!].map((s) => createRoundChange(s, 1, 1, undefined).signed);
  const few = await net.deliver(
    target,
    wire(createProposal(signers[1]!, fakeCodec, new FakeBlock(1, 1, signers[1]!.address, "f"), rcs, [])),
  );
  assert.ok("code" in few && few.code === "QBFT_INVALID_JUSTIFICATION", JSON.stringify(few));
  // Round changes for another round do not justify round 1.
  const otherRound = [1, 2, 3].map((i) => createRoundChange(signers[i]!, 1, 2, undefined).signed);
  const wrongRound = await net.deliver(
    target,
    wire(
      createProposal(signers[1]!, fakeCodec, new FakeBlock(1, 1, signers[1]!.address, "g"), otherRound, []),
    ),
  );
  assert.ok("code" in wrongRound && wrongRound.code === "QBFT_INVALID_JUSTIFICATION");
  // A prepared round change exists, but the proposal ignores its block.
  const prepared = new FakeBlock(1, 0, signers[0]!.address, "prepared");
  const prepares = [0, 1, 2].map((i) => createPrepare(signers[i]!, 1, 0, prepared.digest).signed);
  const mixed = [
    createRoundChange(signers[2]!, 1, 1, { round: 0, block: prepared, prepares }).signed,
    ...[1, 3].map((i) => createRoundChange(signers[i]!, 1, 1, undefined).signed),
  ];
  const ignoresPrepared = await net.deliver(
    target,
    wire(createProposal(signers[1]!, fakeCodec, new FakeBlock(1, 1, signers[1]!.address, "h"), mixed, [])),
  );
  assert.ok("code" in ignoresPrepared && ignoresPrepared.code === "QBFT_INVALID_JUSTIFICATION");
  // The same with the prepared block re-proposed but only two PREPAREs attached.
  const short = await net.deliver(
    target,
    wire(createProposal(signers[1]!, fakeCodec, prepared.withRound(1), mixed, prepares.slice(0, 2))),
  );
  assert.ok("code" in short && short.code === "QBFT_INVALID_JUSTIFICATION");
  // Correctly justified: the prepared block with a quorum of PREPAREs is accepted, moving the node to round 1.
  const ok = await net.deliver(
    target,
    wire(createProposal(signers[1]!, fakeCodec, prepared.withRound(1), mixed, prepares)),
  );
  assert.equal(ok.status, "accepted");
  assert.equal(target.controller.status().round, 1);
});

test("a round change claiming a prepared round not below its target is invalid", async () => {
  const { net, target, signers } = await setup();
  const block = new FakeBlock(1, 1, signers[0]!.address, "p");
  const prepares = [0, 1, 2].map((i) => createPrepare(signers[i]!, 1, 1, block.digest).signed);
  const outcome = await net.deliver(
    target,
    wire(createRoundChange(signers[2]!, 1, 1, { round: 1, block, prepares })),
  );
  assert.ok("code" in outcome && outcome.code === "QBFT_INVALID_ROUND_CHANGE");
  const noProof = await net.deliver(
    target,
    wire(createRoundChange(signers[3]!, 1, 2, { round: 1, block, prepares: prepares.slice(0, 1) })),
  );
  assert.ok("code" in noProof && noProof.code === "QBFT_INVALID_ROUND_CHANGE");
});

test("equivocation: a second proposal for the same round is not accepted", async () => {
  const { net, target, signers } = await setup();
  const proposer = signers[0]!; // validator 0 proposes height 1 round 0
  const a = await net.deliver(
    target,
    wire(createProposal(proposer, fakeCodec, new FakeBlock(1, 0, proposer.address, "a"), [], [])),
  );
  const b = await net.deliver(
    target,
    wire(createProposal(proposer, fakeCodec, new FakeBlock(1, 0, proposer.address, "b"), [], [])),
  );
  assert.equal(a.status, "accepted");
  assert.ok("code" in b && b.code === "QBFT_ALREADY_HAVE_PROPOSAL");
});

test("future heights are buffered within bounds and applied when the height is reached", async () => {
  const net = new SimNetwork({ validators: 4, seed: 12, config: { futureMessagesPerSenderLimit: 2 } });
  const [lagging] = [net.nodeAt(3)];
  lagging.behaviour = "crashed";
  await net.start();
  assert.ok(await net.runUntil(() => net.nodeAt(0).height >= 1));
  lagging.behaviour = "honest";
  await lagging.controller.start();
  const s = [0, 1, 2].map((i) => net.nodeAt(i).signer);
  // Height 2 messages arrive while the lagging node is still at height 1.
  const block2 = new FakeBlock(2, 0, s[1]!.address, "two");
  assert.equal(
    (await net.deliver(lagging, wire(createPrepare(s[0]!, 2, 0, block2.digest)))).status,
    "buffered",
  );
  assert.equal(
    (await net.deliver(lagging, wire(createPrepare(s[0]!, 3, 0, block2.digest)))).status,
    "buffered",
  );
  const full = await net.deliver(lagging, wire(createPrepare(s[0]!, 4, 0, block2.digest)));
  assert.ok("code" in full && full.code === "QBFT_FUTURE_BUFFER_FULL");
  const far = await net.deliver(lagging, wire(createPrepare(s[1]!, 40, 0, block2.digest)));
  assert.ok("code" in far && far.code === "QBFT_TOO_FAR_AHEAD");
  // Once synced to height 1 it works on height 2 and the buffered PREPARE counts there.
  lagging.chain.push(net.nodeAt(0).chain[0]!);
  await lagging.controller.handleNewChainHead();
  assert.equal(lagging.controller.status().height, 2);
  const again = await net.deliver(lagging, wire(createPrepare(s[0]!, 2, 0, new Uint8Array(32))));
  assert.ok("code" in again && again.code === "QBFT_DUPLICATE_SENDER", "the buffered PREPARE was applied");
  assert.ok(await net.runUntil(() => net.honest().every((n) => n.height >= 3)));
  assert.deepEqual(net.violations, []);
});

/** Signs a COMMIT payload as `signer` without checking its seal, as a misbehaving peer would. */
function resignCommit(payload: CommitPayload, signer: Signer): CommitMessage {
  const scalar = (v: number) => (v === 0 ? new Uint8Array(0) : Uint8Array.of(v));
  const rlp = [scalar(payload.height), scalar(payload.round), payload.digest, payload.commitSeal];
  return {
    type: "COMMIT",
    signed: {
      payload,
      author: signer.address,
      signature: signer.sign(payloadSigningHash(MessageCode.COMMIT, rlp)),
    },
  };
}
