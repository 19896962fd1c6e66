// The node reads the identity registry through its own copy of two signatures and the events that
// change permissions (it does not depend on this package): they must match the compiled ABI.
import assert from "node:assert/strict";
import { test } from "node:test";
import { registryInterface } from "@civitas/node";
import { toEventSignature, toFunctionSignature } from "viem";
import { AccessLevel, IdentityRegistry, MemberStatus } from "../src/index.ts";

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
