import { QbftError } from "./errors.ts";
import type { RoundTimeoutConfig } from "./roundTimeout.ts";

/** Consensus settings; names follow Besu's genesis `qbft` section where Besu has them. */
export interface QbftConfig extends RoundTimeoutConfig {
  /** Minimum seconds between a block and its parent (`blockperiodseconds`). */
  readonly blockPeriodSeconds: number;
  /**
   * Seconds after the parent before a block without transactions is proposed
   * (`emptyblockperiodseconds`); at most `blockPeriodSeconds` means no wait.
   */
  readonly emptyBlockPeriodSeconds: number;
  /** Heights ahead of the current one whose messages are buffered (Besu `futureMessagesMaxDistance`). */
  readonly futureMessagesMaxDistance: number;
  /** Buffered future-height messages in total (Besu `futureMessagesLimit`). */
  readonly futureMessagesLimit: number;
  /** Buffered future-height messages for any one height. */
  readonly futureMessagesPerHeightLimit: number;
  /** Buffered future-height messages from any one sender, so one peer cannot fill the buffer. */
  readonly futureMessagesPerSenderLimit: number;
  /** Rounds ahead of the current round whose PROPOSAL/PREPARE/COMMIT messages are kept. */
  readonly futureRoundsLimit: number;
  /** ROUND-CHANGE rounds remembered per sender (the highest are kept). */
  readonly roundChangeRoundsPerSender: number;
  /** Message hashes remembered to drop exact duplicates (Besu `duplicateMessageLimit`, which is per peer). */
  readonly duplicateMessageLimit: number;
}

/** Defaults for the bounds; timers have no sensible default and must be given. */
export const DEFAULT_LIMITS = {
  futureMessagesMaxDistance: 10,
  futureMessagesLimit: 1000,
  futureMessagesPerHeightLimit: 500,
  futureMessagesPerSenderLimit: 100,
  futureRoundsLimit: 10,
  roundChangeRoundsPerSender: 10,
  duplicateMessageLimit: 10_000,
} as const;

/** Fills in default bounds and checks every value; throws QbftError QBFT_INVALID_CONFIG. */
export function createQbftConfig(
  config: Pick<QbftConfig, "blockPeriodSeconds" | "requestTimeoutSeconds" | "maxRoundTimeoutSeconds"> &
    Partial<QbftConfig>,
): QbftConfig {
  const full: QbftConfig = {
    ...DEFAULT_LIMITS,
    emptyBlockPeriodSeconds: config.blockPeriodSeconds,
    ...config,
  };
  for (const [key, value] of Object.entries(full)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new QbftError(
        "QBFT_INVALID_CONFIG",
        `${key} must be a non-negative number, got ${String(value)}`,
      );
    }
  }
  if (full.requestTimeoutSeconds <= 0)
    throw new QbftError("QBFT_INVALID_CONFIG", "requestTimeoutSeconds must be positive");
  if (full.maxRoundTimeoutSeconds < full.requestTimeoutSeconds) {
    throw new QbftError(
      "QBFT_INVALID_CONFIG",
      "maxRoundTimeoutSeconds must be at least requestTimeoutSeconds",
    );
  }
  return full;
}
