import { type Hex, parseEventLogs } from "viem";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { toBytes32 } from "../../utils/identifiers.ts";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  registryAbi,
  writeRegistry,
} from "../../utils/registryClient.ts";

export type ApproveProposalParameters = { id: Hex | string };

export type ApproveProposalReturnType = RegistryWriteResult & {
  /** Approvals recorded so far, this one included. */
  approvals: bigint;
};

export type ApproveProposalErrorType = RegistryWriteErrorType | InvalidArgumentError;

/** Approves a proposal (sender: a network admin who has not approved it yet). */
export async function approveProposal(
  client: RegistryClient,
  { id }: ApproveProposalParameters,
): Promise<ApproveProposalReturnType> {
  const result = await writeRegistry(client, "approve", [toBytes32(id, "proposal id")]);
  const [approved] = parseEventLogs({
    abi: registryAbi,
    logs: result.receipt.logs,
    eventName: "ProposalApproved",
  });
  return { ...result, approvals: approved?.args.approvals ?? 0n };
}
