// Members of a genesis identity registry: each gets a person certificate from the network's CA
// and signs, with its account key, the binding statement the registry checks on chain; the
// registry is then constructed and set up with a demo organisation whose role may deploy.

import { randomBytes } from "node:crypto";
import { AccessLevel, Assurance, IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { type AccountKey, signHash } from "@civitas/node";
import {
  type AssuranceLevel,
  bindingDigest,
  type CertificateAuthority,
  certificateFingerprint,
  type IssuedCertificate,
  type x509,
} from "@civitas/pki";
import { type Address, bytesToHex, type Hex, stringToHex } from "viem";
import {
  createIdentityRegistryAlloc,
  type GenesisContractAlloc,
  type RegistryRegistration,
} from "./systemContracts.ts";

/** The organisation the demo (and benchmark) accounts of a genesis belong to. */
export const DEMO_ORGANISATION = "civitas.demo";
/** Their role: DEPLOY, so that they can deploy contracts as on an open chain. */
export const DEVELOPER_ROLE = "developer";

/** `config.permissioning` of a genesis whose nodes check senders against the registry. */
export const PERMISSIONING = { identityRegistry: IDENTITY_REGISTRY_ADDRESS } as const;

/** A registry identifier (bytes32) from a short name such as "civitas.demo". */
export function registryId(name: string): Hex {
  if (name.length === 0 || Buffer.byteLength(name) > 32)
    throw new Error(`registry identifier '${name}' must be 1 to 32 bytes`);
  return stringToHex(name, { size: 32 });
}

/** An account a genesis registers, with the private key that signs its binding statement. */
export interface GenesisMemberAccount {
  readonly address: string;
  /** secp256k1 private key, 0x-hex or bytes. */
  readonly privateKey: string | Uint8Array;
}

/** A member's credentials: its person certificate and key, and the registration they make. */
export interface GenesisMember {
  readonly account: Address;
  readonly certificate: x509.X509Certificate;
  /** The issuing CA's chain, nearest first, ending at the root. */
  readonly chain: readonly x509.X509Certificate[];
  readonly privateKey: NonNullable<IssuedCertificate["privateKey"]>;
  readonly registration: RegistryRegistration;
}

/** How many certificates are issued at a time (the signatures run on libuv's thread pool). */
const ISSUE_CONCURRENCY = 16;

/**
 * Issues a person certificate from `ca` for each account and signs, with the account's key, its
 * binding statement for the registry at its fixed address on `chainId`; returns the
 * registrations in the accounts' order (a key that is not the account's makes the registry
 * refuse the registration). The national ID is a made-up "DEMO…" from the account's address.
 */
export async function issueGenesisMembers(
  ca: CertificateAuthority,
  chainId: bigint,
  accounts: readonly GenesisMemberAccount[],
  o: { organisation: Hex; role: Hex; assurance?: AssuranceLevel },
): Promise<GenesisMember[]> {
  const issuerFingerprint = `0x${certificateFingerprint(ca.certificate)}` as Hex;
  const assurance = o.assurance ?? "SUBSTANTIAL";
  const issueOne = async (account: GenesisMemberAccount): Promise<GenesisMember> => {
    const nationalId = `DEMO${account.address.slice(2).toUpperCase()}`;
    // What the registration needs is known without reading the certificate back (the CA has
    // checked that it reads back): its fingerprint, the ID hash, the assurance and the expiry.
    const issued: IssuedCertificate = await ca.issuePersonCertificate({
      nationalId,
      assuranceLevel: assurance,
    });
    if (issued.privateKey === undefined)
      throw new Error(`the CA kept the key of ${account.address}'s person certificate`);
    const fingerprint = certificateFingerprint(issued.certificate);
    // The account half of the binding statement (@civitas/pki's EIP-712 digest), which is what
    // the registry checks (ecrecover must give the account). The certificate key's half is for a
    // registrar to see that the certificate's holder agrees; here the CA made that key itself.
    const nonce = randomBytes(32).toString("hex");
    const digest = bindingDigest({
      chainId,
      registry: IDENTITY_REGISTRY_ADDRESS,
      account: account.address as Address,
      certificateFingerprint: fingerprint,
      nonce,
      expiresAt: 0n,
    });
    const key =
      typeof account.privateKey === "string"
        ? Buffer.from(account.privateKey.replace(/^0x/, ""), "hex")
        : account.privateKey;
    const signature = signHash(digest, key);
    signature[64] = 27 + signature[64]!;
    return {
      account: account.address as Address,
      certificate: issued.certificate,
      chain: issued.chain,
      privateKey: issued.privateKey,
      registration: {
        account: account.address as Address,
        organisation: o.organisation,
        role: o.role,
        certificateFingerprint: `0x${fingerprint}`,
        issuerFingerprint,
        subjectRef: `0x${ca.nationalIdHash(nationalId)}`,
        assurance: Assurance[assurance],
        notAfter: BigInt(Math.floor(issued.certificate.notAfter.getTime() / 1000)),
        bindingNonce: `0x${nonce}`,
        bindingExpiresAt: 0n,
        accountSignature: bytesToHex(signature),
      },
    };
  };
  const out: GenesisMember[] = new Array(accounts.length);
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const i = next++;
      out[i] = await issueOne(accounts[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ISSUE_CONCURRENCY, accounts.length) }, worker));
  return out;
}

/** A genesis registry with the demo organisation and its members. */
export interface DemoRegistryPlan {
  readonly chainId: bigint;
  /** The genesis timestamp (unix seconds). */
  readonly timestamp: number;
  readonly admins: readonly AccountKey[];
  readonly quorum: number;
  readonly registrar: AccountKey;
  /** SHA-256 fingerprints (0x-hex) of the root CA and of the intermediates members' certificates may come from. */
  readonly rootCaFingerprint: Hex;
  readonly issuerFingerprints: readonly Hex[];
  /** The CA that issues the members' person certificates (the root or one of the intermediates). */
  readonly ca: CertificateAuthority;
  /** Accounts registered as developers of {@link DEMO_ORGANISATION}. */
  readonly members: readonly GenesisMemberAccount[];
}

/**
 * The IdentityRegistry genesis alloc of a local network: bootstrapped with the admins, the
 * registrar and the CA; the admins add {@link DEMO_ORGANISATION}, the registrar defines its
 * {@link DEVELOPER_ROLE} (DEPLOY, SUBSTANTIAL assurance) and registers every member in it.
 * Returns the alloc entry and the members' credentials.
 */
export async function createDemoRegistryAlloc(
  plan: DemoRegistryPlan,
): Promise<{ alloc: GenesisContractAlloc; members: GenesisMember[] }> {
  const organisation = registryId(DEMO_ORGANISATION);
  const role = registryId(DEVELOPER_ROLE);
  const members = await issueGenesisMembers(plan.ca, plan.chainId, plan.members, { organisation, role });
  const alloc = await createIdentityRegistryAlloc(
    plan.chainId,
    {
      admins: plan.admins.map((a) => a.address as Address),
      quorum: plan.quorum,
      registrars: [plan.registrar.address as Address],
      rootCaFingerprint: plan.rootCaFingerprint,
      issuerFingerprints: plan.issuerFingerprints,
    },
    {
      timestamp: plan.timestamp,
      organisations: [{ id: organisation }],
      roles: [{ organisation, role, level: AccessLevel.DEPLOY, minAssurance: Assurance.SUBSTANTIAL }],
      members: members.map((m) => m.registration),
    },
  );
  return { alloc, members };
}
