import { NodeError } from "../errors.ts";

/** One pre-funded or pre-deployed account of the genesis `alloc`. */
export interface GenesisAccount {
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly code: Uint8Array | undefined;
  readonly storage: ReadonlyMap<string, Uint8Array>;
}

/** The `config.qbft` section, with Besu's names and meaning (seconds). */
export interface QbftGenesisConfig {
  readonly blockPeriodSeconds: number;
  readonly emptyBlockPeriodSeconds: number;
  readonly requestTimeoutSeconds: number;
  readonly epochLength: number;
}

/** A validated genesis file in Besu's format. */
export interface GenesisConfig {
  readonly chainId: bigint;
  readonly qbft: QbftGenesisConfig;
  readonly nonce: bigint;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  readonly difficulty: bigint;
  readonly mixHash: Uint8Array;
  readonly coinbase: Uint8Array;
  readonly extraData: Uint8Array;
  readonly alloc: ReadonlyMap<string, GenesisAccount>;
  /** `config.transitions.qbft`: validator sets that replace the voted set from a block on, ascending by block. */
  readonly validatorTransitions: readonly ValidatorTransition[];
  /**
   * `config.permissioning.identityRegistry`: the registry (lowercase 0x address, with code in
   * `alloc`) that decides who may send transactions. Absent: the network is open to every account.
   */
  readonly identityRegistry: `0x${string}` | undefined;
}

/** A genesis transition: from `block` on, the given validators seal blocks (pending votes are dropped). */
export interface ValidatorTransition {
  readonly block: number;
  readonly validators: readonly `0x${string}`[];
}

/** Besu's fixed QBFT mixHash ("byzantine fault tolerance"). */
export const QBFT_MIX_HASH = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";

// Fork switches Besu accepts in `config`. Civitas runs one rule set from genesis, so each must be 0 if present.
const FORK_FIELDS = [
  "homesteadBlock",
  "eip150Block",
  "eip155Block",
  "eip158Block",
  "byzantiumBlock",
  "constantinopleBlock",
  "petersburgBlock",
  "istanbulBlock",
  "muirGlacierBlock",
  "berlinBlock",
  "londonBlock",
  "arrowGlacierBlock",
  "grayGlacierBlock",
  "shanghaiTime",
  "cancunTime",
  "pragueTime",
  "osakaTime",
];

function fail(message: string): never {
  throw new NodeError("GENESIS_INVALID", `genesis: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function quantity(value: unknown, field: string, fallback?: bigint): bigint {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string" && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value);
  return fail(`${field} must be a non-negative integer (decimal or 0x-hex), got ${JSON.stringify(value)}`);
}

function hexBytes(value: unknown, field: string, length?: number): Uint8Array {
  if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    return fail(
      `${field} must be 0x-prefixed hex with an even number of digits, got ${JSON.stringify(value)}`,
    );
  }
  const bytes = Buffer.from(value.slice(2), "hex");
  if (length !== undefined && bytes.length !== length)
    fail(`${field} must be ${length} bytes, got ${bytes.length}`);
  return new Uint8Array(bytes);
}

function seconds(value: unknown, field: string, fallback: number, min: number): number {
  const n = quantity(value, field, BigInt(fallback));
  if (n < BigInt(min) || n > 86_400n) fail(`${field} must be between ${min} and 86400 seconds, got ${n}`);
  return Number(n);
}

function parseQbft(raw: unknown): QbftGenesisConfig {
  if (!isRecord(raw)) return fail("config.qbft is required (blockperiodseconds, requesttimeoutseconds, …)");
  const blockPeriodSeconds = seconds(raw["blockperiodseconds"], "config.qbft.blockperiodseconds", 1, 1);
  const emptyBlockPeriodSeconds = seconds(
    raw["emptyblockperiodseconds"],
    "config.qbft.emptyblockperiodseconds",
    blockPeriodSeconds,
    1,
  );
  if (emptyBlockPeriodSeconds < blockPeriodSeconds) {
    fail("config.qbft.emptyblockperiodseconds must not be shorter than blockperiodseconds");
  }
  const epoch = quantity(raw["epochlength"], "config.qbft.epochlength", 30_000n);
  if (epoch < 1n || epoch > 2n ** 32n) fail("config.qbft.epochlength must be between 1 and 2^32");
  return {
    blockPeriodSeconds,
    emptyBlockPeriodSeconds,
    requestTimeoutSeconds: seconds(raw["requesttimeoutseconds"], "config.qbft.requesttimeoutseconds", 4, 1),
    epochLength: Number(epoch),
  };
}

function parseAccount(address: string, raw: unknown): GenesisAccount {
  if (!isRecord(raw)) return fail(`alloc.${address} must be an object`);
  const storage = new Map<string, Uint8Array>();
  const rawStorage = raw["storage"] ?? {};
  if (!isRecord(rawStorage)) fail(`alloc.${address}.storage must be an object`);
  for (const [slot, value] of Object.entries(rawStorage)) {
    const key = hexBytes(slot.startsWith("0x") ? slot : `0x${slot}`, `alloc.${address}.storage key`);
    if (key.length > 32) fail(`alloc.${address}.storage key ${slot} is longer than 32 bytes`);
    storage.set(
      Buffer.from(key).toString("hex").padStart(64, "0"),
      hexBytes(value, `alloc.${address}.storage[${slot}]`),
    );
  }
  return {
    balance: quantity(raw["balance"], `alloc.${address}.balance`, 0n),
    nonce: quantity(raw["nonce"], `alloc.${address}.nonce`, 0n),
    code: raw["code"] === undefined ? undefined : hexBytes(raw["code"], `alloc.${address}.code`),
    storage,
  };
}

function parseTransitions(raw: unknown): ValidatorTransition[] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) return fail("config.transitions must be an object");
  for (const key of Object.keys(raw))
    if (key !== "qbft") fail(`config.transitions.${key} is not supported (only config.transitions.qbft)`);
  const list = raw["qbft"] ?? [];
  if (!Array.isArray(list)) return fail("config.transitions.qbft must be an array");
  const out: ValidatorTransition[] = [];
  for (const [i, entry] of (list as unknown[]).entries()) {
    const field = `config.transitions.qbft[${i}]`;
    if (!isRecord(entry)) fail(`${field} must be an object`);
    for (const key of Object.keys(entry)) {
      if (key !== "block" && key !== "validators")
        fail(`${field}.${key} is not supported: a transition may only set "validators" from a "block"`);
    }
    const block = quantity(entry["block"], `${field}.block`);
    if (block < 1n || block > 2n ** 53n) fail(`${field}.block must be between 1 and 2^53`);
    const validators = entry["validators"];
    if (!Array.isArray(validators) || validators.length === 0)
      fail(`${field}.validators must be a non-empty array of addresses`);
    const addresses = validators.map((v: unknown, j) => {
      if (typeof v !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(v))
        fail(`${field}.validators[${j}] must be a 0x-prefixed 20-byte address`);
      return (v as string).toLowerCase() as `0x${string}`;
    });
    if (new Set(addresses).size !== addresses.length) fail(`${field}.validators lists an address twice`);
    if (out.length > 0 && Number(block) <= out.at(-1)!.block)
      fail(`${field}.block must be greater than the previous transition's block`);
    out.push({ block: Number(block), validators: addresses.sort() });
  }
  return out;
}

function parsePermissioning(
  raw: unknown,
  alloc: ReadonlyMap<string, GenesisAccount>,
): `0x${string}` | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) return fail("config.permissioning must be an object");
  for (const key of Object.keys(raw))
    if (key !== "identityRegistry")
      fail(`config.permissioning.${key} is not a known setting (identityRegistry is)`);
  const registry = raw["identityRegistry"];
  if (typeof registry !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(registry))
    fail("config.permissioning.identityRegistry must be a 0x-prefixed 20-byte address");
  const address = (registry as string).toLowerCase() as `0x${string}`;
  const code = alloc.get(address)?.code;
  if (code === undefined || code.length === 0)
    fail(
      `config.permissioning.identityRegistry ${registry} has no code in alloc: the registry must be in genesis`,
    );
  return address;
}

/** Validates a parsed Besu-format genesis JSON object; throws NodeError GENESIS_INVALID naming the bad field. */
export function parseGenesis(json: unknown): GenesisConfig {
  if (!isRecord(json)) return fail("the file must contain a JSON object");
  const config = json["config"];
  if (!isRecord(config)) return fail("`config` section is missing");
  const chainId = quantity(config["chainId"], "config.chainId");
  if (chainId < 1n || chainId > 2n ** 53n) fail("config.chainId must be between 1 and 2^53");
  for (const field of FORK_FIELDS) {
    if (config[field] !== undefined && quantity(config[field], `config.${field}`) !== 0n) {
      fail(
        `config.${field} must be 0: Civitas runs one rule set (Osaka) from genesis, without fork transitions`,
      );
    }
  }
  if (config["ibft2"] !== undefined || config["clique"] !== undefined || config["ethash"] !== undefined) {
    fail("only QBFT networks are supported (found ibft2, clique or ethash in config)");
  }
  const alloc = new Map<string, GenesisAccount>();
  const rawAlloc = json["alloc"] ?? {};
  if (!isRecord(rawAlloc)) fail("alloc must be an object of address → account");
  for (const [key, account] of Object.entries(rawAlloc)) {
    const address = (key.startsWith("0x") ? key : `0x${key}`).toLowerCase();
    if (!/^0x[0-9a-f]{40}$/.test(address)) fail(`alloc key ${key} is not a 20-byte hex address`);
    alloc.set(address, parseAccount(address, account));
  }
  const gasLimit = quantity(json["gasLimit"], "gasLimit");
  if (gasLimit < 5000n) fail("gasLimit must be at least 5000");
  return {
    chainId,
    qbft: parseQbft(config["qbft"]),
    nonce: quantity(json["nonce"], "nonce", 0n),
    timestamp: quantity(json["timestamp"], "timestamp", 0n),
    gasLimit,
    difficulty: quantity(json["difficulty"], "difficulty", 1n),
    mixHash: hexBytes(json["mixHash"] ?? QBFT_MIX_HASH, "mixHash", 32),
    coinbase: hexBytes(json["coinbase"] ?? `0x${"00".repeat(20)}`, "coinbase", 20),
    extraData: hexBytes(json["extraData"], "extraData"),
    alloc,
    validatorTransitions: parseTransitions(config["transitions"]),
    identityRegistry: parsePermissioning(config["permissioning"], alloc),
  };
}
