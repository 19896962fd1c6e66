import type { RecoverAddress, Signer } from "./crypto.ts";
import type { BlockCodec } from "./messages/blockCodec.ts";
import type { EncodedQbftMessage } from "./messages/types.ts";
import type { Address, ChainHead, QbftBlock } from "./types.ts";

/** The node's chain, read-only. */
export interface QbftChain {
  /** The current head block. */
  head(): ChainHead;
  /** Validators that must seal the block at `height` (those after block height-1), sorted ascending. */
  validatorsForHeight(height: number): readonly Address[];
}

/** Builds a new block on the current head. */
export interface QbftBlockCreator {
  /** A block for (height, round) whose coinbase is the local validator and whose extraData carries `round`. */
  createBlock(height: number, round: number, timestampSeconds: number): Promise<QbftBlock>;
  /**
   * Whether transactions wait to be included. When it returns false, round 0 starts only at the
   * empty-block deadline (`emptyBlockPeriodSeconds` after the parent); absent means always true.
   */
  hasPendingTransactions?(): boolean;
}

/** Result of validating a proposed block. */
export type BlockValidation = { readonly valid: true } | { readonly valid: false; readonly reason: string };

/** Validates a proposed block (header rules, transactions, execution) against the current head. */
export interface QbftBlockValidator {
  validateBlock(block: QbftBlock): Promise<BlockValidation>;
}

/** Writes a decided block to the chain. */
export interface QbftBlockImporter {
  /** Puts `seals` into the block's extraData and imports it; resolves false if the import failed. */
  importBlock(block: QbftBlock, seals: readonly Uint8Array[]): Promise<boolean>;
}

/** Sends consensus messages to the other validators. */
export interface QbftGossip {
  /** Sends to every other validator; the sender's own copy is applied locally, not looped back. */
  multicast(message: EncodedQbftMessage): void;
}

/** Milliseconds since the epoch; injected so tests drive time. */
export interface QbftClock {
  now(): number;
}

/** A timer the state machine asks for; the node calls `handleTimer` with it when it fires. */
export type QbftTimer =
  | { readonly kind: "block"; readonly height: number }
  | { readonly kind: "round"; readonly height: number; readonly round: number };

/** Timer scheduling. Scheduling a timer of one kind replaces the previous timer of that kind. */
export interface QbftTimers {
  schedule(timer: QbftTimer, delayMs: number): void;
}

/** Structured logging; optional. */
export interface QbftLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Everything the state machine is given. */
export interface QbftPorts {
  readonly signer: Signer;
  readonly recover: RecoverAddress;
  readonly codec: BlockCodec;
  readonly chain: QbftChain;
  readonly blockCreator: QbftBlockCreator;
  readonly blockValidator: QbftBlockValidator;
  readonly importer: QbftBlockImporter;
  readonly gossip: QbftGossip;
  readonly clock: QbftClock;
  readonly timers: QbftTimers;
  readonly logger?: QbftLogger;
}
