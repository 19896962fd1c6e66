// How long a dependent random memory read takes at a few working-set sizes: a chase through a
// random cycle over an array, so that every read waits for the one before it. Two machines of the
// same kind (cores, clock, single-thread speed) can differ here, when other tenants of the host
// fill the shared cache, and the four-validator benchmark, whose nodes' working sets far exceed a
// core's own caches, then spends about twice the CPU per transaction (bench/README.md). Printed
// with the machine line so that figures from different machines can be told apart.

/** The sizes probed: in a core's L2, near it, within a typical shared L3, and well past it. */
const PROBE_SIZES = [256 * 1024, 2 * 1024 * 1024, 16 * 1024 * 1024, 128 * 1024 * 1024] as const;

export interface MemoryLatency {
  readonly bytes: number;
  /** Mean nanoseconds per read. */
  readonly ns: number;
}

/** A random cyclic permutation (Sattolo's algorithm) of 0…n-1 as "next index" links. */
function randomCycle(n: number): Int32Array {
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[i] = i;
  // xorshift32: the cycle only needs to defeat the prefetcher, not to be unpredictable.
  let x = 0x9e3779b9;
  for (let i = n - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % i;
    const t = next[i]!;
    next[i] = next[j]!;
    next[j] = t;
  }
  return next;
}

// Where each chase ends: written, never read, so that the compiler cannot drop the reads.
let _chaseEnd = 0;

/**
 * Measures each size: `reads` dependent reads to warm it, then three rounds of `reads / 3`, of
 * which the fastest counts (a round in which the process lost its core reads slow). About 3 s in
 * all by default.
 */
export function probeMemoryLatency(
  sizes: readonly number[] = PROBE_SIZES,
  reads = 2_000_000,
): MemoryLatency[] {
  const out: MemoryLatency[] = [];
  const perRound = Math.max(1, Math.floor(reads / 3));
  for (const bytes of sizes) {
    const next = randomCycle(Math.max(2, Math.floor(bytes / 4)));
    let p = 0;
    for (let i = 0; i < reads; i++) p = next[p]!;
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) p = next[p]!;
      best = Math.min(best, Number(process.hrtime.bigint() - start) / perRound);
    }
    out.push({ bytes, ns: best });
    _chaseEnd ^= p;
  }
  return out;
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

/** "5 ns in 256 KB, 19 ns in 2 MB, …" */
export function formatMemoryLatency(latencies: readonly MemoryLatency[]): string {
  return latencies.map((l) => `${l.ns.toFixed(0)} ns in ${sizeLabel(l.bytes)}`).join(", ");
}
