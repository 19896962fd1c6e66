// Drives a PeerNetwork running in a child process (support/peerProcess.ts): start it, send it
// commands, wait for its events and log records.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { PeerProcessConfig } from "./peerProcess.ts";

export interface Line {
  event?: string;
  tag?: string;
  msg?: string;
  /** An error code (requestFailed) or a consensus message code (consensus). */
  code?: string | number;
  reason?: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON lines of several shapes, checked by the tests
  [key: string]: any;
}

const WAIT_MS = 20_000;

/** A peer process and everything it has printed. */
export class PeerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly lines: Line[] = [];
  readonly exited: Promise<number | null>;
  port = 0;
  id = "";
  #waiters = new Set<() => void>();
  #tags = 0;

  private constructor(name: string, child: ChildProcess) {
    this.name = name;
    this.child = child;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      let parsed: Line;
      try {
        parsed = JSON.parse(line) as Line;
      } catch {
        parsed = { event: "unparsed", text: line };
      }
      this.lines.push(parsed);
      for (const w of [...this.#waiters]) w();
    });
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /** Starts a peer process from a config (written to a file in `dir`) and waits until it listens. */
  static async start(name: string, dir: string, config: PeerProcessConfig): Promise<PeerProcess> {
    const path = join(dir, `${name}-${Date.now()}.json`);
    writeFileSync(path, JSON.stringify(config));
    const child = spawn(process.execPath, [join(import.meta.dirname, "peerProcess.ts"), path], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const p = new PeerProcess(name, child);
    const listening = await p.waitFor((l) => l.event === "listening");
    p.port = listening["port"] as number;
    p.id = listening["id"] as string;
    return p;
  }

  /** The first line (from `since`) matching `pred`, waiting for it if need be. */
  waitFor(pred: (l: Line) => boolean, since = 0, timeoutMs = WAIT_MS): Promise<Line> {
    return new Promise((resolve, reject) => {
      const find = (): Line | undefined => this.lines.slice(since).find(pred);
      const now = find();
      if (now !== undefined) {
        resolve(now);
        return;
      }
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`${this.name}: timed out; last lines: ${JSON.stringify(this.lines.slice(-15))}`));
      }, timeoutMs);
      const check = (): void => {
        const l = find();
        if (l !== undefined) {
          clearTimeout(timer);
          this.#waiters.delete(check);
          resolve(l);
        }
      };
      this.#waiters.add(check);
    });
  }

  send(command: object): void {
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  /** Sends a command and waits for the event answering it. */
  ask(command: object): Promise<Line> {
    const tag = `t${++this.#tags}`;
    const since = this.lines.length;
    this.send({ ...command, tag });
    return this.waitFor((l) => l.tag === tag, since);
  }

  async peerIds(): Promise<string[]> {
    const answer = await this.ask({ cmd: "peers" });
    return (answer["peers"] as Array<{ id: string }>).map((p) => p.id).sort();
  }

  /** Polls until `pred` holds for the connected peers' ids. */
  async waitForPeers(pred: (ids: string[]) => boolean): Promise<string[]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const ids = await this.peerIds();
      if (pred(ids)) return ids;
      if (Date.now() > deadline) throw new Error(`${this.name}: peers still ${JSON.stringify(ids)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    return this.exited;
  }
}
