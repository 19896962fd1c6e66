import type { Address } from "viem";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { type Identifier, toIdentifier } from "../../utils/identifiers.ts";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  writeRegistry,
} from "../../utils/registryClient.ts";

export type ChangeMemberRoleParameters = { account: Address; role: Identifier };
export type ChangeMemberRoleReturnType = RegistryWriteResult;
export type ChangeMemberRoleErrorType = RegistryWriteErrorType | InvalidArgumentError;

/** Moves a member to another role of its organisation (sender: a registrar). */
export function changeMemberRole(
  client: RegistryClient,
  { account, role }: ChangeMemberRoleParameters,
): Promise<ChangeMemberRoleReturnType> {
  return writeRegistry(client, "changeMemberRole", [account, toIdentifier(role)]);
}
