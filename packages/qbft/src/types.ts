/** A 20-byte account address as lowercase 0x-prefixed hex; the canonical form used for comparisons. */
export type Address = `0x${string}`;

/**
 * The block as the state machine sees it: opaque except for what consensus needs.
 * The node implements it over its real block type.
 */
export interface QbftBlock {
  /** Block number. */
  readonly height: number;
  /** The round written in the header's extraData (QBFT keeps it there, Besu-compatible). */
  readonly round: number;
  /** The header's coinbase; QBFT requires it to be the proposer of a freshly created block. */
  readonly proposer: Address;
  /**
   * keccak256 of the RLP header whose extraData carries this block's round and an empty seal list.
   * Besu uses this one hash both as the consensus digest of PROPOSAL/PREPARE/COMMIT and as the
   * message that every commit seal signs (see README, "Hashes").
   */
  readonly digest: Uint8Array;
  /** The same block with `round` replaced in its extraData (re-proposing a prepared block). */
  withRound(round: number): QbftBlock;
}

/** Where the chain stands: the block that the next height builds on. */
export interface ChainHead {
  readonly height: number;
  /** Header timestamp in seconds. */
  readonly timestamp: number;
  /** Coinbase of the head block (the zero address for a genesis block). */
  readonly proposer: Address;
}
