// A proposal's bytes32 subject and argument, from what people give for each action.
import { type Hex, numberToHex } from "viem";
import { InvalidArgumentError } from "../errors/civitasError.ts";
import type { AdminActionName } from "./enums.ts";
import { accountToWord, toBytes32, toIdentifier } from "./identifiers.ts";

/** A subject or argument: an identifier, an account, a number (SET_QUORUM) or a fingerprint. */
export type AdminSubject = string | bigint | number;

const ZERO: Hex = `0x${"0".repeat(64)}`;

/**
 * The bytes32 subject of an administration proposal: ADD_ / REMOVE_ORGANISATION take an
 * organisation identifier; GRANT_ / REVOKE_ADMIN and ADD_ / REMOVE_REGISTRAR an account;
 * SET_QUORUM a number; ADD_ / REMOVE_ISSUER a CA certificate's SHA-256 fingerprint.
 */
export function encodeAdminSubject(action: AdminActionName, subject: AdminSubject): Hex {
  switch (action) {
    case "ADD_ORGANISATION":
    case "REMOVE_ORGANISATION":
      return toIdentifier(String(subject));
    case "GRANT_ADMIN":
    case "REVOKE_ADMIN":
    case "ADD_REGISTRAR":
    case "REMOVE_REGISTRAR":
      return accountToWord(String(subject) as Hex);
    case "SET_QUORUM": {
      const text = String(subject);
      if (!/^\d+$/.test(text)) throw new InvalidArgumentError(`SET_QUORUM takes a number, got '${text}'`);
      return numberToHex(BigInt(text), { size: 32 });
    }
    case "ADD_ISSUER":
    case "REMOVE_ISSUER":
      return toBytes32(String(subject), "CA fingerprint");
  }
}

/** The bytes32 argument of a proposal: ADD_ORGANISATION's parent organisation; zero for the others. */
export function encodeAdminArgument(action: AdminActionName, argument: AdminSubject | undefined): Hex {
  if (argument === undefined || argument === "") return ZERO;
  if (action !== "ADD_ORGANISATION")
    throw new InvalidArgumentError(
      `${action} takes no argument (only ADD_ORGANISATION: the parent organisation)`,
    );
  return toIdentifier(String(argument));
}
