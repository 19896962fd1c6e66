/**
 * Why a PKI operation failed. Every function of this package that rejects input throws a
 * {@link PkiError} carrying one of these codes (never a bare `Error` from a parser).
 */
export type PkiErrorCode =
  /** Text that should be PEM is not (no block, bad base64, wrong label, unterminated block). */
  | "MALFORMED_PEM"
  /** DER bytes that do not decode as the expected structure. */
  | "MALFORMED_CERTIFICATE"
  | "MALFORMED_CSR"
  | "MALFORMED_CRL"
  | "MALFORMED_KEY"
  /** A Civitas extension (node, organisation, person) whose content is invalid. */
  | "MALFORMED_EXTENSION"
  /** An account-binding statement that does not decode. */
  | "MALFORMED_BINDING"
  /** An encrypted key file (scrypt + AES-256-GCM envelope) that does not decode. */
  | "MALFORMED_KEY_FILE"
  /** Input larger than this package accepts (guards the parsers against resource exhaustion). */
  | "INPUT_TOO_LARGE"
  /** The passphrase does not open the encrypted key (or the file was tampered with). */
  | "WRONG_PASSPHRASE"
  /** A certificate signing request whose self-signature does not verify. */
  | "CSR_SIGNATURE_INVALID"
  /** The issuing CA's own certificate has expired / is not yet valid. */
  | "CA_EXPIRED"
  | "CA_NOT_YET_VALID"
  /** A certificate used as an issuer is not a CA (basicConstraints / keyUsage). */
  | "NOT_A_CA"
  /** A CA's path-length constraint forbids the requested subordinate CA. */
  | "PATH_LENGTH_CONSTRAINT"
  /** A private key that does not belong to the certificate it was given with. */
  | "KEY_MISMATCH"
  | "UNSUPPORTED_ALGORITHM"
  | "INVALID_ARGUMENT"
  /** CA directory errors. */
  | "CA_EXISTS"
  | "CA_NOT_FOUND"
  | "CA_LOCKED"
  | "CERTIFICATE_NOT_FOUND"
  | "ALREADY_REVOKED"
  /** An import whose chain does not link up (issuer/subject or signature mismatch). */
  | "CHAIN_INVALID";

/** The typed error of `@civitas/pki`. `code` is stable; `message` is for people. */
export class PkiError extends Error {
  readonly code: PkiErrorCode;
  constructor(code: PkiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PkiError";
    this.code = code;
  }
}

/** True when `err` is a {@link PkiError}, optionally with the given code. */
export function isPkiError(err: unknown, code?: PkiErrorCode): err is PkiError {
  return err instanceof PkiError && (code === undefined || err.code === code);
}

/** Message of any thrown value, for wrapping. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
