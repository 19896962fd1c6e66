import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NodeError } from "../../../src/errors.ts";
import { createTxDecodingCommon } from "../../../src/genesis/createTxDecodingCommon.ts";
import { createLogger } from "../../../src/logger.ts";
import { TxChecker } from "../../../src/txpool/txChecker.ts";
import { CHAIN_ID, newKey, transfer } from "../helpers.ts";

const limits = { maxTxBytes: 128 * 1024, maxGas: 30_000_000n, minGasPrice: 0n };

describe("TxChecker (worker thread)", () => {
  it("recovers senders on the worker for many concurrent transactions and keeps refusals typed", async () => {
    const checker = new TxChecker(createTxDecodingCommon(CHAIN_ID), limits, createLogger("silent"));
    try {
      const signers = Array.from({ length: 5 }, () => newKey());
      const txs = signers.flatMap((s) =>
        [0n, 1n, 2n].map((n) => ({ signer: s.address, tx: transfer(s.key, n) })),
      );
      const checked = await Promise.all(txs.map(({ tx }) => checker.check(tx.serialize())));
      checked.forEach((c, i) => {
        assert.equal(c.sender, txs[i]!.signer);
        assert.equal(c.hash, `0x${Buffer.from(txs[i]!.tx.hash()).toString("hex")}`);
        assert.equal(c.tx.nonce, txs[i]!.tx.nonce);
      });
      const wrongChain = transfer(signers[0]!.key, 0n, { chainId: 5n }).serialize();
      await assert.rejects(
        checker.check(wrongChain),
        (err: unknown) => err instanceof NodeError && err.code === "TX_WRONG_CHAIN",
      );
      await assert.rejects(
        checker.check(Uint8Array.of(0x02, 0xc1)),
        (err: unknown) => err instanceof NodeError && err.code === "TX_MALFORMED",
      );
    } finally {
      await checker.close();
    }
  });
});
