import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { type AssuranceName, accessLevelCode, assuranceCode, type RoleLevelName } from "../../utils/enums.ts";
import { type Identifier, toIdentifier } from "../../utils/identifiers.ts";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  writeRegistry,
} from "../../utils/registryClient.ts";

export type DefineRoleParameters = {
  organisation: Identifier;
  role: Identifier;
  /** READ, TRANSACT or DEPLOY (ADMIN is granted by quorum only). */
  level: RoleLevelName;
  /** Lowest certificate assurance the role's members may have. */
  minAssurance: Exclude<AssuranceName, "NONE">;
};

export type DefineRoleReturnType = RegistryWriteResult;
export type DefineRoleErrorType = RegistryWriteErrorType | InvalidArgumentError;

/** Defines (or redefines) a role of an organisation (sender: a registrar). */
export function defineRole(
  client: RegistryClient,
  { organisation, role, level, minAssurance }: DefineRoleParameters,
): Promise<DefineRoleReturnType> {
  return writeRegistry(client, "defineRole", [
    toIdentifier(organisation),
    toIdentifier(role),
    accessLevelCode(level),
    assuranceCode(minAssurance),
  ]);
}
