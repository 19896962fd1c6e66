import type { Hex, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { type Identifier, toIdentifier } from "../../utils/identifiers.ts";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";

export type GetOrganisationParameters = { organisation: Identifier };

export type Organisation = {
  id: Hex;
  /** The parent organisation, undefined for a top-level one. */
  parent: Hex | undefined;
  children: number;
  memberCount: bigint;
};

/** The organisation, or undefined if it does not exist. */
export type GetOrganisationReturnType = Organisation | undefined;

export type GetOrganisationErrorType = ReadContractErrorType | InvalidArgumentError;

const ZERO = `0x${"0".repeat(64)}`;

/** An organisation of the registry (`organisationOf`). */
export async function getOrganisation(
  client: RegistryClient,
  { organisation }: GetOrganisationParameters,
): Promise<GetOrganisationReturnType> {
  const id = toIdentifier(organisation);
  const o = await readContract(client, {
    address: registryAddress(client),
    abi: registryAbi,
    functionName: "organisationOf",
    args: [id],
  });
  if (!o.exists) return undefined;
  return {
    id,
    parent: o.parent === ZERO ? undefined : o.parent,
    children: o.children,
    memberCount: o.memberCount,
  };
}
