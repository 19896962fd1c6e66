import type { ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import {
  type AccessLevelName,
  type AssuranceName,
  accessLevelName,
  assuranceName,
} from "../../utils/enums.ts";
import { type Identifier, toIdentifier } from "../../utils/identifiers.ts";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";

export type GetRoleParameters = { organisation: Identifier; role: Identifier };

export type Role = { level: AccessLevelName; minAssurance: AssuranceName };

/** The role, or undefined if the organisation does not define it. */
export type GetRoleReturnType = Role | undefined;

export type GetRoleErrorType = ReadContractErrorType | InvalidArgumentError;

/** A role of an organisation: its access level and the minimum assurance of its members (`roleOf`). */
export async function getRole(
  client: RegistryClient,
  { organisation, role }: GetRoleParameters,
): Promise<GetRoleReturnType> {
  const r = await readContract(client, {
    address: registryAddress(client),
    abi: registryAbi,
    functionName: "roleOf",
    args: [toIdentifier(organisation), toIdentifier(role)],
  });
  if (accessLevelName(r.level) === "NONE") return undefined;
  return { level: accessLevelName(r.level), minAssurance: assuranceName(r.minAssurance) };
}
