// Worker-thread entry: runs checkBallotChunk for the verifier's pool (see parallel.ts).
import { parentPort } from "node:worker_threads";
import { type BallotCheckInput, type BallotItem, checkBallotChunk } from "./ballotChecks.ts";

interface ChunkRequest {
  input: BallotCheckInput;
  ballots: BallotItem[];
  offset: number;
  counted: number[];
}

parentPort?.on("message", (req: ChunkRequest) => {
  const out = checkBallotChunk(req.input, req.ballots, req.offset, new Set(req.counted));
  parentPort?.postMessage({ out });
});
