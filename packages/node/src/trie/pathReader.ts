import { RLP } from "@ethereumjs/rlp";
import { BoundedMap } from "../util/boundedMap.ts";

// A trie lookup that walks encoded nodes directly. EthereumJS's `get` goes through its generic
// async walker: every node on the path is decoded into objects (copying each of a branch's 17
// items), its key turned into a nibble array, and each step is a chain of promises. Reads of
// first-touched accounts and slots were the largest single item of block execution, and a
// registry view does a dozen of them. This reader finds the child it needs in the node's RLP
// without decoding the rest, and keeps recently read nodes in a cache shared by every trie of
// the process: nodes are content-addressed (keyed by their hash) and never rewritten, so a cached
// node is valid for every trie and every state root that reaches it.

/**
 * Where a node's bytes come from when the cache does not have them (undefined: missing). The bytes
 * are kept as they are: the source must not reuse or change them.
 */
export type NodeSource = (dbKey: Uint8Array) => Promise<Uint8Array | undefined>;

/** Raised for a node that is not valid trie RLP, so that corruption is never read as absence. */
export class MalformedTrieNodeError extends Error {
  override name = "MalformedTrieNodeError";
}

/**
 * Encoded trie nodes by database key; the least recently used are dropped first. Entries are
 * found by a small integer taken from the key's hash bytes (a Map lookup by a fresh 64-character
 * hex string cost more than the rest of a cached read) and confirmed against the whole key; two
 * keys that share the integer (one chance in ~10^9 per pair) just replace each other.
 */
export class NodeCache {
  readonly #entries: BoundedMap<number, { readonly key: Uint8Array; readonly node: Uint8Array }>;

  constructor(max: number) {
    this.#entries = new BoundedMap(max);
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const entry = this.#entries.get(slotOf(key));
    return entry !== undefined && sameBytes(entry.key, key) ? entry.node : undefined;
  }

  /**
   * The node whose key is `prefix` followed by `hash`, without building that key (a storage
   * trie's walk would otherwise allocate one per node it passes).
   */
  getPrefixed(prefix: Uint8Array, hash: Uint8Array): Uint8Array | undefined {
    const entry = this.#entries.get(slotOf(hash));
    if (entry === undefined) return undefined;
    const key = entry.key;
    const p = prefix.length;
    if (key.length !== p + hash.length) return undefined;
    for (let i = hash.length - 1; i >= 0; i--) if (key[p + i] !== hash[i]) return undefined;
    for (let i = 0; i < p; i++) if (key[i] !== prefix[i]) return undefined;
    return entry.node;
  }

  set(key: Uint8Array, node: Uint8Array): void {
    // A copy of the key: it may be a view into a larger node, which it would keep alive.
    this.#entries.set(slotOf(key), { key: key.slice(), node });
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Forgets every node (tests that must read the store itself). */
  clear(): void {
    this.#entries.clear();
  }
}

/** 30 bits of a key's last four bytes (the hash's, after any prefix): a small integer in V8. */
function slotOf(key: Uint8Array): number {
  const n = key.length;
  return ((key[n - 4]! << 22) | (key[n - 3]! << 14) | (key[n - 2]! << 6) | (key[n - 1]! >> 2)) >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

// ~64k nodes: the upper levels of the account trie and of the busiest storage tries, some tens of MB.
export const sharedNodeCache = new NodeCache(65_536);

/**
 * The value stored under `key` (already hashed if the trie hashes keys) in the trie whose root
 * node is `root` (its hash), or null. A node missing from the store yields null, or throws if
 * `throwIfMissing` (EthereumJS's `get` behaves the same way).
 */
export async function readPath(
  root: Uint8Array,
  key: Uint8Array,
  fetch: NodeSource,
  o: { prefix?: Uint8Array; cache?: NodeCache; throwIfMissing?: boolean } = {},
): Promise<Uint8Array | null> {
  const cache = o.cache ?? sharedNodeCache;
  const keyNibbles = key.length * 2;
  let node = await loadNode(dbKeyOf(root, o.prefix), fetch, cache, o.throwIfMissing);
  let at = 0; // offset of the current node (an RLP list) in `node`
  let position = 0; // nibbles of the key consumed
  // Every node here is well-formed (checked when loaded, or written by this node's own encoder),
  // so the walk checks nothing; it allocates nothing per node either: item bounds come back
  // through scan()'s scratch variables.
  while (node !== null) {
    scan(node, at);
    const end = itemStart + itemLength;
    const firstOffset = itemStart;
    scan(node, firstOffset);
    const firstStart = itemStart;
    const firstLength = itemLength;
    const firstIsList = itemIsList;
    const secondOffset = firstStart + firstLength;
    scan(node, secondOffset);
    // The child (or value) to follow: its RLP offset, payload and kind.
    let childOffset = secondOffset;
    let childStart = itemStart;
    let childLength = itemLength;
    let childIsList = itemIsList;
    if (itemStart + itemLength === end) {
      // A leaf or an extension: [hex-prefixed path, value or child].
      const flag = node[firstStart]! >> 4;
      const odd = flag & 1;
      const pathNibbles = firstLength * 2 - 2 + odd;
      if (position + pathNibbles > keyNibbles) return null;
      for (let i = 0; i < pathNibbles; i++) {
        const n = i + 2 - odd; // nibble index within the path bytes, after the flag nibble(s)
        const byte = node[firstStart + (n >> 1)]!;
        if ((n & 1 ? byte & 0x0f : byte >> 4) !== nibbleOf(key, position + i)) return null;
      }
      position += pathNibbles;
      if (flag >= 2) {
        if (position !== keyNibbles || childIsList) return null;
        return node.slice(childStart, childStart + childLength);
      }
    } else {
      // A branch: 16 children and a value; the walk stops at the item it wants.
      const wanted = position === keyNibbles ? 16 : nibbleOf(key, position);
      if (wanted === 0) {
        childOffset = firstOffset;
        childStart = firstStart;
        childLength = firstLength;
        childIsList = firstIsList;
      }
      let cursor = itemStart + itemLength; // the end of the second item
      for (let index = 2; index <= wanted; index++) {
        const offset = cursor;
        scan(node, offset);
        cursor = itemStart + itemLength;
        if (index === wanted) {
          childOffset = offset;
          childStart = itemStart;
          childLength = itemLength;
          childIsList = itemIsList;
        }
      }
      if (wanted === 16)
        return childIsList || childLength === 0 ? null : node.slice(childStart, childStart + childLength);
      position++;
    }
    if (childIsList) {
      at = childOffset; // an embedded node (shorter than 32 bytes), in the same bytes
    } else if (childLength === 0) {
      return null;
    } else {
      // A 32-byte hash. On a cache hit the walk goes on without awaiting anything.
      const hash = node.subarray(childStart, childStart + 32);
      node =
        (o.prefix ? cache.getPrefixed(o.prefix, hash) : cache.get(hash)) ??
        (await fetchNode(dbKeyOf(hash, o.prefix), fetch, cache, o.throwIfMissing));
      at = 0;
    }
  }
  return null;
}

/** A node's key in the store: its hash, after the trie's key prefix if it has one. */
export function dbKeyOf(hash: Uint8Array, prefix: Uint8Array | undefined): Uint8Array {
  return prefix ? Buffer.concat([prefix, hash]) : hash;
}

/**
 * Throws MalformedTrieNodeError unless the node at `offset` is a well-formed trie node: a list of
 * 17 items (children: empty, a 32-byte hash or an embedded node; then a value) or of 2 (a
 * hex-prefixed path, then a value or a child), embedded nodes checked the same way. A node from
 * the store is checked once, when it is loaded; the walk then trusts its structure.
 */
function checkNode(bytes: Uint8Array, offset: number, whole: boolean): void {
  scan(bytes, offset);
  if (!itemIsList) throw new MalformedTrieNodeError("a trie node is not an RLP list");
  const end = itemStart + itemLength;
  if (whole && end !== bytes.length) throw new MalformedTrieNodeError("a trie node has bytes after its end");
  const offsets: number[] = [];
  for (let cursor = itemStart; cursor < end; cursor = itemStart + itemLength) {
    offsets.push(cursor);
    scan(bytes, cursor);
    if (itemStart + itemLength > end)
      throw new MalformedTrieNodeError("a trie node's item runs past its end");
  }
  const child = (at: number, optional: boolean) => {
    scan(bytes, at);
    if (itemIsList) checkNode(bytes, at, false);
    else if (!(itemLength === 32 || (optional && itemLength === 0)))
      throw new MalformedTrieNodeError(`a trie node refers to a child by ${itemLength} bytes`);
  };
  if (offsets.length === 17) {
    for (let i = 0; i < 16; i++) child(offsets[i]!, true);
    scan(bytes, offsets[16]!);
    if (itemIsList) throw new MalformedTrieNodeError("a branch node's value is a list");
    return;
  }
  if (offsets.length !== 2)
    throw new MalformedTrieNodeError(`a trie node has ${offsets.length} items, not 2 or 17`);
  scan(bytes, offsets[0]!);
  if (itemIsList || itemLength === 0) throw new MalformedTrieNodeError("a trie node's path is not a string");
  const flag = bytes[itemStart]! >> 4;
  if (flag > 3) throw new MalformedTrieNodeError(`a trie node's path has flag ${flag}`);
  if (flag >= 2) {
    scan(bytes, offsets[1]!);
    if (itemIsList) throw new MalformedTrieNodeError("a leaf node's value is a list");
  } else child(offsets[1]!, false);
}

// Scratch results of scan(): the payload start and length of the item scanned, and its kind.
let itemStart = 0;
let itemLength = 0;
let itemIsList = false;

/** Reads the RLP prefix at `offset` into the scratch variables; throws if the item runs past the end. */
function scan(bytes: Uint8Array, offset: number): void {
  if (offset >= bytes.length) throw new MalformedTrieNodeError("a trie node ends early");
  const prefix = bytes[offset]!;
  if (prefix < 0x80) {
    itemStart = offset;
    itemLength = 1;
    itemIsList = false;
  } else if (prefix <= 0xb7) {
    itemStart = offset + 1;
    itemLength = prefix - 0x80;
    itemIsList = false;
  } else if (prefix <= 0xbf) {
    const size = prefix - 0xb7;
    itemLength = readLength(bytes, offset + 1, size);
    itemStart = offset + 1 + size;
    itemIsList = false;
  } else if (prefix <= 0xf7) {
    itemStart = offset + 1;
    itemLength = prefix - 0xc0;
    itemIsList = true;
  } else {
    const size = prefix - 0xf7;
    itemLength = readLength(bytes, offset + 1, size);
    itemStart = offset + 1 + size;
    itemIsList = true;
  }
  if (itemStart + itemLength > bytes.length)
    throw new MalformedTrieNodeError("a trie node's item runs past its end");
}

function nibbleOf(key: Uint8Array, i: number): number {
  const byte = key[i >> 1]!;
  return i & 1 ? byte & 0x0f : byte >> 4;
}

/**
 * The encoded node stored under `dbKey`: from the cache, or from `fetch` (then checked and cached);
 * null if the store does not have it (or throws, if `throwIfMissing`).
 */
export async function loadNode(
  dbKey: Uint8Array,
  fetch: NodeSource,
  cache: NodeCache,
  throwIfMissing = false,
): Promise<Uint8Array | null> {
  return cache.get(dbKey) ?? fetchNode(dbKey, fetch, cache, throwIfMissing);
}

/** The node under `dbKey` from the store, checked whole and cached. */
async function fetchNode(
  dbKey: Uint8Array,
  fetch: NodeSource,
  cache: NodeCache,
  throwIfMissing = false,
): Promise<Uint8Array | null> {
  const stored = await fetch(dbKey);
  if (stored === undefined) {
    if (throwIfMissing) throw new Error("Missing node in DB");
    return null;
  }
  checkNode(stored, 0, true);
  cache.set(dbKey, stored);
  return stored;
}

/**
 * A well-formed node's items as the draft of a flush uses them: byte strings as views of `node`
 * (no copy), embedded nodes decoded.
 */
export function itemsOf(node: Uint8Array): (Uint8Array | Uint8Array[])[] {
  scan(node, 0);
  const end = itemStart + itemLength;
  const items: (Uint8Array | Uint8Array[])[] = [];
  for (let cursor = itemStart; cursor < end; ) {
    const offset = cursor;
    scan(node, offset);
    cursor = itemStart + itemLength;
    items.push(
      itemIsList
        ? (RLP.decode(node.subarray(offset, cursor)) as Uint8Array[])
        : node.subarray(itemStart, cursor),
    );
  }
  return items;
}

function readLength(bytes: Uint8Array, offset: number, size: number): number {
  if (size > 4 || offset + size > bytes.length)
    throw new MalformedTrieNodeError("a trie node has an invalid length");
  let length = 0;
  for (let i = 0; i < size; i++) length = length * 256 + bytes[offset + i]!;
  return length;
}
