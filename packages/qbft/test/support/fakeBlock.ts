import { RLP } from "@ethereumjs/rlp";
import { hexToBytes } from "@noble/hashes/utils.js";
import {
  type Address,
  type BlockCodec,
  keccak256,
  type QbftBlock,
  type RlpItem,
  toAddress,
} from "../../src/index.ts";

/** A block whose only content is a tag; its digest commits to height, round, proposer and tag. */
export class FakeBlock implements QbftBlock {
  readonly height: number;
  readonly round: number;
  readonly proposer: Address;
  readonly tag: string;
  readonly digest: Uint8Array;

  constructor(height: number, round: number, proposer: Address, tag: string) {
    this.height = height;
    this.round = round;
    this.proposer = proposer;
    this.tag = tag;
    this.digest = keccak256(RLP.encode(this.raw()));
  }

  raw(): RlpItem {
    return [
      RLP.encode(this.height),
      RLP.encode(this.round),
      hexToBytes(this.proposer.slice(2)),
      new TextEncoder().encode(this.tag),
    ];
  }

  withRound(round: number): QbftBlock {
    return new FakeBlock(this.height, round, this.proposer, this.tag);
  }
}

/** Codec for FakeBlock, as the node's codec would be for real blocks. */
export const fakeCodec: BlockCodec = {
  toRlp: (block) => (block as FakeBlock).raw(),
  fromRlp: (value) => {
    if (!Array.isArray(value) || value.length !== 4) throw new Error("not a fake block");
    const [h, r, p, t] = value as Uint8Array[];
    const num = (b: Uint8Array | undefined) => RLP.decode(b!) as Uint8Array;
    const scalar = (b: Uint8Array) => b.reduce((acc, x) => acc * 256 + x, 0);
    return new FakeBlock(scalar(num(h)), scalar(num(r)), toAddress(p!), new TextDecoder().decode(t));
  },
};
