/** Why a peer's bytes were refused; the code is what the peer is told in DISCONNECT and what is counted. */
export type ProtocolErrorCode =
  | "FRAME_TOO_LARGE"
  | "FRAME_EMPTY"
  | "UNKNOWN_MESSAGE_TYPE"
  | "MALFORMED_MESSAGE";

/** A peer sent bytes that are not a valid frame or message. */
export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  constructor(code: ProtocolErrorCode, message: string) {
    super(message);
    this.name = "ProtocolError";
    this.code = code;
  }
}
