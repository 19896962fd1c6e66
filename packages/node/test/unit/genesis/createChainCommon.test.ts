import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hardfork } from "@ethereumjs/common";
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
});
