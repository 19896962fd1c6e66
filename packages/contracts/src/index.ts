// The compiled contracts, for TypeScript: `abi` (as const, so viem infers every type),
// `bytecode` (creation code) and `deployedBytecode` (runtime code) per contract.

export * as ApplicationDesk from "../generated/ApplicationDesk.ts";
export * as DocumentRegistry from "../generated/DocumentRegistry.ts";
export * as IdentityRegistry from "../generated/IdentityRegistry.ts";
export * as PowerOfAttorney from "../generated/PowerOfAttorney.ts";
export * as RepresentationForwarder from "../generated/RepresentationForwarder.ts";
export * as TrustedIssuers from "../generated/TrustedIssuers.ts";
export * from "./addresses.ts";
export * from "./documents.ts";
export * from "./powers.ts";

/** Access levels of the identity registry, in increasing order (its `AccessLevel` enum). */
export const AccessLevel = { NONE: 0, READ: 1, TRANSACT: 2, DEPLOY: 3, ADMIN: 4 } as const;
export type AccessLevel = (typeof AccessLevel)[keyof typeof AccessLevel];

/** Certificate assurance levels of the identity registry (its `Assurance` enum). */
export const Assurance = { NONE: 0, LOW: 1, SUBSTANTIAL: 2, QUALIFIED: 3 } as const;
export type Assurance = (typeof Assurance)[keyof typeof Assurance];

/** Administration changes that need a quorum of network admins (its `Action` enum). */
export const AdminAction = {
  ADD_ORGANISATION: 0,
  REMOVE_ORGANISATION: 1,
  GRANT_ADMIN: 2,
  REVOKE_ADMIN: 3,
  ADD_REGISTRAR: 4,
  REMOVE_REGISTRAR: 5,
  SET_QUORUM: 6,
  ADD_ISSUER: 7,
  REMOVE_ISSUER: 8,
} as const;
export type AdminAction = (typeof AdminAction)[keyof typeof AdminAction];

/** Why an account has its access level (the registry's `MemberStatus` enum, from `permissionAt`). */
export const MemberStatus = {
  NOT_MEMBER: 0,
  ACTIVE: 1,
  CERTIFICATE_REVOKED: 2,
  CERTIFICATE_EXPIRED: 3,
  UNTRUSTED_ISSUER: 4,
  ORGANISATION_REMOVED: 5,
} as const;
export type MemberStatus = (typeof MemberStatus)[keyof typeof MemberStatus];
