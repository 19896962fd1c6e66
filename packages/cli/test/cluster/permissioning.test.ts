// Permissioning on a 4-validator network made by createNetwork, whose genesis names the identity
// registry and registers the demo accounts. One validator (support/faultyProposerNode.ts) has
// permissioning disabled: it accepts a transaction from an unregistered account, gossips it and
// proposes blocks with it. The honest three refuse the transaction over RPC and by gossip, reject
// the faulty validator's blocks, keep making blocks through round changes and stay in agreement.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { decodeExtraData } from "@civitas/qbft";
import { type Hex, hexToBytes, keccak256 } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { NETWORK_FILES } from "../../src/network/manifest.ts";
import { Cluster, type RpcBlock, WAIT_MS } from "./support/cluster.ts";

const FAULTY_SCRIPT = join(import.meta.dirname, "support", "faultyProposerNode.ts");
const FAULTY = "validator-4";
const HONEST = ["validator-1", "validator-2", "validator-3"];
const ALL = [...HONEST, FAULTY];
const CHAIN_ID = 1337;
const TRANSACTION_REJECTED = -32003;

let cluster: Cluster;
let chainId: number;

/** A JSON-RPC call that returns the whole response (result or error with its code). */
async function rpcResponse(
  name: string,
  method: string,
  params: unknown[],
): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const res = await fetch(cluster.rpcUrl(name), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(5000),
  });
  return (await res.json()) as { result?: unknown; error?: { code: number; message: string } };
}

/** A signed transfer of `value` wei to `to`; gas is free on the network, so no funds are needed for it. */
function transfer(privateKey: Hex, nonce: number, to: Hex, value: bigint): Promise<Hex> {
  return privateKeyToAccount(privateKey).signTransaction({
    type: "legacy",
    chainId,
    nonce,
    to,
    value,
    gas: 21_000n,
    gasPrice: 0n,
  });
}

/** A fresh address nobody holds a key for in this test. */
const freshAddress = () => privateKeyToAccount(generatePrivateKey()).address;

/** Log entries of `name` with message `msg`. */
const entries = (name: string, msg: string) => cluster.logEntries(name).filter((e) => e["msg"] === msg);

/** txpool_content: transactions by sender (lowercase address) and nonce. */
interface TxPoolContent {
  pending: Record<string, Record<string, unknown>>;
  queued: Record<string, Record<string, unknown>>;
}

/** Hashes of the transactions of every block from 1 to the head of `name`. */
async function minedTransactions(name: string): Promise<string[]> {
  const head = await cluster.height(name);
  const blocks = await Promise.all(
    Array.from({ length: head }, (_, i) =>
      cluster.rpc(name, "eth_getBlockByNumber", [`0x${(i + 1).toString(16)}`, false]),
    ),
  );
  return blocks.flatMap((b) => (b as { transactions: string[] }).transactions.map((h) => h.toLowerCase()));
}

const unregistered = generatePrivateKey();
const outsider = privateKeyToAccount(unregistered).address.toLowerCase();
let refusedTx: Hex;
let refusedHash: Hex;
let memberHash: Hex;
let rejectedHeight: number;

before(async () => {
  cluster = await Cluster.create({ validators: 4, accounts: 2, logLevel: "debug" });
  const genesis = JSON.parse(readFileSync(join(cluster.dir, NETWORK_FILES.genesis), "utf8")) as {
    config: { chainId: number; permissioning?: { identityRegistry?: string } };
  };
  assert.ok(
    genesis.config.permissioning?.identityRegistry,
    "the genesis createNetwork writes names no config.permissioning.identityRegistry",
  );
  chainId = genesis.config.chainId;
  assert.equal(chainId, CHAIN_ID);
  await Promise.all([
    ...HONEST.map((v) => cluster.start(v)),
    cluster.start(FAULTY, { script: FAULTY_SCRIPT }),
  ]);
  // The faulty validator gossips to the peers it has when a transaction arrives: wait for all three.
  await cluster.waitFor(
    async () => Number(await cluster.rpc(FAULTY, "net_peerCount")) === HONEST.length,
    WAIT_MS,
    `${FAULTY} to be connected to the other validators`,
  );
  refusedTx = await transfer(unregistered, 0, freshAddress(), 0n);
  refusedHash = keccak256(hexToBytes(refusedTx));
});
after(() => cluster?.stopAll());

describe("permissioning on a 4-validator network with a validator that ignores it", () => {
  it("refuses a transaction from an unregistered account over an honest validator's RPC", async () => {
    const { result, error } = await rpcResponse("validator-1", "eth_sendRawTransaction", [refusedTx]);
    assert.equal(
      result,
      undefined,
      "an honest validator accepted a transaction from an unregistered account",
    );
    assert.equal(error?.code, TRANSACTION_REJECTED, `error: ${JSON.stringify(error)}`);
    assert.match(error.message, /^transaction not permitted: /);
    assert.ok(
      error.message.toLowerCase().includes(outsider),
      `the message names the sender: ${error.message}`,
    );
    assert.match(error.message, /not a registered member/);
  });

  it("mines a transfer from a registered demo account", async () => {
    const { accounts } = JSON.parse(readFileSync(join(cluster.dir, NETWORK_FILES.accounts), "utf8")) as {
      accounts: { address: string; privateKey: Hex }[];
    };
    const member = accounts[0];
    assert.ok(member, "accounts.json lists no demo account");
    const nonce = Number(
      await cluster.rpc("validator-1", "eth_getTransactionCount", [member.address, "pending"]),
    );
    const to = freshAddress();
    const raw = await transfer(member.privateKey, nonce, to, 1n);
    memberHash = (await cluster.rpc("validator-1", "eth_sendRawTransaction", [raw])) as Hex;
    assert.equal(memberHash, keccak256(hexToBytes(raw)));
    const receipt = await cluster.waitFor(
      async () =>
        ((await cluster.rpc("validator-1", "eth_getTransactionReceipt", [memberHash])) as {
          status: string;
        } | null) ?? undefined,
      WAIT_MS,
      `the demo account's transfer ${memberHash} to be mined`,
    );
    assert.equal(receipt?.status, "0x1");
    assert.equal(await cluster.rpc("validator-1", "eth_getBalance", [to, "latest"]), "0x1");
  });

  it("lets the faulty validator take the refused transaction, but the honest ones refuse it by gossip", async () => {
    const hash = await cluster.rpc(FAULTY, "eth_sendRawTransaction", [refusedTx]);
    assert.equal(hash, refusedHash);
    assert.ok(await cluster.rpc(FAULTY, "eth_getTransactionByHash", [refusedHash]), `${FAULTY} holds it`);
    const faultyPool = (await cluster.rpc(FAULTY, "txpool_content")) as TxPoolContent;
    assert.ok(outsider in faultyPool.pending, `${FAULTY}'s pool lists it under its sender`);
    // validator-1 refused it over RPC already and remembers it as seen: the other two check it now.
    for (const name of HONEST.filter((n) => n !== "validator-1"))
      await cluster.waitFor(
        () =>
          entries(name, "gossiped transaction refused").some(
            (e) => e["peer"] === FAULTY && String(e["reason"]).toLowerCase().includes(outsider),
          ),
        WAIT_MS,
        `${name} to log that it refused the transaction gossiped by ${FAULTY}`,
      );
    for (const name of HONEST) {
      assert.equal(
        await cluster.rpc(name, "eth_getTransactionByHash", [refusedHash]),
        null,
        `${name} has it`,
      );
      const pool = (await cluster.rpc(name, "txpool_content")) as TxPoolContent;
      assert.ok(!(outsider in pool.pending) && !(outsider in pool.queued), `${name}'s pool has it`);
    }
  });

  it("rejects the faulty validator's blocks with it and keeps going through round changes", async () => {
    // A round-0 proposal: the faulty validator was the only proposer of that round.
    const proposal = await cluster.waitFor(
      () =>
        entries(FAULTY, "faulty: proposed a block with transactions").find(
          (e) => e["round"] === 0 && (e["transactions"] as string[]).includes(refusedHash),
        ),
      WAIT_MS,
      `${FAULTY} to propose a block with ${refusedHash} in round 0`,
    );
    const height = proposal["height"] as number;
    rejectedHeight = height;
    for (const name of HONEST)
      await cluster.waitFor(
        () =>
          entries(name, "consensus message rejected").some(
            (e) =>
              e["peer"] === FAULTY &&
              e["code"] === "QBFT_INVALID_BLOCK" &&
              String(e["reason"]).includes(`(${refusedHash}) is not permitted`),
          ),
        WAIT_MS,
        `${name} to reject a block of ${FAULTY} because ${refusedHash} is not permitted`,
      );
    await cluster.waitForHeight(height + 2, HONEST);
    const decided = (await cluster.block("validator-1", height)) as RpcBlock;
    assert.notEqual(
      decided.miner.toLowerCase(),
      cluster.address(FAULTY),
      `block ${height} is the faulty one's`,
    );
    assert.ok(
      decodeExtraData(hexToBytes(decided.extraData as Hex)).round >= 1,
      `block ${height} was decided after a round change`,
    );
    for (const name of ALL)
      assert.equal(
        await cluster.rpc(name, "eth_getTransactionReceipt", [refusedHash]),
        null,
        `${name}: receipt`,
      );
    for (const name of ALL) {
      const mined = await minedTransactions(name);
      assert.ok(!mined.includes(refusedHash), `${name} has ${refusedHash} in a block`);
      assert.equal(mined.filter((h) => h === memberHash).length, 1, `${name} has the member's transfer once`);
    }
  });

  it("leaves the honest validators with identical chains", async () => {
    const top = await cluster.assertNoFork(HONEST);
    assert.ok(top > rejectedHeight, `they agree up to ${top}, past the rejected block's height`);
  });
});
