import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encodeFunctionData, type Hex } from "viem";
import {
  ApplicationDesk,
  PowerAction,
  PowerOfAttorney,
  AuthorizationReason as Reason,
  RepresentationForwarder,
} from "../src/index.ts";
import { expectRevert, type TestAccount } from "./support/evmHarness.ts";
import {
  actions,
  BUILDING_PERMIT,
  createPowerFixture,
  DOC,
  type ForwardRequest,
  forwardingAbi,
  type PowerFixture,
  TAX_APPEAL,
} from "./support/powerFixture.ts";

const FILE = PowerAction.FILE_APPLICATION;

/** The attorney's request to file an application for the grantor in `procedure`. */
async function fileRequest(
  f: PowerFixture,
  o: {
    from?: TestAccount;
    procedure?: Hex;
    callProcedure?: Hex;
    action?: number;
    deadline?: bigint;
    to?: Hex;
  } = {},
): Promise<ForwardRequest> {
  const from = o.from ?? f.attorney;
  const proc = o.procedure ?? BUILDING_PERMIT;
  return {
    from: from.address,
    grantor: f.grantor.address,
    to: o.to ?? f.desk,
    procedure: proc,
    action: o.action ?? FILE,
    value: 0n,
    gas: 1_000_000n,
    nonce: await f.h.read({
      abi: RepresentationForwarder.abi,
      to: f.forwarder,
      functionName: "nonces",
      args: [from.address],
    }),
    deadline: o.deadline ?? f.h.time + 600n,
    data: encodeFunctionData({
      abi: ApplicationDesk.abi,
      functionName: "fileApplication",
      args: [o.callProcedure ?? proc, DOC],
    }),
  };
}

function execute(f: PowerFixture, request: ForwardRequest, signature: Hex, relayer = f.outsider) {
  return f.h.send(relayer, {
    abi: forwardingAbi,
    to: f.forwarder,
    functionName: "execute",
    args: [request, signature],
  });
}

async function application(f: PowerFixture, id: bigint) {
  return f.h.read({ abi: ApplicationDesk.abi, to: f.desk, functionName: "applicationOf", args: [id] });
}

describe("RepresentationForwarder", () => {
  test("a relayer submits the attorney's signed request: the desk records the grantor as applicant and the attorney as filer", async () => {
    const f = await createPowerFixture();
    const power = await f.activePower(f.grantor);
    const request = await fileRequest(f);
    const digest = await f.h.read({
      abi: RepresentationForwarder.abi,
      to: f.forwarder,
      functionName: "digest",
      args: [request],
    });
    assert.match(digest, /^0x[0-9a-f]{64}$/);
    const signature = await f.sign(f.attorney, request);
    assert.equal(
      await f.h.read({
        abi: RepresentationForwarder.abi,
        to: f.forwarder,
        functionName: "verify",
        args: [request, signature],
      }),
      power,
    );
    const { events } = await execute(f, request, signature);
    const filed = events.find((e) => e.eventName === "ApplicationFiled");
    assert.equal(filed?.args["applicant"], f.grantor.address);
    assert.equal(filed?.args["filer"], f.attorney.address);
    const executed = events.find((e) => e.eventName === "RequestExecuted");
    assert.equal(executed?.args["powerId"], power);
    assert.equal(executed?.args["attorney"], f.attorney.address);
    const app = await application(f, 1n);
    assert.deepEqual(
      [app.applicant, app.filer, app.procedure],
      [f.grantor.address, f.attorney.address, BUILDING_PERMIT],
    );
    assert.equal(
      await f.h.read({
        abi: RepresentationForwarder.abi,
        to: f.forwarder,
        functionName: "nonces",
        args: [f.attorney.address],
      }),
      1n,
    );
    // Outside a forwarded call there is no representation to read.
    const context = await f.h.read({
      abi: RepresentationForwarder.abi,
      to: f.forwarder,
      functionName: "currentRepresentation",
      args: [],
    });
    assert.equal(context[0], "0x0000000000000000000000000000000000000000");
  });

  test("a request signed by someone else than `from` is refused", async () => {
    const f = await createPowerFixture();
    await f.activePower(f.grantor);
    const request = await fileRequest(f);
    const args = await expectRevert(execute(f, request, await f.sign(f.attorney2, request)), "InvalidSigner");
    assert.deepEqual(args, [f.attorney2.address, f.attorney.address]);
    const tampered = { ...request, procedure: TAX_APPEAL };
    await expectRevert(execute(f, tampered, await f.sign(f.attorney, request)), "InvalidSigner");
  });

  test("a replayed request (used nonce) is refused", async () => {
    const f = await createPowerFixture();
    await f.activePower(f.grantor);
    const request = await fileRequest(f);
    const signature = await f.sign(f.attorney, request);
    await execute(f, request, signature);
    assert.deepEqual(await expectRevert(execute(f, request, signature), "InvalidNonce"), [
      f.attorney.address,
      1n,
    ]);
  });

  test("a request past its deadline is refused", async () => {
    const f = await createPowerFixture();
    await f.activePower(f.grantor);
    const request = await fileRequest(f, { deadline: f.h.time + 5n });
    const signature = await f.sign(f.attorney, request);
    f.h.time += 6n;
    await expectRevert(execute(f, request, signature), "RequestExpired");
  });

  test("an action or a procedure the power does not grant is refused with the reason", async () => {
    const f = await createPowerFixture();
    await f.activePower(f.grantor, { actions: actions("PAY") });
    const request = await fileRequest(f);
    const args = await expectRevert(execute(f, request, await f.sign(f.attorney, request)), "NotAuthorized");
    assert.deepEqual(args, [
      f.grantor.address,
      f.attorney.address,
      BUILDING_PERMIT,
      FILE,
      Reason.ACTION_NOT_GRANTED,
    ]);
    const other = await fileRequest(f, { procedure: TAX_APPEAL });
    const refused = await expectRevert(execute(f, other, await f.sign(f.attorney, other)), "NotAuthorized");
    assert.equal(refused[4], Reason.PROCEDURE_NOT_IN_SCOPE);
  });

  test("a call that does something else than what was authorised is refused by the service", async () => {
    const f = await createPowerFixture();
    await f.activePower(f.grantor);
    const request = await fileRequest(f, { callProcedure: TAX_APPEAL });
    await expectRevert(execute(f, request, await f.sign(f.attorney, request)), "RepresentationMismatch");
    const submitting = await fileRequest(f, { action: PowerAction.SUBMIT_DOCUMENTS });
    await expectRevert(
      execute(f, submitting, await f.sign(f.attorney, submitting)),
      "RepresentationMismatch",
    );
  });

  test("after the grantor revokes the power the attorney's next request is refused", async () => {
    const f = await createPowerFixture();
    const power = await f.activePower(f.grantor);
    const first = await fileRequest(f);
    await execute(f, first, await f.sign(f.attorney, first));
    await f.h.send(f.grantor, {
      abi: PowerOfAttorney.abi,
      to: f.powers,
      functionName: "revokePower",
      args: [power],
    });
    const next = await fileRequest(f);
    const args = await expectRevert(execute(f, next, await f.sign(f.attorney, next)), "NotAuthorized");
    assert.equal(args[4], Reason.REVOKED);
    // The application filed before the revocation stands.
    assert.equal((await application(f, 1n)).filer, f.attorney.address);
  });

  test("the grantor acting himself needs no power; directly, the desk records him as filer too", async () => {
    const f = await createPowerFixture();
    const request = await fileRequest(f, { from: f.grantor });
    await execute(f, request, await f.sign(f.grantor, request));
    const app = await application(f, 1n);
    assert.deepEqual([app.applicant, app.filer], [f.grantor.address, f.grantor.address]);
    await f.h.send(f.citizen, {
      abi: ApplicationDesk.abi,
      to: f.desk,
      functionName: "fileApplication",
      args: [TAX_APPEAL, DOC],
    });
    const direct = await application(f, 2n);
    assert.deepEqual([direct.applicant, direct.filer], [f.citizen.address, f.citizen.address]);
  });

  test("a target that does not trust the forwarder is refused; a payment must match the request's value", async () => {
    const f = await createPowerFixture();
    await f.activePower(f.grantor);
    const request = await fileRequest(f, { to: f.powers });
    await expectRevert(execute(f, request, await f.sign(f.attorney, request)), "UntrustedTarget");
    const valued = { ...(await fileRequest(f)), value: 1n };
    await expectRevert(execute(f, valued, await f.sign(f.attorney, valued)), "ValueMismatch");
  });
});
