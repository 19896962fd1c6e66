import { equalBytes } from "@noble/curves/utils.js";
import type { PreparePayload, Signed } from "../messages/types.ts";
import { type HeightContext, isValidator } from "./heightContext.ts";
import { invalid, VALID, type Validity } from "./result.ts";

/** A PREPARE is valid for (height, round, digest) if a validator signed exactly those values. */
export function validatePrepare(
  prepare: Signed<PreparePayload>,
  ctx: HeightContext,
  round: number,
  digest: Uint8Array,
): Validity {
  const p = prepare.payload;
  if (!isValidator(ctx, prepare.author))
    return invalid("QBFT_NOT_A_VALIDATOR", `PREPARE from non-validator ${prepare.author}`);
  if (p.height !== ctx.height)
    return invalid("QBFT_WRONG_HEIGHT", `PREPARE for height ${p.height}, expected ${ctx.height}`);
  if (p.round !== round)
    return invalid("QBFT_WRONG_ROUND", `PREPARE for round ${p.round}, expected ${round}`);
  if (!equalBytes(p.digest, digest))
    return invalid("QBFT_INVALID_JUSTIFICATION", "PREPARE digest does not match the block");
  return VALID;
}

/** Checks a set of PREPAREs proves (height, round, digest): ≥ quorum, distinct validators, all matching. */
export function validatePrepareCertificate(
  prepares: readonly Signed<PreparePayload>[],
  ctx: HeightContext,
  round: number,
  digest: Uint8Array,
): Validity {
  const authors = new Set(prepares.map((p) => p.author));
  if (authors.size !== prepares.length)
    return invalid("QBFT_INVALID_JUSTIFICATION", "two PREPAREs from one validator");
  if (prepares.length < ctx.quorum) {
    return invalid("QBFT_INVALID_JUSTIFICATION", `${prepares.length} PREPAREs, quorum is ${ctx.quorum}`);
  }
  for (const prepare of prepares) {
    const v = validatePrepare(prepare, ctx, round, digest);
    if (!v.ok) return invalid("QBFT_INVALID_JUSTIFICATION", `prepared certificate: ${v.reason}`);
  }
  return VALID;
}
