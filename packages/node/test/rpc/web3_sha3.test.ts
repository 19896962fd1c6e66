import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

const hex = (bytes: Uint8Array): string => `0x${Buffer.from(bytes).toString("hex")}`;

describe("web3_sha3", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is Keccak-256 (not SHA3-256) of the given bytes", async () => {
    const inputs = [new Uint8Array(0), new TextEncoder().encode("hello world"), randomBytes(1000)];
    for (const input of inputs) {
      assert.equal(await t.rpc("web3_sha3", [hex(input)]), hex(keccak_256(input)));
    }
  });

  it("accepts mixed-case hex digits", async () => {
    assert.equal(await t.rpc("web3_sha3", ["0xABcd"]), hex(keccak_256(Uint8Array.of(0xab, 0xcd))));
  });

  it("refuses input that is not 0x-prefixed even-length hex, naming the parameter", async () => {
    for (const bad of ["68656c6c6f", "0x123", "0xzz", 42, null]) {
      await t.expectError("web3_sha3", [bad], -32602, /data must be 0x-prefixed hex data/);
    }
  });

  it("refuses a wrong parameter count", async () => {
    await t.expectError("web3_sha3", [], -32602, /expected 1 parameters, got 0/);
    await t.expectError("web3_sha3", ["0x00", "0x00"], -32602, /expected 1 parameters, got 2/);
  });
});
