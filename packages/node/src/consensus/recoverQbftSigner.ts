import { type Address, QbftError, type RecoverAddress } from "@civitas/qbft";
import { recoverSigner } from "../crypto/nativeCrypto.ts";

/** ecrecover for consensus messages (native when available), refusing what Besu refuses. */
export const recoverQbftSigner: RecoverAddress = (hash, signature) => {
  const signer = recoverSigner(hash, signature);
  if (signer === undefined)
    throw new QbftError(
      "QBFT_INVALID_SIGNATURE",
      "signature is malformed, high-s, has a recovery id other than 0/1, or recovers no key",
    );
  return signer as Address;
};
