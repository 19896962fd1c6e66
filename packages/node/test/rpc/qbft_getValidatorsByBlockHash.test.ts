import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("qbft_getValidatorsByBlockHash", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
    await t.produce();
  });
  after(() => t.close());

  const hashOf = async (tag: string) =>
    (await t.rpc<{ hash: string }>("eth_getBlockByNumber", [tag, false])).hash;

  it("returns the validators of the block with that hash", async () => {
    assert.deepEqual(await t.rpc("qbft_getValidatorsByBlockHash", [await hashOf("0x0")]), [t.validator]);
    const hash = await hashOf("0x1");
    assert.deepEqual(await t.rpc("qbft_getValidatorsByBlockHash", [hash]), [t.validator]);
    assert.deepEqual(await t.rpc("qbft_getValidatorsByBlockHash", [hash.toUpperCase().replace("0X", "0x")]), [
      t.validator,
    ]);
  });

  it("answers -32001 for an unknown hash", async () => {
    await t.expectError("qbft_getValidatorsByBlockHash", [`0x${"ab".repeat(32)}`], -32001, /not found/);
  });

  it("refuses anything but one 32-byte hash with -32602", async () => {
    for (const bad of ["0x1", "latest", `0x${"ab".repeat(31)}`, `${"ab".repeat(32)}`, 7, null])
      await t.expectError("qbft_getValidatorsByBlockHash", [bad], -32602, /blockHash must be a 32-byte/);
    await t.expectError("qbft_getValidatorsByBlockHash", [], -32602, /expected 1 parameters, got 0/);
  });
});
