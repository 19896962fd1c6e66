/** Stable failure codes of the QBFT package; callers branch on these, never on messages. */
export type QbftErrorCode =
  | "QBFT_MALFORMED_MESSAGE"
  | "QBFT_INVALID_SIGNATURE"
  | "QBFT_UNKNOWN_MESSAGE_CODE"
  | "QBFT_MALFORMED_EXTRA_DATA"
  | "QBFT_INVALID_SEALS"
  | "QBFT_INVALID_CONFIG"
  | "QBFT_NO_VALIDATORS";

/** The error type thrown by this package; `code` is stable, `message` is for humans. */
export class QbftError extends Error {
  readonly code: QbftErrorCode;

  constructor(code: QbftErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "QbftError";
    this.code = code;
  }
}
