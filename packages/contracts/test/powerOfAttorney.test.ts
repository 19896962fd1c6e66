import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encodeFunctionData, type Hex, pad } from "viem";
import {
  PowerAction,
  PowerOfAttorney,
  PowerOrigin,
  PowerStatus,
  PowerType,
  AuthorizationReason as Reason,
  TerminationCause,
} from "../src/index.ts";
import { expectRevert } from "./support/evmHarness.ts";
import {
  actions,
  administration,
  BUILDING_PERMIT,
  createPowerFixture,
  DOC,
  MAX_VALIDITY,
  type PowerFixture,
  procedure,
  TAX_APPEAL,
  TERRACE_LICENCE,
  YEAR,
} from "./support/powerFixture.ts";

const { abi } = PowerOfAttorney;
const FILE = PowerAction.FILE_APPLICATION;
const PAY = PowerAction.PAY;

// Each test starts from a fresh fixture: rules interact through the one-representative check,
// so shared state would make tests depend on each other.
const fresh = createPowerFixture;

async function record(f: PowerFixture, o: { origin?: number; docHash?: Hex; attorneyRef?: Hex } = {}) {
  const { events } = await f.h.send(f.official, {
    abi,
    to: f.powers,
    functionName: "recordPower",
    args: [
      {
        grantorRef: await f.refOf(f.citizen),
        attorneyRef: o.attorneyRef ?? (await f.refOf(f.attorney)),
        powerType: PowerType.GENERAL,
        scope: [],
        actions: actions("FILE_APPLICATION", "PAY"),
        origin: o.origin ?? PowerOrigin.NOTARIAL,
        validUntil: f.h.time + YEAR,
        docHash: o.docHash ?? DOC,
        subDelegation: false,
      },
    ],
  });
  return events.find((e) => e.eventName === "PowerRegistered")?.args["id"] as bigint;
}

describe("PowerOfAttorney: granting and accepting", () => {
  test("a grant waits for the attorney's acceptance, then authorises the granted actions in its scope", async () => {
    const f = await fresh();
    const { events } = await f.h.send(f.grantor, {
      abi,
      to: f.powers,
      functionName: "grantPower",
      args: [
        {
          attorney: f.attorney.address,
          powerType: PowerType.PROCEDURES,
          scope: [BUILDING_PERMIT],
          actions: actions("FILE_APPLICATION"),
          validUntil: f.h.time + YEAR,
          docHash: DOC,
          subDelegation: false,
        },
      ],
    });
    const registered = events.find((e) => e.eventName === "PowerRegistered");
    assert.ok(registered);
    const id = registered.args["id"] as bigint;
    assert.equal(registered.args["grantorRef"], await f.refOf(f.grantor));
    assert.equal(registered.args["attorneyRef"], await f.refOf(f.attorney));
    assert.equal(registered.args["status"], PowerStatus.PENDING_ACCEPTANCE);
    assert.equal(registered.args["origin"], PowerOrigin.ONLINE);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE), [
      false,
      Reason.NOT_ACTIVE_YET,
      id,
    ]);

    const accepted = await f.h.send(f.attorney, {
      abi,
      to: f.powers,
      functionName: "acceptPower",
      args: [id],
    });
    assert.deepEqual(
      accepted.events.map((e) => [e.eventName, e.args["from"], e.args["to"], e.args["by"]]),
      [["PowerStatusChanged", PowerStatus.PENDING_ACCEPTANCE, PowerStatus.ACTIVE, f.attorney.address]],
    );
    assert.equal(await f.status(id), PowerStatus.ACTIVE);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE), [
      true,
      Reason.AUTHORIZED,
      id,
    ]);
    const isAuthorized = (proc: Hex, action: number) =>
      f.h.read({
        abi,
        to: f.powers,
        functionName: "isAuthorized",
        args: [f.grantor.address, f.attorney.address, proc, action, f.h.time],
      });
    assert.equal(await isAuthorized(BUILDING_PERMIT, FILE), true);
    assert.equal(await isAuthorized(BUILDING_PERMIT, PAY), false);
    assert.equal(await isAuthorized(TERRACE_LICENCE, FILE), false);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, PAY), [
      false,
      Reason.ACTION_NOT_GRANTED,
      id,
    ]);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, TERRACE_LICENCE, FILE), [
      false,
      Reason.PROCEDURE_NOT_IN_SCOPE,
      id,
    ]);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney2, BUILDING_PERMIT, FILE), [
      false,
      Reason.NO_POWER,
      0n,
    ]);
    assert.deepEqual(await f.authorization(f.outsider, f.attorney, BUILDING_PERMIT, FILE), [
      false,
      Reason.GRANTOR_NOT_MEMBER,
      0n,
    ]);
    assert.deepEqual(await f.authorization(f.grantor, f.outsider, BUILDING_PERMIT, FILE), [
      false,
      Reason.ATTORNEY_NOT_ACTIVE,
      0n,
    ]);
    const power = await f.h.read({ abi, to: f.powers, functionName: "powerOf", args: [id] });
    assert.equal(power.activatedAt, f.h.time);
    assert.deepEqual(power.scope, [BUILDING_PERMIT]);
    assert.deepEqual(
      await f.h.read({
        abi,
        to: f.powers,
        functionName: "powersOfGrantor",
        args: [await f.refOf(f.grantor)],
      }),
      [id],
    );
    assert.deepEqual(
      await f.h.read({
        abi,
        to: f.powers,
        functionName: "powersOfAttorney",
        args: [await f.refOf(f.attorney)],
      }),
      [id],
    );
  });

  test("the grantor can always act himself", async () => {
    const f = await fresh();
    assert.deepEqual(await f.authorization(f.grantor, f.grantor, TAX_APPEAL, PAY), [
      true,
      Reason.GRANTOR_HIMSELF,
      0n,
    ]);
  });

  test("granting needs an active member with a QUALIFIED certificate and an active attorney", async () => {
    const f = await fresh();
    assert.deepEqual(await expectRevert(f.grant(f.citizen), "InsufficientAssurance"), [3, 2]);
    await expectRevert(f.grant(f.outsider), "NotActiveMember");
    await expectRevert(f.grant(f.grantor, { attorney: f.outsider }), "NotActiveMember");
    await expectRevert(f.grant(f.grantor, { attorney: f.grantor }), "SelfRepresentation");
  });

  test("validity is at most five years from registration and in the future", async () => {
    const f = await fresh();
    const max = f.h.time + MAX_VALIDITY;
    assert.deepEqual(await expectRevert(f.grant(f.grantor, { validUntil: max + 1n }), "InvalidValidity"), [
      max + 1n,
      max,
    ]);
    await expectRevert(f.grant(f.grantor, { validUntil: f.h.time }), "InvalidValidity");
    const id = await f.grant(f.grantor, { validUntil: max });
    const power = await f.h.read({ abi, to: f.powers, functionName: "powerOf", args: [id] });
    assert.equal(power.validUntil, max);
    assert.equal(power.registeredAt, f.h.time);
  });

  test("scopes: GENERAL lists nothing, ADMINISTRATION lists bodies, PROCEDURES lists procedure codes; actions are required", async () => {
    const f = await fresh();
    const body = administration("bilbao.urbanism");
    await expectRevert(f.grant(f.grantor, { powerType: PowerType.GENERAL, scope: [body] }), "InvalidScope");
    await expectRevert(
      f.grant(f.grantor, { powerType: PowerType.ADMINISTRATION, scope: [] }),
      "InvalidScope",
    );
    await expectRevert(
      f.grant(f.grantor, { powerType: PowerType.ADMINISTRATION, scope: [BUILDING_PERMIT] }),
      "InvalidScope",
    );
    await expectRevert(
      f.grant(f.grantor, { powerType: PowerType.PROCEDURES, scope: [body] }),
      "InvalidScope",
    );
    await expectRevert(
      f.grant(f.grantor, { scope: Array.from({ length: 33 }, () => BUILDING_PERMIT) }),
      "InvalidScope",
    );
    await expectRevert(f.grant(f.grantor, { actions: 0 }), "InvalidActions");
  });

  test("an ADMINISTRATION power covers every procedure of its bodies and no other; GENERAL covers all", async () => {
    const f = await fresh();
    const id = await f.activePower(f.grantor, {
      powerType: PowerType.ADMINISTRATION,
      scope: [administration("bilbao.urbanism")],
    });
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, TERRACE_LICENCE, FILE), [
      true,
      Reason.AUTHORIZED,
      id,
    ]);
    assert.equal(
      (await f.authorization(f.grantor, f.attorney, TAX_APPEAL, FILE))[1],
      Reason.PROCEDURE_NOT_IN_SCOPE,
    );
    const general = await f.activePower(f.grantor, { powerType: PowerType.GENERAL, scope: [] });
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, TAX_APPEAL, FILE), [
      true,
      Reason.AUTHORIZED,
      general,
    ]);
  });

  test("only the attorney accepts, once; only the grantor revokes", async () => {
    const f = await fresh();
    const id = await f.grant(f.grantor);
    await expectRevert(
      f.h.send(f.attorney2, { abi, to: f.powers, functionName: "acceptPower", args: [id] }),
      "NotAttorney",
    );
    await expectRevert(
      f.h.send(f.grantor, { abi, to: f.powers, functionName: "acceptPower", args: [id] }),
      "NotAttorney",
    );
    await f.h.send(f.attorney, { abi, to: f.powers, functionName: "acceptPower", args: [id] });
    assert.deepEqual(
      await expectRevert(
        f.h.send(f.attorney, { abi, to: f.powers, functionName: "acceptPower", args: [id] }),
        "InvalidStatus",
      ),
      [id, PowerStatus.ACTIVE],
    );
    await expectRevert(
      f.h.send(f.attorney, { abi, to: f.powers, functionName: "revokePower", args: [id] }),
      "NotGrantor",
    );
    await expectRevert(
      f.h.send(f.attorney, { abi, to: f.powers, functionName: "acceptPower", args: [99n] }),
      "UnknownPower",
    );
  });
});

describe("PowerOfAttorney: revocation, renunciation, extension, expiry", () => {
  test("acts before a revocation stay valid; from the revocation on the attorney is refused", async () => {
    const f = await fresh();
    const id = await f.activePower(f.grantor);
    const actedAt = f.h.time + 10n;
    f.h.time += 100n;
    const revokedAt = f.h.time;
    const { events } = await f.h.send(f.grantor, {
      abi,
      to: f.powers,
      functionName: "revokePower",
      args: [id],
    });
    assert.deepEqual(
      events.map((e) => [e.eventName, e.args["from"], e.args["to"]]),
      [["PowerStatusChanged", PowerStatus.ACTIVE, PowerStatus.REVOKED]],
    );
    assert.equal(await f.status(id), PowerStatus.REVOKED);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE, actedAt), [
      true,
      Reason.AUTHORIZED,
      id,
    ]);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE, revokedAt - 1n), [
      true,
      Reason.AUTHORIZED,
      id,
    ]);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE, revokedAt), [
      false,
      Reason.REVOKED,
      id,
    ]);
    const power = await f.h.read({ abi, to: f.powers, functionName: "powerOf", args: [id] });
    assert.equal(power.endedAt, revokedAt);
    await expectRevert(
      f.h.send(f.grantor, { abi, to: f.powers, functionName: "revokePower", args: [id] }),
      "InvalidStatus",
    );
    await expectRevert(
      f.h.send(f.grantor, {
        abi,
        to: f.powers,
        functionName: "extendPower",
        args: [id, f.h.time + 2n * YEAR],
      }),
      "InvalidStatus",
    );
  });

  test("the attorney renounces a pending or active power", async () => {
    const f = await fresh();
    const active = await f.activePower(f.grantor);
    const pending = await f.grant(f.grantor, { scope: [TAX_APPEAL] });
    await expectRevert(
      f.h.send(f.grantor, { abi, to: f.powers, functionName: "renouncePower", args: [active] }),
      "NotAttorney",
    );
    for (const id of [active, pending]) {
      const { events } = await f.h.send(f.attorney, {
        abi,
        to: f.powers,
        functionName: "renouncePower",
        args: [id],
      });
      assert.equal(events[0]?.args["to"], PowerStatus.RENOUNCED);
      assert.equal(await f.status(id), PowerStatus.RENOUNCED);
    }
    assert.equal((await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE))[1], Reason.RENOUNCED);
    await expectRevert(
      f.h.send(f.attorney, { abi, to: f.powers, functionName: "acceptPower", args: [pending] }),
      "InvalidStatus",
    );
  });

  test("the grantor extends an active power by at most five years from the extension, never past that", async () => {
    const f = await fresh();
    const id = await f.activePower(f.grantor, { validUntil: f.h.time + YEAR });
    f.h.time += 200n * 24n * 3600n;
    const max = f.h.time + MAX_VALIDITY;
    assert.deepEqual(
      await expectRevert(
        f.h.send(f.grantor, { abi, to: f.powers, functionName: "extendPower", args: [id, max + 1n] }),
        "InvalidValidity",
      ),
      [max + 1n, max],
    );
    await expectRevert(
      f.h.send(f.grantor, { abi, to: f.powers, functionName: "extendPower", args: [id, f.h.time + 10n] }),
      "InvalidValidity",
    );
    await expectRevert(
      f.h.send(f.attorney, { abi, to: f.powers, functionName: "extendPower", args: [id, max] }),
      "NotGrantor",
    );
    const { events } = await f.h.send(f.grantor, {
      abi,
      to: f.powers,
      functionName: "extendPower",
      args: [id, max],
    });
    assert.equal(events[0]?.eventName, "PowerExtended");
    assert.equal(events[0]?.args["validUntil"], max);
    const power = await f.h.read({ abi, to: f.powers, functionName: "powerOf", args: [id] });
    assert.equal(power.validUntil, max);
  });

  test("a power expires by time: read as EXPIRED, refused after, valid before; expirePower records it", async () => {
    const f = await fresh();
    const validUntil = f.h.time + 1000n;
    const id = await f.activePower(f.grantor, { validUntil });
    await expectRevert(
      f.h.send(f.outsider, { abi, to: f.powers, functionName: "expirePower", args: [id] }),
      "PowerNotExpired",
    );
    f.h.time = validUntil + 1n;
    assert.equal(await f.status(id), PowerStatus.EXPIRED);
    assert.deepEqual(await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE), [
      false,
      Reason.EXPIRED,
      id,
    ]);
    assert.equal((await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE, validUntil))[0], true);
    await expectRevert(
      f.h.send(f.grantor, { abi, to: f.powers, functionName: "extendPower", args: [id, f.h.time + YEAR] }),
      "InvalidStatus",
    );
    const { events } = await f.h.send(f.outsider, {
      abi,
      to: f.powers,
      functionName: "expirePower",
      args: [id],
    });
    assert.deepEqual(
      [events[0]?.args["from"], events[0]?.args["to"]],
      [PowerStatus.ACTIVE, PowerStatus.EXPIRED],
    );
    await expectRevert(
      f.h.send(f.outsider, { abi, to: f.powers, functionName: "expirePower", args: [id] }),
      "PowerNotExpired",
    );
  });
});

describe("PowerOfAttorney: one voluntary representative per (grantor, procedure)", () => {
  test("a second representative for the same procedure is refused; another procedure or the same attorney is not", async () => {
    const f = await fresh();
    const first = await f.activePower(f.grantor);
    assert.deepEqual(
      await expectRevert(f.grant(f.grantor, { attorney: f.attorney2 }), "RepresentativeConflict"),
      [first],
    );
    await f.activePower(f.grantor, { attorney: f.attorney2, scope: [TAX_APPEAL] });
    await f.activePower(f.grantor, { scope: [BUILDING_PERMIT], actions: actions("PAY") });
  });

  test("GENERAL overlaps everything; an administration overlaps its procedures", async () => {
    const f = await fresh();
    await f.activePower(f.grantor, {
      powerType: PowerType.ADMINISTRATION,
      scope: [administration("bizkaia.tax")],
    });
    await expectRevert(
      f.grant(f.grantor, { attorney: f.attorney2, scope: [TAX_APPEAL] }),
      "RepresentativeConflict",
    );
    await expectRevert(
      f.grant(f.grantor, { attorney: f.attorney2, powerType: PowerType.GENERAL, scope: [] }),
      "RepresentativeConflict",
    );
    await f.activePower(f.grantor, {
      attorney: f.attorney2,
      scope: [procedure("bilbao.urbanism", "building-permit")],
    });
  });

  test("two pending grants may wait; the second acceptance is refused while the first is active, allowed after its revocation", async () => {
    const f = await fresh();
    const a = await f.grant(f.grantor);
    const b = await f.grant(f.grantor, { attorney: f.attorney2 });
    await f.h.send(f.attorney, { abi, to: f.powers, functionName: "acceptPower", args: [a] });
    await expectRevert(
      f.h.send(f.attorney2, { abi, to: f.powers, functionName: "acceptPower", args: [b] }),
      "RepresentativeConflict",
    );
    await f.h.send(f.grantor, { abi, to: f.powers, functionName: "revokePower", args: [a] });
    await f.h.send(f.attorney2, { abi, to: f.powers, functionName: "acceptPower", args: [b] });
    assert.equal((await f.authorization(f.grantor, f.attorney2, BUILDING_PERMIT, FILE))[0], true);
  });

  test("an expired power no longer blocks another representative", async () => {
    const f = await fresh();
    await f.activePower(f.grantor, { validUntil: f.h.time + 100n });
    f.h.time += 101n;
    await f.activePower(f.grantor, { attorney: f.attorney2 });
  });
});

describe("PowerOfAttorney: officials", () => {
  test("an official records a notarial or in-person power, which starts ACTIVE", async () => {
    const f = await fresh();
    const id = await record(f);
    assert.equal(await f.status(id), PowerStatus.ACTIVE);
    assert.deepEqual(await f.authorization(f.citizen, f.attorney, TAX_APPEAL, PAY), [
      true,
      Reason.AUTHORIZED,
      id,
    ]);
    const power = await f.h.read({ abi, to: f.powers, functionName: "powerOf", args: [id] });
    assert.equal(power.origin, PowerOrigin.NOTARIAL);
    assert.equal(power.registeredBy, f.official.address);
    await expectRevert(record(f, { origin: PowerOrigin.ONLINE }), "InvalidOrigin");
    await expectRevert(record(f, { docHash: pad("0x0", { size: 32 }) }), "MissingDocument");
    // A second representative for the same grantor is refused here too.
    await expectRevert(record(f, { attorneyRef: await f.refOf(f.attorney2) }), "RepresentativeConflict");
  });

  test("only officials record, review and terminate; the set of officials changes only by the admins' quorum", async () => {
    const f = await fresh();
    const id = await f.activePower(f.grantor);
    await expectRevert(
      f.h.send(f.grantor, {
        abi,
        to: f.powers,
        functionName: "terminatePower",
        args: [id, TerminationCause.GRANTOR_DEATH, DOC],
      }),
      "NotOfficial",
    );
    await expectRevert(
      f.h.send(f.admins[0], {
        abi,
        to: f.powers,
        functionName: "setOfficial",
        args: [f.attorney2.address, true],
      }),
      "OnlyByQuorum",
    );
    await f.governance(
      encodeFunctionData({ abi, functionName: "setOfficial", args: [f.attorney2.address, true] }),
    );
    assert.equal(
      await f.h.read({ abi, to: f.powers, functionName: "isOfficial", args: [f.attorney2.address] }),
      true,
    );
    await f.governance(
      encodeFunctionData({ abi, functionName: "setOfficial", args: [f.official.address, false] }),
    );
    await expectRevert(
      f.h.send(f.official, {
        abi,
        to: f.powers,
        functionName: "terminatePower",
        args: [id, TerminationCause.GRANTOR_DEATH, DOC],
      }),
      "NotOfficial",
    );
  });

  test("an official terminates a power on a party's death, with the evidence's hash", async () => {
    const f = await fresh();
    const id = await f.activePower(f.grantor);
    await expectRevert(
      f.h.send(f.official, {
        abi,
        to: f.powers,
        functionName: "terminatePower",
        args: [id, TerminationCause.GRANTOR_DEATH, pad("0x0", { size: 32 })],
      }),
      "MissingDocument",
    );
    f.h.time += 50n;
    const { events } = await f.h.send(f.official, {
      abi,
      to: f.powers,
      functionName: "terminatePower",
      args: [id, TerminationCause.GRANTOR_DEATH, DOC],
    });
    assert.deepEqual(
      events.map((e) => e.eventName),
      ["PowerStatusChanged", "PowerTerminated"],
    );
    assert.equal(events[1]?.args["cause"], TerminationCause.GRANTOR_DEATH);
    assert.equal(await f.status(id), PowerStatus.TERMINATED);
    assert.equal((await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE))[1], Reason.TERMINATED);
    assert.equal(
      (await f.authorization(f.grantor, f.attorney, BUILDING_PERMIT, FILE, f.h.time - 1n))[0],
      true,
    );
  });

  test("a legal person's power passes a legal review before the attorney may accept it", async () => {
    const f = await fresh();
    const ref = await f.refOf(f.grantor);
    await expectRevert(
      f.h.send(f.grantor, { abi, to: f.powers, functionName: "setLegalPerson", args: [ref, true] }),
      "NotOfficial",
    );
    const { events } = await f.h.send(f.official, {
      abi,
      to: f.powers,
      functionName: "setLegalPerson",
      args: [ref, true],
    });
    assert.equal(events[0]?.eventName, "LegalPersonChanged");
    const approved = await f.grant(f.grantor);
    const rejected = await f.grant(f.grantor, { scope: [TAX_APPEAL] });
    assert.equal(await f.status(approved), PowerStatus.PENDING_REVIEW);
    await expectRevert(
      f.h.send(f.attorney, { abi, to: f.powers, functionName: "acceptPower", args: [approved] }),
      "InvalidStatus",
    );
    await expectRevert(
      f.h.send(f.grantor, { abi, to: f.powers, functionName: "reviewPower", args: [approved, true] }),
      "NotOfficial",
    );
    await f.h.send(f.official, { abi, to: f.powers, functionName: "reviewPower", args: [approved, true] });
    await f.h.send(f.official, { abi, to: f.powers, functionName: "reviewPower", args: [rejected, false] });
    assert.equal(await f.status(approved), PowerStatus.PENDING_ACCEPTANCE);
    assert.equal(await f.status(rejected), PowerStatus.REJECTED);
    await f.h.send(f.attorney, { abi, to: f.powers, functionName: "acceptPower", args: [approved] });
    assert.equal(await f.status(approved), PowerStatus.ACTIVE);
    await expectRevert(
      f.h.send(f.official, { abi, to: f.powers, functionName: "reviewPower", args: [approved, true] }),
      "InvalidStatus",
    );
  });
});

describe("PowerOfAttorney: sub-delegation", () => {
  test("refused unless granted", async () => {
    const f = await fresh();
    const id = await f.activePower(f.grantor);
    await expectRevert(
      f.h.send(f.attorney, {
        abi,
        to: f.powers,
        functionName: "subDelegate",
        args: [id, f.attorney2.address, f.h.time + 100n, DOC],
      }),
      "SubDelegationNotGranted",
    );
  });

  test("when granted, the substitute acts while the delegating power lasts", async () => {
    const f = await fresh();
    const parent = await f.activePower(f.grantor, { subDelegation: true });
    const delegate = (from = f.attorney, validUntil = f.h.time + 1000n) =>
      f.h.send(from, {
        abi,
        to: f.powers,
        functionName: "subDelegate",
        args: [parent, f.attorney2.address, validUntil, DOC],
      });
    await expectRevert(delegate(f.grantor), "NotAttorney");
    await expectRevert(delegate(f.attorney, f.h.time + 2n * YEAR), "InvalidValidity");
    const { events } = await delegate();
    const id = events.find((e) => e.eventName === "PowerDelegated")?.args["id"] as bigint;
    const power = await f.h.read({ abi, to: f.powers, functionName: "powerOf", args: [id] });
    assert.equal(power.parentId, parent);
    assert.equal(power.subDelegation, false);
    assert.equal(power.grantorRef, await f.refOf(f.grantor));
    await f.h.send(f.attorney2, { abi, to: f.powers, functionName: "acceptPower", args: [id] });
    assert.deepEqual(await f.authorization(f.grantor, f.attorney2, BUILDING_PERMIT, FILE), [
      true,
      Reason.AUTHORIZED,
      id,
    ]);
    f.h.time += 10n;
    await f.h.send(f.grantor, { abi, to: f.powers, functionName: "revokePower", args: [parent] });
    assert.deepEqual(await f.authorization(f.grantor, f.attorney2, BUILDING_PERMIT, FILE), [
      false,
      Reason.DELEGATING_POWER_ENDED,
      id,
    ]);
    assert.equal(
      (await f.authorization(f.grantor, f.attorney2, BUILDING_PERMIT, FILE, f.h.time - 1n))[0],
      true,
    );
  });
});
