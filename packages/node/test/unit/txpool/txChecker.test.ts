import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NodeError } from "../../../src/errors.ts";
import { createTxDecodingCommon } from "../../../src/genesis/createTxDecodingCommon.ts";
import { createLogger } from "../../../src/logger.ts";
import { TxChecker, WORKER_CHUNK } from "../../../src/txpool/txChecker.ts";
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

  it("answers each transaction of a burst larger than one worker message with its own result", async () => {
    const checker = new TxChecker(createTxDecodingCommon(CHAIN_ID), limits, createLogger("silent"));
    try {
      // Three full messages and part of a fourth; a refusal in the second and one in the last.
      const count = 3 * WORKER_CHUNK + 5;
      const signers = Array.from({ length: count }, () => newKey());
      const raws = signers.map((s, i) =>
        transfer(s.key, 0n, i === WORKER_CHUNK + 3 || i === count - 1 ? { chainId: 5n } : {}).serialize(),
      );
      const settled = await Promise.allSettled(raws.map((raw) => checker.check(raw)));
      settled.forEach((s, i) => {
        if (i === WORKER_CHUNK + 3 || i === count - 1) {
          assert.equal(s.status, "rejected", `transaction ${i} is refused`);
          assert.equal(((s as PromiseRejectedResult).reason as NodeError).code, "TX_WRONG_CHAIN");
        } else {
          assert.equal(s.status, "fulfilled", `transaction ${i} is accepted`);
          assert.equal((s as PromiseFulfilledResult<{ sender: string }>).value.sender, signers[i]!.address);
        }
      });
    } finally {
      await checker.close();
    }
  });
});
