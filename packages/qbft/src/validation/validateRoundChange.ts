import { equalBytes } from "@noble/curves/utils.js";
import type { RoundChangeMessage, RoundChangePayload, Signed } from "../messages/types.ts";
import { type HeightContext, isValidator } from "./heightContext.ts";
import { invalid, VALID, type Validity } from "./result.ts";
import { validatePrepareCertificate } from "./validatePrepare.ts";

/**
 * The spec's validRoundChange: for this height and round, sent by a validator, and the prepared
 * round (if any) is below the target round. Prepared round and value are one optional field on the
 * wire, so "both present or both absent" holds by construction.
 */
export function validateRoundChangePayload(
  rc: Signed<RoundChangePayload>,
  ctx: HeightContext,
  round: number,
): Validity {
  const p = rc.payload;
  if (!isValidator(ctx, rc.author))
    return invalid("QBFT_NOT_A_VALIDATOR", `ROUND-CHANGE from non-validator ${rc.author}`);
  if (p.height !== ctx.height)
    return invalid("QBFT_WRONG_HEIGHT", `ROUND-CHANGE for height ${p.height}, expected ${ctx.height}`);
  if (p.round !== round)
    return invalid("QBFT_WRONG_ROUND", `ROUND-CHANGE for round ${p.round}, expected ${round}`);
  if (p.prepared && p.prepared.round >= p.round) {
    return invalid(
      "QBFT_INVALID_ROUND_CHANGE",
      `prepared round ${p.prepared.round} is not below target round ${p.round}`,
    );
  }
  return VALID;
}

/**
 * A received ROUND-CHANGE message: a valid payload, and if it claims a prepared block, the block
 * matches the claimed digest and a quorum of PREPAREs proves it; if it claims none, it carries none.
 */
export function validateRoundChangeMessage(msg: RoundChangeMessage, ctx: HeightContext): Validity {
  const payload = validateRoundChangePayload(msg.signed, ctx, msg.signed.payload.round);
  if (!payload.ok) return payload;
  const prepared = msg.signed.payload.prepared;
  if (!prepared) {
    if (msg.preparedBlock || msg.prepares.length > 0) {
      return invalid(
        "QBFT_INVALID_ROUND_CHANGE",
        "ROUND-CHANGE without prepared metadata carries a block or PREPAREs",
      );
    }
    return VALID;
  }
  if (!msg.preparedBlock)
    return invalid("QBFT_INVALID_ROUND_CHANGE", "ROUND-CHANGE claims a prepared block but carries none");
  if (!equalBytes(msg.preparedBlock.digest, prepared.digest) || msg.preparedBlock.height !== ctx.height) {
    return invalid("QBFT_INVALID_ROUND_CHANGE", "prepared block does not match the prepared digest");
  }
  const cert = validatePrepareCertificate(msg.prepares, ctx, prepared.round, prepared.digest);
  return cert.ok ? VALID : invalid("QBFT_INVALID_ROUND_CHANGE", cert.reason);
}
