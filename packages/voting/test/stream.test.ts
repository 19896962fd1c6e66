// The streamed record form (SPEC §9): it verifies exactly like the single document, and every
// way of damaging the ballot file is caught at V6 with a reason.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  type BallotJson,
  type ElectionRecord,
  listSource,
  MAX_LINE_BYTES,
  readLines,
  STREAMED_BALLOTS_FILE,
  STREAMED_CREDENTIALS_FILE,
  STREAMED_RECORD_FILE,
  type StreamedElectionRecord,
  streamFilePath,
  verifyElectionRecord,
  writeStreamedRecord,
} from "../src/index.ts";
import { ballotChunks, indexBallots } from "../src/verify/ballotIndex.ts";
import { PrefixTable } from "../src/verify/prefixTable.ts";
import { Step } from "../src/verify/report.ts";
import { FIXTURE_URL } from "./support/fixture.ts";

// Every directory a test makes goes under one scratch directory, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), "civitas-stream-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const committed = JSON.parse(readFileSync(FIXTURE_URL, "utf8")) as ElectionRecord;

/**
 * Writes the fixture in streamed form, lets `edit` change the lines of one of its files (or
 * the record) and return the file's new text if it wants other than the lines, verifies it.
 */
async function verifyStreamed(
  edit: (lines: string[], record: StreamedElectionRecord) => string | undefined = () => undefined,
  workers = 1,
  file = STREAMED_BALLOTS_FILE,
) {
  const dir = mkdtempSync(join(scratch, "r-"));
  await writeStreamedRecord(committed, dir);
  const recordPath = join(dir, STREAMED_RECORD_FILE);
  const record = JSON.parse(readFileSync(recordPath, "utf8")) as StreamedElectionRecord;
  const lines = readFileSync(join(dir, file), "utf8").split("\n").slice(0, -1);
  const raw = edit(lines, record);
  writeFileSync(join(dir, file), raw ?? lines.map((l) => `${l}\n`).join(""));
  return verifyElectionRecord(record, {
    workers,
    ballotFile: streamFilePath(recordPath, record.ballotStream.file),
    credentialFile: streamFilePath(recordPath, record.credentialStream?.file),
  });
}

/** Changes one hex digit a little after `marker` (one byte of the file). */
function flipAfter(line: string, marker: string): string {
  const at = line.indexOf(marker) + marker.length + 8;
  return line.slice(0, at) + (line[at] === "0" ? "1" : "0") + line.slice(at + 1);
}

/** Asserts the record fails first at `step` with a stream finding whose message matches. */
function assertStreamFailure(
  report: Awaited<ReturnType<typeof verifyStreamed>>,
  reason: RegExp,
  step = "V6",
  code = "VOTING_BALLOT_STREAM_INVALID",
): void {
  assert.equal(report.verdict, "invalid");
  assert.equal(report.firstFailure?.id, step, JSON.stringify(report.firstFailure));
  const f = report.firstFailure?.findings.find((x) => x.code === code);
  assert.ok(f, JSON.stringify(report.firstFailure?.findings));
  assert.match(f.message, reason);
}

test("the streamed fixture verifies with the same report as the single document", async () => {
  const single = await verifyElectionRecord(committed);
  assert.equal(single.verdict, "valid");
  assert.deepEqual(await verifyStreamed(), single);
  assert.deepEqual(await verifyStreamed(undefined, 2), single);
});

test("a file cut inside a line is caught (V6)", async () => {
  const report = await verifyStreamed((lines) => lines.join("\n").slice(0, -100));
  assertStreamFailure(report, /cut short/);
});

test("a file missing its last line is caught (V6)", async () => {
  assertStreamFailure(
    await verifyStreamed((lines) => {
      lines.pop();
      return undefined;
    }),
    /has 7 lines but the record declares 8: ballots are missing/,
  );
});

test("two swapped lines are caught (V6)", async () => {
  const report = await verifyStreamed((lines) => {
    [lines[0], lines[1]] = [lines[1] as string, lines[0] as string];
    return undefined;
  });
  assertStreamFailure(report, /altered, reordered or replaced/);
});

test("an inserted duplicate line is caught (V6), and named as a replay", async () => {
  const report = await verifyStreamed((lines) => {
    lines.push(lines[2] as string);
    return undefined;
  });
  assertStreamFailure(report, /has 9 lines but the record declares 8: lines were added/);
  const v6 = report.steps.find((s) => s.id === "V6");
  assert.ok(v6?.findings.some((f) => f.code === "VOTING_BALLOT_REPLAYED" && /ballot 8:/.test(f.message)));
});

test("a line with one byte flipped is caught (V6)", async () => {
  const report = await verifyStreamed((lines) => {
    lines[3] = flipAfter(lines[3] as string, '"signature"');
    return undefined;
  });
  assertStreamFailure(report, /chain/);
});

test("a wrong declared count is caught (V6)", async () => {
  const report = await verifyStreamed((_, record) => {
    record.ballotStream.count = 9;
    return undefined;
  });
  assertStreamFailure(report, /record declares 9/);
});

test("a credential file missing a line, or with a byte flipped, is caught (V5)", async () => {
  const missing = await verifyStreamed(
    (lines) => {
      lines.pop();
      return undefined;
    },
    1,
    STREAMED_CREDENTIALS_FILE,
  );
  assertStreamFailure(missing, /credentials are missing/, "V5", "VOTING_CREDENTIAL_STREAM_INVALID");
  const flipped = await verifyStreamed(
    (lines) => {
      lines[1] = flipAfter(lines[1] as string, '"signature"');
      return undefined;
    },
    1,
    STREAMED_CREDENTIALS_FILE,
  );
  assertStreamFailure(flipped, /credential-chain/, "V5", "VOTING_CREDENTIAL_STREAM_INVALID");
});

test("a streamed record verified without its files says what to do (V5, V6)", async () => {
  const dir = mkdtempSync(join(scratch, "r-"));
  await writeStreamedRecord(committed, dir);
  const record = JSON.parse(readFileSync(join(dir, STREAMED_RECORD_FILE), "utf8")) as StreamedElectionRecord;
  const report = await verifyElectionRecord(record);
  assertStreamFailure(
    report,
    /verify the record together with its credential file/,
    "V5",
    "VOTING_CREDENTIAL_STREAM_INVALID",
  );
  const v6 = report.steps.find((s) => s.id === "V6");
  assert.match(v6?.findings[0]?.message ?? "", /verify the record together with its ballot file/);
  assert.throws(() => streamFilePath(join(dir, STREAMED_RECORD_FILE), "../ballots.jsonl"), /plain file name/);
});

test("the prefix table returns the value a prefix held, across growth", () => {
  const t = new PrefixTable(4);
  const hex = (i: number) => i.toString(16).padStart(16, "0").repeat(4);
  for (let i = 0; i < 1000; i++) assert.equal(t.swap(hex(i), i), undefined);
  for (let i = 0; i < 1000; i++) assert.equal(t.swap(hex(i), i + 1), i);
  // Only the first 64 bits count: a different value with the same prefix is a candidate.
  assert.equal(t.swap(`${hex(5).slice(0, 16)}${"f".repeat(48)}`, 0), 6);
});

test("lines are read exactly across read buffers; an overlong line is refused", async () => {
  const dir = mkdtempSync(join(scratch, "lines-"));
  const lines = Array.from({ length: 600 }, (_, i) => "x".repeat((i * 7919) % 9000));
  writeFileSync(join(dir, "a.jsonl"), lines.map((l) => `${l}\n`).join(""));
  const read: string[] = [];
  for await (const line of readLines(join(dir, "a.jsonl"))) read.push(line.text);
  assert.deepEqual(read, lines);
  writeFileSync(join(dir, "b.jsonl"), `${"y".repeat(MAX_LINE_BYTES + 1)}\n`);
  await assert.rejects(async () => {
    for await (const _ of readLines(join(dir, "b.jsonl")));
  }, /longer than/);
});

test("α and codes that share a 64-bit prefix are confirmed on the full value", async () => {
  const prefix = "ab".repeat(8);
  const hex = (tail: string) => prefix + tail.repeat(48 / tail.length);
  const ballot = (credential: string, code: string, alpha: string) =>
    ({ credential, seq: 0, code, contests: [{ selections: [{ alpha }] }] }) as unknown as BallotJson;
  // Ballots 0 and 1: different values under one prefix (a collision); ballot 2 replays ballot 0.
  const ballots = [
    ballot("c1", hex("1"), hex("a")),
    ballot("c2", hex("2"), hex("b")),
    ballot("c3", hex("1"), hex("a")),
  ];
  const steps = {
    V6: new Step("V6", ""),
    V7: new Step("V7", ""),
    V8: new Step("V8", ""),
    V9: new Step("V9", ""),
  };
  const source = listSource<BallotJson>({ ballots }, "ballots", undefined, assert.fail);
  const registered = new Set(["c1", "c2", "c3"]);
  const index = await indexBallots(source, committed, new Uint8Array(32), registered, steps);
  assert.deepEqual([...index.codePrefixes, ...index.alphaPrefixes], [prefix, prefix]);
  for await (const _ of ballotChunks(source, index, 2, steps.V6));
  assert.deepEqual(
    steps.V6.result.findings.map((f) => f.message),
    [
      "ballot 2: confirmation code already cast",
      "ballot 2: reuses a ciphertext cast under another credential",
    ],
  );
});
