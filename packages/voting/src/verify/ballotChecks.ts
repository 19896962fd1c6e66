import { BALLOT_TAGS, confirmationCodeOf, encodeBallot, proofContext, TOTAL_INDEX } from "../ballot.ts";
import { bytesEqual, fromHex } from "../bytes.ts";
import { decodeRangeJson, scalarFromHex } from "../codec.ts";
import { Batch } from "../equation.ts";
import type { VotingErrorCode } from "../errors.ts";
import { VotingError } from "../errors.ts";
import { decodePoint, decodePublicKey, encodePoint, IDENTITY, type Point } from "../group.ts";
import { hashToScalar } from "../hash.ts";
import {
  addRangeEquations,
  type Ciphertext,
  challengesAddUp,
  type RangeProof,
  rangeChallenge,
} from "../proofs/range.ts";
import type { BallotJson, ManifestJson, SchnorrJson } from "../record.ts";
/** The ballot steps whose per-ballot cryptography runs here (possibly in a worker). */
export type BallotStepId = "V6" | "V7" | "V8" | "V9";

/** A failure of one ballot at one step. */
export interface BallotFinding {
  step: BallotStepId;
  ballot: number;
  code: VotingErrorCode;
  message: string;
}

/** A ballot as given to the checks: parsed, or one line of a ballot file (parsed here). */
export type BallotItem = BallotJson | string;

/** Everything per-ballot checks need; plain data so it can cross to a worker thread. */
export interface BallotCheckInput {
  manifest: ManifestJson;
  extendedHash: Uint8Array;
  jointKey: Uint8Array;
}

/** Per-chunk result: findings, counts per step, and the sum of the counted ballots' ciphertexts. */
export interface BallotCheckOutput {
  findings: BallotFinding[];
  checked: Record<BallotStepId, number>;
  /** Per contest, per option [α, β] as 32-byte encodings. */
  aggregate: Array<Array<[Uint8Array, Uint8Array]>>;
}

/** One ballot's decoded points and parsed proofs; a step that already failed is undefined. */
interface ParsedBallot {
  index: number;
  cts: Ciphertext[][];
  selections?: RangeProof[][];
  limits?: RangeProof[];
  signature?: { R: Point; s: bigint; c: bigint; P: Point };
}

type ProofStep = "V7" | "V8" | "V9";
const PROOF_STEPS: ProofStep[] = ["V7", "V8", "V9"];
const STEP_FAILURE: Record<ProofStep, { code: VotingErrorCode; what: string }> = {
  V7: { code: "VOTING_SELECTION_PROOF_INVALID", what: "selection proof" },
  V8: { code: "VOTING_VOTE_LIMIT_PROOF_INVALID", what: "vote-limit proof" },
  V9: { code: "VOTING_BALLOT_SIGNATURE_INVALID", what: "signature" },
};

/**
 * Checks ballots [offset, offset + ballots.length) of the record: well-formedness and
 * confirmation code (V6), selection proofs (V7), limit proofs (V8) and the credential's
 * signature (V9). Every point is decoded once and its bytes are hashed as read. The proof
 * equations of the whole chunk are checked in one weighted batch; only when it fails are
 * the ballots re-checked one by one, and a failing ballot step by step, to name the culprit.
 */
export function checkBallotChunk(
  input: BallotCheckInput,
  ballots: BallotItem[],
  offset: number,
  counted: Set<number>,
): BallotCheckOutput {
  const { manifest, extendedHash } = input;
  const K = decodePublicKey(input.jointKey, "jointKey");
  const findings: BallotFinding[] = [];
  const checked: Record<BallotStepId, number> = { V6: 0, V7: 0, V8: 0, V9: 0 };
  const agg = manifest.contests.map((c) => c.options.map(() => ({ alpha: IDENTITY, beta: IDENTITY })));
  const fail = (step: BallotStepId, ballot: number, code: VotingErrorCode, message: string) =>
    findings.push({ step, ballot, code, message });
  const parsed: ParsedBallot[] = [];

  ballots.forEach((item, bi) => {
    const index = offset + bi;
    checked.V6++;
    let b: BallotJson;
    let cts: Ciphertext[][];
    let ctBytes: Uint8Array[][];
    let cred: Uint8Array;
    let P: Point;
    try {
      b = asBallot(item);
      cred = fromHex(b.credential, 32, "credential");
      P = decodePublicKey(cred, "credential");
      if (!Number.isInteger(b.seq) || b.seq < 0 || b.seq > 0xffffffff)
        throw new VotingError("VOTING_ENCODING_INVALID", "seq must be a u32");
      if (!Array.isArray(b.contests) || b.contests.length !== manifest.contests.length) {
        throw new VotingError("VOTING_ENCODING_INVALID", `expected ${manifest.contests.length} contests`);
      }
      ctBytes = b.contests.map((c, ci) => {
        const n = manifest.contests[ci]?.options.length ?? 0;
        if (!Array.isArray(c.selections) || c.selections.length !== n) {
          throw new VotingError("VOTING_ENCODING_INVALID", `contest ${ci}: expected ${n} selections`);
        }
        return c.selections.flatMap((s, oi) => [
          fromHex(s.alpha, 32, `contest ${ci} option ${oi} alpha`),
          fromHex(s.beta, 32, `contest ${ci} option ${oi} beta`),
        ]);
      });
      cts = ctBytes.map((row, ci) =>
        Array.from({ length: row.length / 2 }, (_, oi) => ({
          alpha: decodePoint(row[2 * oi] as Uint8Array, `contest ${ci} option ${oi} alpha`),
          beta: decodePoint(row[2 * oi + 1] as Uint8Array, `contest ${ci} option ${oi} beta`),
        })),
      );
      const code = fromHex(b.code, 32, "code");
      if (!bytesEqual(code, confirmationCodeOf(extendedHash, cred, b.seq, ctBytes.flat()))) {
        throw new VotingError(
          "VOTING_CONFIRMATION_CODE_MISMATCH",
          "confirmation code does not match the ciphertexts",
        );
      }
    } catch (err) {
      const e =
        err instanceof VotingError ? err : new VotingError("VOTING_ENCODING_INVALID", (err as Error).message);
      fail("V6", index, e.code, `ballot ${index}: ${e.message}`);
      return;
    }
    if (counted.has(index)) {
      cts.forEach((row, ci) => {
        row.forEach((ct, oi) => {
          const cell = agg[ci]?.[oi];
          if (cell) {
            cell.alpha = cell.alpha.add(ct.alpha);
            cell.beta = cell.beta.add(ct.beta);
          }
        });
      });
    }
    const pb: ParsedBallot = { index, cts };
    const guard = <T>(step: ProofStep, parse: () => T): T | undefined => {
      checked[step]++;
      try {
        return parse();
      } catch (err) {
        const { code } = STEP_FAILURE[step];
        const e = err instanceof VotingError ? err : new VotingError(code, (err as Error).message);
        fail(
          step,
          index,
          e.code === "VOTING_ENCODING_INVALID" ? e.code : code,
          `ballot ${index}: ${e.message}`,
        );
        return undefined;
      }
    };
    // V7: each selection encrypts 0 or 1.
    pb.selections = guard("V7", () =>
      b.contests.map((c, ci) =>
        c.selections.map((s, oi) => {
          const where = `contest ${ci} option ${oi}`;
          const { proof, commitmentBytes } = decodeRangeJson(s.proof, 1, `${where} proof`);
          const row = ctBytes[ci] as Uint8Array[];
          const c0 = rangeChallenge(
            1,
            proofContext(extendedHash, cred, ci, oi),
            row[2 * oi] as Uint8Array,
            row[2 * oi + 1] as Uint8Array,
            commitmentBytes,
          );
          if (!challengesAddUp(proof, c0))
            throw new VotingError("VOTING_SELECTION_PROOF_INVALID", `${where}: challenges do not add up`);
          return proof;
        }),
      ),
    );
    // V8: each contest's total is within its limit.
    pb.limits = guard("V8", () =>
      b.contests.map((c, ci) => {
        const limit = manifest.contests[ci]?.limit ?? 1;
        const sum = sumOf(cts[ci] as Ciphertext[]);
        const { proof, commitmentBytes } = decodeRangeJson(c.limitProof, limit, `contest ${ci} limit proof`);
        const c0 = rangeChallenge(
          limit,
          proofContext(extendedHash, cred, ci, TOTAL_INDEX),
          encodePoint(sum.alpha),
          encodePoint(sum.beta),
          commitmentBytes,
        );
        if (!challengesAddUp(proof, c0))
          throw new VotingError(
            "VOTING_VOTE_LIMIT_PROOF_INVALID",
            `contest ${ci}: over-vote or forged limit proof (challenges do not add up)`,
          );
        return proof;
      }),
    );
    // V9: signed by the credential.
    pb.signature = guard("V9", () => signatureOf(b.signature, P, cred, extendedHash, b));
    parsed.push(pb);
  });

  const all = new Set<ProofStep>(PROOF_STEPS);
  const batch = new Batch();
  for (const pb of parsed) addBallot(batch, pb, all);
  if (!batch.holds(K)) {
    let named = false;
    for (const pb of parsed) {
      const one = new Batch();
      addBallot(one, pb, all);
      if (one.holds(K)) continue;
      for (const step of PROOF_STEPS) {
        const only = new Batch();
        if (!addBallot(only, pb, new Set([step])) || only.holds(K)) continue;
        const { code, what } = STEP_FAILURE[step];
        fail(step, pb.index, code, `ballot ${pb.index}: ${what} does not verify`);
        named = true;
      }
    }
    // Only reachable with probability below 2^-64 (a true ballot failing its own recheck is
    // impossible; a false one passing is the batch bound): never let a failed batch pass.
    if (!named) fail("V7", offset, "VOTING_SELECTION_PROOF_INVALID", "ballot batch does not verify");
  }
  const aggregate = agg.map((row) =>
    row.map((c): [Uint8Array, Uint8Array] => [c.alpha.toBytes(), c.beta.toBytes()]),
  );
  return { findings, checked, aggregate };
}

/** The ballot an item stands for; a line must be one JSON object. */
function asBallot(item: BallotItem): BallotJson {
  let value: unknown = item;
  if (typeof item === "string") {
    try {
      value = JSON.parse(item);
    } catch (err) {
      throw new VotingError("VOTING_ENCODING_INVALID", `line is not JSON (${(err as Error).message})`);
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new VotingError("VOTING_ENCODING_INVALID", "a ballot must be a JSON object");
  return value as BallotJson;
}

/** Parses the ballot signature and computes its challenge over the unsigned binary ballot. */
function signatureOf(
  sig: SchnorrJson | undefined,
  P: Point,
  cred: Uint8Array,
  extendedHash: Uint8Array,
  b: BallotJson,
): { R: Point; s: bigint; c: bigint; P: Point } {
  if (sig === undefined || sig === null || typeof sig !== "object") {
    throw new VotingError("VOTING_ENCODING_INVALID", "signature: missing proof");
  }
  const Rb = fromHex(sig.R, 32, "signature.R");
  const R = decodePoint(Rb, "signature.R");
  const s = scalarFromHex(sig.s, "signature.s");
  const c = hashToScalar(BALLOT_TAGS.signature, [extendedHash, encodeBallot(b, false), cred, Rb]);
  return { R, s, c, P };
}

/**
 * Adds a parsed ballot's equations for the given steps to a batch, each α and β once with
 * the sum of its coefficients from the selection and limit proofs. Returns whether the
 * ballot has anything to check for these steps.
 */
function addBallot(batch: Batch, pb: ParsedBallot, steps: Set<ProofStep>): boolean {
  const selections = steps.has("V7") ? pb.selections : undefined;
  const limits = steps.has("V8") ? pb.limits : undefined;
  const signature = steps.has("V9") ? pb.signature : undefined;
  if (selections === undefined && limits === undefined && signature === undefined) return false;
  pb.cts.forEach((row, ci) => {
    const limit = limits?.[ci];
    const shared = limit === undefined ? { alpha: 0n, beta: 0n } : addRangeEquations(batch, limit);
    row.forEach((ct, oi) => {
      const proof = selections?.[ci]?.[oi];
      const own = proof === undefined ? { alpha: 0n, beta: 0n } : addRangeEquations(batch, proof);
      batch.addFull(ct.alpha, own.alpha + shared.alpha);
      batch.addFull(ct.beta, own.beta + shared.beta);
    });
  });
  if (signature !== undefined) {
    // s·G = R + c·P, as z·R + z·c·P − z·s·G.
    const z = batch.weight();
    batch.addShort(signature.R, z);
    batch.addFull(signature.P, z * signature.c);
    batch.addG(-z * signature.s);
  }
  return true;
}

function sumOf(cts: Ciphertext[]): Ciphertext {
  let alpha: Point = IDENTITY;
  let beta: Point = IDENTITY;
  for (const c of cts) {
    alpha = alpha.add(c.alpha);
    beta = beta.add(c.beta);
  }
  return { alpha, beta };
}
