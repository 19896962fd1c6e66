import type { Address, Hex } from "viem";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  writeRegistry,
} from "../../utils/registryClient.ts";
import {
  type PrepareRegistrationErrorType,
  type PrepareRegistrationParameters,
  prepareRegistration,
} from "./prepareRegistration.ts";

export type RegisterMemberParameters = PrepareRegistrationParameters;

export type RegisterMemberReturnType = RegistryWriteResult & {
  account: Address;
  certificateFingerprint: Hex;
};

export type RegisterMemberErrorType = PrepareRegistrationErrorType | RegistryWriteErrorType;

/**
 * Registers a member from its certificate and binding statement (sender: a registrar). The
 * certificate and the statement are verified first (see `prepareRegistration`): a bad one is
 * refused before anything is sent.
 */
export async function registerMember(
  client: RegistryClient,
  parameters: RegisterMemberParameters,
): Promise<RegisterMemberReturnType> {
  const registration = await prepareRegistration(client, parameters);
  const result = await writeRegistry(client, "registerMember", [registration]);
  return {
    ...result,
    account: registration.account,
    certificateFingerprint: registration.certificateFingerprint,
  };
}
