import { InvalidArgumentError } from "../errors/civitasError.ts";

/** Unix seconds of a Date, or a bigint taken as unix seconds already. */
export function toUnixSeconds(value: bigint | Date): bigint {
  if (typeof value === "bigint") return value;
  const ms = value.getTime();
  if (Number.isNaN(ms) || ms < 0) throw new InvalidArgumentError(`invalid time ${String(value)}`);
  return BigInt(Math.floor(ms / 1000));
}
