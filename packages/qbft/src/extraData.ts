import { RLP } from "@ethereumjs/rlp";
import { hexToBytes } from "@noble/hashes/utils.js";
import { SIGNATURE_LENGTH, toAddress } from "./crypto.ts";
import { QbftError } from "./errors.ts";
import { type RlpItem, readBytes, readList, readScalar } from "./rlpScalars.ts";
import type { Address } from "./types.ts";

/** Length of the vanity field at the start of QBFT extraData. */
export const EXTRA_VANITY_LENGTH = 32;

/** A validator vote carried in a header: add (true) or drop (false) `recipient`. */
export interface QbftVote {
  readonly recipient: Address;
  readonly add: boolean;
}

/** The fields of QBFT header extraData. */
export interface QbftExtraData {
  readonly vanity: Uint8Array;
  readonly validators: readonly Address[];
  readonly vote: QbftVote | undefined;
  readonly round: number;
  readonly seals: readonly Uint8Array[];
}

const CODE = "QBFT_MALFORMED_EXTRA_DATA";
// Besu Vote.ADD_BYTE_VALUE; a drop is written as the RLP empty string (writeNull).
const VOTE_ADD = 0xff;
const VOTE_DROP = 0x00;

/**
 * Encodes extraData as Besu's QbftExtraDataCodec: RLP([vanity, [validators], vote, round, [seals]]).
 * vote is `[]` or `[recipient, 0xff]` (add) / `[recipient, ""]` (drop); round is an RLP scalar (0 → 0x80).
 */
export function encodeExtraData(extra: QbftExtraData): Uint8Array {
  if (extra.vanity.length !== EXTRA_VANITY_LENGTH) {
    throw new QbftError(CODE, `vanity must be ${EXTRA_VANITY_LENGTH} bytes, got ${extra.vanity.length}`);
  }
  const vote = extra.vote
    ? [
        hexToBytes(extra.vote.recipient.slice(2)),
        extra.vote.add ? Uint8Array.of(VOTE_ADD) : new Uint8Array(0),
      ]
    : [];
  return RLP.encode([
    extra.vanity,
    extra.validators.map((v) => hexToBytes(v.slice(2))),
    vote,
    extra.round,
    [...extra.seals],
  ]);
}

/** Decodes QBFT extraData; throws QbftError QBFT_MALFORMED_EXTRA_DATA on any deviation from the layout. */
export function decodeExtraData(bytes: Uint8Array): QbftExtraData {
  let decoded: RlpItem;
  try {
    decoded = RLP.decode(bytes);
  } catch (cause) {
    throw new QbftError(CODE, "extraData is not valid RLP", { cause });
  }
  const list = readList(decoded, "extraData", CODE);
  if (list.length !== 5) throw new QbftError(CODE, `extraData must have 5 fields, got ${list.length}`);
  const vanity = readBytes(list[0], EXTRA_VANITY_LENGTH, "vanity", CODE);
  const validators = readList(list[1], "validators", CODE).map((v) =>
    toAddress(readBytes(v, 20, "validator", CODE)),
  );
  const voteItem = readList(list[2], "vote", CODE);
  const round = readScalar(list[3], "round", CODE);
  const seals = readList(list[4], "seals", CODE).map((s) =>
    readBytes(s, SIGNATURE_LENGTH, "commit seal", CODE),
  );
  return { vanity, validators, vote: decodeVote(voteItem), round, seals };
}

function decodeVote(item: readonly (Uint8Array | unknown)[]): QbftVote | undefined {
  if (item.length === 0) return undefined;
  if (item.length !== 2) throw new QbftError(CODE, "vote must be [] or [recipient, type]");
  const recipient = toAddress(readBytes(item[0] as Uint8Array, 20, "vote recipient", CODE));
  const type = item[1];
  if (!(type instanceof Uint8Array)) throw new QbftError(CODE, "vote type must be a byte string");
  // Besu reads an empty string or a single 0x00 byte as a drop, 0xff as an add.
  if (type.length === 0 || (type.length === 1 && type[0] === VOTE_DROP)) return { recipient, add: false };
  if (type.length === 1 && type[0] === VOTE_ADD) return { recipient, add: true };
  throw new QbftError(CODE, "vote type must be 0xff (add) or empty (drop)");
}

/** extraData as it is hashed for the commit seal and consensus digest: this round kept, seals emptied. */
export function extraDataForCommitSeal(extra: QbftExtraData): Uint8Array {
  return encodeExtraData({ ...extra, seals: [] });
}

/** extraData as it is hashed for the on-chain block hash: round 0 and no seals (Besu BftBlockHashing). */
export function extraDataForOnchainHash(extra: QbftExtraData): Uint8Array {
  return encodeExtraData({ ...extra, round: 0, seals: [] });
}

/** Genesis extraData for a validator set: zero vanity, no vote, round 0, no seals (validators sorted). */
export function createGenesisExtraData(validators: readonly Address[]): Uint8Array {
  const sorted = [...validators].map((v) => v.toLowerCase() as Address).sort();
  return encodeExtraData({
    vanity: new Uint8Array(EXTRA_VANITY_LENGTH),
    validators: sorted,
    vote: undefined,
    round: 0,
    seals: [],
  });
}
