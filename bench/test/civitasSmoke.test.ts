import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { deployerAccount, deriveAccounts, validatorAccount } from "../accounts.ts";
import { runLoad } from "../loadDriver.ts";
import { RpcClient } from "../rpcClient.ts";
import { type ChainSpec, startCivitas } from "../targets/civitas.ts";
import type { RunningTarget } from "../targets/target.ts";
import { NonceBook, signTransfers } from "../workload.ts";

// End to end on a small chain: the pre-written genesis is reused by `civitas dev`, and every
// pre-signed transaction sent in batches is observed in a block.
const accounts = deriveAccounts("smoke", 30);
const spec: ChainSpec = {
  chainId: 1337,
  gasLimit: 100_000_000n,
  balanceWei: 10n ** 24n,
  funded: [...accounts, deployerAccount("smoke")],
};
let target: RunningTarget;
let client: RpcClient;

before(async () => {
  target = await startCivitas(spec, { validator: validatorAccount("smoke") });
  client = new RpcClient(target.url);
});

after(async () => {
  client?.close();
  await target?.stop();
});

// What both load runs share: as fast as the node takes them, no progress lines.
const UNPACED = { rate: 0, idleTimeoutMs: 20_000, progress: () => {} };
const nonceOf = async (i: number) =>
  Number(await client.call<string>("eth_getTransactionCount", [accounts[i]!.address, "latest"]));

test("the node starts from the benchmark genesis with the accounts funded", async () => {
  const balance = await client.call<string>("eth_getBalance", [accounts[7]!.address, "latest"]);
  assert.equal(BigInt(balance), spec.balanceWei);
});

test("a load run sees every transaction included and summarises it", async () => {
  const txs = signTransfers({ chainId: 1337, accounts, firstSender: 0, count: 60 }, new NonceBook());
  const result = await runLoad(client, txs, { ...UNPACED, batchSize: 25, concurrency: 2 });
  assert.equal(result.refused, 0, result.refusalReasons.join("; "));
  assert.equal(result.included, 60);
  assert.ok(result.blocks >= 1);
  assert.ok(result.p50Ms > 0 && result.p99Ms >= result.p50Ms);
  // Each account sent two 1-wei transfers and received two: nonce 2, balance unchanged (gas is free).
  assert.equal(await nonceOf(3), 2);
  assert.equal(
    BigInt(await client.call<string>("eth_getBalance", [accounts[3]!.address, "latest"])),
    spec.balanceWei,
  );
});

test("a warm-up is sent and waited for, but left out of the figures", async () => {
  // The accounts sent two transfers each above: their nonces go on from 2.
  const nonces = new NonceBook();
  for (const a of accounts) nonces.set(a.address, 2);
  const txs = signTransfers({ chainId: 1337, accounts, firstSender: 0, count: 60 }, nonces);
  let measuredStarts = 0;
  const result = await runLoad(client, txs, {
    ...UNPACED,
    batchSize: 10,
    concurrency: 1,
    measureFrom: 40,
    onMeasuredStart: () => measuredStarts++,
  });
  assert.equal(result.refused, 0, result.refusalReasons.join("; "));
  assert.equal(result.sent, 20);
  assert.equal(result.included, 20);
  assert.equal(measuredStarts, 1);
  // The warm-up was included too: every account's nonce moved on by two.
  assert.equal(await nonceOf(29), 4);
});
