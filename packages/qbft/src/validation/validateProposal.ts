import { equalBytes } from "@noble/curves/utils.js";
import type { ProposalMessage, RoundChangePayload, Signed } from "../messages/types.ts";
import type { HeightContext } from "./heightContext.ts";
import { invalid, VALID, type Validity } from "./result.ts";
import { validatePrepareCertificate } from "./validatePrepare.ts";
import { validateRoundChangePayload } from "./validateRoundChange.ts";

/**
 * Everything about a PROPOSAL except block validity (a port) and the round rule (state):
 * height, author = proposer(round), the block's height and round, and the spec's
 * isProposalJustification (rule 8 in the reference notes).
 */
export function validateProposal(msg: ProposalMessage, ctx: HeightContext): Validity {
  const { height, round, block } = msg.signed.payload;
  if (height !== ctx.height)
    return invalid("QBFT_WRONG_HEIGHT", `PROPOSAL for height ${height}, expected ${ctx.height}`);
  const proposer = ctx.proposerForRound(round);
  if (msg.signed.author !== proposer) {
    return invalid(
      "QBFT_WRONG_PROPOSER",
      `PROPOSAL for round ${round} signed by ${msg.signed.author}, proposer is ${proposer}`,
    );
  }
  if (block.height !== height || block.round !== round) {
    return invalid(
      "QBFT_INVALID_BLOCK",
      `block is for height ${block.height} round ${block.round}, proposal for ${height}/${round}`,
    );
  }
  return validateJustification(msg, ctx);
}

function validateJustification(msg: ProposalMessage, ctx: HeightContext): Validity {
  const { round, block } = msg.signed.payload;
  const fresh = (): Validity =>
    block.proposer === msg.signed.author
      ? VALID
      : invalid(
          "QBFT_INVALID_BLOCK",
          `new block's coinbase ${block.proposer} is not the proposer ${msg.signed.author}`,
        );
  if (round === 0) {
    if (msg.roundChanges.length > 0 || msg.prepares.length > 0) {
      return invalid("QBFT_INVALID_JUSTIFICATION", "a round-0 PROPOSAL carries no justification");
    }
    return fresh();
  }
  const senders = new Set(msg.roundChanges.map((rc) => rc.author));
  if (senders.size !== msg.roundChanges.length)
    return invalid("QBFT_INVALID_JUSTIFICATION", "two ROUND-CHANGEs from one validator");
  if (senders.size < ctx.quorum) {
    return invalid(
      "QBFT_INVALID_JUSTIFICATION",
      `${senders.size} ROUND-CHANGEs justify round ${round}, quorum is ${ctx.quorum}`,
    );
  }
  for (const rc of msg.roundChanges) {
    const v = validateRoundChangePayload(rc, ctx, round);
    if (!v.ok) return invalid("QBFT_INVALID_JUSTIFICATION", `justification: ${v.reason}`);
  }
  const highest = highestPrepared(msg.roundChanges);
  if (highest === undefined) {
    if (msg.prepares.length > 0)
      return invalid("QBFT_INVALID_JUSTIFICATION", "no ROUND-CHANGE is prepared, yet PREPAREs are attached");
    return fresh();
  }
  // Spec: some round change with the highest prepared round names this block, digest taken with its round.
  const candidates = msg.roundChanges.filter((rc) => rc.payload.prepared?.round === highest);
  const oldDigest = block.withRound(highest).digest;
  const match = candidates.find((rc) => equalBytes(rc.payload.prepared!.digest, oldDigest));
  if (!match) {
    return invalid(
      "QBFT_INVALID_JUSTIFICATION",
      `block is not the one prepared in round ${highest}, the highest prepared round`,
    );
  }
  const cert = validatePrepareCertificate(msg.prepares, ctx, highest, oldDigest);
  return cert.ok ? VALID : invalid("QBFT_INVALID_JUSTIFICATION", cert.reason);
}

/** The highest prepared round among round changes, or undefined if none is prepared. */
export function highestPrepared(roundChanges: readonly Signed<RoundChangePayload>[]): number | undefined {
  let highest: number | undefined;
  for (const rc of roundChanges) {
    const r = rc.payload.prepared?.round;
    if (r !== undefined && (highest === undefined || r > highest)) highest = r;
  }
  return highest;
}
