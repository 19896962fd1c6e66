import type { QbftMessage } from "../messages/types.ts";
import type { Address } from "../types.ts";
import { invalid, VALID, type Validity } from "../validation/result.ts";

/** Bounds of the future-height buffer. */
export interface FutureBufferLimits {
  readonly futureMessagesMaxDistance: number;
  readonly futureMessagesLimit: number;
  readonly futureMessagesPerHeightLimit: number;
  readonly futureMessagesPerSenderLimit: number;
}

/** Messages for heights the node has not reached yet, bounded in distance, total, per height and per sender. */
export class FutureMessageBuffer {
  private readonly byHeight = new Map<number, QbftMessage[]>();
  private readonly perSender = new Map<Address, number>();
  private total = 0;
  private readonly limits: FutureBufferLimits;

  constructor(limits: FutureBufferLimits) {
    this.limits = limits;
  }

  /** Buffers a message for `height` (> current); says why not if a bound is hit. */
  add(message: QbftMessage, height: number, current: number): Validity {
    const l = this.limits;
    if (height - current > l.futureMessagesMaxDistance) {
      return invalid(
        "QBFT_TOO_FAR_AHEAD",
        `height ${height} is more than ${l.futureMessagesMaxDistance} ahead of ${current}`,
      );
    }
    const author = message.signed.author;
    const list = this.byHeight.get(height) ?? [];
    const fromSender = this.perSender.get(author) ?? 0;
    if (
      this.total >= l.futureMessagesLimit ||
      list.length >= l.futureMessagesPerHeightLimit ||
      fromSender >= l.futureMessagesPerSenderLimit
    ) {
      return invalid(
        "QBFT_FUTURE_BUFFER_FULL",
        `future-message buffer is full for height ${height} or sender ${author}`,
      );
    }
    list.push(message);
    this.byHeight.set(height, list);
    this.perSender.set(author, fromSender + 1);
    this.total++;
    return VALID;
  }

  /** Removes and returns the messages for `height`, dropping any for lower heights. */
  take(height: number): QbftMessage[] {
    let taken: QbftMessage[] = [];
    for (const [h, list] of this.byHeight) {
      if (h > height) continue;
      if (h === height) taken = list;
      this.byHeight.delete(h);
      for (const m of list) {
        const n = (this.perSender.get(m.signed.author) ?? 1) - 1;
        if (n === 0) this.perSender.delete(m.signed.author);
        else this.perSender.set(m.signed.author, n);
      }
      this.total -= list.length;
    }
    return taken;
  }

  /** Number of buffered messages. */
  size(): number {
    return this.total;
  }
}
