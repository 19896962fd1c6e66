// The demo steps `civitas up` runs once the network is up (service actions that need
// transactions), each recorded in the state file so that a second run does not repeat it, and
// the commands it then suggests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { acceptPower, createCivitasClient, defineCivitasChain, grantPower } from "@civitas/sdk";
import { type Address, type Hex, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DEMO_DOCUMENTS, documentPath, issueDemoDocuments } from "./demoDocuments.ts";
import type { DemoPersonEntry } from "./demoPeople.ts";
import type { TryCommand } from "./summary.ts";
import type { DemoStepRecord, UpState } from "./upState.ts";

/** What a demo step may use. */
export interface DemoContext {
  /** The data directory. */
  readonly dir: string;
  /** How the data directory is shown (relative to the working directory when inside it). */
  readonly shown: string;
  readonly rpcUrl: string;
  readonly chainId: number;
  /** A demo person by name. */
  person(name: string): DemoPersonEntry;
}

/** A demo step: a progress line and the action, which returns what to record. */
export interface DemoStep {
  readonly name: string;
  readonly progress: string;
  run(ctx: DemoContext): Promise<DemoStepRecord["result"]>;
}

/** A client that sends as the demo person `name` (its key from demo/keys). */
function clientOf(ctx: DemoContext, name: string) {
  const key = readFileSync(join(ctx.dir, ctx.person(name).accountKey), "utf8").trim() as Hex;
  return createCivitasClient({
    chain: defineCivitasChain({ id: ctx.chainId, rpcUrl: ctx.rpcUrl }),
    transport: http(ctx.rpcUrl, { retryCount: 0, timeout: 30_000 }),
    account: privateKeyToAccount(key),
  });
}

/** The demo power: Ane lets Jon file her income-tax return and submit its documents for a year. */
export const DEMO_POWER = {
  grantor: "ane",
  attorney: "jon",
  procedure: "bizkaia.tax/income-tax",
  actions: ["FILE_APPLICATION", "SUBMIT_DOCUMENTS", "ACCESS_FILES"],
} as const;

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** The steps, in order. */
export const DEMO_STEPS: readonly DemoStep[] = [
  {
    name: "documents",
    progress: `issuing ${DEMO_DOCUMENTS.length} official documents (${DEMO_DOCUMENTS.map((d) => `${d.kind} for ${d.holder}`).join(", ")}) and anchoring their batches`,
    run: (ctx) =>
      issueDemoDocuments({ dir: ctx.dir, chainId: ctx.chainId, clientOf: (name) => clientOf(ctx, name) }),
  },
  {
    name: "power",
    progress: `granting a power of attorney (${DEMO_POWER.grantor} → ${DEMO_POWER.attorney}, ${DEMO_POWER.procedure}) and accepting it`,
    async run(ctx) {
      const grantor = clientOf(ctx, DEMO_POWER.grantor);
      const attorney = clientOf(ctx, DEMO_POWER.attorney);
      const grant = await grantPower(grantor, {
        attorney: attorney.account.address,
        type: "PROCEDURES",
        scope: [DEMO_POWER.procedure],
        actions: DEMO_POWER.actions,
        validUntil: new Date(Date.now() + YEAR_MS),
      });
      const accept = await acceptPower(attorney, { id: grant.id });
      return {
        id: grant.id.toString(),
        grantor: grantor.account.address,
        attorney: attorney.account.address,
        procedure: DEMO_POWER.procedure,
        grantTransaction: grant.hash,
        acceptTransaction: accept.hash,
      };
    },
  },
];

/** A context over the state's people. */
export function demoContext(dir: string, shown: string, rpcUrl: string, state: UpState): DemoContext {
  return {
    dir,
    shown,
    rpcUrl,
    chainId: state.chainId,
    person(name) {
      const p = state.people.find((q) => q.name === name);
      if (p === undefined) throw new Error(`the demo has no person named ${name}`);
      return p;
    },
  };
}

/**
 * Three commands that work as printed against this network: a citizen in the registry, then the
 * demo's power and document when they were made and the CLI has the command, else more registry
 * and chain look-ups.
 */
export async function tryCommands(
  ctx: DemoContext,
  state: UpState,
  developer: Address,
): Promise<TryCommand[]> {
  const { commands } = await import("../commands.ts");
  const rpc = `--rpc ${ctx.rpcUrl}`;
  const height = {
    shows: "the chain's height (Foundry's cast works unchanged)",
    command: `npx cast block-number --rpc-url ${ctx.rpcUrl}`,
  };
  if (!state.demo)
    return [
      height,
      { shows: "the demo developers' organisation", command: `npx civitas org show civitas.demo ${rpc}` },
      {
        shows: "a developer account in the identity registry",
        command: `npx civitas member show ${developer} ${rpc}`,
      },
    ];
  const ane = ctx.person("ane");
  const out: TryCommand[] = [
    {
      shows: "a citizen in the identity registry: access level, organisation, role, certificate",
      command: `npx civitas member show ${ane.address} ${rpc}`,
    },
  ];
  const residence = DEMO_DOCUMENTS.find((d) => d.kind === "residence")!;
  if (state.steps["documents"] !== undefined && "doc" in commands)
    out.push({
      shows: `verify ${residence.holder}'s residence certificate: signature, Merkle proof, anchor, issuer accreditation and key, status, validity`,
      command: `npx civitas doc verify ${join(ctx.shown, documentPath(residence))} ${rpc}`,
    });
  const power = state.steps["power"]?.result;
  if (power !== undefined && "power" in commands)
    out.push({
      shows: `may ${DEMO_POWER.attorney} file ${DEMO_POWER.grantor}'s ${DEMO_POWER.procedure} application? (power ${power["id"]})`,
      command: `npx civitas power check --grantor ${power["grantor"]} --attorney ${power["attorney"]} --procedure ${DEMO_POWER.procedure} --action file-application ${rpc}`,
    });
  out.push(
    {
      shows: "the city registry office in the identity registry",
      command: `npx civitas org show bilbao.registry ${rpc}`,
    },
    height,
  );
  return out.slice(0, 3);
}
