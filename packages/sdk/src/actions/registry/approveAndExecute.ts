import type { Hash, Hex } from "viem";
import { AccountMissingError } from "../../errors/civitasError.ts";
import { RegistryRevertedError } from "../../errors/registryErrors.ts";
import { toBytes32 } from "../../utils/identifiers.ts";
import type { RegistryClient } from "../../utils/registryClient.ts";
import { type ApproveProposalErrorType, approveProposal } from "./approveProposal.ts";
import { executeProposal } from "./executeProposal.ts";
import { type GetProposalErrorType, getProposal } from "./getProposal.ts";

export type ApproveAndExecuteParameters = { id: Hex | string };

export type ApproveAndExecuteReturnType = {
  /** The approval transaction; undefined if this admin had approved already. */
  approveHash: Hash | undefined;
  /** The execution transaction; undefined if the quorum is not reached yet. */
  executeHash: Hash | undefined;
  executed: boolean;
  /** Approvals that count, after this admin's. */
  approvals: bigint;
  quorum: bigint;
};

export type ApproveAndExecuteErrorType = ApproveProposalErrorType | GetProposalErrorType;

/**
 * Approves a proposal (unless the sender has already) and executes it once the approvals reach
 * the quorum. An unknown or executed proposal is refused (`UnknownProposal`, `ProposalAlreadyExecuted`).
 */
export async function approveAndExecute(
  client: RegistryClient,
  { id }: ApproveAndExecuteParameters,
): Promise<ApproveAndExecuteReturnType> {
  const account = client.account;
  if (account === undefined) throw new AccountMissingError("approveAndExecute");
  const proposalId = toBytes32(id, "proposal id");
  const before = await getProposal(client, { id: proposalId });
  if (before === undefined)
    throw new RegistryRevertedError({
      functionName: "approve",
      errorName: "UnknownProposal",
      args: [proposalId],
    });
  if (before.executed)
    throw new RegistryRevertedError({
      functionName: "approve",
      errorName: "ProposalAlreadyExecuted",
      args: [proposalId],
    });
  const already = before.approvers.some((a) => a.toLowerCase() === account.address.toLowerCase());
  const approveHash = already ? undefined : (await approveProposal(client, { id: proposalId })).hash;
  const now = await getProposal(client, { id: proposalId });
  const approvals = now?.approvals ?? 0n;
  const quorum = now?.quorum ?? before.quorum;
  if (approvals < quorum) return { approveHash, executeHash: undefined, executed: false, approvals, quorum };
  const { hash } = await executeProposal(client, { id: proposalId });
  return { approveHash, executeHash: hash, executed: true, approvals, quorum };
}
