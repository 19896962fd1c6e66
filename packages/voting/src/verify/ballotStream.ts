import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fromHex, toHex, u32, utf8 } from "../bytes.ts";
import { TAG_PREFIX } from "../hash.ts";
import type { BallotJson, ElectionRecord, StreamedElectionRecord } from "../record.ts";

/** File names of a streamed record directory (SPEC §9). */
export const STREAMED_RECORD_FILE = "record.json";
export const STREAMED_BALLOTS_FILE = "ballots.jsonl";

/** Longest ballot line accepted: far above a real ballot (~5 KB), it bounds the reader's memory. */
export const MAX_BALLOT_LINE_BYTES = 1 << 20;

const CHAIN_TAG = utf8(`${TAG_PREFIX}ballot-chain`);

/** H("ballot-chain", parts) with node:crypto, which hashes gigabytes several times faster. */
function chainHash(parts: Uint8Array[]): Uint8Array {
  const h = createHash("sha256");
  h.update(u32(CHAIN_TAG.length));
  h.update(CHAIN_TAG);
  for (const p of parts) {
    h.update(u32(p.length));
    h.update(p);
  }
  return new Uint8Array(h.digest());
}

/** c_0 of the ballot chain: H("ballot-chain", [H_B]). */
export function ballotChainStart(baseHash: Uint8Array): Uint8Array {
  return chainHash([baseHash]);
}

/** c_{i+1} = H("ballot-chain", [c_i, u32 i, line_i]) over the line's bytes without its newline. */
export function ballotChainNext(prev: Uint8Array, index: number, line: Uint8Array): Uint8Array {
  return chainHash([prev, u32(index), line]);
}

/** One line of a ballot file: its text, its bytes (what the chain hashes) and its index. */
export interface BallotLine {
  index: number;
  text: string;
  bytes: Uint8Array;
}

/** Why a ballot file cannot be read as lines; the verifier reports it under V6. */
export class BallotFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BallotFileError";
  }
}

/**
 * Reads a ballot file line by line with bounded memory (one read buffer plus one line).
 * Every line must end with "\n"; a last line without one means the file was cut short.
 */
export async function* readBallotLines(path: string): AsyncGenerator<BallotLine> {
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      yield { index, text: bytes.toString("utf8"), bytes };
      index++;
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(Buffer.from(chunk.subarray(start)));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_BALLOT_LINE_BYTES)
        throw new BallotFileError(`line ${index} is longer than ${MAX_BALLOT_LINE_BYTES} bytes`);
    }
  }
  if (pendingBytes > 0)
    throw new BallotFileError(`the file ends inside line ${index} (no final newline): it was cut short`);
}

/** The stored form of a streamed record: the election-level JSON and its ballot lines. */
export interface StreamedRecord {
  record: StreamedElectionRecord;
  lines: string[];
}

/** Splits a single-document record into the streamed form: ballots as lines, count and chain declared. */
export function toStreamedRecord(record: ElectionRecord): StreamedRecord {
  const lines = record.ballots.map((b) => JSON.stringify(b));
  let chain = ballotChainStart(fromHex(record.baseHash, 32, "baseHash"));
  lines.forEach((line, i) => {
    chain = ballotChainNext(chain, i, utf8(line));
  });
  const { ballots: _ballots, ...head } = record;
  return {
    record: {
      ...head,
      ballotStream: { file: STREAMED_BALLOTS_FILE, count: lines.length, chain: toHex(chain) },
    },
    lines,
  };
}

/** Writes a record in the streamed form into `dir` (record.json and ballots.jsonl). */
export async function writeStreamedRecord(record: ElectionRecord, dir: string): Promise<void> {
  const { record: head, lines } = toStreamedRecord(record);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, STREAMED_RECORD_FILE), JSON.stringify(head));
  await writeFile(join(dir, STREAMED_BALLOTS_FILE), lines.map((l) => `${l}\n`).join(""));
}

/**
 * Resolves the ballot file a streamed record names: a plain file name in the record's own
 * directory, so a record cannot point the verifier at an arbitrary path.
 */
export function ballotFilePath(recordPath: string, file: unknown): string {
  if (typeof file !== "string" || file === "" || file !== basename(file) || file === "..")
    throw new BallotFileError("ballotStream.file must be a plain file name next to the record");
  return join(dirname(recordPath), file);
}

/** Type guard: a parsed ballot line is at least an object (the checks own every field). */
export function isBallotObject(v: unknown): v is BallotJson {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
