// The ledger benchmark: `npm run bench -- --help`. It prints figures; it never fails on speed.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { getContractAddress } from "viem";
import { type BenchAccount, deployerAccount, deriveAccounts, validatorAccount } from "./accounts.ts";
import { compileSlotWriter } from "./contract.ts";
import { cpuUse, sampleCpu } from "./cpu.ts";
import { runLoad } from "./loadDriver.ts";
import { formatMemoryLatency, probeMemoryLatency } from "./memoryProbe.ts";
import {
  type BenchOptions,
  BenchUsageError,
  parseBenchArgs,
  type Scenario,
  type TargetName,
  USAGE,
} from "./options.ts";
import { civitasToAnvil, formatTable, type ResultRow } from "./report.ts";
import { RpcClient } from "./rpcClient.ts";
import { startAnvil } from "./targets/anvil.ts";
import { type ChainSpec, startCivitas } from "./targets/civitas.ts";
import { startCivitasNetwork } from "./targets/civitasNetwork.ts";
import type { RunningTarget } from "./targets/target.ts";
import { NonceBook, type SignedTx, signCalls, signDeploy, signTransfers } from "./workload.ts";

const CHAIN_ID = 1337;
const TARGETS: Record<Scenario, number> = { transfers: 1500, calls: 1000 };
// Targets with 4 validators sharing this machine (QBFT, issue: ≥ 600 tx/s, finality p50 ≤ 1.5 s, p99 ≤ 3 s).
const NETWORK_TARGETS: Record<Scenario, number> = { transfers: 600, calls: 600 };

/** Everything sent to a target, signed once and replayed identically on each target. */
interface PreparedRun {
  readonly spec: ChainSpec;
  readonly validator: BenchAccount;
  readonly txs: Map<Scenario, SignedTx[]>;
  readonly deploy: SignedTx | undefined;
  readonly contract: `0x${string}` | undefined;
  /** Accounts whose storage slot the first call writes, with the value written. */
  readonly firstCaller: { address: string; value: bigint } | undefined;
  readonly getterSelector: `0x${string}` | undefined;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function machine(): string {
  const [l1, l5] = loadavg();
  return `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), node ${process.version}, load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1 / 5 min)`;
}

function prepare(options: BenchOptions): PreparedRun {
  let t = performance.now();
  say(`deriving ${options.accounts} accounts from seed '${options.seed}'…`);
  const accounts = deriveAccounts(options.seed, options.accounts, (n) => say(`  ${n}/${options.accounts}`));
  const deployer = deployerAccount(options.seed);
  const validator = validatorAccount(options.seed);
  say(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // The workload's senders go round the accounts from the first, `tx` (and the warm-up) per scenario.
  const perScenario = options.warmup + options.tx;
  const senders = accounts.slice(0, Math.min(accounts.length, perScenario * options.scenarios.length));
  const spec: ChainSpec = {
    chainId: CHAIN_ID,
    gasLimit: 100_000_000n,
    balanceWei: 10n ** 24n,
    funded: [...accounts, deployer],
    senders: [...senders, deployer],
  };
  const nonces = new NonceBook();
  const txs = new Map<Scenario, SignedTx[]>();
  let deploy: SignedTx | undefined;
  let contract: `0x${string}` | undefined;
  let firstCaller: PreparedRun["firstCaller"];
  let getterSelector: `0x${string}` | undefined;
  let firstSender = 0;
  for (const scenario of options.scenarios) {
    t = performance.now();
    say(`signing ${perScenario} ${scenario}…`);
    const plan = { chainId: CHAIN_ID, accounts, firstSender, count: perScenario };
    const progress = (n: number) => say(`  ${n}/${perScenario}`);
    if (scenario === "transfers") {
      txs.set(scenario, signTransfers(plan, nonces, progress));
    } else {
      const compiled = compileSlotWriter();
      const setSelector = compiled.selectors["set(uint256)"];
      getterSelector = compiled.selectors["values(address)"];
      if (!setSelector || !getterSelector)
        throw new Error("SlotWriter lacks set(uint256) or values(address)");
      const deployNonce = nonces.take(deployer.address);
      contract = getContractAddress({ from: deployer.address, nonce: BigInt(deployNonce) });
      deploy = signDeploy(deployer, CHAIN_ID, compiled.bytecode, deployNonce);
      txs.set(scenario, signCalls(plan, contract, setSelector, nonces, progress));
      firstCaller = { address: accounts[firstSender % accounts.length]!.address, value: 1n };
    }
    firstSender = (firstSender + perScenario) % accounts.length;
    say(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return { spec, validator, txs, deploy, contract, firstCaller, getterSelector };
}

async function waitForReceipt(
  client: RpcClient,
  hash: string,
  timeoutMs: number,
): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await client.call<Record<string, string> | null>("eth_getTransactionReceipt", [hash]);
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new Error(`transaction ${hash} was not mined within ${timeoutMs} ms`);
    await sleep(200);
  }
}

async function deployContract(client: RpcClient, run: PreparedRun): Promise<void> {
  await client.call("eth_sendRawTransaction", [run.deploy!.raw]);
  const receipt = await waitForReceipt(client, run.deploy!.hash, 60_000);
  if (
    receipt["status"] !== "0x1" ||
    receipt["contractAddress"]?.toLowerCase() !== run.contract!.toLowerCase()
  )
    throw new Error(`SlotWriter deployment failed: ${JSON.stringify(receipt)}`);
}

/** Checks that the workload really did what it says: first and last transactions succeeded, and a slot was written. */
async function verify(
  client: RpcClient,
  run: PreparedRun,
  scenario: Scenario,
  txs: readonly SignedTx[],
): Promise<string> {
  const problems: string[] = [];
  for (const tx of [txs[0]!, txs[txs.length - 1]!]) {
    const receipt = await client.call<Record<string, string> | null>("eth_getTransactionReceipt", [tx.hash]);
    if (receipt?.["status"] !== "0x1")
      problems.push(`receipt of ${tx.hash}: ${receipt ? receipt["status"] : "missing"}`);
  }
  if (scenario === "calls" && run.firstCaller) {
    const data = `${run.getterSelector}${run.firstCaller.address.slice(2).padStart(64, "0")}`;
    const value = await client.call<string>("eth_call", [{ to: run.contract, data }, "latest"]);
    if (BigInt(value) !== run.firstCaller.value)
      problems.push(`slot of ${run.firstCaller.address} holds ${value}`);
  }
  return problems.length === 0 ? "verified" : `VERIFICATION FAILED: ${problems.join("; ")}`;
}

async function startTarget(
  name: TargetName,
  run: PreparedRun,
  options: BenchOptions,
): Promise<RunningTarget> {
  const t = performance.now();
  say(`starting ${name} with ${run.spec.funded.length} funded accounts…`);
  const target =
    name === "civitas" && options.validators > 1
      ? await startCivitasNetwork(run.spec, options.validators, options.profileDir)
      : name === "civitas"
        ? await startCivitas(run.spec, {
            validator: run.validator,
            ...(options.profileDir ? { profileDir: options.profileDir } : {}),
          })
        : await startAnvil(run.spec);
  say(
    `  ${name} serving at ${target.url} (pid ${target.pids.join(", ")}) after ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  return target;
}

async function benchTarget(name: TargetName, run: PreparedRun, options: BenchOptions): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const target = await startTarget(name, run, options);
  const client = new RpcClient(target.url, options.concurrency + 2);
  const senders =
    options.spread && target.urls !== undefined
      ? target.urls.map((url, i) => (i === 0 ? client : new RpcClient(url, options.concurrency)))
      : [client];
  try {
    const chainId = Number(await client.call<string>("eth_chainId"));
    if (chainId !== CHAIN_ID) throw new Error(`${name} reports chain id ${chainId}, expected ${CHAIN_ID}`);
    for (const scenario of options.scenarios) {
      const txs = run.txs.get(scenario)!;
      if (scenario === "calls") await deployContract(client, run);
      // Start on a fresh block boundary so both targets see the load the same way.
      await sleep(1000);
      say(
        `${scenario} on ${name}: sending ${txs.length} transactions` +
          (options.warmup > 0 ? ` (the first ${options.warmup} a warm-up, left out of the figures)…` : "…"),
      );
      let cpuBefore = sampleCpu(target.pids);
      const result = await runLoad(client, txs, {
        batchSize: options.batchSize,
        concurrency: options.concurrency,
        rate: options.rate,
        idleTimeoutMs: 30_000,
        progress: say,
        senders,
        measureFrom: options.warmup,
        onMeasuredStart: () => {
          cpuBefore = sampleCpu(target.pids);
        },
      });
      const cpu = cpuUse(cpuBefore, sampleCpu(target.pids), result.included);
      const check = await verify(client, run, scenario, txs);
      say(
        `  ${result.included}/${result.sent} included in ${result.blocks} blocks, ${result.txPerSecond.toFixed(0)} tx/s, ` +
          `p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms; sent in ${result.sendSeconds.toFixed(1)} s; ${check}`,
      );
      say(
        `  included while sending: ${result.includedWhileSending} (${result.txPerSecondWhileSending.toFixed(0)} tx/s), ` +
          `after: ${result.included - result.includedWhileSending}`,
      );
      if (cpu)
        say(
          `  CPU over the load: ${cpu.processSeconds.toFixed(1)} s in ${target.pids.length} process(es), ` +
            `${cpu.mainSeconds.toFixed(1)} s on the main thread(s): ${cpu.processMicrosPerTx.toFixed(0)} and ` +
            `${cpu.mainMicrosPerTx.toFixed(0)} µs per transaction`,
        );
      if (result.refused > 0) say(`  ${result.refused} refused: ${result.refusalReasons.join(" | ")}`);
      rows.push({ scenario, target: name, result, ...(cpu ? { cpu } : {}) });
    }
  } finally {
    for (const sender of senders) sender.close();
    await target.stop();
  }
  return rows;
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof BenchUsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    say(USAGE);
    return 0;
  }
  say(`machine: ${machine()}`);
  say(`memory: a dependent random read takes ${formatMemoryLatency(probeMemoryLatency())}`);
  const run = prepare(options);
  const rows: ResultRow[] = [];
  for (const name of options.targets) rows.push(...(await benchTarget(name, run, options)));
  say("");
  say(formatTable(rows));
  say("");
  for (const scenario of options.scenarios) {
    const civitas = rows.find((r) => r.scenario === scenario && r.target === "civitas");
    const ratio = civitasToAnvil(rows, scenario);
    const target = options.validators > 1 ? NETWORK_TARGETS[scenario] : TARGETS[scenario];
    const parts = [
      `${scenario}: target ≥ ${target} tx/s${options.validators > 1 ? `, p50 ≤ 1.5 s, p99 ≤ 3 s with ${options.validators} validators` : ""}`,
    ];
    if (civitas)
      parts.push(
        `civitas ${civitas.result.txPerSecond.toFixed(0)} tx/s, p50 ${(civitas.result.p50Ms / 1000).toFixed(2)} s, p99 ${(civitas.result.p99Ms / 1000).toFixed(2)} s`,
      );
    if (ratio !== undefined) parts.push(`${(ratio * 100).toFixed(0)}% of anvil`);
    say(parts.join(", "));
  }
  say(`machine at the end: ${machine()}`);
  return 0;
}

process.exitCode = await main();
