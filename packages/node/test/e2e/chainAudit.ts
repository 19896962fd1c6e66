// Reads a node's whole chain over JSON-RPC and checks that it hangs together: blocks link up to
// the head, each block's receipts match its transactions one for one, every transaction hash
// resolves to its block and index, and the head's state holds exactly the balances and nonces
// that genesis plus the mined transfers give (verified through a Merkle proof as well).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Address, getAddress, type Hex, toHex } from "viem";
import { rpcBatch } from "./jsonRpc.ts";
import { type ProofResult, proveAccount } from "./verifyProof.ts";

interface RpcTx {
  hash: Hex;
  from: Address;
  to: Address | null;
  value: Hex;
  nonce: Hex;
  blockHash: Hex;
  blockNumber: Hex;
  transactionIndex: Hex;
}

interface RpcBlock {
  number: Hex;
  hash: Hex;
  parentHash: Hex;
  stateRoot: Hex;
  gasUsed: Hex;
  transactions: RpcTx[];
}

interface RpcReceipt {
  transactionHash: Hex;
  transactionIndex: Hex;
  blockHash: Hex;
  blockNumber: Hex;
  status: Hex;
  gasUsed: Hex;
  cumulativeGasUsed: Hex;
  effectiveGasPrice: Hex;
}

/** What an audit found, for checks across restarts. */
export interface ChainSnapshot {
  readonly head: bigint;
  readonly hashes: readonly Hex[];
  /** Every mined transaction hash → block number. */
  readonly txs: ReadonlyMap<Hex, bigint>;
}

const CHUNK = 200;

async function chunked<T>(url: string, calls: (readonly [string, readonly unknown[]])[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < calls.length; i += CHUNK)
    out.push(...(await rpcBatch<T>(url, calls.slice(i, i + CHUNK))));
  return out;
}

/** Genesis balances from DIR/genesis.json (Besu format: alloc keys with or without 0x). */
export function genesisBalances(dataDir: string): Map<Address, bigint> {
  const genesis = JSON.parse(readFileSync(join(dataDir, "genesis.json"), "utf8")) as {
    alloc: Record<string, { balance?: string }>;
  };
  return new Map(
    Object.entries(genesis.alloc).map(([key, account]) => [
      getAddress(key.startsWith("0x") ? key : `0x${key}`),
      BigInt(account.balance ?? 0),
    ]),
  );
}

/**
 * Audits the chain from genesis to the current head; `watch` are addresses whose balances and
 * nonces must match the recomputation even if no transaction touched them.
 */
export async function auditChain(
  url: string,
  dataDir: string,
  watch: readonly Address[],
): Promise<ChainSnapshot> {
  const [headHex, latest] = await rpcBatch<unknown>(url, [
    ["eth_blockNumber", []],
    ["eth_getBlockByNumber", ["latest", false]],
  ]);
  const head = BigInt(headHex as Hex);
  const numbers = Array.from({ length: Number(head) + 1 }, (_, i) => toHex(i));
  const blocks = await chunked<RpcBlock>(
    url,
    numbers.map((n) => ["eth_getBlockByNumber", [n, true]] as const),
  );
  const receipts = await chunked<RpcReceipt[]>(
    url,
    numbers.map((n) => ["eth_getBlockReceipts", [n]] as const),
  );
  assert.equal((latest as RpcBlock).hash, blocks.at(-1)!.hash, "'latest' is the audited head");

  const balances = genesisBalances(dataDir);
  const nonces = new Map<Address, bigint>();
  const txs = new Map<Hex, bigint>();
  const allTxs: RpcTx[] = [];
  blocks.forEach((block, n) => {
    assert.ok(block, `block ${n} is missing below the head ${head}`);
    assert.equal(BigInt(block.number), BigInt(n));
    if (n > 0) assert.equal(block.parentHash, blocks[n - 1]!.hash, `block ${n} links to block ${n - 1}`);
    const blockReceipts = receipts[n];
    assert.ok(blockReceipts, `receipts of block ${n} are missing`);
    assert.equal(blockReceipts.length, block.transactions.length, `block ${n}: one receipt per transaction`);
    let cumulative = 0n;
    block.transactions.forEach((tx, i) => {
      const receipt = blockReceipts[i]!;
      assert.equal(receipt.transactionHash, tx.hash, `block ${n} receipt ${i} is for transaction ${i}`);
      assert.equal(receipt.blockHash, block.hash);
      assert.equal(BigInt(receipt.transactionIndex), BigInt(i));
      assert.equal(receipt.status, "0x1", `transfer ${tx.hash} succeeded`);
      assert.ok(BigInt(receipt.cumulativeGasUsed) > cumulative);
      cumulative = BigInt(receipt.cumulativeGasUsed);
      assert.ok(!txs.has(tx.hash), `${tx.hash} is mined once`);
      txs.set(tx.hash, BigInt(n));
      allTxs.push(tx);
      const from = getAddress(tx.from);
      const to = getAddress(tx.to!);
      const fee = BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice);
      assert.equal(BigInt(tx.nonce), nonces.get(from) ?? 0n, `${tx.hash} has its sender's next nonce`);
      nonces.set(from, (nonces.get(from) ?? 0n) + 1n);
      balances.set(from, (balances.get(from) ?? 0n) - BigInt(tx.value) - fee);
      balances.set(to, (balances.get(to) ?? 0n) + BigInt(tx.value));
    });
    assert.equal(cumulative, BigInt(block.gasUsed), `block ${n}: receipts add up to the block's gasUsed`);
  });

  // The transaction index: every hash resolves to its block and position.
  const located = await chunked<RpcTx | null>(
    url,
    allTxs.map((tx) => ["eth_getTransactionByHash", [tx.hash]] as const),
  );
  located.forEach((found, i) => {
    const tx = allTxs[i]!;
    assert.ok(found, `${tx.hash} is in the transaction index`);
    assert.equal(found.blockHash, tx.blockHash);
    assert.equal(found.blockNumber, tx.blockNumber);
    assert.equal(found.transactionIndex, tx.transactionIndex);
  });

  // The head's state: balances and nonces as recomputed from genesis and the mined transfers.
  const headTag = toHex(head);
  const addresses = [...new Set([...balances.keys(), ...watch.map((a) => getAddress(a))])];
  const onChain = await chunked<Hex>(url, [
    ...addresses.map((a) => ["eth_getBalance", [a, headTag]] as const),
    ...addresses.map((a) => ["eth_getTransactionCount", [a, headTag]] as const),
  ]);
  addresses.forEach((address, i) => {
    assert.equal(BigInt(onChain[i]!), balances.get(address) ?? 0n, `balance of ${address} at head ${head}`);
    assert.equal(
      BigInt(onChain[addresses.length + i]!),
      nonces.get(address) ?? 0n,
      `nonce of ${address} at head ${head}`,
    );
  });
  const busiest = [...nonces.entries()].sort((a, b) => Number(b[1] - a[1]))[0]?.[0] ?? addresses[0]!;
  const [proof] = await rpcBatch<ProofResult>(url, [["eth_getProof", [busiest, [], headTag]]]);
  const proven = await proveAccount(proof!, blocks.at(-1)!.stateRoot);
  assert.equal(proven?.balance ?? 0n, balances.get(busiest) ?? 0n, "the head's stateRoot proves the balance");

  return { head, hashes: blocks.map((b) => b.hash), txs };
}
