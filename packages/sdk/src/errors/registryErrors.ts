import { IdentityRegistry } from "@civitas/contracts";
import type { BindingFailureCode, VerifyFailureCode } from "@civitas/pki";
import {
  BaseError,
  type ContractErrorArgs,
  type ContractErrorName,
  ContractFunctionRevertedError,
  type Hash,
} from "viem";
import { CivitasError } from "./civitasError.ts";

type RegistryAbi = typeof IdentityRegistry.abi;

/** The names of the IdentityRegistry's custom errors (`QuorumNotReached`, `UnknownRole`, ...). */
export type RegistryErrorName = ContractErrorName<RegistryAbi>;
/** The decoded arguments of registry error `name`, typed from the ABI. */
export type RegistryErrorArgs<name extends RegistryErrorName = RegistryErrorName> = ContractErrorArgs<
  RegistryAbi,
  name
>;

/** What to do about the errors people meet most; the others speak for themselves. */
const HINTS: Partial<Record<RegistryErrorName, string>> = {
  QuorumNotReached: "More network admins must approve the proposal before it can be executed.",
  NotNetworkAdmin: "Only a network admin may do this; use an admin's key.",
  NotRegistrar: "Only a registrar may do this; use the registrar's key.",
  CallerSuspended: "The sender is a member whose certificate is no longer valid.",
  AlreadyApproved: "This admin has already approved the proposal.",
  UnknownOrganisation: "Add the organisation first (an admin proposal, approved by a quorum).",
  UnknownRole: "Define the role in the organisation first (a registrar's defineRole).",
  InsufficientAssurance: "The certificate's assurance level is below what the role requires.",
  UntrustedIssuer: "The certificate's issuing CA is not a trusted issuer of the registry.",
  AccountAlreadyRegistered: "Remove the member first to register it again.",
  CertificateAlreadyBound: "The certificate is already bound to another account.",
  BindingAlreadyUsed: "Binding statements are single-use; the holder must sign a new one.",
  InvalidBindingSignature: "The binding statement was not signed by this account's key.",
  AdminLevelNeedsQuorum: "The ADMIN level is granted by an admin proposal (GRANT_ADMIN), not by a role.",
};

function formatArg(value: unknown): string {
  return typeof value === "bigint" ? value.toString() : String(value);
}

/**
 * The identity registry refused a call with one of its custom errors. `errorName` and `args`
 * are typed from the ABI: narrow with {@link isRegistryError}.
 */
export class RegistryRevertedError<name extends RegistryErrorName = RegistryErrorName> extends CivitasError {
  override name = "RegistryRevertedError";
  /** The registry function that reverted (`execute`, `registerMember`, ...). */
  readonly functionName: string;
  readonly errorName: name;
  readonly args: RegistryErrorArgs<name>;

  constructor(p: { functionName: string; errorName: name; args: RegistryErrorArgs<name>; cause?: unknown }) {
    const args = (p.args as readonly unknown[]).map(formatArg).join(", ");
    const hint = HINTS[p.errorName];
    super("REGISTRY_REVERTED", `IdentityRegistry.${p.functionName} reverted: ${p.errorName}(${args})`, {
      metaMessages: hint ? [hint] : [],
      cause: p.cause,
    });
    this.functionName = p.functionName;
    this.errorName = p.errorName;
    this.args = p.args;
  }
}

/** Whether `error` is the registry's custom error `name` (narrows `args` to its types). */
export function isRegistryError<name extends RegistryErrorName>(
  error: unknown,
  name: name,
): error is RegistryRevertedError<name> {
  return error instanceof RegistryRevertedError && error.errorName === name;
}

/** A transaction was mined but reverted, and the reason could not be decoded. */
export class TransactionRevertedError extends CivitasError {
  override name = "TransactionRevertedError";
  readonly hash: Hash;
  constructor(functionName: string, hash: Hash) {
    super("TRANSACTION_REVERTED", `IdentityRegistry.${functionName} transaction ${hash} reverted.`, {
      metaMessages: ["The registry's state changed between the check and the transaction; try again."],
    });
    this.hash = hash;
  }
}

/** The registering tooling refused a certificate: its path to a trusted CA does not validate. */
export class CertificateRejectedError extends CivitasError {
  override name = "CertificateRejectedError";
  /** Why, as @civitas/pki's path validation says (`EXPIRED`, `UNKNOWN_ISSUER`, `REVOKED`, ...). */
  readonly reason: VerifyFailureCode | "NO_ISSUER";
  constructor(reason: CertificateRejectedError["reason"], message: string) {
    super("CERTIFICATE_REJECTED", `Certificate refused [${reason}]: ${message}`);
    this.reason = reason;
  }
}

/** The registering tooling refused a binding statement (wrong account, chain, registry, signature...). */
export class BindingRejectedError extends CivitasError {
  override name = "BindingRejectedError";
  /** Why, as @civitas/pki's `verifyAccountBinding` says. */
  readonly reason: BindingFailureCode;
  constructor(reason: BindingFailureCode, message: string) {
    super("BINDING_REJECTED", `Binding statement refused [${reason}]: ${message}`);
    this.reason = reason;
  }
}

/**
 * Turns a viem error from a registry call into a {@link RegistryRevertedError} when the registry
 * reverted with one of its errors; anything else (network, RPC) is returned unchanged.
 */
export function toRegistryError(error: unknown, functionName: string): unknown {
  if (!(error instanceof BaseError)) return error;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || reverted.data === undefined) return error;
  const { errorName, args } = reverted.data;
  if (!IdentityRegistry.abi.some((item) => item.type === "error" && item.name === errorName)) return error;
  return new RegistryRevertedError({
    functionName,
    errorName: errorName as RegistryErrorName,
    args: (args ?? []) as RegistryErrorArgs,
    cause: error,
  });
}
