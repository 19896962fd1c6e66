import { type Hex, parseEventLogs } from "viem";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { type AdminSubject, encodeAdminArgument, encodeAdminSubject } from "../../utils/adminSubject.ts";
import { type AdminActionName, adminActionCode } from "../../utils/enums.ts";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  registryAbi,
  writeRegistry,
} from "../../utils/registryClient.ts";

export type ProposeAdminChangeParameters = {
  action: AdminActionName;
  /** Organisation id, account, quorum or CA fingerprint, depending on the action (see `encodeAdminSubject`). */
  subject: AdminSubject;
  /** ADD_ORGANISATION: the parent organisation (default none). */
  argument?: AdminSubject | undefined;
};

export type ProposeAdminChangeReturnType = RegistryWriteResult & {
  /** The proposal's id, for `approveProposal` / `executeProposal`. */
  proposalId: Hex;
};

export type ProposeAdminChangeErrorType = RegistryWriteErrorType | InvalidArgumentError;

/** Proposes an administration change (sender: a network admin, whose approval counts). */
export async function proposeAdminChange(
  client: RegistryClient,
  { action, subject, argument }: ProposeAdminChangeParameters,
): Promise<ProposeAdminChangeReturnType> {
  const result = await writeRegistry(client, "propose", [
    adminActionCode(action),
    encodeAdminSubject(action, subject),
    encodeAdminArgument(action, argument),
  ]);
  const [created] = parseEventLogs({
    abi: registryAbi,
    logs: result.receipt.logs,
    eventName: "ProposalCreated",
  });
  if (created === undefined) throw new Error(`transaction ${result.hash} created no proposal`);
  return { ...result, proposalId: created.args.id };
}
