import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import { createChainCommon } from "../../../src/genesis/createChainCommon.ts";

/** Common's own answer: its list of activated EIPs. */
const listed = (common: object): readonly number[] =>
  (common as { _activatedEIPsCache: readonly number[] })._activatedEIPsCache;

describe("createChainCommon", () => {
  it("answers isActivatedEIP as Common's list does, for every EIP number, after a hardfork change and in a copy", () => {
    const common = createChainCommon(1337n);
    const check = (c: ReturnType<typeof createChainCommon>, label: string) => {
      const list = listed(c);
      assert.ok(list.length > 5, `${label}: the list is there`);
      for (let eip = 0; eip <= 9000; eip++)
        assert.equal(c.isActivatedEIP(eip), list.includes(eip), `${label}: EIP-${eip}`);
    };
    check(common, "osaka");
    assert.equal(common.isActivatedEIP(7702), true);
    const copy = common.copy();
    copy.setHardfork(Hardfork.London);
    check(copy, "london copy");
    assert.equal(copy.isActivatedEIP(7702), false, "EIP-7702 is not active at London");
    check(common, "the original, unchanged by its copy");
  });

  it("answers gteHardfork as Common does, for every pair of hardforks, after a hardfork change and in a copy", () => {
    const common = createChainCommon(1337n);
    const names = common.hardforks().map((hf) => hf.name);
    assert.ok(names.includes("osaka") && names.includes("london"));
    // Common's own answer, from its prototype (the method createChainCommon replaced).
    const stock = (c: Common, a: string | null, b: string) =>
      Common.prototype.hardforkGteHardfork.call(c, a, b);
    const check = (c: Common, label: string) => {
      for (const a of [null, ...names])
        for (const b of [...names, "no-such-fork"])
          assert.equal(c.hardforkGteHardfork(a, b), stock(c, a, b), `${label}: ${a} >= ${b}`);
      for (const b of names) assert.equal(c.gteHardfork(b), stock(c, null, b), `${label}: set >= ${b}`);
    };
    check(common, "osaka");
    assert.equal(common.gteHardfork(Hardfork.Prague), true);
    const copy = common.copy();
    copy.setHardfork(Hardfork.London);
    check(copy, "london copy");
    assert.equal(copy.gteHardfork(Hardfork.Prague), false, "London is before Prague");
    check(common, "the original, unchanged by its copy");
    assert.ok(new Common({ chain: Mainnet }).gteHardfork(Hardfork.Chainstart), "another Common is untouched");
  });
});
