import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AccountKey,
  createAccountKey,
  createDevGenesis,
  createLedgerNode,
  createLogger,
  type LedgerNode,
  type LedgerNodeOptions,
  type StoredBlock,
} from "@civitas/node";
import { type Hex, type TransactionSerializable, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

/** The chain id of every test node. */
export const CHAIN_ID = 1337;
/** What each funded test account holds at genesis. */
export const INITIAL_BALANCE = 10n ** 24n;
/** The block gas limit of the test genesis. */
export const BLOCK_GAS_LIMIT = 30_000_000n;

/** A JSON-RPC error object as the node returns it. */
export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** One JSON-RPC response as parsed from the wire. */
export interface RpcReply {
  readonly jsonrpc: string;
  readonly id: string | number | null;
  readonly result?: unknown;
  readonly error?: RpcErrorObject;
}

/** A JSON-RPC error answered by the node, thrown by `rpc()`. */
export class RpcCallError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(method: string, error: RpcErrorObject) {
    super(`${method} failed with ${error.code}: ${error.message}`);
    this.name = "RpcCallError";
    this.code = error.code;
    this.data = error.data;
  }
}

/** A funded account with its viem signer. */
export interface TestAccount extends AccountKey {
  readonly address: Hex;
  readonly privateKey: Hex;
}

/** Fields of a transaction to sign; defaults make a zero-fee EIP-1559 transfer of 1 wei. */
export interface TxFields {
  readonly to?: Hex | null;
  readonly value?: bigint;
  readonly data?: Hex;
  readonly gas?: bigint;
  readonly nonce?: number;
  readonly type?: "legacy" | "eip1559";
  readonly chainId?: number;
}

/** An in-process single-validator node for RPC specs, with helpers to call it and to make blocks. */
export interface RpcTestNode {
  readonly node: LedgerNode;
  readonly url: string;
  readonly wsUrl: string;
  readonly validator: Hex;
  readonly accounts: readonly TestAccount[];
  /** Calls a method; returns its result or throws RpcCallError. */
  rpc<T = unknown>(method: string, params?: unknown): Promise<T>;
  /** Posts any body (object, array or raw text) and returns the HTTP status and parsed reply. */
  post(body: unknown, raw?: boolean): Promise<{ status: number; reply: unknown }>;
  /** Calls a method that must fail; checks the code and that the message matches. */
  expectError(method: string, params: unknown, code: number, message?: RegExp): Promise<RpcErrorObject>;
  /** Builds, seals and commits a block with what the pool holds now. */
  produce(): Promise<StoredBlock>;
  /** Signs a transaction from `from` (nonce read from the node's pending count unless given). */
  sign(from: TestAccount, fields?: TxFields): Promise<Hex>;
  /** Signs and submits a transaction; returns its hash. */
  send(from: TestAccount, fields?: TxFields): Promise<Hex>;
  /** Submits a transaction, produces a block, and returns the hash and the block number. */
  mine(from: TestAccount, fields?: TxFields): Promise<{ hash: Hex; blockNumber: bigint }>;
  close(): Promise<void>;
}

/** Starts a node on a fresh temporary chain: a validator, `accounts` funded accounts, a one-hour block period. */
export async function startRpcTestNode(
  options: {
    accounts?: number;
    rpcLimits?: LedgerNodeOptions["rpc"]["limits"];
    stateHistory?: LedgerNodeOptions["stateHistory"];
  } = {},
): Promise<RpcTestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), "civitas-rpc-"));
  const validatorKey = createAccountKey();
  const accounts = Array.from({ length: options.accounts ?? 4 }, () => createAccountKey() as TestAccount);
  // A period of an hour keeps the timer from ever building a block: tests build them with produce().
  const genesis = createDevGenesis({
    chainId: CHAIN_ID,
    validators: [validatorKey.address],
    accounts: accounts.map((a) => a.address),
    balanceWei: INITIAL_BALANCE,
    blockPeriodSeconds: 3600,
    emptyBlockPeriodSeconds: 86_400,
    gasLimit: BLOCK_GAS_LIMIT,
    timestamp: Math.floor(Date.now() / 1000),
  });
  const genesisPath = join(dataDir, "genesis.json");
  writeFileSync(genesisPath, JSON.stringify(genesis));
  const node = await createLedgerNode({
    dataDir: join(dataDir, "db"),
    genesisPath,
    validatorKey: {
      address: validatorKey.address,
      privateKey: new Uint8Array(Buffer.from(validatorKey.privateKey.slice(2), "hex")),
    },
    rpc: { host: "127.0.0.1", port: 0, ...(options.rpcLimits ? { limits: options.rpcLimits } : {}) },
    ...(options.stateHistory !== undefined ? { stateHistory: options.stateHistory } : {}),
    logger: createLogger("silent"),
  });
  const url = node.rpc.url;
  let nextId = 1;

  async function post(body: unknown, raw = false): Promise<{ status: number; reply: unknown }> {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw ? (body as string) : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, reply: text === "" ? undefined : JSON.parse(text) };
  }

  async function call(method: string, params: unknown): Promise<RpcReply> {
    const id = nextId++;
    const { reply } = await post({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
    const r = reply as RpcReply;
    assert.equal(r.jsonrpc, "2.0");
    assert.equal(r.id, id);
    return r;
  }

  async function rpc<T>(method: string, params: unknown = []): Promise<T> {
    const r = await call(method, params);
    if (r.error) throw new RpcCallError(method, r.error);
    assert.ok("result" in r, `${method} answered neither result nor error`);
    return r.result as T;
  }

  async function sign(from: TestAccount, fields: TxFields = {}): Promise<Hex> {
    const nonce =
      fields.nonce ?? Number(BigInt(await rpc<Hex>("eth_getTransactionCount", [from.address, "pending"])));
    const common = {
      chainId: fields.chainId ?? CHAIN_ID,
      nonce,
      to: fields.to === undefined ? (`0x${"22".repeat(20)}` as Hex) : fields.to,
      value: fields.value ?? 1n,
      data: fields.data,
      gas: fields.gas ?? 21_000n,
    } as const;
    const tx: TransactionSerializable =
      fields.type === "legacy"
        ? { ...common, type: "legacy", gasPrice: 0n }
        : { ...common, type: "eip1559", maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };
    return privateKeyToAccount(from.privateKey).signTransaction(tx);
  }

  async function send(from: TestAccount, fields: TxFields = {}): Promise<Hex> {
    return rpc<Hex>("eth_sendRawTransaction", [await sign(from, fields)]);
  }

  async function produce(): Promise<StoredBlock> {
    return node.produceBlock();
  }

  return {
    node,
    url,
    wsUrl: node.rpc.wsUrl,
    validator: validatorKey.address as Hex,
    accounts,
    rpc,
    post,
    async expectError(method, params, code, message) {
      const r = await call(method, params);
      assert.ok(r.error, `${method}(${JSON.stringify(params)}) should fail, got ${JSON.stringify(r.result)}`);
      assert.equal(r.error.code, code, `${method}: ${r.error.message}`);
      if (message) assert.match(r.error.message, message);
      return r.error;
    },
    produce,
    sign,
    send,
    async mine(from, fields) {
      const hash = await send(from, fields);
      const block = await produce();
      return { hash, blockNumber: block.block.header.number };
    },
    async close() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A quantity as JSON-RPC writes it. */
export function qty(n: bigint | number): Hex {
  return toHex(n);
}
