import type { Signer } from "../crypto.ts";
import type { QbftBlock } from "../types.ts";
import type { BlockCodec } from "./blockCodec.ts";
import { commitRlp, prepareRlp, proposalRlp, roundChangeRlp } from "./payloadRlp.ts";
import { signPayload } from "./signing.ts";
import {
  type CommitMessage,
  MessageCode,
  type PrepareMessage,
  type PreparePayload,
  type ProposalMessage,
  type RoundChangeMessage,
  type RoundChangePayload,
  type Signed,
} from "./types.ts";

/** A prepared certificate: the block prepared in `round` and the quorum of PREPAREs proving it. */
export interface PreparedCertificate {
  readonly round: number;
  readonly block: QbftBlock;
  readonly prepares: readonly Signed<PreparePayload>[];
}

/** Creates and signs a PROPOSAL carrying its justification. */
export function createProposal(
  signer: Signer,
  codec: BlockCodec,
  block: QbftBlock,
  roundChanges: readonly Signed<RoundChangePayload>[],
  prepares: readonly Signed<PreparePayload>[],
): ProposalMessage {
  const payload = { height: block.height, round: block.round, block };
  return {
    type: "PROPOSAL",
    signed: signPayload(signer, MessageCode.PROPOSAL, payload, proposalRlp(payload, codec)),
    roundChanges,
    prepares,
  };
}

/** Creates and signs a PREPARE. */
export function createPrepare(
  signer: Signer,
  height: number,
  round: number,
  digest: Uint8Array,
): PrepareMessage {
  const payload = { height, round, digest };
  return { type: "PREPARE", signed: signPayload(signer, MessageCode.PREPARE, payload, prepareRlp(payload)) };
}

/** Creates and signs a COMMIT whose seal is the signer's signature over the block digest. */
export function createCommit(signer: Signer, block: QbftBlock): CommitMessage {
  const payload = {
    height: block.height,
    round: block.round,
    digest: block.digest,
    commitSeal: signer.sign(block.digest),
  };
  return { type: "COMMIT", signed: signPayload(signer, MessageCode.COMMIT, payload, commitRlp(payload)) };
}

/** Creates and signs a ROUND-CHANGE for `round`, carrying the latest prepared certificate if any. */
export function createRoundChange(
  signer: Signer,
  height: number,
  round: number,
  prepared: PreparedCertificate | undefined,
): RoundChangeMessage {
  const payload: RoundChangePayload = {
    height,
    round,
    prepared: prepared ? { round: prepared.round, digest: prepared.block.digest } : undefined,
  };
  return {
    type: "ROUND_CHANGE",
    signed: signPayload(signer, MessageCode.ROUND_CHANGE, payload, roundChangeRlp(payload)),
    preparedBlock: prepared?.block,
    prepares: prepared?.prepares ?? [],
  };
}
