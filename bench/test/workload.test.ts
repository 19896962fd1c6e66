import assert from "node:assert/strict";
import { test } from "node:test";
import { keccak256, parseTransaction, recoverTransactionAddress } from "viem";
import { deriveAccounts } from "../accounts.ts";
import { CALL_GAS, encodeSetCall, NonceBook, signCalls, signTransfers } from "../workload.ts";

const accounts = deriveAccounts("workload-test", 3);

test("transfers are EIP-1559, zero-fee, signed by their sender, to the next account", async () => {
  const txs = signTransfers({ chainId: 1337, accounts, firstSender: 1, count: 2 }, new NonceBook());
  const expectedFrom = [accounts[1]!, accounts[2]!];
  const expectedTo = [accounts[2]!, accounts[0]!];
  for (let i = 0; i < txs.length; i++) {
    const tx = txs[i]!;
    assert.equal(tx.hash, keccak256(tx.raw));
    const parsed = parseTransaction(tx.raw);
    assert.equal(parsed.type, "eip1559");
    assert.equal(parsed.chainId, 1337);
    // viem decodes an empty (zero) fee field as undefined.
    assert.equal(parsed.maxFeePerGas ?? 0n, 0n);
    assert.equal(parsed.maxPriorityFeePerGas ?? 0n, 0n);
    assert.equal(parsed.to, expectedTo[i]!.address);
    assert.equal(parsed.value, 1n);
    const from = await recoverTransactionAddress({ serializedTransaction: tx.raw as `0x02${string}` });
    assert.equal(from.toLowerCase(), expectedFrom[i]!.address);
  }
});

test("senders wrap round-robin and their nonces count up across scenarios", () => {
  const nonces = new NonceBook();
  const transfers = signTransfers({ chainId: 1337, accounts, firstSender: 0, count: 4 }, nonces);
  assert.deepEqual(
    transfers.map((t) => parseTransaction(t.raw).nonce),
    [0, 0, 0, 1],
  );
  const calls = signCalls(
    { chainId: 1337, accounts, firstSender: 1, count: 3 },
    "0x00000000000000000000000000000000000000aa",
    "0x60fe47b1",
    nonces,
  );
  assert.deepEqual(
    calls.map((t) => parseTransaction(t.raw).nonce),
    [1, 1, 2],
  );
  const first = parseTransaction(calls[0]!.raw);
  assert.equal(first.gas, CALL_GAS);
  assert.equal(first.data, encodeSetCall("0x60fe47b1", 1n));
});

test("set(uint256) calldata is the selector and a 32-byte big-endian word", () => {
  assert.equal(encodeSetCall("0x60fe47b1", 255n), `0x60fe47b1${"0".repeat(62)}ff`);
});
