import type { Hex } from "viem";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { toBytes32 } from "../../utils/identifiers.ts";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  writeRegistry,
} from "../../utils/registryClient.ts";

export type ExecuteProposalParameters = { id: Hex | string };
export type ExecuteProposalReturnType = RegistryWriteResult;
export type ExecuteProposalErrorType = RegistryWriteErrorType | InvalidArgumentError;

/** Executes a proposal approved by a quorum (else `QuorumNotReached`). */
export function executeProposal(
  client: RegistryClient,
  { id }: ExecuteProposalParameters,
): Promise<ExecuteProposalReturnType> {
  return writeRegistry(client, "execute", [toBytes32(id, "proposal id")]);
}
