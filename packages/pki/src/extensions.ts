// Civitas certificate extensions. Their ASN.1 is declared with @peculiar/asn1-schema (the schema
// layer @peculiar/x509 is built on) and encoded/decoded by it: no hand-written DER. The classes
// are plain (Node strips types but not decorators), so the decorators are applied as functions.
import {
  AsnParser,
  AsnProp,
  AsnPropTypes,
  AsnSerializer,
  AsnType,
  AsnTypeTypes,
} from "@peculiar/asn1-schema";
import { toArrayBuffer, toBytes } from "./encoding.ts";
import { errorMessage, PkiError } from "./errors.ts";
import { type Address, checksumAddress, parseAddress } from "./eth.ts";
import { OID_EXT_NODE, OID_EXT_ORGANISATION, OID_EXT_PERSON } from "./oids.ts";
import { x509 } from "./x509.ts";

/*
 * CivitasPki DEFINITIONS IMPLICIT TAGS ::= BEGIN
 *
 *   -- {arc}.1.1.1, non-critical: the certificate is a Civitas node certificate.
 *   CivitasNodeInfo ::= SEQUENCE {
 *     validatorAddress [0] OCTET STRING (SIZE (20)) OPTIONAL -- present iff the node is a validator
 *   }
 *
 *   -- {arc}.1.1.2, non-critical: organisation roles (name and identifier are in the subject).
 *   CivitasOrganisationInfo ::= SEQUENCE {
 *     roles SEQUENCE SIZE (1..32) OF UTF8String
 *   }
 *
 *   -- {arc}.1.1.3, non-critical: person assurance level and roles.
 *   CivitasPersonInfo ::= SEQUENCE {
 *     assuranceLevel AssuranceLevel,
 *     roles          SEQUENCE SIZE (0..32) OF UTF8String,
 *     idHashKeyId    [0] OCTET STRING (SIZE (8)) OPTIONAL -- which HMAC key hashed the national ID
 *   }
 *   AssuranceLevel ::= ENUMERATED { low (1), substantial (2), qualified (3) }
 * END
 */

class NodeInfoAsn {
  validatorAddress?: ArrayBuffer;
}
AsnType({ type: AsnTypeTypes.Sequence })(NodeInfoAsn);
AsnProp({ type: AsnPropTypes.OctetString, context: 0, implicit: true, optional: true })(
  NodeInfoAsn.prototype,
  "validatorAddress",
);

class OrganisationInfoAsn {
  roles: string[] = [];
}
AsnType({ type: AsnTypeTypes.Sequence })(OrganisationInfoAsn);
AsnProp({ type: AsnPropTypes.Utf8String, repeated: "sequence" })(OrganisationInfoAsn.prototype, "roles");

class PersonInfoAsn {
  assuranceLevel = 0;
  roles: string[] = [];
  idHashKeyId?: ArrayBuffer;
}
AsnType({ type: AsnTypeTypes.Sequence })(PersonInfoAsn);
AsnProp({ type: AsnPropTypes.Enumerated })(PersonInfoAsn.prototype, "assuranceLevel");
AsnProp({ type: AsnPropTypes.Utf8String, repeated: "sequence" })(PersonInfoAsn.prototype, "roles");
AsnProp({ type: AsnPropTypes.OctetString, context: 0, implicit: true, optional: true })(
  PersonInfoAsn.prototype,
  "idHashKeyId",
);

/** Assurance level of a person certificate, mirroring qualified and non-qualified citizen certificates. */
export type AssuranceLevel = "QUALIFIED" | "SUBSTANTIAL" | "LOW";
export const ASSURANCE_LEVELS: readonly AssuranceLevel[] = ["LOW", "SUBSTANTIAL", "QUALIFIED"];
const LEVEL_CODE: Record<AssuranceLevel, number> = { LOW: 1, SUBSTANTIAL: 2, QUALIFIED: 3 };

export function parseAssuranceLevel(text: string): AssuranceLevel {
  const up = text.toUpperCase();
  if (up === "QUALIFIED" || up === "SUBSTANTIAL" || up === "LOW") return up;
  throw new PkiError(
    "INVALID_ARGUMENT",
    `assurance level must be QUALIFIED, SUBSTANTIAL or LOW, not "${text}"`,
  );
}

/** Roles are short machine names: lowercase letters, digits and `.`, `_`, `:`, `-`. */
export const ROLE_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,63}$/;
export const MAX_ROLES = 32;

export function checkRoles(roles: readonly string[], min: number): string[] {
  if (!Array.isArray(roles)) throw new PkiError("INVALID_ARGUMENT", "roles must be a list");
  if (roles.length < min) throw new PkiError("INVALID_ARGUMENT", `at least ${min} role(s) required`);
  if (roles.length > MAX_ROLES) throw new PkiError("INVALID_ARGUMENT", `at most ${MAX_ROLES} roles`);
  for (const r of roles) {
    if (typeof r !== "string" || !ROLE_PATTERN.test(r)) {
      throw new PkiError(
        "INVALID_ARGUMENT",
        `invalid role "${String(r).slice(0, 70)}" (expected ${ROLE_PATTERN.source})`,
      );
    }
  }
  if (new Set(roles).size !== roles.length) throw new PkiError("INVALID_ARGUMENT", "duplicate role");
  return [...roles];
}

export interface NodeInfo {
  validatorAddress?: Address;
}
export interface OrganisationInfo {
  roles: string[];
}
export interface PersonInfo {
  assuranceLevel: AssuranceLevel;
  roles: string[];
  /** Hex identifier (8 bytes) of the HMAC key that hashed the national ID in the subject. */
  idHashKeyId?: string;
}

export function nodeInfoExtension(info: NodeInfo): x509.Extension {
  const asn = new NodeInfoAsn();
  if (info.validatorAddress !== undefined) {
    asn.validatorAddress = toArrayBuffer(parseAddress(info.validatorAddress, "validator address"));
  }
  return new x509.Extension(OID_EXT_NODE, false, AsnSerializer.serialize(asn));
}

export function organisationInfoExtension(info: OrganisationInfo): x509.Extension {
  const asn = new OrganisationInfoAsn();
  asn.roles = checkRoles(info.roles, 1);
  return new x509.Extension(OID_EXT_ORGANISATION, false, AsnSerializer.serialize(asn));
}

export function personInfoExtension(info: PersonInfo): x509.Extension {
  const asn = new PersonInfoAsn();
  asn.assuranceLevel = LEVEL_CODE[parseAssuranceLevel(info.assuranceLevel)];
  asn.roles = checkRoles(info.roles, 0);
  if (info.idHashKeyId !== undefined) {
    const id = Buffer.from(info.idHashKeyId, "hex");
    if (id.length !== 8) throw new PkiError("INVALID_ARGUMENT", "idHashKeyId must be 8 bytes of hex");
    asn.idHashKeyId = toArrayBuffer(id);
  }
  return new x509.Extension(OID_EXT_PERSON, false, AsnSerializer.serialize(asn));
}

function parseAsn<T>(value: ArrayBuffer, type: new () => T, what: string): T {
  try {
    return AsnParser.parse(value, type, {
      berOptions: { maxDepth: 8, maxNodes: 200, maxContentLength: 16384 },
    });
  } catch (err) {
    throw new PkiError("MALFORMED_EXTENSION", `${what} extension does not decode: ${errorMessage(err)}`, {
      cause: err,
    });
  }
}

export function decodeNodeInfo(value: ArrayBuffer): NodeInfo {
  const asn = parseAsn(value, NodeInfoAsn, "Civitas node");
  if (asn.validatorAddress === undefined) return {};
  const bytes = toBytes(asn.validatorAddress);
  if (bytes.length !== 20)
    throw new PkiError("MALFORMED_EXTENSION", "Civitas node extension: validator address is not 20 bytes");
  return { validatorAddress: checksumAddress(bytes) };
}

export function decodeOrganisationInfo(value: ArrayBuffer): OrganisationInfo {
  const asn = parseAsn(value, OrganisationInfoAsn, "Civitas organisation");
  try {
    return { roles: checkRoles(asn.roles, 1) };
  } catch (err) {
    throw new PkiError("MALFORMED_EXTENSION", `Civitas organisation extension: ${errorMessage(err)}`, {
      cause: err,
    });
  }
}

export function decodePersonInfo(value: ArrayBuffer): PersonInfo {
  const asn = parseAsn(value, PersonInfoAsn, "Civitas person");
  const level = ASSURANCE_LEVELS.find((l) => LEVEL_CODE[l] === asn.assuranceLevel);
  if (level === undefined)
    throw new PkiError(
      "MALFORMED_EXTENSION",
      `Civitas person extension: unknown assurance level ${asn.assuranceLevel}`,
    );
  let roles: string[];
  try {
    roles = checkRoles(asn.roles, 0);
  } catch (err) {
    throw new PkiError("MALFORMED_EXTENSION", `Civitas person extension: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  const info: PersonInfo = { assuranceLevel: level, roles };
  if (asn.idHashKeyId !== undefined) {
    const id = toBytes(asn.idHashKeyId);
    if (id.length !== 8)
      throw new PkiError("MALFORMED_EXTENSION", "Civitas person extension: idHashKeyId is not 8 bytes");
    info.idHashKeyId = Buffer.from(id).toString("hex");
  }
  return info;
}
