import type { TypedTransaction } from "@ethereumjs/tx";
import { NodeError } from "../errors.ts";
import type { CheckedTx } from "./validateTx.ts";

/** Pool limits; defaults suit one validator taking a few thousand transactions per second. */
export interface TxPoolOptions {
  /** Transactions (pending + queued) one sender may hold. */
  readonly maxPerSender: number;
  /** Transactions the whole pool may hold. */
  readonly maxTotal: number;
  /** How far past the next expected nonce a future transaction may be. */
  readonly maxNonceGap: bigint;
  /** Minimum fee increase, in percent, for a replacement; zero-fee replacements are always allowed. */
  readonly priceBumpPercent: bigint;
}

/** Defaults for TxPoolOptions. */
export const DEFAULT_TXPOOL_OPTIONS: TxPoolOptions = {
  maxPerSender: 1024,
  maxTotal: 100_000,
  maxNonceGap: 1024n,
  priceBumpPercent: 10n,
};

/** The state facts the pool needs about a sender. */
export interface SenderState {
  readonly nonce: bigint;
  readonly balance: bigint;
}

/** A transaction held by the pool. */
export interface PoolTx extends CheckedTx {
  /** Arrival order; blocks take executable transactions first come, first served (gas is free). */
  readonly seq: number;
}

interface SenderQueue {
  /** Next nonce the chain expects from this sender. */
  stateNonce: bigint;
  readonly byNonce: Map<bigint, PoolTx>;
}

function feeOf(tx: TypedTransaction): { cap: bigint; tip: bigint } {
  if ("gasPrice" in tx) return { cap: tx.gasPrice, tip: tx.gasPrice };
  return { cap: tx.maxFeePerGas, tip: tx.maxPriorityFeePerGas };
}

/**
 * The transaction pool: per-sender nonce ordering, a bounded queue of future nonces, the
 * replacement rule, per-sender and global limits with eviction of the most distant future
 * transactions first. State (nonce, balance) is read through the injected function.
 */
export class TxPool {
  readonly #options: TxPoolOptions;
  readonly #readState: (sender: string) => Promise<SenderState>;
  readonly #senders = new Map<string, SenderQueue>();
  readonly #byHash = new Map<string, PoolTx>();
  #seq = 0;

  constructor(readState: (sender: string) => Promise<SenderState>, options: Partial<TxPoolOptions> = {}) {
    this.#readState = readState;
    this.#options = { ...DEFAULT_TXPOOL_OPTIONS, ...options };
  }

  /** Number of transactions held. */
  get size(): number {
    return this.#byHash.size;
  }

  /** Adds a checked transaction, or throws a NodeError saying why it was refused. */
  async add(checked: CheckedTx): Promise<PoolTx> {
    if (this.#byHash.has(checked.hash)) {
      throw new NodeError(
        "TXPOOL_ALREADY_KNOWN",
        `already known: transaction ${checked.hash} is in the pool`,
      );
    }
    const state = await this.#readState(checked.sender);
    // Re-read after the await: another add for this sender may have run meanwhile.
    if (this.#byHash.has(checked.hash)) {
      throw new NodeError(
        "TXPOOL_ALREADY_KNOWN",
        `already known: transaction ${checked.hash} is in the pool`,
      );
    }
    const { tx } = checked;
    const queue = this.#queueFor(checked.sender, state.nonce);
    if (tx.nonce < queue.stateNonce) {
      throw new NodeError(
        "TXPOOL_NONCE_TOO_LOW",
        `nonce too low: next nonce ${queue.stateNonce}, transaction nonce ${tx.nonce}`,
      );
    }
    if (tx.nonce > queue.stateNonce + this.#options.maxNonceGap) {
      throw new NodeError(
        "TXPOOL_NONCE_TOO_HIGH",
        `nonce too high: next nonce ${queue.stateNonce}, transaction nonce ${tx.nonce}; at most ${this.#options.maxNonceGap} ahead is queued`,
      );
    }
    const cost = tx.value + tx.gasLimit * feeOf(tx).cap;
    if (state.balance < cost) {
      throw new NodeError(
        "TXPOOL_INSUFFICIENT_FUNDS",
        `insufficient funds for gas * price + value: balance ${state.balance}, cost ${cost}`,
      );
    }
    const existing = queue.byNonce.get(tx.nonce);
    if (existing) {
      this.#checkReplacement(existing, tx);
    } else if (queue.byNonce.size >= this.#options.maxPerSender) {
      throw new NodeError(
        "TXPOOL_SENDER_LIMIT",
        `txpool sender limit: ${checked.sender} already has ${queue.byNonce.size} transactions waiting; wait for some to be mined`,
      );
    } else if (this.#byHash.size >= this.#options.maxTotal && !this.#evictOne()) {
      throw new NodeError(
        "TXPOOL_FULL",
        `txpool is full: ${this.#byHash.size} transactions waiting; retry shortly`,
      );
    }
    const entry: PoolTx = { ...checked, seq: this.#seq++ };
    if (existing) this.#byHash.delete(existing.hash);
    queue.byNonce.set(tx.nonce, entry);
    this.#byHash.set(entry.hash, entry);
    return entry;
  }

  #queueFor(sender: string, stateNonce: bigint): SenderQueue {
    let queue = this.#senders.get(sender);
    if (!queue) {
      queue = { stateNonce, byNonce: new Map() };
      this.#senders.set(sender, queue);
    } else if (stateNonce > queue.stateNonce) {
      this.#advance(queue, stateNonce);
    }
    return queue;
  }

  #checkReplacement(existing: PoolTx, tx: TypedTransaction): void {
    const old = feeOf(existing.tx);
    const neu = feeOf(tx);
    // On a free-gas network a price bump is meaningless; only the signer can replace its own transaction.
    if (old.cap === 0n && old.tip === 0n) return;
    const bump = 100n + this.#options.priceBumpPercent;
    if (neu.cap * 100n < old.cap * bump || neu.tip * 100n < old.tip * bump) {
      throw new NodeError(
        "TXPOOL_REPLACEMENT_UNDERPRICED",
        `replacement transaction underpriced: raise both fee fields by at least ${this.#options.priceBumpPercent}%`,
      );
    }
  }

  /** Makes room by evicting the most distant future transaction; false when nothing can go. */
  #evictOne(): boolean {
    let victim: PoolTx | undefined;
    let victimQueue: SenderQueue | undefined;
    for (const queue of this.#senders.values()) {
      const next = this.#nextNonce(queue);
      for (const [nonce, entry] of queue.byNonce) {
        if (nonce < next) continue;
        if (!victim || nonce - queue.stateNonce > victim.tx.nonce - victimQueue!.stateNonce) {
          victim = entry;
          victimQueue = queue;
        }
      }
    }
    if (!victim) return false;
    this.#remove(victim);
    return true;
  }

  /** First nonce after the sender's contiguous (executable) run. */
  #nextNonce(queue: SenderQueue): bigint {
    let n = queue.stateNonce;
    while (queue.byNonce.has(n)) n++;
    return n;
  }

  #remove(entry: PoolTx): void {
    this.#byHash.delete(entry.hash);
    const queue = this.#senders.get(entry.sender);
    if (!queue) return;
    queue.byNonce.delete(entry.tx.nonce);
    if (queue.byNonce.size === 0) this.#senders.delete(entry.sender);
  }

  #advance(queue: SenderQueue, stateNonce: bigint): void {
    queue.stateNonce = stateNonce;
    for (const [nonce, entry] of queue.byNonce) {
      if (nonce < stateNonce) {
        queue.byNonce.delete(nonce);
        this.#byHash.delete(entry.hash);
      }
    }
  }

  /**
   * The executable transactions (each sender's from the nonce the chain expects, without a gap) in
   * the order a block takes them: first come, first served across senders (gas is free), nonce
   * order within a sender. Lazy: taking k of them costs O(senders + k log senders), so a build
   * that fills its block with a few hundred does not pass over a pool of thousands. Entries are
   * read as it goes: a sender's next nonce added meanwhile is taken, a replacement is taken in
   * place of the transaction it replaced, and senders that arrive after it started wait for the
   * next block.
   */
  *executableInOrder(): Generator<PoolTx> {
    type Head = { readonly queue: SenderQueue; readonly entry: PoolTx };
    const heads: Head[] = [];
    for (const queue of this.#senders.values()) {
      const entry = queue.byNonce.get(queue.stateNonce);
      if (entry) heads.push({ queue, entry });
    }
    const heap = new MinHeap<Head>((a, b) => a.entry.seq - b.entry.seq, heads);
    for (let head = heap.pop(); head !== undefined; head = heap.pop()) {
      const { queue, entry } = head;
      // Still the sender's transaction at that nonce (not replaced, removed or included meanwhile)?
      const current = queue.byNonce.get(entry.tx.nonce);
      if (current === undefined) continue;
      yield current;
      const next = queue.byNonce.get(current.tx.nonce + 1n);
      if (next) heap.push({ queue, entry: next });
    }
  }

  /** How many transactions are executable, counting no further than `max` (senders are counted whole). */
  countExecutable(max = Number.POSITIVE_INFINITY): number {
    let count = 0;
    for (const queue of this.#senders.values()) {
      if (count >= max) return max;
      count += Number(this.#nextNonce(queue) - queue.stateNonce);
    }
    return Math.min(count, max);
  }

  /** After a block: forget included transactions, drop invalid ones, move senders' nonces on. */
  onBlock(included: readonly TypedTransaction[], invalid: readonly TypedTransaction[]): void {
    const nextNonce = new Map<string, bigint>();
    for (const tx of included) {
      const sender = tx.getSenderAddress().toString();
      const n = tx.nonce + 1n;
      if ((nextNonce.get(sender) ?? 0n) < n) nextNonce.set(sender, n);
    }
    for (const [sender, nonce] of nextNonce) {
      const queue = this.#senders.get(sender);
      if (queue) {
        this.#advance(queue, nonce);
        if (queue.byNonce.size === 0) this.#senders.delete(sender);
      }
    }
    for (const tx of invalid) {
      const entry = this.#byHash.get(`0x${Buffer.from(tx.hash()).toString("hex")}`);
      if (entry) this.#remove(entry);
    }
  }

  /** A held transaction by hash. */
  get(hash: string): PoolTx | undefined {
    return this.#byHash.get(hash.toLowerCase());
  }

  /** The nonce a sender's next transaction should use, counting its executable pool transactions. */
  pendingNonce(sender: string, stateNonce: bigint): bigint {
    const queue = this.#senders.get(sender.toLowerCase());
    if (!queue) return stateNonce;
    return this.#nextNonce({
      stateNonce: stateNonce > queue.stateNonce ? stateNonce : queue.stateNonce,
      byNonce: queue.byNonce,
    });
  }

  /** Executable (pending) and future (queued) transactions, per sender. */
  content(): { pending: Map<string, PoolTx[]>; queued: Map<string, PoolTx[]> } {
    const pending = new Map<string, PoolTx[]>();
    const queued = new Map<string, PoolTx[]>();
    for (const [sender, queue] of this.#senders) {
      const next = this.#nextNonce(queue);
      const entries = [...queue.byNonce.values()].sort((a, b) => (a.tx.nonce < b.tx.nonce ? -1 : 1));
      const p = entries.filter((e) => e.tx.nonce < next);
      const q = entries.filter((e) => e.tx.nonce >= next);
      if (p.length > 0) pending.set(sender, p);
      if (q.length > 0) queued.set(sender, q);
    }
    return { pending, queued };
  }

  /**
   * Whether some transaction could go into the next block. Asked at every block timer: it stops at
   * the first sender with one, where `status()` counts every sender.
   */
  hasExecutable(): boolean {
    for (const queue of this.#senders.values()) if (queue.byNonce.has(queue.stateNonce)) return true;
    return false;
  }

  /** Counts for txpool_status. */
  status(): { pending: number; queued: number } {
    const pending = this.countExecutable();
    return { pending, queued: this.#byHash.size - pending };
  }
}

/** A small binary min-heap. */
class MinHeap<T> {
  readonly #items: T[];
  readonly #less: (a: T, b: T) => number;
  /** A heap of `items` (taken over, not copied), built in linear time. */
  constructor(compare: (a: T, b: T) => number, items: T[] = []) {
    this.#less = compare;
    this.#items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.#siftDown(i);
  }
  get size(): number {
    return this.#items.length;
  }
  push(item: T): void {
    const a = this.#items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#less(a[i]!, a[parent]!) >= 0) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.#items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      this.#siftDown(0);
    }
    return top;
  }
  #siftDown(from: number): void {
    const a = this.#items;
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.#less(a[l]!, a[m]!) < 0) m = l;
      if (r < a.length && this.#less(a[r]!, a[m]!) < 0) m = r;
      if (m === i) break;
      [a[i], a[m]] = [a[m]!, a[i]!];
      i = m;
    }
  }
}
