import { readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  formatReport,
  parseElectionRecord,
  STREAMED_RECORD_FILE,
  streamFilePath,
  type VerifyProgress,
  verifyElectionRecord,
} from "@civitas/voting";
import { CliError, type Command } from "../command.ts";

const HELP = `usage: civitas election verify RECORD [--workers N] [--json] [--progress]

Verifies a public election record step by step (V1–V13) and prints a report and a final
verdict. Exit code 0 when the record is valid, 1 when it is not.

RECORD is a single JSON document, or a streamed record: its directory (record.json and the
credential and ballot files it names, as JSON lines) or its record.json. Streamed files are
read from disk with bounded memory, so records of millions of ballots verify.

options:
  --workers N   worker threads for ballot checks (default: available cores)
  --json        print the report as JSON instead of text
  --progress    print progress (ballots, ballots/s, time left) on stderr even when stderr
                is not a terminal (it always is shown on a terminal)
  -h, --help    show this help`;

/** One progress line: pass, ballots done, rate and the time left when the total is known. */
function progressLine(p: VerifyProgress): string {
  const rate = p.seconds > 0 ? p.done / p.seconds : 0;
  const of = p.total === undefined ? "" : ` / ${p.total}`;
  const left = p.total !== undefined && rate > 0 ? `, ${formatSeconds((p.total - p.done) / rate)} left` : "";
  const what = p.phase === "read" ? "reading ballots" : "checking ballots";
  return `${what}: ${p.done}${of} (${rate.toFixed(0)}/s${left})`;
}

function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  return `${h > 0 ? `${h}h ` : ""}${m}m ${String(t % 60).padStart(2, "0")}s`;
}

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
        progress: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const [sub, given, ...rest] = positionals;
    if (sub !== "verify" || given === undefined || rest.length > 0)
      throw new CliError(`expected 'verify RECORD'\n\n${HELP}`, 2);
    const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1)
      throw new CliError("--workers must be a positive integer", 2);
    let path = given;
    let text: string;
    try {
      if ((await stat(path)).isDirectory()) path = join(path, STREAMED_RECORD_FILE);
      text = await readFile(path, "utf8");
    } catch (err) {
      throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
    }
    let record: ReturnType<typeof parseElectionRecord>;
    let ballotFile: string | undefined;
    let credentialFile: string | undefined;
    try {
      record = parseElectionRecord(text);
      if ("ballotStream" in record && record.ballotStream !== undefined)
        ballotFile = streamFilePath(path, record.ballotStream.file);
      if ("credentialStream" in record && record.credentialStream !== undefined)
        credentialFile = streamFilePath(path, record.credentialStream.file);
    } catch (err) {
      throw new CliError(`${path} is not an election record: ${(err as Error).message}`);
    }
    const showProgress = values.progress === true || process.stderr.isTTY === true;
    let lastShown = 0;
    const onProgress = showProgress
      ? (p: VerifyProgress) => {
          const now = Date.now();
          if (now - lastShown < 1000 && p.done !== p.total) return;
          lastShown = now;
          process.stderr.write(process.stderr.isTTY ? `\r${progressLine(p)}\x1b[K` : `${progressLine(p)}\n`);
        }
      : undefined;
    const report = await verifyElectionRecord(record, { workers, ballotFile, credentialFile, onProgress });
    if (showProgress && process.stderr.isTTY) process.stderr.write("\n");
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.verdict === "valid" ? 0 : 1;
  },
};
