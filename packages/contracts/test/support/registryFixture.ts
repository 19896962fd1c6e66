// A deployed IdentityRegistry with a real CA: three network admins (quorum 2), one registrar,
// an organisation with roles, and a helper that registers a member the way a registrar's
// tooling does (person certificate from the CA, account-binding statement from @civitas/pki).
import {
  type AccountBinding,
  type AssuranceLevel,
  CertificateAuthority,
  createAccountBinding,
  describeCertificate,
  type IssuedCertificate,
  type PersonIdentity,
} from "@civitas/pki";
import { type Address, type Hex, pad, stringToHex } from "viem";
import { AccessLevel, AdminAction, Assurance, IdentityRegistry } from "../../src/index.ts";
import { createEvmHarness, type EvmHarness, type TestAccount } from "./evmHarness.ts";

const { abi } = IdentityRegistry;

/** A bytes32 identifier from a short name (organisation and role ids). */
export const id = (name: string): Hex => stringToHex(name, { size: 32 });

/** An account as a proposal's bytes32 subject. */
export const accountWord = (account: Address): Hex => pad(account, { size: 32 });

export const ORG = id("bilbao.urbanism");
export const ROLE_READER = id("reader");
export const ROLE_CLERK = id("clerk");
export const ROLE_DEVELOPER = id("developer");

/** What a registration needs: the certificate and the holder's binding statement. */
export interface MemberCredentials {
  readonly account: TestAccount;
  readonly issued: IssuedCertificate;
  readonly identity: PersonIdentity;
  readonly binding: AccountBinding;
}

export interface RegistryFixture {
  readonly h: EvmHarness;
  readonly ca: CertificateAuthority;
  readonly registry: Address;
  readonly admins: readonly [TestAccount, TestAccount, TestAccount];
  readonly registrar: TestAccount;
  readonly outsider: TestAccount;
  /** Runs an administration change through the quorum (proposed by admin 0, approved by admin 1). */
  adminChange(action: AdminAction, subject: Hex, argument?: Hex): Promise<void>;
  /** Issues a person certificate and the holder's binding statement for `account`. */
  credentials(account: TestAccount, o?: CredentialOptions): Promise<MemberCredentials>;
  /** The registration a registrar submits for `c`, optionally with fields replaced. */
  registration(c: MemberCredentials, role?: Hex): RegistrationArgs;
  /** Issues credentials and registers `account` in ORG with `role`. */
  register(account: TestAccount, role: Hex, o?: CredentialOptions): Promise<MemberCredentials>;
}

export interface CredentialOptions {
  assurance?: AssuranceLevel;
  notAfter?: Date;
  /** Binding statement for another chain / registry / with an expiry. */
  chainId?: bigint;
  registry?: Address;
  bindingExpiresAt?: bigint;
}

export type RegistrationArgs = {
  account: Address;
  organisation: Hex;
  role: Hex;
  certificateFingerprint: Hex;
  issuerFingerprint: Hex;
  subjectRef: Hex;
  assurance: number;
  notAfter: bigint;
  bindingNonce: Hex;
  bindingExpiresAt: bigint;
  accountSignature: Hex;
};

const caPromise = CertificateAuthority.createRoot({ subject: { commonName: "Civitas Test Root" } });

/** Deploys a registry and sets up the organisation and its roles. */
export async function createRegistryFixture(): Promise<RegistryFixture> {
  const h = await createEvmHarness();
  const ca = await caPromise;
  const admins = [h.account(0), h.account(1), h.account(2)] as const;
  const registrar = h.account(3);
  const outsider = h.account(99);
  const caFingerprint = `0x${describeCertificate(ca.certificate).fingerprint}` as Hex;
  const registry = await h.deploy(admins[0], IdentityRegistry, [
    admins.map((a) => a.address),
    2n,
    [registrar.address],
    caFingerprint,
    [],
  ]);

  const fixture: RegistryFixture = {
    h,
    ca,
    registry,
    admins,
    registrar,
    outsider,
    async adminChange(action, subject, argument = pad("0x0", { size: 32 })) {
      const { events } = await h.send(admins[0], {
        abi,
        to: registry,
        functionName: "propose",
        args: [action, subject, argument],
      });
      const created = events.find((e) => e.eventName === "ProposalCreated");
      const proposal = created?.args["id"] as Hex;
      await h.send(admins[1], { abi, to: registry, functionName: "approve", args: [proposal] });
      await h.send(admins[1], { abi, to: registry, functionName: "execute", args: [proposal] });
    },
    async credentials(account, o = {}) {
      const issued = await ca.issuePersonCertificate({
        nationalId: `${account.address.slice(2, 10)}Z`,
        assuranceLevel: o.assurance ?? "SUBSTANTIAL",
        ...(o.notAfter ? { notAfter: o.notAfter } : {}),
      });
      const identity = describeCertificate(issued.certificate) as PersonIdentity;
      const binding = await createAccountBinding({
        certificate: issued.certificate,
        certificateKey: issued.privateKey!,
        accountKey: account.privateKey,
        chainId: o.chainId ?? h.chainId,
        registry: o.registry ?? registry,
        expiresAt: o.bindingExpiresAt ?? 0n,
      });
      return { account, issued, identity, binding };
    },
    registration(c, role = ROLE_CLERK) {
      return {
        account: c.account.address,
        organisation: ORG,
        role,
        certificateFingerprint: `0x${c.identity.fingerprint}`,
        issuerFingerprint: caFingerprint,
        subjectRef: `0x${c.identity.nationalIdHash}`,
        assurance: Assurance[c.identity.assuranceLevel],
        notAfter: BigInt(Math.floor(c.identity.notAfter.getTime() / 1000)),
        bindingNonce: `0x${c.binding.nonce}`,
        bindingExpiresAt: c.binding.expiresAt,
        accountSignature: `0x${c.binding.accountSignature}`,
      };
    },
    async register(account, role, o) {
      const c = await fixture.credentials(account, o);
      await h.send(registrar, {
        abi,
        to: registry,
        functionName: "registerMember",
        args: [fixture.registration(c, role)],
      });
      return c;
    },
  };

  await fixture.adminChange(AdminAction.ADD_ORGANISATION, ORG);
  for (const [role, level, minAssurance] of [
    [ROLE_READER, AccessLevel.READ, Assurance.LOW],
    [ROLE_CLERK, AccessLevel.TRANSACT, Assurance.SUBSTANTIAL],
    [ROLE_DEVELOPER, AccessLevel.DEPLOY, Assurance.QUALIFIED],
  ] as const) {
    await h.send(registrar, {
      abi,
      to: registry,
      functionName: "defineRole",
      args: [ORG, role, level, minAssurance],
    });
  }
  return fixture;
}
