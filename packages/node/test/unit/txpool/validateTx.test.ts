import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createAccessList2930Tx,
  createEOACode7702Tx,
  createFeeMarket1559Tx,
  createLegacyTx,
} from "@ethereumjs/tx";
import { createAddressFromString } from "@ethereumjs/util";
import { keccak256 } from "../../../src/crypto/nativeCrypto.ts";
import { NodeError } from "../../../src/errors.ts";
import {
  adoptCheckedTx,
  checkRawTx,
  hasPinnedEncoding,
  type TxLimits,
  typedSigningHash,
} from "../../../src/txpool/validateTx.ts";
import { common, newKey, transfer, unprotectedLegacyTransfer } from "../helpers.ts";

const limits: TxLimits = { maxTxBytes: 1024, maxGas: 1_000_000n, minGasPrice: 0n };

function rejects(raw: Uint8Array, code: string, message: RegExp): void {
  assert.throws(
    () => checkRawTx(raw, common, limits),
    (err: unknown) => err instanceof NodeError && err.code === code && message.test(err.message),
  );
}

describe("checkRawTx", () => {
  const { address, key } = newKey();

  it("accepts a signed transfer and recovers its sender and hash once", () => {
    const tx = transfer(key, 0n);
    const checked = checkRawTx(tx.serialize(), common, limits);
    assert.equal(checked.sender, address);
    assert.equal(checked.hash, `0x${Buffer.from(tx.hash()).toString("hex")}`);
    assert.equal(checked.size, tx.serialize().length);
  });

  it("keeps a typed transaction's encoding as received: serialize() and the hash come from a copy of it", () => {
    const raw = transfer(key, 3n, { data: Uint8Array.of(1, 2, 3), gasLimit: 30_000n }).serialize();
    const expected = Buffer.from(raw).toString("hex");
    const inWorker = checkRawTx(raw, common, limits);
    assert.equal(hasPinnedEncoding(inWorker.tx), true);
    // As the main thread adopts what the worker checked (the public key and the pinned flag).
    const adopted = adoptCheckedTx(raw, common, inWorker.tx.getSenderPublicKey(), true);
    for (const { tx, hash } of [inWorker, adopted]) {
      raw.fill(0); // the caller's buffer changes: the pinned copy does not
      assert.equal(Buffer.from(tx.serialize()).toString("hex"), expected);
      assert.equal(hash, `0x${Buffer.from(keccak256(Buffer.from(expected, "hex"))).toString("hex")}`);
      assert.equal(Buffer.from(tx.hash()).toString("hex"), hash.slice(2));
      assert.equal(tx.getSenderAddress().toString(), address);
    }
    // A legacy transaction's block encoding is its fields, not its bytes: nothing is pinned.
    const legacy = createLegacyTx(
      { nonce: 0n, to: `0x${"22".repeat(20)}`, gasLimit: 21_000n, gasPrice: 0n },
      { common },
    ).sign(key);
    const checked = checkRawTx(legacy.serialize(), common, limits);
    assert.equal(hasPinnedEncoding(checked.tx), false);
    assert.equal(checked.hash, `0x${Buffer.from(legacy.hash()).toString("hex")}`);
  });

  it("refuses another chain's transaction", () => {
    rejects(transfer(key, 0n, { chainId: 1n }).serialize(), "TX_WRONG_CHAIN", /invalid chain id/);
  });

  it("refuses an unprotected legacy transaction", () => {
    rejects(unprotectedLegacyTransfer(key, 0n).serialize(), "TX_WRONG_CHAIN", /pre-EIP-155/);
  });

  it("refuses malformed RLP", () => {
    rejects(Uint8Array.of(0x02, 0xf8, 0x01), "TX_MALFORMED", /invalid transaction encoding/);
  });

  it("refuses an oversized transaction before decoding it", () => {
    rejects(
      transfer(key, 0n, { data: new Uint8Array(2000), gasLimit: 200_000n }).serialize(),
      "TX_OVERSIZED",
      /2\d{3} bytes/,
    );
  });

  it("refuses blob transactions", () => {
    rejects(Uint8Array.of(0x03, 0xc0), "TX_UNSUPPORTED_TYPE", /blob/);
  });

  it("refuses a gas limit below intrinsic gas or above the block limit", () => {
    rejects(
      transfer(key, 0n, { gasLimit: 20_000n }).serialize(),
      "TX_INTRINSIC_GAS",
      /intrinsic gas too low/,
    );
    rejects(
      transfer(key, 0n, { gasLimit: 2_000_000n }).serialize(),
      "TX_GAS_LIMIT_TOO_HIGH",
      /exceeds block gas limit/,
    );
  });

  it("never attributes a corrupted signature to the signer", () => {
    const raw = transfer(key, 0n).serialize();
    raw.fill(0, raw.length - 64, raw.length - 33);
    let outcome: string;
    try {
      outcome = checkRawTx(raw, common, limits).sender;
    } catch (err) {
      outcome = (err as NodeError).code;
    }
    // Either refused, or (a valid signature by some other key) attributed to someone else.
    assert.notEqual(outcome, address);
    if (!outcome.startsWith("0x")) assert.ok(["TX_BAD_SIGNATURE", "TX_MALFORMED"].includes(outcome), outcome);
  });
});

describe("typedSigningHash", () => {
  const { address, key } = newKey();
  const to = createAddressFromString(`0x${"33".repeat(20)}`);
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

  it("is EthereumJS's signing hash for every typed transaction this node takes, short and long", () => {
    // Data sizes around the RLP list header's forms: one byte (≤ 55), then 1, 2 and 3 length bytes.
    for (const size of [0, 3, 20, 200, 300, 70_000]) {
      const data = Uint8Array.from({ length: size }, (_, i) => (i * 7 + 1) % 256);
      const accessList = [
        { address: `0x${"44".repeat(20)}` as const, storageKeys: [`0x${"01".repeat(32)}` as const] },
      ];
      const fields = { nonce: 5n, to, value: 9n, gasLimit: 2_000_000n, data, chainId: common.chainId() };
      const txs = [
        createAccessList2930Tx({ ...fields, gasPrice: 0n, accessList }, { common }),
        createFeeMarket1559Tx({ ...fields, maxFeePerGas: 7n, maxPriorityFeePerGas: 1n }, { common }),
        createEOACode7702Tx(
          {
            ...fields,
            maxFeePerGas: 0n,
            maxPriorityFeePerGas: 0n,
            authorizationList: [
              {
                chainId: "0x0",
                address: `0x${"55".repeat(20)}`,
                nonce: "0x1",
                yParity: "0x1",
                r: "0x01",
                s: "0x02",
              },
            ],
          },
          { common },
        ),
      ].map((tx) => tx.sign(key));
      for (const tx of txs) {
        assert.equal(
          hex(typedSigningHash(tx.serialize())),
          hex(tx.getHashedMessageToSign()),
          `type ${tx.type}, ${size} bytes of data`,
        );
        // And the check recovers the signer with it.
        const checked = checkRawTx(tx.serialize(), common, {
          ...limits,
          maxTxBytes: 200_000,
          maxGas: 30_000_000n,
        });
        assert.equal(hasPinnedEncoding(checked.tx), true);
        assert.equal(checked.sender, address);
      }
    }
  });

  it("refuses an encoding without the signature's three items", () => {
    // type 2 ‖ RLP([0x01, 0x02]): a list of two items.
    assert.throws(() => typedSigningHash(Uint8Array.of(2, 0xc2, 0x01, 0x02)), /signature's three items/);
    // A list whose header claims fewer bytes than follow it.
    assert.throws(() => typedSigningHash(Uint8Array.of(2, 0xc3, 1, 2, 3, 4)), /signature's three items/);
  });
});
