import type { Address, Hex, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { type AdminActionName, adminActionName } from "../../utils/enums.ts";
import { toBytes32 } from "../../utils/identifiers.ts";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";

export type GetProposalParameters = { id: Hex | string };

export type Proposal = {
  id: Hex;
  action: AdminActionName;
  subject: Hex;
  argument: Hex;
  proposer: Address;
  executed: boolean;
  /** Every admin who approved (the proposer first). */
  approvers: readonly Address[];
  /** Approvals by admins who are still network admins: what counts for the quorum. */
  approvals: bigint;
  /** Approvals an execution needs now. */
  quorum: bigint;
};

/** The proposal, or undefined if there is none with this id. */
export type GetProposalReturnType = Proposal | undefined;

export type GetProposalErrorType = ReadContractErrorType | InvalidArgumentError;

/** An administration proposal with its current approvals and the quorum it needs. */
export async function getProposal(
  client: RegistryClient,
  { id }: GetProposalParameters,
): Promise<GetProposalReturnType> {
  const proposalId = toBytes32(id, "proposal id");
  const address = registryAddress(client);
  const [p, approvals, quorum] = await Promise.all([
    readContract(client, { address, abi: registryAbi, functionName: "proposalOf", args: [proposalId] }),
    readContract(client, { address, abi: registryAbi, functionName: "currentApprovals", args: [proposalId] }),
    readContract(client, { address, abi: registryAbi, functionName: "quorum" }),
  ]);
  if (/^0x0{40}$/.test(p.proposer)) return undefined;
  return {
    id: proposalId,
    action: adminActionName(p.action),
    subject: p.subject,
    argument: p.argument,
    proposer: p.proposer,
    executed: p.executed,
    approvers: p.approvers,
    approvals,
    quorum,
  };
}
