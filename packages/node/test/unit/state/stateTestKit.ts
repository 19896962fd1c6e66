import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MerkleStateManager } from "@ethereumjs/statemanager";
import { Account, type Address } from "@ethereumjs/util";
import { type NodeDatabase, openNodeDatabase } from "../../../src/db/openNodeDatabase.ts";

/** Runs `fn` on a node database in a fresh directory, removed afterwards. */
export async function withDatabase(fn: (db: NodeDatabase) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "civitas-state-"));
  const db = openNodeDatabase(dir);
  try {
    await fn(db);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Storage slot `n` (< 65,536) as a 32-byte key. */
export function slot(n: number): Uint8Array {
  const key = new Uint8Array(32);
  key[31] = n & 0xff;
  key[30] = n >> 8;
  return key;
}

/** An account comes into being as CREATE makes it: new, with its storage cleared. */
export async function created(sm: MerkleStateManager, address: Address): Promise<Account> {
  await sm.putAccount(address, new Account(0n, 1n));
  await sm.clearStorage(address);
  return (await sm.getAccount(address))!;
}

/** The share of each kind of operation in randomBlock (cumulative thresholds of one draw). */
export interface OperationMix {
  readonly account: number;
  readonly storage: number;
  readonly code?: number;
  readonly create?: number;
}

/**
 * One random block on each of `states`, the same operations on all: `ops` operations, a
 * transaction (nested checkpoint) every `perTx`, committed or (30 %) reverted, the last one too. Operations: an account changed as the EVM changes one (read, changed,
 * written back; only a missing one starts afresh), a storage slot set or (one in five) cleared,
 * code put, CREATE over the address again (its storage wiped), or the account deleted.
 */
export async function randomBlock(
  states: readonly MerkleStateManager[],
  next: () => number,
  addresses: readonly Address[],
  o: { ops: number; perTx: number; mix: OperationMix },
): Promise<void> {
  for (const sm of states) await sm.checkpoint();
  for (let op = 0; op < o.ops; op++) {
    if (op % o.perTx === 0) {
      const revert = op > 0 && next() < 0.3;
      for (const sm of states) {
        if (op > 0) await (revert ? sm.revert() : sm.commit());
        await sm.checkpoint();
      }
    }
    const address = addresses[Math.floor(next() * addresses.length)]!;
    const r = next();
    const n = Math.floor(next() * 500);
    const { account, storage, code = storage, create = code } = o.mix;
    for (const sm of states) {
      if (r < account) {
        const current = (await sm.getAccount(address)) ?? (await created(sm, address));
        current.nonce = BigInt(n);
        current.balance = BigInt(n) * 1000n;
        await sm.putAccount(address, current);
      } else if (r < storage) {
        if ((await sm.getAccount(address)) === undefined) await created(sm, address);
        await sm.putStorage(
          address,
          slot(n % 64),
          n % 5 === 0 ? new Uint8Array(0) : Uint8Array.of(n % 251, 1),
        );
      } else if (r < code) await sm.putCode(address, Uint8Array.of(0x60, n % 256, 0x00));
      else if (r < create) await created(sm, address);
      else await sm.deleteAccount(address);
    }
  }
  const revertLast = next() < 0.3;
  for (const sm of states) {
    await (revertLast ? sm.revert() : sm.commit());
    await sm.commit();
  }
}
