// Procedure codes, administration ids, actions and the contract's enums by name: the SDK speaks
// `"FILE_APPLICATION"` and `bilbao.urbanism/building-permit`; the contract speaks numbers and bytes32.
import {
  AuthorizationReason,
  PowerAction,
  PowerOrigin,
  PowerStatus,
  PowerType,
  TerminationCause,
} from "@civitas/contracts";
import { concat, type Hex, hexToString, isHex, pad, stringToHex } from "viem";
import { InvalidArgumentError } from "../errors/civitasError.ts";

export type PowerTypeName = keyof typeof PowerType;
export type PowerActionName = keyof typeof PowerAction;
export type PowerOriginName = keyof typeof PowerOrigin;
export type PowerStatusName = keyof typeof PowerStatus;
export type AuthorizationReasonName = keyof typeof AuthorizationReason;
export type TerminationCauseName = keyof typeof TerminationCause;

function half(name: string, what: string): Hex {
  if (name === "") throw new InvalidArgumentError(`${what} cannot be empty`, "INVALID_IDENTIFIER");
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > 16)
    throw new InvalidArgumentError(
      `${what} '${name}' is ${bytes} bytes long; at most 16 fit`,
      "INVALID_IDENTIFIER",
    );
  return stringToHex(name, { size: 16 });
}

/** An administration id: the body's name (≤ 16 bytes) in the high half of a bytes32, low half zero. */
export function administrationId(body: string): Hex {
  if (/^0x[0-9a-fA-F]{64}$/.test(body)) return body.toLowerCase() as Hex;
  return pad(half(body, "administration"), { dir: "right", size: 32 });
}

/**
 * A procedure code from `body/procedure` (each ≤ 16 bytes), or from its two parts, or a bytes32
 * given as hex: the administration's 16 bytes, then the procedure's own 16 bytes.
 */
export function procedureCode(value: string, procedure?: string): Hex {
  if (procedure === undefined && /^0x[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase() as Hex;
  let body = value;
  let local = procedure;
  if (local === undefined) {
    const slash = value.indexOf("/");
    if (slash < 0)
      throw new InvalidArgumentError(
        `procedure '${value}' must be written administration/procedure (e.g. bilbao.urbanism/building-permit)`,
        "INVALID_IDENTIFIER",
      );
    body = value.slice(0, slash);
    local = value.slice(slash + 1);
  }
  return concat([half(body, "administration"), half(local, "procedure")]);
}

function text(hex: Hex): string {
  const trimmed = hex.replace(/(00)+$/, "");
  return trimmed === "0x" ? "" : hexToString(trimmed as Hex);
}

/** `body/procedure` for a procedure code, `body` for an administration id (hex when not text). */
export function scopeEntryToString(value: Hex): string {
  if (!isHex(value) || value.length !== 66) return value;
  const body = text(`0x${value.slice(2, 34)}`);
  const local = text(`0x${value.slice(34)}`);
  const printable = (s: string) => /^[\p{L}\p{N}\p{P}\p{S} ]*$/u.test(s) && !s.includes("\uFFFD");
  if (body === "" || !printable(body) || !printable(local)) return value;
  return local === "" ? body : `${body}/${local}`;
}

function codeOf<T extends Record<string, number>>(table: T, what: string, name: string): T[keyof T] {
  const key = name.toUpperCase().replaceAll("-", "_");
  if (!Object.hasOwn(table, key))
    throw new InvalidArgumentError(`unknown ${what} '${name}' (one of ${Object.keys(table).join(", ")})`);
  return table[key as keyof T];
}

function nameOf<T extends Record<string, number>>(table: T, what: string, code: number): keyof T & string {
  const name = Object.keys(table).find((k) => table[k] === code);
  if (name === undefined) throw new InvalidArgumentError(`unknown ${what} code ${code}`);
  return name as keyof T & string;
}

/** The code of a power type name (case-insensitive). */
export const powerTypeCode = (name: string): PowerType => codeOf(PowerType, "power type", name);
/** The code of an action name (case-insensitive, `-` or `_`). */
export const powerActionCode = (name: string): PowerAction => codeOf(PowerAction, "action", name);
/** The code of an origin name. */
export const powerOriginCode = (name: string): PowerOrigin => codeOf(PowerOrigin, "origin", name);
/** The code of a termination cause name. */
export const terminationCauseCode = (name: string): TerminationCause =>
  codeOf(TerminationCause, "termination cause", name);
/** The name of a power type code. */
export const powerTypeName = (code: number): PowerTypeName => nameOf(PowerType, "power type", code);
/** The name of an origin code. */
export const powerOriginName = (code: number): PowerOriginName => nameOf(PowerOrigin, "origin", code);
/** The name of a status code. */
export const powerStatusName = (code: number): PowerStatusName => nameOf(PowerStatus, "power status", code);
/** The name of an authorization reason code. */
export const authorizationReasonName = (code: number): AuthorizationReasonName =>
  nameOf(AuthorizationReason, "authorization reason", code);

/** The bitmask of a list of actions. */
export function actionsMask(actions: readonly PowerActionName[]): number {
  if (actions.length === 0) throw new InvalidArgumentError("a power needs at least one action");
  return actions.reduce((mask, a) => mask | (1 << powerActionCode(a)), 0);
}

/** The actions of a bitmask, in the contract's order. */
export function actionsOf(mask: number): PowerActionName[] {
  return (Object.keys(PowerAction) as PowerActionName[]).filter((a) => (mask & (1 << PowerAction[a])) !== 0);
}
