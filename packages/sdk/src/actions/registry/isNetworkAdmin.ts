import type { Address, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";

export type IsNetworkAdminParameters = { account: Address };
export type IsNetworkAdminReturnType = boolean;
export type IsNetworkAdminErrorType = ReadContractErrorType;

/** Whether `account` is a network admin. */
export function isNetworkAdmin(
  client: RegistryClient,
  { account }: IsNetworkAdminParameters,
): Promise<IsNetworkAdminReturnType> {
  return readContract(client, {
    address: registryAddress(client),
    abi: registryAbi,
    functionName: "isNetworkAdmin",
    args: [account],
  });
}
