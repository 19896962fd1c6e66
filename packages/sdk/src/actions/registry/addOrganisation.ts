import type { Identifier } from "../../utils/identifiers.ts";
import type { RegistryClient } from "../../utils/registryClient.ts";
import {
  type ProposeAdminChangeErrorType,
  type ProposeAdminChangeReturnType,
  proposeAdminChange,
} from "./proposeAdminChange.ts";

export type AddOrganisationParameters = {
  organisation: Identifier;
  /** The parent organisation, which must exist (default: a top-level organisation). */
  parent?: Identifier | undefined;
};

export type AddOrganisationReturnType = ProposeAdminChangeReturnType;
export type AddOrganisationErrorType = ProposeAdminChangeErrorType;

/** Proposes a new organisation (an ADD_ORGANISATION proposal: other admins approve, then execute). */
export function addOrganisation(
  client: RegistryClient,
  { organisation, parent }: AddOrganisationParameters,
): Promise<AddOrganisationReturnType> {
  return proposeAdminChange(client, { action: "ADD_ORGANISATION", subject: organisation, argument: parent });
}
