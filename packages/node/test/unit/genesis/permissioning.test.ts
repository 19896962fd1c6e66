import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NodeError } from "../../../src/errors.ts";
import { createDevGenesis } from "../../../src/genesis/devGenesis.ts";
import { parseGenesis } from "../../../src/genesis/genesisConfig.ts";

const REGISTRY = "0x00000000000000000000000000000000000c1701";

/** A genesis with code at REGISTRY and `config.permissioning` set to `permissioning` (absent when undefined). */
function genesisWith(permissioning: unknown, code = "0x6001600055"): Record<string, unknown> {
  const genesis = createDevGenesis({
    chainId: 1337,
    validators: [`0x${"a1".repeat(20)}`],
    accounts: [],
    balanceWei: 0n,
    blockPeriodSeconds: 1,
    emptyBlockPeriodSeconds: 1,
    gasLimit: 30_000_000n,
    timestamp: 0,
  });
  (genesis["alloc"] as Record<string, unknown>)[REGISTRY] = { balance: "0x0", code };
  if (permissioning !== undefined)
    (genesis["config"] as Record<string, unknown>)["permissioning"] = permissioning;
  return genesis;
}

function rejects(genesis: Record<string, unknown>, message: RegExp): void {
  assert.throws(
    () => parseGenesis(genesis),
    (err: unknown) => {
      assert.ok(err instanceof NodeError);
      assert.equal(err.code, "GENESIS_INVALID");
      assert.match(err.message, message);
      return true;
    },
  );
}

describe("genesis config.permissioning", () => {
  it("is off when absent, and names the registry (lowercased) when present", () => {
    assert.equal(parseGenesis(genesisWith(undefined)).identityRegistry, undefined);
    const named = parseGenesis(genesisWith({ identityRegistry: REGISTRY.toUpperCase().replace("0X", "0x") }));
    assert.equal(named.identityRegistry, REGISTRY);
  });

  it("refuses a malformed section, an unknown setting or a bad address", () => {
    rejects(genesisWith("on"), /config\.permissioning must be an object/);
    rejects(
      genesisWith({ identityRegistry: REGISTRY, accounts: [] }),
      /permissioning\.accounts is not a known setting/,
    );
    rejects(
      genesisWith({ identityRegistry: "0x1234" }),
      /identityRegistry must be a 0x-prefixed 20-byte address/,
    );
    rejects(genesisWith({}), /identityRegistry must be a 0x-prefixed 20-byte address/);
  });

  it("refuses a registry address without code in alloc: the network would run open by mistake", () => {
    rejects(genesisWith({ identityRegistry: `0x${"42".repeat(20)}` }), /has no code in alloc/);
    rejects(genesisWith({ identityRegistry: REGISTRY }, "0x"), /has no code in alloc/);
  });
});
