// What the power-of-attorney actions need from a client: the contracts' addresses, and how to
// send a transaction to one of them with its refusal decoded.
import {
  ApplicationDesk,
  POWER_OF_ATTORNEY_ADDRESS,
  PowerOfAttorney,
  REPRESENTATION_FORWARDER_ADDRESS,
  RepresentationForwarder,
} from "@civitas/contracts";
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  type Client,
  ContractFunctionRevertedError,
  getAddress,
  type Hash,
  type TransactionReceipt,
  type Transport,
} from "viem";
import { type AccountMissingError, CivitasError } from "../errors/civitasError.ts";
import { checkedWrite } from "../utils/checkedWrite.ts";
import { authorizationReasonName } from "./codes.ts";

/** Where the demo ApplicationDesk lives when a network's genesis places it (fixed, like the system contracts). */
export const APPLICATION_DESK_ADDRESS = getAddress("0x00000000000000000000000000000000000c17de");

/**
 * A viem client the power actions accept, optionally carrying the contracts' addresses (default:
 * the fixed genesis addresses POWER_OF_ATTORNEY_ADDRESS, REPRESENTATION_FORWARDER_ADDRESS and
 * APPLICATION_DESK_ADDRESS).
 */
export type PowersClient = Client<Transport, Chain | undefined, Account | undefined> & {
  powerOfAttorney?: Address | undefined;
  forwarder?: Address | undefined;
  applicationDesk?: Address | undefined;
};

/** The addresses a client talks to. */
export function powersAddresses(client: PowersClient): {
  powerOfAttorney: Address;
  forwarder: Address;
  applicationDesk: Address;
} {
  return {
    powerOfAttorney: client.powerOfAttorney ?? POWER_OF_ATTORNEY_ADDRESS,
    forwarder: client.forwarder ?? REPRESENTATION_FORWARDER_ADDRESS,
    applicationDesk: client.applicationDesk ?? APPLICATION_DESK_ADDRESS,
  };
}

function reasonName(code: number): string {
  try {
    return authorizationReasonName(code);
  } catch {
    return `unknown reason ${code}`;
  }
}

/** What to do about the refusals people meet most. */
const HINTS: Record<string, string> = {
  InsufficientAssurance: "Granting a power is a high-stakes act: the grantor needs a QUALIFIED certificate.",
  NotActiveMember: "Both parties must be active members of the identity registry.",
  RepresentativeConflict:
    "Another representative already holds an active power of this grantor for an overlapping procedure; it must end first.",
  InvalidValidity: "A power lasts at most five years from its registration (or from its extension).",
  NotAuthorized: "The attorney holds no active power for this procedure and action at this time.",
  InvalidNonce: "Sign the request again with the forwarder's current nonce for this account.",
  RequestExpired: "The request's deadline has passed; sign a new one.",
  NotOfficial: "Only a registry official may do this.",
};

/** A power-of-attorney contract (registry, forwarder or desk) refused a call with one of its errors. */
export class PowersRevertedError extends CivitasError {
  override name = "PowersRevertedError";
  readonly contract: string;
  readonly functionName: string;
  readonly errorName: string;
  readonly args: readonly unknown[];
  constructor(p: {
    contract: string;
    functionName: string;
    errorName: string;
    args: readonly unknown[];
    cause?: unknown;
  }) {
    const args = p.args.map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ");
    const hint = HINTS[p.errorName];
    // NotAuthorized's last argument is the reason code: say it by name (REVOKED, EXPIRED…).
    const last = p.args.at(-1);
    const reason =
      p.errorName === "NotAuthorized" && (typeof last === "number" || typeof last === "bigint")
        ? `reason: ${reasonName(Number(last))}`
        : undefined;
    super("POWERS_REVERTED", `${p.contract}.${p.functionName} reverted: ${p.errorName}(${args})`, {
      metaMessages: [...(reason ? [reason] : []), ...(hint ? [hint] : [])],
      cause: p.cause,
    });
    this.contract = p.contract;
    this.functionName = p.functionName;
    this.errorName = p.errorName;
    this.args = p.args;
  }
}

/** Whether `error` is the power contracts' custom error `name`. */
export function isPowersError(error: unknown, name: string): error is PowersRevertedError {
  return error instanceof PowersRevertedError && error.errorName === name;
}

/** Every error a power transaction can revert with: the forwarded call's included. */
const ALL_ERRORS = [...PowerOfAttorney.abi, ...RepresentationForwarder.abi, ...ApplicationDesk.abi].filter(
  (item) => item.type === "error",
);

/** A contract the power writes go to. */
export interface PowersContract {
  readonly name: string;
  readonly address: Address;
  // biome-ignore lint/suspicious/noExplicitAny: the contract's ABI; function names and args are checked by viem's encoding at run time
  readonly abi: any;
}

export function toPowersError(error: unknown, contract: string, functionName: string): unknown {
  if (!(error instanceof BaseError)) return error;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || reverted.data?.errorName === undefined)
    return error;
  return new PowersRevertedError({
    contract,
    functionName,
    errorName: reverted.data.errorName,
    args: reverted.data.args ?? [],
    cause: error,
  });
}

/** What every power write returns: the transaction and its successful receipt. */
export interface PowersWriteResult {
  hash: Hash;
  receipt: TransactionReceipt;
}

/** The errors a power write can end with. */
export type PowersWriteErrorType = PowersRevertedError | AccountMissingError | BaseError;

/**
 * Sends a transaction from the client's account: simulated first (a refusal is reported, decoded,
 * before anything is signed), then sent; waits for the receipt. A revert becomes a
 * {@link PowersRevertedError}.
 */
export async function writePowers(
  client: PowersClient,
  contract: PowersContract,
  functionName: string,
  args: readonly unknown[],
  value?: bigint,
): Promise<PowersWriteResult> {
  // The contract's errors and those of any contract a forwarded call reaches, so all decode.
  return checkedWrite(
    client,
    { address: contract.address, abi: [...contract.abi, ...ALL_ERRORS], functionName, args, value },
    (err) => toPowersError(err, contract.name, functionName),
    (err) => err instanceof PowersRevertedError,
    (hash) =>
      new CivitasError(
        "TRANSACTION_REVERTED",
        `${contract.name}.${functionName} transaction ${hash} reverted.`,
      ),
  );
}

/** The PowerOfAttorney contract a client talks to. */
export function powerOfAttorneyContract(client: PowersClient): PowersContract {
  return {
    name: "PowerOfAttorney",
    address: powersAddresses(client).powerOfAttorney,
    abi: PowerOfAttorney.abi,
  };
}

/** The RepresentationForwarder a client talks to. */
export function forwarderContract(client: PowersClient): PowersContract {
  return {
    name: "RepresentationForwarder",
    address: powersAddresses(client).forwarder,
    abi: RepresentationForwarder.abi,
  };
}

/** The ApplicationDesk a client talks to. */
export function applicationDeskContract(client: PowersClient): PowersContract {
  return {
    name: "ApplicationDesk",
    address: powersAddresses(client).applicationDesk,
    abi: ApplicationDesk.abi,
  };
}
