import type { RlpItem } from "../rlpScalars.ts";
import type { QbftBlock } from "../types.ts";

/**
 * How a block sits inside PROPOSAL and ROUND-CHANGE messages: as the RLP value of the full block
 * (Besu writes `Block.writeTo`: [header, transactions, ommers, ...]). The node implements it; with
 * EthereumJS that is `block.raw()` and `createBlockFromBytesArray`.
 */
export interface BlockCodec {
  /** The block's RLP value (not yet encoded to bytes). */
  toRlp(block: QbftBlock): RlpItem;
  /** Rebuilds a block from its RLP value; throws if the value is not a valid block. */
  fromRlp(value: RlpItem): QbftBlock;
}
