import type { Address } from "viem";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  writeRegistry,
} from "../../utils/registryClient.ts";

export type RemoveMemberParameters = { account: Address };
export type RemoveMemberReturnType = RegistryWriteResult;
export type RemoveMemberErrorType = RegistryWriteErrorType;

/** Removes a member; its certificate may be bound again unless revoked (sender: a registrar). */
export function removeMember(
  client: RegistryClient,
  { account }: RemoveMemberParameters,
): Promise<RemoveMemberReturnType> {
  return writeRegistry(client, "removeMember", [account]);
}
