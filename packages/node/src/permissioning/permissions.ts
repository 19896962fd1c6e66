// Permissioning: who may send transactions, decided by the IdentityRegistry in the tip's state
// (the last decided block, the parent of the next: see Chain.tip).
// A transaction needs TRANSACT (contract creation: DEPLOY) for its sender at the time it is
// checked: now for transactions arriving over RPC or gossip, the block's timestamp for a block
// being built or imported. Decisions are cached; a committed block's registry events drop the
// decisions they may change, and an active member's decision lapses at its certificate's notAfter.
import { Block } from "@ethereumjs/block";
import { RLP } from "@ethereumjs/rlp";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import type { TypedTransaction } from "@ethereumjs/tx";
import { Address, bytesToHex, createZeroAddress, hexToBytes } from "@ethereumjs/util";
import type { VM } from "@ethereumjs/vm";
import type { Chain, StorageReader } from "../chain/chain.ts";
import type { StoredBlock } from "../chain/chainStore.ts";
import type { StoredReceipt } from "../chain/receipts.ts";
import type { Logger } from "../logger.ts";
import { BoundedMap } from "../util/boundedMap.ts";
import {
  ACCESS_LEVELS,
  ACCOUNT_EVENTS,
  CERTIFICATE_REVOKED_EVENT,
  DEPLOY_LEVEL,
  decodePermission,
  encodeIsCertificateRevoked,
  encodePermissionAt,
  MEMBER_STATUSES,
  NEUTRAL_EVENTS,
  type Permission,
  RegistryLayoutError,
  type RoleDecisions,
  readPermission,
  TRANSACT_LEVEL,
  topicOf,
} from "./registryInterface.ts";

// Decisions kept; the least recently used are dropped first (a cache miss costs about seven
// storage reads, two of them in words only that account touches).
const DEFAULT_CACHE_SIZE = 200_000;
// Gas for one registry view: far more than permissionAt needs, so that a bug shows as a revert.
const VIEW_GAS = 1_000_000n;
// Decisions read from storage that are also run through the contract's own view, to catch a
// registry whose code does not have the layout the node reads: the first ones, then one in many.
const VERIFY_FIRST = 32;
const VERIFY_EVERY = 1_000;

/** Counters of the permission check, for metrics and benchmarks. */
export interface PermissionStats {
  readonly checks: number;
  readonly cacheHits: number;
  /** Decisions read from the registry (cache misses): from its storage, or by calling its view. */
  readonly registryLookups: number;
  /** Calls of the registry's views (checks of storage reads, certificate revocations, fallback). */
  readonly registryCalls: number;
  /** Total time spent deciding, in nanoseconds. */
  readonly checkNanos: bigint;
  readonly cached: number;
  /**
   * True while decisions are read from the registry's storage; false once a read disagreed with
   * the registry's view, and every decision is a call of the view.
   */
  readonly readsStorage: boolean;
}

/** What changed in the registry with a committed block. */
export interface RegistryChange {
  /** Fingerprints (lowercase hex, no 0x) of certificates revoked on chain in the block. */
  readonly revokedCertificates: readonly string[];
}

const ACCOUNT_TOPICS = new Map(Object.entries(ACCOUNT_EVENTS).map(([sig, index]) => [topicOf(sig), index]));
const NEUTRAL_TOPICS = new Set(NEUTRAL_EVENTS.map(topicOf));
const CERTIFICATE_REVOKED_TOPIC = topicOf(CERTIFICATE_REVOKED_EVENT);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** Decides, from the identity registry, which accounts may send which transactions. */
export class Permissions {
  readonly registry: string;
  readonly #registry: Address;
  readonly #chain: Chain;
  readonly #log: Logger;
  readonly #cache: BoundedMap<string, CachedPermission>;
  // Bumped by every invalidation: a registry read that began before one is not cached.
  #generation = 0;
  readonly #inFlight = new Map<string, Promise<Permission>>();
  #reader: Promise<VM> | undefined;
  #readerHead: StoredBlock | undefined;
  // The registry's storage on the tip, and the role decisions read from it (kept while its root is
  // unchanged: most blocks do not touch the registry).
  #storage: RegistryStorage | undefined;
  // Registry views run one at a time on the reader VM (an EVM runs one call at a time).
  #queue: Promise<unknown> = Promise.resolve();
  #checks = 0;
  #hits = 0;
  #calls = 0;
  #lookups = 0;
  #reads = 0;
  #nanos = 0n;
  // False once a storage read disagreed with the contract's view: every decision is then a call.
  #fromStorage = true;

  constructor(chain: Chain, registry: string, log: Logger, options: { cacheSize?: number } = {}) {
    this.#chain = chain;
    this.registry = registry.toLowerCase();
    this.#registry = new Address(hexToBytes(this.registry as `0x${string}`));
    this.#log = log;
    this.#cache = new BoundedMap(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  }

  /**
   * Why `sender` may not send a transaction (creating a contract if `creates`) at `time` (unix
   * seconds) on the tip's state, or undefined if it may.
   */
  async refusal(sender: string, creates: boolean, time: bigint): Promise<string | undefined> {
    const started = process.hrtime.bigint();
    const key = sender.toLowerCase();
    const cached = this.#cache.get(key);
    let permission: Permission;
    if (cached !== undefined && holdsAt(cached, time)) {
      this.#hits++;
      permission = cached.permission;
    } else permission = await this.#lookup(key, time);
    this.#checks++;
    const needed = creates ? DEPLOY_LEVEL : TRANSACT_LEVEL;
    const reason = permission.level >= needed ? undefined : describeRefusal(key, creates, needed, permission);
    this.#nanos += process.hrtime.bigint() - started;
    return reason;
  }

  /** Why the sender of `tx` (recovered unless given) may not send it at `time`, or undefined. */
  refusalOf(
    tx: TypedTransaction,
    time: bigint,
    sender: string = tx.getSenderAddress().toString(),
  ): Promise<string | undefined> {
    return this.refusal(sender, tx.to === undefined, time);
  }

  /**
   * The first transaction of a block whose sender may not send it, with the reason; undefined if
   * every one is permitted. Decided on the tip's state (the block's parent) at the block's time.
   */
  async blockRefusal(block: Block): Promise<string | undefined> {
    const time = block.header.timestamp;
    for (const [index, tx] of block.transactions.entries()) {
      const reason = await this.refusalOf(tx, time);
      if (reason) return `transaction ${index} (${bytesToHex(tx.hash())}) is not permitted: ${reason}`;
    }
    return undefined;
  }

  /** Whether a certificate (SHA-256 fingerprint, hex) is revoked in the registry at the tip. */
  async isCertificateRevoked(fingerprint: string): Promise<boolean> {
    const bytes = hexToBytes(`0x${fingerprint.replace(/^0x/, "")}`);
    if (bytes.length !== 32) throw new Error(`a certificate fingerprint has 32 bytes, got ${bytes.length}`);
    const output = await this.#view(encodeIsCertificateRevoked(bytes));
    return output.length === 32 && output[31] === 1;
  }

  /**
   * Applies a decided block's registry events to the cache (call for every block as it becomes
   * the tip, in order, before anything is checked on it: Chain's "tip" event) and says what changed.
   */
  onBlock(receipts: readonly StoredReceipt[]): RegistryChange {
    const revoked: string[] = [];
    for (const receipt of receipts) {
      for (const [address, topics] of receipt.logs) {
        if (hex(address) !== this.registry.slice(2) || topics.length === 0) continue;
        const signature = hex(topics[0]!);
        const accountTopic = ACCOUNT_TOPICS.get(signature);
        if (signature === CERTIFICATE_REVOKED_TOPIC && topics[1]) revoked.push(hex(topics[1]));
        if (accountTopic !== undefined && topics[accountTopic]) {
          this.#cache.delete(`0x${hex(topics[accountTopic]!.subarray(12))}`);
          this.#generation++;
        } else if (!NEUTRAL_TOPICS.has(signature)) {
          // Roles, organisations, trusted issuers, or an event this node does not know: any
          // decision may have changed.
          this.#cache.clear();
          this.#generation++;
        }
      }
    }
    return { revokedCertificates: revoked };
  }

  stats(): PermissionStats {
    return {
      checks: this.#checks,
      cacheHits: this.#hits,
      registryLookups: this.#lookups,
      registryCalls: this.#calls,
      checkNanos: this.#nanos,
      cached: this.#cache.size,
      readsStorage: this.#fromStorage,
    };
  }

  /** A registry lookup; concurrent lookups of one account at one time share one call. */
  #lookup(key: string, time: bigint): Promise<Permission> {
    const flightKey = `${key}@${time}`;
    const inFlight = this.#inFlight.get(flightKey);
    if (inFlight !== undefined) return inFlight;
    const lookup = this.#lookupOnce(key, time).finally(() => this.#inFlight.delete(flightKey));
    this.#inFlight.set(flightKey, lookup);
    return lookup;
  }

  async #lookupOnce(key: string, time: bigint): Promise<Permission> {
    const generation = this.#generation;
    const head = this.#chain.tip;
    const permission = await this.#serially(() => this.#decide(hexToBytes(key as `0x${string}`), time, head));
    if (generation === this.#generation && head === this.#chain.tip) {
      this.#cache.set(key, { permission, at: time });
    }
    return permission;
  }

  /** The decision for `account` at `time` on `head`: from the registry's storage, checked now and then against its view. */
  async #decide(account: Uint8Array, time: bigint, head: StoredBlock): Promise<Permission> {
    this.#lookups++;
    const vm = await this.#readerAt(head);
    if (!this.#fromStorage) return this.#permissionAt(vm, account, time, head);
    this.#reads++;
    const { trie, roles } = await this.#storageAt(vm, head);
    // A registry of another layout (one deployed by an earlier version, say) may hold records this
    // reading cannot follow: that too is a disagreement with the view, whatever the view says.
    const stored = await readPermission(
      async (slot) => storageValue(await trie.get(slot)),
      account,
      time,
      roles,
    ).catch((err: unknown) => {
      if (err instanceof RegistryLayoutError) return err.message;
      throw err;
    });
    const unreadable = typeof stored === "string";
    if (!unreadable && this.#reads > VERIFY_FIRST && this.#reads % VERIFY_EVERY !== 0) return stored;
    const viewed = await this.#permissionAt(vm, account, time, head);
    if (
      unreadable ||
      viewed.level !== stored.level ||
      viewed.status !== stored.status ||
      viewed.validUntil !== stored.validUntil
    ) {
      this.#fromStorage = false;
      // Decisions read from storage since the last check may be wrong too.
      this.#cache.clear();
      this.#generation++;
      this.#log.error(
        { registry: this.registry, account: bytesToHex(account), stored, viewed },
        "the identity registry's storage does not read as the node expects (is its code a different version?); permission checks now call the registry instead",
      );
    }
    return viewed;
  }

  /** The registry's storage trie on `head` (the reader is there already) and its role decisions. */
  async #storageAt(vm: VM, head: StoredBlock): Promise<RegistryStorage> {
    if (this.#storage?.head === head) return this.#storage;
    const account = await vm.stateManager.getAccount(this.#registry);
    if (account === undefined)
      throw new Error(`the identity registry at ${this.registry} does not exist on this chain`);
    const root = hex(account.storageRoot);
    const roles = this.#storage?.root === root ? this.#storage.roles : new Map();
    const trie = this.#chain.storageAt(head, this.#registry, account.storageRoot);
    this.#storage = { head, root, trie, roles };
    return this.#storage;
  }

  async #permissionAt(vm: VM, account: Uint8Array, time: bigint, head: StoredBlock): Promise<Permission> {
    const output = await this.#call(vm, encodePermissionAt(account, time), head);
    try {
      return decodePermission(output);
    } catch (err) {
      this.#log.error({ err, registry: this.registry }, "the identity registry answered nonsense");
      throw new Error(`the identity registry at ${this.registry} did not answer permissionAt properly`);
    }
  }

  /** Runs a registry view on the head state and returns its output; throws if it reverts. */
  #view(data: Uint8Array, head = this.#chain.tip): Promise<Uint8Array> {
    return this.#serially(async () => this.#call(await this.#readerAt(head), data, head));
  }

  /** Runs `work` after every registry read queued before it (the reader serves one at a time). */
  #serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The one long-lived reader, moved to `head` (its state caches are cleared with each move; trie
   * nodes stay in the process-wide node cache).
   */
  async #readerAt(head: StoredBlock): Promise<VM> {
    this.#reader ??= this.#chain.vmAt(head);
    const vm = await this.#reader;
    if (this.#readerHead === undefined) this.#readerHead = head;
    else if (this.#readerHead !== head) {
      await (vm.stateManager as MerkleStateManager).setStateRoot(head.block.header.stateRoot, true);
      this.#readerHead = head;
    }
    return vm;
  }

  async #call(vm: VM, data: Uint8Array, head: StoredBlock): Promise<Uint8Array> {
    this.#calls++;
    const state = vm.stateManager as MerkleStateManager;
    // Inside a checkpoint that is reverted: the call's end does not flush its (empty) changes
    // into the trie, which would cost more than the call itself.
    await state.checkpoint();
    let result: Awaited<ReturnType<typeof vm.evm.runCall>>;
    try {
      result = await vm.evm.runCall({
        caller: createZeroAddress(),
        to: this.#registry,
        data,
        gasLimit: VIEW_GAS,
        isStatic: true,
        block: new Block(head.block.header, [], [], [], { common: vm.common }),
      });
    } finally {
      await state.revert();
    }
    const error = result.execResult.exceptionError;
    if (error) {
      throw new Error(
        `the identity registry at ${this.registry} failed (${error.error}); is it deployed at this address?`,
      );
    }
    return result.execResult.returnValue;
  }
}

/** A storage slot's value as the trie holds it (RLP of the value without leading zeros), unwrapped. */
function storageValue(raw: Uint8Array | null): Uint8Array {
  if (raw === null || raw.length === 0) return new Uint8Array(0);
  const decoded = RLP.decode(raw);
  if (!(decoded instanceof Uint8Array))
    throw new Error("the identity registry's storage holds a malformed value");
  return decoded;
}

/** The registry's storage at a tip: its root (hex), trie, and the role decisions read from it. */
interface RegistryStorage {
  readonly head: StoredBlock;
  readonly root: string;
  readonly trie: StorageReader;
  readonly roles: RoleDecisions;
}

/** A decision and the time it was made for. */
interface CachedPermission {
  readonly permission: Permission;
  readonly at: bigint;
}

const EXPIRED = MEMBER_STATUSES.indexOf("CERTIFICATE_EXPIRED");

/**
 * Whether a cached decision holds at `time`: until its validUntil; an expiry, only from the time
 * it was seen on (a block synced from the past may precede it).
 */
function holdsAt(cached: CachedPermission, time: bigint): boolean {
  if (time > cached.permission.validUntil) return false;
  return cached.permission.status !== EXPIRED || time >= cached.at;
}

function describeRefusal(sender: string, creates: boolean, needed: number, p: Permission): string {
  const action = creates ? "create contracts" : "send transactions";
  const level = ACCESS_LEVELS[p.level];
  const status = MEMBER_STATUSES[p.status];
  const why =
    status === "NOT_MEMBER" && level === "NONE"
      ? "it is not a registered member of this network"
      : status === "CERTIFICATE_REVOKED"
        ? "its certificate is revoked"
        : status === "CERTIFICATE_EXPIRED"
          ? "its certificate has expired"
          : status === "UNTRUSTED_ISSUER"
            ? "its certificate's issuer is no longer trusted"
            : status === "ORGANISATION_REMOVED"
              ? "its organisation was removed"
              : `its access level is ${level}`;
  return `account ${sender} may not ${action}: ${why} (${ACCESS_LEVELS[needed]} needed)`;
}
