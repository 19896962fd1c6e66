import type { ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { toBytes32 } from "../../utils/identifiers.ts";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";

export type IsCertificateRevokedParameters = {
  /** SHA-256 of the certificate's DER (hex, with or without 0x). */
  fingerprint: string;
};
export type IsCertificateRevokedReturnType = boolean;
export type IsCertificateRevokedErrorType = ReadContractErrorType | InvalidArgumentError;

/** Whether a certificate's revocation has been recorded in the registry. */
export function isCertificateRevoked(
  client: RegistryClient,
  { fingerprint }: IsCertificateRevokedParameters,
): Promise<IsCertificateRevokedReturnType> {
  return readContract(client, {
    address: registryAddress(client),
    abi: registryAbi,
    functionName: "isCertificateRevoked",
    args: [toBytes32(fingerprint, "certificate fingerprint")],
  });
}
