import { bytesEqual } from "../bytes.ts";
import type { BallotJson, ElectionCore } from "../record.ts";
import type { BallotItem, BallotStepId } from "./ballotChecks.ts";
import type { BallotChunk } from "./parallel.ts";
import { PrefixTable } from "./prefixTable.ts";
import type { Step } from "./report.ts";
import {
  declarationMismatch,
  isBallotObject,
  type LineSource,
  lineChainNext,
  lineChainStart,
} from "./streamedRecord.ts";
import type { CastChallenged } from "./tallySteps.ts";
import type { VerifyProgress } from "./verifyRecord.ts";

const HEX32 = /^[0-9a-f]{64}$/;

/** Where the ballots come from: the record's list or its ballot file. */
export type BallotSource = LineSource<BallotJson>;

/** What the first pass learns: counts, counted ballots, the chain, and prefixes to confirm. */
export interface BallotIndex {
  count: number;
  /** counted[i] = 1 when ballot i is the last of its credential. */
  counted: Uint8Array;
  countedTotal: number;
  /** Chain start c_0 and the chain over the lines read (streamed records). */
  chainStart: Uint8Array | undefined;
  chain: Uint8Array | undefined;
  /** 16-hex-digit prefixes of codes seen on two ballots, and of α seen under two credentials. */
  codePrefixes: Set<string>;
  alphaPrefixes: Set<string>;
  castChallenged: CastChallenged;
}

/**
 * First pass over the ballots (SPEC §9): checks the file's line count and chain, credentials
 * and re-vote order (V9), finds the last ballot of each credential, and collects candidate
 * duplicates of codes and ciphertexts by 64-bit prefix (compact tables; the second pass
 * confirms them on the full values).
 */
export async function indexBallots(
  source: BallotSource,
  record: ElectionCore,
  baseHash: Uint8Array,
  registered: Set<string>,
  steps: Record<BallotStepId, Step>,
  onProgress?: (p: VerifyProgress) => void,
): Promise<BallotIndex> {
  const challenged = Array.isArray(record.challenged) ? record.challenged : [];
  const challengedCodes = new Set(challenged.map((c) => c?.ballot?.code));
  const challengedAlphas = new Set(
    challenged.flatMap((c) =>
      (c?.ballot?.contests ?? []).flatMap((k) => (k?.selections ?? []).map((s) => s?.alpha)),
    ),
  );
  const castChallenged: CastChallenged = { codes: new Set(), alphas: new Set() };
  const credentialNumber = new Map<string, number>();
  for (const key of registered) credentialNumber.set(key, credentialNumber.size);
  const lastSeq: number[] = [];
  const lastIndex: number[] = [];
  const codes = new PrefixTable();
  const alphas = new PrefixTable();
  const codePrefixes = new Set<string>();
  const alphaPrefixes = new Set<string>();
  const chainStart = source.declared ? lineChainStart("ballots", baseHash) : undefined;
  let chain = chainStart;
  let count = 0;
  const started = performance.now();
  try {
    for await (const { item, bytes } of source.items()) {
      const i = count++;
      if (chain !== undefined && bytes !== undefined) chain = lineChainNext("ballots", chain, i, bytes);
      if (onProgress && (i & 1023) === 0)
        onProgress({
          phase: "read",
          done: i,
          total: source.declared?.count,
          seconds: (performance.now() - started) / 1000,
        });
      let b: unknown = item;
      if (typeof item === "string") {
        try {
          b = JSON.parse(item);
        } catch {
          continue; // the second pass reports the line under V6
        }
      }
      if (!isBallotObject(b)) continue;
      const credential = String(b.credential);
      let n = credentialNumber.get(credential);
      if (n === undefined) {
        n = credentialNumber.size;
        credentialNumber.set(credential, n);
      }
      if (challengedCodes.has(b.code)) castChallenged.codes.add(b.code);
      if (typeof b.code === "string" && HEX32.test(b.code) && codes.swap(b.code, 0) !== undefined)
        codePrefixes.add(b.code.slice(0, 16));
      for (const alpha of alphasOf(b)) {
        if (challengedAlphas.has(alpha)) castChallenged.alphas.add(alpha);
        if (!HEX32.test(alpha)) continue;
        const owner = alphas.swap(alpha, n);
        if (owner !== undefined && owner !== n) alphaPrefixes.add(alpha.slice(0, 16));
      }
      if (!registered.has(credential))
        steps.V9.fail("VOTING_CREDENTIAL_UNKNOWN", `ballot ${i}: credential is not registered`);
      const prev = lastSeq[n];
      if (prev !== undefined && !(b.seq > prev)) {
        steps.V9.fail(
          "VOTING_BALLOT_SEQUENCE_INVALID",
          `ballot ${i}: seq ${b.seq} does not follow ${prev} (replayed or reordered re-vote)`,
        );
      }
      lastSeq[n] = b.seq;
      lastIndex[n] = i;
    }
  } catch (err) {
    steps.V6.fail("VOTING_BALLOT_STREAM_INVALID", `ballot file: ${(err as Error).message}`);
  }
  const declared = source.declared;
  const mismatch = declared && chain && declarationMismatch("ballots", declared, count, chain);
  if (mismatch) steps.V6.fail("VOTING_BALLOT_STREAM_INVALID", mismatch);
  const counted = new Uint8Array(count);
  let countedTotal = 0;
  for (const i of lastIndex) {
    if (i !== undefined) {
      counted[i] = 1;
      countedTotal++;
    }
  }
  return { count, counted, countedTotal, chainStart, chain, codePrefixes, alphaPrefixes, castChallenged };
}

/**
 * Second pass: the ballots in chunks for the checks. Confirms the first pass's candidate
 * duplicates on the full values (V6, in record order) and that a ballot file still hashes
 * to the chain the first pass computed.
 */
export async function* ballotChunks(
  source: BallotSource,
  index: BallotIndex,
  size: number,
  v6: Step,
): AsyncGenerator<BallotChunk> {
  const prefixes = [...index.codePrefixes, ...index.alphaPrefixes];
  const seenCodes = new Set<string>();
  const alphaOwner = new Map<string, string>();
  let chain = index.chainStart;
  let items: BallotItem[] = [];
  let counted: number[] = [];
  let i = 0;
  try {
    for await (const { item, bytes } of source.items()) {
      if (i >= index.count) break;
      if (chain !== undefined && bytes !== undefined) chain = lineChainNext("ballots", chain, i, bytes);
      if (prefixes.length > 0) confirmDuplicates(item, i, index, prefixes, seenCodes, alphaOwner, v6);
      items.push(item);
      if (index.counted[i]) counted.push(i);
      i++;
      if (items.length === size) {
        yield { offset: i - items.length, items, counted };
        items = [];
        counted = [];
      }
    }
  } catch {
    // Reported by the first pass (the same read error ends the same line).
  }
  if (items.length > 0) yield { offset: i - items.length, items, counted };
  const same = chain === undefined || index.chain === undefined || bytesEqual(chain, index.chain);
  if (i !== index.count || !same)
    v6.fail(
      "VOTING_BALLOT_STREAM_INVALID",
      "the ballot file changed while it was being verified: verify a stable copy",
    );
}

/** Exact check of one ballot's codes and α whose prefixes the first pass saw twice. */
function confirmDuplicates(
  item: BallotItem,
  i: number,
  index: BallotIndex,
  prefixes: string[],
  seenCodes: Set<string>,
  alphaOwner: Map<string, string>,
  v6: Step,
): void {
  if (typeof item === "string" && !prefixes.some((p) => item.includes(p))) return;
  let b: unknown = item;
  if (typeof item === "string") {
    try {
      b = JSON.parse(item);
    } catch {
      return;
    }
  }
  if (!isBallotObject(b)) return;
  if (typeof b.code === "string" && index.codePrefixes.has(b.code.slice(0, 16))) {
    if (seenCodes.has(b.code))
      v6.fail("VOTING_BALLOT_REPLAYED", `ballot ${i}: confirmation code already cast`);
    seenCodes.add(b.code);
  }
  const credential = String(b.credential);
  for (const alpha of alphasOf(b)) {
    if (!index.alphaPrefixes.has(alpha.slice(0, 16))) continue;
    const owner = alphaOwner.get(alpha);
    if (owner !== undefined && owner !== credential)
      v6.fail("VOTING_BALLOT_REPLAYED", `ballot ${i}: reuses a ciphertext cast under another credential`);
    alphaOwner.set(alpha, credential);
  }
}

/** The α of every selection of a ballot that has the expected shape (others fail V6 anyway). */
function alphasOf(b: BallotJson): string[] {
  const out: string[] = [];
  for (const c of Array.isArray(b.contests) ? b.contests : [])
    for (const s of Array.isArray(c?.selections) ? c.selections : [])
      if (typeof s?.alpha === "string") out.push(s.alpha);
  return out;
}
