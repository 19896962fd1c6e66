// The node reads the identity registry through its own copy of two signatures and the events that
// change permissions (it does not depend on this package): they must match the compiled ABI.
import assert from "node:assert/strict";
import { test } from "node:test";
import { registryInterface } from "@civitas/node";
import { createAddressFromString } from "@ethereumjs/util";
import { type Address, type Hex, hexToBytes, pad, toEventSignature, toFunctionSignature } from "viem";
import { AccessLevel, AdminAction, IdentityRegistry, MemberStatus } from "../src/index.ts";
import {
  createRegistryFixture,
  ORG,
  ROLE_CLERK,
  ROLE_DEVELOPER,
  ROLE_READER,
} from "./support/registryFixture.ts";
import { slotOf, storageLayoutOf } from "./support/storageLayout.ts";

const { abi } = IdentityRegistry;

test("the node's registry views exist in the ABI with the outputs it decodes", () => {
  const functions = abi.filter((item) => item.type === "function");
  const bySignature = new Map(functions.map((f) => [toFunctionSignature(f).replaceAll(" ", ""), f]));
  const permissionAt = bySignature.get(registryInterface.PERMISSION_AT_SIGNATURE);
  assert.ok(permissionAt, "permissionAt(address,uint64) is in the ABI");
  assert.deepEqual(
    permissionAt.outputs.map((o) => o.type),
    ["uint8", "uint8", "uint64"],
  );
  const revoked = bySignature.get(registryInterface.IS_CERTIFICATE_REVOKED_SIGNATURE);
  assert.ok(revoked, "isCertificateRevoked(bytes32) is in the ABI");
  assert.deepEqual(
    revoked.outputs.map((o) => o.type),
    ["bool"],
  );
});

test("the node's enums match the contract's", () => {
  assert.deepEqual([...registryInterface.ACCESS_LEVELS], Object.keys(AccessLevel));
  assert.deepEqual([...registryInterface.MEMBER_STATUSES], Object.keys(MemberStatus));
  assert.equal(registryInterface.TRANSACT_LEVEL, AccessLevel.TRANSACT);
  assert.equal(registryInterface.DEPLOY_LEVEL, AccessLevel.DEPLOY);
});

test("every registry event is known to the node: per account (with the account's topic) or neutral", () => {
  const events = abi.filter((item) => item.type === "event");
  const known = new Set([
    ...Object.keys(registryInterface.ACCOUNT_EVENTS),
    ...registryInterface.NEUTRAL_EVENTS,
  ]);
  const clearing: string[] = [];
  for (const event of events) {
    const signature = toEventSignature(event).replaceAll(" ", "");
    const topic = registryInterface.ACCOUNT_EVENTS[signature];
    if (topic !== undefined) {
      const indexed = event.inputs.filter((i) => i.indexed);
      assert.equal(indexed[topic - 1]?.type, "address", `${signature}: topic ${topic} is the account`);
      assert.equal(indexed[topic - 1]?.name, "account", `${signature}: topic ${topic} is the account`);
    } else if (!known.has(signature)) {
      clearing.push(event.name);
    }
  }
  for (const signature of known)
    assert.ok(
      events.some((e) => toEventSignature(e).replaceAll(" ", "") === signature),
      `${signature} is an event of the registry`,
    );
  // The events that change many decisions at once make the node clear its whole cache.
  assert.deepEqual(clearing.sort(), [
    "IssuerAdded",
    "IssuerRemoved",
    "OrganisationAdded",
    "OrganisationRemoved",
    "RoleDefined",
  ]);
});

test("the registry slots the node reads are where solc puts them", () => {
  const layout = storageLayoutOf("IdentityRegistry.sol", "IdentityRegistry");
  const membersOf = (prefix: string) =>
    Object.entries(layout.types).find(([name]) => name.startsWith(prefix))?.[1].members ?? [];
  const S = registryInterface.REGISTRY_STORAGE;
  for (const [label, slot] of [
    ["isNetworkAdmin", S.isNetworkAdmin],
    ["isRegistrar", S.isRegistrar],
    ["isTrustedIssuer", S.isTrustedIssuer],
    ["_organisations", S.organisations],
    ["_roles", S.roles],
    ["_members", S.members],
    ["_issuers", S.issuers],
    ["_roleKeys", S.roleKeys],
  ] as const)
    assert.deepEqual(slotOf(layout.storage, label), [BigInt(slot), 0], label);
  const member = membersOf("t_struct(MemberRecord)");
  for (const field of ["notAfter", "registeredAt", "certificateRevoked", "issuerIndex", "roleIndex"] as const)
    assert.deepEqual(slotOf(member, field), [BigInt(S.member.word), S.member[field]], field);
  assert.deepEqual(
    membersOf("t_struct(RoleKey)").map((m) => [m.label, m.slot]),
    [
      ["organisation", "0"],
      ["role", "1"],
    ],
  );
  assert.deepEqual(slotOf(membersOf("t_struct(Organisation)"), "exists"), [BigInt(S.organisationExists), 0]);
  assert.deepEqual(slotOf(membersOf("t_struct(Role)"), "level"), [0n, 0]);
});

test("the node's permission read from storage agrees with permissionAt in every member state", async () => {
  const f = await createRegistryFixture();
  const registryAddress = createAddressFromString(f.registry);
  const fromStorage = (account: Address, time: bigint, roles?: registryInterface.RoleDecisions) =>
    registryInterface.readPermission(
      (slot) => f.h.vm.stateManager.getStorage(registryAddress, slot),
      hexToBytes(account),
      time,
      roles,
    );
  const fromView = async (account: Address, time: bigint) => {
    const [level, status, validUntil] = await f.h.read({
      abi,
      to: f.registry,
      functionName: "permissionAt",
      args: [account, time],
    });
    return { level, status, validUntil };
  };
  const t = f.h.time;
  const soon = new Date((Number(t) + 3600) * 1000);
  const reader = f.h.account(10);
  const clerk = f.h.account(11);
  const developer = f.h.account(12);
  const expiring = f.h.account(13);
  const revoked = f.h.account(14);
  const moved = f.h.account(15);
  const removed = f.h.account(16);
  await f.register(reader, ROLE_READER);
  await f.register(clerk, ROLE_CLERK);
  await f.register(developer, ROLE_DEVELOPER, { assurance: "QUALIFIED" });
  await f.register(expiring, ROLE_CLERK, { notAfter: soon });
  const revokedCredentials = await f.register(revoked, ROLE_CLERK);
  await f.register(moved, ROLE_CLERK);
  await f.register(removed, ROLE_CLERK);
  // A registrar and an admin who are also members: their registry role and their member role combine.
  const readerRegistrar = f.h.account(17);
  await f.register(readerRegistrar, ROLE_READER);
  await f.adminChange(AdminAction.ADD_REGISTRAR, pad(readerRegistrar.address, { size: 32 }));
  const adminCredentials = await f.register(f.admins[2], ROLE_READER);
  const send = (
    functionName: "revokeCertificate" | "changeMemberRole" | "removeMember",
    args: readonly unknown[],
  ) => f.h.send(f.registrar, { abi, to: f.registry, functionName, args } as never);
  await send("revokeCertificate", [`0x${revokedCredentials.identity.fingerprint}`, 1]);
  await send("changeMemberRole", [moved.address, ROLE_READER]);
  await send("removeMember", [removed.address]);

  const accounts = [
    f.outsider,
    ...f.admins,
    f.registrar,
    readerRegistrar,
    reader,
    clerk,
    developer,
    expiring,
    revoked,
    moved,
    removed,
  ].map((a) => a.address);
  const compare = async (what: string) => {
    const seen = new Set<string>();
    // Role decisions shared by the lookups of one registry state, as the node keeps them.
    const roles: registryInterface.RoleDecisions = new Map();
    for (const account of accounts)
      for (const time of [
        t,
        BigInt(soon.getTime() / 1000),
        BigInt(soon.getTime() / 1000) + 1n,
        t + 10n ** 9n,
      ]) {
        const expected = await fromView(account, time);
        assert.deepEqual(await fromStorage(account, time), expected, `${what}: ${account} at ${time}`);
        assert.deepEqual(
          await fromStorage(account, time, roles),
          expected,
          `${what}, role decisions shared: ${account} at ${time}`,
        );
        seen.add(`${expected.level}/${expected.status}`);
      }
    // Members of three roles were looked up: their shared words were read once per role.
    assert.ok(roles.size >= 2, `${what}: role decisions kept (${roles.size})`);
    return seen;
  };
  const seen = await compare("members in every state");
  // The states covered: not a member (outsider, admins, registrar), active at each level, expired, revoked.
  for (const [level, status] of [
    [AccessLevel.NONE, MemberStatus.NOT_MEMBER],
    [AccessLevel.ADMIN, MemberStatus.NOT_MEMBER],
    [AccessLevel.TRANSACT, MemberStatus.NOT_MEMBER],
    [AccessLevel.READ, MemberStatus.ACTIVE],
    [AccessLevel.TRANSACT, MemberStatus.ACTIVE],
    [AccessLevel.DEPLOY, MemberStatus.ACTIVE],
    [AccessLevel.ADMIN, MemberStatus.ACTIVE],
    [AccessLevel.NONE, MemberStatus.CERTIFICATE_EXPIRED],
    [AccessLevel.NONE, MemberStatus.CERTIFICATE_REVOKED],
  ])
    assert.ok(seen.has(`${level}/${status}`), `covers level ${level} with status ${status}`);

  // A revoked admin loses ADMIN; an untrusted issuer suspends everyone it certified; a role redefined changes its level.
  await send("revokeCertificate", [`0x${adminCredentials.identity.fingerprint}`, 1]);
  await f.h.send(f.registrar, {
    abi,
    to: f.registry,
    functionName: "defineRole",
    args: [ORG, ROLE_READER, AccessLevel.DEPLOY, 0],
  });
  assert.ok(
    (await compare("after a role change and an admin's revocation")).has(
      `${AccessLevel.DEPLOY}/${MemberStatus.ACTIVE}`,
    ),
  );
  // A member whose certificate was revoked, removed and registered again with a new certificate:
  // the revocation belonged to the old record.
  await send("removeMember", [revoked.address]);
  await f.register(revoked, ROLE_CLERK);
  assert.deepEqual(await fromStorage(revoked.address, t), {
    level: AccessLevel.TRANSACT,
    status: MemberStatus.ACTIVE,
    validUntil: (await fromView(revoked.address, t)).validUntil,
  });
  await compare("after a revoked member registered again");
  const { describeCertificate } = await import("@civitas/pki");
  await f.adminChange(
    AdminAction.REMOVE_ISSUER,
    `0x${describeCertificate(f.ca.certificate).fingerprint}` as Hex,
  );
  assert.ok(
    (await compare("with the issuer untrusted")).has(`${AccessLevel.NONE}/${MemberStatus.UNTRUSTED_ISSUER}`),
  );
});
