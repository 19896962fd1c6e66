import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NodeError } from "../../../src/errors.ts";
import { type PoolTx, type SenderState, TxPool } from "../../../src/txpool/txPool.ts";
import { checkRawTx } from "../../../src/txpool/validateTx.ts";
import { common, newKey, transfer } from "../helpers.ts";

const limits = { maxTxBytes: 128 * 1024, maxGas: 30_000_000n, minGasPrice: 0n };
const RICH: SenderState = { nonce: 0n, balance: 10n ** 21n };

function poolWith(states: Map<string, SenderState>, options = {}): TxPool {
  return new TxPool(async (sender) => states.get(sender) ?? RICH, options);
}

/** The first `max` transactions a block would take, read lazily from the pool's order. */
function executable(pool: TxPool, max: number): PoolTx[] {
  const out: PoolTx[] = [];
  for (const entry of pool.executableInOrder()) {
    if (out.length === max) break;
    out.push(entry);
  }
  return out;
}

async function add(pool: TxPool, tx: ReturnType<typeof transfer>) {
  return pool.add(checkRawTx(tx.serialize(), common, limits));
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof NodeError && err.code === code);
}

describe("TxPool", () => {
  it("orders a sender's transactions by nonce and holds gaps as queued until filled", async () => {
    const pool = poolWith(new Map());
    const { key } = newKey();
    await add(pool, transfer(key, 2n));
    await add(pool, transfer(key, 0n));
    assert.deepEqual(pool.status(), { pending: 1, queued: 1 });
    assert.deepEqual(
      executable(pool, 10).map((e) => e.tx.nonce),
      [0n],
    );
    await add(pool, transfer(key, 1n));
    assert.deepEqual(pool.status(), { pending: 3, queued: 0 });
    assert.deepEqual(
      executable(pool, 10).map((e) => e.tx.nonce),
      [0n, 1n, 2n],
    );
  });

  it("has an executable transaction only once a sender's next nonce is in it", async () => {
    const pool = poolWith(new Map());
    assert.equal(pool.hasExecutable(), false);
    const { key } = newKey();
    await add(pool, transfer(key, 1n));
    assert.equal(pool.hasExecutable(), false, "a queued transaction alone cannot go into a block");
    await add(pool, transfer(key, 0n));
    assert.equal(pool.hasExecutable(), true);
  });

  it("serves senders first come, first served", async () => {
    const pool = poolWith(new Map());
    const a = newKey();
    const b = newKey();
    await add(pool, transfer(a.key, 0n));
    await add(pool, transfer(b.key, 0n));
    await add(pool, transfer(a.key, 1n));
    const order = executable(pool, 10).map((e) => `${e.sender === a.address ? "a" : "b"}${e.tx.nonce}`);
    assert.deepEqual(order, ["a0", "b0", "a1"]);
    assert.equal(executable(pool, 2).length, 2);
  });

  it("gives the block order as it is read: what arrives meanwhile, replacements, and no more than asked", async () => {
    const pool = poolWith(new Map());
    const [a, b, c] = [newKey(), newKey(), newKey()];
    await add(pool, transfer(a.key, 0n));
    await add(pool, transfer(b.key, 0n, { fee: 100n }));
    await add(pool, transfer(b.key, 1n));
    const name = (e: { sender: string; tx: { nonce: bigint; value: bigint } }) =>
      `${e.sender === a.address ? "a" : e.sender === b.address ? "b" : "c"}${e.tx.nonce}`;
    const order = pool.executableInOrder();
    assert.equal(name(order.next().value!), "a0");
    // While the block is built, a's next nonce arrives, b's first transaction is replaced and a
    // new sender c appears.
    await add(pool, transfer(a.key, 1n));
    const replacement = await add(pool, transfer(b.key, 0n, { fee: 110n, value: 9n }));
    await add(pool, transfer(c.key, 0n));
    const rest = [...order];
    assert.deepEqual(rest.map(name), ["b0", "b1", "a1"], "c waits for the next block");
    assert.equal(rest[0]!.hash, replacement.hash);
    assert.deepEqual(
      executable(pool, 10).map(name),
      ["a0", "a1", "b0", "b1", "c0"],
      "a new read orders by arrival: the replacement of b0 arrived after a1",
    );
    assert.equal(executable(pool, 0).length, 0);
    assert.equal(executable(pool, 3).length, 3);
  });

  it("counts executable transactions up to a bound, without the queued ones", async () => {
    const pool = poolWith(new Map());
    const [a, b] = [newKey(), newKey()];
    for (const n of [0n, 1n, 2n, 5n]) await add(pool, transfer(a.key, n));
    await add(pool, transfer(b.key, 0n));
    assert.equal(pool.countExecutable(100), 4);
    assert.equal(pool.countExecutable(2), 2);
    assert.equal(pool.countExecutable(0), 0);
    assert.equal(pool.countExecutable(), 4);
    assert.equal(pool.status().pending, 4);
  });

  it("refuses a nonce below the account's, a duplicate, and one too far ahead", async () => {
    const { address, key } = newKey();
    const pool = poolWith(new Map([[address, { nonce: 5n, balance: 10n ** 18n }]]), { maxNonceGap: 10n });
    await rejectsWith(add(pool, transfer(key, 4n)), "TXPOOL_NONCE_TOO_LOW");
    await add(pool, transfer(key, 5n));
    await rejectsWith(add(pool, transfer(key, 5n)), "TXPOOL_ALREADY_KNOWN");
    await rejectsWith(add(pool, transfer(key, 16n)), "TXPOOL_NONCE_TOO_HIGH");
    assert.equal(pool.size, 1);
  });

  it("refuses a transaction whose value exceeds the balance", async () => {
    const { address, key } = newKey();
    const pool = poolWith(new Map([[address, { nonce: 0n, balance: 100n }]]));
    await rejectsWith(add(pool, transfer(key, 0n, { value: 101n })), "TXPOOL_INSUFFICIENT_FUNDS");
    await add(pool, transfer(key, 0n, { value: 100n }));
  });

  it("applies the replacement rule: a 10% bump for priced transactions, free for zero-fee ones", async () => {
    const pool = poolWith(new Map());
    const { key } = newKey();
    await add(pool, transfer(key, 0n, { fee: 100n }));
    await rejectsWith(
      add(pool, transfer(key, 0n, { fee: 109n, value: 2n })),
      "TXPOOL_REPLACEMENT_UNDERPRICED",
    );
    const replacement = await add(pool, transfer(key, 0n, { fee: 110n, value: 2n }));
    assert.equal(pool.size, 1);
    assert.equal(executable(pool, 1)[0]!.hash, replacement.hash);
    await add(pool, transfer(key, 1n));
    const zeroReplacement = await add(pool, transfer(key, 1n, { value: 7n }));
    assert.equal(pool.get(zeroReplacement.hash)?.tx.value, 7n);
    assert.equal(pool.size, 2);
  });

  it("limits transactions per sender", async () => {
    const pool = poolWith(new Map(), { maxPerSender: 2 });
    const { key } = newKey();
    await add(pool, transfer(key, 0n));
    await add(pool, transfer(key, 1n));
    await rejectsWith(add(pool, transfer(key, 2n)), "TXPOOL_SENDER_LIMIT");
  });

  it("when full, evicts the most distant future transaction, and refuses when nothing can go", async () => {
    const pool = poolWith(new Map(), { maxTotal: 3 });
    const a = newKey();
    const b = newKey();
    await add(pool, transfer(a.key, 0n));
    await add(pool, transfer(a.key, 5n));
    await add(pool, transfer(b.key, 0n));
    const c = newKey();
    await add(pool, transfer(c.key, 0n));
    assert.equal(pool.size, 3);
    assert.deepEqual(pool.content().queued.size, 0, "the nonce-5 future transaction was evicted");
    await rejectsWith(add(pool, transfer(newKey().key, 0n)), "TXPOOL_FULL");
  });

  it("after a block forgets included transactions, drops invalid ones and promotes the next nonce", async () => {
    const pool = poolWith(new Map());
    const a = newKey();
    const b = newKey();
    const a0 = transfer(a.key, 0n);
    const b0 = transfer(b.key, 0n);
    await add(pool, a0);
    await add(pool, transfer(a.key, 1n));
    await add(pool, b0);
    pool.onBlock([a0], [b0]);
    assert.deepEqual(
      executable(pool, 10).map((e) => [e.sender, e.tx.nonce]),
      [[a.address, 1n]],
    );
    assert.equal(pool.pendingNonce(a.address, 1n), 2n);
    assert.equal(pool.pendingNonce(b.address, 0n), 0n);
  });
});
