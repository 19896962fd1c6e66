import { RLP } from "@ethereumjs/rlp";
import type { BufferedTrieDb } from "./bufferedTrieDb.ts";
import { type NodeDatabase, numberKey, readNumberKey } from "./openNodeDatabase.ts";

/** Blocks of state a pruning node keeps by default (geth keeps 128 in memory, Besu 512 layers). */
export const DEFAULT_STATE_HISTORY = 128;
/**
 * Blocks of state kept beyond the history a node serves, so that a read of the oldest state it
 * serves, started just before a commit, still finds every node it walks.
 */
const PRUNE_MARGIN = 8;
/** Most journals processed per commit: after the history was shortened, catch up gradually. */
const MAX_JOURNALS_PER_COMMIT = 4;

const REPLACED = 0;
const REVIVED = 1;

function journalKey(number: number, kind: typeof REPLACED | typeof REVIVED): Uint8Array {
  const key = new Uint8Array(9);
  key.set(numberKey(BigInt(number)));
  key[8] = kind;
  return key;
}

/** What the commit of one block writes and deletes for pruning, in its transactions. */
export interface PrunePlan {
  /** Journal records of this block (its replaced and revived nodes). */
  readonly journal: readonly (readonly [Uint8Array, Uint8Array])[];
  /** Trie nodes to delete: replaced long enough ago, and not written again since. */
  readonly deletions: readonly Uint8Array[];
  /** Journal records consumed (deleted with the block). */
  readonly consumed: readonly Uint8Array[];
}

/**
 * Deletes state trie nodes once no state the node keeps refers to them.
 *
 * Each block's commit journals the nodes the block replaced (old versions of the nodes on every
 * path it changed; BufferedTrieDb collects them). When the block is `history + PRUNE_MARGIN`
 * blocks old, those nodes are deleted, in the commit of the block that makes it so: the state of
 * the last `history` blocks stays complete, older states lose nodes and are refused by RPC.
 *
 * Why a replaced node is safe to delete: nodes are content-addressed, and every contract's
 * storage-trie nodes are keyed under its own prefix (schema 2), so a node belongs to one trie
 * only, and within one trie two positions never hold the same node (their keys would have to
 * share the rest of a keccak hash). What remains is a node replaced and later written again, as
 * when a value goes back to an earlier one: each commit checks which of its writes are already
 * on disk (such a node was replaced and is waiting for deletion, or is still there), journals
 * them as revived, and a replaced node revived after it was replaced is not deleted. For that,
 * a block journals as replaced only nodes that are on disk at its commit: a node it wrote and
 * replaced itself (within one flush) never reached the disk, and a later block writing it again
 * would not find it there.
 *
 * Everything the pruner does is written with the block, so a crash loses nothing: after a
 * restart the journals on disk say what is still to delete and what was revived.
 */
export class StatePruner {
  /** Blocks of state served: the head's and the `history - 1` before it. */
  readonly history: number;
  readonly #db: NodeDatabase;
  /** Latest block that wrote again (revived) each node, for replaced nodes not deleted yet. */
  readonly #revivedAt = new Map<string, number>();
  readonly #revivedBy = new Map<number, string[]>();
  #deleted = 0;

  constructor(db: NodeDatabase, history: number) {
    if (!Number.isInteger(history) || history < 1)
      throw new RangeError("state history must be at least 1 block");
    this.#db = db;
    this.history = history;
    // Revivals matter to journals not processed yet: those on disk.
    for (const { key, value } of this.#db.stateJournal.getRange({})) {
      const k = key as Uint8Array;
      if (k[8] === REVIVED) this.#noteRevived(readNumberKey(k), RLP.decode(value) as Uint8Array[]);
    }
  }

  /** Trie nodes deleted since the node started. */
  get deletedNodes(): number {
    return this.#deleted;
  }

  /** Oldest block whose state is complete on disk while `head` is the head. */
  oldestServed(head: bigint): bigint {
    const oldest = head - BigInt(this.history - 1);
    return oldest < 0n ? 0n : oldest;
  }

  /**
   * Plans the pruning part of block `number`'s commit; call it just before the commit. Reads
   * which of the block's writes are already on disk (one lookup per written node).
   */
  plan(number: number, trie: BufferedTrieDb): PrunePlan {
    const onDisk = (key: string) => this.#db.trie.doesExist(Buffer.from(key, "hex"));
    const revived = [...trie.pendingKeys()].filter(onDisk);
    // Only nodes on disk: one the block wrote and replaced itself never got there, and would not
    // be found on disk (so not seen as revived) if a later block wrote it again.
    const replaced = [...trie.replacedKeys()].filter(onDisk);
    const journal: [Uint8Array, Uint8Array][] = [];
    if (replaced.length > 0)
      journal.push([journalKey(number, REPLACED), RLP.encode(replaced.map((k) => Buffer.from(k, "hex")))]);
    if (revived.length > 0) {
      journal.push([journalKey(number, REVIVED), RLP.encode(revived.map((k) => Buffer.from(k, "hex")))]);
      this.#noteRevived(BigInt(number), revived);
    }

    const deletions: Uint8Array[] = [];
    const consumed: Uint8Array[] = [];
    const due = number - this.history - PRUNE_MARGIN;
    if (due >= 0) {
      let journals = 0;
      for (const { key, value } of this.#db.stateJournal.getRange({ end: journalKey(due + 1, REPLACED) })) {
        const k = key as Uint8Array;
        consumed.push(k);
        if (k[8] !== REPLACED) continue;
        const height = Number(readNumberKey(k));
        for (const node of RLP.decode(value) as Uint8Array[]) {
          const revivedAt = this.#revivedAt.get(Buffer.from(node).toString("hex"));
          if (revivedAt === undefined || revivedAt <= height) deletions.push(node);
        }
        if (++journals === MAX_JOURNALS_PER_COMMIT) break;
      }
    }
    return { journal, deletions, consumed };
  }

  /** After the commit: counts deletions and forgets revivals no journal left on disk can need. */
  committed(plan: PrunePlan): void {
    this.#deleted += plan.deletions.length;
    // A revival at block v matters to the journals of blocks before v.
    let oldest: number | undefined;
    for (const key of this.#db.stateJournal.getKeys({ limit: 1 }))
      oldest = Number(readNumberKey(key as Uint8Array));
    for (const [height, keys] of this.#revivedBy) {
      if (oldest !== undefined && height > oldest) continue;
      for (const key of keys) if (this.#revivedAt.get(key) === height) this.#revivedAt.delete(key);
      this.#revivedBy.delete(height);
    }
  }

  #noteRevived(height: bigint, keys: readonly (string | Uint8Array)[]): void {
    const n = Number(height);
    const hex = keys.map((k) => (typeof k === "string" ? k : Buffer.from(k).toString("hex")));
    for (const key of hex) this.#revivedAt.set(key, Math.max(this.#revivedAt.get(key) ?? -1, n));
    this.#revivedBy.set(n, [...(this.#revivedBy.get(n) ?? []), ...hex]);
  }
}
