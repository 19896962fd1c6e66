/** A block as the observer saw it: when it was first seen and which transactions it holds. */
export interface ObservedBlock {
  readonly number: number;
  /** performance.now() when the block was first observed, in ms. */
  readonly observedAt: number;
  readonly txHashes: readonly string[];
}

/** The figures of one scenario on one target. */
export interface RunSummary {
  /** Transactions whose inclusion was observed. */
  readonly included: number;
  /** Blocks that held at least one of them. */
  readonly blocks: number;
  /** Sustained included tx/s between the first and the last inclusion (NaN if nothing was included). */
  readonly txPerSecond: number;
  /** Inclusion latency percentiles in ms, send → block observed (NaN if nothing was included). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Largest transactions-per-block seen. */
  readonly maxBlockTxs: number;
  /**
   * Of `included`, those in blocks observed while the client was still sending (by the last send),
   * and the included tx/s over that time (NaN without a send time): a network that keeps up
   * includes about the offered rate while it is offered, one that falls behind includes most of
   * the load after the client stops.
   */
  readonly includedWhileSending: number;
  readonly txPerSecondWhileSending: number;
}

/** The nearest-rank percentile (0 < p ≤ 100) of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Summarises a run from the send time of each transaction (by hash) and the blocks observed.
 * The rate counts transactions included after the first block that held any of ours, over the
 * time from that block to the last one: the first block's transactions piled up before the
 * interval began, so counting them would overstate the rate. With a single block the rate is
 * taken from the first send instead.
 */
export function summariseRun(
  sentAt: ReadonlyMap<string, number>,
  blocks: readonly ObservedBlock[],
  firstSendAt: number,
  lastSendAt = Number.NaN,
): RunSummary {
  const latencies: number[] = [];
  const ours: { observedAt: number; count: number }[] = [];
  let includedWhileSending = 0;
  for (const block of [...blocks].sort((a, b) => a.number - b.number)) {
    let count = 0;
    for (const hash of block.txHashes) {
      const sent = sentAt.get(hash);
      if (sent === undefined) continue;
      count++;
      latencies.push(block.observedAt - sent);
    }
    if (count > 0) ours.push({ observedAt: block.observedAt, count });
    if (block.observedAt <= lastSendAt) includedWhileSending += count;
  }
  latencies.sort((a, b) => a - b);
  const included = latencies.length;
  let txPerSecond = Number.NaN;
  const first = ours[0];
  const last = ours[ours.length - 1];
  if (first && last && ours.length >= 2 && last.observedAt > first.observedAt) {
    txPerSecond = ((included - first.count) * 1000) / (last.observedAt - first.observedAt);
  } else if (last && last.observedAt > firstSendAt) {
    txPerSecond = (included * 1000) / (last.observedAt - firstSendAt);
  }
  return {
    included,
    blocks: ours.length,
    txPerSecond,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxBlockTxs: ours.reduce((max, b) => Math.max(max, b.count), 0),
    includedWhileSending,
    txPerSecondWhileSending:
      lastSendAt > firstSendAt ? (includedWhileSending * 1000) / (lastSendAt - firstSendAt) : Number.NaN,
  };
}
