import type { Address } from "viem";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  writeRegistry,
} from "../../utils/registryClient.ts";
import {
  type CertificateTrust,
  type PrepareRegistrationErrorType,
  type PrepareRegistrationParameters,
  prepareRegistration,
} from "./prepareRegistration.ts";

export type RegisterMembersParameters = {
  /** The members, each as for `registerMember` (without `trust`). */
  members: readonly Omit<PrepareRegistrationParameters, "trust">[];
  /** What every certificate must chain to. */
  trust: CertificateTrust;
};

export type RegisterMembersReturnType = RegistryWriteResult & { accounts: readonly Address[] };

export type RegisterMembersErrorType = PrepareRegistrationErrorType | RegistryWriteErrorType;

/**
 * Registers several members in one transaction, all or none (sender: a registrar). Every
 * certificate and binding is verified first, as by `registerMember`.
 */
export async function registerMembers(
  client: RegistryClient,
  { members, trust }: RegisterMembersParameters,
): Promise<RegisterMembersReturnType> {
  const registrations = await Promise.all(members.map((m) => prepareRegistration(client, { ...m, trust })));
  const result = await writeRegistry(client, "registerMembers", [registrations]);
  return { ...result, accounts: registrations.map((r) => r.account) };
}
