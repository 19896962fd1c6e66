import {
  type Address,
  type BlockCodec,
  createQbftConfig,
  createQbftController,
  type MessageOutcome,
  type QbftController,
  type QbftStatus,
  type QbftTimer,
  type Signer,
  useKeccak256,
} from "@civitas/qbft";
import type { Chain } from "../chain/chain.ts";
import { addressOfPrivateKey } from "../crypto/accountKeys.ts";
import { keccak256, signHash } from "../crypto/nativeCrypto.ts";
import type { QbftGenesisConfig } from "../genesis/genesisConfig.ts";
import type { Logger } from "../logger.ts";
import type { TxPool } from "../txpool/txPool.ts";
import type { BlockPipeline } from "./blockPipeline.ts";
import type { NodeQbftBlock } from "./nodeBlock.ts";
import { recoverQbftSigner } from "./recoverQbftSigner.ts";
import type { ValidatorSet } from "./validatorSet.ts";

// Consensus messages carry whole blocks: hash them with the node's native keccak.
useKeccak256(keccak256);

/** The validator identity that signs consensus messages and commit seals. */
export interface ValidatorKey {
  readonly address: string;
  readonly privateKey: Uint8Array;
}

// Own messages kept for replay: a height's proposal, prepare and commit, and a few round changes.
const MAX_REMEMBERED = 16;

/** What the QBFT service is given. */
export interface QbftServiceOptions {
  readonly chain: Chain;
  /** How blocks travel inside consensus messages (the node's codec, shared with sync). */
  readonly codec: BlockCodec;
  readonly pool: TxPool;
  readonly validators: ValidatorSet;
  readonly pipeline: BlockPipeline;
  readonly key: ValidatorKey;
  readonly qbft: QbftGenesisConfig;
  readonly maxRoundTimeoutSeconds: number;
  /** Sends a consensus message to the other validators. */
  readonly multicast: (code: number, data: Uint8Array) => void;
  readonly log: Logger;
  /** Called when this node moves to a round above 0. */
  readonly onRoundChange?: (height: number, round: number) => void;
}

/**
 * Runs the QBFT state machine of `@civitas/qbft` for this node: gives it the chain, the block
 * pipeline, real timers and the network, and feeds it messages, timer expiries and new heads.
 */
export class QbftService {
  readonly #controller: QbftController;
  readonly #options: QbftServiceOptions;
  readonly #timers = new Map<QbftTimer["kind"], { timer: QbftTimer; handle: NodeJS.Timeout; due: number }>();
  #lastRound = { height: 0, round: 0 };
  #closed = false;
  /** This node's own messages of the height it is on (the height they were sent at), for peers that connect later. */
  #own: { height: number; code: number; data: Uint8Array }[] = [];

  constructor(options: QbftServiceOptions) {
    this.#options = options;
    const { chain, validators, pipeline, log } = options;
    const address = options.key.address.toLowerCase() as Address;
    if (addressOfPrivateKey(options.key.privateKey).toLowerCase() !== address)
      throw new Error("validator key does not match its address");
    const signer: Signer = { address, sign: (hash) => signHash(hash, options.key.privateKey) };
    this.#controller = createQbftController(
      {
        signer,
        recover: recoverQbftSigner,
        codec: options.codec,
        chain: {
          head: () => {
            const header = chain.tip.block.header;
            return {
              height: Number(header.number),
              timestamp: Number(header.timestamp),
              proposer: header.coinbase.toString() as Address,
            };
          },
          validatorsForHeight: (height) => validators.forHeight(height),
        },
        blockCreator: {
          createBlock: (height, round, timestamp) => pipeline.build(height, round, timestamp, address),
          hasPendingTransactions: () => options.pool.hasExecutable(),
        },
        blockValidator: { validateBlock: (block) => pipeline.validate(block as NodeQbftBlock) },
        importer: {
          importBlock: (block, seals) => pipeline.commitDecided(block as NodeQbftBlock, seals),
        },
        gossip: {
          multicast: (message) => {
            this.#remember(message.code, message.data);
            options.multicast(message.code, message.data);
          },
        },
        clock: { now: () => Date.now() },
        timers: { schedule: (timer, delayMs) => this.#schedule(timer, delayMs) },
        logger: {
          debug: (message, fields) => log.debug(fields ?? {}, message),
          info: (message, fields) => log.info(fields ?? {}, message),
          warn: (message, fields) => log.warn(fields ?? {}, message),
        },
      },
      createQbftConfig({
        blockPeriodSeconds: options.qbft.blockPeriodSeconds,
        emptyBlockPeriodSeconds: options.qbft.emptyBlockPeriodSeconds,
        requestTimeoutSeconds: options.qbft.requestTimeoutSeconds,
        maxRoundTimeoutSeconds: Math.max(options.maxRoundTimeoutSeconds, options.qbft.requestTimeoutSeconds),
      }),
    );
  }

  /** Starts consensus on the height after the head. */
  start(): Promise<void> {
    return this.#controller.start();
  }

  /**
   * Sends this node's own messages of its current height (proposal, prepare, commit, round
   * changes) through `send`, for a validator that has just connected: one that was not yet
   * connected when they were multicast (a network starting, a peer restarting) gets them now,
   * instead of the round timing out for want of them. Receivers drop duplicates.
   */
  replayOwnMessages(send: (code: number, data: Uint8Array) => void): number {
    const height = this.#controller.status().height;
    const current = this.#own.filter((m) => m.height === height);
    for (const m of current) send(m.code, m.data);
    return current.length;
  }

  #remember(code: number, data: Uint8Array): void {
    const height = this.#controller.status().height;
    this.#own = this.#own.filter((m) => m.height === height).slice(-(MAX_REMEMBERED - 1));
    this.#own.push({ height, code, data });
  }

  /** A consensus message from a peer. */
  async handleMessage(code: number, data: Uint8Array): Promise<MessageOutcome> {
    const outcome = await this.#controller.handleMessage({ code, data });
    this.#noteRound();
    return outcome;
  }

  /** The head moved outside consensus (sync). */
  async handleNewChainHead(): Promise<void> {
    await this.#controller.handleNewChainHead();
    this.#noteRound();
  }

  /**
   * A transaction arrived: if this height is waiting for the empty-block deadline, round 0 may
   * begin as soon as the block period has passed.
   */
  notifyTransaction(): void {
    const pending = this.#timers.get("block");
    if (!pending || this.#closed) return;
    const head = this.#options.chain.tip.block.header;
    const earliest = (Number(head.timestamp) + this.#options.qbft.blockPeriodSeconds) * 1000;
    if (pending.due <= Math.max(earliest, Date.now()) + 5) return;
    this.#schedule(pending.timer, Math.max(0, earliest - Date.now()));
  }

  /** Height, round and whether this node validates the current height. */
  status(): QbftStatus {
    return this.#controller.status();
  }

  /** Stops the timers and the state machine. */
  close(): void {
    this.#closed = true;
    this.#controller.close();
    for (const { handle } of this.#timers.values()) clearTimeout(handle);
    this.#timers.clear();
  }

  #schedule(timer: QbftTimer, delayMs: number): void {
    if (this.#closed) return;
    this.#options.log.debug({ timer, delayMs }, "qbft timer");
    const previous = this.#timers.get(timer.kind);
    if (previous) clearTimeout(previous.handle);
    const handle = setTimeout(() => {
      if (this.#timers.get(timer.kind)?.handle === handle) this.#timers.delete(timer.kind);
      this.#controller
        .handleTimer(timer)
        .then(() => this.#noteRound())
        .catch((err: unknown) => this.#options.log.error({ err }, "qbft timer handling failed"));
    }, delayMs);
    this.#timers.set(timer.kind, { timer, handle, due: Date.now() + delayMs });
  }

  #noteRound(): void {
    const { height, round } = this.#controller.status();
    if (round > 0 && (height !== this.#lastRound.height || round !== this.#lastRound.round)) {
      this.#options.onRoundChange?.(height, round);
    }
    this.#lastRound = { height, round };
  }
}
