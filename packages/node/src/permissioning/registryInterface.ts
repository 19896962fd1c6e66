// The part of the IdentityRegistry contract the node itself reads: two views and the events that
// change a permission. Kept here, by signature, so that the node does not depend on the contracts
// package; the contracts' tests check these signatures against the compiled ABI.
import { keccak256 } from "../crypto/nativeCrypto.ts";

/** Access levels of the registry, in increasing order (its `AccessLevel` enum). */
export const ACCESS_LEVELS = ["NONE", "READ", "TRANSACT", "DEPLOY", "ADMIN"] as const;
export type AccessLevelName = (typeof ACCESS_LEVELS)[number];
export const TRANSACT_LEVEL = 2;
export const DEPLOY_LEVEL = 3;

/** Why an account has its level (the registry's `MemberStatus` enum). */
export const MEMBER_STATUSES = [
  "NOT_MEMBER",
  "ACTIVE",
  "CERTIFICATE_REVOKED",
  "CERTIFICATE_EXPIRED",
  "UNTRUSTED_ISSUER",
  "ORGANISATION_REMOVED",
] as const;
export type MemberStatusName = (typeof MEMBER_STATUSES)[number];

/** `permissionAt(address account, uint64 time) returns (uint8 level, uint8 status, uint64 validUntil)` */
export const PERMISSION_AT_SIGNATURE = "permissionAt(address,uint64)";
/** `isCertificateRevoked(bytes32 certificateFingerprint) returns (bool)` */
export const IS_CERTIFICATE_REVOKED_SIGNATURE = "isCertificateRevoked(bytes32)";

/** Registry events that change the permission of the one account in the given topic. */
export const ACCOUNT_EVENTS: Readonly<Record<string, number>> = {
  "MemberRegistered(address,bytes32,bytes32,bytes32,bytes32,uint8,uint64,bytes32,address)": 1,
  "MemberRoleChanged(address,bytes32,bytes32)": 1,
  "MemberRemoved(address,bytes32)": 1,
  "CertificateRevoked(bytes32,address,uint8)": 2,
  "NetworkAdminAdded(address)": 1,
  "NetworkAdminRemoved(address)": 1,
  "RegistrarAdded(address)": 1,
  "RegistrarRemoved(address)": 1,
};

/** Registry events that change no permission. Any other registry event clears every cached decision. */
export const NEUTRAL_EVENTS: readonly string[] = [
  "ProposalCreated(bytes32,address,uint8,bytes32,bytes32)",
  "ProposalApproved(bytes32,address,uint256)",
  "ProposalExecuted(bytes32,address)",
  "QuorumChanged(uint256)",
];

/** The event whose first topic after the signature is a revoked certificate's fingerprint. */
export const CERTIFICATE_REVOKED_EVENT = "CertificateRevoked(bytes32,address,uint8)";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** First four bytes of keccak256(signature). */
export function selectorOf(signature: string): Uint8Array {
  return keccak256(new TextEncoder().encode(signature)).subarray(0, 4);
}

/** keccak256(signature), lowercase hex without 0x: the first topic of an event's logs. */
export function topicOf(signature: string): string {
  return hex(keccak256(new TextEncoder().encode(signature)));
}

function word(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Calldata of `permissionAt(account, time)`. */
export function encodePermissionAt(account: Uint8Array, time: bigint): Uint8Array {
  const data = new Uint8Array(4 + 64);
  data.set(PERMISSION_AT_SELECTOR, 0);
  data.set(account, 4 + 12);
  data.set(word(time), 4 + 32);
  return data;
}

/** Calldata of `isCertificateRevoked(fingerprint)`. */
export function encodeIsCertificateRevoked(fingerprint: Uint8Array): Uint8Array {
  const data = new Uint8Array(4 + 32);
  data.set(IS_CERTIFICATE_REVOKED_SELECTOR, 0);
  data.set(fingerprint, 4);
  return data;
}

/** A decoded `permissionAt` answer. */
export interface Permission {
  readonly level: number;
  readonly status: number;
  /** Last second (unix) this answer holds without a registry change. */
  readonly validUntil: bigint;
}

/** Decodes `permissionAt`'s three words; throws on a malformed answer. */
export function decodePermission(output: Uint8Array): Permission {
  if (output.length !== 96) throw new Error(`permissionAt returned ${output.length} bytes, expected 96`);
  const read = (i: number) => BigInt(`0x${hex(output.subarray(i * 32, i * 32 + 32))}`);
  const level = read(0);
  const status = read(1);
  if (level >= BigInt(ACCESS_LEVELS.length) || status >= BigInt(MEMBER_STATUSES.length))
    throw new Error(`permissionAt returned an unknown level ${level} or status ${status}`);
  return { level: Number(level), status: Number(status), validUntil: read(2) };
}

const PERMISSION_AT_SELECTOR = selectorOf(PERMISSION_AT_SIGNATURE);
const IS_CERTIFICATE_REVOKED_SELECTOR = selectorOf(IS_CERTIFICATE_REVOKED_SIGNATURE);

/**
 * Where the registry keeps what `permissionAt` reads (solc's storage layout of IdentityRegistry;
 * the contracts' tests check it): slots of its state variables and word offsets inside records.
 */
export const REGISTRY_STORAGE = {
  isNetworkAdmin: 2,
  isRegistrar: 3,
  isTrustedIssuer: 4,
  organisations: 5,
  roles: 6,
  members: 7,
  /** Every issuer ever trusted (`bytes32[]`), by 1 + position: a member's `issuerIndex`. */
  issuers: 13,
  /** Every role ever defined (`RoleKey[]`: organisation, role), by 1 + position: a member's `roleIndex`. */
  roleKeys: 15,
  /**
   * The word of a `MemberRecord` that decides its permission, and the byte offsets (from the
   * low end) of what it packs: notAfter, registeredAt (8 bytes each), certificateRevoked (1),
   * issuerIndex, roleIndex (4 each).
   */
  member: {
    word: 6,
    notAfter: 0,
    registeredAt: 8,
    certificateRevoked: 17,
    issuerIndex: 18,
    roleIndex: 22,
  },
  /** Word of an `Organisation` whose lowest byte is `exists`. */
  organisationExists: 1,
} as const;

/**
 * Reads the word at a storage slot of the registry (32-byte key): its bytes as the state keeps
 * them (big-endian, leading zeros stripped; empty for zero).
 */
export type StorageReader = (slot: Uint8Array) => Promise<Uint8Array>;

const UINT64 = (1n << 64n) - 1n;

/** keccak256(key ‖ slot): where a mapping at `slot` (a 32-byte word) keeps the value of `key`. */
function mappingSlot(key: Uint8Array, slot: Uint8Array): Uint8Array {
  const data = new Uint8Array(64);
  data.set(key, 0);
  data.set(slot, 32);
  return keccak256(data);
}

/** `slot + offset` (mod 2^256), for an offset up to 2^53: a record's word, an array's element. */
function addSlot(slot: Uint8Array, offset: number): Uint8Array {
  if (offset === 0) return slot;
  const out = slot.slice();
  let carry = offset;
  for (let i = 31; i >= 0 && carry > 0; i--) {
    const sum = out[i]! + carry;
    out[i] = sum % 256;
    carry = Math.floor(sum / 256);
  }
  return out;
}

/** A value as a 32-byte word (left-padded). */
function padWord(value: Uint8Array): Uint8Array {
  if (value.length === 32) return value;
  const out = new Uint8Array(32);
  out.set(value, 32 - value.length);
  return out;
}

const isZero = (value: Uint8Array) => value.every((b) => b === 0);

/** The unsigned integer in bytes [from, to) counted from the word's low end (byte 0 = lowest). */
function bitsOf(value: Uint8Array, from: number, to: number): bigint {
  let out = 0n;
  for (let i = to - 1; i >= from; i--) out = (out << 8n) | BigInt(value[value.length - 1 - i] ?? 0);
  return out;
}

const lowByte = (value: Uint8Array) => (value.length === 0 ? 0 : value[value.length - 1]!);

/**
 * Raised by `readPermission` for storage that is not in the layout it reads (a registry of
 * another version at the address): the caller should ask the registry's view instead.
 */
export class RegistryLayoutError extends Error {
  override name = "RegistryLayoutError";
}

/**
 * The slot of the element a record's 4-byte index (1 + position, at byte `at` of `record`) names
 * in an array of `words`-word elements whose data begins at `base`. Index 0 is not this layout:
 * here a registered member always has both indices.
 */
function arrayElement(base: Uint8Array, record: Uint8Array, at: number, words: number): Uint8Array {
  const index = Number(bitsOf(record, at, at + 4));
  if (index === 0)
    throw new RegistryLayoutError("the identity registry holds a member without an issuer or role index");
  return addSlot(base, (index - 1) * words);
}

const S = REGISTRY_STORAGE;
/** The state variables' slots as 32-byte words (what mapping slots hash). */
const SLOTS = {
  isNetworkAdmin: word(BigInt(S.isNetworkAdmin)),
  isRegistrar: word(BigInt(S.isRegistrar)),
  isTrustedIssuer: word(BigInt(S.isTrustedIssuer)),
  organisations: word(BigInt(S.organisations)),
  roles: word(BigInt(S.roles)),
  members: word(BigInt(S.members)),
};
/** Where the elements of the registry's two index arrays begin. */
const ARRAYS = {
  issuers: keccak256(word(BigInt(S.issuers))),
  roleKeys: keccak256(word(BigInt(S.roleKeys))),
};

/** What a member's issuer and role decide: the same for every member that has both. */
export interface RoleDecision {
  /** ACTIVE, UNTRUSTED_ISSUER or ORGANISATION_REMOVED (MEMBER_STATUSES' indexes). */
  readonly status: number;
  /** The role's level while ACTIVE, else 0. */
  readonly level: number;
}

/**
 * Role decisions by issuer and role index, for one state of the registry's storage: a caller that
 * passes the same map for every lookup on that state reads the five shared words once per pair.
 */
export type RoleDecisions = Map<string, RoleDecision>;

/** The shared part of a member's decision: its issuer's trust, its organisation, its role's level. */
async function readRoleDecision(read: StorageReader, record: Uint8Array): Promise<RoleDecision> {
  const m = S.member;
  const issuer = padWord(await read(arrayElement(ARRAYS.issuers, record, m.issuerIndex, 1)));
  const roleKey = arrayElement(ARRAYS.roleKeys, record, m.roleIndex, 2);
  const organisation = padWord(await read(roleKey));
  if (isZero(await read(mappingSlot(issuer, SLOTS.isTrustedIssuer)))) return { status: 4, level: 0 };
  if (
    lowByte(await read(addSlot(mappingSlot(organisation, SLOTS.organisations), S.organisationExists))) === 0
  )
    return { status: 5, level: 0 };
  const role = padWord(await read(addSlot(roleKey, 1)));
  return { status: 1, level: lowByte(await read(mappingSlot(role, mappingSlot(organisation, SLOTS.roles)))) };
}

/**
 * `permissionAt(account, time)` computed from the registry's storage, without running the EVM:
 * the same decisions in the same order as the contract (see IdentityRegistry.sol). A member's
 * record packs what the decision needs about it into one word (times, the revocation flag, its
 * issuer and role by index); the rest is shared by every member of a role (the issuer's trust,
 * the organisation, the role's level) or belongs to the account (admin, registrar): two reads of
 * storage only this account touches, and five that every member of its role shares (read once per
 * role when `roles` is given; it must belong to the state `read` reads). Tested against the
 * contract's view. Throws RegistryLayoutError for a member record it cannot follow.
 */
export async function readPermission(
  read: StorageReader,
  account: Uint8Array,
  time: bigint,
  roles?: RoleDecisions,
): Promise<Permission> {
  const accountWord = padWord(account);
  const m = S.member;
  const record = await read(addSlot(mappingSlot(accountWord, SLOTS.members), m.word));
  const registeredAt = bitsOf(record, m.registeredAt, m.registeredAt + 8);
  const notAfter = bitsOf(record, m.notAfter, m.notAfter + 8);
  let status = 0; // NOT_MEMBER
  let level = 0;
  if (registeredAt !== 0n) {
    if (bitsOf(record, m.certificateRevoked, m.certificateRevoked + 1) !== 0n) status = 2;
    else if (time > notAfter) status = 3;
    else {
      const key = `${bitsOf(record, m.issuerIndex, m.issuerIndex + 4)}/${bitsOf(record, m.roleIndex, m.roleIndex + 4)}`;
      let decision = roles?.get(key);
      if (decision === undefined) {
        decision = await readRoleDecision(read, record);
        roles?.set(key, decision);
      }
      status = decision.status;
      level = decision.level;
    }
    // A suspended member has no level at all, even as an admin or a registrar.
    if (status !== 1) return { level: 0, status, validUntil: UINT64 };
  }
  if (!isZero(await read(mappingSlot(accountWord, SLOTS.isNetworkAdmin)))) level = 4;
  else if (level < TRANSACT_LEVEL && !isZero(await read(mappingSlot(accountWord, SLOTS.isRegistrar))))
    level = TRANSACT_LEVEL;
  if (level >= ACCESS_LEVELS.length) throw new Error(`the registry holds an unknown access level ${level}`);
  return { level, status, validUntil: status === 1 ? notAfter : UINT64 };
}
