// The committed fixture: its file locations and the hashes that pin it.
import { sha256 } from "@noble/hashes/sha2.js";
import { type ElectionRecord, encodeBallot, toHex, utf8 } from "../../src/index.ts";

/** Where the fixture record and its expected hashes are committed. */
export const FIXTURE_URL = new URL("../fixtures/election.json", import.meta.url);
export const HASHES_URL = new URL("../fixtures/election.hashes.json", import.meta.url);

/** The hashes that pin a record: base, extended, whole record, and each ballot's code. */
export function recordHashes(record: ElectionRecord): Record<string, string | string[] | number[][]> {
  return {
    baseHash: record.baseHash,
    extendedHash: record.extendedHash,
    jointKey: record.jointKey,
    recordSha256: toHex(sha256(utf8(JSON.stringify(record)))),
    ballotSha256: record.ballots.map((b) => toHex(sha256(encodeBallot(b)))),
    confirmationCodes: record.ballots.map((b) => b.code),
    results: record.tally.results,
  };
}
