import type { Address, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import {
  type AccessLevelName,
  accessLevelName,
  type MemberStatusName,
  memberStatusName,
} from "../../utils/enums.ts";
import { type RegistryClient, registryAbi, registryAddress } from "../../utils/registryClient.ts";
import { toUnixSeconds } from "../../utils/time.ts";

export type GetPermissionParameters = {
  account: Address;
  /** When (unix seconds or a Date); default now, by this machine's clock, as a node checks an arriving transaction. */
  at?: bigint | Date | undefined;
};

export type GetPermissionReturnType = {
  level: AccessLevelName;
  /** Why the account has that level (`ACTIVE`, `CERTIFICATE_REVOKED`, `NOT_MEMBER`, ...). */
  status: MemberStatusName;
  /** Last second this answer holds without a registry change (an active member's certificate expiry); undefined: until a change. */
  validUntil: bigint | undefined;
  /** The time the answer is for (unix seconds). */
  at: bigint;
};

export type GetPermissionErrorType = ReadContractErrorType;

const U64_MAX = (1n << 64n) - 1n;

/** What a node's permission check sees for `account`: access level, member status, validity (`permissionAt`). */
export async function getPermission(
  client: RegistryClient,
  { account, at }: GetPermissionParameters,
): Promise<GetPermissionReturnType> {
  const time = toUnixSeconds(at ?? new Date());
  const [level, status, validUntil] = await readContract(client, {
    address: registryAddress(client),
    abi: registryAbi,
    functionName: "permissionAt",
    args: [account, time],
  });
  return {
    level: accessLevelName(level),
    status: memberStatusName(status),
    validUntil: validUntil === U64_MAX ? undefined : validUntil,
    at: time,
  };
}
