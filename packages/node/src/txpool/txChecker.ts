import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import type { Common } from "@ethereumjs/common";
import { NodeError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { TxCheckResult } from "./txCheckWorker.ts";
import { adoptCheckedTx, type CheckedTx, checkRawTx, type TxLimits } from "./validateTx.ts";

/**
 * Most transactions per message to the worker: its answers come back chunk by chunk, so this
 * thread starts admitting the first transactions of a burst (a JSON-RPC batch of hundreds, or the
 * requests that queued while a block executed) while the worker still checks the rest.
 */
export const WORKER_CHUNK = 32;

/** Longest close waits for the worker to finish loading before stopping it anyway. */
const READY_TIMEOUT_MS = 10_000;

interface Pending {
  readonly raw: Uint8Array;
  resolve(checked: CheckedTx): void;
  reject(err: unknown): void;
}

/**
 * Checks incoming raw transactions on a worker thread: decoding, stateless validation and, above
 * all, signature recovery (the largest cost of accepting a transaction) leave the thread that
 * executes blocks. Requests arriving in the same turn of the event loop travel together, in
 * messages of up to WORKER_CHUNK transactions.
 * If the worker cannot run, checks fall back to this thread.
 */
export class TxChecker {
  readonly #common: Common;
  readonly #limits: TxLimits;
  readonly #log: Logger;
  readonly #inFlight = new Map<number, Pending[]>();
  #worker: Worker | undefined;
  #queue: Pending[] = [];
  #flushScheduled = false;
  #nextId = 0;
  /** Settles when the worker has evaluated its modules, stopped, or failed. */
  #ready: Promise<void> = Promise.resolve();

  constructor(common: Common, limits: TxLimits, log: Logger) {
    this.#common = common;
    this.#limits = limits;
    this.#log = log;
    try {
      this.#worker = new Worker(new URL("./txCheckWorker.ts", import.meta.url), {
        workerData: { chainId: common.chainId(), limits },
      });
      this.#worker.unref();
      const { promise, resolve: ready } = Promise.withResolvers<void>();
      this.#ready = promise;
      this.#worker.once("exit", () => ready());
      this.#worker.on("message", (msg: { ready?: true; id?: number; results?: TxCheckResult[] }) => {
        if (msg.ready) ready();
        else if (msg.id !== undefined && msg.results) this.#settle(msg.id, msg.results);
      });
      this.#worker.on("error", (err) => {
        ready();
        this.#fallBack(err);
      });
    } catch (err) {
      this.#fallBack(err);
    }
  }

  /** Checks a raw transaction; rejects with the NodeError that says why it is refused. */
  check(raw: Uint8Array): Promise<CheckedTx> {
    if (!this.#worker) return Promise.resolve().then(() => checkRawTx(raw, this.#common, this.#limits));
    return new Promise((resolve, reject) => {
      this.#queue.push({ raw, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    if (!this.#worker) {
      for (const p of batch) this.#checkHere(p);
      return;
    }
    for (let at = 0; at < batch.length; at += WORKER_CHUNK) {
      const chunk = batch.slice(at, at + WORKER_CHUNK);
      const id = this.#nextId++;
      this.#inFlight.set(id, chunk);
      this.#worker.postMessage({ id, raws: chunk.map((p) => p.raw) });
    }
  }

  #settle(id: number, results: TxCheckResult[]): void {
    const batch = this.#inFlight.get(id);
    if (!batch) return;
    this.#inFlight.delete(id);
    batch.forEach((p, i) => {
      const result = results[i]!;
      if (!result.ok) {
        p.reject(new NodeError(result.code, result.message));
        return;
      }
      try {
        p.resolve(adoptCheckedTx(p.raw, this.#common, result.publicKey, result.canonical));
      } catch (err) {
        p.reject(err);
      }
    });
  }

  #checkHere(p: Pending): void {
    try {
      p.resolve(checkRawTx(p.raw, this.#common, this.#limits));
    } catch (err) {
      p.reject(err);
    }
  }

  #fallBack(err: unknown): void {
    this.#log.warn({ err }, "transaction-check worker unavailable; checking on the main thread");
    this.#worker = undefined;
    for (const batch of this.#inFlight.values()) for (const p of batch) this.#checkHere(p);
    this.#inFlight.clear();
  }

  /** Stops the worker; transactions still queued are checked on this thread. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    for (const batch of this.#inFlight.values()) for (const p of batch) this.#checkHere(p);
    this.#inFlight.clear();
    for (const p of this.#queue) this.#checkHere(p);
    this.#queue = [];
    if (!worker) return;
    // Never stop the worker while it is still loading its modules (see txCheckWorker.ts).
    await Promise.race([this.#ready, sleep(READY_TIMEOUT_MS, undefined, { ref: false })]);
    await worker.terminate();
  }
}
