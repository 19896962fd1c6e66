import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAddressFromString, hexToBytes } from "@ethereumjs/util";
import { createVM } from "@ethereumjs/vm";
import { installJumpAnalysisCache, jumpAnalysisStats } from "../../../src/execution/jumpAnalysisCache.ts";
import { createChainCommon } from "../../../src/genesis/createChainCommon.ts";

// A contract of more than 512 bytes that jumps over a block of PUSH32s whose data contains 0x5b
// (JUMPDEST) bytes, then returns CALLDATALOAD(0) + 1. A jump into PUSH data would be invalid.
function contract(): Uint8Array {
  const filler = `7f${"5b".repeat(32)}`.repeat(20); // PUSH32 0x5b5b…: no valid JUMPDEST inside
  const fillerBytes = filler.length / 2;
  const target = 4 + fillerBytes; // after PUSH2 target, JUMP and the filler: the JUMPDEST
  const head = `61${target.toString(16).padStart(4, "0")}56`; // PUSH2 target, JUMP
  const body = "5b" + "600035" + "600101" + "600052" + "60206000f3"; // JUMPDEST, load, +1, mstore, return 32
  return hexToBytes(`0x${head}${filler}${body}`);
}

/** Calls the contract with `input`, on a fresh VM; returns the 32-byte output as a bigint, or the error. */
async function call(code: Uint8Array, input: bigint, jumpTo?: number): Promise<bigint | string> {
  const vm = await createVM({ common: createChainCommon(1337n) });
  const at = createAddressFromString(`0x${"c0de".padStart(40, "0")}`);
  const patched = new Uint8Array(code);
  if (jumpTo !== undefined) patched.set([0x61, jumpTo >> 8, jumpTo & 0xff], 0);
  await vm.stateManager.putCode(at, patched);
  const data = hexToBytes(`0x${input.toString(16).padStart(64, "0")}`);
  const result = await vm.evm.runCall({ to: at, data, gasLimit: 1_000_000n });
  if (result.execResult.exceptionError) return result.execResult.exceptionError.error;
  return BigInt(`0x${Buffer.from(result.execResult.returnValue).toString("hex")}`);
}

describe("the jump-analysis cache", () => {
  it("analyses a large contract once and runs it as uncached: valid jumps work, jumps into PUSH data fail", async () => {
    const code = contract();
    assert.ok(code.length >= 512);
    const uncached = [await call(code, 41n), await call(code, 1n, 5)];
    await installJumpAnalysisCache();
    const before = jumpAnalysisStats();
    const first = await call(code, 41n);
    const second = await call(code, 41n);
    const intoPushData = await call(code, 1n, 5);
    const after = jumpAnalysisStats();
    assert.equal(first, 42n);
    assert.equal(second, 42n);
    assert.deepEqual([first, intoPushData], uncached);
    assert.match(String(intoPushData), /invalid JUMP/);
    // The patched copy (other code) was analysed once; the original once, then reused.
    assert.equal(after.misses - before.misses, 2);
    assert.equal(after.hits - before.hits, 1);
  });

  it("reuses a small contract's analysis when the state hands back the same code, and runs it right", async () => {
    // PUSH1 4, JUMP, INVALID, JUMPDEST, then CALLDATALOAD(0) + 1 returned.
    const code = hexToBytes("0x600456fe5b60003560010160005260206000f3");
    await installJumpAnalysisCache();
    const vm = await createVM({ common: createChainCommon(1337n) });
    const at = createAddressFromString(`0x${"5a11".padStart(40, "0")}`);
    await vm.stateManager.putCode(at, code);
    const before = jumpAnalysisStats();
    const outputs: bigint[] = [];
    for (const input of [41n, 99n]) {
      const data = hexToBytes(`0x${input.toString(16).padStart(64, "0")}`);
      const result = await vm.evm.runCall({ to: at, data, gasLimit: 100_000n });
      assert.equal(result.execResult.exceptionError, undefined);
      outputs.push(BigInt(`0x${Buffer.from(result.execResult.returnValue).toString("hex")}`));
    }
    const after = jumpAnalysisStats();
    assert.deepEqual(outputs, [42n, 100n]);
    assert.equal(after.misses - before.misses, 1);
    assert.equal(after.hits - before.hits, 1);
  });
});
