import type { Address, Hex, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { type AssuranceName, assuranceName } from "../../utils/enums.ts";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";

export type GetMemberParameters = { account: Address };

/** A member record (identifiers are bytes32; `identifierToString` gives their names). */
export type Member = {
  account: Address;
  organisation: Hex;
  role: Hex;
  /** SHA-256 of the certificate's DER. */
  certificateFingerprint: Hex;
  /** SHA-256 of the issuing CA certificate's DER. */
  issuerFingerprint: Hex;
  /** Keyed hash of the holder (never personal data). */
  subjectRef: Hex;
  /** EIP-712 digest of the binding statement used to register. */
  bindingHash: Hex;
  assurance: AssuranceName;
  /** Certificate expiry, unix seconds. */
  notAfter: bigint;
  /** Block time of the registration, unix seconds. */
  registeredAt: bigint;
  registrar: Address;
};

/** The member, or undefined if the account is not registered. */
export type GetMemberReturnType = Member | undefined;

export type GetMemberErrorType = ReadContractErrorType;

/** The member record of `account` (`memberOf`). */
export async function getMember(
  client: RegistryClient,
  { account }: GetMemberParameters,
): Promise<GetMemberReturnType> {
  const m = await readContract(client, {
    address: registryAddress(client),
    abi: registryAbi,
    functionName: "memberOf",
    args: [account],
  });
  if (m.registeredAt === 0n) return undefined;
  return {
    account,
    organisation: m.organisation,
    role: m.role,
    certificateFingerprint: m.certificateFingerprint,
    issuerFingerprint: m.issuerFingerprint,
    subjectRef: m.subjectRef,
    bindingHash: m.bindingHash,
    assurance: assuranceName(m.assurance),
    notAfter: m.notAfter,
    registeredAt: m.registeredAt,
    registrar: m.registrar,
  };
}
