import { parseArgs } from "node:util";
import { BenchUsageError } from "../options.ts";

/** Options of the identity registry scale benchmark. */
export interface ScaleOptions {
  /** Members registered in all. */
  readonly members: number;
  /** Members registered when the first measurement is taken. */
  readonly compare: number;
  readonly validators: number;
  /** Registrations per `registerMembers` transaction; undefined: as many as fit the gas cap. */
  readonly batch: number | undefined;
  /** Registration transactions in the pool at once. */
  readonly inflight: number;
  /** Members that send the transfer workload, per measurement. */
  readonly senders: number;
  /** Transfers of the workload, per measurement. */
  readonly transfers: number;
  readonly seed: string;
  /**
   * Directory to create the network in and keep, or to resume the run kept there; undefined: a
   * temporary one, removed at the end.
   */
  readonly keep: string | undefined;
  readonly help: boolean;
}

/** Usage text. */
export const USAGE = `usage: npm run bench:registry -- [options]

Creates a network with \`civitas init\` (permissioning on the genesis IdentityRegistry), registers
--compare members with registerMembers batches, measures a transfer workload sent by members,
registers the rest up to --members, measures the same workload again with senders drawn from the
whole population, and prints registration time, state size on disk, node RSS, permission-check
latency and transfer throughput at both sizes.

  --members N      members registered in all (default 1500000)
  --compare N      members at the first measurement (default 10000)
  --validators N   validator processes (default 1)
  --batch N        registrations per transaction (default: as many as fit 2^24 gas and 128 KiB)
  --inflight N     registration transactions in the pool at once (default 64)
  --senders N      members sending the workload (default 2000)
  --transfers N    transfers per workload (default 20000)
  --seed S         seed of the members' keys (default civitas-registry-bench)
  --keep DIR       create the network in DIR and keep it (default: a temporary directory, removed);
                   if DIR holds a run that stopped (Ctrl-C, crash, reboot), resume it: the nodes
                   restart on their data, registration goes on from the registry's member count
                   and the figures already taken are kept (same --members, --compare, --seed…);
                   on a finished run, the full-size measurement is taken again, on a freshly
                   started node
  -h, --help       this text`;

function integer(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new BenchUsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

/** Parses the command line; a bad one throws BenchUsageError saying what to change. */
export function parseScaleArgs(args: readonly string[]): ScaleOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        members: { type: "string" },
        compare: { type: "string" },
        validators: { type: "string" },
        batch: { type: "string" },
        inflight: { type: "string" },
        senders: { type: "string" },
        transfers: { type: "string" },
        seed: { type: "string" },
        keep: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (err) {
    throw new BenchUsageError((err as Error).message);
  }
  const str = (name: string) => values[name] as string | undefined;
  const members = integer(str("members"), "members", 1_500_000, 2, 100_000_000);
  const compare = integer(str("compare"), "compare", Math.min(10_000, members - 1), 1, members - 1);
  const senders = integer(str("senders"), "senders", 2000, 1, 100_000);
  const transfers = integer(str("transfers"), "transfers", 20_000, senders, 1_000_000);
  const batch = str("batch");
  const keep = str("keep");
  if (keep === "") throw new BenchUsageError("--keep needs a directory");
  return {
    members,
    compare,
    validators: integer(str("validators"), "validators", 1, 1, 16),
    batch: batch === undefined ? undefined : integer(batch, "batch", 1, 1, 10_000),
    inflight: integer(str("inflight"), "inflight", 64, 1, 1000),
    senders,
    transfers,
    seed: str("seed") ?? "civitas-registry-bench",
    keep,
    help: values["help"] === true,
  };
}
