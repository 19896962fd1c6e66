// Shared plumbing of the `civitas org|member|admin` commands: the node to talk to, the sender's
// key, and turning SDK errors into one-line messages with the right exit code.
import { isPkiError } from "@civitas/pki";
import {
  BindingRejectedError,
  CertificateRejectedError,
  type CivitasClient,
  CivitasError,
  createCivitasClient,
  defineCivitasChain,
  RegistryRevertedError,
} from "@civitas/sdk";
import { type Account, type Address, BaseError, createClient, type Hex, http, isAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getChainId } from "viem/actions";
import { CliError } from "../command.ts";
import { readInput, required, str, type Values } from "./pki-cli.ts";

/** Options every registry command takes. */
export const CONNECTION_OPTIONS = {
  rpc: { type: "string" },
  registry: { type: "string" },
} as const;

/** Options of the commands that send a transaction. */
export const SENDER_OPTIONS = {
  ...CONNECTION_OPTIONS,
  key: { type: "string" },
  as: { type: "string" },
} as const;

export const CONNECTION_HELP = `  --rpc URL           a node's JSON-RPC URL
  --registry ADDR     the IdentityRegistry's address (default: the genesis address civitas init uses)`;

export const SENDER_HELP = `  --key FILE          the sender's private key: a file holding 0x + 64 hex digits, or the network's
                      admins.json with --as admin1 | admin2 | … | registrar (registrar1, …)
${CONNECTION_HELP}`;

const KEY_PATTERN = /^(0x)?[0-9a-fA-F]{64}$/;

interface AdminsFile {
  admins?: { privateKey?: string }[];
  registrars?: { privateKey?: string }[];
}

/** The private key in `--key FILE` (with `--as` for an admins.json). */
async function readKey(values: Values, usage: string): Promise<Hex> {
  const path = required(values, "key", usage);
  const text = (await readInput(path, "key file")).trim();
  const as = str(values, "as");
  if (!text.startsWith("{")) {
    if (as !== undefined)
      throw new CliError(`--as applies to an admins.json key file; ${path} holds one key`, 2);
    if (!KEY_PATTERN.test(text))
      throw new CliError(`${path} does not hold a private key (0x + 64 hex digits)`);
    return (text.startsWith("0x") ? text : `0x${text}`) as Hex;
  }
  let file: AdminsFile;
  try {
    file = JSON.parse(text) as AdminsFile;
  } catch (err) {
    throw new CliError(`${path} is neither a private key nor JSON: ${(err as Error).message}`);
  }
  const available = [
    ...(file.admins ?? []).map((_, i) => `admin${i + 1}`),
    ...(file.registrars ?? []).map((_, i) => `registrar${i + 1}`),
  ];
  if (as === undefined)
    throw new CliError(`${path} holds several keys: choose one with --as (${available.join(", ")})`, 2);
  const match = /^(admin|registrar)(\d*)$/.exec(as);
  const list = match?.[1] === "admin" ? file.admins : file.registrars;
  const entry = match ? list?.[Number(match[2] || "1") - 1] : undefined;
  if (entry?.privateKey === undefined || !KEY_PATTERN.test(entry.privateKey))
    throw new CliError(`--as ${as}: no such key in ${path} (${available.join(", ")})`, 2);
  return entry.privateKey as Hex;
}

/** An account address given as an argument; a usage error otherwise. */
export function addressArgument(value: string | undefined, what: string, usage: string): Address {
  if (value === undefined || value === "") throw new CliError(`missing ${what}\n\n${usage}`, 2);
  if (!isAddress(value, { strict: false }))
    throw new CliError(`${what} '${value}' is not an account address`, 2);
  return value as Address;
}

/**
 * A client for the node at --rpc (its chain id asked from the node), sending from the --key
 * account when `sender` is set.
 */
export async function connect(values: Values, usage: string, sender: boolean): Promise<CivitasClient> {
  const rpcUrl = required(values, "rpc", usage);
  if (!/^https?:\/\//.test(rpcUrl)) throw new CliError(`--rpc must be an http(s) URL, got '${rpcUrl}'`, 2);
  const registry = str(values, "registry");
  if (registry !== undefined && !isAddress(registry, { strict: false }))
    throw new CliError(`--registry '${registry}' is not an address`, 2);
  const account: Account | undefined = sender ? privateKeyToAccount(await readKey(values, usage)) : undefined;
  const transport = http(rpcUrl, { retryCount: 0, timeout: 30_000 });
  let id: number;
  try {
    id = await getChainId(createClient({ transport }));
  } catch (err) {
    throw new CliError(`cannot reach a node at ${rpcUrl}: ${(err as BaseError).shortMessage ?? String(err)}`);
  }
  return createCivitasClient({
    chain: defineCivitasChain({ id, rpcUrl }),
    transport,
    ...(account !== undefined ? { account } : {}),
    ...(registry !== undefined ? { registry: registry as Address } : {}),
  });
}

/**
 * Runs a command body, turning the SDK's errors into CliErrors: a registry refusal names the
 * contract error and its arguments (exit 1); a bad identifier or argument is a usage error (exit 2).
 */
export async function registryCommand(context: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof RegistryRevertedError) {
      const hint = err.metaMessages.length > 0 ? `\n  ${err.metaMessages.join("\n  ")}` : "";
      throw new CliError(
        `${context}: refused by the registry: ${err.errorName}(${formatArgs(err.args)})${hint}`,
      );
    }
    if (err instanceof CertificateRejectedError || err instanceof BindingRejectedError)
      throw new CliError(`${context}: ${err.shortMessage} (nothing was sent)`);
    if (err instanceof CivitasError)
      throw new CliError(`${context}: ${err.shortMessage}`, err.code === "ACCOUNT_MISSING" ? 1 : 2);
    if (isPkiError(err)) throw new CliError(`${context}: ${err.message} [${err.code}]`);
    if (err instanceof BaseError) throw new CliError(`${context}: ${err.shortMessage}`);
    throw err;
  }
}

function formatArgs(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ");
}

/** Unix seconds as an ISO time. */
export function isoTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString();
}
