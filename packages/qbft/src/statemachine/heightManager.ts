import type { QbftConfig } from "../config.ts";
import {
  createCommit,
  createPrepare,
  createProposal,
  createRoundChange,
  type PreparedCertificate,
} from "../messages/createMessage.ts";
import { encodeMessage } from "../messages/encodeMessage.ts";
import type {
  CommitMessage,
  EncodedQbftMessage,
  PrepareMessage,
  ProposalMessage,
  QbftMessage,
  RoundChangeMessage,
} from "../messages/types.ts";
import type { QbftPorts } from "../ports.ts";
import { faultTolerance } from "../quorum.ts";
import { roundTimeoutMs } from "../roundTimeout.ts";
import type { ChainHead } from "../types.ts";
import type { HeightContext } from "../validation/heightContext.ts";
import { validateCommit } from "../validation/validateCommit.ts";
import { validateProposal } from "../validation/validateProposal.ts";
import { validateRoundChangeMessage } from "../validation/validateRoundChange.ts";
import { ACCEPTED, ignored, type MessageOutcome, rejected } from "./outcome.ts";
import { RoundChangeStore } from "./roundChangeStore.ts";
import { RoundState } from "./roundState.ts";

/**
 * The consensus instance for one height: owns the round objects, the latest prepared certificate
 * and the round changes, and applies the spec's Upon* rules. Its methods are called one at a time.
 */
export class HeightManager {
  readonly ctx: HeightContext;
  private readonly parent: ChainHead;
  private readonly ports: QbftPorts;
  private readonly config: QbftConfig;
  private readonly rounds = new Map<number, RoundState>();
  private readonly roundChanges: RoundChangeStore;
  private readonly proposedRounds = new Set<number>();
  private currentRound = 0;
  private prepared: PreparedCertificate | undefined;
  private decided = false;
  /** Round 0 has begun: its timer runs (the block timer, and any wait for an empty block, are over). */
  private roundZeroStarted = false;
  private readonly onOwnMessage: (message: EncodedQbftMessage) => void;

  constructor(
    ctx: HeightContext,
    parent: ChainHead,
    ports: QbftPorts,
    config: QbftConfig,
    onOwnMessage: (m: EncodedQbftMessage) => void,
  ) {
    this.ctx = ctx;
    this.parent = parent;
    this.ports = ports;
    this.config = config;
    this.roundChanges = new RoundChangeStore(config.roundChangeRoundsPerSender);
    this.onOwnMessage = onOwnMessage;
  }

  /** The round this node is in. */
  get round(): number {
    return this.currentRound;
  }

  /** Starts the block timer: round 0 begins `blockPeriodSeconds` after the parent's timestamp. */
  start(): void {
    const due = (this.parent.timestamp + this.config.blockPeriodSeconds) * 1000;
    this.ports.timers.schedule(
      { kind: "block", height: this.ctx.height },
      Math.max(0, due - this.ports.clock.now()),
    );
  }

  /**
   * Block timer expiry: round 0's timer starts, and round 0's proposer proposes a new block. With
   * nothing to include, every validator waits until `emptyBlockPeriodSeconds` after the parent
   * before round 0 begins (the node fires the block timer again when a transaction arrives), so
   * the proposer's wait for an empty block is not mistaken for a silent proposer.
   */
  async handleBlockTimer(): Promise<void> {
    if (this.currentRound !== 0 || this.decided || this.roundZeroStarted) return;
    const waitMs = this.emptyBlockWaitMs();
    if (waitMs > 0) {
      this.ports.timers.schedule({ kind: "block", height: this.ctx.height }, waitMs);
      return;
    }
    this.startRoundZero();
    if (this.ctx.proposerForRound(0) !== this.ports.signer.address || this.proposedRounds.has(0)) return;
    this.proposedRounds.add(0);
    const block = await this.ports.blockCreator.createBlock(this.ctx.height, 0, this.blockTimestamp());
    await this.proposeOwn(createProposal(this.ports.signer, this.ports.codec, block, [], []));
  }

  /** Round timer expiry: move to the next round and ask for it with a ROUND-CHANGE. */
  async handleRoundTimer(round: number): Promise<void> {
    if (round !== this.currentRound || this.decided) return;
    this.ports.logger?.info("qbft round expired", { height: this.ctx.height, round });
    await this.moveToRound(round + 1, true);
  }

  /** Routes a message of this height whose author is a validator. */
  async handle(message: QbftMessage): Promise<MessageOutcome> {
    switch (message.type) {
      case "PROPOSAL":
        return this.handleProposal(message);
      case "PREPARE":
        return this.handlePrepare(message);
      case "COMMIT":
        return this.handleCommit(message);
      case "ROUND_CHANGE":
        return this.handleRoundChange(message);
    }
  }

  private async handleProposal(msg: ProposalMessage): Promise<MessageOutcome> {
    const { round, block } = msg.signed.payload;
    const window = this.roundWindow(round, "PROPOSAL");
    if (window) return window;
    const state = this.roundState(round);
    if (state.proposal)
      return ignored("QBFT_ALREADY_HAVE_PROPOSAL", `already accepted a PROPOSAL for round ${round}`);
    const validity = validateProposal(msg, this.ctx);
    if (!validity.ok) return rejected(validity.code, validity.reason);
    const blockValidity = await this.ports.blockValidator.validateBlock(block);
    if (!blockValidity.valid) return rejected("QBFT_INVALID_BLOCK", blockValidity.reason);
    // Re-check: the state may have moved while the block was validated (only by this height's own flow).
    if (this.decided || round < this.currentRound || state.proposal)
      return ignored("QBFT_WRONG_ROUND", "round moved on during validation");
    // A justified proposal for a later round moves us there (Besu; the spec waits for round changes).
    if (round > this.currentRound) await this.moveToRound(round, false);
    await this.acceptProposal(state, msg);
    return ACCEPTED;
  }

  private async handlePrepare(msg: PrepareMessage): Promise<MessageOutcome> {
    const { round } = msg.signed.payload;
    const window = this.roundWindow(round, "PREPARE");
    if (window) return window;
    const state = this.roundState(round);
    if (!state.addPrepare(msg.signed))
      return ignored(
        "QBFT_DUPLICATE_SENDER",
        `already have a PREPARE from ${msg.signed.author} in round ${round}`,
      );
    await this.checkPrepared(state);
    return ACCEPTED;
  }

  private async handleCommit(msg: CommitMessage): Promise<MessageOutcome> {
    const { round } = msg.signed.payload;
    if (round > this.currentRound + this.config.futureRoundsLimit)
      return ignored("QBFT_TOO_FAR_AHEAD", `COMMIT for round ${round} is too far ahead`);
    const validity = validateCommit(msg.signed, this.ctx);
    if (!validity.ok) return rejected(validity.code, validity.reason);
    // Commits of earlier rounds are kept too: a quorum of seals on a block we hold decides it in any round.
    const state = this.roundState(round);
    if (!state.addCommit(msg.signed))
      return ignored(
        "QBFT_DUPLICATE_SENDER",
        `already have a COMMIT from ${msg.signed.author} in round ${round}`,
      );
    await this.checkCommitted(state);
    return ACCEPTED;
  }

  private async handleRoundChange(msg: RoundChangeMessage): Promise<MessageOutcome> {
    const { round } = msg.signed.payload;
    if (round < this.currentRound) return ignored("QBFT_WRONG_ROUND", `ROUND-CHANGE for past round ${round}`);
    const validity = validateRoundChangeMessage(msg, this.ctx);
    if (!validity.ok) return rejected(validity.code, validity.reason);
    if (!this.roundChanges.add(msg))
      return ignored(
        "QBFT_DUPLICATE_SENDER",
        `already have a ROUND-CHANGE from ${msg.signed.author} for round ${round}`,
      );
    if (this.decided) return ACCEPTED;
    const catchUp = this.roundChanges.catchUpRound(
      this.currentRound,
      faultTolerance(this.ctx.validators.length) + 1,
    );
    if (catchUp !== undefined) await this.moveToRound(catchUp, true);
    await this.proposeIfLeader();
    return ACCEPTED;
  }

  private roundWindow(round: number, what: string): MessageOutcome | undefined {
    if (round < this.currentRound)
      return ignored("QBFT_WRONG_ROUND", `${what} for past round ${round}, now in ${this.currentRound}`);
    if (round > this.currentRound + this.config.futureRoundsLimit)
      return ignored("QBFT_TOO_FAR_AHEAD", `${what} for round ${round} is too far ahead`);
    return undefined;
  }

  private roundState(round: number): RoundState {
    let state = this.rounds.get(round);
    if (!state) {
      state = new RoundState(round);
      this.rounds.set(round, state);
    }
    return state;
  }

  private async moveToRound(round: number, sendRoundChange: boolean): Promise<void> {
    this.currentRound = round;
    this.scheduleRoundTimer(round);
    if (sendRoundChange) {
      const rc = createRoundChange(this.ports.signer, this.ctx.height, round, this.prepared);
      this.roundChanges.add(rc);
      this.emit(rc);
    }
    await this.proposeIfLeader();
    const state = this.rounds.get(round);
    if (state) await this.checkPrepared(state);
  }

  /** The leader of the current round proposes once it holds a quorum of ROUND-CHANGEs for it. */
  private async proposeIfLeader(): Promise<void> {
    const round = this.currentRound;
    if (round === 0 || this.decided || this.proposedRounds.has(round)) return;
    if (this.ctx.proposerForRound(round) !== this.ports.signer.address || this.roundState(round).proposal)
      return;
    const rcs = this.roundChanges.forRound(round);
    if (rcs.length < this.ctx.quorum) return;
    this.proposedRounds.add(round);
    let best: RoundChangeMessage | undefined;
    for (const rc of rcs) {
      const p = rc.signed.payload.prepared;
      if (p && (!best || p.round > best.signed.payload.prepared!.round)) best = rc;
    }
    // Spec rule 8: the block prepared in the highest round must be re-proposed, with its PREPAREs.
    const block = best?.preparedBlock
      ? best.preparedBlock.withRound(round)
      : await this.ports.blockCreator.createBlock(this.ctx.height, round, this.blockTimestamp());
    const proposal = createProposal(
      this.ports.signer,
      this.ports.codec,
      block,
      rcs.map((rc) => rc.signed),
      best?.prepares ?? [],
    );
    await this.proposeOwn(proposal);
  }

  private async proposeOwn(proposal: ProposalMessage): Promise<void> {
    const state = this.roundState(proposal.signed.payload.round);
    if (this.decided || state.proposal || proposal.signed.payload.round !== this.currentRound) return;
    this.emit(proposal);
    await this.acceptProposal(state, proposal);
  }

  private async acceptProposal(state: RoundState, proposal: ProposalMessage): Promise<void> {
    state.proposal = proposal;
    // A proposal that arrives while this node still waits for an empty-block deadline starts round 0.
    if (state.round === 0) this.startRoundZero();
    const block = proposal.signed.payload.block;
    const prepare = createPrepare(this.ports.signer, this.ctx.height, state.round, block.digest);
    state.addPrepare(prepare.signed);
    this.emit(prepare);
    await this.checkPrepared(state);
    await this.checkCommitted(state);
  }

  /** Spec UponPrepare: a quorum of PREPAREs for the accepted proposal of the current round → COMMIT once. */
  private async checkPrepared(state: RoundState): Promise<void> {
    if (state.round !== this.currentRound || state.commitSent || this.decided) return;
    const certificate = state.preparedCertificate(this.ctx.quorum);
    if (!certificate) return;
    state.commitSent = true;
    this.prepared = certificate;
    const commit = createCommit(this.ports.signer, certificate.block);
    state.addCommit(commit.signed);
    this.emit(commit);
    await this.checkCommitted(state);
  }

  /** Spec UponCommit: a quorum of COMMITs for a block we hold → import it with their seals. */
  private async checkCommitted(state: RoundState): Promise<void> {
    if (this.decided || !state.proposal) return;
    const commits = state.matchingCommits();
    if (commits.length < this.ctx.quorum) return;
    this.decided = true;
    const block = state.proposal.signed.payload.block;
    const imported = await this.ports.importer.importBlock(
      block,
      commits.map((c) => c.payload.commitSeal),
    );
    if (!imported) {
      // Leave the height open so a later COMMIT or a round change can retry.
      this.decided = false;
      this.ports.logger?.warn("qbft block import failed", { height: this.ctx.height, round: state.round });
    }
  }

  private startRoundZero(): void {
    if (this.roundZeroStarted) return;
    this.roundZeroStarted = true;
    this.scheduleRoundTimer(0);
  }

  /** How long to keep waiting before round 0 when there are no transactions to include. */
  private emptyBlockWaitMs(): number {
    if (this.config.emptyBlockPeriodSeconds <= this.config.blockPeriodSeconds) return 0;
    if (this.ports.blockCreator.hasPendingTransactions?.() ?? true) return 0;
    const due = (this.parent.timestamp + this.config.emptyBlockPeriodSeconds) * 1000;
    return Math.max(0, due - this.ports.clock.now());
  }

  private scheduleRoundTimer(round: number): void {
    this.ports.timers.schedule(
      { kind: "round", height: this.ctx.height, round },
      roundTimeoutMs(this.config, round),
    );
  }

  private blockTimestamp(): number {
    return Math.max(this.parent.timestamp + 1, Math.floor(this.ports.clock.now() / 1000));
  }

  private emit(message: QbftMessage): void {
    const encoded = encodeMessage(message, this.ports.codec);
    this.onOwnMessage(encoded);
    this.ports.gossip.multicast(encoded);
  }
}
