// Crash safety: the node is killed with SIGKILL at seeded random moments while it imports blocks
// under a steady stream of transfers, and restarted on the same data directory each time. After
// every restart the whole chain is audited (see chainAudit.ts) and every transaction whose
// receipt the node had returned before the kill must still be mined, in the same block. A clean
// stop (SIGINT) must then resume at exactly the same head. The node keeps the state of its last
// block only (--state-history 1), so it deletes replaced trie nodes from block 10 on, and the kills
// land in commits that delete nodes too; the audit checks the head's state after every restart.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Address, type Hex, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { auditChain, type ChainSnapshot } from "./chainAudit.ts";
import { type DevAccount, DevNodeProcess, removeDir } from "./devNodeProcess.ts";
import { rpc, rpcBatch, waitForReceipt } from "./jsonRpc.ts";
import { seededRandom } from "./seededRandom.ts";
import { type MinedAt, presignTransfers, type SignedTransfer, TransferLoad } from "./transferLoad.ts";

const SEED = process.env["CIVITAS_E2E_SEED"] ?? "civitas crash safety 1";
const KILLS = 6;
const SENDERS = 6;
const PER_SENDER = 1500;
const EXTRA_RECIPIENTS = 6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ProducedBlock {
  readonly number: number;
  readonly txs: number;
  readonly ms: number;
}

/** The blocks with transactions that this process life has logged as imported (built and committed). */
function loadedBlocks(stderr: string): ProducedBlock[] {
  return stderr
    .split("\n")
    .filter((line) => line.includes('"block imported"'))
    .map((line) => JSON.parse(line) as ProducedBlock)
    .filter((block) => block.txs > 0);
}

async function waitUntil(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (condition()) return;
    await sleep(50);
  }
  throw new Error(`gave up waiting until ${what}`);
}

async function chainNonces(url: string, senders: readonly DevAccount[]): Promise<number[]> {
  const counts = await rpcBatch<Hex>(
    url,
    senders.map((s) => ["eth_getTransactionCount", [s.address, "latest"]] as const),
  );
  return counts.map((c) => Number(c));
}

/** Everything the node had reported mined is mined in the same block, and only our transfers are. */
function assertNothingLost(
  snapshot: ChainSnapshot,
  mined: ReadonlyMap<Hex, MinedAt>,
  sent: ReadonlyMap<Hex, SignedTransfer>,
  previous: ChainSnapshot,
): void {
  assert.ok(snapshot.head >= previous.head, `head ${snapshot.head} is not behind ${previous.head}`);
  assert.deepEqual(
    snapshot.hashes.slice(0, previous.hashes.length),
    previous.hashes,
    "committed blocks are never rewritten",
  );
  for (const [hash, at] of mined) {
    assert.equal(snapshot.txs.get(hash), at.blockNumber, `${hash} (receipt seen in block ${at.blockNumber})`);
    assert.equal(snapshot.hashes[Number(at.blockNumber)], at.blockHash);
  }
  for (const hash of snapshot.txs.keys()) assert.ok(sent.has(hash), `${hash} is one of the sent transfers`);
}

describe("crash safety", () => {
  test("SIGKILL while importing blocks under load loses no committed block, receipt or transfer", async (t) => {
    const random = seededRandom(SEED);
    t.diagnostic(`seed: ${SEED} (set CIVITAS_E2E_SEED to replay another schedule)`);
    // No empty blocks: after a clean stop the head must be exactly where it was.
    let node = await DevNodeProcess.start({ accounts: SENDERS, emptyBlockPeriod: 3600, stateHistory: 1 });
    const dataDir = node.dataDir;
    try {
      const senders = node.accounts;
      const recipients: Address[] = [
        ...senders.map((s) => s.address),
        ...Array.from({ length: EXTRA_RECIPIENTS }, () => privateKeyToAccount(random.bytes32()).address),
      ];
      const queues = await presignTransfers(senders, recipients, PER_SENDER, node.chainId, random);
      const sent = new Map(queues.flat().map((tx) => [tx.hash, tx]));
      const mined = new Map<Hex, MinedAt>();
      let snapshot = await auditChain(node.url, dataDir, recipients);

      for (let kill = 1; kill <= KILLS; kill++) {
        const load = new TransferLoad(node.url, queues, await chainNonces(node.url, senders), mined);
        load.start();
        // Under load: wait for a seeded 1–3 loaded blocks in this life. Blocks are built when the
        // block period since the parent's (whole-second) timestamp is over, so a kill shortly after
        // a second boundary tends to land while a block is being executed and committed.
        const target = random.int(1, 3);
        await waitUntil(`${target} loaded blocks`, () => loadedBlocks(node.stderr).length >= target);
        await sleep(1000 - (Date.now() % 1000) + random.int(0, 200));
        load.halt();
        const exit = await node.stop("SIGKILL");
        await load.stop();
        assert.equal(exit.signal, "SIGKILL");
        assert.deepEqual(load.errors, [], "the node refused none of the transfers while it ran");
        const seenMined = [...load.accepted].filter((h) => mined.has(h)).length;
        const produced = loadedBlocks(node.stderr);

        node = await node.restart();
        const restarted = await auditChain(node.url, dataDir, recipients);
        assertNothingLost(restarted, mined, sent, snapshot);
        t.diagnostic(
          `kill ${kill}: ${load.accepted.size} accepted, ${seenMined} reported mined before the kill ` +
            `(last logged block ${produced.at(-1)?.number}, built in ${produced.map((b) => b.ms).join("/")} ms); ` +
            `restarted at block ${restarted.head} with ${restarted.txs.size} transfers in total`,
        );
        snapshot = restarted;
      }
      assert.ok(mined.size > 0, "receipts were seen before the kills");

      // A clean stop: drain the pool, Ctrl-C, and the restarted node is at exactly the same head.
      const load = new TransferLoad(node.url, queues, await chainNonces(node.url, senders), mined);
      load.start();
      await waitUntil("two loaded blocks", () => loadedBlocks(node.stderr).length >= 2);
      await load.stop();
      await load.drain();
      assert.deepEqual(load.errors, []);
      assert.deepEqual(await rpc(node.url, "txpool_status"), { pending: "0x0", queued: "0x0" });
      const beforeStop = await auditChain(node.url, dataDir, recipients);
      assertNothingLost(beforeStop, mined, sent, snapshot);
      const stopped = await node.stop("SIGINT");
      assert.deepEqual(stopped, { code: 0, signal: null });
      assert.match(node.stdout, /stopped cleanly/);

      node = await node.restart();
      assert.match(node.stdout, new RegExp(`continues the chain at block ${beforeStop.head}\\b`));
      const resumed = await auditChain(node.url, dataDir, recipients);
      assert.equal(resumed.head, beforeStop.head);
      assert.deepEqual(resumed.hashes, beforeStop.hashes);

      // And the chain goes on from that head.
      const sender = 0;
      const [nonce] = await chainNonces(node.url, [senders[sender]!]);
      const next = queues[sender]![nonce!]!;
      await rpc(node.url, "eth_sendRawTransaction", [next.raw]);
      const receipt = await waitForReceipt(node.url, next.hash);
      assert.equal(BigInt(receipt["blockNumber"] as string), beforeStop.head + 1n);
      const block = await rpc<{ parentHash: Hex }>(node.url, "eth_getBlockByNumber", [
        toHex(beforeStop.head + 1n),
        false,
      ]);
      assert.equal(block.parentHash, beforeStop.hashes.at(-1));
      await auditChain(node.url, dataDir, recipients);
      // Pruning ran: the chain is past the first deletions (block 10), and old state is refused.
      assert.ok(beforeStop.head > 10n, `the chain (${beforeStop.head} blocks) reached the first deletions`);
      await assert.rejects(rpc(node.url, "eth_getBalance", [senders[0]!.address, "0x1"]), /pruned/);
    } finally {
      await node.stop("SIGINT");
      removeDir(dataDir);
    }
  });
});
