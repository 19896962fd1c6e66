import { equalBytes } from "@noble/curves/utils.js";
import type { CommitPayload, Signed } from "../messages/types.ts";
import { type HeightContext, isValidator } from "./heightContext.ts";
import { invalid, VALID, type Validity } from "./result.ts";

/** A COMMIT is valid if a validator sent it for this height and its seal is that validator's signature over the digest. */
export function validateCommit(commit: Signed<CommitPayload>, ctx: HeightContext): Validity {
  const c = commit.payload;
  if (!isValidator(ctx, commit.author))
    return invalid("QBFT_NOT_A_VALIDATOR", `COMMIT from non-validator ${commit.author}`);
  if (c.height !== ctx.height)
    return invalid("QBFT_WRONG_HEIGHT", `COMMIT for height ${c.height}, expected ${ctx.height}`);
  let sealer: string;
  try {
    sealer = ctx.recover(c.digest, c.commitSeal);
  } catch {
    return invalid("QBFT_INVALID_COMMIT_SEAL", "commit seal is not a valid signature");
  }
  if (sealer !== commit.author)
    return invalid(
      "QBFT_INVALID_COMMIT_SEAL",
      `commit seal signed by ${sealer}, not by the sender ${commit.author}`,
    );
  return VALID;
}

/** True if the COMMIT is for this exact digest. */
export function commitMatches(commit: Signed<CommitPayload>, digest: Uint8Array): boolean {
  return equalBytes(commit.payload.digest, digest);
}
