// The execution benchmark: one validator builds blocks of benchmark calls (or transfers) from its
// pool, and a second node re-executes and writes each one as a follower does when it validates a
// proposal. Both run in this process, on their own temporary databases, without the network or
// the other nodes, so the figures (µs of wall time per transaction, per phase) move far less than
// the network benchmark's. Allocation sampling (--heap) and CPU profiles of the follower's
// execution (--profile DIR) show where its time goes.
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { addressOfPrivateKey } from "@civitas/node";
import { createFeeMarket1559Tx, type TypedTransaction } from "@ethereumjs/tx";
import { bytesToHex, createAddressFromString, generateAddress, hexToBytes } from "@ethereumjs/util";
import { type CheckedTx, checkRawTx } from "../packages/node/src/txpool/validateTx.ts";
import {
  openTestChain,
  removeTestDirs,
  seal,
  sortedKeys,
  testGenesis,
} from "../packages/node/test/unit/consensus/testChain.ts";
import { CHAIN_ID, common } from "../packages/node/test/unit/helpers.ts";
import { deriveKey } from "./accounts.ts";
import { compileSlotWriter } from "./contract.ts";
import { percentile } from "./stats.ts";

const USAGE = `usage: node bench/execution.ts [--senders N] [--blocks N] [--scenario calls|transfers] [--heap] [--profile DIR]
  --senders   distinct senders, one transaction each per block (default 2000; a block takes what its gas allows)
  --blocks    blocks measured after the deployment (default 8; the first is reported as warm-up)
  --scenario  calls: SlotWriter.set, one storage slot each (default); transfers: 1-wei transfers
  --heap      sample allocations during the last block and print the top allocation sites
  --profile   write a CPU profile of each follower execution to DIR`;

const { values } = parseArgs({
  options: {
    senders: { type: "string", default: "2000" },
    blocks: { type: "string", default: "8" },
    scenario: { type: "string", default: "calls" },
    heap: { type: "boolean", default: false },
    profile: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const senders = Number(values.senders);
const blocks = Number(values.blocks);
const scenario = values.scenario;
if (!Number.isInteger(senders) || senders < 1 || !Number.isInteger(blocks) || blocks < 2) {
  console.error(`--senders must be a positive integer and --blocks at least 2\n${USAGE}`);
  process.exit(2);
}
if (scenario !== "calls" && scenario !== "transfers") {
  console.error(`--scenario must be calls or transfers\n${USAGE}`);
  process.exit(2);
}

const LIMITS = { maxTxBytes: 131_072, maxGas: 30_000_000n, minGasPrice: 0n };
const keys = Array.from({ length: senders + 1 }, (_, i) => deriveKey("civitas-execution-bench", String(i)));
const addresses = keys.map(addressOfPrivateKey);
const deployer = keys[senders]!;
const validator = sortedKeys(1);
const genesis = testGenesis(validator, { accounts: addresses });
const proposer = await openTestChain(genesis);
const follower = await openTestChain(genesis);

function signed(key: Uint8Array, nonce: bigint, to: string | undefined, data: Uint8Array, gas: bigint) {
  return createFeeMarket1559Tx(
    {
      nonce,
      to: to === undefined ? undefined : createAddressFromString(to),
      value: to === undefined || scenario === "calls" ? 0n : 1n,
      gasLimit: gas,
      maxFeePerGas: 0n,
      maxPriorityFeePerGas: 0n,
      data,
      chainId: CHAIN_ID,
    },
    { common },
  ).sign(key);
}

/** Both pools take the transactions, as after gossip: decoded and their senders recovered. */
async function admit(txs: readonly TypedTransaction[]): Promise<void> {
  const checked: CheckedTx[] = txs.map((tx) => checkRawTx(tx.serialize(), common, LIMITS));
  for (const c of checked) await proposer.pool.add(c);
  for (const c of checked) await follower.pool.add(checkRawTx(c.tx.serialize(), common, LIMITS));
}

interface Phases {
  readonly txs: number;
  readonly build: number;
  readonly proposerWrite: number;
  readonly execute: number;
  readonly followerWrite: number;
  /** Milliseconds from the decision to the block served by the follower (its record on disk). */
  readonly followerServed: number;
}

/** One height: the proposer builds, seals and writes; the follower validates (executes) and writes. */
async function height(profileName?: string): Promise<Phases> {
  const t0 = performance.now();
  const block = await proposer.build(validator[0]!.address);
  const t1 = performance.now();
  const seals = seal(block, validator);
  if (!(await proposer.pipeline.commitDecided(block, seals))) throw new Error("the proposer did not commit");
  await proposer.chain.settled();
  const t2 = performance.now();
  const profiler = profileName === undefined ? undefined : new Session();
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  const t3 = performance.now();
  const check = await follower.pipeline.validate(block);
  const t4 = performance.now();
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(join(values.profile!, `${profileName}.cpuprofile`), JSON.stringify(profile));
    profiler.disconnect();
  }
  if (!check.valid) throw new Error(`the follower refused block ${block.height}: ${check.reason}`);
  // The block is served (RPC's head) once its record is on disk; its state follows (ChainStore.commitBlock).
  let servedAt = Number.NaN;
  follower.chain.once("block", () => {
    servedAt = performance.now();
  });
  if (!(await follower.pipeline.commitDecided(block, seals))) throw new Error("the follower did not commit");
  await follower.chain.settled();
  const t5 = performance.now();
  const txs = block.block.transactions.length;
  const per = (ms: number) => (ms * 1000) / Math.max(txs, 1);
  return {
    txs,
    build: per(t1 - t0),
    proposerWrite: per(t2 - t1),
    execute: per(t4 - t3),
    followerWrite: per(t5 - t4),
    followerServed: servedAt - t4,
  };
}

const fixed = (n: number) => n.toFixed(0).padStart(6);
function report(label: string, p: Phases): void {
  console.log(
    `${label.padEnd(9)} ${String(p.txs).padStart(5)} txs  build ${fixed(p.build)}  proposer write ${fixed(p.proposerWrite)}  ` +
      `follower execute ${fixed(p.execute)}  follower write ${fixed(p.followerWrite)}  (µs/tx; ` +
      `the follower served it after ${p.followerServed.toFixed(1)} ms of its write)`,
  );
}

let contract: string | undefined;
let selector: Uint8Array | undefined;
if (scenario === "calls") {
  const compiled = compileSlotWriter();
  selector = Buffer.from(compiled.selectors["set(uint256)"]!.slice(2), "hex");
  await admit([signed(deployer, 0n, undefined, Buffer.from(compiled.bytecode.slice(2), "hex"), 1_000_000n)]);
  await height();
  contract = bytesToHex(generateAddress(hexToBytes(addresses[senders] as `0x${string}`), new Uint8Array()));
}
console.log(
  `execution benchmark: ${scenario}, ${senders} senders, ${blocks} blocks of up to 30M gas, one proposer and one follower`,
);
if (values.profile) mkdirSync(values.profile, { recursive: true });
const measured: Phases[] = [];
let heapSampler: Session | undefined;
for (let b = 0; b < blocks; b++) {
  const txs = keys
    .slice(0, senders)
    .map((key, i) =>
      scenario === "calls"
        ? signed(
            key,
            BigInt(b),
            contract,
            Buffer.concat([selector!, Buffer.alloc(31), Buffer.from([b + 1])]),
            100_000n,
          )
        : signed(key, BigInt(b), addresses[(i + 1) % senders], new Uint8Array(), 21_000n),
    );
  await admit(txs);
  if (values.heap && b === blocks - 1) {
    heapSampler = new Session();
    heapSampler.connect();
    await heapSampler.post("HeapProfiler.enable");
    await heapSampler.post("HeapProfiler.startSampling", {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const phases = await height(values.profile ? `follower-${b + 1}` : undefined);
  report(b === 0 ? "warm-up" : `block ${b + 1}`, phases);
  if (b > 0) measured.push(phases);
}
const med = (pick: (p: Phases) => number) =>
  percentile(
    measured.map(pick).sort((a, b) => a - b),
    50,
  );
report("median", {
  txs: med((p) => p.txs),
  build: med((p) => p.build),
  proposerWrite: med((p) => p.proposerWrite),
  execute: med((p) => p.execute),
  followerWrite: med((p) => p.followerWrite),
  followerServed: med((p) => p.followerServed),
});

if (heapSampler) {
  const { profile } = await heapSampler.post("HeapProfiler.stopSampling");
  heapSampler.disconnect();
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: (typeof profile)["head"]) => {
    const f = node.callFrame;
    const site = `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-2).join("/")}:${f.lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  const last = measured.at(-1)!;
  console.log(
    `\nallocated during the last height (both nodes, sampled): ${(total / 1e6).toFixed(1)} MB, ` +
      `${(total / last.txs / 1024).toFixed(0)} KB per transaction; top sites:`,
  );
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${((100 * bytes) / total).toFixed(1).padStart(6)} %  ${site}`);
}
await proposer.close();
await follower.close();
removeTestDirs();
