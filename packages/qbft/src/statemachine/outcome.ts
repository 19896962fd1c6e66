import type { RejectCode } from "../validation/result.ts";

/** What became of a received message. */
export type MessageOutcome =
  | { readonly status: "accepted" | "buffered" | "duplicate" }
  | { readonly status: "ignored" | "rejected"; readonly code: RejectCode; readonly reason: string };

/** The accepted outcome. */
export const ACCEPTED: MessageOutcome = { status: "accepted" };

/** A message that was valid but of no use (stale round, or already have one from that sender). */
export function ignored(code: RejectCode, reason: string): MessageOutcome {
  return { status: "ignored", code, reason };
}

/** A message that is invalid. */
export function rejected(code: RejectCode, reason: string): MessageOutcome {
  return { status: "rejected", code, reason };
}
