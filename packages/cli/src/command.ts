/** A `civitas` subcommand: parses its own arguments and returns the process exit code. */
export interface Command {
  /** The word after `civitas`, e.g. `dev` or `cert`. */
  readonly name: string;
  /** One line for `civitas help`. */
  readonly summary: string;
  run(args: string[]): Promise<number>;
}

/** An error meant for the person at the terminal: printed without a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}
