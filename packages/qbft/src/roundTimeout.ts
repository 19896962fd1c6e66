/** Round timer settings, in seconds as in Besu's genesis (`requesttimeoutseconds`). */
export interface RoundTimeoutConfig {
  readonly requestTimeoutSeconds: number;
  /** Upper bound on one round's timeout; Besu has none, so rounds after validator loss could last hours. */
  readonly maxRoundTimeoutSeconds: number;
}

/** Timeout of a round in milliseconds: `requestTimeoutSeconds · 2^round`, never above the cap. */
export function roundTimeoutMs(config: RoundTimeoutConfig, round: number): number {
  // 2^round overflows to Infinity for huge rounds; Math.min then still yields the cap.
  const seconds = Math.min(config.requestTimeoutSeconds * 2 ** round, config.maxRoundTimeoutSeconds);
  return Math.round(seconds * 1000);
}
