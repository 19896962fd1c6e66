import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { ecrecover as jsEcrecover } from "@ethereumjs/util";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { addressOfPrivateKey } from "../../../src/crypto/accountKeys.ts";
import {
  createCustomCrypto,
  cryptoBackend,
  keccak256,
  publicKeyOf,
  signHash,
} from "../../../src/crypto/nativeCrypto.ts";

describe("native crypto for EthereumJS", () => {
  it("loads native secp256k1 and WebAssembly keccak on this machine", () => {
    assert.deepEqual(cryptoBackend, { secp256k1: "native", keccak: "wasm" });
  });

  it("keccak256 agrees with @noble/hashes on random inputs of many lengths", () => {
    for (let len = 0; len < 1200; len += 7) {
      const data = randomBytes(len);
      assert.deepEqual(Buffer.from(keccak256(data)), Buffer.from(keccak_256(data)));
    }
  });

  it("ecrecover agrees with the pure-JS path for typed and EIP-155 v values, and signHash is recoverable", () => {
    const { ecrecover } = createCustomCrypto();
    assert.ok(ecrecover);
    for (let i = 0; i < 20; i++) {
      const key = secp256k1.utils.randomSecretKey();
      const hash = randomBytes(32);
      const sig = signHash(hash, key);
      const r = sig.subarray(0, 32);
      const s = sig.subarray(32, 64);
      const rec = BigInt(sig[64]!);
      const expected = Buffer.from(secp256k1.getPublicKey(key, false).subarray(1));
      for (const [v, chainId] of [
        [rec, undefined],
        [27n + rec, undefined],
        [1337n * 2n + 35n + rec, 1337n],
      ] as const) {
        assert.deepEqual(Buffer.from(ecrecover(hash, v, r, s, chainId)), expected);
        assert.deepEqual(Buffer.from(jsEcrecover(hash, v, r, s, chainId)), expected);
      }
    }
  });

  it("ecrecover refuses an impossible v", () => {
    const { ecrecover } = createCustomCrypto();
    assert.throws(() => ecrecover!(randomBytes(32), 5n, randomBytes(32), randomBytes(32), 1n), /v value/);
  });

  it("publicKeyOf agrees with @noble/curves, and refuses keys outside [1, n)", () => {
    for (let i = 0; i < 20; i++) {
      const key = secp256k1.utils.randomSecretKey();
      const expected = secp256k1.getPublicKey(key, false);
      assert.deepEqual(Buffer.from(publicKeyOf(key)), Buffer.from(expected));
      const address = `0x${Buffer.from(keccak_256(expected.subarray(1)).subarray(12)).toString("hex")}`;
      assert.equal(addressOfPrivateKey(key), address);
    }
    const order = Buffer.from("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "hex");
    for (const bad of [new Uint8Array(32), new Uint8Array(order)]) assert.throws(() => publicKeyOf(bad));
  });
});
