import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { decodeExtraData } from "@civitas/qbft";
import { RLP } from "@ethereumjs/rlp";
import { createFeeMarket1559Tx } from "@ethereumjs/tx";
import {
  Address,
  bigIntToBytes,
  bytesToHex,
  createAddressFromString,
  generateAddress,
  hexToBytes,
} from "@ethereumjs/util";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { pino } from "pino";
import { commitSealHash, qbftBlockHash } from "../../../src/chain/blockHashing.ts";
import { Chain } from "../../../src/chain/chain.ts";
import { BlockPipeline } from "../../../src/consensus/blockPipeline.ts";
import { ValidatorSet } from "../../../src/consensus/validatorSet.ts";
import { addressOfPrivateKey } from "../../../src/crypto/accountKeys.ts";
import { keccak256, signHash } from "../../../src/crypto/nativeCrypto.ts";
import { BufferedTrieDb } from "../../../src/db/bufferedTrieDb.ts";
import { metaKey, type NodeDatabase, openNodeDatabase } from "../../../src/db/openNodeDatabase.ts";
import { createDevGenesis } from "../../../src/genesis/devGenesis.ts";
import { parseGenesis } from "../../../src/genesis/genesisConfig.ts";
import { createLogger } from "../../../src/logger.ts";
import { TxPool } from "../../../src/txpool/txPool.ts";
import { checkRawTx } from "../../../src/txpool/validateTx.ts";
import { CHAIN_ID, common, newKey, transfer } from "../helpers.ts";
import { openChainOn } from "./testChain.ts";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const validator = newKey();
const alice = newKey();
const bob = newKey();
const genesisJson = JSON.stringify(
  createDevGenesis({
    chainId: Number(CHAIN_ID),
    validators: [validator.address],
    accounts: [alice.address],
    balanceWei: 1_000_000n,
    blockPeriodSeconds: 1,
    emptyBlockPeriodSeconds: 60,
    gasLimit: 30_000_000n,
    timestamp: 1_700_000_000,
  }),
);

type Write = (fn: () => void) => Promise<unknown>;

/**
 * Puts `replace` in the way of the database's write transactions: it gets each one's function,
 * the real write and how many came before it. Returns a function that puts the real write back.
 */
function interceptWrites(
  db: NodeDatabase,
  replace: (fn: () => void, write: Write, count: number) => Promise<unknown>,
): () => void {
  const write = db.root.batch.bind(db.root) as Write;
  let count = 0;
  db.root.batch = ((fn: () => void) => replace(fn, write, count++)) as typeof db.root.batch;
  return () => {
    db.root.batch = write as typeof db.root.batch;
  };
}

/** Lets the first write (a block's record) through and fails the others: a process killed between them. */
const killAfterRecord = (db: NodeDatabase): (() => void) =>
  interceptWrites(db, (fn, write, count) => (count === 0 ? write(fn) : Promise.reject(new Error("killed"))));

async function openChain(
  dir: string,
  executionBudget = { solo: 0.7, shared: 0.35 },
  log = createLogger("silent"),
  onCommitted: ConstructorParameters<typeof BlockPipeline>[5] = () => undefined,
) {
  const db = openNodeDatabase(dir);
  const trieDb = new BufferedTrieDb(db.trie);
  const chain = await openChainOn(db, genesisJson, trieDb);
  // Room for more than a block of one sender's transfers (30M gas: 1,428).
  const pool = new TxPool(
    async (sender) => {
      const account = await chain.stateAt(chain.tip).getAccount(createAddressFromString(sender));
      return { nonce: account?.nonce ?? 0n, balance: account?.balance ?? 0n };
    },
    { maxPerSender: 2_000, maxNonceGap: 2_000n },
  );
  const genesis = parseGenesis(JSON.parse(genesisJson));
  const validators = ValidatorSet.open(chain.store, Number(chain.head.block.header.number), 30_000, []);
  const pipeline = new BlockPipeline(
    chain,
    pool,
    validators,
    { qbft: genesis.qbft, executionBudget },
    log,
    onCommitted,
  );
  // What a lone validator does each height: build, seal (a quorum of one), commit.
  const producer = {
    async produce() {
      const block = await buildOnTip(chain, pipeline);
      assert.ok(await pipeline.commitDecided(block, [signHash(block.digest, validator.key)]));
      await chain.settled();
      return chain.head;
    },
    async close() {},
  };
  return { chain, pool, producer, pipeline, validators, trieDb, db };
}

/** The lone validator's next block on the tip, one second after it, unsealed. */
function buildOnTip(chain: Chain, pipeline: BlockPipeline) {
  const tip = chain.tip.block.header;
  return pipeline.build(
    Number(tip.number) + 1,
    0,
    Number(tip.timestamp) + 1,
    validator.address as `0x${string}`,
  );
}

async function balance(chain: Chain, address: string): Promise<bigint> {
  return (await chain.stateAt(chain.head).getAccount(createAddressFromString(address)))?.balance ?? 0n;
}

/** A chain on a fresh directory whose pool holds alice's 1-wei transfers to bob with `nonces`. */
async function chainWithTransfers(
  budget: { solo: number; shared: number },
  nonces: readonly bigint[],
  log?: ReturnType<typeof createLogger>,
) {
  const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
  dirs.push(dir);
  writeFileSync(join(dir, "genesis.json"), genesisJson);
  const opened = await openChain(dir, budget, log);
  const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
  for (const n of nonces)
    await opened.pool.add(
      checkRawTx(transfer(alice.key, n, { to: bob.address, value: 1n }).serialize(), common, limits),
    );
  return opened;
}

/**
 * The next block built on a fresh chain whose pool holds `count` of alice's transfers, with
 * `meanwhile` run in the build's first turn of the event loop: its size and the build's debug line.
 */
async function buildLogged(budget: { solo: number; shared: number }, count: number, meanwhile?: () => void) {
  const logs: Array<Record<string, unknown>> = [];
  const log = pino({ level: "debug" }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const { chain, pipeline } = await chainWithTransfers(budget, nonceRange(0, count), log);
  const building = buildOnTip(chain, pipeline);
  if (meanwhile) setImmediate(meanwhile);
  const block = await building;
  await chain.discard();
  await chain.close();
  const built = logs.find((l) => l["msg"] === "block built");
  assert.ok(built, "the build is logged at debug level");
  return { txs: block.block.transactions.length, built };
}

/** Nonces from..from+count-1. */
const nonceRange = (from: number, count: number) => Array.from({ length: count }, (_, i) => BigInt(from + i));

describe("block production and persistence", () => {
  it("a lone validator executes for its solo share of the block period", async () => {
    // 300 transfers take well over a millisecond to execute: a zero share defers most of them.
    const included = async (budget: { solo: number; shared: number }) => {
      const { chain, producer } = await chainWithTransfers(budget, nonceRange(0, 300));
      const block = await producer.produce();
      await chain.close();
      return block.block.transactions.length;
    };
    assert.equal(await included({ solo: 1, shared: 0 }), 300);
    const cut = await included({ solo: 0, shared: 1 });
    assert.ok(cut < 300, `with no solo share, ${cut} of 300 were executed`);
  });

  it("stops taking transactions from the pool once its time is up or its gas is used", async () => {
    const build = async (budget: { solo: number; shared: number }, count: number) => {
      const { txs, built } = await buildLogged(budget, count);
      return { txs, looked: txs + Number(built["deferred"]) };
    };
    // No time at all (the clock may not tick before the first one): one transaction is looked at
    // and left, the other 298 or 299 are not.
    const none = await build({ solo: 0, shared: 0 }, 300);
    assert.ok(none.txs <= 1, `${none.txs} executed in no time`);
    assert.equal(none.looked, none.txs + 1);
    // Time enough, gas for 1,428 transfers (30M, as many as a block can hold): the last 72 of the
    // pool are not looked at.
    const full = await build({ solo: 10, shared: 10 }, 1_500);
    assert.deepEqual(full, { txs: 1_428, looked: 1_428 });
  });

  it("does not count the time a build gave the event loop against its execution budget", async () => {
    // A build of 1,000 transfers with 5 % of the block period to execute (50 ms, five slices: a
    // part of them, unless a transfer took under 50 µs), alone or with 600 ms of other work run in
    // its first turn of the event loop.
    // The build's debug line says how long it gave the event loop and how much CPU it used.
    const included = async (busyMs: number) => {
      let busyCpuMs = 0;
      const { txs, built } = await buildLogged({ solo: 0.05, shared: 0.05 }, 1000, () => {
        const cpu = process.threadCpuUsage();
        const until = performance.now() + busyMs;
        while (performance.now() < until);
        const used = process.threadCpuUsage(cpu);
        busyCpuMs = (used.user + used.system) / 1000;
      });
      return { txs, yieldedMs: built["yieldedMs"] as number, cpuMs: built["cpuMs"] as number, busyCpuMs };
    };
    await included(0); // once for the JIT, so that both builds compared run on warm code
    const alone = await included(0);
    assert.ok(alone.txs < 1000, `the budget cuts the block (${alone.txs} of 1000)`);
    assert.ok(alone.yieldedMs < 600, `${alone.yieldedMs} ms given to the event loop with nothing to run`);
    // Counted against the budget, the 600 ms would end the build after its first slice (a fifth).
    const interrupted = await included(600);
    assert.ok(
      interrupted.txs >= alone.txs / 3,
      `${interrupted.txs} transfers executed around 600 ms of other work, ${alone.txs} without it`,
    );
    // The other work ran while the build had given the event loop its turn, on this thread's CPU
    // (as much as the machine gave it: its own measure, since other processes may share the cores).
    assert.ok(interrupted.yieldedMs >= 590, `${interrupted.yieldedMs} ms given to the event loop`);
    assert.ok(
      interrupted.cpuMs >= Math.floor(interrupted.busyCpuMs),
      `${interrupted.cpuMs} ms of CPU during the build, ${interrupted.busyCpuMs} of them in the other work`,
    );
  });

  it("lets the event loop run while a long block executes, until a second block's worth waits", async () => {
    // Event-loop turns while building a block of 300 transfers, with `waiting` more transactions
    // in the pool that cannot go in it (future nonces, after a gap).
    const turnsDuringBuild = async (waiting: number) => {
      const { chain, pipeline } = await chainWithTransfers({ solo: 1, shared: 1 }, [
        ...nonceRange(0, 300),
        ...nonceRange(301, waiting),
      ]);
      // Everything a build awaits is settled at once (the store is read synchronously): without
      // the slices, no I/O callback could run until the whole block had executed.
      let done = false;
      let turns = 0;
      const turn = () => {
        if (done) return;
        turns++;
        setImmediate(turn);
      };
      setImmediate(turn);
      const started = performance.now();
      const block = await buildOnTip(chain, pipeline);
      done = true;
      const ms = performance.now() - started;
      assert.equal(block.block.transactions.length, 300);
      await chain.discard();
      await chain.close();
      return { turns, ms };
    };
    // 300 transfers execute for well over two slices.
    const alone = await turnsDuringBuild(0);
    assert.ok(
      alone.turns >= 2,
      `${alone.turns} event-loop turns during ${alone.ms.toFixed(0)} ms of execution`,
    );
    // With the next block's worth already in the pool, arriving requests wait for the block.
    const backlog = await turnsDuringBuild(300);
    assert.equal(backlog.turns, 0, `no turn during ${backlog.ms.toFixed(0)} ms of execution`);
  });

  it("seals, executes, commits and survives a reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    writeFileSync(join(dir, "genesis.json"), genesisJson);
    const { chain, pool, producer } = await openChain(dir);
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    const ok0 = transfer(alice.key, 0n, { to: bob.address, value: 1000n });
    const ok1 = transfer(alice.key, 1n, { to: bob.address, value: 2000n });
    await pool.add(checkRawTx(ok0.serialize(), common, limits));
    await pool.add(checkRawTx(ok1.serialize(), common, limits));
    // Accepted by the pool while funded, then made invalid at execution: spends more than remains.
    const overspend = transfer(alice.key, 2n, { to: bob.address, value: 999_000n });
    await pool.add(checkRawTx(overspend.serialize(), common, limits));

    const block = await producer.produce();
    const header = block.block.header;
    assert.equal(header.number, 1n);
    assert.deepEqual(
      block.block.transactions.map((t) => t.nonce),
      [0n, 1n],
      "the overspending transaction was left out",
    );
    assert.equal(pool.size, 0, "included and invalid transactions left the pool");

    // The seal is the validator's signature over the commit-seal hash.
    const extra = decodeExtraData(header.extraData);
    assert.deepEqual(extra.validators, [validator.address]);
    assert.equal(extra.seals.length, 1);
    const seal = extra.seals[0]!;
    const pub = secp256k1.Signature.fromBytes(seal.subarray(0, 64), "compact")
      .addRecoveryBit(seal[64]!)
      .recoverPublicKey(commitSealHash(header))
      .toBytes(false);
    assert.equal(
      `0x${Buffer.from(keccak256(pub.subarray(1)).subarray(12)).toString("hex")}`,
      validator.address,
    );
    assert.equal(addressOfPrivateKey(validator.key), validator.address);
    assert.deepEqual(Buffer.from(block.hash), Buffer.from(qbftBlockHash(header)));
    assert.notDeepEqual(
      Buffer.from(block.hash),
      Buffer.from(keccak256(header.serialize())),
      "the QBFT hash excludes the seals",
    );
    assert.deepEqual(Buffer.from(header.parentHash), Buffer.from(chain.genesis.hash));

    // Receipts and indexes are stored with the block.
    const receipts = chain.store.getReceipts(block.hash)!;
    assert.deepEqual(
      receipts.map((r) => [r.status, r.cumulativeGasUsed]),
      [
        [1, 21_000n],
        [1, 42_000n],
      ],
    );
    const location = chain.store.getTxLocation(ok1.hash())!;
    assert.deepEqual([Buffer.from(location.blockHash), location.index], [Buffer.from(block.hash), 1]);
    assert.equal(await balance(chain, bob.address), 3000n);
    assert.equal(await balance(chain, alice.address), 1_000_000n - 3000n);

    const empty = await producer.produce();
    assert.equal(empty.block.transactions.length, 0);
    assert.deepEqual(Buffer.from(empty.block.header.stateRoot), Buffer.from(header.stateRoot));
    await producer.close();
    await chain.close();

    const reopened = await openChain(dir);
    assert.equal(reopened.chain.head.block.header.number, 2n);
    assert.deepEqual(Buffer.from(reopened.chain.head.hash), Buffer.from(empty.hash));
    assert.equal(await balance(reopened.chain, bob.address), 3000n);
    assert.deepEqual(Buffer.from(reopened.chain.store.getBlockByNumber(1n)!.hash), Buffer.from(block.hash));
    await reopened.chain.close();
  });

  it("commits a block with more trie nodes than one transaction takes, all of them durable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    writeFileSync(join(dir, "genesis.json"), genesisJson);
    const { chain, pool, producer, trieDb } = await openChain(dir);
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    await pool.add(
      checkRawTx(transfer(alice.key, 0n, { to: bob.address, value: 5n }).serialize(), common, limits),
    );
    // Beside the block's own nodes, 10,000 more pending ones: three chunks of nodes in all.
    const extra = Array.from(
      { length: 10_000 },
      (_, i) => [keccak256(Uint8Array.of(i >> 8, i & 255)), Uint8Array.of(i & 255, 1)] as const,
    );
    for (const [key, value] of extra) await trieDb.put(Buffer.from(key).toString("hex"), value);
    const block = await producer.produce();
    assert.equal(trieDb.pendingCount, 0);
    await chain.close();

    const reopened = await openChain(dir);
    assert.deepEqual(Buffer.from(reopened.chain.head.hash), Buffer.from(block.hash));
    assert.equal(await balance(reopened.chain, bob.address), 5n);
    for (const [key, value] of extra) assert.deepEqual(reopened.trieDb.getBytes(key), value);
    await reopened.chain.close();
  });

  it("executes the next block on the state of one still being written, BLOCKHASH included, and writes them in order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    const { chain, pool, pipeline, db } = await openChain(dir);
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    // Block writes wait at a gate, so block 1 is certainly still being written while block 2 executes.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    interceptWrites(db, (fn, write) => gate.then(() => write(fn)));
    const written: number[] = [];
    chain.on("block", (b) => written.push(Number(b.block.header.number)));
    const next = async () => {
      const block = await buildOnTip(chain, pipeline);
      return { block, decided: pipeline.commitDecided(block, [signHash(block.digest, validator.key)]) };
    };

    await pool.add(
      checkRawTx(transfer(alice.key, 0n, { to: bob.address, value: 7n }).serialize(), common, limits),
    );
    const one = await next();
    assert.equal(await one.decided, true);
    assert.equal(chain.tip.block.header.number, 1n, "block 1 is the tip at once");
    assert.equal(chain.head.block.header.number, 0n, "and the head (what RPC serves) once on disk");
    assert.equal(await balance(chain, bob.address), 0n);
    // Block 2: alice's next nonce (from block 1's state) creates a contract that stores BLOCKHASH(number - 1).
    const initCode = Uint8Array.of(0x43, 0x60, 0x01, 0x90, 0x03, 0x40, 0x60, 0x00, 0x55, 0x00);
    const create = createFeeMarket1559Tx(
      {
        nonce: 1n,
        gasLimit: 100_000n,
        maxFeePerGas: 0n,
        maxPriorityFeePerGas: 0n,
        data: initCode,
        chainId: CHAIN_ID,
      },
      { common },
    ).sign(alice.key);
    await pool.add(checkRawTx(create.serialize(), common, limits));
    const two = await next();
    assert.deepEqual(
      two.block.block.transactions.map((t) => bytesToHex(t.hash())),
      [bytesToHex(create.hash())],
    );
    let twoDecided = false;
    void two.decided.then(() => {
      twoDecided = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(twoDecided, false, "block 2 waits for block 1's write: one block is written at a time");
    assert.deepEqual(written, []);
    open();
    assert.equal(await two.decided, true);
    await chain.settled();
    assert.deepEqual(written, [1, 2], "written in order");
    assert.equal(chain.head, chain.tip);
    const created = new Address(
      generateAddress(hexToBytes(alice.address as `0x${string}`), bigIntToBytes(1n)),
    );
    const chain1Hash = chain.store.getBlockByNumber(1n)!.hash;
    const stored = await chain.stateAt(chain.head).getStorage(created, new Uint8Array(32));
    assert.equal(
      bytesToHex(stored),
      bytesToHex(chain1Hash),
      "BLOCKHASH saw block 1 while it was being written",
    );
    await chain.close();

    const reopened = await openChain(dir);
    assert.equal(reopened.chain.head.block.header.number, 2n);
    assert.equal(await balance(reopened.chain, bob.address), 7n);
    const again = await reopened.chain.stateAt(reopened.chain.head).getStorage(created, new Uint8Array(32));
    assert.equal(bytesToHex(again), bytesToHex(reopened.chain.store.getBlockByNumber(1n)!.hash));
    await reopened.chain.close();
  });

  it("a block that cannot be written stops the chain taking blocks, and the store stays intact up to the head", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    const { chain, pool, producer, pipeline, db } = await openChain(dir);
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    const send = (nonce: bigint) =>
      pool.add(
        checkRawTx(transfer(alice.key, nonce, { to: bob.address, value: 10n }).serialize(), common, limits),
      );
    await send(0n);
    await producer.produce();
    const failures: Error[] = [];
    chain.on("failure", (err) => failures.push(err));
    // The disk fills up.
    const restore = interceptWrites(db, () => Promise.reject(new Error("MDB_MAP_FULL: no space left")));
    await send(1n);
    const build = () => buildOnTip(chain, pipeline);
    const two = await build();
    assert.equal(await pipeline.commitDecided(two, [signHash(two.digest, validator.key)]), true);
    await assert.rejects(chain.settled(), (err: Error & { code?: string }) => {
      assert.equal(err.code, "DB_WRITE_FAILED");
      assert.match(err.message, /block 2 could not be written to disk: MDB_MAP_FULL: no space left/);
      return true;
    });
    assert.equal(failures.length, 1);
    assert.equal(chain.head.block.header.number, 1n);
    // Nothing more is decided on a tip that is not on disk.
    const three = await build();
    await assert.rejects(
      pipeline.commitDecided(three, [signHash(three.digest, validator.key)]),
      /block 2 could not be written/,
    );
    assert.equal(chain.tip.block.header.number, 2n);
    restore();
    await chain.close();

    const reopened = await openChain(dir);
    assert.equal(reopened.chain.head.block.header.number, 1n);
    assert.equal(await balance(reopened.chain, bob.address), 10n);
    assert.equal(reopened.chain.store.getBlockByNumber(2n), undefined);
    await reopened.chain.close();
  });

  it("serves a decided block once its record is on disk, while its state is still being written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    const reported: { importMs: number; decidedMs: number; servedMs: number }[] = [];
    const { chain, pool, pipeline, db } = await openChain(
      dir,
      undefined,
      undefined,
      (_block, importMs, decidedMs, servedMs) => reported.push({ importMs, decidedMs, servedMs }),
    );
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    const sent = transfer(alice.key, 0n, { to: bob.address, value: 9n });
    await pool.add(checkRawTx(sent.serialize(), common, limits));
    // The first write of the block (its record) goes through; those of its state wait at a gate.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const restore = interceptWrites(db, (fn, write, count) =>
      count === 0 ? write(fn) : gate.then(() => write(fn)),
    );
    const served = new Promise<number>((resolve) =>
      chain.once("block", (b) => resolve(Number(b.block.header.number))),
    );
    const block = await buildOnTip(chain, pipeline);
    assert.equal(await pipeline.commitDecided(block, [signHash(block.digest, validator.key)]), true);
    assert.equal(await served, 1);
    let settled = false;
    void chain.settled().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(settled, false, "the state is not on disk yet");
    assert.equal(chain.head.block.header.number, 1n, "the block is the head");
    assert.equal(chain.store.getReceipts(chain.head.hash)?.length, 1, "its receipt is on disk");
    assert.equal(chain.store.getTxLocation(sent.hash())?.index, 0, "its transaction is found");
    assert.equal(db.txIndex.getBinary(sent.hash()), undefined, "its index entry goes with the state");
    assert.equal(chain.store.getBlockByNumber(1n), chain.head, "read from memory, not decoded again");
    assert.equal(await balance(chain, bob.address), 9n, "its state is read from memory");
    assert.deepEqual(Buffer.from(chain.store.headStateBehind()!), Buffer.from(chain.head.hash));
    assert.deepEqual(
      Buffer.from(chain.store.headHash()!),
      Buffer.from(chain.head.block.header.parentHash),
      "the stored head is still the parent, whose state is complete on disk",
    );
    open();
    await chain.settled();
    assert.equal(chain.store.headStateBehind(), undefined, "the marker goes with the state's last write");
    assert.deepEqual(Buffer.from(chain.store.headHash()!), Buffer.from(chain.head.hash));
    assert.ok(db.txIndex.getBinary(sent.hash()) !== undefined, "the index entry is on disk");
    assert.deepEqual(
      Buffer.from(chain.store.getTxLocation(sent.hash())!.blockHash),
      Buffer.from(chain.head.hash),
    );
    // The import is reported once the state is on disk, with when the block was served.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(reported.length, 1);
    const [{ importMs, decidedMs, servedMs }] = reported as [(typeof reported)[number]];
    assert.ok(decidedMs <= servedMs, `decided after ${decidedMs} ms, served after ${servedMs} ms`);
    assert.ok(importMs - servedMs >= 40, `served ${servedMs} ms in, written ${importMs} ms in`);
    restore();
    await chain.close();
  });

  it("after a crash between a block's record and its state, opens on the block and writes its state", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    const { chain, pool, producer, pipeline, db } = await openChain(dir);
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    const send = (nonce: bigint, value: bigint) =>
      pool.add(
        checkRawTx(transfer(alice.key, nonce, { to: bob.address, value }).serialize(), common, limits),
      );
    await send(0n, 10n);
    const one = await producer.produce();
    // Block 2's record reaches the disk, then the process dies: none of its state's writes happen.
    const restore = killAfterRecord(db);
    const second = await send(1n, 20n);
    const two = await buildOnTip(chain, pipeline);
    assert.equal(await pipeline.commitDecided(two, [signHash(two.digest, validator.key)]), true);
    await assert.rejects(chain.settled(), /the state of block 2 could not be written to disk: killed/);
    assert.equal(chain.head.block.header.number, 2n, "block 2 was served");
    const servedHash = Buffer.from(chain.head.hash);
    restore();
    await chain.close();

    const rewritten: bigint[] = [];
    const db2 = openNodeDatabase(dir);
    // What a version without the marker would open on: block 1, whose state is all on disk.
    assert.deepEqual(Buffer.from(db2.meta.getBinary(metaKey("head"))!), Buffer.from(one.hash));
    assert.ok(
      db2.trie.getBinary(one.block.header.stateRoot) !== undefined,
      "block 1's state root is on disk",
    );
    const opened = await openChainOn(db2, genesisJson, new BufferedTrieDb(db2.trie), {
      stateRewritten: (number) => rewritten.push(number),
    });
    assert.deepEqual(rewritten, [2n], "the head was executed again");
    assert.equal(opened.store.headStateBehind(), undefined);
    await opened.close();

    const reopened = await openChain(dir);
    assert.equal(reopened.chain.head.block.header.number, 2n);
    assert.deepEqual(Buffer.from(reopened.chain.head.hash), servedHash);
    assert.equal(await balance(reopened.chain, bob.address), 30n, "block 2's state was executed again");
    assert.deepEqual(
      Buffer.from(reopened.chain.store.getTxLocation(second.tx.hash())!.blockHash),
      servedHash,
      "and its transaction index written",
    );
    // The state is on disk now: the chain goes on from it, and it is still there after another reopen.
    await reopened.pool.add(
      checkRawTx(transfer(alice.key, 2n, { to: bob.address, value: 5n }).serialize(), common, limits),
    );
    const three = await reopened.producer.produce();
    assert.equal(three.block.header.number, 3n);
    assert.equal(three.block.transactions.length, 1);
    await reopened.chain.close();
    const again = await openChain(dir);
    assert.equal(again.chain.head.block.header.number, 3n);
    assert.equal(await balance(again.chain, bob.address), 35n);
    await again.chain.close();
  });

  it("refuses to open a store whose block, marked as still to be written, does not execute to its header", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    const { chain, pool, producer } = await openChain(dir);
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    await pool.add(
      checkRawTx(transfer(alice.key, 0n, { to: bob.address, value: 10n }).serialize(), common, limits),
    );
    const one = await producer.produce();
    await chain.close();
    // Block 1 marked as still to be written (the stored head back at its parent, as a crash
    // leaves it), and its transaction list emptied on disk: it executes again on its parent's
    // state, but not to its header's roots.
    const damaged = openNodeDatabase(dir);
    await damaged.meta.put(metaKey("stateBehind"), one.hash);
    await damaged.meta.put(metaKey("head"), one.block.header.parentHash);
    const decoded = RLP.decode(damaged.blocks.getBinary(one.hash)!) as unknown as Uint8Array[][];
    await damaged.blocks.put(one.hash, RLP.encode([decoded[0]!, [], ...decoded.slice(2)]));
    await assert.rejects(openChainOn(damaged, genesisJson), (err: Error & { code?: string }) => {
      assert.equal(err.code, "DB_CORRUPT");
      assert.match(
        err.message,
        /block 1, whose state a crash kept from the disk, does not execute again to its header: stateRoot does not match execution/,
      );
      return true;
    });
    await damaged.close();
  });

  it("a marker that a version without markers passed over is cleared; one that follows nothing is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    const { chain, pool, producer } = await openChain(dir);
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    for (const [nonce, value] of [
      [0n, 10n],
      [1n, 20n],
    ] as const) {
      await pool.add(
        checkRawTx(transfer(alice.key, nonce, { to: bob.address, value }).serialize(), common, limits),
      );
      await producer.produce();
    }
    const one = chain.store.getBlockByNumber(1n)!;
    await chain.close();
    // A crash left block 1 marked; an older node then took the chain on to block 2 without
    // knowing the marker. The marked block is behind the head now: nothing to execute again.
    const db = openNodeDatabase(dir);
    await db.meta.put(metaKey("stateBehind"), one.hash);
    const rewritten: bigint[] = [];
    const opened = await openChainOn(db, genesisJson, new BufferedTrieDb(db.trie), {
      stateRewritten: (number) => rewritten.push(number),
    });
    assert.equal(opened.head.block.header.number, 2n);
    assert.deepEqual(rewritten, []);
    assert.equal(opened.store.headStateBehind(), undefined, "the stale marker is cleared");
    assert.equal(await balance(opened, bob.address), 30n);
    await opened.close();
    // A marker naming a block that is not on disk is damage, said so.
    const damaged = openNodeDatabase(dir);
    await damaged.meta.put(metaKey("stateBehind"), new Uint8Array(32).fill(7));
    await assert.rejects(openChainOn(damaged, genesisJson), (err: Error & { code?: string }) => {
      assert.equal(err.code, "DB_CORRUPT");
      assert.match(err.message, /marks a block's state as still to be written, but that block is missing/);
      return true;
    });
    // Nor can a marked head (the previous version's layout) be opened on a parent that is gone.
    await damaged.meta.put(metaKey("stateBehind"), opened.head.hash);
    await damaged.blocks.remove(one.hash);
    await assert.rejects(openChainOn(damaged, genesisJson), (err: Error & { code?: string }) => {
      assert.equal(err.code, "DB_CORRUPT");
      assert.match(err.message, /but that block is the head, and its parent is missing/);
      return true;
    });
    await damaged.close();
  });

  it("opens a crashed directory of the version that moved the stored head with the record", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    const { chain, pool, pipeline, db } = await openChain(dir);
    const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };
    await pool.add(
      checkRawTx(transfer(alice.key, 0n, { to: bob.address, value: 7n }).serialize(), common, limits),
    );
    const restore = killAfterRecord(db);
    const one = await buildOnTip(chain, pipeline);
    assert.equal(await pipeline.commitDecided(one, [signHash(one.digest, validator.key)]), true);
    await assert.rejects(chain.settled());
    const servedHash = Buffer.from(chain.head.hash);
    restore();
    await chain.close();
    // That version wrote the head with the record: the marker names the stored head itself.
    const old = openNodeDatabase(dir);
    await old.meta.put(metaKey("head"), servedHash);
    const rewritten: bigint[] = [];
    const opened = await openChainOn(old, genesisJson, new BufferedTrieDb(old.trie), {
      stateRewritten: (number) => rewritten.push(number),
    });
    assert.deepEqual(rewritten, [1n], "block 1 was executed again on its parent");
    assert.deepEqual(Buffer.from(opened.head.hash), servedHash);
    assert.equal(await balance(opened, bob.address), 7n);
    assert.equal(opened.store.headStateBehind(), undefined);
    await opened.close();
  });

  it("refuses to reopen a data directory with a different genesis", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-producer-"));
    dirs.push(dir);
    const { chain } = await openChain(dir);
    await chain.close();
    const db = openNodeDatabase(dir);
    const other = genesisJson.replace('"chainId":1337', '"chainId":1338');
    await assert.rejects(
      Chain.open(
        common,
        db,
        new BufferedTrieDb(db.trie),
        parseGenesis(JSON.parse(other)),
        Chain.digestGenesis(other),
      ),
      /different genesis file/,
    );
    await db.close();
  });
});
