import type { ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { toBytes32 } from "../../utils/identifiers.ts";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";

export type IsTrustedIssuerParameters = {
  /** SHA-256 of the CA certificate's DER (hex, with or without 0x). */
  fingerprint: string;
};
export type IsTrustedIssuerReturnType = boolean;
export type IsTrustedIssuerErrorType = ReadContractErrorType | InvalidArgumentError;

/** Whether members' certificates may be issued by this CA (the root or a trusted intermediate). */
export function isTrustedIssuer(
  client: RegistryClient,
  { fingerprint }: IsTrustedIssuerParameters,
): Promise<IsTrustedIssuerReturnType> {
  return readContract(client, {
    address: registryAddress(client),
    abi: registryAbi,
    functionName: "isTrustedIssuer",
    args: [toBytes32(fingerprint, "CA fingerprint")],
  });
}
