import { decodeExtraData, extraDataForCommitSeal, extraDataForOnchainHash } from "@civitas/qbft";
import type { BlockHeader } from "@ethereumjs/block";
import { RLP } from "@ethereumjs/rlp";
import { keccak256 } from "../crypto/nativeCrypto.ts";

/** Positions of header fields in the header's RLP field list (Yellow Paper order). */
export const HEADER_FIELD = { coinbase: 2, extraData: 12 } as const;

/** The header's RLP fields with extraData replaced. */
export function headerFieldsWithExtraData(header: BlockHeader, extraData: Uint8Array): Uint8Array[] {
  const fields = header.raw();
  fields[HEADER_FIELD.extraData] = extraData;
  return fields;
}

function hashWithExtraData(header: BlockHeader, extraData: Uint8Array): Uint8Array {
  const fields = headerFieldsWithExtraData(header, extraData);
  return keccak256(RLP.encode(fields));
}

/**
 * The block hash, as Besu's QBFT computes it: the header with extraData's commit seals
 * removed and its round set to 0, so the hash does not depend on which seals were collected.
 */
export function qbftBlockHash(header: BlockHeader): Uint8Array {
  return hashWithExtraData(header, extraDataForOnchainHash(decodeExtraData(header.extraData)));
}

/** The digest validators sign as their commit seal: the header with the round kept and no seals. */
export function commitSealHash(header: BlockHeader): Uint8Array {
  return hashWithExtraData(header, extraDataForCommitSeal(decodeExtraData(header.extraData)));
}
