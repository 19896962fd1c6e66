import { parseArgs } from "node:util";
import { createLedgerNode, createLogger, type LedgerNode, loadNodeConfig, NodeError } from "@civitas/node";
import { CliError, type Command } from "../command.ts";
import { hostPort } from "../network/manifest.ts";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

const HELP = `usage: civitas node --config FILE [--log-level LEVEL]

Runs one ledger node of a network, as described by its config file (JSON; \`civitas init\` writes
one per node, and README.md, "Running a network", describes its fields): a validator when the
config names a validator key, otherwise a node that follows the chain and serves reads.
Prints one line when the node is ready; logs go to stderr as JSON lines. Ctrl-C (SIGINT) or
SIGTERM stops it cleanly; during start-up (writing a large genesis, rebuilding the flat state
index) it ends at once, by the signal (status 130 or 143), and the next start takes over.

  --config FILE       the node's config file
  --log-level LEVEL   ${LOG_LEVELS.join(", ")} (default info, or $CIVITAS_LOG_LEVEL)`;

/** Exit codes of a stop by signal, as a shell reports them (128 + the signal number). */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_CODES;

/**
 * Ends the process at once, killed by `signal` as if it had no handler (a shell reports 128 + its
 * number): the default action is restored and the signal raised again, so nothing runs after it.
 * Not process.exit(): called while the main thread is busy (writing a large genesis, V8 compiling
 * and collecting beside it), its teardown can wait forever on V8's background threads
 * (nodejs/node#54918). Only if the signal is ignored (inherited SIG_IGN) does it exit the usual way.
 */
function endBySignal(signal: StopSignal): never {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  process.exit(EXIT_CODES[signal]);
}

/**
 * Resolves on the first SIGINT or SIGTERM, or when the supervising process (`civitas net up`,
 * connected by IPC) goes away; a second signal while stopping exits at once. One that comes while
 * the node is still starting (`starting()` true: writing a large genesis, rebuilding its flat
 * index) exits at once too, instead of after a start-up that can take minutes: every write is a
 * transaction, so the next start takes over where this one stopped.
 */
function stopSignal(starting: () => boolean): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: StopSignal | "supervisor gone") => {
      if (starting()) {
        console.log(`civitas node: ${signal} during start-up, exiting now; the next start resumes it`);
        // The supervisor gone, the stop it would have sent (SIGTERM).
        endBySignal(signal === "supervisor gone" ? "SIGTERM" : signal);
      }
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      process.off("disconnect", supervisorGone);
      process.once("SIGINT", () => endBySignal("SIGINT"));
      process.once("SIGTERM", () => endBySignal("SIGTERM"));
      done(signal);
    };
    const supervisorGone = () => stop("supervisor gone");
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (process.channel) {
      process.once("disconnect", supervisorGone);
      process.channel.unref();
    }
  });
}

/** `civitas node`: one node of a network, from its config file. */
export const command: Command = {
  name: "node",
  summary: "run one node of a network from its config file",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        config: { type: "string" },
        "log-level": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (values.config === undefined || values.config === "")
      throw new CliError("missing --config FILE (the node's config file)", 2);
    const level = values["log-level"] ?? process.env["CIVITAS_LOG_LEVEL"] ?? "info";
    if (!LOG_LEVELS.includes(level))
      throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(", ")}, got '${level}'`, 2);
    let started = false;
    const stopped = stopSignal(() => !started);
    let node: LedgerNode;
    let name: string;
    let config: Awaited<ReturnType<typeof loadNodeConfig>>;
    try {
      config = await loadNodeConfig(values.config);
      name = config.name;
      node = await createLedgerNode({ ...config, logger: createLogger(level).child({ node: name }) });
      started = true;
    } catch (err) {
      if (err instanceof NodeError) throw new CliError(err.message);
      throw err;
    }
    // The ports actually bound (a config may ask for port 0).
    const p2p =
      config.p2p && node.network
        ? `p2p ${config.p2p.advertise ?? hostPort(config.p2p.host, node.network.port)}`
        : "no p2p";
    const metrics = node.metrics ? `, metrics ${node.metrics.url}` : "";
    console.log(
      `civitas node ${name} ready (${config.validatorKey ? `validator ${config.validatorKey.address}` : "read replica"}, head ${node.chain.head.block.header.number}): rpc ${node.rpc.url}, ${p2p}${metrics}`,
    );
    const signal = await Promise.race([stopped, node.failed]);
    if (signal instanceof Error) {
      await node.close();
      throw new CliError(`${name} stopped: ${signal.message}`);
    }
    console.log(`${name}: ${signal}, stopping…`);
    await node.close();
    console.log(`${name}: stopped cleanly`);
    if (process.connected) process.disconnect();
    return 0;
  },
};
