import type { RlpItem } from "../rlpScalars.ts";
import type { BlockCodec } from "./blockCodec.ts";
import type { CommitPayload, PreparePayload, ProposalPayload, RoundChangePayload } from "./types.ts";

/** Besu (≥ 26.1) writes an empty RLP string where a block access list may follow. */
export const NO_BLOCK_ACCESS_LIST = new Uint8Array(0);

/** RLP value of a PREPARE payload: [height, round, digest]. */
export function prepareRlp(p: PreparePayload): RlpItem {
  return [scalar(p.height), scalar(p.round), p.digest];
}

/** RLP value of a COMMIT payload: [height, round, digest, commitSeal]. */
export function commitRlp(p: CommitPayload): RlpItem {
  return [scalar(p.height), scalar(p.round), p.digest, p.commitSeal];
}

/** RLP value of a ROUND-CHANGE payload: [height, round, [] | [preparedRound, preparedDigest]]. */
export function roundChangeRlp(p: RoundChangePayload): RlpItem {
  return [scalar(p.height), scalar(p.round), p.prepared ? [scalar(p.prepared.round), p.prepared.digest] : []];
}

/** RLP value of a PROPOSAL payload: [height, round, block, blockAccessList (empty)]. */
export function proposalRlp(p: ProposalPayload, codec: BlockCodec): RlpItem {
  return [scalar(p.height), scalar(p.round), codec.toRlp(p.block), NO_BLOCK_ACCESS_LIST];
}

/** Minimal big-endian bytes of a non-negative integer, as RLP scalars are written (0 → empty). */
export function scalar(value: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Uint8Array.from(bytes);
}
