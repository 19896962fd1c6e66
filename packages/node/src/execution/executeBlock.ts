import { Block, type BlockHeader, createBlockHeader, type HeaderData } from "@ethereumjs/block";
import type { TypedTransaction } from "@ethereumjs/tx";
import { equalsBytes, KECCAK256_RLP } from "@ethereumjs/util";
import { type RunTxResult, runTx, type VM } from "@ethereumjs/vm";
import { qbftBlockHash } from "../chain/blockHashing.ts";
import { encodeStoredReceipt, type StoredReceipt, toStoredReceipt } from "../chain/receipts.ts";
import { keccak256 } from "../crypto/nativeCrypto.ts";
import { orderedTrieRoot } from "../trie/orderedTrieRoot.ts";

/**
 * Longest stretch, in milliseconds, that execution keeps the event loop to itself when asked to
 * share it (`ExecuteOptions.yieldWhile`): between transactions it then lets pending I/O run, so
 * JSON-RPC requests are answered and arriving transactions are checked (their signatures on the
 * worker) while a long block executes, instead of all queueing behind it.
 */
export const EXECUTION_SLICE_MS = 10;

/** The least gas any transaction uses (a plain transfer): a block with less left is full. */
const MIN_TX_GAS = 21_000n;

/** Lets every pending I/O callback run (setImmediate comes after the event loop's poll phase). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Header fields fixed before execution; the roots, bloom and gas used are filled in by execution. */
export interface BlockEnvironment {
  readonly parentHash: Uint8Array;
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  readonly coinbase: Uint8Array;
  readonly mixHash: Uint8Array;
  readonly difficulty: bigint;
  readonly extraData: Uint8Array;
}

/** A transaction the builder left out, and why. */
export interface RejectedTx {
  readonly tx: TypedTransaction;
  readonly reason: string;
}

/** What executing a list of transactions on top of the parent state produced. */
export interface ExecutionOutcome {
  readonly header: BlockHeader;
  readonly transactions: TypedTransaction[];
  readonly receipts: StoredReceipt[];
  /** Invalid transactions (bad nonce, insufficient balance…), dropped from the block. */
  readonly rejected: RejectedTx[];
  /**
   * Valid transactions looked at that did not fit (gas or time budget) and stay for a later block.
   * A build stops looking once its time is up or no transaction could fit in the gas left.
   */
  readonly deferred: TypedTransaction[];
  /** Milliseconds the event loop was given between transactions (ExecuteOptions.yieldWhile). */
  readonly yieldedMs: number;
}

/** Options for executeBlock. */
export interface ExecuteOptions {
  /**
   * "build": skip invalid transactions and stop at the gas limit or deadline.
   * "import": every transaction must execute, or the block is invalid.
   */
  readonly mode: "build" | "import";
  /**
   * In build mode, stop adding transactions after this wall-clock time (ms since epoch), not
   * counting the time the event loop was given (see yieldWhile): the budget is one of execution.
   */
  readonly deadline?: number;
  /**
   * Asked after every EXECUTION_SLICE_MS of execution: whether to let the event loop run before
   * the next transaction. Absent: never (the block executes in one go).
   */
  readonly yieldWhile?: () => boolean;
}

/** The environment a block's header gives its execution (to execute a received block again). */
export function environmentOf(header: BlockHeader): BlockEnvironment {
  return {
    parentHash: header.parentHash,
    number: header.number,
    timestamp: header.timestamp,
    gasLimit: header.gasLimit,
    coinbase: header.coinbase.bytes,
    mixHash: header.mixHash,
    difficulty: header.difficulty,
    extraData: header.extraData,
  };
}

/** Which field of a received header differs from the header execution produced. */
export function compareExecuted(received: BlockHeader, executed: BlockHeader): string | undefined {
  const fields: [string, Uint8Array | bigint, Uint8Array | bigint][] = [
    ["stateRoot", received.stateRoot, executed.stateRoot],
    ["transactionsRoot", received.transactionsTrie, executed.transactionsTrie],
    ["receiptsRoot", received.receiptTrie, executed.receiptTrie],
    ["logsBloom", received.logsBloom, executed.logsBloom],
    ["gasUsed", received.gasUsed, executed.gasUsed],
  ];
  for (const [name, a, b] of fields) {
    const same = typeof a === "bigint" ? a === b : equalsBytes(a, b as Uint8Array);
    if (!same) return `${name} does not match execution`;
  }
  if (!equalsBytes(qbftBlockHash(received), qbftBlockHash(executed)))
    return "header fields (base fee, withdrawals, blob gas, uncles or beacon root) do not match Civitas rules";
  return undefined;
}

function baseHeaderData(env: BlockEnvironment): HeaderData {
  return {
    parentHash: env.parentHash,
    number: env.number,
    timestamp: env.timestamp,
    gasLimit: env.gasLimit,
    coinbase: env.coinbase,
    mixHash: env.mixHash,
    difficulty: env.difficulty,
    extraData: env.extraData,
    // Gas is free on this network: the base fee is pinned at zero by the chain's own rule.
    baseFeePerGas: 0n,
    withdrawalsRoot: KECCAK256_RLP,
    blobGasUsed: 0n,
    excessBlobGas: 0n,
    parentBeaconBlockRoot: new Uint8Array(32),
  };
}

function orBloom(receipts: readonly StoredReceipt[]): Uint8Array {
  const bloom = new Uint8Array(256);
  for (const r of receipts) for (let i = 0; i < 256; i++) bloom[i]! |= r.logsBloom[i]!;
  return bloom;
}

/**
 * Executes transactions on the VM's current state (which must be the parent's) and returns the
 * resulting header and receipts. One code path for building and importing, so a block this node
 * builds is exactly what another node re-executes. The caller commits or discards the state.
 *
 * The EIP-4788 and EIP-2935 system calls are not made: their contracts are not deployed on
 * Civitas chains, and without code they are no-ops (the genesis loader refuses code there).
 */
export async function executeBlock(
  vm: VM,
  env: BlockEnvironment,
  candidates: Iterable<TypedTransaction> | AsyncIterable<TypedTransaction>,
  options: ExecuteOptions,
): Promise<ExecutionOutcome> {
  const common = vm.common;
  const context = new Block(createBlockHeader(baseHeaderData(env), { common }), [], [], [], { common });
  const transactions: TypedTransaction[] = [];
  const receipts: StoredReceipt[] = [];
  const rejected: RejectedTx[] = [];
  const deferred: TypedTransaction[] = [];
  let gasUsed = 0n;
  const build = options.mode === "build";
  let sliceStarted = performance.now();
  // Milliseconds the event loop was given, by which the deadline moves.
  let shared = 0;

  await vm.evm.journal.checkpoint();
  try {
    for await (const tx of candidates) {
      if (options.yieldWhile !== undefined && performance.now() - sliceStarted >= EXECUTION_SLICE_MS) {
        if (options.yieldWhile()) {
          const yielded = performance.now();
          await yieldToEventLoop();
          shared += performance.now() - yielded;
        }
        sliceStarted = performance.now();
      }
      if (build) {
        const timeUp = options.deadline !== undefined && Date.now() - shared > options.deadline;
        if (timeUp || tx.gasLimit > env.gasLimit - gasUsed) {
          deferred.push(tx);
          // Once the time is up or no transaction could fit, no further candidate is taken (nor checked).
          if (timeUp || env.gasLimit - gasUsed < MIN_TX_GAS) break;
          continue;
        }
      }
      let result: RunTxResult;
      try {
        result = await runTx(vm, { tx, block: context, blockGasUsed: gasUsed, skipHardForkValidation: true });
      } catch (err) {
        if (!build) throw err;
        rejected.push({ tx, reason: (err as Error).message });
        continue;
      }
      gasUsed += result.blockGasSpent;
      transactions.push(tx);
      // Only the receipt is kept, not the RunTxResult: that holds the call's interpreter state (its
      // 8 KB of EVM memory, the stack) alive until the block commits, for every transaction.
      receipts.push(toStoredReceipt(result.receipt, tx.type));
    }
    await vm.evm.journal.commit();
  } catch (err) {
    await vm.evm.journal.revert();
    throw err;
  }

  const stateRoot = await vm.stateManager.getStateRoot();
  const header = createBlockHeader(
    {
      ...baseHeaderData(env),
      stateRoot,
      transactionsTrie: orderedTrieRoot(
        transactions.map((tx) => tx.serialize()),
        keccak256,
      ),
      receiptTrie: orderedTrieRoot(receipts.map(encodeStoredReceipt), keccak256),
      logsBloom: orBloom(receipts),
      gasUsed,
    },
    { common },
  );
  return { header, transactions, receipts, rejected, deferred, yieldedMs: Math.round(shared) };
}
