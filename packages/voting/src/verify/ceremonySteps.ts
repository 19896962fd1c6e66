import { bytesEqual, fromHex, toHex } from "../bytes.ts";
import {
  CEREMONY_TAGS,
  checkShare,
  computeExtendedHash,
  jointPublicKey,
  sharesTranscript,
} from "../ceremony.ts";
import { keyFromHex, pointFromHex, scalarFromHex, schnorrFromJson } from "../codec.ts";
import { checkEquation, checkEquations, type Equation } from "../equation.ts";
import { encodePoint, type Point } from "../group.ts";
import { computeBaseHash, validateManifest } from "../manifest.ts";
import { schnorrEquation } from "../proofs/schnorr.ts";
import type { ElectionCore } from "../record.ts";
import { Step } from "./report.ts";

/** V1: the record's version, the manifest's parameters and the base hash. */
export function verifyManifest(record: ElectionCore): { step: Step; baseHash: Uint8Array | undefined } {
  const step = new Step("V1", "Manifest, parameters and base hash");
  if (record.version !== "civitas-election-record/1") {
    step.fail("VOTING_MANIFEST_INVALID", `unsupported record version '${String(record.version)}'`);
  }
  step.check();
  const ok = step.guard("manifest", () => validateManifest(record.manifest));
  if (ok === undefined && step.result.status === "fail") return { step, baseHash: undefined };
  const baseHash = computeBaseHash(record.manifest);
  step.check();
  const recorded = step.guard("baseHash", () => fromHex(record.baseHash, 32, "baseHash"));
  if (recorded && !bytesEqual(recorded, baseHash)) {
    step.fail(
      "VOTING_BASE_HASH_MISMATCH",
      `recorded base hash ${record.baseHash} ≠ computed ${toHex(baseHash)}`,
    );
  }
  return { step, baseHash };
}

/** V2: every trustee's commitments, proofs of knowledge, share transcript and complaints. */
export function verifyTrustees(record: ElectionCore, baseHash: Uint8Array): Step {
  const step = new Step("V2", "Trustee keys, proofs of knowledge, shares and complaints");
  const { n, k } = record.manifest.trustees;
  const trustees = record.ceremony?.trustees;
  if (!Array.isArray(trustees) || trustees.length !== n) {
    step.fail("VOTING_TRUSTEE_PROOF_INVALID", `expected ${n} trustee messages`);
    return step;
  }
  const shares = Array.isArray(record.ceremony.shares) ? record.ceremony.shares : [];
  trustees.forEach((t, ti) => {
    const where = `trustee ${ti + 1}`;
    step.guard(where, () => {
      if (t.index !== ti + 1) throw new Error(`index must be ${ti + 1}`);
      if (
        !Array.isArray(t.commitments) ||
        t.commitments.length !== k ||
        !Array.isArray(t.proofs) ||
        t.proofs.length !== k
      ) {
        throw new Error(`needs ${k} commitments and ${k} proofs`);
      }
      const eqs: Equation[] = [];
      t.commitments.forEach((c, j) => {
        const K = keyFromHex(c, `${where} commitment ${j}`);
        eqs.push(
          schnorrEquation(schnorrFromJson(t.proofs[j], `${where} proof ${j}`), K, CEREMONY_TAGS.coefficient, [
            baseHash,
            t.index,
            j,
          ]),
        );
      });
      const E = keyFromHex(t.encryptionKey, `${where} encryptionKey`);
      eqs.push(
        schnorrEquation(
          schnorrFromJson(t.encryptionKeyProof, `${where} encryptionKeyProof`),
          E,
          CEREMONY_TAGS.encryptionKey,
          [baseHash, t.index],
        ),
      );
      const sent = shares.filter((s) => s.from === t.index);
      const expectedTo = trustees.map((_, i) => i + 1).filter((i) => i !== t.index);
      if (sent.length !== expectedTo.length || sent.some((s, i) => s.to !== expectedTo[i])) {
        throw Object.assign(new Error("must send exactly one share to each other trustee, in index order"));
      }
      for (const s of sent) {
        pointFromHex(s.ephemeral, `${where} share→${s.to} ephemeral`);
        fromHex(s.ciphertext, 48, `${where} share→${s.to} ciphertext`);
      }
      eqs.push(
        schnorrEquation(
          schnorrFromJson(t.sharesSignature, `${where} sharesSignature`),
          E,
          CEREMONY_TAGS.shares,
          [baseHash, t.index, sharesTranscript(sent)],
        ),
      );
      step.check(eqs.length);
      if (!checkEquations(eqs, undefined)) {
        eqs.forEach((eq, i) => {
          if (!checkEquation(eq, undefined))
            step.fail("VOTING_TRUSTEE_PROOF_INVALID", `${where}: proof ${i} does not verify`);
        });
      }
    });
  });
  if (shares.length !== n * (n - 1))
    step.fail(
      "VOTING_TRUSTEE_SHARE_INVALID",
      `expected ${n * (n - 1)} encrypted shares, got ${shares.length}`,
    );
  const complaints = Array.isArray(record.ceremony.complaints) ? record.ceremony.complaints : [];
  for (const c of complaints) {
    step.check();
    step.guard(`complaint ${c.accuser}→${c.accused}`, () => {
      const accused = trustees[c.accused - 1];
      if (accused === undefined || c.accuser < 1 || c.accuser > n || c.accuser === c.accused)
        throw new Error("unknown trustees");
      const value = scalarFromHex(c.share, "revealed share");
      if (!checkShare(value, c.accuser, accused.commitments)) {
        step.fail(
          "VOTING_TRUSTEE_DISQUALIFIED",
          `trustee ${c.accused}'s revealed share for ${c.accuser} contradicts its commitments: restart the ceremony without it`,
        );
      }
    });
  }
  return step;
}

/** V3: the joint key K = Σ K_{i,0} and the extended base hash. */
export function verifyJointKey(
  record: ElectionCore,
  baseHash: Uint8Array,
): { step: Step; jointKey: Point | undefined; extendedHash: Uint8Array | undefined } {
  const step = new Step("V3", "Joint election key and extended base hash");
  let jointKey: Point | undefined;
  let extendedHash: Uint8Array | undefined;
  step.guard("joint key", () => {
    const K = jointPublicKey(record.ceremony.trustees);
    step.check();
    const recorded = keyFromHex(record.jointKey, "jointKey");
    if (!recorded.equals(K))
      step.fail("VOTING_JOINT_KEY_MISMATCH", "recorded joint key ≠ Σ of the trustees' K_{i,0}");
    const H = computeExtendedHash(baseHash, K, record.ceremony.trustees);
    step.check();
    if (!bytesEqual(fromHex(record.extendedHash, 32, "extendedHash"), H)) {
      step.fail("VOTING_JOINT_KEY_MISMATCH", `recorded extended hash ≠ computed ${toHex(H)}`);
    }
    jointKey = K;
    extendedHash = H;
    return encodePoint(K);
  });
  return { step, jointKey, extendedHash };
}
