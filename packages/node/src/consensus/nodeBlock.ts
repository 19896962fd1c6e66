import {
  type Address,
  type BlockCodec,
  decodeExtraData,
  encodeExtraData,
  type QbftBlock,
  type RlpItem,
} from "@civitas/qbft";
import { Block, createBlockHeaderFromBytesArray } from "@ethereumjs/block";
import type { Common } from "@ethereumjs/common";
import { RLP } from "@ethereumjs/rlp";
import { createTxFromBlockBodyData, type TypedTransaction } from "@ethereumjs/tx";
import { bytesToHex } from "@ethereumjs/util";
import { commitSealHash, headerFieldsWithExtraData, qbftBlockHash } from "../chain/blockHashing.ts";
import { keccak256 } from "../crypto/nativeCrypto.ts";

/** An EthereumJS block with extraData's fields replaced (round, seals…); the transactions are shared. */
export function withExtraData(block: Block, extraData: Uint8Array): Block {
  const common = block.common;
  const header = createBlockHeaderFromBytesArray(headerFieldsWithExtraData(block.header, extraData), {
    common,
  });
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
  #raw: ReturnType<Block["raw"]> | undefined;

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

  /** The block's RLP value, computed once (a proposal is encoded when created and when sent). */
  get raw(): ReturnType<Block["raw"]> {
    this.#raw ??= this.block.raw();
    return this.#raw;
  }

  withRound(round: number): NodeQbftBlock {
    const extra = decodeExtraData(this.block.header.extraData);
    return new NodeQbftBlock(withExtraData(this.block, encodeExtraData({ ...extra, round, seals: [] })));
  }
}

/** Finds a transaction this node already holds (checked, sender recovered) by its 0x hash. */
export type KnownTransaction = (hash: string) => TypedTransaction | undefined;

/**
 * Blocks inside PROPOSAL and ROUND-CHANGE messages: the RLP value of the full block, as Besu.
 * Decoding takes the transactions this node already holds from `known` (the pool): the same bytes,
 * with the sender already recovered, so validating a proposal does not recover every sender again;
 * the others are decoded with `txCommon`, the shared decoding Common (no per-transaction copy).
 */
export function createBlockCodec(common: Common, txCommon: Common, known?: KnownTransaction): BlockCodec {
  return {
    toRlp: (block) => (block as NodeQbftBlock).raw as unknown as RlpItem,
    fromRlp: (value) => {
      if (!Array.isArray(value) || (value.length !== 3 && value.length !== 4))
        throw new Error("a block must be [header, transactions, uncles] or with withdrawals");
      const [headerFields, body, uncles, withdrawals] = value as unknown[];
      if (!Array.isArray(headerFields) || !Array.isArray(body) || !Array.isArray(uncles))
        throw new Error("a block's header, transactions and uncles must be lists");
      if (uncles.length > 0) throw new Error("a QBFT block has no uncles");
      if (withdrawals !== undefined && (!Array.isArray(withdrawals) || withdrawals.length > 0))
        throw new Error("a Civitas block has no withdrawals");
      const header = createBlockHeaderFromBytesArray(headerFields as Uint8Array[], { common });
      const transactions = (body as (Uint8Array | Uint8Array[])[]).map((item) => {
        if (known) {
          const bytes = item instanceof Uint8Array ? item : RLP.encode(item);
          const held = known(bytesToHex(keccak256(bytes)));
          if (held !== undefined) return held;
        }
        return createTxFromBlockBodyData(item, { common: txCommon });
      });
      return new NodeQbftBlock(new Block(header, transactions, [], [], { common }));
    },
  };
}
