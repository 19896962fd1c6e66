/** Why a message was not used; stable strings for tests, logs and metrics. */
export type RejectCode =
  | "QBFT_MALFORMED_MESSAGE"
  | "QBFT_INVALID_SIGNATURE"
  | "QBFT_UNKNOWN_MESSAGE_CODE"
  | "QBFT_NOT_A_VALIDATOR"
  | "QBFT_LOCAL_NOT_VALIDATOR"
  | "QBFT_WRONG_HEIGHT"
  | "QBFT_WRONG_ROUND"
  | "QBFT_WRONG_PROPOSER"
  | "QBFT_INVALID_BLOCK"
  | "QBFT_INVALID_JUSTIFICATION"
  | "QBFT_INVALID_ROUND_CHANGE"
  | "QBFT_INVALID_COMMIT_SEAL"
  | "QBFT_ALREADY_HAVE_PROPOSAL"
  | "QBFT_DUPLICATE_SENDER"
  | "QBFT_TOO_FAR_AHEAD"
  | "QBFT_FUTURE_BUFFER_FULL";

/** Outcome of a validity check. */
export type Validity =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: RejectCode; readonly reason: string };

/** The valid outcome. */
export const VALID: Validity = { ok: true };

/** An invalid outcome with its code and a reason for humans. */
export function invalid(code: RejectCode, reason: string): Validity {
  return { ok: false, code, reason };
}
