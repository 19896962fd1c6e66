// The identity registry scale benchmark: `npm run bench:registry -- --help`. It prints figures;
// it never fails on speed.
import { cpus, loadavg } from "node:os";
import { BenchUsageError } from "../options.ts";
import { parseScaleArgs, type ScaleOptions, USAGE } from "./options.ts";
import { formatScaleReport } from "./report.ts";
import { runRegistryScale } from "./scale.ts";

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function machine(): string {
  const [l1, l5] = loadavg();
  return `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), node ${process.version}, load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1 / 5 min)`;
}

async function main(): Promise<number> {
  let options: ScaleOptions;
  try {
    options = parseScaleArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof BenchUsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    say(USAGE);
    return 0;
  }
  // Other work on the machine changes every figure: the load is printed before and after.
  say(`machine: ${machine()}`);
  // Ctrl-C stops the run cleanly: the nodes are stopped and the network removed (unless --keep).
  const abort = new AbortController();
  const onSignal = () => {
    say("interrupted: stopping the nodes…");
    abort.abort(new Error("interrupted"));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const report = await runRegistryScale(options, { say, signal: abort.signal });
    say("");
    say(formatScaleReport(report));
    say(`machine at the end: ${machine()}`);
    return 0;
  } catch (err) {
    process.stderr.write(`registry benchmark failed: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
