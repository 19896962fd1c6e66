// The registry benchmark's record of a kept run (`--keep DIR`), so that a run of hours can be
// stopped (Ctrl-C, a crash, a reboot) and resumed: the figures already taken are kept, and
// registration goes on from the registry's member count.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RegistrationContext } from "./memberKeys.ts";
import type { ScaleOptions } from "./options.ts";
import type { RegistrationResult } from "./registerMembers.ts";
import type { PhaseReport, RegistrationGas } from "./scale.ts";

/** The file in a kept run's directory. */
export const RUN_STATE_FILE = "bench-run.json";
const VERSION = 1;

/** Options that must be the same when a run is resumed (the others may change). */
const FIXED = ["members", "compare", "validators", "senders", "transfers", "seed"] as const;

/** What a kept run has done so far. */
export interface RunState {
  readonly version: number;
  readonly options: Pick<ScaleOptions, (typeof FIXED)[number]>;
  /** Set once the organisation and role exist and the registration gas is measured. */
  setup?: {
    readonly context: RegistrationContext;
    readonly gas: RegistrationGas;
    readonly batchSize: number;
    readonly gasPerTx: bigint;
  };
  /** Registration up to the comparison size, then the rest: summed over the runs so far. */
  first?: RegistrationResult;
  rest?: RegistrationResult;
  /** The measurement at the comparison size, once taken. */
  atCompare?: PhaseReport;
  /** Times the run was resumed. */
  resumed: number;
  /** Highest peak RSS of node 1 seen by the runs so far. */
  peakRssBytes?: number;
}

/** A fresh state for a new run. */
export function newRunState(options: ScaleOptions): RunState {
  const fixed = Object.fromEntries(FIXED.map((k) => [k, options[k]])) as RunState["options"];
  return { version: VERSION, options: fixed, resumed: 0 };
}

// bigint and non-finite numbers (NaN figures) survive the JSON round trip as tagged strings.
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return `bigint:${value}`;
  if (typeof value === "number" && !Number.isFinite(value)) return `number:${value}`;
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (value.startsWith("bigint:")) return BigInt(value.slice(7));
  if (value.startsWith("number:")) return Number(value.slice(7));
  return value;
}

/** Writes the state atomically (a crash leaves the old file or the new one, never half of one). */
export function saveRunState(dir: string, state: RunState): void {
  const path = join(dir, RUN_STATE_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(state, replacer, 2));
  renameSync(`${path}.tmp`, path);
}

/**
 * The state of the run kept in `dir`, or undefined when `dir` holds none. Throws, saying what
 * differs, when the run was started with other options than `options`.
 */
export function loadRunState(dir: string, options: ScaleOptions): RunState | undefined {
  const path = join(dir, RUN_STATE_FILE);
  if (!existsSync(path)) return undefined;
  let state: RunState;
  try {
    state = JSON.parse(readFileSync(path, "utf8"), reviver) as RunState;
  } catch (err) {
    throw new Error(`${path} is not a readable benchmark record: ${(err as Error).message}`);
  }
  if (state.version !== VERSION)
    throw new Error(`${path} was written by another version of the benchmark (${state.version})`);
  const differs = FIXED.filter((k) => state.options[k] !== options[k]);
  if (differs.length > 0)
    throw new Error(
      `the run kept in ${dir} was started with ${differs.map((k) => `--${k} ${state.options[k]}`).join(" ")}; ` +
        "resume it with the same options, or choose another directory",
    );
  if (state.setup === undefined)
    throw new Error(
      `the run kept in ${dir} stopped while its network was being set up; remove the directory and start again`,
    );
  return state;
}
