import {
  type Address,
  type BlockCodec,
  decodeExtraData,
  encodeExtraData,
  type QbftBlock,
  type RlpItem,
} from "@civitas/qbft";
import {
  Block,
  type BlockBytes,
  createBlockFromBytesArray,
  createBlockHeaderFromBytesArray,
} from "@ethereumjs/block";
import type { Common } from "@ethereumjs/common";
import { commitSealHash, qbftBlockHash } from "../chain/blockHashing.ts";

// Position of extraData in the header's RLP field list (Yellow Paper order).
const EXTRA_DATA_INDEX = 12;

/** An EthereumJS block with extraData's fields replaced (round, seals…); the transactions are shared. */
export function withExtraData(block: Block, extraData: Uint8Array): Block {
  const raw = block.header.raw();
  raw[EXTRA_DATA_INDEX] = extraData;
  const common = block.common;
  const header = createBlockHeaderFromBytesArray(raw, { common });
  return new Block(header, block.transactions, [], block.withdrawals ? [] : undefined, { common });
}

/** The node's block as the QBFT state machine sees it. */
export class NodeQbftBlock implements QbftBlock {
  readonly block: Block;
  readonly height: number;
  readonly round: number;
  readonly proposer: Address;
  #digest: Uint8Array | undefined;
  #key: string | undefined;

  constructor(block: Block) {
    this.block = block;
    this.height = Number(block.header.number);
    this.round = decodeExtraData(block.header.extraData).round;
    this.proposer = block.header.coinbase.toString() as Address;
  }

  /** keccak of the header with this round and no seals: the consensus digest and commit-seal message. */
  get digest(): Uint8Array {
    this.#digest ??= commitSealHash(this.block.header);
    return this.#digest;
  }

  /**
   * The block's on-chain hash (round 0, no seals) as hex: the same for every round the block is
   * proposed in, and the key under which its execution result is kept.
   */
  get executionKey(): string {
    this.#key ??= Buffer.from(qbftBlockHash(this.block.header)).toString("hex");
    return this.#key;
  }

  withRound(round: number): NodeQbftBlock {
    const extra = decodeExtraData(this.block.header.extraData);
    return new NodeQbftBlock(withExtraData(this.block, encodeExtraData({ ...extra, round, seals: [] })));
  }
}

/** Blocks inside PROPOSAL and ROUND-CHANGE messages: the RLP value of the full block, as Besu. */
export function createBlockCodec(common: Common): BlockCodec {
  return {
    toRlp: (block) => (block as NodeQbftBlock).block.raw() as unknown as RlpItem,
    fromRlp: (value) =>
      new NodeQbftBlock(createBlockFromBytesArray(value as unknown as BlockBytes, { common })),
  };
}
