import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { type RpcClient, type RpcReply, sendRawBatchBody } from "./rpcClient.ts";
import { type ObservedBlock, type RunSummary, summariseRun } from "./stats.ts";
import type { SignedTx } from "./workload.ts";

/** How the load is offered. */
export interface LoadOptions {
  /** eth_sendRawTransaction calls per HTTP request. */
  readonly batchSize: number;
  /** HTTP requests in flight at once. */
  readonly concurrency: number;
  /** Offered transactions per second; 0 sends as fast as the target accepts. */
  readonly rate: number;
  /** Give up when nothing new was included for this long after the last send. */
  readonly idleTimeoutMs: number;
  /** Called about every two seconds with a progress line. */
  readonly progress: (line: string) => void;
  /** Where batch k is sent: senders[k % length] (default: the client that follows the blocks). */
  readonly senders?: readonly RpcClient[];
  /**
   * Transactions before this index are a warm-up: sent like the others, waited for, and left out
   * of the figures, which start when the batch holding this index is sent (default 0).
   */
  readonly measureFrom?: number;
  /** Called when the measured part starts (to sample CPU time from then on). */
  readonly onMeasuredStart?: () => void;
}

/** What a load phase produced. */
export interface LoadResult extends RunSummary {
  /** Measured transactions sent (the warm-up not counted). */
  readonly sent: number;
  /** Transactions the target refused, with the distinct reasons. */
  readonly refused: number;
  readonly refusalReasons: readonly string[];
  /** Seconds from the first measured send to the last send. */
  readonly sendSeconds: number;
}

const POLL_MS = 50;

/** Follows the chain head by polling and records when each new block was first seen. */
class BlockObserver {
  readonly blocks: ObservedBlock[] = [];
  readonly #client: RpcClient;
  #next: number;
  #stopped = false;
  #loop: Promise<void> | undefined;
  #error: unknown;

  constructor(client: RpcClient, fromBlock: number) {
    this.#client = client;
    this.#next = fromBlock;
  }

  start(onBlock: (block: ObservedBlock) => void): void {
    this.#loop = (async () => {
      while (!this.#stopped) {
        try {
          const head = Number(await this.#client.call<string>("eth_blockNumber"));
          const observedAt = performance.now();
          for (; this.#next <= head; this.#next++) {
            const block = await this.#client.call<{ transactions: string[] } | null>("eth_getBlockByNumber", [
              `0x${this.#next.toString(16)}`,
              false,
            ]);
            const observed = { number: this.#next, observedAt, txHashes: block?.transactions ?? [] };
            this.blocks.push(observed);
            onBlock(observed);
          }
        } catch (err) {
          this.#error = err;
          return;
        }
        await sleep(POLL_MS);
      }
    })();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
    if (this.#error) throw this.#error;
  }
}

/**
 * Sends pre-signed transactions in JSON-RPC batches over a few concurrent connections, watches
 * blocks until every accepted transaction is included (or inclusion stalls), and summarises.
 */
export async function runLoad(
  client: RpcClient,
  txs: readonly SignedTx[],
  options: LoadOptions,
): Promise<LoadResult> {
  const batches: { body: string; hashes: string[] }[] = [];
  for (let i = 0; i < txs.length; i += options.batchSize) {
    const slice = txs.slice(i, i + options.batchSize);
    batches.push({ body: sendRawBatchBody(slice.map((t) => t.raw)), hashes: slice.map((t) => t.hash) });
  }
  const expected = new Set<string>();
  let included = 0;
  let lastInclusionAt = performance.now();
  const observer = new BlockObserver(client, Number(await client.call<string>("eth_blockNumber")) + 1);
  observer.start((block) => {
    for (const hash of block.txHashes) {
      if (expected.delete(hash)) {
        included++;
        lastInclusionAt = block.observedAt;
      }
    }
  });

  const senders = options.senders?.length ? options.senders : [client];
  const measureFrom = options.measureFrom ?? 0;
  if (measureFrom < 0 || measureFrom >= txs.length)
    throw new RangeError(`measureFrom must be in 0..${txs.length - 1}, got ${measureFrom}`);
  let refused = 0;
  const reasons = new Set<string>();
  let nextBatch = 0;
  const started = performance.now();
  let lastSendAt = started;
  // When the batch holding the first measured transaction was sent.
  let measuredFrom: number | undefined;
  const measured = new Map<string, number>();
  const worker = async (): Promise<void> => {
    for (let k = nextBatch++; k < batches.length; k = nextBatch++) {
      const batch = batches[k]!;
      if (options.rate > 0) {
        const due = started + (k * options.batchSize * 1000) / options.rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const at = performance.now();
      batch.hashes.forEach((hash, i) => {
        expected.add(hash);
        if (k * options.batchSize + i >= measureFrom) measured.set(hash, at);
      });
      if (measuredFrom === undefined && (k + 1) * options.batchSize > measureFrom) {
        measuredFrom = at;
        options.onMeasuredStart?.();
      }
      const reply = await senders[k % senders.length]!.postRaw(batch.body);
      const replies: RpcReply[] = Array.isArray(reply) ? reply : [reply as RpcReply];
      for (const r of replies) {
        if (!r.error) continue;
        refused++;
        reasons.add(r.error.message.replace(/0x[0-9a-f]+/gi, "…"));
        const hash = typeof r.id === "number" ? batch.hashes[r.id] : undefined;
        if (hash !== undefined) {
          expected.delete(hash);
          measured.delete(hash);
        }
      }
      lastSendAt = performance.now();
    }
  };

  const ticker = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    options.progress(
      `  ${elapsed.toFixed(0)} s: sent ${Math.min(nextBatch * options.batchSize, txs.length)}/${txs.length}, included ${included}, refused ${refused}`,
    );
  }, 2000);
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    while (
      expected.size > 0 &&
      performance.now() - Math.max(lastInclusionAt, lastSendAt) < options.idleTimeoutMs
    )
      await sleep(POLL_MS);
  } finally {
    clearInterval(ticker);
    await observer.stop();
  }
  const firstMeasured = measuredFrom ?? started;
  const summary = summariseRun(measured, observer.blocks, firstMeasured, lastSendAt);
  return {
    ...summary,
    sent: txs.length - measureFrom,
    refused,
    refusalReasons: [...reasons].slice(0, 5),
    sendSeconds: (lastSendAt - firstMeasured) / 1000,
  };
}
