import { createMPT } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { type Hex, hexToBytes, keccak256 } from "viem";
import type { RpcTestNode } from "./rpcTestNode.ts";

/** Two transfers in block 1 (an EIP-1559 one and a legacy one), then an empty block 2. */
export interface TwoTransferChain {
  readonly raw: [Hex, Hex];
  readonly hashes: [Hex, Hex];
  readonly recipients: [Hex, Hex];
}

/** Builds the chain of TwoTransferChain on a fresh test node. */
export async function mineTwoTransfers(t: RpcTestNode): Promise<TwoTransferChain> {
  const recipients: [Hex, Hex] = [`0x${"a1".repeat(20)}`, `0x${"b2".repeat(20)}`];
  const raw: [Hex, Hex] = [
    await t.sign(t.accounts[0]!, { to: recipients[0], value: 5n, nonce: 0 }),
    await t.sign(t.accounts[1]!, { to: recipients[1], value: 7n, nonce: 0, type: "legacy" }),
  ];
  const hashes: [Hex, Hex] = [
    await t.rpc<Hex>("eth_sendRawTransaction", [raw[0]]),
    await t.rpc<Hex>("eth_sendRawTransaction", [raw[1]]),
  ];
  await t.produce();
  await t.produce();
  return { raw, hashes, recipients };
}

/** The transactions-trie root of raw signed transactions, computed apart from the node's block builder. */
export async function transactionsRoot(raw: readonly Hex[]): Promise<Hex> {
  const trie = await createMPT();
  for (const [i, tx] of raw.entries()) await trie.put(RLP.encode(i), hexToBytes(tx));
  return `0x${Buffer.from(trie.root()).toString("hex")}`;
}

/** keccak256(rlp("")): the root of an empty trie. */
export const EMPTY_TRIE_ROOT: Hex = `0x${Buffer.from(keccak_256(RLP.encode(new Uint8Array(0)))).toString("hex")}`;
/** keccak256(rlp([])): the hash of an empty uncle list. */
export const EMPTY_UNCLES_HASH: Hex = keccak256(RLP.encode([]));
/** A logs bloom with no bits set. */
export const EMPTY_BLOOM: Hex = `0x${"00".repeat(256)}`;
