import { CliError } from "./command.ts";

/** A subcommand handler: takes the arguments after its name, returns the exit code. */
export type Subcommand = (args: string[]) => Promise<number>;

/**
 * Runs `civitas <group> <sub> …`: prints the group's usage for help (exit 0) or when no
 * subcommand is given (exit 2), and refuses an unknown subcommand with the usage.
 */
export async function runSubcommand(
  group: string,
  usage: string,
  subcommands: Record<string, Subcommand>,
  args: string[],
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    console.log(usage);
    return sub === undefined ? 2 : 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(usage);
    return 0;
  }
  const handler = Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined;
  if (!handler) throw new CliError(`unknown subcommand '${group} ${sub}'\n\n${usage}`, 2);
  return handler(rest);
}
