import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { Address, hexToBytes } from "@ethereumjs/util";
import { pino } from "pino";
import { privateKeyToAccount } from "viem/accounts";
import { createAccountKey } from "../../src/crypto/accountKeys.ts";
import { metaKey, openNodeDatabase } from "../../src/db/openNodeDatabase.ts";
import { createDevGenesis } from "../../src/genesis/devGenesis.ts";
import { createLedgerNode, type LedgerNode } from "../../src/node.ts";

const CHAIN_ID = 1337;
const CONTRACT = `0x${"c0".repeat(20)}`;
const slot = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

describe("the flat state index of a data directory that lacks it", () => {
  it("is rebuilt from the head's state when the node starts, and the node reads and executes as before", async () => {
    const dir = mkdtempSync(join(tmpdir(), "civitas-flat-node-"));
    const validator = createAccountKey();
    const sender = createAccountKey();
    const genesis = createDevGenesis({
      chainId: CHAIN_ID,
      validators: [validator.address],
      accounts: [sender.address, ...Array.from({ length: 20 }, () => createAccountKey().address)],
      balanceWei: 10n ** 21n,
      blockPeriodSeconds: 3600,
      emptyBlockPeriodSeconds: 86_400,
      gasLimit: 30_000_000n,
      timestamp: Math.floor(Date.now() / 1000),
      extraAlloc: {
        [CONTRACT]: {
          balance: "0x0",
          code: "0x00",
          storage: Object.fromEntries(
            Array.from({ length: 30 }, (_, i) => [slot(i + 1), `0x${(i + 7).toString(16).padStart(2, "0")}`]),
          ),
        },
      },
    });
    const genesisPath = join(dir, "genesis.json");
    writeFileSync(genesisPath, JSON.stringify(genesis));
    const lines: { msg: string; entries?: number }[] = [];
    const start = () =>
      createLedgerNode({
        dataDir: join(dir, "db"),
        genesisPath,
        validatorKey: {
          address: validator.address,
          privateKey: hexToBytes(validator.privateKey as `0x${string}`),
        },
        rpc: { host: "127.0.0.1", port: 0 },
        logger: pino(
          { level: "info" },
          new Writable({
            write(chunk, _encoding, done) {
              lines.push(JSON.parse(String(chunk)));
              done();
            },
          }),
        ),
      });
    const transfer = async (node: LedgerNode, nonce: number) => {
      const raw = await privateKeyToAccount(sender.privateKey as `0x${string}`).signTransaction({
        type: "eip1559",
        chainId: CHAIN_ID,
        nonce,
        to: `0x${"22".repeat(20)}`,
        value: 1000n,
        gas: 21_000n,
        maxFeePerGas: 0n,
        maxPriorityFeePerGas: 0n,
      });
      const reply = await fetch(node.rpc.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [raw] }),
      });
      const body = (await reply.json()) as { error?: unknown };
      assert.equal(body.error, undefined);
      await node.produceBlock();
    };
    const read = async (node: LedgerNode) => {
      const state = node.chain.stateAt(node.chain.head);
      const account = await state.getAccount(new Address(hexToBytes(sender.address as `0x${string}`)));
      const slots: string[] = [];
      for (let i = 1; i <= 30; i++)
        slots.push(
          Buffer.from(
            await state.getStorage(
              new Address(hexToBytes(CONTRACT as `0x${string}`)),
              hexToBytes(slot(i) as `0x${string}`),
            ),
          ).toString("hex"),
        );
      return { nonce: account?.nonce, balance: account?.balance, slots };
    };
    try {
      let node = await start();
      await transfer(node, 0);
      await transfer(node, 1);
      const before = await read(node);
      assert.equal(before.nonce, 2n);
      assert.equal(
        lines.some((l) => l.msg === "flat state index built"),
        false,
        "a new data directory starts with its index",
      );
      await node.close();

      // As a data directory from before the index: no index on disk.
      const db = openNodeDatabase(join(dir, "db"));
      await db.meta.remove(metaKey("flatRoot"));
      await db.flat.clearAsync();
      await db.close();

      node = await start();
      const built = lines.find((l) => l.msg === "flat state index built");
      assert.ok(built, "the node says it built the index");
      // 21 funded accounts, the validator's and the recipient's may exist, the contract and its 30 slots.
      assert.ok((built.entries ?? 0) >= 21 + 1 + 30, `${built.entries} entries`);
      assert.deepEqual(await read(node), before);
      await transfer(node, 2);
      const after = await read(node);
      assert.equal(after.nonce, 3n);
      assert.equal(after.balance, before.balance! - 1000n);
      const headRoot = node.chain.head.block.header.stateRoot;
      await node.close();

      const reopened = openNodeDatabase(join(dir, "db"));
      try {
        const root = reopened.meta.getBinary(metaKey("flatRoot"));
        assert.deepEqual(root && Buffer.from(root), Buffer.from(headRoot), "the index on disk is the head's");
      } finally {
        await reopened.close();
      }
      // Started again: the index is the head's, nothing to rebuild.
      const count = lines.filter((l) => l.msg === "flat state index built").length;
      node = await start();
      assert.equal(lines.filter((l) => l.msg === "flat state index built").length, count);
      assert.deepEqual((await read(node)).slots, before.slots);
      await node.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
