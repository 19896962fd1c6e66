// The committed, seeded end-to-end election: it regenerates byte for byte, verifies, and
// flipping any byte of its fields makes the verifier fail at the step that owns the field.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { type ElectionRecord, verifyElectionRecord } from "../src/index.ts";
import { FIXTURE_URL, HASHES_URL, recordHashes } from "./support/fixture.ts";
import { FIXTURE_OPTIONS, simulateElection } from "./support/simulate.ts";

const committed = JSON.parse(readFileSync(FIXTURE_URL, "utf8")) as ElectionRecord;
const hashes = JSON.parse(readFileSync(HASHES_URL, "utf8")) as Record<string, unknown>;

test("the fixture regenerates from its seed byte for byte, with the committed hashes", async () => {
  const { record, expected } = await simulateElection(FIXTURE_OPTIONS);
  assert.deepEqual(record, committed);
  assert.deepEqual(recordHashes(record), hashes);
  assert.deepEqual(record.tally.results, expected, "decrypted totals equal the simulated voters' choices");
  assert.equal(record.ceremony.complaints.length, 1, "the fixture exercises one public complaint");
});

test("the fixture verifies: every step passes", async () => {
  const report = await verifyElectionRecord(committed);
  assert.equal(report.verdict, "valid", JSON.stringify(report.firstFailure));
  assert.equal(report.steps.length, 13);
});

/** The step that owns a field, from its path in the record. */
function ownerStep(path: string): string {
  const rules: Array<[RegExp, string]> = [
    [/^(version|manifest|baseHash)/, "V1"],
    [/^ceremony/, "V2"],
    [/^(jointKey|extendedHash)/, "V3"],
    [/^issuanceLogs/, "V4"],
    [/^credentials/, "V5"],
    [/^ballots\.\d+\.(credential|seq|code|contests\.\d+\.selections\.\d+\.(alpha|beta))$/, "V6"],
    [/^ballots\.\d+\.contests\.\d+\.selections\.\d+\.proof/, "V7"],
    [/^ballots\.\d+\.contests\.\d+\.limitProof/, "V8"],
    [/^ballots\.\d+\.signature/, "V9"],
    [/^tally\.aggregate/, "V10"],
    [/^tally\.partials/, "V11"],
    [/^tally\.results/, "V12"],
    [/^challenged/, "V13"],
  ];
  for (const [re, step] of rules) if (re.test(path)) return step;
  throw new Error(`no owner for ${path}`);
}

/** Every leaf field of the record (hex strings and numbers) with its path. */
function leaves(v: unknown, path: string[] = []): string[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, String(i)]));
  if (v !== null && typeof v === "object")
    return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [path];
}

function mutate(record: ElectionRecord, path: string[]): ElectionRecord | undefined {
  const copy = structuredClone(record) as unknown as Record<string, unknown>;
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  const value = node[last];
  if (typeof value === "number") node[last] = value + 1;
  else if (typeof value === "string" && /^[0-9a-f]+$/.test(value) && value.length % 2 === 0) {
    const bytes = Buffer.from(value, "hex");
    const at = bytes.length >> 1;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    node[last] = bytes.toString("hex");
  } else if (typeof value === "string") node[last] = `${value}!`;
  else return undefined;
  return copy as unknown as ElectionRecord;
}

test("flipping a byte of any field fails verification at the step that owns the field", async () => {
  // Every field kind of every part of the record, taking the first element of each list
  // (and the version/manifest scalars); a full sweep is too slow for the test budget.
  const paths = leaves(committed).filter((p) => p.every((k) => !/^\d+$/.test(k) || k === "0"));
  let tried = 0;
  for (const path of paths) {
    const mutated = mutate(committed, path);
    if (mutated === undefined) continue;
    const report = await verifyElectionRecord(mutated);
    const name = path.join(".");
    assert.equal(report.verdict, "invalid", `${name}: tampering went unnoticed`);
    assert.equal(
      report.firstFailure?.id,
      ownerStep(name),
      `${name}: failed at ${report.firstFailure?.id} (${JSON.stringify(report.firstFailure?.findings[0])})`,
    );
    tried++;
  }
  assert.ok(tried > 60, `only ${tried} fields tried`);
});
