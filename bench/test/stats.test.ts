import assert from "node:assert/strict";
import { test } from "node:test";
import { percentile, summariseRun } from "../stats.ts";

test("percentile is nearest-rank", () => {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(percentile(xs, 50), 5);
  assert.equal(percentile(xs, 99), 10);
  assert.equal(percentile(xs, 10), 1);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test("the rate counts transactions after the first block over the first-to-last interval", () => {
  const sent = new Map([
    ["a", 0],
    ["b", 0],
    ["c", 100],
    ["d", 100],
    ["e", 200],
  ]);
  const summary = summariseRun(
    sent,
    [
      { number: 2, observedAt: 1000, txHashes: ["a", "b", "foreign"] },
      { number: 3, observedAt: 2000, txHashes: ["c", "d"] },
      { number: 4, observedAt: 3000, txHashes: ["e"] },
      { number: 5, observedAt: 4000, txHashes: [] },
    ],
    0,
  );
  assert.equal(summary.included, 5);
  assert.equal(summary.blocks, 3);
  assert.equal(summary.maxBlockTxs, 2);
  assert.equal(summary.txPerSecond, 1.5); // 3 txs after the first block, over 2 s
  // latencies: 1000, 1000, 1900, 1900, 2800
  assert.equal(summary.p50Ms, 1900);
  assert.equal(summary.p99Ms, 2800);
});

test("inclusion while the client sends is counted up to the last send", () => {
  const sent = new Map([
    ["a", 0],
    ["b", 0],
    ["c", 1000],
    ["d", 1500],
  ]);
  const blocks = [
    { number: 1, observedAt: 1000, txHashes: ["a", "b"] },
    { number: 2, observedAt: 2000, txHashes: ["c"] },
    { number: 3, observedAt: 3000, txHashes: ["d"] },
  ];
  const summary = summariseRun(sent, blocks, 0, 2000);
  assert.equal(summary.includedWhileSending, 3); // blocks 1 and 2, observed by the last send at 2000
  assert.equal(summary.txPerSecondWhileSending, 1.5); // 3 over the 2 s of sending
  const unknown = summariseRun(sent, blocks, 0);
  assert.equal(unknown.includedWhileSending, 0);
  assert.ok(Number.isNaN(unknown.txPerSecondWhileSending));
});

test("with a single block the rate is taken from the first send", () => {
  const summary = summariseRun(
    new Map([["a", 500]]),
    [{ number: 1, observedAt: 1500, txHashes: ["a"] }],
    500,
  );
  assert.equal(summary.txPerSecond, 1);
  assert.equal(summary.included, 1);
});

test("nothing included gives NaN figures, not zeros that look like measurements", () => {
  const summary = summariseRun(new Map([["a", 0]]), [], 0);
  assert.equal(summary.included, 0);
  assert.ok(Number.isNaN(summary.txPerSecond));
  assert.ok(Number.isNaN(summary.p50Ms));
});
