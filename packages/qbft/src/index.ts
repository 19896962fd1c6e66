export { createQbftConfig, DEFAULT_LIMITS, type QbftConfig } from "./config.ts";
export {
  createSecp256k1Signer,
  keccak256,
  publicKeyToAddress,
  type RecoverAddress,
  recoverAddress,
  SIGNATURE_LENGTH,
  type Signer,
  toAddress,
  useKeccak256,
} from "./crypto.ts";
export { QbftError, type QbftErrorCode } from "./errors.ts";
export {
  createGenesisExtraData,
  decodeExtraData,
  EXTRA_VANITY_LENGTH,
  encodeExtraData,
  extraDataForCommitSeal,
  extraDataForOnchainHash,
  type QbftExtraData,
  type QbftVote,
} from "./extraData.ts";
export type { BlockCodec } from "./messages/blockCodec.ts";
export {
  createCommit,
  createPrepare,
  createProposal,
  createRoundChange,
  type PreparedCertificate,
} from "./messages/createMessage.ts";
export { type DecodeContext, decodeMessage } from "./messages/decodeMessage.ts";
export { encodeMessage } from "./messages/encodeMessage.ts";
export { payloadSigningHash } from "./messages/signing.ts";
export * from "./messages/types.ts";
export type * from "./ports.ts";
export { selectProposer } from "./proposerSelection.ts";
export { faultTolerance, quorum } from "./quorum.ts";
export type { RlpItem } from "./rlpScalars.ts";
export { type RoundTimeoutConfig, roundTimeoutMs } from "./roundTimeout.ts";
export { createQbftController, type QbftController, type QbftStatus } from "./statemachine/controller.ts";
export type { MessageOutcome } from "./statemachine/outcome.ts";
export type { Address, ChainHead, QbftBlock } from "./types.ts";
export type { RejectCode } from "./validation/result.ts";
export { verifyCommitSeals } from "./verifyCommitSeals.ts";
