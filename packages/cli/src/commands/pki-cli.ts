// Shared plumbing of the `civitas ca|cert|crl` commands: argument parsing, passphrases, files,
// and turning @civitas/pki errors into messages for the terminal.
import { chmod, readFile, writeFile } from "node:fs/promises";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { isPkiError, type PkiErrorCode } from "@civitas/pki";
import { CliError } from "../command.ts";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | string[] | undefined>;

/** Parses `args` strictly; unknown options are a usage error (exit 2) with the command's help. */
export function parse(
  args: string[],
  options: Options,
  usage: string,
): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Values, positionals };
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${usage}`, 2);
  }
}

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

export function required(values: Values, name: string, usage: string): string {
  const v = str(values, name);
  if (v === undefined || v === "") throw new CliError(`missing --${name}\n\n${usage}`, 2);
  return v;
}

/** A repeatable option, also accepting comma-separated values: --dns a --dns b,c. */
export function list(values: Values, name: string): string[] {
  const v = values[name];
  const items = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  return items
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function int(values: Values, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`--${name} must be a non-negative integer`, 2);
  return Number(v);
}

/**
 * A passphrase from a file (first line) or an environment variable — never from the command
 * line, where it would end up in the shell history and the process list.
 */
export async function passphrase(
  values: Values,
  fileOption: string,
  envVar: string,
  what: string,
  fallback?: string,
): Promise<string> {
  const file = str(values, fileOption);
  if (file !== undefined) {
    const text = await readInput(file, `${what} passphrase file`);
    const line = text.split(/\r?\n/)[0] ?? "";
    if (line === "") throw new CliError(`${what} passphrase file ${file} is empty`);
    return line;
  }
  const env = process.env[envVar];
  if (env !== undefined && env !== "") return env;
  if (fallback !== undefined) return fallback;
  throw new CliError(`no ${what} passphrase: give --${fileOption} <file> or set ${envVar}`);
}

export async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new CliError(
      `cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** Writes an output file; private keys get mode 0600. `-` means stdout. */
export async function writeOutput(
  path: string,
  data: string,
  opts: { secret?: boolean } = {},
): Promise<void> {
  if (path === "-") {
    process.stdout.write(data);
    return;
  }
  try {
    await writeFile(path, data, { mode: opts.secret ? 0o600 : 0o644 });
    if (opts.secret) await chmod(path, 0o600);
  } catch (err) {
    throw new CliError(
      `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** What to tell the person at the terminal, for errors whose message alone is not enough. */
const HINTS: Partial<Record<PkiErrorCode, string>> = {
  CA_EXPIRED:
    "renew it: create a new CA (civitas ca init / ca intermediate) or import the renewed certificate",
  CA_NOT_YET_VALID: "check the system clock",
  CA_LOCKED: "another civitas command is using this CA",
};

/**
 * Runs a command body, converting @civitas/pki errors into CliErrors: one line, the error code
 * in brackets, and the file or directory involved.
 */
export async function pkiCommand(context: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (isPkiError(err)) {
      const hint = HINTS[err.code];
      throw new CliError(
        `${context}: ${err.message} [${err.code}]${hint !== undefined ? `\n  ${hint}` : ""}`,
      );
    }
    throw err;
  }
}

/** Wraps a parse of a user-given file so that the error names the file. */
export async function fromFile<T>(
  path: string,
  what: string,
  fn: (text: string) => T | Promise<T>,
): Promise<T> {
  const text = await readInput(path, what);
  try {
    return await fn(text);
  } catch (err) {
    if (isPkiError(err)) {
      const e = err as Error & { message: string };
      e.message = `${path}: ${e.message}`;
    }
    throw err;
  }
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`;
}
