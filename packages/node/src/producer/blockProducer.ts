import { decodeExtraData, EXTRA_VANITY_LENGTH, encodeExtraData } from "@civitas/qbft";
import { Block, createBlockHeaderFromBytesArray } from "@ethereumjs/block";
import { hexToBytes } from "@ethereumjs/util";
import { commitSealHash } from "../chain/blockHashing.ts";
import type { Chain } from "../chain/chain.ts";
import { ChainStore, type StoredBlock } from "../chain/chainStore.ts";
import { signHash } from "../crypto/nativeCrypto.ts";
import { executeBlock } from "../execution/executeBlock.ts";
import { QBFT_MIX_HASH, type QbftGenesisConfig } from "../genesis/genesisConfig.ts";
import type { Logger } from "../logger.ts";
import type { TxPool } from "../txpool/txPool.ts";

/** The validator identity that seals blocks. */
export interface ValidatorKey {
  readonly address: string;
  readonly privateKey: Uint8Array;
}

const EXTRA_DATA_INDEX = 12;
// Share of the block period spent executing transactions; the rest is left for sealing and I/O.
const EXECUTION_BUDGET = 0.7;

/**
 * Produces blocks as the network's only validator (a QBFT quorum of one): a block every
 * `blockperiodseconds` while transactions wait, an empty one every `emptyblockperiodseconds`
 * otherwise. Headers carry QBFT extraData with this validator's commit seal.
 */
export class BlockProducer {
  readonly #chain: Chain;
  readonly #pool: TxPool;
  readonly #key: ValidatorKey;
  readonly #config: QbftGenesisConfig;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | undefined;
  #producing: Promise<void> | undefined;
  #closed = false;

  constructor(chain: Chain, pool: TxPool, key: ValidatorKey, config: QbftGenesisConfig, log: Logger) {
    this.#chain = chain;
    this.#pool = pool;
    this.#key = key;
    this.#config = config;
    this.#log = log;
  }

  /** Starts the block timer. */
  start(): void {
    this.#schedule();
  }

  /** Called when a transaction arrives: if the block period has passed, build now rather than at the empty-block deadline. */
  notifyTransaction(): void {
    if (this.#producing || this.#closed) return;
    const due = (Number(this.#chain.head.block.header.timestamp) + this.#config.blockPeriodSeconds) * 1000;
    if (Date.now() >= due) this.#reschedule(0);
  }

  #schedule(): void {
    const parentTs = Number(this.#chain.head.block.header.timestamp);
    const due = (parentTs + this.#config.blockPeriodSeconds) * 1000;
    this.#reschedule(Math.max(0, due - Date.now()));
  }

  #reschedule(delayMs: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#tick(), delayMs);
  }

  #tick(): void {
    const parentTs = Number(this.#chain.head.block.header.timestamp);
    const emptyDue = (parentTs + this.#config.emptyBlockPeriodSeconds) * 1000;
    const now = Date.now();
    if (this.#pool.status().pending === 0 && now < emptyDue) {
      // Nothing to do before the empty-block deadline, unless a transaction arrives (notifyTransaction).
      this.#reschedule(emptyDue - now);
      return;
    }
    this.#producing = this.produce()
      .then(() => undefined)
      .catch((err: unknown) => this.#log.error({ err }, "block production failed; retrying next period"))
      .finally(() => {
        this.#producing = undefined;
        this.#schedule();
      });
  }

  /** Builds, seals and commits one block on top of the head; returns it. */
  async produce(): Promise<StoredBlock> {
    const chain = this.#chain;
    return chain.withHeadVm(async (vm) => {
      const started = Date.now();
      const parent = chain.head;
      const parentHeader = parent.block.header;
      const { validators } = decodeExtraData(parentHeader.extraData);
      const timestamp = BigInt(
        Math.max(
          Number(parentHeader.timestamp) + this.#config.blockPeriodSeconds,
          Math.floor(started / 1000),
        ),
      );
      const maxTxs = Number(parentHeader.gasLimit / 21_000n);
      const candidates = this.#pool.executable(maxTxs).map((entry) => entry.tx);
      const unsealed = encodeExtraData({
        vanity: new Uint8Array(EXTRA_VANITY_LENGTH),
        validators,
        vote: undefined,
        round: 0,
        seals: [],
      });
      let stored: StoredBlock;
      let outcome: Awaited<ReturnType<typeof executeBlock>>;
      try {
        outcome = await executeBlock(
          vm,
          {
            parentHash: parent.hash,
            number: parentHeader.number + 1n,
            timestamp,
            gasLimit: parentHeader.gasLimit,
            coinbase: hexToBytes(this.#key.address as `0x${string}`),
            mixHash: hexToBytes(QBFT_MIX_HASH),
            difficulty: 1n,
            extraData: unsealed,
          },
          candidates,
          { mode: "build", deadline: started + this.#config.blockPeriodSeconds * 1000 * EXECUTION_BUDGET },
        );
        const seal = signHash(commitSealHash(outcome.header), this.#key.privateKey);
        const sealedExtra = encodeExtraData({ ...decodeExtraData(unsealed), seals: [seal] });
        const raw = outcome.header.raw();
        raw[EXTRA_DATA_INDEX] = sealedExtra;
        const header = createBlockHeaderFromBytesArray(raw, { common: chain.common });
        stored = ChainStore.withHash(
          new Block(header, outcome.transactions, [], [], { common: chain.common }),
        );
        await chain.commit(stored, outcome.receipts);
      } catch (err) {
        // Nothing was committed (the commit is one transaction): return the VM to the head's state.
        await chain.discard();
        throw err;
      }
      const header = stored.block.header;
      this.#pool.onBlock(
        outcome.transactions,
        outcome.rejected.map((r) => r.tx),
      );
      for (const r of outcome.rejected)
        this.#log.warn(
          { tx: `0x${Buffer.from(r.tx.hash()).toString("hex")}`, reason: r.reason },
          "dropped invalid transaction",
        );
      this.#log.info(
        {
          number: Number(header.number),
          txs: outcome.transactions.length,
          gasUsed: Number(header.gasUsed),
          ms: Date.now() - started,
        },
        "block produced",
      );
      return stored;
    });
  }

  /** Stops the timer and waits for a block being built to be committed. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#producing;
  }
}
