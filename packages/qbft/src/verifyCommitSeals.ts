import type { RecoverAddress } from "./crypto.ts";
import { QbftError } from "./errors.ts";
import { quorum } from "./quorum.ts";
import type { Address } from "./types.ts";

/**
 * Checks a block's commit seals, as Besu's commit-seal header rule: every seal must recover (over the
 * block's commit-seal hash) to a distinct member of the validator set of the block's parent, and
 * there must be at least quorum(n) of them. Returns the signers; throws QbftError QBFT_INVALID_SEALS.
 */
export function verifyCommitSeals(
  sealHash: Uint8Array,
  seals: readonly Uint8Array[],
  parentValidators: readonly Address[],
  recover: RecoverAddress,
): Address[] {
  const members = new Set(parentValidators);
  const signers = new Set<Address>();
  for (const seal of seals) {
    let signer: Address;
    try {
      signer = recover(sealHash, seal);
    } catch (cause) {
      throw new QbftError("QBFT_INVALID_SEALS", "a commit seal is not a valid signature", { cause });
    }
    if (!members.has(signer))
      throw new QbftError("QBFT_INVALID_SEALS", `commit seal by ${signer}, who is not a validator`);
    if (signers.has(signer)) throw new QbftError("QBFT_INVALID_SEALS", `two commit seals by ${signer}`);
    signers.add(signer);
  }
  const needed = quorum(parentValidators.length);
  if (signers.size < needed) {
    throw new QbftError(
      "QBFT_INVALID_SEALS",
      `${signers.size} commit seals, ${needed} needed of ${parentValidators.length} validators`,
    );
  }
  return [...signers];
}
