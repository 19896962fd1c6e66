import { bytesToHex } from "@noble/hashes/utils.js";

/** Remembers the last `limit` message hashes so exact re-deliveries are dropped cheaply. */
export class DuplicateFilter {
  private readonly seen = new Set<string>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Records the hash; true if it had been seen already. */
  checkAndAdd(hash: Uint8Array): boolean {
    const key = bytesToHex(hash);
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    // A Set iterates in insertion order, so the first key is the oldest.
    if (this.seen.size > this.limit) this.seen.delete(this.seen.values().next().value!);
    return false;
  }
}
