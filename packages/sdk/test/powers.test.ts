import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { keccak256, stringToHex } from "viem";
import {
  acceptPower,
  encodeFileApplication,
  executeForwarded,
  extendPower,
  fileApplication,
  filedApplicationId,
  getApplication,
  getPower,
  grantPower,
  isAuthorized,
  isPowersError,
  type PowersRevertedError,
  procedureCode,
  recordPower,
  renouncePower,
  revokePower,
  signForwardRequest,
  terminatePower,
} from "../src/index.ts";
import { type PowersNetwork, startPowersNetwork } from "./support/powersNetwork.ts";

const PERMIT = "bilbao.urbanism/building-permit";
const APPEAL = "bizkaia.tax/appeal";
const DOC = keccak256(stringToHex("application form"));
const YEAR = 365n * 24n * 3600n;

let n: PowersNetwork;
const now = () => BigInt(Math.floor(Date.now() / 1000));

before(async () => {
  n = await startPowersNetwork();
});

after(async () => {
  await n?.close();
});

async function refusal(promise: Promise<unknown>, errorName: string): Promise<PowersRevertedError> {
  let caught: unknown;
  await assert.rejects(promise, (err) => {
    caught = err;
    return isPowersError(err, errorName);
  });
  return caught as PowersRevertedError;
}

describe("powers of attorney through the SDK, on a running network", () => {
  it("grant, accept, file through the forwarder, revoke: the attorney's next attempt is refused", async () => {
    const grantor = n.clientOf(n.grantor);
    const attorney = n.clientOf(n.attorney);
    const relayer = n.clientOf(n.relayer);
    const { id } = await grantPower(grantor, {
      attorney: n.attorney.address,
      type: "PROCEDURES",
      scope: [PERMIT],
      actions: ["FILE_APPLICATION", "SUBMIT_DOCUMENTS"],
      validUntil: now() + YEAR,
    });
    assert.equal((await getPower(grantor, { id }))?.status, "PENDING_ACCEPTANCE");
    await acceptPower(attorney, { id });
    const power = await getPower(n.clientOf(), { id });
    assert.equal(power?.status, "ACTIVE");
    assert.deepEqual(power.actions, ["FILE_APPLICATION", "SUBMIT_DOCUMENTS"]);
    assert.deepEqual(power.scope, [procedureCode(PERMIT)]);
    const check = { grantor: n.grantor.address, attorney: n.attorney.address, procedure: PERMIT } as const;
    assert.deepEqual(await isAuthorized(n.clientOf(), { ...check, action: "FILE_APPLICATION" }), {
      authorized: true,
      reason: "AUTHORIZED",
      powerId: id,
    });
    assert.equal(
      (await isAuthorized(n.clientOf(), { ...check, action: "PAY" })).reason,
      "ACTION_NOT_GRANTED",
    );

    const signed = await signForwardRequest(attorney, {
      grantor: n.grantor.address,
      procedure: PERMIT,
      action: "FILE_APPLICATION",
      data: encodeFileApplication({ procedure: PERMIT, docHash: DOC }),
    });
    const executed = await executeForwarded(relayer, signed);
    assert.equal(executed.powerId, id);
    const application = await getApplication(n.clientOf(), { id: filedApplicationId(executed) });
    assert.equal(application.applicant, n.grantor.address);
    assert.equal(application.filer, n.attorney.address);

    const replay = await refusal(executeForwarded(relayer, signed), "InvalidNonce");
    assert.equal(replay.code, "POWERS_REVERTED");
    assert.match(replay.message, /RepresentationForwarder\.execute reverted: InvalidNonce/);

    await revokePower(grantor, { id });
    const actedAt = application.filedAt;
    assert.equal(
      (await isAuthorized(n.clientOf(), { ...check, action: "FILE_APPLICATION", at: actedAt })).authorized,
      true,
    );
    const next = await signForwardRequest(attorney, {
      grantor: n.grantor.address,
      procedure: PERMIT,
      action: "FILE_APPLICATION",
      data: encodeFileApplication({ procedure: PERMIT, docHash: DOC }),
    });
    const refused = await refusal(executeForwarded(relayer, next), "NotAuthorized");
    assert.equal(refused.args[4], 9); // AuthorizationReason.REVOKED
    assert.match(refused.message, /holds no active power/);
    assert.equal((await getPower(n.clientOf(), { id }))?.status, "REVOKED");
  });

  it("refuses a grant without a QUALIFIED certificate, past five years, or to a second representative", async () => {
    const citizen = n.clientOf(n.citizen);
    const terms = {
      type: "PROCEDURES",
      scope: [APPEAL],
      actions: ["APPEAL"],
      validUntil: now() + YEAR,
    } as const;
    await refusal(grantPower(citizen, { ...terms, attorney: n.attorney.address }), "InsufficientAssurance");
    const grantor = n.clientOf(n.grantor);
    await refusal(
      grantPower(grantor, { ...terms, attorney: n.attorney.address, validUntil: now() + 6n * YEAR }),
      "InvalidValidity",
    );
    const { id } = await grantPower(grantor, { ...terms, attorney: n.attorney.address });
    await acceptPower(n.clientOf(n.attorney), { id });
    await refusal(grantPower(grantor, { ...terms, attorney: n.attorney2.address }), "RepresentativeConflict");
    await extendPower(grantor, { id, validUntil: now() + 4n * YEAR });
    await refusal(extendPower(grantor, { id, validUntil: now() + 6n * YEAR }), "InvalidValidity");
    await renouncePower(n.clientOf(n.attorney), { id });
    assert.equal((await getPower(n.clientOf(), { id }))?.status, "RENOUNCED");
  });

  it("an official records a notarial power (ACTIVE at once) and terminates it; the grantor files himself directly", async () => {
    const official = n.clientOf(n.official);
    const grantorRef = (await n.clientOf().getMember({ account: n.citizen.address }))!.subjectRef;
    const attorneyRef = (await n.clientOf().getMember({ account: n.attorney2.address }))!.subjectRef;
    const { id } = await recordPower(official, {
      grantorRef,
      attorneyRef,
      origin: "NOTARIAL",
      type: "GENERAL",
      actions: ["PAY"],
      validUntil: now() + YEAR,
      docHash: DOC,
    });
    assert.equal((await getPower(official, { id }))?.status, "ACTIVE");
    const check = {
      grantor: n.citizen.address,
      attorney: n.attorney2.address,
      procedure: APPEAL,
      action: "PAY",
    } as const;
    assert.equal((await isAuthorized(official, check)).authorized, true);
    await refusal(
      terminatePower(n.clientOf(n.grantor), { id, cause: "GRANTOR_DEATH", evidenceHash: DOC }),
      "NotOfficial",
    );
    await terminatePower(official, { id, cause: "GRANTOR_DEATH", evidenceHash: DOC });
    assert.equal((await isAuthorized(official, check)).reason, "TERMINATED");

    const filed = await fileApplication(n.clientOf(n.citizen), { procedure: APPEAL, docHash: DOC });
    const application = await getApplication(official, { id: filed.applicationId });
    assert.deepEqual([application.applicant, application.filer], [n.citizen.address, n.citizen.address]);
  });
});
