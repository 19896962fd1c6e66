import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesToHex } from "@noble/hashes/utils.js";
import {
  type Address,
  createCommit,
  createGenesisExtraData,
  createPrepare,
  createProposal,
  createRoundChange,
  createSecp256k1Signer,
  decodeExtraData,
  decodeMessage,
  encodeExtraData,
  encodeMessage,
  faultTolerance,
  quorum,
  recoverAddress,
  roundTimeoutMs,
  selectProposer,
  verifyCommitSeals,
} from "../src/index.ts";
import { FakeBlock, fakeCodec } from "./support/fakeBlock.ts";
import { testKey } from "./support/random.ts";

const signers = [0, 1, 2, 3].map((i) => createSecp256k1Signer(testKey(i)));
const ctx = { codec: fakeCodec, recover: recoverAddress };

test("quorum and f follow the spec for n = 1..7", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(quorum), [1, 2, 2, 3, 4, 4, 5]);
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(faultTolerance), [0, 0, 0, 1, 1, 1, 2]);
});

test("proposer rotates from the previous proposer by round, as Besu", () => {
  const v = ["0x01", "0x02", "0x03", "0x04"].map((x) => x.padEnd(42, "0")) as Address[];
  assert.equal(selectProposer(v[1]!, v, 0), v[2]);
  assert.equal(selectProposer(v[1]!, v, 1), v[3]);
  assert.equal(selectProposer(v[3]!, v, 0), v[0]);
  // Genesis (zero coinbase): the first validator after it, with no +1.
  assert.equal(selectProposer(`0x${"0".repeat(40)}`, v, 0), v[0]);
  assert.equal(selectProposer(`0x${"0".repeat(40)}`, v, 2), v[2]);
  // A removed previous proposer: the next one in sorted order takes its place.
  const removed = "0x025".padEnd(42, "0") as Address;
  assert.equal(selectProposer(removed, v, 0), v[2]);
});

test("round timeouts double and stop at the cap", () => {
  const cfg = { requestTimeoutSeconds: 4, maxRoundTimeoutSeconds: 60 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 30, 2000].map((r) => roundTimeoutMs(cfg, r)),
    [4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000],
  );
});

test("extraData matches Besu's genesis layout and round-trips votes, round and seals", () => {
  const validators = signers.map((s) => s.address);
  const genesis = createGenesisExtraData(validators);
  // f87a a0<32 zero bytes> f854 (4 × 94<address>) c0 80 c0, as in Besu's QBFT genesis docs.
  assert.equal(bytesToHex(genesis.subarray(0, 3)), "f87aa0");
  assert.equal(bytesToHex(genesis.subarray(35, 37)), "f854");
  assert.equal(bytesToHex(genesis.subarray(genesis.length - 3)), "c080c0");
  assert.deepEqual(decodeExtraData(genesis).validators, [...validators].sort());
  const seal = signers[0]!.sign(new Uint8Array(32).fill(7));
  const extra = {
    vanity: new Uint8Array(32),
    validators,
    vote: { recipient: validators[1]!, add: true },
    round: 300,
    seals: [seal],
  };
  const encoded = encodeExtraData(extra);
  assert.ok(bytesToHex(encoded).includes(`${validators[1]!.slice(2)}81ff`), "ADD vote is the byte 0xff");
  assert.deepEqual(decodeExtraData(encoded), extra);
  const drop = encodeExtraData({ ...extra, vote: { recipient: validators[1]!, add: false } });
  assert.ok(bytesToHex(drop).includes(`${validators[1]!.slice(2)}80`), "DROP vote is the empty string");
  assert.equal(decodeExtraData(drop).vote?.add, false);
  assert.throws(() => decodeExtraData(Uint8Array.of(0xc0)), { code: "QBFT_MALFORMED_EXTRA_DATA" });
});

test("every message type round-trips through the wire format and recovers its author", () => {
  const block = new FakeBlock(5, 1, signers[2]!.address, "b");
  const prepares = signers.slice(0, 3).map((s) => createPrepare(s, 5, 0, block.withRound(0).digest).signed);
  const rc = createRoundChange(signers[1]!, 5, 1, { round: 0, block: block.withRound(0), prepares });
  const messages = [
    createPrepare(signers[0]!, 5, 1, block.digest),
    createCommit(signers[3]!, block),
    rc,
    createRoundChange(signers[0]!, 5, 2, undefined),
    createProposal(signers[2]!, fakeCodec, block, [rc.signed], prepares),
  ];
  for (const m of messages) {
    const wire = encodeMessage(m, fakeCodec);
    const back = decodeMessage(wire.code, wire.data, ctx);
    assert.equal(back.type, m.type);
    assert.equal(back.signed.author, m.signed.author);
    assert.deepEqual(encodeMessage(back, fakeCodec), wire);
  }
  assert.throws(() => decodeMessage(0x16, new Uint8Array([0xc0]), ctx), {
    code: "QBFT_UNKNOWN_MESSAGE_CODE",
  });
  assert.throws(() => decodeMessage(0x13, new Uint8Array([0xc1, 0x80]), ctx), {
    code: "QBFT_MALFORMED_MESSAGE",
  });
});

test("commit seals: a quorum of distinct validators is required", () => {
  const hash = new Uint8Array(32).fill(9);
  const validators = signers.map((s) => s.address);
  const seals = signers.map((s) => s.sign(hash));
  assert.equal(verifyCommitSeals(hash, seals.slice(0, 3), validators, recoverAddress).length, 3);
  assert.throws(() => verifyCommitSeals(hash, seals.slice(0, 2), validators, recoverAddress), {
    code: "QBFT_INVALID_SEALS",
  });
  assert.throws(
    () => verifyCommitSeals(hash, [seals[0]!, seals[0]!, seals[1]!], validators, recoverAddress),
    /two commit seals/,
  );
  const outsider = createSecp256k1Signer(testKey(9)).sign(hash);
  assert.throws(
    () => verifyCommitSeals(hash, [outsider, ...seals.slice(0, 3)], validators, recoverAddress),
    /not a validator/,
  );
  assert.throws(() => verifyCommitSeals(new Uint8Array(32), seals.slice(0, 3), validators, recoverAddress), {
    code: "QBFT_INVALID_SEALS",
  });
});
