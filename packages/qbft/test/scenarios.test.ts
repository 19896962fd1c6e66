import assert from "node:assert/strict";
import { test } from "node:test";
import { RLP } from "@ethereumjs/rlp";
import { MessageCode } from "../src/index.ts";
import { reliableLink, SimNetwork } from "./support/network.ts";

const reached = (net: SimNetwork, height: number) => () => net.honest().every((n) => n.height >= height);

for (const n of [4, 7]) {
  test(`normal rounds: ${n} validators commit 5 blocks in round 0 with rotating proposers`, async () => {
    const net = new SimNetwork({ validators: n, seed: n });
    await net.start();
    assert.ok(await net.runUntil(reached(net, 5)));
    const chain = net.nodes[0]!.chain;
    for (const entry of chain) assert.equal(entry.block.round, 0);
    // Height 1 is proposed by validator 0 (genesis coinbase is zero), then each next validator.
    assert.deepEqual(
      chain.slice(0, 5).map((e) => e.block.proposer),
      [0, 1, 2, 3, 4].map((i) => net.validators[i % n]),
    );
    assert.deepEqual(net.violations, []);
  });
}

test("proposer offline: round 0 times out, the round-1 proposer commits a new block", async () => {
  const net = new SimNetwork({ validators: 4, seed: 3 });
  net.nodeAt(0).behaviour = "crashed";
  await net.start();
  assert.ok(await net.runUntil(reached(net, 1)));
  const first = net.nodeAt(1).chain[0]!.block;
  assert.equal(first.round, 1);
  assert.equal(first.proposer, net.validators[1]);
  assert.ok(
    net
      .nodeAt(1)
      .scheduled.some((s) => s.timer.kind === "round" && s.timer.round === 1 && s.delayMs === 4000),
  );
  assert.ok(await net.runUntil(reached(net, 4)));
  assert.deepEqual(net.violations, []);
});

test("round change with a prepared block: the prepared block is re-proposed and committed", async () => {
  // Drop every COMMIT of height 1 round 0: all nodes prepare the round-0 block but cannot decide.
  const dropRound0Commits = (
    from: number,
    to: number,
    m: { code: number; data: Uint8Array },
    rand: () => number,
  ) => (m.code === MessageCode.COMMIT && isRound0(m.data) ? undefined : reliableLink(from, to, m, rand));
  const net = new SimNetwork({ validators: 4, seed: 5, link: dropRound0Commits });
  await net.start();
  assert.ok(await net.runUntil(reached(net, 1)));
  const block = net.nodeAt(2).chain[0]!.block;
  assert.equal(block.round, 1, "decided in round 1");
  assert.equal(block.proposer, net.validators[0], "still the round-0 proposer's block");
  assert.match(block.tag, /r0$/, "created in round 0");
  assert.deepEqual(net.violations, []);
});

test("round change without a prepared block: the new proposer builds a fresh block", async () => {
  // Drop every PREPARE of round 0: nobody prepares, round 1's proposer may choose freely.
  const net = new SimNetwork({
    validators: 4,
    seed: 6,
    link: (f, t, m, r) =>
      m.code === MessageCode.PREPARE && isRound0(m.data) ? undefined : reliableLink(f, t, m, r),
  });
  await net.start();
  assert.ok(await net.runUntil(reached(net, 1)));
  const block = net.nodeAt(0).chain[0]!.block;
  assert.equal(block.round, 1);
  assert.equal(block.proposer, net.validators[1]);
  assert.match(block.tag, /r1$/);
});

test("equivocating proposer: honest nodes never commit both twins and the chain goes on", async () => {
  const net = new SimNetwork({ validators: 4, seed: 9 });
  net.nodeAt(0).behaviour = "equivocating";
  await net.start();
  assert.ok(await net.runUntil(reached(net, 5)));
  assert.deepEqual(net.violations, []);
});

test("round timeouts stop growing at the configured cap", async () => {
  const net = new SimNetwork({
    validators: 4,
    seed: 2,
    config: { requestTimeoutSeconds: 1, maxRoundTimeoutSeconds: 5 },
  });
  // Two of four down: no quorum, rounds keep failing.
  net.nodeAt(2).behaviour = "crashed";
  net.nodeAt(3).behaviour = "crashed";
  await net.start();
  await net.runUntil(() => false, 120_000);
  const delays = net
    .nodeAt(0)
    .scheduled.filter((s) => s.timer.kind === "round")
    .map((s) => s.delayMs);
  assert.ok(delays.length > 10, `many rounds ran (${delays.length})`);
  assert.deepEqual(delays.slice(0, 4), [1000, 2000, 4000, 5000]);
  assert.ok(delays.every((d) => d <= 5000));
  assert.equal(net.nodeAt(0).height, 0, "no progress without a quorum");
});

// PREPARE/COMMIT bodies are RLP([[height, round, digest, ...], signature]); round 0 is the empty string.
function isRound0(data: Uint8Array): boolean {
  const [payload] = RLP.decode(data) as Uint8Array[][];
  return payload![0]![0] === 1 && payload![1]!.length === 0;
}

test("idle chain: blocks come every emptyBlockPeriodSeconds without round changes; a transaction shortens the wait", async () => {
  const net = new SimNetwork({ validators: 4, seed: 11, config: { emptyBlockPeriodSeconds: 10 } });
  net.pendingTransactions = false;
  await net.start();
  assert.ok(await net.runUntil(reached(net, 3)));
  const chain = net.nodes[0]!.chain;
  for (const [i, entry] of chain.slice(1, 3).entries()) {
    const gap = entry.timestamp - chain[i]!.timestamp;
    assert.ok(gap >= 10 && gap <= 11, `empty block ${i + 2} came ${gap} s after its parent`);
  }
  for (const node of net.nodes) {
    assert.deepEqual(
      node.scheduled.filter((s) => s.timer.kind === "round" && s.timer.round > 0),
      [],
      `node ${node.index} started a round change`,
    );
  }
  // A transaction arrives 2 s into the next height: the node fires the block timer again.
  const parentTime = chain[2]!.timestamp;
  net.at(2000, async () => {
    net.pendingTransactions = true;
    for (const node of net.nodes)
      await node.controller.handleTimer({ kind: "block", height: node.height + 1 });
  });
  assert.ok(await net.runUntil(reached(net, 4)));
  const gap = chain[3]!.timestamp - parentTime;
  assert.ok(gap >= 2 && gap <= 3, `the block with a transaction came ${gap} s after its parent`);
  assert.deepEqual(net.violations, []);
});
