import { RLP } from "@ethereumjs/rlp";
import type { TrieLayer } from "./bufferedTrieDb.ts";
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
/**
 * Replaced nodes a commit may process beyond the number its own block replaced: a block with
 * transactions, one without (nobody waits on an empty block, so it catches up faster).
 */
const DEFAULT_PRUNE_ALLOWANCE = { busy: 1024, idle: 8192 } as const;
/** log2 of the counters in the filter of nodes awaiting deletion (2^25: 32 MiB). */
const FILTER_BITS = 25;
/** log2 of the counters in one block of the filter (64 one-byte counters: a cache line). */
const BLOCK_BITS = 6;

/**
 * The replaced nodes of the journals not processed yet, as a counting Bloom filter: a node it
 * does not hold is certainly not awaiting deletion. Keys end with a node's keccak hash: its first
 * 32-bit word picks a block of 64 counters (one cache line), and three 6-bit fields of its second
 * word pick the key's three counters within the block, so each key costs one memory access where
 * three counters spread over the whole array cost three (a third of a block's write time went to
 * those misses with four nodes sharing the caches). A counter that reaches 255 stays there (a
 * permanent "maybe"), so removals never take a count below the truth. False positives only make
 * the pruner treat a new node as revived, which deletes nothing.
 */
class AwaitingDeletion {
  readonly #counters = new Uint8Array(1 << FILTER_BITS);

  add(hex: string): void {
    const block = blockOf(hex);
    const fields = fieldsOf(hex);
    for (let k = 0; k < 3; k++) {
      const i = block + ((fields >>> (6 * k)) & 63);
      if (this.#counters[i]! < 255) this.#counters[i]!++;
    }
  }

  remove(hex: string): void {
    const block = blockOf(hex);
    const fields = fieldsOf(hex);
    for (let k = 0; k < 3; k++) {
      const i = block + ((fields >>> (6 * k)) & 63);
      const c = this.#counters[i]!;
      if (c > 0 && c < 255) this.#counters[i] = c - 1;
    }
  }

  mayHold(hex: string): boolean {
    const block = blockOf(hex);
    const fields = fieldsOf(hex);
    for (let k = 0; k < 3; k++) if (this.#counters[block + ((fields >>> (6 * k)) & 63)] === 0) return false;
    return true;
  }
}

/** Index of the first counter of a key's block: the top bits of the hash's first word. */
const blockOf = (hex: string): number =>
  (hashWord(hex, 0) >>> (32 - (FILTER_BITS - BLOCK_BITS))) << BLOCK_BITS;

/** The hash's second word, whose low 18 bits place the key's three counters in its block. */
const fieldsOf = (hex: string): number => hashWord(hex, 1);

/** 32-bit word `k` of the node hash ending a key given as lower-case hex (after any storage prefix). */
function hashWord(hex: string, k: number): number {
  const at = hex.length - 64 + 8 * k;
  let word = 0;
  for (let i = at; i < at + 8; i++) {
    const c = hex.charCodeAt(i);
    word = (word << 4) | (c <= 57 ? c - 48 : c - 87);
  }
  return word >>> 0;
}

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
  /** Whether a journal was only partly processed (its rest is rewritten in `journal`). */
  readonly split: boolean;
  /** Keys (hex) this block replaced, and those of the replaced-node journals it consumes. */
  readonly replaced: readonly string[];
  readonly consumedReplaced: readonly string[];
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
 * when a value goes back to an earlier one: each commit checks which of its writes may be awaiting
 * deletion (a filter of the replaced nodes of the journals not processed yet), journals them as
 * revived, and a replaced node revived after it was replaced is not deleted. For that, a block
 * journals as replaced only nodes that were on disk (BufferedTrieDb): a node it wrote and
 * replaced itself never reached the disk, and is not awaiting deletion when written again.
 *
 * A commit processes at most as many replaced nodes as its own block replaced, plus an allowance
 * (`DEFAULT_PRUNE_ALLOWANCE`); the rest of a journal waits, under its own height, for the next
 * commits. So a burst of heavy blocks (a mass registration replaces ~12,000 nodes a block) is
 * deleted over the blocks after it instead of doubling the write of each block it falls due in,
 * and under steady load nothing is left behind: each commit may delete more than its block adds.
 * Deleting later is always safe; it only keeps the nodes on disk a little longer.
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
  readonly #awaiting = new AwaitingDeletion();
  readonly #allowance: { readonly busy: number; readonly idle: number };
  #deleted = 0;
  #split = 0;

  constructor(
    db: NodeDatabase,
    history: number,
    o: { allowance?: { readonly busy: number; readonly idle: number } } = {},
  ) {
    if (!Number.isInteger(history) || history < 1)
      throw new RangeError("state history must be at least 1 block");
    this.#db = db;
    this.history = history;
    this.#allowance = o.allowance ?? DEFAULT_PRUNE_ALLOWANCE;
    // The journals not processed yet are those on disk.
    for (const { key, value } of this.#db.stateJournal.getRange({})) {
      const k = key as Uint8Array;
      const nodes = RLP.decode(value) as Uint8Array[];
      if (k[8] === REVIVED) this.#noteRevived(readNumberKey(k), nodes);
      else for (const node of nodes) this.#awaiting.add(Buffer.from(node).toString("hex"));
    }
  }

  /** Trie nodes deleted since the node started. */
  get deletedNodes(): number {
    return this.#deleted;
  }

  /** Commits that processed only part of a journal (a heavy block's nodes spread over several). */
  get splitJournals(): number {
    return this.#split;
  }

  /** Oldest block whose state is complete on disk while `head` is the head. */
  oldestServed(head: bigint): bigint {
    const oldest = head - BigInt(this.history - 1);
    return oldest < 0n ? 0n : oldest;
  }

  /**
   * Plans the pruning part of block `number`'s commit, given the block's trie writes and whether
   * it has transactions; call it just before the commit, after the previous block's commit and
   * `committed`. Deletions come sorted by key: LMDB writes neighbouring keys with fewer pages.
   */
  plan(number: number, layer: TrieLayer, idle = false): PrunePlan {
    const revived: string[] = [];
    for (const key of layer.nodes.keys()) if (this.#awaiting.mayHold(key)) revived.push(key);
    const replaced = layer.replaced;
    const journal: [Uint8Array, Uint8Array][] = [];
    if (replaced.length > 0)
      journal.push([journalKey(number, REPLACED), RLP.encode(replaced.map((k) => Buffer.from(k, "hex")))]);
    if (revived.length > 0) {
      journal.push([journalKey(number, REVIVED), RLP.encode(revived.map((k) => Buffer.from(k, "hex")))]);
      this.#noteRevived(BigInt(number), revived);
    }

    const deletions: Uint8Array[] = [];
    const consumed: Uint8Array[] = [];
    const consumedReplaced: string[] = [];
    let split = false;
    const due = number - this.history - PRUNE_MARGIN;
    if (due >= 0) {
      let budget = replaced.length + (idle ? this.#allowance.idle : this.#allowance.busy);
      let journals = 0;
      for (const { key, value } of this.#db.stateJournal.getRange({ end: journalKey(due + 1, REPLACED) })) {
        const k = key as Uint8Array;
        if (k[8] !== REPLACED) {
          consumed.push(k);
          continue;
        }
        if (budget === 0) break;
        const height = Number(readNumberKey(k));
        const nodes = RLP.decode(value) as Uint8Array[];
        const taken = nodes.length <= budget ? nodes : nodes.slice(0, budget);
        if (taken === nodes) consumed.push(k);
        else {
          // The rest keeps its height: a revival after it still protects those nodes.
          journal.push([k, RLP.encode(nodes.slice(budget))]);
          split = true;
        }
        budget -= taken.length;
        for (const node of taken) {
          const hex = Buffer.from(node).toString("hex");
          consumedReplaced.push(hex);
          const revivedAt = this.#revivedAt.get(hex);
          if (revivedAt === undefined || revivedAt <= height) deletions.push(node);
        }
        if (split || ++journals === MAX_JOURNALS_PER_COMMIT) break;
      }
    }
    deletions.sort(Buffer.compare);
    return { journal, deletions, consumed, split, replaced, consumedReplaced };
  }

  /** After the commit: counts deletions and forgets revivals no journal left on disk can need. */
  committed(plan: PrunePlan): void {
    this.#deleted += plan.deletions.length;
    if (plan.split) this.#split++;
    for (const key of plan.replaced) this.#awaiting.add(key);
    for (const key of plan.consumedReplaced) this.#awaiting.remove(key);
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
