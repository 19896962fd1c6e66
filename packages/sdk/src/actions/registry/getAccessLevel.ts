import type { Address, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { type AccessLevelName, accessLevelName } from "../../utils/enums.ts";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";
import { toUnixSeconds } from "../../utils/time.ts";

export type GetAccessLevelParameters = {
  account: Address;
  /** When (unix seconds or a Date); default: the latest block's time (`accessLevelOf`). */
  at?: bigint | Date | undefined;
};

export type GetAccessLevelReturnType = AccessLevelName;

export type GetAccessLevelErrorType = ReadContractErrorType;

/** The access level of `account` (NONE, READ, TRANSACT, DEPLOY or ADMIN). */
export async function getAccessLevel(
  client: RegistryClient,
  { account, at }: GetAccessLevelParameters,
): Promise<GetAccessLevelReturnType> {
  const address = registryAddress(client);
  const level =
    at === undefined
      ? await readContract(client, {
          address,
          abi: registryAbi,
          functionName: "accessLevelOf",
          args: [account],
        })
      : await readContract(client, {
          address,
          abi: registryAbi,
          functionName: "accessLevelAt",
          args: [account, toUnixSeconds(at)],
        });
  return accessLevelName(level);
}
