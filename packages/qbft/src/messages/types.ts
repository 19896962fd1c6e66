import type { Address, QbftBlock } from "../types.ts";

/** Besu's QBFT wire message codes (QbftV1). */
export const MessageCode = {
  PROPOSAL: 0x12,
  PREPARE: 0x13,
  COMMIT: 0x14,
  ROUND_CHANGE: 0x15,
} as const;

/** One of the four QBFT message codes. */
export type MessageCodeValue = (typeof MessageCode)[keyof typeof MessageCode];

/** A message as it travels: Besu's message code plus the RLP body. */
export interface EncodedQbftMessage {
  readonly code: number;
  readonly data: Uint8Array;
}

/** A payload with its signature and the author recovered from it. */
export interface Signed<P> {
  readonly payload: P;
  readonly signature: Uint8Array;
  readonly author: Address;
}

/** PREPARE: I accept the proposal with this digest in this round. */
export interface PreparePayload {
  readonly height: number;
  readonly round: number;
  readonly digest: Uint8Array;
}

/** COMMIT: I hold a quorum of PREPAREs for this digest; here is my seal over it. */
export interface CommitPayload {
  readonly height: number;
  readonly round: number;
  readonly digest: Uint8Array;
  readonly commitSeal: Uint8Array;
}

/** The prepared round and digest a ROUND-CHANGE reports, if its author prepared anything. */
export interface PreparedRoundMetadata {
  readonly round: number;
  readonly digest: Uint8Array;
}

/** ROUND-CHANGE: I want to move to `round`, and this is the latest block I prepared. */
export interface RoundChangePayload {
  readonly height: number;
  readonly round: number;
  readonly prepared: PreparedRoundMetadata | undefined;
}

/** PROPOSAL payload: the block proposed for (height, round). */
export interface ProposalPayload {
  readonly height: number;
  readonly round: number;
  readonly block: QbftBlock;
}

/** PROPOSAL with its justification: round changes and the prepares of the highest prepared one. */
export interface ProposalMessage {
  readonly type: "PROPOSAL";
  readonly signed: Signed<ProposalPayload>;
  readonly roundChanges: readonly Signed<RoundChangePayload>[];
  readonly prepares: readonly Signed<PreparePayload>[];
}

/** PREPARE message. */
export interface PrepareMessage {
  readonly type: "PREPARE";
  readonly signed: Signed<PreparePayload>;
}

/** COMMIT message. */
export interface CommitMessage {
  readonly type: "COMMIT";
  readonly signed: Signed<CommitPayload>;
}

/** ROUND-CHANGE with the prepared block and the quorum of PREPAREs that prove it was prepared. */
export interface RoundChangeMessage {
  readonly type: "ROUND_CHANGE";
  readonly signed: Signed<RoundChangePayload>;
  readonly preparedBlock: QbftBlock | undefined;
  readonly prepares: readonly Signed<PreparePayload>[];
}

/** Any QBFT message. */
export type QbftMessage = ProposalMessage | PrepareMessage | CommitMessage | RoundChangeMessage;

/** Height of any message. */
export function messageHeight(message: QbftMessage): number {
  return message.signed.payload.height;
}

/** Round of any message. */
export function messageRound(message: QbftMessage): number {
  return message.signed.payload.round;
}

/** Author of any message. */
export function messageAuthor(message: QbftMessage): Address {
  return message.signed.author;
}
