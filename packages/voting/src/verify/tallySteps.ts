import { BALLOT_TAGS, confirmationCode, encodeBallot } from "../ballot.ts";
import { bytesEqual, fromHex } from "../bytes.ts";
import { trusteeVerificationKey } from "../ceremony.ts";
import { keyFromHex, pointFromHex, scalarFromHex, schnorrFromJson } from "../codec.ts";
import { checkEquations, type Equation } from "../equation.ts";
import { encodePoint, G, gPow, mul, type Point } from "../group.ts";
import { decryptionEquations } from "../proofs/decryption.ts";
import type { Ciphertext } from "../proofs/range.ts";
import { schnorrEquation } from "../proofs/schnorr.ts";
import type { ElectionCore } from "../record.ts";
import { combinePartials, decryptionContext } from "../tally.ts";
import { Step } from "./report.ts";

/** V10: the recorded aggregate equals the homomorphic sum of the counted ballots. */
export function verifyAggregate(
  record: ElectionCore,
  computed: Array<Array<[Uint8Array, Uint8Array]>>,
  counted: number,
): { step: Step; aggregate: Ciphertext[][] | undefined } {
  const step = new Step("V10", `Aggregation of the ${counted} counted ballots (last per credential)`);
  let aggregate: Ciphertext[][] | undefined;
  step.guard("aggregate", () => {
    const rec = record.tally.aggregate;
    if (!Array.isArray(rec) || rec.length !== computed.length)
      throw new Error("shape differs from the manifest");
    aggregate = rec.map((row, ci) => {
      if (!Array.isArray(row) || row.length !== computed[ci]?.length)
        throw new Error(`contest ${ci}: shape differs`);
      return row.map((cell, oi) => {
        step.check();
        const alpha = fromHex(cell.alpha, 32, `aggregate[${ci}][${oi}].alpha`);
        const beta = fromHex(cell.beta, 32, `aggregate[${ci}][${oi}].beta`);
        const [ca, cb] = computed[ci]?.[oi] ?? [new Uint8Array(), new Uint8Array()];
        if (!bytesEqual(alpha, ca) || !bytesEqual(beta, cb)) {
          step.fail(
            "VOTING_AGGREGATE_MISMATCH",
            `contest ${ci} option ${oi}: recorded aggregate ≠ sum of counted ballots`,
          );
        }
        return { alpha: pointFromHex(cell.alpha, "alpha"), beta: pointFromHex(cell.beta, "beta") };
      });
    });
  });
  return { step, aggregate };
}

/** V11: at least k distinct trustees' partial decryptions, each with a valid proof. */
export function verifyPartials(
  record: ElectionCore,
  aggregate: Ciphertext[][],
  extendedHash: Uint8Array,
): { step: Step; shares: Map<number, Point[][]> } {
  const step = new Step("V11", "Partial decryptions of the aggregate (Chaum–Pedersen proofs)");
  const { n, k } = record.manifest.trustees;
  const partials = Array.isArray(record.tally.partials) ? record.tally.partials : [];
  const shares = new Map<number, Point[][]>();
  for (const p of partials) {
    const where = `trustee ${p.trustee}`;
    step.guard(where, () => {
      if (!Number.isInteger(p.trustee) || p.trustee < 1 || p.trustee > n || shares.has(p.trustee)) {
        throw new Error("unknown or repeated trustee");
      }
      const Y = trusteeVerificationKey(p.trustee, record.ceremony.trustees);
      const eqs: Array<{ eqs: Equation[]; ci: number; oi: number }> = [];
      const Ms = aggregate.map((row, ci) =>
        row.map((ct, oi) => {
          const share = p.contests[ci]?.shares[oi];
          if (share === undefined) throw new Error(`missing share for contest ${ci} option ${oi}`);
          const M = pointFromHex(share.M, `contest ${ci} option ${oi} M`);
          const proof = {
            a: pointFromHex(share.proof.a, "proof.a"),
            b: pointFromHex(share.proof.b, "proof.b"),
            v: scalarFromHex(share.proof.v, "proof.v"),
          };
          eqs.push({
            eqs: decryptionEquations(
              proof,
              Y,
              ct.alpha,
              M,
              decryptionContext(extendedHash, p.trustee, ci, oi),
            ),
            ci,
            oi,
          });
          step.check();
          return M;
        }),
      );
      if (
        p.contests.length !== aggregate.length ||
        p.contests.some((c, ci) => c.shares.length !== aggregate[ci]?.length)
      ) {
        throw new Error("shape differs from the aggregate");
      }
      if (
        !checkEquations(
          eqs.flatMap((e) => e.eqs),
          undefined,
        )
      ) {
        for (const e of eqs) {
          if (!checkEquations(e.eqs, undefined)) {
            step.fail(
              "VOTING_DECRYPTION_PROOF_INVALID",
              `${where}: contest ${e.ci} option ${e.oi}: decryption proof does not verify`,
            );
          }
        }
        return;
      }
      shares.set(p.trustee, Ms);
    });
  }
  if (partials.length < k)
    step.fail("VOTING_NOT_ENOUGH_TRUSTEES", `${partials.length} partial decryptions, ${k} needed`);
  return { step, shares };
}

/** V12: the announced totals t satisfy t·G = β − Σ λ_j M_j (Lagrange over the trustees present). */
export function verifyResults(
  record: ElectionCore,
  aggregate: Ciphertext[][],
  shares: Map<number, Point[][]>,
): Step {
  const step = new Step("V12", "Tally: Lagrange combination matches the announced totals");
  const set = [...shares.keys()];
  if (set.length < record.manifest.trustees.k) {
    step.fail(
      "VOTING_NOT_ENOUGH_TRUSTEES",
      `only ${set.length} valid partial decryptions; ${record.manifest.trustees.k} needed`,
    );
    return step;
  }
  const results = record.tally.results;
  aggregate.forEach((row, ci) => {
    row.forEach((ct, oi) => {
      step.check();
      const t = results?.[ci]?.[oi];
      if (!Number.isInteger(t) || (t as number) < 0 || (t as number) > record.manifest.maxTally) {
        step.fail("VOTING_TALLY_MISMATCH", `contest ${ci} option ${oi}: result missing or out of range`);
        return;
      }
      const combined = combinePartials(
        set.map((j) => shares.get(j)?.[ci]?.[oi] as Point),
        set,
      );
      if (!ct.beta.subtract(combined).equals(gPow(BigInt(t as number)))) {
        step.fail(
          "VOTING_TALLY_MISMATCH",
          `contest ${ci} option ${oi}: announced ${t} is not what the trustees decrypted`,
        );
      }
    });
  });
  return step;
}

/** The confirmation codes and ciphertexts α of challenged ballots that also occur among the cast ballots. */
export interface CastChallenged {
  codes: Set<string>;
  alphas: Set<string>;
}

/** V13: challenged ballots open correctly and none of them is among the cast ballots. */
export function verifyChallenged(
  record: ElectionCore,
  jointKey: Point,
  extendedHash: Uint8Array,
  cast: CastChallenged,
): Step {
  const step = new Step("V13", "Challenged ballots (opened correctly, never counted)");
  const { codes: castCodes, alphas: castAlphas } = cast;
  (Array.isArray(record.challenged) ? record.challenged : []).forEach((ch, i) => {
    step.check();
    step.guard(`challenged ballot ${i}`, () => {
      const b = ch.ballot;
      const eq = schnorrEquation(
        schnorrFromJson(b.signature, "signature"),
        keyFromHex(b.credential, "credential"),
        BALLOT_TAGS.signature,
        [extendedHash, encodeBallot(b, false)],
      );
      if (!checkEquations([eq], undefined)) {
        step.fail("VOTING_CHALLENGED_BALLOT_INVALID", `challenged ballot ${i}: signature does not verify`);
      }
      if (!bytesEqual(fromHex(b.code, 32, "code"), confirmationCode(extendedHash, b))) {
        step.fail(
          "VOTING_CHALLENGED_BALLOT_INVALID",
          `challenged ballot ${i}: confirmation code does not match`,
        );
      }
      if (
        castCodes.has(b.code) ||
        b.contests.some((c) => c.selections.some((s) => castAlphas.has(s.alpha)))
      ) {
        step.fail(
          "VOTING_CHALLENGED_BALLOT_COUNTED",
          `challenged ballot ${i} also appears among the cast ballots`,
        );
      }
      record.manifest.contests.forEach((contest, ci) => {
        const open = ch.opening.contests[ci];
        const sels = b.contests[ci]?.selections;
        if (
          open === undefined ||
          sels === undefined ||
          open.values.length !== contest.options.length ||
          sels.length !== contest.options.length
        ) {
          throw new Error(`contest ${ci}: opening does not match the manifest`);
        }
        let total = 0;
        sels.forEach((s, oi) => {
          const m = open.values[oi];
          if (m !== 0 && m !== 1) throw new Error(`contest ${ci} option ${oi}: value must be 0 or 1`);
          total += m;
          const r = scalarFromHex(open.nonces[oi], "nonce");
          const alpha = mul(G, r);
          const beta = mul(jointKey, r).add(gPow(BigInt(m)));
          if (
            !bytesEqual(encodePoint(alpha), fromHex(s.alpha, 32)) ||
            !bytesEqual(encodePoint(beta), fromHex(s.beta, 32))
          ) {
            step.fail(
              "VOTING_CHALLENGED_BALLOT_INVALID",
              `challenged ballot ${i}: contest ${ci} option ${oi} does not open to its ciphertext`,
            );
          }
        });
        if (total > contest.limit)
          step.fail(
            "VOTING_CHALLENGED_BALLOT_INVALID",
            `challenged ballot ${i}: contest ${ci} over the limit`,
          );
      });
    });
  });
  return step;
}
