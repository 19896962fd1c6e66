import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bindingDigest, describeCertificate } from "@civitas/pki";
import { type Address, type Hex, pad, toHex } from "viem";
import { AccessLevel, AdminAction, Assurance, IdentityRegistry, MemberStatus } from "../src/index.ts";
import { createEvmHarness, expectRevert, type TestAccount } from "./support/evmHarness.ts";
import {
  accountWord,
  createRegistryFixture,
  id,
  ORG,
  type RegistryFixture,
  ROLE_CLERK,
  ROLE_DEVELOPER,
  ROLE_READER,
} from "./support/registryFixture.ts";

const { abi } = IdentityRegistry;
const ZERO = pad("0x0", { size: 32 });

async function level(f: RegistryFixture, account: Address): Promise<number> {
  return f.h.read({ abi, to: f.registry, functionName: "accessLevelOf", args: [account] });
}

async function active(f: RegistryFixture, account: Address, at: bigint): Promise<boolean> {
  return f.h.read({ abi, to: f.registry, functionName: "isActive", args: [account, at] });
}

async function propose(f: RegistryFixture, from: TestAccount, action: number, subject: Hex): Promise<Hex> {
  const { events } = await f.h.send(from, {
    abi,
    to: f.registry,
    functionName: "propose",
    args: [action, subject, ZERO],
  });
  return events.find((e) => e.eventName === "ProposalCreated")?.args["id"] as Hex;
}

describe("IdentityRegistry bootstrap", () => {
  test("the constructor sets admins, quorum, registrars and the CA, with an event for each", async () => {
    const f = await createRegistryFixture();
    const read = (functionName: "quorum" | "adminCount" | "rootCaFingerprint") =>
      f.h.read({ abi, to: f.registry, functionName, args: [] as const });
    assert.equal(await read("quorum"), 2n);
    assert.equal(await read("adminCount"), 3n);
    const caFingerprint = `0x${describeCertificate(f.ca.certificate).fingerprint}` as Hex;
    assert.equal(await read("rootCaFingerprint"), caFingerprint);
    for (const admin of f.admins) {
      assert.equal(
        await f.h.read({ abi, to: f.registry, functionName: "isNetworkAdmin", args: [admin.address] }),
        true,
      );
      assert.equal(await level(f, admin.address), AccessLevel.ADMIN);
    }
    assert.equal(await level(f, f.registrar.address), AccessLevel.TRANSACT);
    assert.equal(await level(f, f.outsider.address), AccessLevel.NONE);
    assert.equal(
      await f.h.read({ abi, to: f.registry, functionName: "isTrustedIssuer", args: [caFingerprint] }),
      true,
    );
  });

  test("a quorum below two or above the number of admins is refused at deployment", async () => {
    const h = await createEvmHarness();
    const admins = [h.account(0).address, h.account(1).address];
    const ca = pad("0xca", { size: 32 });
    await expectRevert(h.deploy(h.account(0), IdentityRegistry, [admins, 1n, [], ca, []]), "InvalidQuorum");
    await expectRevert(h.deploy(h.account(0), IdentityRegistry, [admins, 3n, [], ca, []]), "InvalidQuorum");
    await expectRevert(
      h.deploy(h.account(0), IdentityRegistry, [[admins[0]], 1n, [], ca, []]),
      "InvalidQuorum",
    );
    await expectRevert(
      h.deploy(h.account(0), IdentityRegistry, [admins, 2n, [], ZERO, []]),
      "ZeroIdentifier",
    );
  });
});

describe("network administration by quorum", () => {
  test("an admin alone cannot add an admin; a second approval and execution do, once", async () => {
    const f = await createRegistryFixture();
    const [a0, a1, a2] = f.admins;
    const newcomer = f.h.account(50);
    const proposal = await propose(f, a0, AdminAction.GRANT_ADMIN, accountWord(newcomer.address));

    const args = await expectRevert(
      f.h.send(a0, { abi, to: f.registry, functionName: "execute", args: [proposal] }),
      "QuorumNotReached",
    );
    assert.deepEqual(args, [proposal, 1n, 2n]);
    await expectRevert(
      f.h.send(a0, { abi, to: f.registry, functionName: "approve", args: [proposal] }),
      "AlreadyApproved",
    );
    const approved = await f.h.send(a1, { abi, to: f.registry, functionName: "approve", args: [proposal] });
    assert.deepEqual(approved.events[0]?.args, { id: proposal, admin: a1.address, approvals: 2n });
    await expectRevert(
      f.h.send(a1, { abi, to: f.registry, functionName: "approve", args: [proposal] }),
      "AlreadyApproved",
    );

    const executed = await f.h.send(a2, { abi, to: f.registry, functionName: "execute", args: [proposal] });
    assert.deepEqual(
      executed.events.map((e) => e.eventName),
      ["NetworkAdminAdded", "ProposalExecuted"],
    );
    assert.equal(executed.events[0]?.args["account"], newcomer.address);
    assert.equal(await level(f, newcomer.address), AccessLevel.ADMIN);

    await expectRevert(
      f.h.send(a0, { abi, to: f.registry, functionName: "execute", args: [proposal] }),
      "ProposalAlreadyExecuted",
    );
    await expectRevert(
      f.h.send(a2, { abi, to: f.registry, functionName: "approve", args: [proposal] }),
      "ProposalAlreadyExecuted",
    );
  });

  test("only network admins propose, approve and execute", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    await f.register(member, ROLE_CLERK);
    const proposal = await propose(f, f.admins[0], AdminAction.ADD_REGISTRAR, accountWord(member.address));
    for (const caller of [f.outsider, f.registrar, member]) {
      await expectRevert(
        f.h.send(caller, {
          abi,
          to: f.registry,
          functionName: "propose",
          args: [AdminAction.GRANT_ADMIN, accountWord(caller.address), ZERO],
        }),
        "NotNetworkAdmin",
      );
      await expectRevert(
        f.h.send(caller, { abi, to: f.registry, functionName: "approve", args: [proposal] }),
        "NotNetworkAdmin",
      );
      await expectRevert(
        f.h.send(caller, { abi, to: f.registry, functionName: "execute", args: [proposal] }),
        "NotNetworkAdmin",
      );
    }
    await expectRevert(
      f.h.send(f.admins[1], { abi, to: f.registry, functionName: "approve", args: [id("no such proposal")] }),
      "UnknownProposal",
    );
  });

  test("approvals of an admin removed since do not count", async () => {
    const f = await createRegistryFixture();
    const [a0, a1, a2] = f.admins;
    const fourth = f.h.account(51);
    await f.adminChange(AdminAction.GRANT_ADMIN, accountWord(fourth.address));
    const proposal = await propose(f, a2, AdminAction.ADD_REGISTRAR, accountWord(f.h.account(52).address));
    await f.adminChange(AdminAction.REVOKE_ADMIN, accountWord(a2.address));
    assert.equal(
      await f.h.read({ abi, to: f.registry, functionName: "currentApprovals", args: [proposal] }),
      0n,
    );
    await f.h.send(a0, { abi, to: f.registry, functionName: "approve", args: [proposal] });
    await expectRevert(
      f.h.send(a1, { abi, to: f.registry, functionName: "execute", args: [proposal] }),
      "QuorumNotReached",
    );
    await f.h.send(a1, { abi, to: f.registry, functionName: "approve", args: [proposal] });
    await f.h.send(a1, { abi, to: f.registry, functionName: "execute", args: [proposal] });
    assert.equal(await level(f, f.h.account(52).address), AccessLevel.TRANSACT);
  });

  test("the quorum changes only within [2, admins], and removing an admin cannot make it unreachable", async () => {
    const f = await createRegistryFixture();
    await f.adminChange(AdminAction.SET_QUORUM, pad("0x3", { size: 32 }));
    assert.equal(await f.h.read({ abi, to: f.registry, functionName: "quorum", args: [] }), 3n);
    const p = await propose(f, f.admins[0], AdminAction.REVOKE_ADMIN, accountWord(f.admins[2].address));
    await f.h.send(f.admins[1], { abi, to: f.registry, functionName: "approve", args: [p] });
    await f.h.send(f.admins[2], { abi, to: f.registry, functionName: "approve", args: [p] });
    await expectRevert(
      f.h.send(f.admins[0], { abi, to: f.registry, functionName: "execute", args: [p] }),
      "InvalidQuorum",
    );
    const q = await propose(f, f.admins[0], AdminAction.SET_QUORUM, pad("0x1", { size: 32 }));
    await f.h.send(f.admins[1], { abi, to: f.registry, functionName: "approve", args: [q] });
    await f.h.send(f.admins[2], { abi, to: f.registry, functionName: "approve", args: [q] });
    await expectRevert(
      f.h.send(f.admins[0], { abi, to: f.registry, functionName: "execute", args: [q] }),
      "InvalidQuorum",
    );
  });

  test("registrars are added and removed by quorum, with events", async () => {
    const f = await createRegistryFixture();
    const candidate = f.h.account(60);
    const word = accountWord(candidate.address);
    const p = await propose(f, f.admins[0], AdminAction.ADD_REGISTRAR, word);
    await f.h.send(f.admins[1], { abi, to: f.registry, functionName: "approve", args: [p] });
    const { events } = await f.h.send(f.admins[1], {
      abi,
      to: f.registry,
      functionName: "execute",
      args: [p],
    });
    assert.equal(events[0]?.eventName, "RegistrarAdded");
    assert.equal(
      await f.h.read({ abi, to: f.registry, functionName: "isRegistrar", args: [candidate.address] }),
      true,
    );
    await f.adminChange(AdminAction.REMOVE_REGISTRAR, word);
    assert.equal(
      await f.h.read({ abi, to: f.registry, functionName: "isRegistrar", args: [candidate.address] }),
      false,
    );
    await expectRevert(
      f.h.send(candidate, {
        abi,
        to: f.registry,
        functionName: "defineRole",
        args: [ORG, id("x"), AccessLevel.READ, Assurance.LOW],
      }),
      "NotRegistrar",
    );
  });

  test("organisations form a tree; one with children or members cannot be removed", async () => {
    const f = await createRegistryFixture();
    await expectRevert(
      f.adminChange(AdminAction.ADD_ORGANISATION, id("orphan"), id("no such parent")),
      "UnknownOrganisation",
    );
    await expectRevert(f.adminChange(AdminAction.ADD_ORGANISATION, ORG), "OrganisationExists");
    const child = id("bilbao.urbanism.permits");
    await f.adminChange(AdminAction.ADD_ORGANISATION, child, ORG);
    assert.deepEqual(await f.h.read({ abi, to: f.registry, functionName: "organisationOf", args: [child] }), {
      parent: ORG,
      exists: true,
      children: 0,
      memberCount: 0n,
    });
    assert.equal(
      (await f.h.read({ abi, to: f.registry, functionName: "organisationOf", args: [ORG] })).children,
      1,
    );
    await expectRevert(f.adminChange(AdminAction.REMOVE_ORGANISATION, ORG), "OrganisationNotEmpty");
    await f.adminChange(AdminAction.REMOVE_ORGANISATION, child);
    const member = f.h.account(10);
    await f.register(member, ROLE_CLERK);
    await expectRevert(f.adminChange(AdminAction.REMOVE_ORGANISATION, ORG), "OrganisationNotEmpty");
    await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "removeMember",
      args: [member.address],
    });
    await f.adminChange(AdminAction.REMOVE_ORGANISATION, ORG);
    assert.equal(
      (await f.h.read({ abi, to: f.registry, functionName: "organisationOf", args: [ORG] })).exists,
      false,
    );
  });
});

describe("members", () => {
  test("a registrar registers a member with the holder's binding statement, verified on chain", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    const c = await f.credentials(member);
    const { events } = await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "registerMember",
      args: [f.registration(c)],
    });
    const digest = toHex(bindingDigest(c.binding));
    assert.equal(
      await f.h.read({
        abi,
        to: f.registry,
        functionName: "bindingDigest",
        args: [member.address, `0x${c.identity.fingerprint}`, `0x${c.binding.nonce}`, 0n],
      }),
      digest,
    );
    assert.equal(events.length, 1);
    assert.equal(events[0]?.eventName, "MemberRegistered");
    assert.deepEqual(events[0]?.args, {
      account: member.address,
      organisation: ORG,
      certificateFingerprint: `0x${c.identity.fingerprint}`,
      role: ROLE_CLERK,
      issuerFingerprint: `0x${describeCertificate(f.ca.certificate).fingerprint}`,
      assurance: Assurance.SUBSTANTIAL,
      notAfter: BigInt(c.identity.notAfter.getTime() / 1000),
      bindingHash: digest,
      registrar: f.registrar.address,
    });
    const record = await f.h.read({ abi, to: f.registry, functionName: "memberOf", args: [member.address] });
    assert.equal(record.subjectRef, `0x${c.identity.nationalIdHash}`);
    assert.equal(record.bindingHash, digest);
    assert.equal(await active(f, member.address, f.h.time), true);
    assert.equal(await level(f, member.address), AccessLevel.TRANSACT);
    assert.equal(
      await f.h.read({
        abi,
        to: f.registry,
        functionName: "accountOfCertificate",
        args: [`0x${c.identity.fingerprint}`],
      }),
      member.address,
    );
  });

  test("registrar-only operations are refused for members, admins and outsiders", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    const other = await f.credentials(f.h.account(11));
    await f.register(member, ROLE_CLERK);
    for (const caller of [member, f.admins[0], f.outsider]) {
      const send = (functionName: string, args: readonly unknown[]) =>
        expectRevert(f.h.send(caller, { abi, to: f.registry, functionName, args } as never), "NotRegistrar");
      await send("defineRole", [ORG, id("x"), AccessLevel.READ, Assurance.LOW]);
      await send("registerMember", [f.registration(other)]);
      await send("changeMemberRole", [member.address, ROLE_READER]);
      await send("removeMember", [member.address]);
      await send("revokeCertificate", [`0x${other.identity.fingerprint}`, 1]);
    }
  });

  test("a member cannot raise its own level; a registrar cannot grant ADMIN or register itself", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    await f.register(member, ROLE_CLERK, { assurance: "QUALIFIED" });
    await expectRevert(
      f.h.send(member, {
        abi,
        to: f.registry,
        functionName: "changeMemberRole",
        args: [member.address, ROLE_DEVELOPER],
      }),
      "NotRegistrar",
    );
    await expectRevert(
      f.h.send(member, {
        abi,
        to: f.registry,
        functionName: "defineRole",
        args: [ORG, ROLE_CLERK, AccessLevel.ADMIN, Assurance.LOW],
      }),
      "NotRegistrar",
    );
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "defineRole",
        args: [ORG, ROLE_CLERK, AccessLevel.ADMIN, Assurance.LOW],
      }),
      "AdminLevelNeedsQuorum",
    );
    const own = await f.credentials(f.registrar);
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [f.registration(own, ROLE_DEVELOPER)],
      }),
      "SelfRegistration",
    );
    assert.equal(await level(f, member.address), AccessLevel.TRANSACT);
    // Done by a registrar, the same change is allowed and announced.
    const { events } = await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "changeMemberRole",
      args: [member.address, ROLE_DEVELOPER],
    });
    assert.deepEqual(events[0], {
      address: f.registry,
      eventName: "MemberRoleChanged",
      args: { account: member.address, organisation: ORG, role: ROLE_DEVELOPER },
    });
    assert.equal(await level(f, member.address), AccessLevel.DEPLOY);
  });

  test("a role's minimum assurance and the issuer's trust are enforced", async () => {
    const f = await createRegistryFixture();
    const low = await f.credentials(f.h.account(10), { assurance: "LOW" });
    const args = await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [f.registration(low, ROLE_CLERK)],
      }),
      "InsufficientAssurance",
    );
    assert.deepEqual(args, [Assurance.SUBSTANTIAL, Assurance.LOW]);
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [{ ...f.registration(low, ROLE_READER), issuerFingerprint: id("rogue CA") }],
      }),
      "UntrustedIssuer",
    );
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [f.registration(low, id("no such role"))],
      }),
      "UnknownRole",
    );
    // Withdrawing trust in the CA suspends its members at once.
    await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "registerMember",
      args: [f.registration(low, ROLE_READER)],
    });
    assert.equal(await level(f, low.account.address), AccessLevel.READ);
    await f.adminChange(AdminAction.REMOVE_ISSUER, `0x${describeCertificate(f.ca.certificate).fingerprint}`);
    assert.equal(await active(f, low.account.address, f.h.time), false);
    assert.equal(await level(f, low.account.address), AccessLevel.NONE);
  });

  test("a revoked certificate suspends its member at once, and cannot be registered again", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    const c = await f.register(member, ROLE_CLERK);
    const fingerprint = `0x${c.identity.fingerprint}` as Hex;
    const { events } = await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "revokeCertificate",
      args: [fingerprint, 1],
    });
    assert.deepEqual(events[0]?.args, {
      certificateFingerprint: fingerprint,
      account: member.address,
      reason: 1,
    });
    assert.equal(await active(f, member.address, f.h.time), false);
    assert.equal(await level(f, member.address), AccessLevel.NONE);
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "revokeCertificate",
        args: [fingerprint, 1],
      }),
      "CertificateAlreadyRevoked",
    );
    await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "removeMember",
      args: [member.address],
    });
    const again = await f.credentials(member);
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [{ ...f.registration(again), certificateFingerprint: fingerprint }],
      }),
      "CertificateIsRevoked",
    );
  });

  test("a registrar or admin bound to a revoked certificate loses those rights too", async () => {
    const f = await createRegistryFixture();
    const official = f.h.account(20);
    const c = await f.register(official, ROLE_CLERK);
    await f.adminChange(AdminAction.ADD_REGISTRAR, accountWord(official.address));
    await f.h.send(official, {
      abi,
      to: f.registry,
      functionName: "defineRole",
      args: [ORG, id("inspector"), AccessLevel.TRANSACT, Assurance.LOW],
    });
    await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "revokeCertificate",
      args: [`0x${c.identity.fingerprint}`, 1],
    });
    assert.equal(await level(f, official.address), AccessLevel.NONE);
    await expectRevert(
      f.h.send(official, {
        abi,
        to: f.registry,
        functionName: "defineRole",
        args: [ORG, id("inspector"), AccessLevel.READ, Assurance.LOW],
      }),
      "CallerSuspended",
    );
  });

  test("an expired certificate suspends its member after notAfter, and is refused at registration", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    const notAfter = new Date((Number(f.h.time) + 3600) * 1000);
    await f.register(member, ROLE_CLERK, { notAfter });
    const end = BigInt(notAfter.getTime() / 1000);
    assert.equal(await active(f, member.address, end), true);
    assert.equal(await active(f, member.address, end + 1n), false);
    assert.equal(await level(f, member.address), AccessLevel.TRANSACT);
    f.h.time = end + 1n;
    assert.equal(await level(f, member.address), AccessLevel.NONE);
    const late = await f.credentials(f.h.account(11), { notAfter });
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [f.registration(late)],
      }),
      "CertificateExpired",
    );
  });
});

describe("binding statements", () => {
  test("a statement signed for one account cannot register another", async () => {
    const f = await createRegistryFixture();
    const victim = await f.credentials(f.h.account(10));
    const attacker = f.h.account(11);
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [{ ...f.registration(victim), account: attacker.address }],
      }),
      "InvalidBindingSignature",
    );
    assert.equal(await level(f, attacker.address), AccessLevel.NONE);
  });

  test("a statement for another chain or another registry is refused", async () => {
    const f = await createRegistryFixture();
    const otherChain = await f.credentials(f.h.account(10), { chainId: 1n });
    const otherRegistry = await f.credentials(f.h.account(11), { registry: f.outsider.address });
    for (const c of [otherChain, otherRegistry]) {
      await expectRevert(
        f.h.send(f.registrar, {
          abi,
          to: f.registry,
          functionName: "registerMember",
          args: [f.registration(c)],
        }),
        "InvalidBindingSignature",
      );
    }
  });

  test("a statement is single-use, must not be expired, and must be a canonical signature", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    const c = await f.register(member, ROLE_CLERK);
    await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "removeMember",
      args: [member.address],
    });
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [f.registration(c)],
      }),
      "BindingAlreadyUsed",
    );

    const expiring = await f.credentials(f.h.account(11), { bindingExpiresAt: f.h.time + 60n });
    f.h.time += 61n;
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [f.registration(expiring)],
      }),
      "BindingExpired",
    );

    // The same signature with s replaced by n - s (and v flipped) recovers the same signer: refused.
    const fresh = await f.credentials(f.h.account(12));
    const sig = Buffer.from(fresh.binding.accountSignature, "hex");
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(`0x${sig.subarray(32, 64).toString("hex")}`);
    const malleable = Buffer.concat([
      sig.subarray(0, 32),
      Buffer.from((n - s).toString(16).padStart(64, "0"), "hex"),
      Buffer.from([sig[64] === 27 ? 28 : 27]),
    ]);
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [{ ...f.registration(fresh), accountSignature: toHex(malleable) }],
      }),
      "InvalidBindingSignature",
    );
    await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "registerMember",
      args: [f.registration(fresh)],
    });
  });

  test("one certificate binds one account, and one account one certificate", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    const c = await f.register(member, ROLE_CLERK);
    const second = await f.credentials(member);
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [f.registration(second)],
      }),
      "AccountAlreadyRegistered",
    );
    const otherAccount = await f.credentials(f.h.account(11));
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMember",
        args: [{ ...f.registration(otherAccount), certificateFingerprint: `0x${c.identity.fingerprint}` }],
      }),
      "CertificateAlreadyBound",
    );
  });
});

describe("the nodes' permission check and bulk registration", () => {
  async function permission(f: RegistryFixture, account: Address, at: bigint) {
    const [lvl, status, validUntil] = await f.h.read({
      abi,
      to: f.registry,
      functionName: "permissionAt",
      args: [account, at],
    });
    return { level: lvl, status, validUntil };
  }
  const FOREVER = 2n ** 64n - 1n;

  test("permissionAt says the level, why, and until when the answer holds", async () => {
    const f = await createRegistryFixture();
    const t = f.h.time;
    assert.deepEqual(await permission(f, f.outsider.address, t), {
      level: AccessLevel.NONE,
      status: MemberStatus.NOT_MEMBER,
      validUntil: FOREVER,
    });
    assert.deepEqual(await permission(f, f.admins[0].address, t), {
      level: AccessLevel.ADMIN,
      status: MemberStatus.NOT_MEMBER,
      validUntil: FOREVER,
    });
    assert.deepEqual(await permission(f, f.registrar.address, t), {
      level: AccessLevel.TRANSACT,
      status: MemberStatus.NOT_MEMBER,
      validUntil: FOREVER,
    });
    const notAfter = new Date((Number(t) + 7200) * 1000);
    const member = f.h.account(10);
    const c = await f.register(member, ROLE_DEVELOPER, { assurance: "QUALIFIED", notAfter });
    const end = BigInt(notAfter.getTime() / 1000);
    assert.deepEqual(await permission(f, member.address, t), {
      level: AccessLevel.DEPLOY,
      status: MemberStatus.ACTIVE,
      validUntil: end,
    });
    assert.deepEqual(await permission(f, member.address, end + 1n), {
      level: AccessLevel.NONE,
      status: MemberStatus.CERTIFICATE_EXPIRED,
      validUntil: FOREVER,
    });
    await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "revokeCertificate",
      args: [`0x${c.identity.fingerprint}`, 1],
    });
    assert.deepEqual(await permission(f, member.address, t), {
      level: AccessLevel.NONE,
      status: MemberStatus.CERTIFICATE_REVOKED,
      validUntil: FOREVER,
    });
  });

  test("a member whose issuer is no longer trusted has no rights, with the reason, until trusted again", async () => {
    const f = await createRegistryFixture();
    const member = f.h.account(10);
    await f.register(member, ROLE_CLERK);
    const caFingerprint = `0x${describeCertificate(f.ca.certificate).fingerprint}` as Hex;
    await f.adminChange(AdminAction.REMOVE_ISSUER, caFingerprint);
    assert.deepEqual((await permission(f, member.address, f.h.time)).status, MemberStatus.UNTRUSTED_ISSUER);
    assert.equal((await permission(f, member.address, f.h.time)).level, AccessLevel.NONE);
    await f.adminChange(AdminAction.ADD_ISSUER, caFingerprint);
    assert.equal((await permission(f, member.address, f.h.time)).status, MemberStatus.ACTIVE);
  });

  test("registerMembers registers a batch, all or none", async () => {
    const f = await createRegistryFixture();
    const batch = await Promise.all([10, 11, 12].map((i) => f.credentials(f.h.account(i))));
    const { events } = await f.h.send(f.registrar, {
      abi,
      to: f.registry,
      functionName: "registerMembers",
      args: [batch.map((c) => f.registration(c))],
    });
    assert.deepEqual(
      events.map((e) => [e.eventName, e.args["account"]]),
      batch.map((c) => ["MemberRegistered", c.account.address]),
    );
    for (const c of batch) assert.equal(await level(f, c.account.address), AccessLevel.TRANSACT);
    // One bad registration (a statement signed for another account) refuses the whole batch.
    const good = await f.credentials(f.h.account(13));
    const bad = await f.credentials(f.h.account(14));
    await expectRevert(
      f.h.send(f.registrar, {
        abi,
        to: f.registry,
        functionName: "registerMembers",
        args: [[f.registration(good), { ...f.registration(bad), account: f.h.account(15).address }]],
      }),
      "InvalidBindingSignature",
    );
    assert.equal(await level(f, good.account.address), AccessLevel.NONE);
    await expectRevert(
      f.h.send(f.outsider, {
        abi,
        to: f.registry,
        functionName: "registerMembers",
        args: [[f.registration(good)]],
      }),
      "NotRegistrar",
    );
  });
});
