import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type AccountBinding,
  CertificateAuthority,
  createAccountBinding,
  type IssuedCertificate,
  withCa,
} from "@civitas/pki";
import { type Address, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  AccountMissingError,
  BindingRejectedError,
  CertificateRejectedError,
  type CivitasClient,
  CivitasError,
  createCivitasClient,
  defineCivitasChain,
  identifierToString,
  isRegistryError,
  type RegistryRevertedError,
  toIdentifier,
} from "../src/index.ts";
import { type LocalNetwork, startLocalNetwork } from "./support/localNetwork.ts";

const ORG = "bilbao.urbanism";
const CLERK = "clerk";
const READER = "reader";

let net: LocalNetwork;
let clientOf: (privateKey?: `0x${string}`) => CivitasClient;
let admin1: CivitasClient;
let admin2: CivitasClient;
let registrar: CivitasClient;
let reader: CivitasClient;

interface Holder {
  key: `0x${string}`;
  address: Address;
  issued: IssuedCertificate;
}
let holders: Holder[];

/** The holder's binding statement for this network's chain and registry (or another, to test refusals). */
function bind(h: Holder, o: { chainId?: number; accountKey?: `0x${string}` } = {}): Promise<AccountBinding> {
  return createAccountBinding({
    certificate: h.issued.certificate,
    certificateKey: h.issued.privateKey!,
    accountKey: o.accountKey ?? h.key,
    chainId: o.chainId ?? net.chainId,
    registry: registrar.registry,
  });
}

async function rejectsWith(promise: Promise<unknown>, check: (err: unknown) => boolean): Promise<unknown> {
  let caught: unknown;
  await assert.rejects(promise, (err) => {
    caught = err;
    return check(err);
  });
  return caught;
}

before(async () => {
  net = await startLocalNetwork();
  const chain = defineCivitasChain({ id: net.chainId, rpcUrl: net.rpcUrl });
  clientOf = (privateKey) =>
    createCivitasClient({
      chain,
      transport: http(),
      ...(privateKey !== undefined ? { account: privateKeyToAccount(privateKey) } : {}),
    });
  admin1 = clientOf(net.admins[0]!.privateKey);
  admin2 = clientOf(net.admins[1]!.privateKey);
  registrar = clientOf(net.registrar.privateKey);
  reader = clientOf();
  holders = await withCa(net.caDir, net.passphrase, async (ca) => {
    const out: Holder[] = [];
    for (const [i, assurance] of (["SUBSTANTIAL", "SUBSTANTIAL", "LOW", "SUBSTANTIAL"] as const).entries()) {
      const key = generatePrivateKey();
      const issued = await ca.issuePersonCertificate({
        nationalId: `1234567${i}Z`,
        assuranceLevel: assurance,
      });
      out.push({ key, address: privateKeyToAccount(key).address, issued });
    }
    return out;
  });
});

after(async () => {
  await net?.close();
});

describe("the identity registry through the SDK, on a running network", () => {
  it("reads the administration bootstrapped in genesis", async () => {
    assert.equal(await reader.isNetworkAdmin({ account: net.admins[0]!.address }), true);
    assert.equal(await reader.isRegistrar({ account: net.registrar.address }), true);
    assert.equal(await reader.isRegistrar({ account: net.admins[0]!.address }), false);
    assert.deepEqual(
      { ...(await reader.getPermission({ account: net.admins[0]!.address })), at: 0n },
      { level: "ADMIN", status: "NOT_MEMBER", validUntil: undefined, at: 0n },
    );
    assert.equal(await reader.getAccessLevel({ account: net.registrar.address }), "TRANSACT");
    assert.equal(await reader.getAccessLevel({ account: holders[0]!.address }), "NONE");
    assert.equal(await reader.getOrganisation({ organisation: ORG }), undefined);
  });

  it("adds an organisation by quorum: one admin proposes, cannot execute alone; a second approves and executes", async () => {
    const { proposalId } = await admin1.addOrganisation({ organisation: ORG });
    const proposal = await reader.getProposal({ id: proposalId });
    assert.equal(proposal?.action, "ADD_ORGANISATION");
    assert.equal(proposal?.subject, toIdentifier(ORG));
    assert.equal(identifierToString(proposal.subject), ORG);
    assert.deepEqual([proposal.approvals, proposal.quorum, proposal.executed], [1n, 2n, false]);

    const err = await rejectsWith(admin1.executeProposal({ id: proposalId }), (e) =>
      isRegistryError(e, "QuorumNotReached"),
    );
    assert.ok(isRegistryError(err, "QuorumNotReached"));
    assert.deepEqual(err.args, [proposalId, 1n, 2n]);
    assert.equal(err.code, "REGISTRY_REVERTED");
    assert.equal(err.functionName, "execute");
    assert.match(err.message, /IdentityRegistry\.execute reverted: QuorumNotReached\(0x[0-9a-f]{64}, 1, 2\)/);
    assert.match(err.message, /More network admins must approve/);
    await rejectsWith(admin1.approveProposal({ id: proposalId }), (e) =>
      isRegistryError(e, "AlreadyApproved"),
    );

    const done = await admin2.approveAndExecute({ id: proposalId });
    assert.equal(done.executed, true);
    assert.ok(done.approveHash && done.executeHash);
    assert.deepEqual([done.approvals, done.quorum], [2n, 2n]);
    assert.deepEqual(await reader.getOrganisation({ organisation: ORG }), {
      id: toIdentifier(ORG),
      parent: undefined,
      children: 0,
      memberCount: 0n,
    });
    assert.equal((await reader.getProposal({ id: proposalId }))?.executed, true);
    await rejectsWith(admin1.approveAndExecute({ id: proposalId }), (e) =>
      isRegistryError(e, "ProposalAlreadyExecuted"),
    );
  });

  it("lets the registrar define roles, and no one else", async () => {
    await registrar.defineRole({
      organisation: ORG,
      role: CLERK,
      level: "TRANSACT",
      minAssurance: "SUBSTANTIAL",
    });
    await registrar.defineRole({ organisation: ORG, role: READER, level: "READ", minAssurance: "LOW" });
    assert.deepEqual(await reader.getRole({ organisation: ORG, role: CLERK }), {
      level: "TRANSACT",
      minAssurance: "SUBSTANTIAL",
    });
    assert.equal(await reader.getRole({ organisation: ORG, role: "janitor" }), undefined);
    const err = await rejectsWith(
      admin1.defineRole({ organisation: ORG, role: "x", level: "READ", minAssurance: "LOW" }),
      (e) => isRegistryError(e, "NotRegistrar"),
    );
    assert.ok(isRegistryError(err, "NotRegistrar"));
    assert.equal(err.args[0].toLowerCase(), net.admins[0]!.address.toLowerCase());
    await rejectsWith(
      registrar.defineRole({ organisation: "nowhere", role: "x", level: "READ", minAssurance: "LOW" }),
      (e) => isRegistryError(e, "UnknownOrganisation"),
    );
  });

  it("registers a member from its certificate and binding statement: TRANSACT, ACTIVE until the certificate expires", async () => {
    const h = holders[0]!;
    const result = await registrar.registerMember({
      certificate: h.issued.certificate,
      binding: await bind(h),
      organisation: ORG,
      role: CLERK,
      trust: net.trust,
    });
    assert.equal(result.account, h.address);
    assert.equal(result.receipt.status, "success");
    const member = await reader.getMember({ account: h.address });
    const notAfter = BigInt(Math.floor(h.issued.certificate.notAfter.getTime() / 1000));
    assert.equal(member?.organisation, toIdentifier(ORG));
    assert.equal(member.role, toIdentifier(CLERK));
    assert.equal(member.assurance, "SUBSTANTIAL");
    assert.equal(member.notAfter, notAfter);
    assert.equal(member.certificateFingerprint, result.certificateFingerprint);
    assert.equal(member.registrar.toLowerCase(), net.registrar.address.toLowerCase());
    const permission = await reader.getPermission({ account: h.address });
    assert.deepEqual(
      [permission.level, permission.status, permission.validUntil],
      ["TRANSACT", "ACTIVE", notAfter],
    );
    // After the certificate's expiry the same member has no rights.
    const later = await reader.getPermission({ account: h.address, at: notAfter + 1n });
    assert.deepEqual([later.level, later.status], ["NONE", "CERTIFICATE_EXPIRED"]);
    assert.equal((await reader.getOrganisation({ organisation: ORG }))?.memberCount, 1n);
  });

  it("refuses, before sending anything, a binding for another account or chain and a certificate from a foreign CA", async () => {
    const sender = registrar.account!.address;
    const nonce = await reader.getTransactionCount({ address: sender });
    const h = holders[1]!;
    const base = { certificate: h.issued.certificate, organisation: ORG, role: CLERK, trust: net.trust };

    // The statement names the holder's account; registering it for another account is refused.
    const wrongAccount = await rejectsWith(
      registrar.registerMember({ ...base, binding: await bind(h), account: holders[3]!.address }),
      (e) => e instanceof BindingRejectedError,
    );
    assert.equal((wrongAccount as BindingRejectedError).reason, "WRONG_ACCOUNT");
    // Signed by another account's key than the one it names: the account signature fails.
    const forged = { ...(await bind(h)), account: holders[3]!.address };
    const badSignature = await rejectsWith(
      registrar.registerMember({ ...base, binding: forged }),
      (e) => e instanceof BindingRejectedError,
    );
    assert.equal((badSignature as BindingRejectedError).reason, "ACCOUNT_SIGNATURE_INVALID");
    const wrongChain = await rejectsWith(
      registrar.registerMember({ ...base, binding: await bind(h, { chainId: net.chainId + 1 }) }),
      (e) => e instanceof BindingRejectedError,
    );
    assert.equal((wrongChain as BindingRejectedError).reason, "WRONG_CHAIN");
    assert.equal((wrongChain as CivitasError).code, "BINDING_REJECTED");

    const foreignCa = await CertificateAuthority.createRoot({ subject: { commonName: "Elsewhere Root" } });
    const foreign = await foreignCa.issuePersonCertificate({
      nationalId: "99999999R",
      assuranceLevel: "QUALIFIED",
    });
    const foreignBinding = await createAccountBinding({
      certificate: foreign.certificate,
      certificateKey: foreign.privateKey!,
      accountKey: h.key,
      chainId: net.chainId,
      registry: registrar.registry,
    });
    const untrusted = await rejectsWith(
      registrar.registerMember({ ...base, certificate: foreign.certificate, binding: foreignBinding }),
      (e) => e instanceof CertificateRejectedError,
    );
    assert.equal((untrusted as CertificateRejectedError).reason, "UNKNOWN_ISSUER");
    assert.equal(await reader.getTransactionCount({ address: sender }), nonce);
    assert.equal(await reader.getMember({ account: h.address }), undefined);
  });

  it("registers members in bulk, all or none", async () => {
    const [, h1, h2] = holders as [Holder, Holder, Holder];
    const members = [
      { certificate: h1.issued.certificate, binding: await bind(h1), organisation: ORG, role: CLERK },
      { certificate: h2.issued.certificate, binding: await bind(h2), organisation: ORG, role: CLERK },
    ];
    // The second holder's LOW assurance is below the clerk role's: nobody is registered.
    const err = await rejectsWith(registrar.registerMembers({ members, trust: net.trust }), (e) =>
      isRegistryError(e, "InsufficientAssurance"),
    );
    assert.ok(isRegistryError(err, "InsufficientAssurance"));
    assert.deepEqual(err.args, [2, 1]);
    assert.equal(await reader.getMember({ account: h1.address }), undefined);

    const ok = await registrar.registerMembers({
      members: [members[0]!, { ...members[1]!, role: READER }],
      trust: net.trust,
    });
    assert.deepEqual(ok.accounts, [h1.address, h2.address]);
    assert.equal(await reader.getAccessLevel({ account: h2.address }), "READ");
  });

  it("changes a member's role, revokes its certificate (suspended at once) and removes it", async () => {
    const [h0, h1] = holders as [Holder, Holder];
    await registrar.changeMemberRole({ account: h1.address, role: READER });
    assert.equal(identifierToString((await reader.getMember({ account: h1.address }))!.role), READER);

    const revoked = await registrar.revokeCertificate({
      certificate: h0.issued.certificate,
      reason: "keyCompromise",
    });
    assert.equal(revoked.account, h0.address);
    assert.equal(await reader.isCertificateRevoked({ fingerprint: revoked.certificateFingerprint }), true);
    const permission = await reader.getPermission({ account: h0.address });
    assert.deepEqual([permission.level, permission.status], ["NONE", "CERTIFICATE_REVOKED"]);
    const again = await rejectsWith(registrar.revokeCertificate({ account: h0.address }), (e) =>
      isRegistryError(e, "CertificateAlreadyRevoked"),
    );
    assert.deepEqual((again as RegistryRevertedError).args, [revoked.certificateFingerprint]);

    await registrar.removeMember({ account: h1.address });
    assert.equal(await reader.getMember({ account: h1.address }), undefined);
    await rejectsWith(registrar.removeMember({ account: h1.address }), (e) =>
      isRegistryError(e, "UnknownMember"),
    );
  });

  it("says what is wrong with a call it cannot make", async () => {
    await rejectsWith(
      reader.addOrganisation({ organisation: "x" }),
      (e) => e instanceof AccountMissingError && e.code === "ACCOUNT_MISSING",
    );
    await rejectsWith(
      admin1.addOrganisation({ organisation: "an organisation name longer than 32 bytes" }),
      (e) =>
        e instanceof CivitasError && e.code === "INVALID_IDENTIFIER" && /at most 32 bytes/.test(e.message),
    );
    await rejectsWith(
      admin1.proposeAdminChange({ action: "SET_QUORUM", subject: "two" }),
      (e) => e instanceof CivitasError && e.code === "INVALID_ARGUMENT",
    );
  });
});
