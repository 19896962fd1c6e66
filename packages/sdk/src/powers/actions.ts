// Actions on the PowerOfAttorney registry: grant, accept, renounce, revoke, extend; officials'
// record, review and terminate; reads (a power, isAuthorized with the reason).
import { PowerOfAttorney, PowerType } from "@civitas/contracts";
import { type Address, type Hex, parseEventLogs, type ReadContractErrorType, zeroHash } from "viem";
import { getBlock, readContract } from "viem/actions";
import { InvalidArgumentError } from "../errors/civitasError.ts";
import { toBytes32 } from "../utils/identifiers.ts";
import { toUnixSeconds } from "../utils/time.ts";
import {
  type PowersClient,
  type PowersWriteErrorType,
  type PowersWriteResult,
  powerOfAttorneyContract,
  powersAddresses,
  writePowers,
} from "./client.ts";
import {
  type AuthorizationReasonName,
  actionsMask,
  actionsOf,
  administrationId,
  authorizationReasonName,
  type PowerActionName,
  type PowerOriginName,
  type PowerStatusName,
  type PowerTypeName,
  powerActionCode,
  powerOriginCode,
  powerOriginName,
  powerStatusName,
  powerTypeCode,
  powerTypeName,
  procedureCode,
  type TerminationCauseName,
  terminationCauseCode,
} from "./codes.ts";

const { abi } = PowerOfAttorney;

/** What a power covers and allows (shared by online grants and officials' records). */
export type PowerTerms = {
  /** GENERAL (any procedure), ADMINISTRATION (listed bodies) or PROCEDURES (listed procedure codes). */
  type: PowerTypeName;
  /** Administration ids (`bilbao.urbanism`) or procedure codes (`bilbao.urbanism/building-permit`); none for GENERAL. */
  scope?: readonly string[] | undefined;
  actions: readonly PowerActionName[];
  /** Last moment of validity: at most five years from now. */
  validUntil: Date | bigint;
  /** Hash of the deed or form (32 bytes hex); default zero for an online grant. */
  docHash?: Hex | undefined;
  /** Whether the attorney may delegate to a substitute. */
  subDelegation?: boolean | undefined;
};

function terms(t: PowerTerms) {
  const powerType = powerTypeCode(t.type);
  const scope = (t.scope ?? []).map((s) =>
    powerType === PowerType.ADMINISTRATION ? administrationId(s) : procedureCode(s),
  );
  if (powerType === PowerType.GENERAL && scope.length > 0)
    throw new InvalidArgumentError("a GENERAL power covers every procedure: give it no scope");
  if (powerType !== PowerType.GENERAL && scope.length === 0)
    throw new InvalidArgumentError(`a ${t.type} power needs a scope`);
  return {
    powerType,
    scope,
    actions: actionsMask(t.actions),
    validUntil: toUnixSeconds(t.validUntil),
    docHash: t.docHash === undefined ? zeroHash : toBytes32(t.docHash, "document hash"),
    subDelegation: t.subDelegation ?? false,
  };
}

function registeredId(result: PowersWriteResult): bigint {
  const [event] = parseEventLogs({ abi, logs: result.receipt.logs, eventName: "PowerRegistered" });
  if (event === undefined) throw new Error("the transaction registered no power");
  return event.args.id;
}

export type GrantPowerParameters = PowerTerms & { attorney: Address };
export type GrantPowerReturnType = PowersWriteResult & { id: bigint };
export type GrantPowerErrorType = PowersWriteErrorType | InvalidArgumentError;

/** Grants a power online (sender: the grantor, with a QUALIFIED certificate); the attorney accepts it. */
export async function grantPower(
  client: PowersClient,
  p: GrantPowerParameters,
): Promise<GrantPowerReturnType> {
  const result = await writePowers(client, powerOfAttorneyContract(client), "grantPower", [
    { attorney: p.attorney, ...terms(p) },
  ]);
  return { ...result, id: registeredId(result) };
}

export type PowerIdParameters = { id: bigint };
export type PowerWriteReturnType = PowersWriteResult;

/** Accepts a power (sender: the attorney). */
export function acceptPower(client: PowersClient, { id }: PowerIdParameters): Promise<PowerWriteReturnType> {
  return writePowers(client, powerOfAttorneyContract(client), "acceptPower", [id]);
}

/** Renounces a pending or active power (sender: the attorney). */
export function renouncePower(
  client: PowersClient,
  { id }: PowerIdParameters,
): Promise<PowerWriteReturnType> {
  return writePowers(client, powerOfAttorneyContract(client), "renouncePower", [id]);
}

/** Revokes a power (sender: the grantor); acts done before stay valid. */
export function revokePower(client: PowersClient, { id }: PowerIdParameters): Promise<PowerWriteReturnType> {
  return writePowers(client, powerOfAttorneyContract(client), "revokePower", [id]);
}

export type ExtendPowerParameters = { id: bigint; validUntil: Date | bigint };

/** Extends an active power to at most five years from now (sender: the grantor). */
export function extendPower(client: PowersClient, p: ExtendPowerParameters): Promise<PowerWriteReturnType> {
  return writePowers(client, powerOfAttorneyContract(client), "extendPower", [
    p.id,
    toUnixSeconds(p.validUntil),
  ]);
}

export type RecordPowerParameters = PowerTerms & {
  /** Subject references (the registry's `subjectRef`s) of the parties. */
  grantorRef: Hex;
  attorneyRef: Hex;
  origin: Exclude<PowerOriginName, "ONLINE">;
  docHash: Hex;
};

/** Records a power granted in person or by notarial deed (sender: an official); it starts ACTIVE. */
export async function recordPower(
  client: PowersClient,
  p: RecordPowerParameters,
): Promise<GrantPowerReturnType> {
  const result = await writePowers(client, powerOfAttorneyContract(client), "recordPower", [
    {
      grantorRef: toBytes32(p.grantorRef, "grantor reference"),
      attorneyRef: toBytes32(p.attorneyRef, "attorney reference"),
      origin: powerOriginCode(p.origin),
      ...terms(p),
    },
  ]);
  return { ...result, id: registeredId(result) };
}

export type ReviewPowerParameters = { id: bigint; approved: boolean };

/** Concludes a legal person's power's legal review (sender: an official). */
export function reviewPower(client: PowersClient, p: ReviewPowerParameters): Promise<PowerWriteReturnType> {
  return writePowers(client, powerOfAttorneyContract(client), "reviewPower", [p.id, p.approved]);
}

export type TerminatePowerParameters = { id: bigint; cause: TerminationCauseName; evidenceHash: Hex };

/** Terminates a power on a party's death or dissolution, or by a court (sender: an official). */
export function terminatePower(
  client: PowersClient,
  p: TerminatePowerParameters,
): Promise<PowerWriteReturnType> {
  return writePowers(client, powerOfAttorneyContract(client), "terminatePower", [
    p.id,
    terminationCauseCode(p.cause),
    toBytes32(p.evidenceHash, "evidence hash"),
  ]);
}

export type SetLegalPersonParameters = { subjectRef: Hex; legalPerson: boolean };

/** Marks a subject as a legal person, whose online grants then pass a legal review (sender: an official). */
export function setLegalPerson(
  client: PowersClient,
  p: SetLegalPersonParameters,
): Promise<PowerWriteReturnType> {
  return writePowers(client, powerOfAttorneyContract(client), "setLegalPerson", [
    toBytes32(p.subjectRef, "subject reference"),
    p.legalPerson,
  ]);
}

/** A power as the registry reports it (status as of now; times in unix seconds, 0 if never). */
export type Power = {
  id: bigint;
  grantorRef: Hex;
  attorneyRef: Hex;
  type: PowerTypeName;
  scope: Hex[];
  actions: PowerActionName[];
  origin: PowerOriginName;
  status: PowerStatusName;
  subDelegation: boolean;
  registeredAt: bigint;
  validUntil: bigint;
  activatedAt: bigint;
  endedAt: bigint;
  docHash: Hex;
  parentId: bigint;
  registeredBy: Address;
};

export type GetPowerReturnType = Power | undefined;
export type GetPowerErrorType = ReadContractErrorType;

/** A power by id, or undefined if there is none. */
export async function getPower(client: PowersClient, { id }: PowerIdParameters): Promise<GetPowerReturnType> {
  const address = powersAddresses(client).powerOfAttorney;
  const count = await readContract(client, { address, abi, functionName: "powerCount" });
  if (id < 1n || id > count) return undefined;
  const p = await readContract(client, { address, abi, functionName: "powerOf", args: [id] });
  return {
    id: p.id,
    grantorRef: p.grantorRef,
    attorneyRef: p.attorneyRef,
    type: powerTypeName(p.powerType),
    scope: [...p.scope],
    actions: actionsOf(p.actions),
    origin: powerOriginName(p.origin),
    status: powerStatusName(p.status),
    subDelegation: p.subDelegation,
    registeredAt: p.registeredAt,
    validUntil: p.validUntil,
    activatedAt: p.activatedAt,
    endedAt: p.endedAt,
    docHash: p.docHash,
    parentId: p.parentId,
    registeredBy: p.registeredBy,
  };
}

export type GetPowersOfParameters =
  | { grantorRef: Hex; attorneyRef?: undefined }
  | { attorneyRef: Hex; grantorRef?: undefined };

/** Ids of the powers a subject granted (or was granted), oldest first. */
export function getPowersOf(client: PowersClient, p: GetPowersOfParameters): Promise<readonly bigint[]> {
  const address = powersAddresses(client).powerOfAttorney;
  return p.grantorRef !== undefined
    ? readContract(client, {
        address,
        abi,
        functionName: "powersOfGrantor",
        args: [toBytes32(p.grantorRef, "grantor reference")],
      })
    : readContract(client, {
        address,
        abi,
        functionName: "powersOfAttorney",
        args: [toBytes32(p.attorneyRef, "attorney reference")],
      });
}

export type IsAuthorizedParameters = {
  grantor: Address;
  attorney: Address;
  /** `body/procedure` or a bytes32 procedure code. */
  procedure: string;
  action: PowerActionName;
  /** When (default: now, the latest block's time). */
  at?: Date | bigint | undefined;
};

export type IsAuthorizedReturnType = {
  authorized: boolean;
  /** AUTHORIZED, GRANTOR_HIMSELF, or why not (REVOKED, ACTION_NOT_GRANTED, ...). */
  reason: AuthorizationReasonName;
  /** The power relied on, or the closest that did not suffice (0n if none). */
  powerId: bigint;
};

/** Whether `attorney` may do `action` in `procedure` for `grantor` at a time, and why. */
export async function isAuthorized(
  client: PowersClient,
  p: IsAuthorizedParameters,
): Promise<IsAuthorizedReturnType> {
  let at: bigint;
  if (p.at !== undefined) at = toUnixSeconds(p.at);
  else {
    at = (await getBlock(client, { blockTag: "latest" })).timestamp;
  }
  const [authorized, reason, powerId] = await readContract(client, {
    address: powersAddresses(client).powerOfAttorney,
    abi,
    functionName: "authorization",
    args: [p.grantor, p.attorney, procedureCode(p.procedure), powerActionCode(p.action), at],
  });
  return { authorized, reason: authorizationReasonName(reason), powerId };
}
