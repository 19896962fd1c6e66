import type { Address, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";

export type IsRegistrarParameters = { account: Address };
export type IsRegistrarReturnType = boolean;
export type IsRegistrarErrorType = ReadContractErrorType;

/** Whether `account` is a registrar. */
export function isRegistrar(
  client: RegistryClient,
  { account }: IsRegistrarParameters,
): Promise<IsRegistrarReturnType> {
  return readContract(client, {
    address: registryAddress(client),
    abi: registryAbi,
    functionName: "isRegistrar",
    args: [account],
  });
}
