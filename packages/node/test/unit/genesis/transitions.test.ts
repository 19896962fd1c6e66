import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NodeError } from "../../../src/errors.ts";
import { createDevGenesis } from "../../../src/genesis/devGenesis.ts";
import { parseGenesis } from "../../../src/genesis/genesisConfig.ts";

const V1 = `0x${"a1".repeat(20)}`;
const V2 = `0x${"0b".repeat(20)}`;
const V3 = `0x${"c3".repeat(20)}`;

/** A QBFT genesis with `config.transitions` set to `transitions` (absent when undefined). */
function genesisWith(transitions: unknown): Record<string, unknown> {
  const genesis = createDevGenesis({
    chainId: 1337,
    validators: [V1],
    accounts: [],
    balanceWei: 0n,
    blockPeriodSeconds: 1,
    emptyBlockPeriodSeconds: 1,
    gasLimit: 30_000_000n,
    timestamp: 0,
  });
  if (transitions !== undefined) (genesis["config"] as Record<string, unknown>)["transitions"] = transitions;
  return genesis;
}

function rejects(transitions: unknown, message: RegExp): void {
  assert.throws(
    () => parseGenesis(genesisWith(transitions)),
    (err: unknown) => {
      assert.ok(err instanceof NodeError);
      assert.equal(err.code, "GENESIS_INVALID");
      assert.match(err.message, message);
      return true;
    },
  );
}

describe("genesis config.transitions.qbft", () => {
  it("is empty when absent or empty", () => {
    assert.deepEqual(parseGenesis(genesisWith(undefined)).validatorTransitions, []);
    assert.deepEqual(parseGenesis(genesisWith({})).validatorTransitions, []);
    assert.deepEqual(parseGenesis(genesisWith({ qbft: [] })).validatorTransitions, []);
  });

  it("reads Besu's validator-selection transitions: block as number or string, addresses lowercased and sorted", () => {
    const parsed = parseGenesis(
      genesisWith({
        qbft: [
          { block: 10, validators: [V3.toUpperCase().replace("0X", "0x"), V1] },
          { block: "0x20", validators: [V2] },
          { block: "100", validators: [V1, V2, V3] },
        ],
      }),
    );
    assert.deepEqual(parsed.validatorTransitions, [
      { block: 10, validators: [V1, V3] },
      { block: 32, validators: [V2] },
      { block: 100, validators: [V2, V1, V3] },
    ]);
  });

  it("names the bad field", () => {
    rejects([], /config\.transitions must be an object/);
    rejects({ ibft2: [] }, /config\.transitions\.ibft2 is not supported \(only config\.transitions\.qbft\)/);
    rejects({ qbft: {} }, /config\.transitions\.qbft must be an array/);
    rejects({ qbft: [7] }, /config\.transitions\.qbft\[0\] must be an object/);
    rejects(
      { qbft: [{ block: 5, blockperiodseconds: 3 }] },
      /config\.transitions\.qbft\[0\]\.blockperiodseconds is not supported: a transition may only set "validators" from a "block"/,
    );
    rejects(
      { qbft: [{ validators: [V1] }] },
      /config\.transitions\.qbft\[0\]\.block must be a non-negative integer/,
    );
    rejects(
      { qbft: [{ block: 0, validators: [V1] }] },
      /config\.transitions\.qbft\[0\]\.block must be between 1 and 2\^53/,
    );
    rejects({ qbft: [{ block: -1, validators: [V1] }] }, /qbft\[0\]\.block must be a non-negative integer/);
    rejects({ qbft: [{ block: 5 }] }, /qbft\[0\]\.validators must be a non-empty array of addresses/);
    rejects({ qbft: [{ block: 5, validators: [] }] }, /qbft\[0\]\.validators must be a non-empty array/);
    rejects(
      { qbft: [{ block: 5, validators: [V1, "0x1234"] }] },
      /qbft\[0\]\.validators\[1\] must be a 0x-prefixed 20-byte address/,
    );
    rejects(
      { qbft: [{ block: 5, validators: [V1, V1.toUpperCase().replace("0X", "0x")] }] },
      /qbft\[0\]\.validators lists an address twice/,
    );
    rejects(
      {
        qbft: [
          { block: 5, validators: [V1] },
          { block: 5, validators: [V2] },
        ],
      },
      /config\.transitions\.qbft\[1\]\.block must be greater than the previous transition's block/,
    );
  });
});
