// A steady stream of pre-signed transfers from several senders over JSON-RPC batches, with a
// second loop that collects receipts: which transactions the node accepted and which it
// reported mined (and where). A kill of the node mid-stream is expected: errors after stop() are
// ignored, errors while running are kept for the test to report.
import { type Address, type Hex, keccak256 } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { DevAccount } from "./devNodeProcess.ts";
import { postRaw, type RpcResponse, request } from "./jsonRpc.ts";
import type { SeededRandom } from "./seededRandom.ts";

/** A signed transfer, kept with what it does so a test can recompute balances. */
export interface SignedTransfer {
  readonly hash: Hex;
  readonly raw: Hex;
  readonly from: Address;
  readonly to: Address;
  readonly value: bigint;
  readonly nonce: number;
}

/** Where a receipt said a transaction was mined. */
export interface MinedAt {
  readonly blockNumber: bigint;
  readonly blockHash: Hex;
}

/** Signs `perSender` transfers (nonces 0…perSender-1) from each account to random recipients. */
export async function presignTransfers(
  senders: readonly DevAccount[],
  recipients: readonly Address[],
  perSender: number,
  chainId: number,
  random: SeededRandom,
): Promise<SignedTransfer[][]> {
  return Promise.all(
    senders.map(async (sender) => {
      const account = privateKeyToAccount(sender.privateKey);
      const out: SignedTransfer[] = [];
      for (let nonce = 0; nonce < perSender; nonce++) {
        const to = recipients[random.int(0, recipients.length - 1)]!;
        const value = BigInt(random.int(1, 1_000_000));
        const raw = await account.signTransaction({
          type: "eip1559",
          chainId,
          nonce,
          to,
          value,
          gas: 21_000n,
          maxFeePerGas: 0n,
          maxPriorityFeePerGas: 0n,
        });
        out.push({ hash: keccak256(raw), raw, from: account.address, to, value, nonce });
      }
      return out;
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends transfers in nonce order and records receipts, until stopped. */
export class TransferLoad {
  readonly #url: string;
  readonly #queues: readonly SignedTransfer[][];
  readonly #next: number[];
  readonly #perRound: number;
  readonly #accepted = new Set<Hex>();
  readonly #mined: Map<Hex, MinedAt>;
  readonly errors: unknown[] = [];
  #running = false;
  #loops: Promise<void>[] = [];

  /**
   * `startNonces[i]` is sender i's next nonce on chain; `mined` is shared across node restarts so
   * receipts seen in an earlier life stay on record.
   */
  constructor(
    url: string,
    queues: readonly SignedTransfer[][],
    startNonces: readonly number[],
    mined: Map<Hex, MinedAt>,
    perRound = 12,
  ) {
    this.#url = url;
    this.#queues = queues;
    this.#next = [...startNonces];
    this.#mined = mined;
    this.#perRound = perRound;
  }

  /** Hashes the node accepted (in this life). */
  get accepted(): ReadonlySet<Hex> {
    return this.#accepted;
  }

  /** Starts sending and collecting receipts. */
  start(): void {
    this.#running = true;
    this.#loops = [
      this.#guard(() => this.#sendRound(), 100),
      this.#guard(() => this.#collectReceipts(), 200),
    ];
  }

  /** Stops sending at once (before a kill, so failures of requests in flight are not errors). */
  halt(): void {
    this.#running = false;
  }

  /** Stops both loops and waits for them to finish. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
  }

  /** Collects receipts until every accepted transaction has one (the node must still run). */
  async drain(): Promise<void> {
    for (let round = 0; round < 600; round++) {
      if (![...this.#accepted].some((h) => !this.#mined.has(h))) return;
      await this.#collectReceipts();
      await sleep(100);
    }
    throw new Error("accepted transactions were not mined within 60 s");
  }

  async #guard(step: () => Promise<void>, intervalMs: number): Promise<void> {
    while (this.#running) {
      try {
        await step();
      } catch (err) {
        if (this.#running) this.errors.push(err);
      }
      await sleep(intervalMs);
    }
  }

  async #sendRound(): Promise<void> {
    const batch: { sender: number; tx: SignedTransfer; req: Record<string, unknown> }[] = [];
    this.#queues.forEach((queue, sender) => {
      for (const tx of queue.slice(this.#next[sender], this.#next[sender]! + this.#perRound)) {
        batch.push({ sender, tx, req: request("eth_sendRawTransaction", [tx.raw]) });
      }
    });
    if (batch.length === 0) return;
    const reply = await postRaw(
      this.#url,
      batch.map((b) => b.req),
    );
    const byId = new Map((reply.body as RpcResponse[]).map((r) => [r.id, r]));
    const blocked = new Set<number>();
    for (const { sender, tx, req } of batch) {
      if (blocked.has(sender)) continue;
      const response = byId.get(req["id"] as number);
      if (response?.result === tx.hash) {
        this.#accepted.add(tx.hash);
        this.#next[sender] = tx.nonce + 1;
      } else {
        // Keep nonce order: resend from here next round.
        blocked.add(sender);
        if (this.#running) this.errors.push(new Error(`${tx.hash} refused: ${JSON.stringify(response)}`));
      }
    }
  }

  async #collectReceipts(): Promise<void> {
    const waiting = [...this.#accepted].filter((h) => !this.#mined.has(h)).slice(0, 1000);
    if (waiting.length === 0) return;
    const reply = await postRaw(
      this.#url,
      waiting.map((h) => request("eth_getTransactionReceipt", [h])),
    );
    for (const response of reply.body as RpcResponse[]) {
      const receipt = response.result as { transactionHash: Hex; blockNumber: Hex; blockHash: Hex } | null;
      if (receipt) {
        this.#mined.set(receipt.transactionHash, {
          blockNumber: BigInt(receipt.blockNumber),
          blockHash: receipt.blockHash,
        });
      }
    }
  }
}
