import assert from "node:assert/strict";
import { test } from "node:test";
import { toFunctionSelector } from "viem";
import { compileSlotWriter } from "../contract.ts";

test("SlotWriter compiles with set(uint256) and the values(address) getter", () => {
  const compiled = compileSlotWriter();
  assert.match(compiled.bytecode, /^0x[0-9a-f]{100,}$/);
  assert.equal(compiled.selectors["set(uint256)"], toFunctionSelector("set(uint256)"));
  assert.equal(compiled.selectors["values(address)"], toFunctionSelector("values(address)"));
});
