import { RLP } from "@ethereumjs/rlp";
import { type RecoverAddress, SIGNATURE_LENGTH } from "../crypto.ts";
import { QbftError } from "../errors.ts";
import { type RlpItem, readBytes, readList, readScalar } from "../rlpScalars.ts";
import type { BlockCodec } from "./blockCodec.ts";
import { recoverSigned } from "./signing.ts";
import {
  type CommitPayload,
  MessageCode,
  type PreparePayload,
  type ProposalPayload,
  type QbftMessage,
  type RoundChangePayload,
  type Signed,
} from "./types.ts";

const CODE = "QBFT_MALFORMED_MESSAGE";

/** What decoding needs: the block codec and signature recovery. */
export interface DecodeContext {
  readonly codec: BlockCodec;
  readonly recover: RecoverAddress;
}

/**
 * Decodes a Besu-format QBFT message and recovers the author of every signed payload in it.
 * Throws QbftError: QBFT_UNKNOWN_MESSAGE_CODE, QBFT_MALFORMED_MESSAGE or QBFT_INVALID_SIGNATURE.
 */
export function decodeMessage(code: number, data: Uint8Array, ctx: DecodeContext): QbftMessage {
  let root: RlpItem;
  try {
    root = RLP.decode(data);
  } catch (cause) {
    throw new QbftError(CODE, "message body is not valid RLP", { cause });
  }
  switch (code) {
    case MessageCode.PREPARE:
      return { type: "PREPARE", signed: decodeSigned(root, MessageCode.PREPARE, readPrepare, ctx) };
    case MessageCode.COMMIT:
      return { type: "COMMIT", signed: decodeSigned(root, MessageCode.COMMIT, readCommit, ctx) };
    case MessageCode.ROUND_CHANGE:
      return decodeRoundChange(root, ctx);
    case MessageCode.PROPOSAL:
      return decodeProposal(root, ctx);
    default:
      throw new QbftError("QBFT_UNKNOWN_MESSAGE_CODE", `unknown QBFT message code 0x${code.toString(16)}`);
  }
}

function decodeRoundChange(root: RlpItem, ctx: DecodeContext): QbftMessage {
  const list = readList(root, "ROUND-CHANGE", CODE);
  // Besu before 26.1 sent 3 fields; later versions add an (empty) block access list before the prepares.
  if (list.length !== 3 && list.length !== 4)
    throw new QbftError(CODE, `ROUND-CHANGE must have 3 or 4 fields, got ${list.length}`);
  if (list.length === 4) requireEmptyAccessList(list[2]);
  const blockItem = list[1];
  const hasBlock = !(Array.isArray(blockItem) && blockItem.length === 0);
  return {
    type: "ROUND_CHANGE",
    signed: decodeSigned(list[0], MessageCode.ROUND_CHANGE, readRoundChange, ctx),
    preparedBlock: hasBlock ? decodeBlock(blockItem, ctx) : undefined,
    prepares: readList(list[list.length - 1], "prepares", CODE).map((p) =>
      decodeSigned(p, MessageCode.PREPARE, readPrepare, ctx),
    ),
  };
}

function decodeProposal(root: RlpItem, ctx: DecodeContext): QbftMessage {
  const list = readList(root, "PROPOSAL", CODE);
  if (list.length !== 2) throw new QbftError(CODE, `PROPOSAL must have 2 fields, got ${list.length}`);
  const justification = readList(list[1], "proposal justification", CODE);
  if (justification.length !== 2)
    throw new QbftError(CODE, "proposal justification must be [roundChanges, prepares]");
  return {
    type: "PROPOSAL",
    signed: decodeSigned(list[0], MessageCode.PROPOSAL, (p) => readProposal(p, ctx), ctx),
    roundChanges: readList(justification[0], "round changes", CODE).map((rc) =>
      decodeSigned(rc, MessageCode.ROUND_CHANGE, readRoundChange, ctx),
    ),
    prepares: readList(justification[1], "prepares", CODE).map((p) =>
      decodeSigned(p, MessageCode.PREPARE, readPrepare, ctx),
    ),
  };
}

function decodeSigned<P>(
  item: RlpItem | undefined,
  code: number,
  read: (payload: RlpItem[]) => P,
  ctx: DecodeContext,
): Signed<P> {
  const list = readList(item, "signed payload", CODE);
  if (list.length !== 2) throw new QbftError(CODE, "a signed payload must be [payload, signature]");
  const payloadItem = readList(list[0], "payload", CODE);
  const signature = readBytes(list[1], SIGNATURE_LENGTH, "signature", CODE);
  // The signing hash covers the payload exactly as received, so older Besu layouts still verify.
  return recoverSigned(ctx.recover, code, read(payloadItem), payloadItem, signature);
}

function readRound(list: RlpItem[], what: string): { height: number; round: number } {
  return {
    height: readScalar(list[0], `${what} height`, CODE),
    round: readScalar(list[1], `${what} round`, CODE),
  };
}

function readPrepare(list: RlpItem[]): PreparePayload {
  if (list.length !== 3) throw new QbftError(CODE, `PREPARE payload must have 3 fields, got ${list.length}`);
  return { ...readRound(list, "PREPARE"), digest: readBytes(list[2], 32, "PREPARE digest", CODE) };
}

function readCommit(list: RlpItem[]): CommitPayload {
  if (list.length !== 4) throw new QbftError(CODE, `COMMIT payload must have 4 fields, got ${list.length}`);
  return {
    ...readRound(list, "COMMIT"),
    digest: readBytes(list[2], 32, "COMMIT digest", CODE),
    commitSeal: readBytes(list[3], SIGNATURE_LENGTH, "commit seal", CODE),
  };
}

function readRoundChange(list: RlpItem[]): RoundChangePayload {
  if (list.length !== 3)
    throw new QbftError(CODE, `ROUND-CHANGE payload must have 3 fields, got ${list.length}`);
  const prepared = readList(list[2], "prepared round metadata", CODE);
  if (prepared.length !== 0 && prepared.length !== 2)
    throw new QbftError(CODE, "prepared round metadata must be [] or [round, digest]");
  return {
    ...readRound(list, "ROUND-CHANGE"),
    prepared:
      prepared.length === 2
        ? {
            round: readScalar(prepared[0], "prepared round", CODE),
            digest: readBytes(prepared[1], 32, "prepared digest", CODE),
          }
        : undefined,
  };
}

function readProposal(list: RlpItem[], ctx: DecodeContext): ProposalPayload {
  if (list.length !== 3 && list.length !== 4)
    throw new QbftError(CODE, `PROPOSAL payload must have 3 or 4 fields, got ${list.length}`);
  if (list.length === 4) requireEmptyAccessList(list[3]);
  return { ...readRound(list, "PROPOSAL"), block: decodeBlock(list[2], ctx) };
}

function requireEmptyAccessList(item: RlpItem | undefined): void {
  if (!(item instanceof Uint8Array) || item.length !== 0) {
    throw new QbftError(CODE, "block access lists are not supported; the field must be empty");
  }
}

function decodeBlock(item: RlpItem | undefined, ctx: DecodeContext) {
  if (item === undefined) throw new QbftError(CODE, "block is missing");
  try {
    return ctx.codec.fromRlp(item);
  } catch (cause) {
    throw new QbftError(CODE, "block in message does not decode", { cause });
  }
}
