import type { Command } from "./command.ts";

/**
 * Every `civitas` subcommand, loaded lazily so that `civitas cert …` does not pay for
 * starting the ledger node's libraries. Add one line per command.
 */
export const commands: Record<string, () => Promise<Command>> = {
  admin: async () => (await import("./commands/admin.ts")).command,
  ca: async () => (await import("./commands/ca.ts")).command,
  cert: async () => (await import("./commands/cert.ts")).command,
  crl: async () => (await import("./commands/crl.ts")).command,
  dev: async () => (await import("./commands/dev.ts")).command,
  doc: async () => (await import("./commands/doc.ts")).command,
  election: async () => (await import("./commands/election.ts")).electionCommand,
  init: async () => (await import("./commands/init.ts")).command,
  member: async () => (await import("./commands/member.ts")).command,
  net: async () => (await import("./commands/net.ts")).command,
  node: async () => (await import("./commands/node.ts")).command,
  org: async () => (await import("./commands/org.ts")).command,
  power: async () => (await import("./commands/power.ts")).command,
  up: async () => (await import("./commands/up.ts")).command,
};
