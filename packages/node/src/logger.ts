import { type Logger, pino } from "pino";

export type { Logger };

/** The node's root logger: structured JSON on stderr (stdout stays free for the CLI's own output). */
export function createLogger(level: string = process.env["CIVITAS_LOG_LEVEL"] ?? "info"): Logger {
  return pino({ level, base: { svc: "civitas-node" } }, pino.destination(2));
}
