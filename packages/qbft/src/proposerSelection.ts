import { QbftError } from "./errors.ts";
import type { Address } from "./types.ts";

/**
 * The proposer of a round, as Besu's `BftProposerSelector` (QBFT changes proposer every block):
 * the validator after the previous block's proposer, offset by the round. If the previous proposer
 * is no longer a validator (or is the zero address of genesis), the first validator sorting after
 * it takes its place and the block offset is not added, exactly as Besu does.
 */
export function selectProposer(
  previousProposer: Address,
  validators: readonly Address[],
  round: number,
): Address {
  if (validators.length === 0)
    throw new QbftError("QBFT_NO_VALIDATORS", "cannot select a proposer from an empty validator set");
  const index = validators.indexOf(previousProposer);
  if (index >= 0) return validators[(index + 1 + round) % validators.length]!;
  const sorted = [...validators].sort();
  const next = sorted.find((v) => v > previousProposer) ?? sorted[0]!;
  return validators[(validators.indexOf(next) + round) % validators.length]!;
}
