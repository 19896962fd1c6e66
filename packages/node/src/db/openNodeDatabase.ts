import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Database, open, type RootDatabase } from "lmdb";
import { NodeError } from "../errors.ts";

/**
 * The node's embedded store: one LMDB environment, several named databases, so one write
 * transaction can cover several of them (a block's record: block, receipts, indexes and head; or
 * its state: trie nodes, flat index, pruning journal).
 * LMDB was chosen over LevelDB by measurement (see `bench/dbEngines.ts` and the node README):
 * synchronous reads on the trie's hot path and atomic, durable commits across named databases.
 */
export interface NodeDatabase {
  readonly root: RootDatabase<Uint8Array, Uint8Array>;
  /** State trie nodes and contract code, keyed by hash. */
  readonly trie: Database<Uint8Array, Uint8Array>;
  /** Block RLP by block hash. */
  readonly blocks: Database<Uint8Array, Uint8Array>;
  /** Canonical chain: 8-byte big-endian number → block hash. */
  readonly canonical: Database<Uint8Array, Uint8Array>;
  /** Receipts of a block, by block hash. */
  readonly receipts: Database<Uint8Array, Uint8Array>;
  /** Transaction hash → RLP([blockHash, index]). */
  readonly txIndex: Database<Uint8Array, Uint8Array>;
  /** Log index: address(20) or topic(32) ‖ block number(8) → empty; answers eth_getLogs without scanning. */
  readonly logIndex: Database<Uint8Array, Uint8Array>;
  /** Small records: head hash, genesis hash, schema version, the state root the flat index holds. */
  readonly meta: Database<Uint8Array, Uint8Array>;
  /** The state pruner's journal: per block, the trie nodes it replaced and those it wrote again. */
  readonly stateJournal: Database<Uint8Array, Uint8Array>;
  /** The flat state index: the head state's accounts and storage values by key (state/flatState.ts). */
  readonly flat: Database<Uint8Array, Uint8Array>;
  /**
   * The store's schema: 2 keys each contract's storage-trie nodes under its own prefix, so state
   * can be pruned; 1 (data directories created before) does not, and stays an archive.
   */
  readonly schema: 1 | 2;
  close(): Promise<void>;
}

const SCHEMA_VERSION = 2;
/** Older schemas this node still opens. */
const READABLE_SCHEMAS = [1, 2] as const;

/** Opens (creating if needed) the node database under `dataDir/chain`. */
export function openNodeDatabase(dataDir: string): NodeDatabase {
  const path = join(dataDir, "chain");
  let root: RootDatabase<Uint8Array, Uint8Array>;
  try {
    mkdirSync(path, { recursive: true });
    root = open<Uint8Array, Uint8Array>({
      path,
      encoding: "binary",
      keyEncoding: "binary",
      compression: false,
      maxDbs: 16,
      // Commits are synchronous and flushed: a block that was acknowledged survives a power cut.
      overlappingSync: false,
    });
  } catch (cause) {
    throw new NodeError(
      "DATADIR_UNUSABLE",
      `cannot open the chain database in ${path}: ${(cause as Error).message}. ` +
        "Check that the directory is writable and not used by another node process.",
      { cause },
    );
  }
  const sub = (name: string) =>
    root.openDB<Uint8Array, Uint8Array>({
      name,
      encoding: "binary",
      keyEncoding: "binary",
      compression: false,
    });
  const db: Omit<NodeDatabase, "schema"> = {
    root,
    trie: sub("trie"),
    blocks: sub("blocks"),
    canonical: sub("canonical"),
    receipts: sub("receipts"),
    txIndex: sub("txIndex"),
    logIndex: sub("logIndex"),
    meta: sub("meta"),
    stateJournal: sub("stateJournal"),
    flat: sub("flat"),
    close: () => root.close(),
  };
  return { ...db, schema: checkSchema(db) };
}

function checkSchema(db: Omit<NodeDatabase, "schema">): 1 | 2 {
  const key = metaKey("schema");
  const stored = db.meta.getBinary(key);
  if (stored === undefined) {
    // A new store, or one whose first block was never committed (then it holds no state yet).
    if (db.meta.getBinary(metaKey("head")) === undefined) db.meta.putSync(key, Uint8Array.of(SCHEMA_VERSION));
    else throw new NodeError("DB_CORRUPT", "the chain database has a head but no schema version");
    return SCHEMA_VERSION;
  }
  const version = stored[0] as (typeof READABLE_SCHEMAS)[number];
  if (stored.length !== 1 || !READABLE_SCHEMAS.includes(version)) {
    throw new NodeError(
      "DB_CORRUPT",
      `the chain database has schema version ${stored[0]}, this node reads versions ${READABLE_SCHEMAS.join(" and ")}`,
    );
  }
  return version;
}

/** Key of a `meta` record. */
export function metaKey(
  name: "schema" | "head" | "genesis" | "genesisDigest" | "flatRoot" | "stateBehind",
): Uint8Array {
  return new TextEncoder().encode(name);
}

/** 8-byte big-endian encoding of a block number, so LMDB's byte order is numeric order. */
export function numberKey(n: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, n);
  return out;
}

/** Inverse of numberKey. */
export function readNumberKey(bytes: Uint8Array, offset = 0): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 8).getBigUint64(0);
}
