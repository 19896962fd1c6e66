// Runs `civitas dev` as a real child process, the way a person or a client library meets it:
// a fresh temporary data directory, an RPC port the operating system picks (the CLI prints the
// URL it bound), and a stop by SIGINT (Ctrl-C) or SIGKILL (`kill -9`).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The CLI entry point, run with the same (pinned) Node as the tests. */
export const CLI_MAIN = join(import.meta.dirname, "..", "..", "..", "cli", "src", "main.ts");

// Generous bounds for a shared 2-core machine: they only turn a hang into a clear error.
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** A funded demo account from DIR/dev-accounts.json. */
export interface DevAccount {
  readonly address: `0x${string}`;
  readonly privateKey: `0x${string}`;
}

/** How a child process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Options for starting a dev node; a restart reuses them with the same data directory. */
export interface DevNodeOptions {
  /** An existing data directory to continue; default: a new temporary one. */
  readonly dataDir?: string;
  /** Demo accounts funded on a new chain (default 10). */
  readonly accounts?: number;
  /** Seconds between blocks when idle (default 1, so watchers see blocks without traffic). */
  readonly emptyBlockPeriod?: number;
  /** `--state-history`: blocks of state kept (default: the node's). */
  readonly stateHistory?: number;
}

/** A new empty temporary directory for a test's data. */
export function makeTempDir(prefix = "civitas-e2e-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a test's temporary directory. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function exitOf(child: ChildProcess): Promise<ProcessExit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

async function answersRpc(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    });
    const body = (await res.json()) as { result?: unknown };
    return typeof body.result === "string";
  } catch {
    return false;
  }
}

/** A running `civitas dev` process. */
export class DevNodeProcess {
  readonly dataDir: string;
  readonly url: string;
  readonly wsUrl: string;
  readonly chainId: number;
  readonly accounts: readonly DevAccount[];
  readonly options: DevNodeOptions;
  readonly #child: ChildProcess;
  readonly #exit: Promise<ProcessExit>;
  readonly #output: { stdout: string; stderr: string };

  private constructor(
    init: { dataDir: string; url: string; wsUrl: string; options: DevNodeOptions },
    child: ChildProcess,
    exit: Promise<ProcessExit>,
    output: { stdout: string; stderr: string },
  ) {
    this.dataDir = init.dataDir;
    this.url = init.url;
    this.wsUrl = init.wsUrl;
    this.options = init.options;
    this.#child = child;
    this.#exit = exit;
    this.#output = output;
    const devAccounts = JSON.parse(readFileSync(join(init.dataDir, "dev-accounts.json"), "utf8")) as {
      chainId: number;
      accounts: DevAccount[];
    };
    this.chainId = devAccounts.chainId;
    this.accounts = devAccounts.accounts;
  }

  /** Starts `civitas dev` and resolves once its JSON-RPC endpoint answers. */
  static async start(options: DevNodeOptions = {}): Promise<DevNodeProcess> {
    const dataDir = options.dataDir ?? makeTempDir();
    const args = [
      CLI_MAIN,
      "dev",
      "--datadir",
      dataDir,
      "--rpc-port",
      "0",
      "--block-period",
      "1",
      "--empty-block-period",
      String(options.emptyBlockPeriod ?? 1),
      "--accounts",
      String(options.accounts ?? 10),
      ...(options.stateHistory !== undefined ? ["--state-history", String(options.stateHistory)] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const output = { stdout: "", stderr: "" };
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      output.stdout += chunk;
    });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      output.stderr += chunk;
    });
    const exit = exitOf(child);
    const deadline = Date.now() + START_TIMEOUT_MS;
    let urls: { url: string; wsUrl: string } | undefined;
    let exited = false;
    void exit.then(() => {
      exited = true;
    });
    while (urls === undefined) {
      const http = /JSON-RPC \(HTTP\): (\S+)/.exec(output.stdout);
      const ws = /JSON-RPC \(WS\): +(\S+)/.exec(output.stdout);
      if (http && ws) urls = { url: http[1]!, wsUrl: ws[1]! };
      else if (exited || Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(
          `civitas dev did not start (${exited ? "it exited" : "timed out"}):\n${output.stdout}\n${output.stderr}`,
        );
      } else await new Promise((r) => setTimeout(r, 25));
    }
    while (!(await answersRpc(urls.url))) {
      if (exited || Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`civitas dev printed ${urls.url} but does not answer:\n${output.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return new DevNodeProcess({ dataDir, ...urls, options }, child, exit, output);
  }

  /** What the process printed on stdout so far. */
  get stdout(): string {
    return this.#output.stdout;
  }

  /** What the process logged on stderr so far (JSON lines). */
  get stderr(): string {
    return this.#output.stderr;
  }

  /** Sends `signal` and waits for the process to exit. */
  async stop(signal: "SIGINT" | "SIGTERM" | "SIGKILL" = "SIGINT"): Promise<ProcessExit> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#child.kill("SIGKILL");
        reject(new Error(`civitas dev did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}`));
      }, STOP_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.#exit, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts a new process on the same data directory (the old one must have exited). */
  restart(): Promise<DevNodeProcess> {
    return DevNodeProcess.start({ ...this.options, dataDir: this.dataDir });
  }
}

/** Output and exit status of a CLI run that is expected to end by itself. */
export interface CliRun extends ProcessExit {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `civitas ARGS…` to completion (killed after `timeoutMs`, which fails the run). */
export function runCli(args: readonly string[], timeoutMs = 60_000): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`civitas ${args.join(" ")} did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
