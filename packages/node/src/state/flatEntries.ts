import { RLP } from "@ethereumjs/rlp";
import { equalsBytes, KECCAK256_RLP } from "@ethereumjs/util";
import { fromHexPrefix } from "../trie/nibbles.ts";
import { dbKeyOf, itemsOf } from "../trie/pathReader.ts";
import { storagePrefix } from "./createStateManager.ts";
import { flatAccountKey, flatStorageKey } from "./flatState.ts";

/** A stored trie node by database key, or undefined if the store does not have it. */
export type NodeReader = (dbKey: Uint8Array) => Uint8Array | undefined;

/**
 * Every entry of the flat state index for state `stateRoot`, read from the trie: each account,
 * then each of its storage values, in key order within each trie (see FlatState for the keys).
 * Storage-trie nodes are read under their contract's prefix (a store of schema 2).
 */
export function* flatEntriesOf(
  stateRoot: Uint8Array,
  readNode: NodeReader,
): Generator<[Uint8Array, Uint8Array]> {
  for (const [hashedAddress, account] of leavesOf(stateRoot, undefined, readNode)) {
    yield [flatAccountKey(hashedAddress), account];
    const fields = RLP.decode(account);
    const storageRoot = Array.isArray(fields) ? fields[2] : undefined;
    if (!(storageRoot instanceof Uint8Array) || storageRoot.length !== 32)
      throw new Error(
        `the account under ${Buffer.from(hashedAddress).toString("hex")} is not a valid account`,
      );
    if (equalsBytes(storageRoot, KECCAK256_RLP)) continue;
    const prefix = storagePrefix(hashedAddress);
    for (const [hashedSlot, value] of leavesOf(storageRoot, prefix, readNode))
      yield [flatStorageKey(prefix, hashedSlot), value];
  }
}

type Item = Uint8Array | Item[];

/** The (key, value) leaves of the trie whose root node is `root`, in key order. */
function* leavesOf(
  root: Uint8Array,
  prefix: Uint8Array | undefined,
  readNode: NodeReader,
): Generator<[Uint8Array, Uint8Array]> {
  const load = (hash: Uint8Array): Item[] => {
    const node = readNode(dbKeyOf(hash, prefix));
    if (node === undefined) throw new Error(`trie node ${Buffer.from(hash).toString("hex")} is missing`);
    return itemsOf(node);
  };
  const child = (ref: Item): Item[] | undefined => {
    if (Array.isArray(ref)) return ref; // an embedded node, already decoded
    if (ref.length === 0) return undefined;
    return load(ref);
  };
  function* walk(items: Item[], nibbles: number[]): Generator<[Uint8Array, Uint8Array]> {
    if (items.length === 17) {
      for (let i = 0; i < 16; i++) {
        const node = child(items[i]!);
        if (node) yield* walk(node, [...nibbles, i]);
      }
      const value = items[16]!;
      if (value instanceof Uint8Array && value.length > 0) yield [bytesOf(nibbles), value];
      return;
    }
    const [path, next] = items as [Uint8Array, Item];
    const { nibbles: rest, leaf } = fromHexPrefix(path);
    const at = [...nibbles, ...rest];
    if (leaf) yield [bytesOf(at), next as Uint8Array];
    else {
      const node = child(next);
      if (node) yield* walk(node, at);
    }
  }
  yield* walk(load(root), []);
}

function bytesOf(nibbles: readonly number[]): Uint8Array {
  if (nibbles.length % 2 !== 0) throw new Error("a trie key has an odd number of nibbles");
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}
