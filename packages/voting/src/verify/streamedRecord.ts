import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { bytesEqual, fromHex, toHex, u32, utf8 } from "../bytes.ts";
import { TAG_PREFIX } from "../hash.ts";
import type { BallotJson, ElectionRecord, StreamedElectionRecord, StreamJson } from "../record.ts";

/** File names of a streamed record directory (SPEC §9). */
export const STREAMED_RECORD_FILE = "record.json";
export const STREAMED_BALLOTS_FILE = "ballots.jsonl";
export const STREAMED_CREDENTIALS_FILE = "credentials.jsonl";

/** The record's lists that may be streamed, each with its stream field and chain tag. */
export type StreamedList = "ballots" | "credentials";
const STREAM_FIELD = { ballots: "ballotStream", credentials: "credentialStream" } as const;
const CHAIN_TAG = { ballots: "ballot-chain", credentials: "credential-chain" } as const;
const ITEM = { ballots: "ballot", credentials: "credential" } as const;

/** Longest line accepted: far above a real ballot (~5 KB), it bounds the reader's memory. */
export const MAX_LINE_BYTES = 1 << 20;

/** H(tag, parts) with node:crypto, which hashes gigabytes several times faster. */
function chainHash(list: StreamedList, parts: Uint8Array[]): Uint8Array {
  const tag = utf8(`${TAG_PREFIX}${CHAIN_TAG[list]}`);
  const h = createHash("sha256");
  h.update(u32(tag.length));
  h.update(tag);
  for (const p of parts) {
    h.update(u32(p.length));
    h.update(p);
  }
  return new Uint8Array(h.digest());
}

/** c_0 of a list's chain: H("ballot-chain" or "credential-chain", [H_B]). */
export function lineChainStart(list: StreamedList, baseHash: Uint8Array): Uint8Array {
  return chainHash(list, [baseHash]);
}

/** c_{i+1} = H(tag, [c_i, u32 i, line_i]) over the line's bytes without its newline. */
export function lineChainNext(
  list: StreamedList,
  prev: Uint8Array,
  index: number,
  line: Uint8Array,
): Uint8Array {
  return chainHash(list, [prev, u32(index), line]);
}

/** One line of a list's file: its text, its bytes (what the chain hashes) and its index. */
export interface BallotLine {
  index: number;
  text: string;
  bytes: Uint8Array;
}

/** Why a streamed list's file cannot be read as lines; the verifier reports it under the list's step. */
export class LineFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LineFileError";
  }
}

function tooLong(index: number): LineFileError {
  return new LineFileError(`line ${index} is longer than ${MAX_LINE_BYTES} bytes`);
}

/**
 * Reads a JSON-lines file line by line with bounded memory (one read buffer plus one line).
 * Every line must end with "\n"; a last line without one means the file was cut short.
 */
export async function* readLines(path: string): AsyncGenerator<BallotLine> {
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
      if (bytes.length > MAX_LINE_BYTES) throw tooLong(index);
      yield { index, text: bytes.toString("utf8"), bytes };
      index++;
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(Buffer.from(chunk.subarray(start)));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw tooLong(index);
    }
  }
  if (pendingBytes > 0)
    throw new LineFileError(`the file ends inside line ${index} (no final newline): it was cut short`);
}

/** The stored form of a streamed record: the election-level JSON and the lines of its lists. */
export interface StreamedRecord {
  record: StreamedElectionRecord;
  ballots: string[];
  credentials: string[];
}

/** The declaration of a list written as `lines`: file, count and last chain link. */
function declare(list: StreamedList, baseHash: Uint8Array, lines: string[], file: string): StreamJson {
  let chain = lineChainStart(list, baseHash);
  lines.forEach((line, i) => {
    chain = lineChainNext(list, chain, i, utf8(line));
  });
  return { file, count: lines.length, chain: toHex(chain) };
}

/** Splits a single-document record into the streamed form: ballots and credentials as lines. */
export function toStreamedRecord(record: ElectionRecord): StreamedRecord {
  const baseHash = fromHex(record.baseHash, 32, "baseHash");
  const ballots = record.ballots.map((b) => JSON.stringify(b));
  const credentials = record.credentials.map((c) => JSON.stringify(c));
  const { ballots: _ballots, credentials: _credentials, ...head } = record;
  return {
    record: {
      ...head,
      credentialStream: declare("credentials", baseHash, credentials, STREAMED_CREDENTIALS_FILE),
      ballotStream: declare("ballots", baseHash, ballots, STREAMED_BALLOTS_FILE),
    },
    ballots,
    credentials,
  };
}

/** Writes a record in the streamed form into `dir` (record.json, credentials.jsonl, ballots.jsonl). */
export async function writeStreamedRecord(record: ElectionRecord, dir: string): Promise<void> {
  const streamed = toStreamedRecord(record);
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join("");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, STREAMED_RECORD_FILE), JSON.stringify(streamed.record));
  await writeFile(join(dir, STREAMED_CREDENTIALS_FILE), text(streamed.credentials));
  await writeFile(join(dir, STREAMED_BALLOTS_FILE), text(streamed.ballots));
}

/**
 * Resolves the file a stream declaration names: a plain file name in the record's own
 * directory, so a record cannot point the verifier at an arbitrary path.
 */
export function streamFilePath(recordPath: string, file: unknown): string {
  if (typeof file !== "string" || file === "" || file !== basename(file) || file === "..")
    throw new LineFileError("a stream's file must be a plain file name next to the record");
  return join(dirname(recordPath), file);
}

/** Where a list of the record comes from: record.json itself, or a JSON-lines file read per pass. */
export interface LineSource<T> {
  /** Declared line count and chain of a file; undefined for an inline list. */
  declared: { count: number; chain: Uint8Array } | undefined;
  items(): AsyncIterable<{ item: T | string; bytes: Uint8Array | undefined }>;
}

/**
 * The source of one of the record's lists (SPEC §9): inline, or the file its stream
 * declaration names. A bad declaration is reported through `fail`; the source is then empty.
 */
export function listSource<T>(
  record: object,
  list: StreamedList,
  file: string | undefined,
  fail: (message: string) => void,
): LineSource<T> {
  const field = STREAM_FIELD[list];
  const fields = record as Record<string, unknown>;
  const stream = fields[field] as StreamJson | undefined;
  const empty: LineSource<T> = { declared: undefined, items: async function* () {} };
  if (stream === undefined) {
    const inline = Array.isArray(fields[list]) ? (fields[list] as T[]) : [];
    return {
      declared: undefined,
      items: async function* () {
        for (const item of inline) yield { item, bytes: undefined };
      },
    };
  }
  if (list in record) {
    fail(`the record has both \`${list}\` and \`${field}\`: keep one`);
    return empty;
  }
  if (
    stream === null ||
    typeof stream !== "object" ||
    !Number.isSafeInteger(stream.count) ||
    stream.count < 0
  ) {
    fail(`${field}.count must be a non-negative integer`);
    return empty;
  }
  let chain: Uint8Array;
  try {
    chain = fromHex(stream.chain, 32, `${field}.chain`);
  } catch (err) {
    fail((err as Error).message);
    return empty;
  }
  if (file === undefined) {
    fail(
      `the ${list} are in ${JSON.stringify(stream.file)}: verify the record together with its ${ITEM[list]} file`,
    );
    return empty;
  }
  return {
    declared: { count: stream.count, chain },
    items: async function* () {
      for await (const line of readLines(file)) yield { item: line.text, bytes: line.bytes };
    },
  };
}

/** Why a file's lines do not match their declaration (count, then chain), or undefined. */
export function declarationMismatch(
  list: StreamedList,
  declared: { count: number; chain: Uint8Array },
  count: number,
  chain: Uint8Array,
): string | undefined {
  if (count < declared.count)
    return `the ${ITEM[list]} file has ${count} lines but the record declares ${declared.count}: ${list} are missing (truncated file?)`;
  if (count > declared.count)
    return `the ${ITEM[list]} file has ${count} lines but the record declares ${declared.count}: lines were added`;
  if (!bytesEqual(chain, declared.chain))
    return `the ${CHAIN_TAG[list]} over the file's ${count} lines is ${toHex(chain)}, not ${STREAM_FIELD[list]}.chain: a line was altered, reordered or replaced`;
  return undefined;
}

/** Type guard: a parsed ballot line is at least an object (the checks own every field). */
export function isBallotObject(v: unknown): v is BallotJson {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
