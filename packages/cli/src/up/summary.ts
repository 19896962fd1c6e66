// What `civitas up` prints once the platform is up: endpoints, where the demo keys are, and
// commands a newcomer can copy and paste.
import { isAbsolute, join, relative } from "node:path";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { NETWORK_FILES, type NetworkManifest } from "../network/manifest.ts";
import { DEMO_FILES, DEMO_ORGANISATIONS } from "./demoOrganisations.ts";
import type { UpState } from "./upState.ts";

/** How a path is shown: relative to the working directory when inside it, else absolute. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** A command a newcomer can run as printed, and what it shows. */
export interface TryCommand {
  readonly command: string;
  readonly shows: string;
}

/** The lines of the summary. */
export function summaryLines(
  dir: string,
  manifest: NetworkManifest,
  state: UpState,
  height: number,
  tryCommands: readonly TryCommand[],
): string[] {
  const shown = shownPath(dir);
  const at = (p: string) => join(shown, p);
  const byOrganisation = new Map<string, string[]>();
  for (const p of state.people)
    byOrganisation.set(p.organisation, [...(byOrganisation.get(p.organisation) ?? []), p.name]);
  const width = Math.max(...manifest.nodes.map((n) => n.name.length));
  return [
    "",
    `Civitas is up: ${manifest.nodes.length} validators, chain id ${manifest.chainId}, block ${height}. Data directory: ${shown}`,
    "",
    "JSON-RPC endpoints (HTTP and WebSocket on the same port):",
    ...manifest.nodes.map(
      (n) => `  ${n.name.padEnd(width)}  ${n.rpcUrl}   validator ${n.validatorAddress ?? "-"}`,
    ),
    `Identity registry: ${IDENTITY_REGISTRY_ADDRESS} (in the genesis; the nodes accept transactions from its members only)`,
    ...(state.demo
      ? [
          "",
          "Demo organisations and people (registered in the genesis, with person certificates from the network's CA):",
          ...Object.values(DEMO_ORGANISATIONS).map(
            (o) =>
              `  ${o.id.padEnd(16)} ${o.description.padEnd(21)} role ${o.role.padEnd(9)} ${(byOrganisation.get(o.id) ?? []).join(", ")}`,
          ),
        ]
      : []),
    "",
    "Demo keys:",
    ...(state.demo
      ? [
          `  ${at(DEMO_FILES.people)}  who is who: name, organisation, role, address, key files`,
          `  ${at(DEMO_FILES.keys)}/<name>.key  account keys (use with --key)`,
          `  ${at(DEMO_FILES.certificates)}/<name>.pem  person certificates (and their keys, <name>.key)`,
          `  ${at(DEMO_FILES.issuers)}/<organisation>.jwk  document issuers' signing keys (civitas doc issue --issuer-key)`,
          `  ${at(DEMO_FILES.documents)}/  the documents issued to the citizens (civitas doc verify FILE)`,
        ]
      : []),
    `  ${at(NETWORK_FILES.accounts)}  funded developer accounts (may deploy contracts)`,
    `  ${at(NETWORK_FILES.admins)}  network admins and the registrar (use with --key … --as admin1 | registrar)`,
    `  ${at(NETWORK_FILES.ca)}  the network's CA (passphrase in ${at(NETWORK_FILES.passphrase)})`,
    "",
    "Try:",
    ...tryCommands.flatMap((t) => [`  # ${t.shows}`, `  $ ${t.command}`]),
    "",
    `Node logs: ${at(NETWORK_FILES.nodes)}/<name>/node.log. Press Ctrl-C to stop; run it again to continue this network.`,
  ];
}
