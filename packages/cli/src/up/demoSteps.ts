// The demo steps `civitas up` runs once the network is up (service actions that need
// transactions), each recorded in the state file so that a second run does not repeat it, and
// the commands it then suggests.
import type { Address } from "viem";
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

/** The steps, in order. */
export const DEMO_STEPS: readonly DemoStep[] = [];

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

/** Three commands that work as printed against this network. */
export function tryCommands(ctx: DemoContext, state: UpState, developer: Address): TryCommand[] {
  const rpc = `--rpc ${ctx.rpcUrl}`;
  if (!state.demo)
    return [
      {
        shows: "the chain's height (Foundry's cast works unchanged)",
        command: `npx cast block-number --rpc-url ${ctx.rpcUrl}`,
      },
      { shows: "the demo developers' organisation", command: `npx civitas org show civitas.demo ${rpc}` },
      {
        shows: "a developer account in the identity registry",
        command: `npx civitas member show ${developer} ${rpc}`,
      },
    ];
  const ane = ctx.person("ane");
  return [
    {
      shows: "a citizen in the identity registry: access level, organisation, role, certificate",
      command: `npx civitas member show ${ane.address} ${rpc}`,
    },
    {
      shows: "the city registry office in the identity registry",
      command: `npx civitas org show bilbao.registry ${rpc}`,
    },
    {
      shows: "the chain's height (Foundry's cast works unchanged)",
      command: `npx cast block-number --rpc-url ${ctx.rpcUrl}`,
    },
  ];
}
