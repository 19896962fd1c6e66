import { Worker } from "node:worker_threads";
import type { BallotJson } from "../record.ts";
import {
  type BallotCheckInput,
  type BallotCheckOutput,
  type BallotItem,
  checkBallotChunk,
} from "./ballotChecks.ts";

/**
 * Most ballots per chunk (one batch each): up to about a thousand ballots, larger batches
 * lower the per-point cost of the multi-scalar multiplication; beyond, it hardly falls.
 * Fewer ballots than workers × CHUNK_SIZE are split evenly so that every worker has work.
 */
export const CHUNK_SIZE = 1024;

/** Worker young generation: batches allocate many short-lived points and bigints (~5% faster). */
const YOUNG_GENERATION_MB = 64;

/** Ballots [offset, offset + items.length) of the record and which of them are counted. */
export interface BallotChunk {
  offset: number;
  items: BallotItem[];
  counted: number[];
}

/** Ballots per chunk for a record of `count` ballots checked by `workers` threads. */
export function chunkSize(count: number, workers: number): number {
  return Math.max(1, Math.min(CHUNK_SIZE, Math.ceil(count / Math.max(1, workers))));
}

/**
 * Runs the per-ballot checks over a stream of chunks, in `workers` worker threads when more
 * than one is asked for, else in this thread. A chunk is read only when a thread is free,
 * so at most one chunk per thread is in memory; `onOutput` gets each chunk's result as soon
 * as it is done, with the chunk's sequence number (results may finish out of order).
 */
export async function checkBallotStream(
  input: BallotCheckInput,
  chunks: AsyncIterable<BallotChunk>,
  workers: number,
  onOutput: (seq: number, out: BallotCheckOutput, size: number) => void,
): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  let seq = 0;
  if (workers <= 1) {
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      const c = r.value;
      onOutput(seq++, checkBallotChunk(input, c.items, c.offset, new Set(c.counted)), c.items.length);
    }
    return;
  }
  const pool = Array.from(
    { length: workers },
    () =>
      new Worker(new URL("./ballotWorker.ts", import.meta.url), {
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      }),
  );
  try {
    await Promise.all(
      pool.map(async (w) => {
        // Async generators queue concurrent next() calls, so threads never share a chunk.
        for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
          const c = r.value;
          const id = seq++;
          const out = await new Promise<BallotCheckOutput>((resolve, reject) => {
            const onMessage = (m: { out: BallotCheckOutput }) => {
              w.off("error", reject);
              resolve(m.out);
            };
            w.once("message", onMessage);
            w.once("error", reject);
            w.postMessage({ input, ballots: c.items, offset: c.offset, counted: c.counted });
          });
          onOutput(id, out, c.items.length);
        }
      }),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Runs the per-ballot checks over an in-memory list of ballots (the benchmark's entry point). */
export async function checkAllBallots(
  input: BallotCheckInput,
  ballots: BallotJson[],
  counted: Set<number>,
  workers: number,
): Promise<BallotCheckOutput[]> {
  const size = chunkSize(ballots.length, workers);
  async function* chunks(): AsyncGenerator<BallotChunk> {
    for (let i = 0; i < ballots.length; i += size) {
      const items = ballots.slice(i, i + size);
      yield { offset: i, items, counted: items.map((_, j) => i + j).filter((j) => counted.has(j)) };
    }
  }
  const results: BallotCheckOutput[] = [];
  await checkBallotStream(input, chunks(), Math.min(workers, Math.ceil(ballots.length / size)), (id, out) => {
    results[id] = out;
  });
  return results;
}
