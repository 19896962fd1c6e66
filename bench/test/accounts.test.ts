import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesToHex, keccak256, stringToBytes } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { deployerAccount, deriveAccounts, deriveKey, validatorAccount } from "../accounts.ts";

test("keys are keccak256(seed ‖ label) and addresses match viem's derivation", () => {
  const accounts = deriveAccounts("s", 3);
  for (let i = 0; i < 3; i++) {
    const expected = keccak256(stringToBytes(`s${i}`));
    assert.equal(bytesToHex(accounts[i]!.privateKey), expected);
    assert.equal(accounts[i]!.address, privateKeyToAddress(expected).toLowerCase());
  }
});

test("accounts are deterministic per seed and distinct across seeds and roles", () => {
  assert.deepEqual(deriveAccounts("a", 2), deriveAccounts("a", 2));
  assert.notEqual(deriveAccounts("a", 1)[0]!.address, deriveAccounts("b", 1)[0]!.address);
  const roles = new Set([
    deployerAccount("a").address,
    validatorAccount("a").address,
    deriveAccounts("a", 1)[0]!.address,
  ]);
  assert.equal(roles.size, 3);
});

test("progress is reported every 5000 accounts", () => {
  const seen: number[] = [];
  deriveAccounts("p", 10_000, (n) => seen.push(n));
  assert.deepEqual(seen, [5000, 10_000]);
});

test("deriveKey returns 32 bytes", () => {
  assert.equal(deriveKey("x", "y").length, 32);
});
