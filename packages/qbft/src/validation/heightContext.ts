import type { RecoverAddress } from "../crypto.ts";
import type { Address } from "../types.ts";

/** What validators of one height need to know about it. */
export interface HeightContext {
  readonly height: number;
  /** Validators for this height (those of its parent block), in Besu's order (sorted). */
  readonly validators: readonly Address[];
  readonly quorum: number;
  proposerForRound(round: number): Address;
  readonly recover: RecoverAddress;
}

/** True if `author` is a validator of the height. */
export function isValidator(ctx: HeightContext, author: Address): boolean {
  return ctx.validators.includes(author);
}
