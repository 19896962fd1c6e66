// The registry's enums by name: the SDK speaks `"TRANSACT"`, the contract speaks 2.
import { AccessLevel, AdminAction, Assurance, MemberStatus } from "@civitas/contracts";
import { InvalidArgumentError } from "../errors/civitasError.ts";

export type AccessLevelName = keyof typeof AccessLevel;
export type AssuranceName = keyof typeof Assurance;
export type MemberStatusName = keyof typeof MemberStatus;
export type AdminActionName = keyof typeof AdminAction;
/** Levels a registrar may give a role (ADMIN is granted by quorum only). */
export type RoleLevelName = "READ" | "TRANSACT" | "DEPLOY";

function nameOf<T extends Record<string, number>>(table: T, what: string, code: number): keyof T & string {
  const name = Object.keys(table).find((k) => table[k] === code);
  if (name === undefined) throw new InvalidArgumentError(`unknown ${what} code ${code}`);
  return name as keyof T & string;
}

function codeOf<T extends Record<string, number>>(table: T, what: string, name: string): T[keyof T] {
  const key = name.toUpperCase();
  if (!Object.hasOwn(table, key))
    throw new InvalidArgumentError(`unknown ${what} '${name}' (one of ${Object.keys(table).join(", ")})`);
  return table[key as keyof T];
}

/** The name of an access-level code (2 → "TRANSACT"). */
export const accessLevelName = (code: number): AccessLevelName => nameOf(AccessLevel, "access level", code);
/** The name of an assurance code (2 → "SUBSTANTIAL"). */
export const assuranceName = (code: number): AssuranceName => nameOf(Assurance, "assurance level", code);
/** The name of a member-status code (2 → "CERTIFICATE_REVOKED"). */
export const memberStatusName = (code: number): MemberStatusName =>
  nameOf(MemberStatus, "member status", code);
/** The name of an admin-action code (0 → "ADD_ORGANISATION"). */
export const adminActionName = (code: number): AdminActionName => nameOf(AdminAction, "admin action", code);

/** The code of an access-level name (case-insensitive); throws InvalidArgumentError for others. */
export const accessLevelCode = (name: string): AccessLevel => codeOf(AccessLevel, "access level", name);
/** The code of an assurance name (case-insensitive). */
export const assuranceCode = (name: string): Assurance => codeOf(Assurance, "assurance level", name);
/** The code of an admin-action name (case-insensitive). */
export const adminActionCode = (name: string): AdminAction => codeOf(AdminAction, "admin action", name);
