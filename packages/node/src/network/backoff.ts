/**
 * Exponential backoff with "equal jitter": the n-th delay is drawn from [d/2, d] where
 * d = min(maxMs, initialMs·2^n), so peers that dropped together do not redial in lockstep.
 */
export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(initialMs: number, maxMs: number, random: () => number = Math.random) {
    if (!(initialMs > 0) || !(maxMs >= initialMs)) {
      throw new RangeError(`backoff needs 0 < initialMs <= maxMs, got ${initialMs} and ${maxMs}`);
    }
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.#random = random;
  }

  /** Failed attempts since the last reset. */
  get attempts(): number {
    return this.#attempt;
  }

  /** The delay before the next attempt (and counts one more attempt). */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    return Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
  }

  /** Back to the initial delay (after a successful connection). */
  reset(): void {
    this.#attempt = 0;
  }
}
