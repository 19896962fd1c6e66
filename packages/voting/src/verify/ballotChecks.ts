import { BALLOT_TAGS, confirmationCode, encodeBallot, proofContext, TOTAL_INDEX } from "../ballot.ts";
import { bytesEqual, fromHex } from "../bytes.ts";
import { keyFromHex, pointFromHex, rangeFromJson, schnorrFromJson } from "../codec.ts";
import { checkEquations, type Equation } from "../equation.ts";
import type { VotingErrorCode } from "../errors.ts";
import { VotingError } from "../errors.ts";
import { IDENTITY, type Point } from "../group.ts";
import { type Ciphertext, rangeEquations } from "../proofs/range.ts";
import { schnorrEquation } from "../proofs/schnorr.ts";
import type { BallotJson, ManifestJson } from "../record.ts";

/** The ballot steps whose per-ballot cryptography runs here (possibly in a worker). */
export type BallotStepId = "V6" | "V7" | "V8" | "V9";

/** A failure of one ballot at one step. */
export interface BallotFinding {
  step: BallotStepId;
  ballot: number;
  code: VotingErrorCode;
  message: string;
}

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

interface Pending {
  ballot: number;
  step: BallotStepId;
  code: VotingErrorCode;
  what: string;
  eqs: Equation[];
}

/**
 * Checks ballots [offset, offset + ballots.length) of the record: well-formedness and
 * confirmation code (V6), selection proofs (V7), limit proofs (V8) and the credential's
 * signature (V9). Proof equations of the whole chunk are checked in one batch per step;
 * only when a batch fails are its ballots re-checked one by one to name the culprit.
 */
export function checkBallotChunk(
  input: BallotCheckInput,
  ballots: BallotJson[],
  offset: number,
  counted: Set<number>,
): BallotCheckOutput {
  const { manifest, extendedHash } = input;
  const K = keyFromHex(toHexKey(input.jointKey), "jointKey");
  const findings: BallotFinding[] = [];
  const checked: Record<BallotStepId, number> = { V6: 0, V7: 0, V8: 0, V9: 0 };
  const pending: Pending[] = [];
  const agg = manifest.contests.map((c) => c.options.map(() => ({ alpha: IDENTITY, beta: IDENTITY })));
  const fail = (step: BallotStepId, ballot: number, code: VotingErrorCode, message: string) =>
    findings.push({ step, ballot, code, message });

  ballots.forEach((b, bi) => {
    const index = offset + bi;
    checked.V6++;
    let cts: Ciphertext[][];
    let cred: Uint8Array;
    try {
      cred = fromHex(b.credential, 32, "credential");
      keyFromHex(b.credential, "credential");
      if (!Number.isInteger(b.seq) || b.seq < 0 || b.seq > 0xffffffff)
        throw new VotingError("VOTING_ENCODING_INVALID", "seq must be a u32");
      if (!Array.isArray(b.contests) || b.contests.length !== manifest.contests.length) {
        throw new VotingError("VOTING_ENCODING_INVALID", `expected ${manifest.contests.length} contests`);
      }
      cts = b.contests.map((c, ci) => {
        const n = manifest.contests[ci]?.options.length ?? 0;
        if (!Array.isArray(c.selections) || c.selections.length !== n) {
          throw new VotingError("VOTING_ENCODING_INVALID", `contest ${ci}: expected ${n} selections`);
        }
        return c.selections.map((s, oi) => ({
          alpha: pointFromHex(s.alpha, `contest ${ci} option ${oi} alpha`),
          beta: pointFromHex(s.beta, `contest ${ci} option ${oi} beta`),
        }));
      });
      const code = fromHex(b.code, 32, "code");
      if (!bytesEqual(code, confirmationCode(extendedHash, b))) {
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
    // V7: each selection encrypts 0 or 1.
    collect(pending, fail, index, "V7", "VOTING_SELECTION_PROOF_INVALID", "selection proof", () =>
      b.contests.flatMap((c, ci) =>
        c.selections.flatMap((s, oi) => {
          const eqs = rangeEquations(
            rangeFromJson(s.proof, 1, `contest ${ci} option ${oi} proof`),
            (cts[ci] as Ciphertext[])[oi] as Ciphertext,
            1,
            proofContext(extendedHash, cred, ci, oi),
          );
          if (eqs === undefined)
            throw new VotingError(
              "VOTING_SELECTION_PROOF_INVALID",
              `contest ${ci} option ${oi}: challenges do not add up`,
            );
          return eqs;
        }),
      ),
    );
    checked.V7++;
    // V8: each contest's total is within its limit.
    collect(pending, fail, index, "V8", "VOTING_VOTE_LIMIT_PROOF_INVALID", "vote-limit proof", () =>
      b.contests.flatMap((c, ci) => {
        const limit = manifest.contests[ci]?.limit ?? 1;
        const sum = sumOf(cts[ci] as Ciphertext[]);
        const eqs = rangeEquations(
          rangeFromJson(c.limitProof, limit, `contest ${ci} limit proof`),
          sum,
          limit,
          proofContext(extendedHash, cred, ci, TOTAL_INDEX),
        );
        if (eqs === undefined)
          throw new VotingError(
            "VOTING_VOTE_LIMIT_PROOF_INVALID",
            `contest ${ci}: over-vote or forged limit proof (challenges do not add up)`,
          );
        return eqs;
      }),
    );
    checked.V8++;
    // V9: signed by the credential.
    collect(pending, fail, index, "V9", "VOTING_BALLOT_SIGNATURE_INVALID", "signature", () => [
      schnorrEquation(
        schnorrFromJson(b.signature, "signature"),
        keyFromHex(b.credential, "credential"),
        BALLOT_TAGS.signature,
        [extendedHash, encodeBallot(b, false)],
      ),
    ]);
    checked.V9++;
  });

  for (const step of ["V7", "V8", "V9"] as const) {
    const items = pending.filter((p) => p.step === step);
    if (
      items.length === 0 ||
      checkEquations(
        items.flatMap((p) => p.eqs),
        K,
      )
    )
      continue;
    for (const p of items) {
      if (!checkEquations(p.eqs, K))
        fail(step, p.ballot, p.code, `ballot ${p.ballot}: ${p.what} does not verify`);
    }
  }
  const aggregate = agg.map((row) =>
    row.map((c): [Uint8Array, Uint8Array] => [c.alpha.toBytes(), c.beta.toBytes()]),
  );
  return { findings, checked, aggregate };
}

function collect(
  pending: Pending[],
  fail: (step: BallotStepId, ballot: number, code: VotingErrorCode, message: string) => void,
  ballot: number,
  step: BallotStepId,
  code: VotingErrorCode,
  what: string,
  build: () => Equation[],
): void {
  try {
    pending.push({ ballot, step, code, what, eqs: build() });
  } catch (err) {
    const e = err instanceof VotingError ? err : new VotingError(code, (err as Error).message);
    fail(
      step,
      ballot,
      e.code === "VOTING_ENCODING_INVALID" ? e.code : code,
      `ballot ${ballot}: ${e.message}`,
    );
  }
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

function toHexKey(b: Uint8Array): string {
  return Buffer.from(b).toString("hex");
}
