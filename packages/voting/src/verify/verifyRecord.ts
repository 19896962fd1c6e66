import { decodePoint, IDENTITY } from "../group.ts";
import type { ElectionRecord, StreamedElectionRecord } from "../record.ts";
import type { BallotCheckOutput, BallotStepId } from "./ballotChecks.ts";
import { type BallotSource, ballotChunks, indexBallots } from "./ballotIndex.ts";
import { verifyJointKey, verifyManifest, verifyTrustees } from "./ceremonySteps.ts";
import { verifyCredentials, verifyIssuanceLogs } from "./credentialSteps.ts";
import { checkBallotStream, chunkSize } from "./parallel.ts";
import { Step, type StepResult, type VerificationReport } from "./report.ts";
import { listSource } from "./streamedRecord.ts";
import { verifyAggregate, verifyChallenged, verifyPartials, verifyResults } from "./tallySteps.ts";

/** Options of verifyElectionRecord. */
export interface VerifyOptions {
  /** Worker threads for the ballot checks (default 1: this thread). */
  workers?: number;
  /** The ballot file of a streamed record (SPEC §9), already resolved against the record's directory. */
  ballotFile?: string;
  /** The credential file of a streamed record, likewise. */
  credentialFile?: string;
  /** Called as ballots are read (first pass) and checked (second pass). */
  onProgress?: (progress: VerifyProgress) => void;
}

/** Progress of a verification: ballots done in the current pass, out of `total` when known. */
export interface VerifyProgress {
  phase: "read" | "check";
  done: number;
  total: number | undefined;
  /** Seconds since the pass started. */
  seconds: number;
}

const TITLES: Record<BallotStepId, string> = {
  V6: "Ballot encoding, confirmation codes, no replays",
  V7: "Selection proofs (each selection is 0 or 1)",
  V8: "Vote limits (contest totals within the limit)",
  V9: "Ballot signatures, registered credentials, re-voting order",
};

/**
 * Verifies a complete public election record, step by step (SPEC §8: V1–V13), and returns a
 * report with every step's findings and the verdict. Never throws on a bad record: every
 * problem becomes a finding of the step that owns the offending field.
 */
export async function verifyElectionRecord(
  record: ElectionRecord | StreamedElectionRecord,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const steps: Step[] = [];
  const finish = (): VerificationReport => {
    const results: StepResult[] = steps.map((s) => s.result);
    const firstFailure = results.find((s) => s.status === "fail");
    return { verdict: firstFailure ? "invalid" : "valid", steps: results, firstFailure };
  };
  const v1 = verifyManifest(record);
  steps.push(v1.step);
  if (v1.baseHash === undefined) return finish();
  const baseHash = v1.baseHash;
  steps.push(verifyTrustees(record, baseHash));
  const v3 = verifyJointKey(record, baseHash);
  steps.push(v3.step);
  if (v3.jointKey === undefined || v3.extendedHash === undefined) return finish();
  const { jointKey, extendedHash } = v3;
  const v4 = verifyIssuanceLogs(record, baseHash);
  steps.push(v4.step);
  const v5 = await verifyCredentials(record, baseHash, v4.issued, options.credentialFile);
  steps.push(v5.step);

  const ballotSteps = Object.fromEntries(
    (Object.keys(TITLES) as BallotStepId[]).map((id) => [id, new Step(id, TITLES[id])]),
  ) as Record<BallotStepId, Step>;
  const source: BallotSource = listSource(record, "ballots", options.ballotFile, (m) =>
    ballotSteps.V6.fail("VOTING_BALLOT_STREAM_INVALID", m),
  );
  const index = await indexBallots(source, record, baseHash, v5.registered, ballotSteps, options.onProgress);
  // Chunk results are folded in record order into separate steps, then appended to the
  // record-wide findings above so that the report lists findings in the same order however
  // many threads ran.
  const checkSteps = Object.fromEntries(
    (Object.keys(TITLES) as BallotStepId[]).map((id) => [id, new Step(id, TITLES[id])]),
  ) as Record<BallotStepId, Step>;
  const aggregate = record.manifest.contests.map((c) =>
    c.options.map(() => ({ alpha: IDENTITY, beta: IDENTITY })),
  );
  const ready = new Map<number, BallotCheckOutput>();
  let folded = 0;
  let done = 0;
  const started = performance.now();
  const fold = (out: BallotCheckOutput) => {
    for (const id of Object.keys(TITLES) as BallotStepId[]) checkSteps[id].check(out.checked[id]);
    for (const f of out.findings) checkSteps[f.step].fail(f.code, f.message);
    out.aggregate.forEach((row, ci) => {
      row.forEach(([a, b], oi) => {
        const cell = aggregate[ci]?.[oi];
        if (cell) {
          cell.alpha = cell.alpha.add(decodePoint(a));
          cell.beta = cell.beta.add(decodePoint(b));
        }
      });
    });
  };
  const workers = options.workers ?? 1;
  const size = chunkSize(index.count, workers);
  await checkBallotStream(
    { manifest: record.manifest, extendedHash, jointKey: jointKey.toBytes() },
    ballotChunks(source, index, size, ballotSteps.V6),
    Math.min(workers, Math.ceil(index.count / size)),
    (seq, out, n) => {
      ready.set(seq, out);
      for (let next = ready.get(folded); next !== undefined; next = ready.get(folded)) {
        ready.delete(folded++);
        fold(next);
      }
      done += n;
      options.onProgress?.({
        phase: "check",
        done,
        total: index.count,
        seconds: (performance.now() - started) / 1000,
      });
    },
  );
  for (const id of Object.keys(TITLES) as BallotStepId[]) ballotSteps[id].append(checkSteps[id]);
  steps.push(ballotSteps.V6, ballotSteps.V7, ballotSteps.V8, ballotSteps.V9);

  const computed = aggregate.map((row) =>
    row.map((c): [Uint8Array, Uint8Array] => [c.alpha.toBytes(), c.beta.toBytes()]),
  );
  const v10 = verifyAggregate(record, computed, index.countedTotal);
  steps.push(v10.step);
  if (v10.aggregate !== undefined) {
    const v11 = verifyPartials(record, v10.aggregate, extendedHash);
    steps.push(v11.step);
    steps.push(verifyResults(record, v10.aggregate, v11.shares));
  }
  steps.push(verifyChallenged(record, jointKey, extendedHash, index.castChallenged));
  return finish();
}

/** Parses record JSON text (either form); the verifier itself then checks every field. */
export function parseElectionRecord(text: string): ElectionRecord | StreamedElectionRecord {
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== "object") throw new Error("an election record is a JSON object");
  return value as ElectionRecord | StreamedElectionRecord;
}
