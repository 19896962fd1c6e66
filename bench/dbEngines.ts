// Storage-engine measurement for the ledger node's workload: `node bench/dbEngines.ts [--quick]`.
// Prints figures for LMDB and LevelDB; it never fails on speed.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ClassicLevel } from "classic-level";
import { open } from "lmdb";
import { percentile } from "./stats.ts";

/** The writes of one block, generated before the timed commit. */
export interface BlockWrites {
  readonly trieNodes: { key: Buffer; value: Buffer }[];
  readonly block: { key: Buffer; value: Buffer };
  readonly receipts: { key: Buffer; value: Buffer };
  readonly txIndex: { key: Buffer; value: Buffer }[];
}

/** The shape of the workload: per block, trie nodes and transactions. */
export interface WorkloadShape {
  readonly trieNodesPerBlock: number;
  readonly txsPerBlock: number;
}

/** One block's writes with random content: 32-byte keys, 100–500-byte trie nodes, a block and its receipts. */
export function generateBlockWrites(shape: WorkloadShape, number: number): BlockWrites {
  const trieNodes = Array.from({ length: shape.trieNodesPerBlock }, () => ({
    key: randomBytes(32),
    value: randomBytes(100 + Math.floor(Math.random() * 401)),
  }));
  const hash = randomBytes(32);
  const numberKey = Buffer.alloc(8);
  numberKey.writeBigUInt64BE(BigInt(number));
  return {
    trieNodes,
    // ~110 bytes per EIP-1559 transfer in the block body, ~310 per receipt (bloom included).
    block: { key: hash, value: randomBytes(110 * shape.txsPerBlock) },
    receipts: { key: hash, value: randomBytes(310 * shape.txsPerBlock) },
    txIndex: Array.from({ length: shape.txsPerBlock }, (_, i) => ({
      key: randomBytes(32),
      value: Buffer.concat([hash, Buffer.from([i >> 8, i & 0xff])]),
    })),
  };
}

/** A store under test: one durable atomic commit per block, point reads of trie nodes. */
interface Engine {
  readonly name: string;
  commit(writes: BlockWrites): Promise<void>;
  read(key: Buffer): Promise<Buffer | undefined> | Buffer | undefined;
  close(): Promise<void>;
}

function openLmdb(path: string, useWritemap: boolean): Engine {
  // As the node opens it (without writemap): one environment, named databases, synchronous flushed
  // commits. With writemap, a write changes the memory map's pages in place (less CPU per commit).
  const root = open<Buffer, Buffer>({
    path,
    encoding: "binary",
    keyEncoding: "binary",
    compression: false,
    maxDbs: 8,
    overlappingSync: false,
    useWritemap,
  });
  const sub = (name: string) =>
    root.openDB<Buffer, Buffer>({ name, encoding: "binary", keyEncoding: "binary", compression: false });
  const trie = sub("trie");
  const blocks = sub("blocks");
  const receipts = sub("receipts");
  const txIndex = sub("txIndex");
  return {
    name: useWritemap ? "LMDB, writemap" : "LMDB (lmdb-js)",
    async commit(w) {
      root.transactionSync(() => {
        for (const n of w.trieNodes) trie.put(n.key, n.value);
        blocks.put(w.block.key, w.block.value);
        receipts.put(w.receipts.key, w.receipts.value);
        for (const t of w.txIndex) txIndex.put(t.key, t.value);
      });
    },
    read: (key) => trie.getBinary(key),
    close: () => root.close(),
  };
}

const PREFIX = { trie: 0x6e, blocks: 0x62, receipts: 0x72, txIndex: 0x78 };
const prefixed = (prefix: number, key: Buffer) => Buffer.concat([Buffer.of(prefix), key]);

async function openLevel(path: string): Promise<Engine> {
  // One LevelDB with a one-byte prefix per table (sublevels would only add encoding work).
  const db = new ClassicLevel<Buffer, Buffer>(path, { keyEncoding: "buffer", valueEncoding: "buffer" });
  await db.open();
  return {
    name: "LevelDB (classic-level)",
    async commit(w) {
      const ops: { type: "put"; key: Buffer; value: Buffer }[] = [];
      for (const n of w.trieNodes)
        ops.push({ type: "put", key: prefixed(PREFIX.trie, n.key), value: n.value });
      ops.push({ type: "put", key: prefixed(PREFIX.blocks, w.block.key), value: w.block.value });
      ops.push({ type: "put", key: prefixed(PREFIX.receipts, w.receipts.key), value: w.receipts.value });
      for (const t of w.txIndex)
        ops.push({ type: "put", key: prefixed(PREFIX.txIndex, t.key), value: t.value });
      await db.batch(ops, { sync: true });
    },
    read: (key) => db.get(prefixed(PREFIX.trie, key)),
    close: () => db.close(),
  };
}

/** Figures for one engine. */
interface EngineResult {
  readonly name: string;
  readonly keys: number;
  readonly commitP50: number;
  readonly commitP99: number;
  /** Median CPU time (user + system, all of the process's threads) of a commit. */
  readonly commitCpuP50: number;
  readonly trieWritesPerSecond: number;
  readonly readsPerSecond: number;
  readonly missingReads: number;
}

async function measure(
  engine: Engine,
  blocks: number,
  reads: number,
  shape: WorkloadShape,
): Promise<EngineResult> {
  const commitMs: number[] = [];
  const commitCpuMs: number[] = [];
  // Keys of every trie node written, packed in one buffer, to read back at random.
  const keys = Buffer.alloc(blocks * shape.trieNodesPerBlock * 32);
  let written = 0;
  let commitTotal = 0;
  for (let b = 0; b < blocks; b++) {
    const writes = generateBlockWrites(shape, b);
    for (const n of writes.trieNodes) n.key.copy(keys, 32 * written++);
    const cpu = process.cpuUsage();
    const t = performance.now();
    await engine.commit(writes);
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    commitMs.push(ms);
    commitCpuMs.push((used.user + used.system) / 1000);
    commitTotal += ms;
    if ((b + 1) % 50 === 0)
      process.stdout.write(`  ${engine.name}: ${b + 1}/${blocks} blocks, ${written} trie nodes\n`);
  }
  const order = Array.from({ length: reads }, () => Math.floor(Math.random() * written));
  let missing = 0;
  const t = performance.now();
  for (const i of order) {
    const value = await engine.read(keys.subarray(32 * i, 32 * i + 32));
    if (value === undefined) missing++;
  }
  const readMs = performance.now() - t;
  commitMs.sort((a, b) => a - b);
  commitCpuMs.sort((a, b) => a - b);
  return {
    name: engine.name,
    keys: written,
    commitP50: percentile(commitMs, 50),
    commitP99: percentile(commitMs, 99),
    commitCpuP50: percentile(commitCpuMs, 50),
    trieWritesPerSecond: (written * 1000) / commitTotal,
    readsPerSecond: (reads * 1000) / readMs,
    missingReads: missing,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: "boolean" }, blocks: { type: "string" }, reads: { type: "string" } },
  });
  const blocks = Number(values.blocks ?? (values.quick ? 30 : 334));
  const reads = Number(values.reads ?? (values.quick ? 20_000 : 200_000));
  const shape: WorkloadShape = { trieNodesPerBlock: 3000, txsPerBlock: 1500 };
  const [l1] = loadavg();
  process.stdout.write(
    `machine: ${cpus().length} cores, node ${process.version}, load average ${l1!.toFixed(2)}\n` +
      `workload: ${blocks} blocks × (${shape.trieNodesPerBlock} trie nodes + block + receipts + ${shape.txsPerBlock} tx-index entries), durable commit each; then ${reads} random trie-node reads\n`,
  );
  const results: EngineResult[] = [];
  for (const name of ["lmdb", "lmdb-writemap", "level"] as const) {
    const dir = mkdtempSync(join(tmpdir(), `db-bench-${name}-`));
    const engine = name === "level" ? await openLevel(dir) : openLmdb(dir, name === "lmdb-writemap");
    try {
      results.push(await measure(engine, blocks, reads, shape));
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(
    `\n${"engine".padEnd(24)} ${"keys".padStart(8)} ${"commit p50 ms".padStart(14)} ${"commit p99 ms".padStart(14)} ${"commit CPU ms".padStart(14)} ${"trie writes/s".padStart(14)} ${"reads/s".padStart(10)}\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${r.name.padEnd(24)} ${String(r.keys).padStart(8)} ${r.commitP50.toFixed(1).padStart(14)} ${r.commitP99.toFixed(1).padStart(14)} ${r.commitCpuP50.toFixed(1).padStart(14)} ${r.trieWritesPerSecond.toFixed(0).padStart(14)} ${r.readsPerSecond.toFixed(0).padStart(10)}${r.missingReads > 0 ? `  (${r.missingReads} reads MISSING)` : ""}\n`,
    );
  }
  process.stdout.write(`load average at the end: ${loadavg()[0]!.toFixed(2)}\n`);
}

if (import.meta.main) await main();
