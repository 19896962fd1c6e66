// Status list indexes: each document gets one random, unused index of its issuer's lists (the same
// index in the revocation and in the suspension list), so that reading a status bit says nothing
// about whose document it is, nor when it was issued.
import { InvalidArgumentError } from "../errors/civitasError.ts";

/** Entries per issuer list (W3C Bitstring Status List's minimum, 16 KiB), as on chain. */
export const STATUS_LIST_SIZE = 131_072;

/** The two lists each issuer keeps; on chain REVOCATION = 0, SUSPENSION = 1. */
export type StatusPurpose = "revocation" | "suspension";

/** The on-chain number of a purpose. */
export function statusPurposeNumber(purpose: StatusPurpose): 0 | 1 {
  return purpose === "revocation" ? 0 : 1;
}

/** Hands out random unused indexes of one issuer's lists; its state is a bitmap the issuer keeps. */
export interface StatusIndexAllocator {
  /** A random index not handed out before (and marks it used). */
  next(): number;
  /** Marks an index as used (e.g. one handed out by another tool). */
  markUsed(index: number): void;
  isUsed(index: number): boolean;
  readonly used: number;
  readonly free: number;
  /** The used bitmap, 16 KiB, bit i = byte i >> 3, mask 0x80 >> (i & 7) (as the W3C list). */
  bitmap(): Uint8Array;
}

const RANDOM_BATCH = 4096;

/**
 * An allocator over a used-bitmap (new, or saved by `bitmap()`): rejection sampling with
 * crypto-random indexes while free entries are plentiful, then a uniform pick among the free ones.
 */
export function createStatusIndexAllocator(saved?: Uint8Array): StatusIndexAllocator {
  if (saved !== undefined && saved.length !== STATUS_LIST_SIZE / 8)
    throw new InvalidArgumentError(`a status bitmap is ${STATUS_LIST_SIZE / 8} bytes, got ${saved.length}`);
  const bits = saved === undefined ? new Uint8Array(STATUS_LIST_SIZE / 8) : Uint8Array.from(saved);
  let used = 0;
  for (const byte of bits) for (let b = byte; b !== 0; b &= b - 1) used++;
  const random = new Uint32Array(RANDOM_BATCH);
  let cursor = RANDOM_BATCH;
  const isUsed = (i: number) => (bits[i >> 3]! & (0x80 >> (i & 7))) !== 0;
  const mark = (i: number) => {
    bits[i >> 3]! |= 0x80 >> (i & 7);
    used++;
  };
  const random32 = () => {
    if (cursor === RANDOM_BATCH) {
      crypto.getRandomValues(random);
      cursor = 0;
    }
    return random[cursor++]!;
  };
  // STATUS_LIST_SIZE is a power of two: masking keeps the draw uniform.
  const randomIndex = () => random32() & (STATUS_LIST_SIZE - 1);
  return {
    next() {
      const free = STATUS_LIST_SIZE - used;
      if (free === 0)
        throw new InvalidArgumentError(
          `the issuer's status lists are full (${STATUS_LIST_SIZE} entries): use another issuer list`,
        );
      for (let attempt = 0; attempt < 64; attempt++) {
        const i = randomIndex();
        if (!isUsed(i)) {
          mark(i);
          return i;
        }
      }
      // Nearly full: the k-th free entry for a uniform k (bias below free / 2^32).
      let k = random32() % free;
      for (let i = 0; i < STATUS_LIST_SIZE; i++) {
        if (!isUsed(i) && k-- === 0) {
          mark(i);
          return i;
        }
      }
      throw new Error("unreachable: the free count and the bitmap disagree");
    },
    markUsed(index) {
      if (!Number.isInteger(index) || index < 0 || index >= STATUS_LIST_SIZE)
        throw new InvalidArgumentError(`a status index must be in [0, ${STATUS_LIST_SIZE})`);
      if (!isUsed(index)) mark(index);
    },
    isUsed,
    get used() {
      return used;
    },
    get free() {
      return STATUS_LIST_SIZE - used;
    },
    bitmap: () => Uint8Array.from(bits),
  };
}
