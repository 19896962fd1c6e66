import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { formatReport, parseElectionRecord, verifyElectionRecord } from "@civitas/voting";
import { CliError, type Command } from "../command.ts";

const HELP = `usage: civitas election verify RECORD [--workers N] [--json]

Verifies a public election record (JSON) step by step (V1–V13) and prints a report
and a final verdict. Exit code 0 when the record is valid, 1 when it is not.

options:
  --workers N   worker threads for ballot checks (default: available cores)
  --json        print the report as JSON instead of text
  -h, --help    show this help`;

/** `civitas election verify RECORD`: the standalone election verifier. */
export const electionCommand: Command = {
  name: "election",
  summary: "verify a public election record (ballots, proofs, tally)",
  async run(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        workers: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const [sub, path, ...rest] = positionals;
    if (sub !== "verify" || path === undefined || rest.length > 0)
      throw new CliError(`expected 'verify RECORD'\n\n${HELP}`, 2);
    const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1)
      throw new CliError("--workers must be a positive integer", 2);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
    }
    let record: ReturnType<typeof parseElectionRecord>;
    try {
      record = parseElectionRecord(text);
    } catch (err) {
      throw new CliError(`${path} is not an election record: ${(err as Error).message}`);
    }
    const report = await verifyElectionRecord(record, { workers });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.verdict === "valid" ? 0 : 1;
  },
};
