import { fromHex } from "./bytes.ts";
import { Writer } from "./codec.ts";
import { VotingError } from "./errors.ts";
import { hashBytes } from "./hash.ts";
import type { ManifestJson } from "./record.ts";

/** Hard limits that keep every loop and proof in the verifier bounded. */
export const LIMITS = {
  contests: 64,
  options: 64,
  trustees: 64,
  issuers: 16,
  maxTally: 100_000_000,
} as const;

function fail(message: string): never {
  throw new VotingError("VOTING_MANIFEST_INVALID", `manifest: ${message}`);
}

function isCount(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

function isText(v: unknown): v is string {
  return typeof v === "string" && v.length > 0 && v.length <= 512;
}

/** Checks the manifest's shape and parameters (verification step V1); throws what is wrong. */
export function validateManifest(m: ManifestJson): void {
  if (m === null || typeof m !== "object") fail("missing");
  if (m.spec !== "civitas-voting/1") fail(`unsupported spec '${String(m.spec)}', expected civitas-voting/1`);
  if (!isText(m.electionId) || !isText(m.title)) fail("electionId and title must be non-empty strings");
  if (!Array.isArray(m.contests) || !isCount(m.contests.length, 1, LIMITS.contests))
    fail("1…64 contests required");
  const ids = new Set<string>();
  for (const c of m.contests) {
    if (!isText(c.id) || !isText(c.title) || ids.has(c.id))
      fail("contest ids must be distinct non-empty strings");
    ids.add(c.id);
    if (
      !Array.isArray(c.options) ||
      !isCount(c.options.length, 1, LIMITS.options) ||
      !c.options.every(isText)
    ) {
      fail(`contest ${c.id}: 1…64 named options required`);
    }
    if (!isCount(c.limit, 1, c.options.length)) fail(`contest ${c.id}: limit must be 1…${c.options.length}`);
  }
  const t = m.trustees;
  if (t === null || typeof t !== "object" || !isCount(t.n, 1, LIMITS.trustees) || !isCount(t.k, 1, t.n)) {
    fail("trustees need 1 ≤ k ≤ n ≤ 64");
  }
  if (!Array.isArray(t.names) || t.names.length !== t.n || !t.names.every(isText))
    fail("one name per trustee");
  if (!Array.isArray(m.issuers) || !isCount(m.issuers.length, 1, LIMITS.issuers))
    fail("1…16 issuers required");
  const issuerIds = new Set<string>();
  for (const i of m.issuers) {
    if (!isText(i.id) || issuerIds.has(i.id)) fail("issuer ids must be distinct non-empty strings");
    issuerIds.add(i.id);
    fromHex(i.blindRsaPublicKey, undefined, `issuer ${i.id} blindRsaPublicKey`);
    fromHex(i.logKey, 32, `issuer ${i.id} logKey`);
  }
  if (!isCount(m.maxTally, 1, LIMITS.maxTally)) fail(`maxTally must be 1…${LIMITS.maxTally}`);
}

/** Canonical binary encoding of the manifest (SPEC §3.1). */
export function encodeManifest(m: ManifestJson): Uint8Array {
  const w = new Writer().string(m.spec).string(m.electionId).string(m.title).u32(m.contests.length);
  for (const c of m.contests) {
    w.string(c.id).string(c.title).u32(c.options.length);
    for (const o of c.options) w.string(o);
    w.u32(c.limit);
  }
  w.u32(m.trustees.n).u32(m.trustees.k);
  for (const n of m.trustees.names) w.string(n);
  w.u32(m.issuers.length);
  for (const i of m.issuers) {
    w.string(i.id).bytes(fromHex(i.blindRsaPublicKey)).raw(fromHex(i.logKey, 32));
  }
  return w.u32(m.maxTally).finish();
}

/** The election base hash H_B = H("base", manifest): every later hash starts from it. */
export function computeBaseHash(m: ManifestJson): Uint8Array {
  return hashBytes("base", [encodeManifest(m)]);
}
