import { RLP } from "@ethereumjs/rlp";
import { keccak256, type RecoverAddress, type Signer } from "../crypto.ts";
import type { RlpItem } from "../rlpScalars.ts";
import { scalar } from "./payloadRlp.ts";
import type { Signed } from "./types.ts";

/** The hash a message author signs, as Besu's QbftPayload.hashForSignature: keccak(RLP([code, payload])). */
export function payloadSigningHash(code: number, payload: RlpItem): Uint8Array {
  return keccak256(RLP.encode([scalar(code), payload]));
}

/** Signs a payload and returns it with its signature and author. */
export function signPayload<P>(signer: Signer, code: number, payload: P, rlp: RlpItem): Signed<P> {
  return { payload, signature: signer.sign(payloadSigningHash(code, rlp)), author: signer.address };
}

/** Wraps a decoded payload with the author its signature recovers to. */
export function recoverSigned<P>(
  recover: RecoverAddress,
  code: number,
  payload: P,
  rlp: RlpItem,
  signature: Uint8Array,
): Signed<P> {
  return { payload, signature, author: recover(payloadSigningHash(code, rlp), signature) };
}
