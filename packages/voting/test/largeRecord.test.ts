// The large-record generator of the verification benchmark (bench/writeLargeRecord.ts), run as
// a real process on a small size: its record must verify as a whole, with its re-votes, and the
// verifier must still catch a change to it (the generator's shortcuts make no ballot special).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  type BallotJson,
  fromHex,
  lineChainNext,
  lineChainStart,
  STREAMED_BALLOTS_FILE,
  STREAMED_CREDENTIALS_FILE,
  STREAMED_RECORD_FILE,
  type StreamedElectionRecord,
  streamFilePath,
  toHex,
  utf8,
  verifyElectionRecord,
} from "../src/index.ts";
import { verifyIssuanceLogs } from "../src/verify/credentialSteps.ts";
import { simulateElection } from "./support/simulate.ts";

// Every directory a test makes goes under one scratch directory, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), "civitas-large-record-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const GENERATOR = new URL("../bench/writeLargeRecord.ts", import.meta.url).pathname;
const dir = mkdtempSync(join(scratch, "r-"));
const made = spawnSync(process.execPath, [GENERATOR, dir, "--ballots", "240", "--revotes", "12"], {
  encoding: "utf8",
});
const recordPath = join(dir, STREAMED_RECORD_FILE);

async function verify(record: StreamedElectionRecord) {
  return verifyElectionRecord(record, {
    workers: 2,
    ballotFile: streamFilePath(recordPath, record.ballotStream.file),
    credentialFile: streamFilePath(recordPath, record.credentialStream?.file),
  });
}

test("a generated record verifies: every ballot, credential, re-vote and the tally", async () => {
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, /240 ballots \(12 re-votes\), 228 credentials/);
  const record = JSON.parse(readFileSync(recordPath, "utf8")) as StreamedElectionRecord;
  assert.equal(record.ballotStream.count, 240);
  assert.equal(record.credentialStream?.count, 228);
  assert.equal(record.issuanceLogs[0]?.entries.length, 228);
  const lines = readFileSync(join(dir, STREAMED_BALLOTS_FILE), "utf8").trimEnd().split("\n");
  const ballots = lines.map((l) => JSON.parse(l) as BallotJson);
  assert.deepEqual(
    ballots.slice(108, 120).map((b) => [b.credential, b.seq]),
    ballots.slice(0, 12).map((b) => [b.credential, 1]),
    "the first worker's part ends with re-votes by the first 12 voters",
  );
  assert.equal(new Set(ballots.map((b) => b.credential)).size, 228);
  const marked = record.tally.results[0]?.reduce((a, b) => a + b, 0) ?? -1;
  assert.ok(marked > 0 && marked <= 228, `${marked} selections in the tally of 228 counted ballots`);
  const report = await verify(record);
  assert.equal(report.verdict, "valid", JSON.stringify(report.firstFailure));
});

test("a changed response in a generated ballot's selection proof is caught at V7", async () => {
  const lines = readFileSync(join(dir, STREAMED_BALLOTS_FILE), "utf8").trimEnd().split("\n");
  const line = lines[100] as string;
  const at = line.indexOf('"responses":["') + 20;
  lines[100] = line.slice(0, at) + (line[at] === "0" ? "1" : "0") + line.slice(at + 1);
  const copy = mkdtempSync(join(scratch, "r-"));
  writeFileSync(join(copy, STREAMED_CREDENTIALS_FILE), readFileSync(join(dir, STREAMED_CREDENTIALS_FILE)));
  writeFileSync(join(copy, STREAMED_BALLOTS_FILE), lines.map((l) => `${l}\n`).join(""));
  // A consistent file: the declared chain is recomputed, so only the proof is wrong.
  const record = JSON.parse(readFileSync(recordPath, "utf8")) as StreamedElectionRecord;
  let chain = lineChainStart("ballots", fromHex(record.baseHash, 32));
  lines.forEach((l, i) => {
    chain = lineChainNext("ballots", chain, i, utf8(l));
  });
  record.ballotStream.chain = toHex(chain);
  const report = await verifyElectionRecord(record, {
    workers: 1,
    ballotFile: join(copy, STREAMED_BALLOTS_FILE),
    credentialFile: join(copy, STREAMED_CREDENTIALS_FILE),
  });
  assert.equal(report.verdict, "invalid");
  assert.equal(report.firstFailure?.id, "V7", JSON.stringify(report.firstFailure));
  assert.deepEqual(
    report.firstFailure?.findings.map((f) => [f.code, f.message]),
    [["VOTING_SELECTION_PROOF_INVALID", "ballot 100: selection proof does not verify"]],
  );
});

test("an issuance log of 300,000 voters is signed and checked (V4), and a dropped entry is caught", async () => {
  const sim = await simulateElection({
    seed: "large-log",
    trustees: { n: 3, k: 2 },
    contests: [{ id: "ref", title: "Referendum", options: ["Yes", "No"], limit: 1 }],
    voters: 0,
    issuers: 1,
  });
  const issuer = sim.issuers[0];
  assert.ok(issuer);
  for (let v = 0; v < 300_000; v++) issuer.log.record(`voter-${v}`);
  const baseHash = fromHex(sim.record.baseHash, 32);
  const log = issuer.log.sign(issuer.logSecretKey, baseHash, sim.rng);
  assert.equal(log.entries.length, 300_000);
  const signed = verifyIssuanceLogs({ ...sim.record, issuanceLogs: [log] }, baseHash);
  assert.equal(signed.step.result.status, "pass", JSON.stringify(signed.step.result.findings));
  assert.deepEqual(signed.issued, [300_000]);

  const dropped = { ...log, entries: log.entries.slice(0, -1) };
  const report = verifyIssuanceLogs({ ...sim.record, issuanceLogs: [dropped] }, baseHash).step.result;
  assert.equal(report.status, "fail");
  assert.match(report.findings[0]?.message ?? "", /log signature does not verify/);
});
