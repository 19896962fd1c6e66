import { addressOfPrivateKey, keccak256 } from "@civitas/node";

/** A benchmark account: its key and address (0x-hex, lower case). */
export interface BenchAccount {
  readonly privateKey: Uint8Array;
  readonly address: `0x${string}`;
}

const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The private key of account `label` under `seed`: keccak256(utf8(seed) ‖ utf8(label)). */
export function deriveKey(seed: string, label: string): Uint8Array {
  const key = keccak256(new TextEncoder().encode(`${seed}${label}`));
  const n = BigInt(`0x${Buffer.from(key).toString("hex")}`);
  // A keccak output outside [1, n) has probability ~2^-128; refuse rather than silently remap.
  if (n === 0n || n >= SECP256K1_ORDER) throw new Error(`seed '${seed}' gives an invalid key for ${label}`);
  return key;
}

/** One deterministic account. */
export function deriveAccount(seed: string, label: string): BenchAccount {
  const privateKey = deriveKey(seed, label);
  return { privateKey, address: addressOfPrivateKey(privateKey) as `0x${string}` };
}

/**
 * The `count` funded accounts of a run, keyed keccak(seed ‖ i) for i = 0…count-1, so both targets
 * (and every rerun) see the same senders. Deriving 100k addresses takes seconds: progress is reported.
 */
export function deriveAccounts(
  seed: string,
  count: number,
  progress?: (done: number) => void,
): BenchAccount[] {
  const out: BenchAccount[] = [];
  for (let i = 0; i < count; i++) {
    out.push(deriveAccount(seed, String(i)));
    if (progress && (i + 1) % 5000 === 0) progress(i + 1);
  }
  return out;
}

/** The account that deploys the benchmark contract; funded but never used by the workload. */
export function deployerAccount(seed: string): BenchAccount {
  return deriveAccount(seed, "deployer");
}

/** The Civitas validator's key for a benchmark chain. */
export function validatorAccount(seed: string): BenchAccount {
  return deriveAccount(seed, "validator");
}
