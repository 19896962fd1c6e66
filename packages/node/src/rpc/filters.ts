import { randomBytes } from "node:crypto";
import type { Chain } from "../chain/chain.ts";
import { addressLogKey, type StoredBlock, topicLogKey } from "../chain/chainStore.ts";
import type { StoredReceipt } from "../chain/receipts.ts";
import { formatLogs } from "./format.ts";
import { parseAddress, parseHash } from "./params.ts";
import { invalidParams, RpcCode, RpcError } from "./rpcError.ts";

/** A parsed log filter. */
export interface LogCriteria {
  readonly fromBlock: bigint | "latest";
  readonly toBlock: bigint | "latest";
  readonly addresses: readonly string[];
  /** Per position: undefined = any, otherwise one of the listed topics. */
  readonly topics: readonly (readonly string[] | undefined)[];
  readonly blockHash?: string;
}

/** Limits on log queries, so one request cannot pin the node. */
export interface LogLimits {
  readonly maxBlockRange: bigint;
  readonly maxResults: number;
}

const DEFAULT_LIMITS: LogLimits = { maxBlockRange: 10_000n, maxResults: 10_000 };
// A filter not polled for this long is removed, as geth does.
const FILTER_TTL_MS = 5 * 60_000;

type Formatted = Record<string, unknown>;

function parseBound(value: unknown, name: string): bigint | "latest" {
  if (
    value === undefined ||
    value === null ||
    value === "latest" ||
    value === "safe" ||
    value === "finalized" ||
    value === "pending"
  ) {
    return "latest";
  }
  if (value === "earliest") return 0n;
  if (typeof value === "string" && /^0x[0-9a-fA-F]{1,16}$/.test(value)) return BigInt(value);
  throw invalidParams(`${name} must be a block number or tag`);
}

/** Parses the filter object of eth_getLogs / eth_newFilter / eth_subscribe("logs"). */
export function parseLogCriteria(raw: unknown): LogCriteria {
  if (raw === undefined) raw = {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw invalidParams("filter must be an object");
  const obj = raw as Record<string, unknown>;
  const address = obj["address"];
  const addresses =
    address === undefined || address === null
      ? []
      : Array.isArray(address)
        ? address.map((a, i) => parseAddress(a, `address[${i}]`))
        : [parseAddress(address, "address")];
  const rawTopics = obj["topics"] ?? [];
  if (!Array.isArray(rawTopics) || rawTopics.length > 4)
    throw invalidParams("topics must be an array of at most 4 entries");
  const topics = rawTopics.map((t, i) => {
    if (t === null) return undefined;
    if (Array.isArray(t)) return t.map((x, j) => parseHash(x, `topics[${i}][${j}]`));
    return [parseHash(t, `topics[${i}]`)];
  });
  if (obj["blockHash"] !== undefined) {
    if (obj["fromBlock"] !== undefined || obj["toBlock"] !== undefined) {
      throw invalidParams("blockHash cannot be combined with fromBlock/toBlock");
    }
    return {
      fromBlock: "latest",
      toBlock: "latest",
      addresses,
      topics,
      blockHash: parseHash(obj["blockHash"], "blockHash"),
    };
  }
  return {
    fromBlock: parseBound(obj["fromBlock"], "fromBlock"),
    toBlock: parseBound(obj["toBlock"], "toBlock"),
    addresses,
    topics,
  };
}

function logMatches(log: Formatted, c: LogCriteria): boolean {
  if (c.addresses.length > 0 && !c.addresses.includes(log["address"] as string)) return false;
  const topics = log["topics"] as string[];
  return c.topics.every(
    (wanted, i) => wanted === undefined || (topics[i] !== undefined && wanted.includes(topics[i]!)),
  );
}

/** Matching logs of one block. */
export function blockLogs(
  block: StoredBlock,
  receipts: readonly StoredReceipt[],
  c: LogCriteria,
): Formatted[] {
  const out: Formatted[] = [];
  let logIndex = 0;
  block.block.transactions.forEach((tx, index) => {
    const receipt = receipts[index]!;
    for (const log of formatLogs(receipt, tx, { block, index }, logIndex))
      if (logMatches(log, c)) out.push(log);
    logIndex += receipt.logs.length;
  });
  return out;
}

interface LogFilter {
  readonly kind: "logs";
  readonly criteria: LogCriteria;
  nextBlock: bigint;
  lastPoll: number;
}
interface BlockFilter {
  readonly kind: "blocks";
  hashes: string[];
  lastPoll: number;
}
interface PendingTxFilter {
  readonly kind: "pendingTransactions";
  hashes: string[];
  lastPoll: number;
}
type Filter = LogFilter | BlockFilter | PendingTxFilter;

/** Installed filters (eth_newFilter & co.), with expiry of abandoned ones. */
export class FilterManager {
  readonly #chain: Chain;
  readonly #limits: LogLimits;
  readonly #filters = new Map<string, Filter>();
  readonly #onBlock: (block: StoredBlock) => void;
  readonly #sweep: NodeJS.Timeout;

  constructor(chain: Chain, limits: Partial<LogLimits> = {}) {
    this.#chain = chain;
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
    this.#onBlock = (block) => {
      const hash = `0x${Buffer.from(block.hash).toString("hex")}`;
      for (const f of this.#filters.values()) if (f.kind === "blocks") f.hashes.push(hash);
    };
    chain.on("block", this.#onBlock);
    this.#sweep = setInterval(() => this.#expire(), 30_000);
    this.#sweep.unref();
  }

  /** eth_getLogs: matching logs in a block range, using the address and topic indexes where given. */
  getLogs(c: LogCriteria): Formatted[] {
    const store = this.#chain.store;
    if (c.blockHash !== undefined) {
      const block = store.getBlockByHash(Buffer.from(c.blockHash.slice(2), "hex"));
      if (!block) throw new RpcError(RpcCode.resourceNotFound, `block ${c.blockHash} not found`);
      return blockLogs(block, store.getReceipts(block.hash) ?? [], c);
    }
    const head = this.#chain.head.block.header.number;
    const from = c.fromBlock === "latest" ? head : c.fromBlock;
    // The execution-apis conformance tests require these two errors rather than an empty result.
    if (c.toBlock !== "latest" && c.toBlock > head)
      throw new RpcError(RpcCode.invalidParams, "block range extends beyond current head block");
    const to = c.toBlock === "latest" ? head : c.toBlock;
    if (from > to) throw new RpcError(RpcCode.invalidParams, "invalid block range params");
    if (to - from + 1n > this.#limits.maxBlockRange) {
      throw new RpcError(
        RpcCode.limitExceeded,
        `query spans ${to - from + 1n} blocks; the limit is ${this.#limits.maxBlockRange}, narrow fromBlock/toBlock`,
      );
    }
    const out: Formatted[] = [];
    for (const number of this.#candidateBlocks(c, from, to)) {
      const block = store.getBlockByNumber(number);
      if (!block) continue;
      out.push(...blockLogs(block, store.getReceipts(block.hash) ?? [], c));
      if (out.length > this.#limits.maxResults) {
        throw new RpcError(
          RpcCode.limitExceeded,
          `query returns more than ${this.#limits.maxResults} logs; narrow the block range or the filter`,
        );
      }
    }
    return out;
  }

  #candidateBlocks(c: LogCriteria, from: bigint, to: bigint): bigint[] {
    const store = this.#chain.store;
    const hex = (s: string) => Buffer.from(s.slice(2), "hex");
    let keys: Uint8Array[] | undefined;
    if (c.addresses.length > 0) keys = c.addresses.map((a) => addressLogKey(hex(a), 0n).subarray(0, 21));
    else {
      const firstTopic = c.topics.find((t) => t !== undefined);
      if (firstTopic) keys = firstTopic.map((t) => topicLogKey(hex(t), 0n).subarray(0, 33));
    }
    if (keys) {
      const numbers = new Set<bigint>();
      for (const prefix of keys) for (const n of store.blocksWithLogs(prefix, from, to)) numbers.add(n);
      return [...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    }
    const all: bigint[] = [];
    for (let n = from; n <= to; n++) {
      const block = store.getBlockByNumber(n);
      if (block?.block.header.logsBloom.some((b) => b !== 0)) all.push(n);
    }
    return all;
  }

  /** Installs a log filter; returns its id. */
  newLogFilter(criteria: LogCriteria): string {
    const head = this.#chain.head.block.header.number;
    // eth_getFilterChanges reports logs of blocks after installation; older ones are eth_getFilterLogs' job.
    const start =
      criteria.fromBlock === "latest" || criteria.fromBlock <= head ? head + 1n : criteria.fromBlock;
    return this.#install({ kind: "logs", criteria, nextBlock: start, lastPoll: Date.now() });
  }

  /** Installs a new-block filter; returns its id. */
  newBlockFilter(): string {
    return this.#install({ kind: "blocks", hashes: [], lastPoll: Date.now() });
  }

  /** Installs a pending-transaction filter; returns its id. */
  newPendingTransactionFilter(): string {
    return this.#install({ kind: "pendingTransactions", hashes: [], lastPoll: Date.now() });
  }

  /** Records a transaction accepted into the pool for pending-transaction filters. */
  onPendingTransaction(hash: string): void {
    for (const f of this.#filters.values()) if (f.kind === "pendingTransactions") f.hashes.push(hash);
  }

  /** eth_getFilterChanges. */
  changes(id: string): unknown[] {
    const filter = this.#get(id);
    filter.lastPoll = Date.now();
    if (filter.kind !== "logs") {
      const out = filter.hashes;
      filter.hashes = [];
      return out;
    }
    const head = this.#chain.head.block.header.number;
    const to =
      filter.criteria.toBlock === "latest"
        ? head
        : filter.criteria.toBlock < head
          ? filter.criteria.toBlock
          : head;
    if (filter.nextBlock > to) return [];
    const logs = this.getLogs({ ...filter.criteria, fromBlock: filter.nextBlock, toBlock: to });
    filter.nextBlock = to + 1n;
    return logs;
  }

  /** eth_getFilterLogs: all logs matching a log filter. */
  filterLogs(id: string): unknown[] {
    const filter = this.#get(id);
    if (filter.kind !== "logs") throw new RpcError(RpcCode.invalidInput, `filter ${id} is not a log filter`);
    filter.lastPoll = Date.now();
    return this.getLogs(filter.criteria);
  }

  /** eth_uninstallFilter. */
  uninstall(id: string): boolean {
    return this.#filters.delete(id);
  }

  /** Stops listening to the chain. */
  close(): void {
    clearInterval(this.#sweep);
    this.#chain.off("block", this.#onBlock);
    this.#filters.clear();
  }

  #install(filter: Filter): string {
    const id = `0x${randomBytes(16).toString("hex")}`;
    this.#filters.set(id, filter);
    return id;
  }

  #get(id: unknown): Filter {
    const filter = typeof id === "string" ? this.#filters.get(id) : undefined;
    if (!filter)
      throw new RpcError(
        RpcCode.invalidInput,
        "filter not found (it may have expired after 5 minutes without polling)",
      );
    return filter;
  }

  #expire(): void {
    const cutoff = Date.now() - FILTER_TTL_MS;
    for (const [id, f] of this.#filters) if (f.lastPoll < cutoff) this.#filters.delete(id);
  }
}
