import { CliError } from "../command.ts";

/** An integer option within bounds; anything else is a usage error (exit 2) naming the option. */
export function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`, 2);
  return n;
}
