// Two nodes joined over mutual TLS, for the specs of methods that report peers: a validator
// (single-validator network, blocks made with produceBlock) and a follower dialling it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createAccountKey,
  createDevGenesis,
  createLedgerNode,
  createLogger,
  type LedgerNode,
} from "@civitas/node";
import { createTestPki, type TestNodeCert } from "../network/support/testPki.ts";
import { CHAIN_ID } from "./rpcTestNode.ts";

/** One node of the pair, with a JSON-RPC caller that returns the whole reply. */
export interface PairNode {
  readonly node: LedgerNode;
  readonly cert: TestNodeCert;
  call(
    method: string,
    params?: unknown[],
  ): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>;
}

export interface NetworkedPair {
  readonly validator: PairNode;
  readonly follower: PairNode;
  readonly validatorAddress: `0x${string}`;
  close(): Promise<void>;
}

function pairNode(node: LedgerNode, cert: TestNodeCert): PairNode {
  let id = 0;
  const call: PairNode["call"] = async (method, params = []) => {
    const response = await fetch(node.rpc.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    return (await response.json()) as Awaited<ReturnType<PairNode["call"]>>;
  };
  return {
    node,
    cert,
    call,
    async rpc<T>(method: string, params: unknown[] = []) {
      const reply = await call(method, params);
      if (reply.error) throw new Error(`${method} failed with ${reply.error.code}: ${reply.error.message}`);
      return reply.result as T;
    },
  };
}

/** Starts the validator and the follower on free ports; the follower dials the validator. */
export async function startNetworkedPair(o: { metrics?: boolean } = {}): Promise<NetworkedPair> {
  const dir = mkdtempSync(join(tmpdir(), "civitas-rpc-pair-"));
  const key = createAccountKey();
  const validatorAddress = key.address.toLowerCase() as `0x${string}`;
  const genesisPath = join(dir, "genesis.json");
  writeFileSync(
    genesisPath,
    JSON.stringify(
      createDevGenesis({
        chainId: CHAIN_ID,
        validators: [validatorAddress],
        accounts: [],
        balanceWei: 0n,
        // An hour: the block timer never fires; the specs make blocks with produceBlock.
        blockPeriodSeconds: 3600,
        emptyBlockPeriodSeconds: 86_400,
        gasLimit: 30_000_000n,
        timestamp: Math.floor(Date.now() / 1000),
      }),
    ),
  );
  const pki = await createTestPki();
  const trust = await pki.trust();
  const validatorCert = await pki.issue("validator-1", { validatorAddress });
  const followerCert = await pki.issue("follower-1");
  const p2p = (cert: TestNodeCert, staticPeers: string[]) => ({
    host: "127.0.0.1",
    port: 0,
    staticPeers,
    identity: cert.identity,
    trust,
  });
  const validator = await createLedgerNode({
    dataDir: join(dir, "validator"),
    genesisPath,
    validatorKey: {
      address: key.address,
      privateKey: new Uint8Array(Buffer.from(key.privateKey.slice(2), "hex")),
    },
    rpc: { host: "127.0.0.1", port: 0 },
    p2p: p2p(validatorCert, []),
    ...(o.metrics ? { metrics: { host: "127.0.0.1", port: 0 } } : {}),
    logger: createLogger("silent"),
    name: "validator-1",
  });
  let follower: LedgerNode;
  try {
    follower = await createLedgerNode({
      dataDir: join(dir, "follower"),
      genesisPath,
      rpc: { host: "127.0.0.1", port: 0 },
      p2p: p2p(followerCert, [`127.0.0.1:${validator.network!.port}`]),
      ...(o.metrics ? { metrics: { host: "127.0.0.1", port: 0 } } : {}),
      logger: createLogger("silent"),
      name: "follower-1",
    });
  } catch (err) {
    await validator.close();
    throw err;
  }
  return {
    validator: pairNode(validator, validatorCert),
    follower: pairNode(follower, followerCert),
    validatorAddress,
    async close() {
      await follower.close();
      await validator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `f` until it returns true. */
export async function until(f: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await f())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
