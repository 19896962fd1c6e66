// The state file of a `civitas up` data directory (up.json): what the data directory holds and
// which demo steps have been done, so that a second run continues the same network and does not
// repeat them.
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "../command.ts";
import type { DemoPersonEntry } from "./demoPeople.ts";

/** The state file's name inside the data directory. */
export const UP_STATE_FILE = "up.json";
/** The layout version this `civitas up` writes and reads. */
export const UP_STATE_VERSION = 1;

/** One demo step done after start (a transaction's effect), with what it produced. */
export interface DemoStepRecord {
  readonly at: string;
  /** What the step made: ids, files, transaction hashes (relative paths). */
  readonly result: Readonly<Record<string, unknown>>;
}

/** DIR/up.json. */
export interface UpState {
  readonly format: "civitas-up";
  readonly version: typeof UP_STATE_VERSION;
  readonly createdAt: string;
  readonly chainId: number;
  readonly validators: number;
  /** The demo organisations and people are in the genesis. */
  readonly demo: boolean;
  readonly people: readonly DemoPersonEntry[];
  /** Demo steps done after start, by name. */
  readonly steps: Readonly<Record<string, DemoStepRecord>>;
}

/**
 * The state of the data directory `dir`: undefined if it does not exist or is empty; an error if
 * it holds something else, or a layout of another version.
 */
export function readUpState(dir: string, shown: string): UpState | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError(`cannot use the data directory ${shown}: ${(err as Error).message}`);
  }
  if (entries.length === 0) return undefined;
  let text: string;
  try {
    text = readFileSync(join(dir, UP_STATE_FILE), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    throw new CliError(
      `${shown} is not a civitas up data directory (it has no ${UP_STATE_FILE}); choose another --datadir, or remove it to start afresh`,
    );
  }
  let state: Partial<UpState>;
  try {
    state = JSON.parse(text) as Partial<UpState>;
  } catch (err) {
    throw new CliError(`${join(shown, UP_STATE_FILE)} is not valid JSON: ${(err as Error).message}`);
  }
  if (state.format !== "civitas-up")
    throw new CliError(`${join(shown, UP_STATE_FILE)} is not a civitas up state file`);
  if (state.version !== UP_STATE_VERSION)
    throw new CliError(
      `${shown} was made by another version of civitas up (data layout ${state.version}; this one reads ${UP_STATE_VERSION}); remove it (rm -rf ${shown}) to start a new network, or choose another --datadir`,
    );
  return state as UpState;
}

/** Writes the state file atomically (a crash leaves the old one or the new one). */
export function writeUpState(dir: string, state: UpState): void {
  const path = join(dir, UP_STATE_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o644 });
  renameSync(`${path}.tmp`, path);
}

/** The state with `step` recorded as done. */
export function withStep(state: UpState, step: string, result: DemoStepRecord["result"]): UpState {
  return { ...state, steps: { ...state.steps, [step]: { at: new Date().toISOString(), result } } };
}
