import { AccountCache, Caches, CacheType } from "@ethereumjs/statemanager";
import { Account, type Address, bytesToUnprefixedHex } from "@ethereumjs/util";

// EthereumJS's default capacity; an ordered map (the only kind that cannot lose an unflushed
// write) does not evict, so it is only a setting here.
const ACCOUNT_CACHE_SIZE = 100_000;

/**
 * The part of js-sdsl's OrderedMap that EthereumJS's state caches use, over a hash map. EthereumJS
 * never walks these caches in key order, so the red-black tree only cost O(log n) comparisons of
 * 40-character hex keys on every account and slot access.
 */
class HashMapCache<V> {
  readonly #map = new Map<string, V>();

  getElementByKey(key: string): V | undefined {
    return this.#map.get(key);
  }

  setElement(key: string, value: V): number {
    this.#map.set(key, value);
    return this.#map.size;
  }

  eraseElementByKey(key: string): boolean {
    return this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }

  size(): number {
    return this.#map.size;
  }
}

/** A copy of an account's four fields (EthereumJS mutates the accounts it is handed, then puts them). */
export function copyAccount(account: Account): Account {
  return new Account(account.nonce, account.balance, account.storageRoot, account.codeHash);
}

/**
 * An account cache entry that keeps the account itself (a private copy, never handed out) and
 * encodes its RLP only when asked, which is when the block's changes are flushed to the trie.
 * EthereumJS's own entry holds the RLP only: each put encoded the account and each get decoded
 * it, several times per transaction for the sender, the recipient and the contract.
 */
export class AccountEntry {
  readonly account: Account;
  #rlp: Uint8Array | undefined;

  constructor(account: Account) {
    this.account = account;
  }

  get accountRLP(): Uint8Array {
    this.#rlp ??= this.account.serialize();
    return this.#rlp;
  }
}

/**
 * EthereumJS's account cache (checkpoints, revert, flush unchanged) whose entries keep the account,
 * and which keeps what its last flush returned for the flat state index.
 */
export class ObjectAccountCache extends AccountCache {
  #flushed: [addressHex: string, rlp: Uint8Array | undefined][] = [];

  constructor() {
    super({ type: CacheType.ORDERED_MAP, size: ACCOUNT_CACHE_SIZE });
    this._orderedMapCache = new HashMapCache() as unknown as AccountCache["_orderedMapCache"];
  }

  override put(address: Address, account: Account | undefined, couldBePartialAccount = false): void {
    if (account === undefined || couldBePartialAccount) {
      super.put(address, account, couldBePartialAccount);
      return;
    }
    const key = bytesToUnprefixedHex(address.bytes);
    this._saveCachePreState(key);
    this._orderedMapCache?.setElement(key, new AccountEntry(copyAccount(account)));
    this._stats.writes += 1;
  }

  override flush(): ReturnType<AccountCache["flush"]> {
    const items = super.flush();
    this.#flushed = items.map(([addressHex, elem]) => [addressHex, elem.accountRLP]);
    return items;
  }

  /** The accounts the last flush wrote (RLP) or deleted (undefined), once. */
  takeFlushed(): [addressHex: string, rlp: Uint8Array | undefined][] {
    const flushed = this.#flushed;
    this.#flushed = [];
    return flushed;
  }
}

/**
 * EthereumJS's state caches with the account cache above, and hash maps in place of the ordered
 * maps of the code and storage caches.
 */
export function createStateCaches(): Caches {
  const caches = new Caches();
  caches.account = new ObjectAccountCache();
  if (caches.storage) caches.storage._orderedMapCache = new HashMapCache() as never;
  if (caches.code) caches.code._orderedMapCache = new HashMapCache() as never;
  return caches;
}
