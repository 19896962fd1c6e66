// Registers a range of members with `registerMembers` batches from one registrar, keeping a
// bounded number of transactions in flight (the pool's per-sender limit), and follows their
// inclusion by the registrar's mined nonce.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Hex } from "viem";
import type { BenchAccount } from "../accounts.ts";
import { RpcCallError, type RpcClient } from "../rpcClient.ts";
import { type MemberRegistration, memberRegistration, type RegistrationContext } from "./memberKeys.ts";
import { fetchReceipts, pendingNonce, registerMembersCalldata, signRegistryTx } from "./registryCalls.ts";

const POLL_MS = 250;
// No registration mined for this long while some are in flight: the node is not taking them.
const STALL_MS = 180_000;
const RECEIPTS_PER_REQUEST = 200;
// Refusals that clear by themselves once blocks drain the pool: wait and send again.
const TRANSIENT = /txpool is full|sender limit|retry/i;

/** What to register and how. */
export interface RegistrationRun {
  readonly client: RpcClient;
  readonly chainId: number;
  readonly registrar: BenchAccount;
  readonly context: RegistrationContext;
  /** Members [from, to) are registered. */
  readonly from: number;
  readonly to: number;
  /** Members registered so far by earlier runs (for progress lines over the whole population). */
  readonly total: number;
  readonly batchSize: number;
  readonly gasPerTx: bigint;
  /** Registration transactions in the pool at most. */
  readonly inflight: number;
  readonly progressMs: number;
  readonly progress: (line: string) => void;
  /** Called with the result so far each time mined batches are counted (to keep a record). */
  readonly checkpoint?: (soFar: RegistrationResult) => void;
  readonly signal?: AbortSignal;
}

/** What a registration run took. */
export interface RegistrationResult {
  readonly members: number;
  readonly transactions: number;
  readonly seconds: number;
  readonly gasUsed: bigint;
}

interface InFlight {
  readonly nonce: number;
  readonly hash: Hex;
  readonly first: number;
  readonly count: number;
}

/** The registrations of members [from, from + count). */
export function registrationBatch(
  context: RegistrationContext,
  from: number,
  count: number,
): MemberRegistration[] {
  return Array.from({ length: count }, (_, k) => memberRegistration(context, from + k));
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

const count = (n: number) => n.toLocaleString("en-US");

/** Registers members [from, to) and returns when every batch is mined; throws if one reverts. */
export async function registerMemberRange(run: RegistrationRun): Promise<RegistrationResult> {
  const { client, registrar } = run;
  let nonce = await pendingNonce(client, registrar.address);
  const pending: InFlight[] = [];
  let next = run.from;
  let registered = 0;
  let transactions = 0;
  let gasUsed = 0n;
  const started = performance.now();
  let progressAt = started;
  // (time, registered) samples of the last minute, for the current rate and the ETA.
  const samples: { at: number; registered: number }[] = [{ at: started, registered: 0 }];
  const ticker = setInterval(() => {
    const now = performance.now();
    samples.push({ at: now, registered });
    while (samples.length > 2 && now - samples[0]!.at > 60_000) samples.shift();
    const oldest = samples[0]!;
    const recent = ((registered - oldest.registered) * 1000) / Math.max(1, now - oldest.at);
    const elapsed = (now - started) / 1000;
    const done = run.total + registered;
    const target = run.total + (run.to - run.from);
    run.progress(
      `  ${duration(elapsed)}: ${count(done)}/${count(target)} members (${((done * 100) / target).toFixed(1)}%), ` +
        `${count(Math.round(recent))} members/s now, ${(transactions / Math.max(elapsed, 1e-9)).toFixed(1)} tx/s avg, ` +
        `${pending.length} txs in flight, ETA ${recent > 0 ? duration((run.to - run.from - registered) / recent) : "–"}`,
    );
  }, run.progressMs);

  const send = async (tx: { raw: Hex }): Promise<void> => {
    for (;;) {
      try {
        await client.call("eth_sendRawTransaction", [tx.raw]);
        return;
      } catch (err) {
        if (!(err instanceof RpcCallError) || !TRANSIENT.test(err.message)) throw err;
        await sleep(POLL_MS);
      }
    }
  };

  try {
    while (next < run.to || pending.length > 0) {
      run.signal?.throwIfAborted();
      while (next < run.to && pending.length < run.inflight) {
        const size = Math.min(run.batchSize, run.to - next);
        const data = registerMembersCalldata(registrationBatch(run.context, next, size));
        const tx = signRegistryTx(registrar, run.chainId, nonce, data, run.gasPerTx);
        await send(tx);
        pending.push({ nonce, hash: tx.hash, first: next, count: size });
        nonce++;
        next += size;
      }
      const mined = Number(await client.call<Hex>("eth_getTransactionCount", [registrar.address, "latest"]));
      const settled = pending.filter((p) => p.nonce < mined).slice(0, RECEIPTS_PER_REQUEST);
      const receipts = await fetchReceipts(
        client,
        settled.map((p) => p.hash),
      );
      let collected = 0;
      for (const [k, receipt] of receipts.entries()) {
        // The nonce can be seen mined a moment before the receipt is indexed: collect it next round.
        if (!receipt) break;
        const batch = settled[k]!;
        if (receipt.status !== "0x1")
          throw new Error(
            `registerMembers for members ${batch.first}…${batch.first + batch.count - 1} reverted (transaction ${batch.hash})`,
          );
        registered += batch.count;
        transactions++;
        gasUsed += BigInt(receipt.gasUsed);
        collected++;
      }
      pending.splice(0, collected);
      if (collected > 0) {
        progressAt = performance.now();
        run.checkpoint?.({
          members: registered,
          transactions,
          seconds: (progressAt - started) / 1000,
          gasUsed,
        });
      } else if (performance.now() - progressAt > STALL_MS)
        throw new Error(
          `no registration was mined for ${STALL_MS / 1000} s with ${pending.length} in flight (next nonce ${pending[0]?.nonce}); see the node's log`,
        );
      else await sleep(POLL_MS);
    }
  } finally {
    clearInterval(ticker);
  }
  return { members: registered, transactions, seconds: (performance.now() - started) / 1000, gasUsed };
}
