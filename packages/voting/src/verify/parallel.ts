import { Worker } from "node:worker_threads";
import type { BallotJson } from "../record.ts";
import { type BallotCheckInput, type BallotCheckOutput, checkBallotChunk } from "./ballotChecks.ts";

/**
 * Most ballots per chunk (one batch each): up to about a thousand ballots, larger batches
 * lower the per-point cost of the multi-scalar multiplication; beyond, it hardly falls.
 * Fewer ballots than workers × CHUNK_SIZE are split evenly so that every worker has work.
 */
export const CHUNK_SIZE = 1024;

/** Worker young generation: batches allocate many short-lived points and bigints (~5% faster). */
const YOUNG_GENERATION_MB = 64;

/**
 * Runs the per-ballot checks over all ballots, in `workers` worker threads when more than
 * one is asked for (each chunk is independent), else in this thread.
 */
export async function checkAllBallots(
  input: BallotCheckInput,
  ballots: BallotJson[],
  counted: Set<number>,
  workers: number,
): Promise<BallotCheckOutput[]> {
  const size = Math.max(1, Math.min(CHUNK_SIZE, Math.ceil(ballots.length / Math.max(1, workers))));
  const chunks: Array<{ offset: number; ballots: BallotJson[] }> = [];
  for (let i = 0; i < ballots.length; i += size)
    chunks.push({ offset: i, ballots: ballots.slice(i, i + size) });
  if (workers <= 1 || chunks.length <= 1) {
    return chunks.map((c) => checkBallotChunk(input, c.ballots, c.offset, counted));
  }
  const isCounted = new Uint8Array(ballots.length);
  for (const i of counted) if (i >= 0 && i < ballots.length) isCounted[i] = 1;
  const results: BallotCheckOutput[] = new Array(chunks.length);
  const pool = Array.from(
    { length: Math.min(workers, chunks.length) },
    () =>
      new Worker(new URL("./ballotWorker.ts", import.meta.url), {
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      }),
  );
  let next = 0;
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const id = next++;
              const c = chunks[id];
              if (c === undefined) return resolve();
              const inChunk: number[] = [];
              for (let i = c.offset; i < c.offset + c.ballots.length; i++) if (isCounted[i]) inChunk.push(i);
              w.postMessage({ id, input, ballots: c.ballots, offset: c.offset, counted: inChunk });
            };
            w.on("message", (m: { id: number; out: BallotCheckOutput }) => {
              results[m.id] = m.out;
              send();
            });
            w.on("error", reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
