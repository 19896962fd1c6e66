import {
  type Address,
  decodeExtraData,
  EXTRA_VANITY_LENGTH,
  encodeExtraData,
  type QbftExtraData,
  verifyCommitSeals,
} from "@civitas/qbft";
import { Block, type BlockHeader } from "@ethereumjs/block";
import type { TypedTransaction } from "@ethereumjs/tx";
import { bytesToHex, hexToBytes } from "@ethereumjs/util";
import type { VM } from "@ethereumjs/vm";
import { commitSealHash, qbftBlockHash } from "../chain/blockHashing.ts";
import type { Chain } from "../chain/chain.ts";
import { ChainStore, type StoredBlock } from "../chain/chainStore.ts";
import { NodeError } from "../errors.ts";
import {
  compareExecuted,
  type ExecutionOutcome,
  environmentOf,
  executeBlock,
} from "../execution/executeBlock.ts";
import { QBFT_MIX_HASH, type QbftGenesisConfig } from "../genesis/genesisConfig.ts";
import type { Logger } from "../logger.ts";
import type { Permissions } from "../permissioning/permissions.ts";
import type { PoolTx, TxPool } from "../txpool/txPool.ts";
import { NodeQbftBlock, withExtraData } from "./nodeBlock.ts";
import { recoverQbftSigner } from "./recoverQbftSigner.ts";
import type { ValidatorSet } from "./validatorSet.ts";

const MIX_HASH = hexToBytes(QBFT_MIX_HASH);
// Seconds a proposed block's timestamp may run ahead of this node's clock (Besu allows 1).
const MAX_FUTURE_SECONDS = 1;

/** Reason prefix of a proposal for a height this node already imported (by sync): stale, not bad. */
export const ALREADY_IN_CHAIN = "already in the chain";

/** What building blocks needs to know about timing. */
export interface PipelineConfig {
  readonly qbft: QbftGenesisConfig;
  /**
   * Share of the block period spent executing a block this node builds: `solo` when it is the
   * only validator of the height, `shared` when others must re-execute the proposal within the
   * same period before they commit it.
   */
  readonly executionBudget: { readonly solo: number; readonly shared: number };
  /** Who may send transactions; absent on an open network. */
  readonly permissions?: Permissions;
}

/** A block that was executed on the head VM and not committed yet. */
interface PendingExecution {
  readonly key: string;
  readonly outcome: ExecutionOutcome;
}

/** The result of importing or validating a block. */
export type BlockCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

/**
 * For the debug log of an execution: the main thread's CPU time since `since` and the time given
 * to the event loop. Wall time far above both means the node waited for a core (other processes,
 * the garbage collector's threads), not that the block was heavy.
 */
function cpuAndYield(
  since: NodeJS.CpuUsage,
  outcome: ExecutionOutcome,
): { cpuMs: number; yieldedMs: number } {
  const used = process.threadCpuUsage(since);
  return { cpuMs: Math.round((used.user + used.system) / 1000), yieldedMs: outcome.yieldedMs };
}

/**
 * Builds, validates and imports blocks on the chain's head VM, one at a time, on the chain's tip.
 * A block built or validated here stays executed (its state pending, not written) until it is
 * committed or another block needs the head VM, so a decided block is committed without executing
 * it again. A committed block becomes the tip at once and is written while the next block
 * executes (Chain.decide); `onCommitted` is told once it is on disk.
 */
export class BlockPipeline {
  readonly #chain: Chain;
  readonly #pool: TxPool;
  readonly #validators: ValidatorSet;
  readonly #config: PipelineConfig;
  readonly #log: Logger;
  readonly #onCommitted: (block: StoredBlock, importMs: number, decidedMs: number, servedMs: number) => void;
  #pending: PendingExecution | undefined;

  constructor(
    chain: Chain,
    pool: TxPool,
    validators: ValidatorSet,
    config: PipelineConfig,
    log: Logger,
    /**
     * A committed block is on disk: `importMs` from the start of its import or commit until then,
     * `decidedMs` until it became the tip (the rest is its write, and any wait for the previous one),
     * `servedMs` until it was served (its record on disk; its state followed).
     */
    onCommitted: (block: StoredBlock, importMs: number, decidedMs: number, servedMs: number) => void,
  ) {
    this.#chain = chain;
    this.#pool = pool;
    this.#validators = validators;
    this.#config = config;
    this.#log = log;
    this.#onCommitted = onCommitted;
  }

  /** Builds block `height` for `round` on the head, with `proposer` as coinbase and its vote, unsealed. */
  build(height: number, round: number, timestamp: number, proposer: Address): Promise<NodeQbftBlock> {
    return this.#chain.withHeadVm(async (vm) => {
      const started = Date.now();
      const cpu = process.threadCpuUsage();
      await this.#dropPending();
      const parent = this.#chain.tip;
      const parentHeader = parent.block.header;
      if (Number(parentHeader.number) + 1 !== height)
        throw new NodeError("INTERNAL", `asked to build block ${height} on head ${parentHeader.number}`);
      const extraData = encodeExtraData({
        vanity: new Uint8Array(EXTRA_VANITY_LENGTH),
        validators: this.#validators.forHeight(height),
        vote: this.#validators.voteFor(height, proposer),
        round,
        seals: [],
      });
      const maxTxs = Number(parentHeader.gasLimit / 21_000n);
      const { solo, shared } = this.#config.executionBudget;
      const alone = this.#validators.forHeight(height).length === 1;
      const budgetMs = this.#config.qbft.blockPeriodSeconds * 1000 * (alone ? solo : shared);
      let outcome: ExecutionOutcome;
      try {
        // Taken from the pool and checked as execution goes, so a build that fills its block with
        // a few hundred does not order and check a backlog of thousands first.
        const candidates = this.#permitted(this.#pool.executableInOrder(), maxTxs, BigInt(timestamp));
        outcome = await executeBlock(
          vm,
          {
            parentHash: parent.hash,
            number: BigInt(height),
            timestamp: BigInt(timestamp),
            gasLimit: parentHeader.gasLimit,
            coinbase: hexToBytes(proposer),
            mixHash: MIX_HASH,
            difficulty: 1n,
            extraData,
          },
          candidates,
          {
            mode: "build",
            deadline: started + budgetMs,
            yieldWhile: this.#intakeMayRun(this.#pool.countExecutable(maxTxs)),
          },
        );
      } catch (err) {
        await this.#chain.discard();
        throw err;
      }
      if (outcome.rejected.length > 0) {
        this.#pool.onBlock(
          [],
          outcome.rejected.map((r) => r.tx),
        );
        for (const r of outcome.rejected)
          this.#log.warn({ tx: bytesToHex(r.tx.hash()), reason: r.reason }, "dropped invalid transaction");
      }
      const block = new NodeQbftBlock(blockOf(outcome, this.#chain));
      this.#pending = { key: block.executionKey, outcome };
      this.#log.debug(
        {
          number: height,
          round,
          txs: outcome.transactions.length,
          deferred: outcome.deferred.length,
          ms: Date.now() - started,
          ...cpuAndYield(cpu, outcome),
        },
        "block built",
      );
      return block;
    });
  }

  /** Whether a proposed block is valid on the tip: header rules, then execution with matching roots. */
  validate(block: NodeQbftBlock): Promise<BlockCheck> {
    return this.#chain.withHeadVm(async (vm) => {
      if (block.height <= Number(this.#chain.tip.block.header.number))
        return { valid: false, reason: `${ALREADY_IN_CHAIN}: block ${block.height} was imported meanwhile` };
      const problem = this.#checkHeader(block.block.header, { proposal: true });
      if (problem) return { valid: false, reason: problem };
      if (this.#pending?.key === block.executionKey) return { valid: true };
      const refusal = await this.#config.permissions?.blockRefusal(block.block);
      if (refusal) return { valid: false, reason: refusal };
      const started = Date.now();
      const cpu = process.threadCpuUsage();
      const executed = await this.#execute(vm, block.block);
      this.#log.debug(
        {
          number: block.height,
          round: block.round,
          txs: block.block.transactions.length,
          ms: Date.now() - started,
          ...(executed.valid ? cpuAndYield(cpu, executed.outcome) : {}),
        },
        "proposal executed",
      );
      return executed.valid ? { valid: true } : executed;
    });
  }

  /** Commits a block QBFT decided, with its commit seals; false if the tip moved past it or it fails. */
  commitDecided(block: NodeQbftBlock, seals: readonly Uint8Array[]): Promise<boolean> {
    return this.#chain.withHeadVm(async (vm) => {
      if (Number(this.#chain.tip.block.header.number) + 1 !== block.height) return false;
      const started = Date.now();
      if (this.#pending?.key !== block.executionKey) {
        const executed = await this.#execute(vm, block.block);
        if (!executed.valid) {
          this.#log.error(
            { number: block.height, reason: executed.reason },
            "decided block does not execute",
          );
          return false;
        }
      }
      const extra = decodeExtraData(block.block.header.extraData);
      const sealed = withExtraData(block.block, encodeExtraData({ ...extra, seals }));
      await this.#commit(sealed, extra, started);
      return true;
    });
  }

  /**
   * Imports a sealed block received from a peer (sync): header rules, a quorum of commit seals by
   * the validators of its height, execution with matching roots. Throws NodeError BLOCK_INVALID
   * saying what is wrong. Resolves undefined for a block at or below the head (consensus committed
   * that height meanwhile).
   */
  importSealed(block: Block): Promise<StoredBlock | undefined> {
    return this.#chain.withHeadVm(async (vm) => {
      const started = Date.now();
      const header = block.header;
      if (header.number <= this.#chain.tip.block.header.number) return undefined;
      const problem = this.#checkHeader(header, { proposal: false });
      if (problem) throw new NodeError("BLOCK_INVALID", `block ${header.number}: ${problem}`);
      const extra = decodeExtraData(header.extraData);
      try {
        verifyCommitSeals(
          commitSealHash(header),
          extra.seals,
          this.#validators.forHeight(Number(header.number)),
          recoverQbftSigner,
        );
      } catch (err) {
        throw new NodeError("BLOCK_INVALID", `block ${header.number}: ${(err as Error).message}`);
      }
      const unsealed = withExtraData(block, encodeExtraData({ ...extra, seals: [] }));
      const key = Buffer.from(qbftBlockHash(unsealed.header)).toString("hex");
      const refusal = await this.#config.permissions?.blockRefusal(block);
      if (refusal) throw new NodeError("BLOCK_INVALID", `block ${header.number}: ${refusal}`);
      if (this.#pending?.key !== key) {
        const executed = await this.#execute(vm, unsealed);
        if (!executed.valid)
          throw new NodeError("BLOCK_INVALID", `block ${header.number}: ${executed.reason}`);
      }
      return this.#commit(block, extra, started);
    });
  }

  /**
   * Of the first `max` of `entries`, those whose senders may send them at `time`, checked one by
   * one as the build asks for them. The others leave the pool once the build is done with the list
   * (their senders' later transactions could not run either), each with a logged reason.
   */
  async *#permitted(entries: Iterable<PoolTx>, max: number, time: bigint): AsyncGenerator<TypedTransaction> {
    const permissions = this.#config.permissions;
    const refused: TypedTransaction[] = [];
    let taken = 0;
    try {
      for (const entry of entries) {
        if (taken === max) return;
        taken++;
        const reason = await permissions?.refusalOf(entry.tx, time, entry.sender);
        if (reason === undefined) {
          yield entry.tx;
          continue;
        }
        refused.push(entry.tx);
        this.#log.warn({ tx: entry.hash, reason }, "dropped a transaction that is no longer permitted");
      }
    } finally {
      if (refused.length > 0) this.#pool.onBlock([], refused);
    }
  }

  /** Forgets a pending execution (the head VM returns to the head's state). */
  async #dropPending(): Promise<void> {
    if (this.#pending === undefined) return;
    this.#pending = undefined;
    await this.#chain.discard();
  }

  /**
   * When a block of `size` transactions may let arriving transactions in while it executes: until
   * the pool holds a second block's worth besides it. Further requests then wait for the block, as
   * without slices; this is the back-pressure that keeps intake from taking the time execution
   * needs, and the pool (and every transaction's wait in it) from growing without bound under a
   * load the node cannot include.
   */
  #intakeMayRun(size: number): () => boolean {
    return () => this.#pool.size < 2 * size;
  }

  /**
   * Executes `block` on the head state and keeps it pending if its header matches the result;
   * valid, it returns the outcome, or why not.
   */
  async #execute(
    vm: VM,
    block: Block,
  ): Promise<
    { readonly valid: true; readonly outcome: ExecutionOutcome } | Exclude<BlockCheck, { valid: true }>
  > {
    await this.#dropPending();
    const header = block.header;
    let outcome: ExecutionOutcome;
    try {
      outcome = await executeBlock(vm, environmentOf(header), block.transactions, {
        mode: "import",
        yieldWhile: this.#intakeMayRun(block.transactions.length),
      });
    } catch (err) {
      await this.#chain.discard();
      return { valid: false, reason: `a transaction failed to execute: ${(err as Error).message}` };
    }
    const mismatch = compareExecuted(header, outcome.header);
    if (mismatch) {
      await this.#chain.discard();
      return { valid: false, reason: mismatch };
    }
    this.#pending = { key: Buffer.from(qbftBlockHash(outcome.header)).toString("hex"), outcome };
    return { valid: true, outcome };
  }

  async #commit(block: Block, extra: QbftExtraData, started: number): Promise<StoredBlock> {
    const outcome = this.#pending!.outcome;
    const stored = ChainStore.withHash(block);
    let served: Promise<void>;
    try {
      ({ served } = await this.#chain.decide(stored, outcome.receipts));
    } catch (err) {
      this.#pending = undefined;
      await this.#chain.discard();
      throw err;
    }
    this.#pending = undefined;
    const header = block.header;
    this.#validators.onBlock(Number(header.number), header.coinbase.toString() as Address, extra.vote);
    this.#pool.onBlock(block.transactions as TypedTransaction[], []);
    // Reported once on disk; a failed write is reported by the chain ("failure").
    const decidedMs = Date.now() - started;
    let servedMs = decidedMs;
    void served.then(() => {
      servedMs = Date.now() - started;
    });
    this.#chain.settled().then(
      () => this.#onCommitted(stored, Date.now() - started, decidedMs, servedMs),
      () => undefined,
    );
    return stored;
  }

  /** The consensus rules of a header against the tip (its parent); a reason if broken. */
  #checkHeader(header: BlockHeader, o: { proposal: boolean }): string | undefined {
    const parent = this.#chain.tip;
    const ph = parent.block.header;
    if (header.number !== ph.number + 1n)
      return `number ${header.number} does not follow the head ${ph.number}`;
    if (bytesToHex(header.parentHash) !== bytesToHex(parent.hash))
      return `parent hash ${bytesToHex(header.parentHash)} is not the head ${bytesToHex(parent.hash)}`;
    const period = this.#config.qbft.blockPeriodSeconds;
    if (header.timestamp < ph.timestamp + BigInt(period))
      return `timestamp ${header.timestamp} is less than ${period} s after the parent's ${ph.timestamp}`;
    if (o.proposal && header.timestamp > BigInt(Math.floor(Date.now() / 1000) + MAX_FUTURE_SECONDS))
      return `timestamp ${header.timestamp} is in the future`;
    if (header.gasLimit !== ph.gasLimit)
      return `gas limit ${header.gasLimit} differs from the parent's ${ph.gasLimit}`;
    if (header.difficulty !== 1n) return "difficulty must be 1";
    if (bytesToHex(header.mixHash) !== QBFT_MIX_HASH) return "mixHash is not the QBFT constant";
    if (header.nonce.some((b) => b !== 0)) return "nonce must be zero";
    let extra: QbftExtraData;
    try {
      extra = decodeExtraData(header.extraData);
    } catch (err) {
      return `extraData: ${(err as Error).message}`;
    }
    const height = Number(header.number);
    const expected = this.#validators.forHeight(height);
    if (extra.validators.join() !== expected.join())
      return `extraData lists validators [${extra.validators.join(", ")}], expected [${expected.join(", ")}]`;
    const proposer = header.coinbase.toString() as Address;
    if (!expected.includes(proposer)) return `coinbase ${proposer} is not a validator`;
    if (extra.vote !== undefined && this.#validators.isEpochBlock(height))
      return "an epoch block must not carry a vote";
    if (o.proposal && extra.seals.length > 0) return "a proposed block must not carry commit seals";
    return undefined;
  }
}

function blockOf(outcome: ExecutionOutcome, chain: Chain): Block {
  return new Block(outcome.header, outcome.transactions, [], [], { common: chain.common });
}
