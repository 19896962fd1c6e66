import { concatBytes } from "@noble/hashes/utils.js";
import type { QbftConfig } from "../config.ts";
import { keccak256 } from "../crypto.ts";
import { QbftError } from "../errors.ts";
import { decodeMessage } from "../messages/decodeMessage.ts";
import { type EncodedQbftMessage, messageHeight, type QbftMessage } from "../messages/types.ts";
import type { QbftPorts, QbftTimer } from "../ports.ts";
import { selectProposer } from "../proposerSelection.ts";
import { quorum } from "../quorum.ts";
import type { HeightContext } from "../validation/heightContext.ts";
import { DuplicateFilter } from "./duplicateFilter.ts";
import { FutureMessageBuffer } from "./futureMessageBuffer.ts";
import { HeightManager } from "./heightManager.ts";
import { ignored, type MessageOutcome, rejected } from "./outcome.ts";

/** Height and round the controller is working on. */
export interface QbftStatus {
  readonly height: number;
  readonly round: number;
  readonly isValidator: boolean;
}

/** The QBFT state machine as the node drives it. Calls are queued and applied one at a time. */
export interface QbftController {
  /** Begins consensus on the height after the chain head. */
  start(): Promise<void>;
  /** A message from a peer. */
  handleMessage(message: EncodedQbftMessage): Promise<MessageOutcome>;
  /** A timer scheduled through the timers port has fired. */
  handleTimer(timer: QbftTimer): Promise<void>;
  /** The chain head moved outside consensus (sync imported blocks); moves on to the next height. */
  handleNewChainHead(): Promise<void>;
  /** Current height and round. */
  status(): QbftStatus;
  /** Stops handling input; pending work finishes, later calls are ignored. */
  close(): void;
}

/** Creates the controller; it does nothing until `start()`. */
export function createQbftController(ports: QbftPorts, config: QbftConfig): QbftController {
  return new Controller(ports, config);
}

class Controller implements QbftController {
  private readonly ports: QbftPorts;
  private readonly config: QbftConfig;
  private readonly duplicates: DuplicateFilter;
  private readonly future: FutureMessageBuffer;
  private manager: HeightManager | undefined;
  private isValidator = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(ports: QbftPorts, config: QbftConfig) {
    this.ports = ports;
    this.config = config;
    this.duplicates = new DuplicateFilter(config.duplicateMessageLimit);
    this.future = new FutureMessageBuffer(config);
  }

  start(): Promise<void> {
    return this.enqueue(() => this.followChainHead(), undefined);
  }

  handleMessage(message: EncodedQbftMessage): Promise<MessageOutcome> {
    const closedOutcome = ignored("QBFT_LOCAL_NOT_VALIDATOR", "controller is closed");
    return this.enqueue(async () => {
      const outcome = await this.receive(message);
      await this.followChainHead();
      return outcome;
    }, closedOutcome);
  }

  handleTimer(timer: QbftTimer): Promise<void> {
    return this.enqueue(async () => {
      const manager = this.manager;
      if (!manager || !this.isValidator || timer.height !== manager.ctx.height) return;
      if (timer.kind === "block") await manager.handleBlockTimer();
      else await manager.handleRoundTimer(timer.round);
      await this.followChainHead();
    }, undefined);
  }

  handleNewChainHead(): Promise<void> {
    return this.enqueue(() => this.followChainHead(), undefined);
  }

  status(): QbftStatus {
    return {
      height: this.manager?.ctx.height ?? 0,
      round: this.manager?.round ?? 0,
      isValidator: this.isValidator,
    };
  }

  close(): void {
    this.closed = true;
  }

  /** Runs `task` after everything queued before it; a failing task is logged and does not stop the queue. */
  private enqueue<T>(task: () => Promise<T>, whenClosed: T): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed) return whenClosed;
      return task();
    };
    const result = this.queue.then(run);
    this.queue = result.catch((error: unknown) => {
      this.ports.logger?.warn("qbft event failed", {
        error: error instanceof Error ? error.message : String(error),
      });
    });
    return result;
  }

  private async receive(raw: EncodedQbftMessage): Promise<MessageOutcome> {
    if (this.duplicates.checkAndAdd(keccak256(concatBytes(Uint8Array.of(raw.code), raw.data))))
      return { status: "duplicate" };
    let message: QbftMessage;
    try {
      message = decodeMessage(raw.code, raw.data, this.ports);
    } catch (error) {
      if (!(error instanceof QbftError)) throw error;
      const known = error.code === "QBFT_INVALID_SIGNATURE" || error.code === "QBFT_UNKNOWN_MESSAGE_CODE";
      return rejected(known ? error.code : "QBFT_MALFORMED_MESSAGE", error.message);
    }
    const manager = this.manager;
    if (!manager) return ignored("QBFT_WRONG_HEIGHT", "consensus has not started");
    const height = messageHeight(message);
    if (height < manager.ctx.height) return ignored("QBFT_WRONG_HEIGHT", `message for past height ${height}`);
    if (height > manager.ctx.height) {
      const buffered = this.future.add(message, height, manager.ctx.height);
      return buffered.ok ? { status: "buffered" } : rejected(buffered.code, buffered.reason);
    }
    return this.apply(manager, message);
  }

  private async apply(manager: HeightManager, message: QbftMessage): Promise<MessageOutcome> {
    if (!this.isValidator)
      return ignored("QBFT_LOCAL_NOT_VALIDATOR", "this node is not a validator of the height");
    const author = message.signed.author;
    if (!manager.ctx.validators.includes(author))
      return rejected("QBFT_NOT_A_VALIDATOR", `${author} is not a validator of height ${manager.ctx.height}`);
    return manager.handle(message);
  }

  /** Starts a new height whenever the chain head has reached or passed the current one. */
  private async followChainHead(): Promise<void> {
    for (;;) {
      const head = this.ports.chain.head();
      const next = head.height + 1;
      if (this.manager && this.manager.ctx.height >= next) return;
      const validators = this.ports.chain.validatorsForHeight(next);
      const ctx: HeightContext = {
        height: next,
        validators,
        quorum: quorum(validators.length),
        proposerForRound: (round) => selectProposer(head.proposer, validators, round),
        recover: this.ports.recover,
      };
      const manager = new HeightManager(ctx, head, this.ports, this.config, (own) => {
        this.duplicates.checkAndAdd(keccak256(concatBytes(Uint8Array.of(own.code), own.data)));
      });
      this.manager = manager;
      this.isValidator = validators.includes(this.ports.signer.address);
      this.ports.logger?.debug("qbft new height", { height: next, validators: validators.length });
      if (!this.isValidator) {
        this.future.take(next);
        return;
      }
      manager.start();
      for (const message of this.future.take(next)) {
        await this.apply(manager, message);
        if (this.ports.chain.head().height >= next) break;
      }
      if (this.ports.chain.head().height < next) return;
    }
  }
}
