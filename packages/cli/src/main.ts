#!/usr/bin/env node
import { CliError } from "./command.ts";
import { commands } from "./commands.ts";

function usage(): string {
  const names = Object.keys(commands).sort();
  return [
    "usage: civitas <command> [options]",
    "",
    "commands:",
    ...names.map((n) => `  ${n}`),
    "",
    "Run `civitas <command> --help` for a command's options.",
  ].join("\n");
}

/** Entry point of the `civitas` command. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    console.error(`civitas: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      console.error(`civitas: ${err.message}`);
      process.exitCode = err.exitCode;
    } else if (String((err as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS")) {
      // node:util parseArgs: an unknown option or a missing value is a usage error, not a crash.
      console.error(`civitas: ${(err as Error).message}; see \`civitas ${process.argv[2]} --help\``);
      process.exitCode = 2;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  },
);
