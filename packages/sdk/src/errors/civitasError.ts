/** Stable codes of the SDK's errors (what programs branch on; messages are for people). */
export type CivitasErrorCode =
  | "REGISTRY_REVERTED"
  | "TRANSACTION_REVERTED"
  | "ACCOUNT_MISSING"
  | "INVALID_IDENTIFIER"
  | "INVALID_ARGUMENT"
  | "CERTIFICATE_REJECTED"
  | "BINDING_REJECTED"
  | "POWERS_REVERTED"
  | "DOCUMENTS_REVERTED"
  | "CHAIN_PROOF_INVALID";

export interface CivitasErrorOptions {
  /** Longer explanation, printed after the short message. */
  details?: string | undefined;
  /** Extra lines (what to do, the values involved). */
  metaMessages?: readonly string[] | undefined;
  cause?: unknown;
}

/**
 * Base of every error the SDK throws, in viem's style: `shortMessage` is one sentence, `message`
 * adds the meta lines and details, `code` is stable, `cause` keeps the underlying error.
 */
export class CivitasError extends Error {
  override name = "CivitasError";
  readonly code: CivitasErrorCode;
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: readonly string[];

  constructor(code: CivitasErrorCode, shortMessage: string, options: CivitasErrorOptions = {}) {
    const meta = options.metaMessages ?? [];
    const message = [
      shortMessage,
      ...(meta.length > 0 ? ["", ...meta] : []),
      ...(options.details !== undefined ? ["", `Details: ${options.details}`] : []),
    ].join("\n");
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.metaMessages = meta;
  }
}

/** A write action was called on a client without an account. */
export class AccountMissingError extends CivitasError {
  override name = "AccountMissingError";
  constructor(action: string) {
    super("ACCOUNT_MISSING", `${action} sends a transaction, but the client has no account.`, {
      metaMessages: ["Create the client with `account` (e.g. privateKeyToAccount(key))."],
    });
  }
}

/** A bad parameter (an identifier too long, an unknown enum name, an address that is not one...). */
export class InvalidArgumentError extends CivitasError {
  override name = "InvalidArgumentError";
  constructor(message: string, code: "INVALID_ARGUMENT" | "INVALID_IDENTIFIER" = "INVALID_ARGUMENT") {
    super(code, message);
  }
}
