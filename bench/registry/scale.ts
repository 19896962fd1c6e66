// The identity registry scale benchmark's core: network, registration in two stages, and the same
// transfer workload measured at the comparison size and at the full size.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { keccak256 } from "@civitas/node";
import type { Hex } from "viem";
import type { BenchAccount } from "../accounts.ts";
import { RpcClient } from "../rpcClient.ts";
import { NonceBook } from "../workload.ts";
import {
  type BenchNode,
  createBenchNetwork,
  diskUsage,
  type ProcessMemory,
  processMemory,
  type RegistryKeys,
  reopenBenchNetwork,
  startBenchNodes,
} from "./benchNetwork.ts";
import { memberAccount, type RegistrationContext } from "./memberKeys.ts";
import { scrapeMetrics } from "./nodeMetrics.ts";
import type { ScaleOptions } from "./options.ts";
import { type RegistrationResult, registerMemberRange, registrationBatch } from "./registerMembers.ts";
import {
  estimateRegisterGas,
  MAX_TX_GAS,
  pendingNonce,
  readRegistry,
  registerMembersCalldata,
  registryId,
  setUpOrganisation,
} from "./registryCalls.ts";
import { loadRunState, newRunState, type RunState, saveRunState } from "./runState.ts";
import { runTransferWorkload, type WorkloadResult } from "./transferWorkload.ts";

const CHAIN_ID = 1337;
/** First-time senders of each miss probe (one transaction each, sent one at a time). */
const PROBE_SENDERS = 100;
/** Bench-only genesis gas limit: a block holds ~60 full registration batches. */
const GAS_LIMIT = 1_000_000_000n;
const SENDER_BALANCE = 10n ** 24n;
const ORGANISATION = registryId("civitas.bench");
const ROLE = registryId("member");
/** Room left under the node's 128 KiB transaction size limit for the envelope and signature. */
const MAX_CALLDATA_BYTES = 120 * 1024;
/** Headroom over the estimated gas of a batch (signatures and data vary a little in cost). */
const GAS_HEADROOM = 1.15;
const CERTIFICATE_YEARS = 5;

/** Gas of registerMembers as measured on the node: a fixed part and a part per registration. */
export interface RegistrationGas {
  readonly base: number;
  readonly perMember: number;
  readonly calldataBytesPerMember: number;
}

/** Figures taken at one population size. */
export interface PhaseReport {
  readonly label: string;
  /** Members registered, as the registry counts them (its organisation's memberCount). */
  readonly onChainMembers: number;
  readonly diskBytes: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  /** Node 1's memory split as Linux reports it, when it does. */
  readonly memory: ProcessMemory | undefined;
  readonly workload: WorkloadResult;
}

/** Everything the benchmark measured. */
export interface ScaleReport {
  readonly options: ScaleOptions;
  readonly dir: string | undefined;
  readonly batchSize: number;
  readonly gas: RegistrationGas;
  readonly registration: RegistrationResult;
  readonly phases: readonly PhaseReport[];
  /** Peak resident memory of node 1 over the run, where the OS tells it. */
  readonly peakRssBytes: number | undefined;
  /** Throughput at the full size over throughput at the comparison size. */
  readonly throughputRatio: number;
  /** Times a kept run was stopped and resumed (its registration time sums the runs). */
  readonly resumed: number;
}

/** How the core reports as it goes. */
export interface ScaleHooks {
  readonly say: (line: string) => void;
  /** Milliseconds between registration progress lines. */
  readonly progressMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * `count` distinct member indices in [0, range), none in `exclude`, drawn deterministically from
 * `seed` and `label` (keccak as the random source), in draw order.
 */
export function drawMembers(
  seed: string,
  label: string,
  range: number,
  count: number,
  exclude: ReadonlySet<number> = new Set(),
): number[] {
  const wanted = Math.min(count, range - [...exclude].filter((i) => i < range).length);
  const picked = new Set<number>();
  for (let k = 0; picked.size < wanted; k++) {
    const word = keccak256(new TextEncoder().encode(`${seed}/senders/${label}/${k}`));
    const index = Number(Buffer.from(word.subarray(0, 6)).readUIntBE(0, 6) % range);
    if (!exclude.has(index)) picked.add(index);
  }
  return [...picked];
}

/** Measures registerMembers' gas with batches of 1 and 8 members, on the node. */
async function measureRegistrationGas(
  client: RpcClient,
  registrar: BenchAccount,
  context: RegistrationContext,
): Promise<RegistrationGas> {
  const one = registrationBatch(context, 0, 1);
  const eight = registrationBatch(context, 0, 8);
  const [g1, g8] = [
    Number(await estimateRegisterGas(client, registrar, one)),
    Number(await estimateRegisterGas(client, registrar, eight)),
  ];
  const perMember = (g8 - g1) / 7;
  const bytes = (batch: typeof one) => (registerMembersCalldata(batch).length - 2) / 2;
  return {
    base: g1 - perMember,
    perMember,
    calldataBytesPerMember: (bytes(eight) - bytes(one)) / 7,
  };
}

/** Registrations per transaction: what the user asked (if it fits), or as many as fit gas and size limits. */
export function chooseBatchSize(gas: RegistrationGas, requested: number | undefined): number {
  const byGas = Math.floor((Number(MAX_TX_GAS) / GAS_HEADROOM - gas.base) / gas.perMember);
  const bySize = Math.floor(MAX_CALLDATA_BYTES / gas.calldataBytesPerMember) - 1;
  const fit = Math.max(1, Math.min(byGas, bySize));
  if (requested === undefined) return fit;
  if (requested > fit)
    throw new Error(
      `--batch ${requested} does not fit one transaction: ~${gas.perMember.toFixed(0)} gas and ` +
        `~${gas.calldataBytesPerMember.toFixed(0)} bytes per registration allow at most ${fit} ` +
        `(EIP-7825 caps a transaction at 2^24 gas; the node takes at most 128 KiB)`,
    );
  return requested;
}

async function onChainMembers(client: RpcClient): Promise<number> {
  const organisation = await readRegistry(client, "organisationOf", [ORGANISATION]);
  return Number(organisation.memberCount);
}

const ms = (seconds: number) => (Number.isFinite(seconds) ? `${(seconds * 1e3).toFixed(2)} ms` : "–");

const NO_REGISTRATION: RegistrationResult = { members: 0, transactions: 0, seconds: 0, gasUsed: 0n };

/**
 * Waits until the registrar has nothing in the pool: after a restart, a registration sent by the
 * stopped run could still be mined, and the member count must not move under the resumed one.
 */
async function waitForIdleRegistrar(client: RpcClient, address: string, signal?: AbortSignal): Promise<void> {
  for (let waited = 0; ; waited += 500) {
    signal?.throwIfAborted();
    const mined = Number(await client.call<Hex>("eth_getTransactionCount", [address, "latest"]));
    if ((await pendingNonce(client, address)) === mined) return;
    if (waited > 120_000) throw new Error("the registrar's pending transactions are not being mined");
    await sleep(500);
  }
}

function addResults(a: RegistrationResult, b: RegistrationResult): RegistrationResult {
  return {
    members: a.members + b.members,
    transactions: a.transactions + b.transactions,
    seconds: a.seconds + b.seconds,
    gasUsed: a.gasUsed + b.gasUsed,
  };
}

/**
 * Runs the benchmark: network, organisation, `compare` members, workload, the rest up to
 * `members`, workload again. Everything it created is removed at the end unless `options.keep`.
 */
export async function runRegistryScale(options: ScaleOptions, hooks: ScaleHooks): Promise<ScaleReport> {
  const { say, signal } = hooks;
  const progressMs = hooks.progressMs ?? 5000;
  const compareIndices = drawMembers(options.seed, "compare", options.compare, options.senders);
  const fullIndices = drawMembers(
    options.seed,
    "full",
    options.members,
    options.senders,
    new Set(compareIndices),
  );
  const taken = new Set([...compareIndices, ...fullIndices]);
  const compareProbe = drawMembers(options.seed, "probe-compare", options.compare, PROBE_SENDERS, taken);
  for (const i of compareProbe) taken.add(i);
  const fullProbe = drawMembers(options.seed, "probe-full", options.members, PROBE_SENDERS, taken);
  const accounts = (indices: readonly number[]) => indices.map((i) => memberAccount(options.seed, i));
  const compareSenders = accounts(compareIndices);
  const fullSenders = accounts(fullIndices);

  let dir: string;
  let state: RunState | undefined;
  if (options.keep !== undefined) {
    dir = resolve(options.keep);
    state = loadRunState(dir, options);
    if (state === undefined) mkdirSync(dir, { recursive: true });
  } else dir = mkdtempSync(join(tmpdir(), "civitas-registry-bench-"));
  const resuming = state !== undefined;
  let nodes: BenchNode[] = [];
  let client: RpcClient | undefined;
  let keepLogs = false;
  try {
    let keys: RegistryKeys;
    if (state === undefined) {
      say(`creating a ${options.validators}-validator network with civitas init in ${dir}…`);
      keys = await createBenchNetwork({
        dir,
        validators: options.validators,
        chainId: CHAIN_ID,
        gasLimit: GAS_LIMIT,
        funded: [...compareSenders, ...fullSenders].map((a) => a.address),
        balanceWei: SENDER_BALANCE,
      });
      state = newRunState(options);
      if (options.keep !== undefined) saveRunState(dir, state);
    } else {
      state.resumed++;
      say(
        `resuming the run kept in ${dir} (resumed ${state.resumed} time(s)): restarting its nodes on their data…`,
      );
      keys = await reopenBenchNetwork(dir);
    }
    const run = state;
    const save = () => {
      if (options.keep !== undefined) saveRunState(dir, run);
    };
    nodes = await startBenchNodes(dir);
    const node = nodes[0]!;
    say(
      `  ${nodes.length} node(s) running; node 1 (pid ${node.pid}): rpc ${node.rpcUrl}, metrics ${node.metricsUrl}`,
    );
    client = new RpcClient(node.rpcUrl, 8);
    const registrar = keys.registrars[0]!;

    if (run.setup === undefined) {
      say("adding the benchmark organisation through the admin quorum and defining its member role…");
      await setUpOrganisation(client, CHAIN_ID, keys, ORGANISATION, ROLE);
      const context: RegistrationContext = {
        seed: options.seed,
        chainId: BigInt(CHAIN_ID),
        organisation: ORGANISATION,
        role: ROLE,
        issuerFingerprint: (await readRegistry(client, "rootCaFingerprint", [])) as Hex,
        notAfter: BigInt(Math.floor(Date.now() / 1000) + CERTIFICATE_YEARS * 365 * 86400),
      };
      const gas = await measureRegistrationGas(client, registrar, context);
      const batchSize = chooseBatchSize(gas, options.batch);
      const gasPerTx = BigInt(
        Math.min(Number(MAX_TX_GAS), Math.ceil((gas.base + gas.perMember * batchSize) * GAS_HEADROOM)),
      );
      run.setup = { context, gas, batchSize, gasPerTx };
      save();
    }
    const { context, gas, batchSize, gasPerTx } = run.setup;
    say(
      `  registerMembers: ~${gas.perMember.toFixed(0)} gas and ~${gas.calldataBytesPerMember.toFixed(0)} calldata bytes ` +
        `per registration (+${gas.base.toFixed(0)} per transaction); ${batchSize} per transaction, gas limit ${gasPerTx}`,
    );
    const notePeak = () => {
      const peak = processMemory(node.pid)?.peak;
      if (peak !== undefined && Number.isFinite(peak))
        run.peakRssBytes = Math.max(run.peakRssBytes ?? 0, peak);
    };

    // Registers up to member `to`, from the registry's count (an earlier run may have done part).
    const register = async (to: number, stage: "first" | "rest"): Promise<RegistrationResult> => {
      if (resuming) await waitForIdleRegistrar(client!, registrar.address, signal);
      const count = await onChainMembers(client!);
      if (count > options.members)
        throw new Error(`the registry counts ${count} members, more than ${options.members}`);
      // The chain says how many this stage has registered (the first stage is done once the
      // second has begun); batches mined after a stopped run's last checkpoint count as members,
      // though their transactions and gas were not seen.
      const start = stage === "first" ? 0 : options.compare;
      const from = Math.min(count, to);
      const prior = { ...(run[stage] ?? NO_REGISTRATION), members: from - start };
      if (from === to) return prior;
      say(`registering members ${from.toLocaleString("en-US")} to ${(to - 1).toLocaleString("en-US")}…`);
      const result = await registerMemberRange({
        client: client!,
        chainId: CHAIN_ID,
        registrar,
        context,
        from,
        to,
        total: from,
        batchSize,
        gasPerTx,
        inflight: options.inflight,
        progressMs,
        progress: say,
        checkpoint: (soFar) => {
          run[stage] = addResults(prior, soFar);
          notePeak();
          save();
        },
        ...(signal ? { signal } : {}),
      });
      const counted = await onChainMembers(client!);
      say(
        `  ${result.members.toLocaleString("en-US")} registered in ${result.seconds.toFixed(1)} s ` +
          `(${(result.members / result.seconds).toFixed(0)} members/s, ${result.transactions} transactions); ` +
          `the registry counts ${counted.toLocaleString("en-US")} members`,
      );
      if (counted !== to) throw new Error(`the registry counts ${counted} members, expected ${to}`);
      run[stage] = addResults(prior, result);
      save();
      return run[stage];
    };

    const nonces = new NonceBook();
    const measure = async (
      label: string,
      senders: readonly BenchAccount[],
      probeSenders: readonly BenchAccount[],
    ): Promise<PhaseReport> => {
      signal?.throwIfAborted();
      say(
        `${label}: ${probeSenders.length} first-time senders one at a time, then ${options.transfers} transfers from ${senders.length} members…`,
      );
      // A resumed run may have sent part of this workload before it stopped.
      if (resuming)
        for (const a of [...senders, ...probeSenders])
          nonces.set(a.address, await pendingNonce(client!, a.address));
      const workload = await runTransferWorkload({
        client: client!,
        metricsUrl: node.metricsUrl,
        chainId: CHAIN_ID,
        senders,
        transfers: options.transfers,
        probeSenders,
        nonces,
        progress: say,
      });
      const sample = await scrapeMetrics(node.metricsUrl);
      const phase: PhaseReport = {
        label,
        onChainMembers: await onChainMembers(client!),
        diskBytes: diskUsage(node.dataDir),
        rssBytes: sample.residentBytes,
        heapUsedBytes: sample.heapUsedBytes,
        externalBytes: sample.externalBytes,
        memory: processMemory(node.pid),
        workload,
      };
      const { load } = workload;
      say(
        `  ${load.included}/${load.sent} included, ${workload.txPerSecond.toFixed(0)} tx/s; ` +
          `permission check mean ${(workload.meanCheckSeconds * 1e6).toFixed(0)} µs, ` +
          `registry lookup ${ms(workload.missSeconds)} alone, ${ms(workload.loadedMissSeconds)} under the workload`,
      );
      if (load.refused > 0) say(`  ${load.refused} refused: ${load.refusalReasons.join(" | ")}`);
      return phase;
    };

    const first = await register(options.compare, "first");
    if (run.atCompare === undefined) {
      run.atCompare = await measure(
        `at ${options.compare.toLocaleString("en-US")} members`,
        compareSenders,
        accounts(compareProbe),
      );
      notePeak();
      save();
    } else
      say(
        `the measurement at ${options.compare.toLocaleString("en-US")} members was taken by an earlier run`,
      );
    const atCompare = run.atCompare;
    const rest = await register(options.members, "rest");
    const atFull = await measure(
      `at ${options.members.toLocaleString("en-US")} members`,
      fullSenders,
      accounts(fullProbe),
    );
    notePeak();
    save();
    return {
      options,
      dir: options.keep !== undefined ? dir : undefined,
      batchSize,
      gas,
      registration: addResults(first, rest),
      phases: [atCompare, atFull],
      peakRssBytes: run.peakRssBytes,
      throughputRatio: atFull.workload.txPerSecond / atCompare.workload.txPerSecond,
      resumed: run.resumed,
    };
  } catch (err) {
    // A failed run keeps the nodes' logs and configs for inspection (their state, up to tens of
    // GB, goes); an interrupted one leaves nothing.
    keepLogs = options.keep === undefined && !signal?.aborted && nodes.length > 0;
    throw keepLogs ? new Error(`${(err as Error).message} (node logs kept in ${dir})`, { cause: err }) : err;
  } finally {
    client?.close();
    await Promise.all(nodes.map((n) => n.stop()));
    if (options.keep === undefined) {
      if (keepLogs) for (const n of nodes) rmSync(n.dataDir, { recursive: true, force: true });
      else rmSync(dir, { recursive: true, force: true });
    }
  }
}
