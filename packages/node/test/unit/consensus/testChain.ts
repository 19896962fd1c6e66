// Chains on temporary databases for the consensus and sync unit tests: a QBFT genesis with several
// validator keys, and a node's chain, pool, validator set and block pipeline opened on it, so that
// blocks are built, sealed by a quorum of real keys and committed as a validator network would.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Address } from "@civitas/qbft";
import { Block, createBlockHeaderFromBytesArray } from "@ethereumjs/block";
import type { TypedTransaction } from "@ethereumjs/tx";
import { createAddressFromString } from "@ethereumjs/util";
import { Chain, type StateHistory } from "../../../src/chain/chain.ts";
import type { StoredBlock } from "../../../src/chain/chainStore.ts";
import { BlockPipeline } from "../../../src/consensus/blockPipeline.ts";
import type { NodeQbftBlock } from "../../../src/consensus/nodeBlock.ts";
import { ValidatorSet } from "../../../src/consensus/validatorSet.ts";
import { signHash } from "../../../src/crypto/nativeCrypto.ts";
import { BufferedTrieDb } from "../../../src/db/bufferedTrieDb.ts";
import { type NodeDatabase, openNodeDatabase } from "../../../src/db/openNodeDatabase.ts";
import { createDevGenesis } from "../../../src/genesis/devGenesis.ts";
import { parseGenesis } from "../../../src/genesis/genesisConfig.ts";
import { createLogger } from "../../../src/logger.ts";
import { TxPool } from "../../../src/txpool/txPool.ts";
import { CHAIN_ID, common, newKey } from "../helpers.ts";

/** A validator's key and address. */
export interface TestKey {
  readonly address: Address;
  readonly key: Uint8Array;
}

/** Fresh keys sorted by address (the order QBFT lists validators in). */
export function sortedKeys(n: number): TestKey[] {
  return Array.from({ length: n }, () => newKey() as TestKey).sort((a, b) =>
    a.address < b.address ? -1 : 1,
  );
}

/** A genesis JSON text for `validators`, with one funded account, block period 1 s, in the past. */
export function testGenesis(
  validators: readonly TestKey[],
  o: {
    epochLength?: number;
    transitions?: { block: number; validators: string[] }[];
    accounts?: string[];
  } = {},
): string {
  const genesis = createDevGenesis({
    chainId: Number(CHAIN_ID),
    validators: validators.map((v) => v.address),
    accounts: o.accounts ?? [],
    balanceWei: 10n ** 21n,
    blockPeriodSeconds: 1,
    emptyBlockPeriodSeconds: 1,
    gasLimit: 30_000_000n,
    // Far enough in the past that every test block's timestamp is before now.
    timestamp: Math.floor(Date.now() / 1000) - 86_400,
  });
  const config = genesis["config"] as Record<string, unknown>;
  if (o.epochLength !== undefined)
    config["qbft"] = { ...(config["qbft"] as object), epochlength: o.epochLength };
  if (o.transitions) config["transitions"] = { qbft: o.transitions };
  return JSON.stringify(genesis);
}

/** A chain on a temporary database with everything a validator uses to build and import blocks. */
export interface TestChain {
  readonly dir: string;
  readonly genesisJson: string;
  readonly chain: Chain;
  readonly pool: TxPool;
  readonly validators: ValidatorSet;
  readonly pipeline: BlockPipeline;
  /** Blocks committed through the pipeline, in order. */
  readonly committed: StoredBlock[];
  readonly headNumber: number;
  /** Builds block head+1 proposed by `proposer` (round 0, timestamp parent + 1 s), unsealed. */
  build(proposer: Address, timestamp?: number): Promise<NodeQbftBlock>;
  /** Builds, seals with `sealers` and commits block head+1; returns the stored block. */
  produce(proposer: TestKey, sealers: readonly TestKey[]): Promise<StoredBlock>;
  /** Closes the chain (the directory is removed by `removeTestDirs`). */
  close(): Promise<void>;
}

const dirs: string[] = [];

/** Opens (or creates) the chain of `genesisJson` in `db`. */
export function openChainOn(
  db: NodeDatabase,
  genesisJson: string,
  trieDb = new BufferedTrieDb(db.trie),
  o: { stateHistory?: StateHistory; stateRewritten?: (number: bigint) => void } = {},
): Promise<Chain> {
  return Chain.open(
    common,
    db,
    trieDb,
    parseGenesis(JSON.parse(genesisJson)),
    Chain.digestGenesis(genesisJson),
    o,
  );
}

/** Removes every directory opened by `openTestChain`. */
export function removeTestDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Opens a fresh chain on a new temporary directory from `genesisJson`. */
export async function openTestChain(genesisJson: string): Promise<TestChain> {
  const dir = mkdtempSync(join(tmpdir(), "civitas-consensus-"));
  dirs.push(dir);
  const genesis = parseGenesis(JSON.parse(genesisJson));
  const db = openNodeDatabase(dir);
  const chain = await openChainOn(db, genesisJson);
  const pool = new TxPool(async (sender) => {
    const account = await chain.stateAt(chain.tip).getAccount(createAddressFromString(sender));
    return { nonce: account?.nonce ?? 0n, balance: account?.balance ?? 0n };
  });
  const validators = ValidatorSet.open(
    chain.store,
    Number(chain.head.block.header.number),
    genesis.qbft.epochLength,
    genesis.validatorTransitions,
  );
  const committed: StoredBlock[] = [];
  const pipeline = new BlockPipeline(
    chain,
    pool,
    validators,
    { qbft: genesis.qbft, executionBudget: { solo: 0.7, shared: 0.35 } },
    createLogger("silent"),
    (stored) => committed.push(stored),
  );
  const t: TestChain = {
    dir,
    genesisJson,
    chain,
    pool,
    validators,
    pipeline,
    committed,
    get headNumber() {
      return Number(chain.tip.block.header.number);
    },
    build(proposer, timestamp) {
      const head = chain.tip.block.header;
      return pipeline.build(Number(head.number) + 1, 0, timestamp ?? Number(head.timestamp) + 1, proposer);
    },
    async produce(proposer, sealers) {
      const block = await t.build(proposer.address);
      if (!(await pipeline.commitDecided(block, seal(block, sealers))))
        throw new Error(`block ${block.height} was not committed`);
      await chain.settled();
      return chain.head;
    },
    close: () => chain.close(),
  };
  return t;
}

/** Commit seals of `sealers` over a block's digest. */
export function seal(block: NodeQbftBlock, sealers: readonly TestKey[]): Uint8Array[] {
  return sealers.map((s) => signHash(block.digest, s.key));
}

/** A copy of `block` with header fields changed through `edit` (on the RLP field list) and, optionally, other transactions. */
export function rebuildBlock(
  block: Block,
  edit: (fields: Uint8Array[]) => void,
  transactions: readonly TypedTransaction[] = block.transactions,
): Block {
  const fields = block.header.raw();
  edit(fields);
  const header = createBlockHeaderFromBytesArray(fields, { common: block.common });
  return new Block(header, [...transactions], [], block.withdrawals ? [] : undefined, {
    common: block.common,
  });
}
