// Worker-thread entry: runs checkBallotChunk for the verifier's pool (see parallel.ts).
import { parentPort } from "node:worker_threads";
import type { BallotJson } from "../record.ts";
import { type BallotCheckInput, checkBallotChunk } from "./ballotChecks.ts";

interface ChunkRequest {
  id: number;
  input: BallotCheckInput;
  ballots: BallotJson[];
  offset: number;
  counted: number[];
}

parentPort?.on("message", (req: ChunkRequest) => {
  const out = checkBallotChunk(req.input, req.ballots, req.offset, new Set(req.counted));
  parentPort?.postMessage({ id: req.id, out });
});
