import { Worker } from "node:worker_threads";
import type { BallotJson } from "../record.ts";
import { type BallotCheckInput, type BallotCheckOutput, checkBallotChunk } from "./ballotChecks.ts";

/**
 * Ballots per chunk: one batch each. Beyond a few hundred ballots the per-point cost of the
 * multi-scalar multiplication hardly falls, while smaller chunks balance workers better.
 */
export const CHUNK_SIZE = 512;

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
  const chunks: Array<{ offset: number; ballots: BallotJson[] }> = [];
  for (let i = 0; i < ballots.length; i += CHUNK_SIZE)
    chunks.push({ offset: i, ballots: ballots.slice(i, i + CHUNK_SIZE) });
  if (workers <= 1 || chunks.length <= 1) {
    return chunks.map((c) => checkBallotChunk(input, c.ballots, c.offset, counted));
  }
  const isCounted = new Uint8Array(ballots.length);
  for (const i of counted) if (i >= 0 && i < ballots.length) isCounted[i] = 1;
  const results: BallotCheckOutput[] = new Array(chunks.length);
  const pool = Array.from(
    { length: Math.min(workers, chunks.length) },
    () => new Worker(new URL("./ballotWorker.ts", import.meta.url)),
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
