import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createAccountKey, createDevGenesis, createLedgerNode, createLogger } from "@civitas/node";
import { CHAIN_ID, qty, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

describe("qbft_getValidatorsByBlockNumber", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
    await t.produce();
    await t.produce();
  });
  after(() => t.close());

  it("returns the validators of a block, by number or tag, as lowercase addresses", async () => {
    for (const ref of ["0x0", "0x1", "0x2", "latest", "earliest", "pending", "safe", "finalized"])
      assert.deepEqual(await t.rpc("qbft_getValidatorsByBlockNumber", [ref]), [t.validator], ref);
    assert.match(t.validator, /^0x[0-9a-f]{40}$/);
  });

  it("answers -32001 for a block beyond the head", async () => {
    await t.expectError("qbft_getValidatorsByBlockNumber", [qty(99)], -32001, /not found: the head is 2/);
  });

  it("refuses a malformed block number or parameter count with -32602", async () => {
    await t.expectError("qbft_getValidatorsByBlockNumber", ["two"], -32602, /blockNumber must be/);
    await t.expectError("qbft_getValidatorsByBlockNumber", [], -32602, /expected 1 parameters, got 0/);
    await t.expectError("qbft_getValidatorsByBlockNumber", ["0x1", "0x2"], -32602, /got 2/);
  });
});

describe("qbft_getValidatorsByBlockNumber on a network of four", () => {
  it("lists the genesis validators sorted ascending", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-rpc-"));
    const validators = Array.from({ length: 4 }, () => createAccountKey().address);
    const genesisPath = join(dir, "genesis.json");
    writeFileSync(
      genesisPath,
      JSON.stringify(
        createDevGenesis({
          chainId: CHAIN_ID,
          validators: validators.map((v) => v.toUpperCase().replace("0X", "0x")),
          accounts: [],
          balanceWei: 0n,
          blockPeriodSeconds: 1,
          emptyBlockPeriodSeconds: 1,
          gasLimit: 30_000_000n,
          timestamp: Math.floor(Date.now() / 1000),
        }),
      ),
    );
    // A node without a validator key: it follows the chain and answers reads.
    const node = await createLedgerNode({
      dataDir: join(dir, "db"),
      genesisPath,
      rpc: { host: "127.0.0.1", port: 0 },
      logger: createLogger("silent"),
    });
    try {
      const response = await fetch(node.rpc.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "qbft_getValidatorsByBlockNumber",
          params: ["latest"],
        }),
      });
      const reply = (await response.json()) as { result: string[] };
      assert.deepEqual(reply.result, validators.map((v) => v.toLowerCase()).sort());
    } finally {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
