import { parseArgs } from "node:util";

/** Which workload a run sends. */
export type Scenario = "transfers" | "calls";
/** Which chain a run drives. */
export type TargetName = "civitas" | "anvil";

/** Parsed benchmark options. */
export interface BenchOptions {
  readonly scenarios: readonly Scenario[];
  readonly targets: readonly TargetName[];
  /** Transactions per scenario that the figures are taken over. */
  readonly tx: number;
  /** Transactions per scenario sent first, at the same rate, and left out of the figures. */
  readonly warmup: number;
  /** Funded accounts in state. */
  readonly accounts: number;
  readonly seed: string;
  readonly batchSize: number;
  readonly concurrency: number;
  /** Offered tx/s; 0 = as fast as accepted. */
  readonly rate: number;
  /** Civitas validators: 1 runs `civitas dev`; more run a local QBFT network of that many processes. */
  readonly validators: number;
  /** Directory for a CPU profile of the Civitas node, if wanted. */
  readonly profileDir: string | undefined;
  /** With several validators: send each batch to the next validator's JSON-RPC, not all to the first. */
  readonly spread: boolean;
  readonly help: boolean;
}

/** Thrown for a bad command line; the message says what to change. */
export class BenchUsageError extends Error {
  readonly code = "BENCH_USAGE";
  constructor(message: string) {
    super(message);
    this.name = "BenchUsageError";
  }
}

/** Usage text. */
export const USAGE = `usage: npm run bench -- [options]

Sends pre-signed transactions over JSON-RPC to a Civitas node and to anvil (same accounts,
same transactions, 1-second blocks, zero fees) and prints sustained tx/s and inclusion latency.

  --scenario transfers|calls|all   workload (default all)
  --target civitas|anvil|both      chain(s) to drive (default both)
  --tx N                           transactions per scenario (default 40000)
  --warmup N                       transactions sent first, at the same rate and without a pause,
                                   and left out of the figures: the load starts on a network that
                                   is already running it (default 0)
  --accounts N                     funded accounts in state (default 100000)
  --batch N                        eth_sendRawTransaction calls per HTTP request (default 100)
  --concurrency N                  HTTP requests in flight (default 4)
  --rate N                         offered tx/s (default 0: as fast as the target accepts)
  --validators N                   Civitas validators, each its own process (default 1: civitas dev)
  --seed S                         seed of the deterministic account keys (default civitas-bench)
  --profile DIR                    run the Civitas node under --cpu-prof, profile written to DIR
  --spread                         with --validators: send the batches to every validator's JSON-RPC
                                   in turn (default: all to the first one)
  --quick                          smoke run: 2000 accounts, 2000 transactions per scenario
  -h, --help                       this text

environment:
  CIVITAS_BENCH_NODE_FLAGS         Node.js flags for the nodes under test, space-separated
                                   (e.g. "--trace-gc", which NODE_OPTIONS refuses)
  CIVITAS_BENCH_KEEP=1             keep a network's directory and node logs after the run`;

function positiveInt(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new BenchUsageError(`--${name} must be an integer ≥ ${min}, got '${value}'`);
  return n;
}

/** Parses the benchmark's command line. */
export function parseBenchArgs(args: readonly string[]): BenchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        scenario: { type: "string" },
        target: { type: "string" },
        tx: { type: "string" },
        warmup: { type: "string" },
        accounts: { type: "string" },
        batch: { type: "string" },
        concurrency: { type: "string" },
        rate: { type: "string" },
        seed: { type: "string" },
        validators: { type: "string" },
        profile: { type: "string" },
        quick: { type: "boolean" },
        spread: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (err) {
    throw new BenchUsageError((err as Error).message);
  }
  const str = (name: string): string | undefined => values[name] as string | undefined;
  const scenario = str("scenario") ?? "all";
  if (!["transfers", "calls", "all"].includes(scenario))
    throw new BenchUsageError(`--scenario must be transfers, calls or all, got '${scenario}'`);
  const target = str("target") ?? "both";
  if (!["civitas", "anvil", "both"].includes(target))
    throw new BenchUsageError(`--target must be civitas, anvil or both, got '${target}'`);
  const quick = values["quick"] === true;
  const validators = positiveInt(str("validators"), "validators", 1);
  const spread = values["spread"] === true;
  if (spread && validators < 2)
    throw new BenchUsageError("--spread sends to several validators: give --validators 2 or more");
  return {
    scenarios: scenario === "all" ? ["transfers", "calls"] : [scenario as Scenario],
    targets: target === "both" ? ["civitas", "anvil"] : [target as TargetName],
    tx: positiveInt(str("tx"), "tx", quick ? 2000 : 40_000),
    warmup: positiveInt(str("warmup"), "warmup", 0, 0),
    accounts: positiveInt(str("accounts"), "accounts", quick ? 2000 : 100_000),
    seed: str("seed") ?? "civitas-bench",
    batchSize: positiveInt(str("batch"), "batch", 100),
    concurrency: positiveInt(str("concurrency"), "concurrency", 4),
    rate: positiveInt(str("rate"), "rate", 0, 0),
    validators,
    profileDir: str("profile"),
    spread,
    help: values["help"] === true,
  };
}
