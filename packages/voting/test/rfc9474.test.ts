// Known-answer test: RFC 9474 Appendix A, RSABSSA-SHA384-PSS-Randomized, through the same
// library calls the credential code makes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { blindRsa, concatBytes, fromHex, toHex } from "../src/index.ts";
import { RSABSSA_SHA384_PSS_RANDOMIZED as V } from "./vectors/rfc9474.ts";

const big = (h: string) => BigInt(`0x${h}`);
const b64u = (n: bigint) => {
  let h = n.toString(16);
  if (h.length % 2) h = `0${h}`;
  return Buffer.from(h, "hex").toString("base64url");
};
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

async function keys() {
  const [p, q, d] = [big(V.p), big(V.q), big(V.d)];
  const jwk = { kty: "RSA", n: b64u(big(V.n)), e: b64u(big(V.e)), alg: "PS384", ext: true };
  const priv = {
    ...jwk,
    d: b64u(d),
    p: b64u(p),
    q: b64u(q),
    dp: b64u(d % (p - 1n)),
    dq: b64u(d % (q - 1n)),
    qi: b64u(modInverse(q, p)),
  };
  const alg = { name: "RSA-PSS", hash: "SHA-384" };
  return {
    publicKey: await crypto.subtle.importKey("jwk", jwk, alg, true, ["verify"]),
    privateKey: await crypto.subtle.importKey("jwk", priv, alg, true, ["sign"]),
  };
}

test("RFC 9474 A: blind() with the vector's salt and r gives blinded_msg and inv", async () => {
  const { publicKey } = await keys();
  const prepared = concatBytes(fromHex(V.msgPrefix), fromHex(V.msg));
  const r = modInverse(big(V.inv), big(V.n));
  const randomness = [fromHex(V.salt), fromHex(r.toString(16).padStart(1024, "0"))];
  const c = globalThis.crypto as { getRandomValues: <A extends ArrayBufferView>(a: A) => A };
  const original = c.getRandomValues;
  c.getRandomValues = <A extends ArrayBufferView>(a: A): A => {
    const next = randomness.shift();
    assert.ok(next && next.length === a.byteLength, "unexpected randomness request");
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength).set(next);
    return a;
  };
  try {
    const { blindedMsg, inv } = await blindRsa.blind(publicKey, prepared);
    assert.equal(toHex(blindedMsg), V.blindedMsg);
    assert.equal(toHex(inv), V.inv);
  } finally {
    c.getRandomValues = original;
  }
});

test("RFC 9474 A: blindSign(blinded_msg) = blind_sig, finalize = sig, and sig verifies", async () => {
  const { publicKey, privateKey } = await keys();
  const prepared = concatBytes(fromHex(V.msgPrefix), fromHex(V.msg));
  assert.equal(toHex(await blindRsa.blindSign(privateKey, fromHex(V.blindedMsg))), V.blindSig);
  const sig = await blindRsa.finalize(publicKey, prepared, fromHex(V.blindSig), fromHex(V.inv));
  assert.equal(toHex(sig), V.sig);
  assert.equal(await blindRsa.verify(publicKey, sig, prepared), true);
  assert.equal(
    await blindRsa.verify(publicKey, sig, fromHex(V.msg)),
    false,
    "the prefix is part of the signed message",
  );
});
