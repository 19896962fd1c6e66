// Creates the network of a `civitas up` data directory: CA, validators, a genesis with the system
// contracts, services and demo registrations, the demo people's keys and the state file. It is
// made in a sibling directory and renamed into place, so a data directory either holds a whole
// network or none (an interrupted creation leaves only the sibling, removed by the next run).
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Address } from "viem";
import { createNetwork, type NetworkPlan } from "../network/createNetwork.ts";
import { createDemoRegistryAlloc, type GenesisMember } from "../network/genesisMembers.ts";
import type { NetworkManifest } from "../network/manifest.ts";
import { demoIssuers } from "./demoDocuments.ts";
import { createDemoPeople, demoRegistryAlloc, writeDemoPeople } from "./demoPeople.ts";
import type { PortBases } from "./ports.ts";
import { type GenesisRegistry, serviceAlloc } from "./services.ts";
import { UP_STATE_VERSION, type UpState, writeUpState } from "./upState.ts";

/** What `civitas up` creates. */
export interface UpNetworkPlan {
  readonly validators: number;
  readonly host: string;
  readonly ports: PortBases;
  /** Register the demo organisations and people in the genesis. */
  readonly demo: boolean;
}

/** The chain id of a `civitas up` network (as `civitas init` and `civitas dev`). */
export const UP_CHAIN_ID = 1337;
/** Funded developer accounts (members of civitas.demo who may deploy), keys in accounts.json. */
const DEVELOPER_ACCOUNTS = 2;

/** Creates the network in `dir` (absent or empty) and returns its manifest and state. */
export async function createUpNetwork(
  dir: string,
  plan: UpNetworkPlan,
  progress: (line: string) => void,
): Promise<{ manifest: NetworkManifest; state: UpState }> {
  const partial = join(dirname(dir), `.${basename(dir)}.partial`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  const people = plan.demo ? createDemoPeople() : [];
  const issued: GenesisMember[] = [];
  // The services' genesis setup runs against the registry's genesis state (made first).
  const registryOf = plan.demo ? demoRegistryAlloc(people, issued) : createDemoRegistryAlloc;
  let registry: GenesisRegistry | undefined;
  const networkPlan: NetworkPlan = {
    validators: plan.validators,
    replicas: 0,
    chainId: UP_CHAIN_ID,
    blockPeriodSeconds: 1,
    // Short idle blocks, so a newcomer sees the chain (and every validator) move.
    emptyBlockPeriodSeconds: 2,
    accounts: DEVELOPER_ACCOUNTS,
    host: plan.host,
    p2pPortBase: plan.ports.p2p,
    rpcPortBase: plan.ports.rpc,
    metricsPortBase: plan.ports.metrics,
    registryAlloc: async (p) => {
      progress(
        plan.demo
          ? `registering the demo organisations, roles and ${people.length} people (person certificates from the CA) in the genesis identity registry…`
          : "placing the identity registry in the genesis…",
      );
      const made = await registryOf(p);
      registry = { alloc: made.alloc, admins: p.admins.slice(0, p.quorum).map((a) => a.address as Address) };
      return made;
    },
    extraAlloc: (genesis) => {
      if (registry === undefined) throw new Error("the identity registry's genesis entry is made first");
      progress(
        `placing the services in the genesis: powers of attorney, trusted issuers${plan.demo ? ` (${demoIssuers().join(", ")}: accredited, with keys)` : ""}, document registry…`,
      );
      return serviceAlloc(partial, genesis, people, registry);
    },
  };
  progress(`creating the CA (root and intermediate) and ${plan.validators} validator keys and certificates…`);
  try {
    const manifest = await createNetwork(partial, networkPlan);
    const entries = plan.demo ? await writeDemoPeople(partial, people, issued) : [];
    const state: UpState = {
      format: "civitas-up",
      version: UP_STATE_VERSION,
      createdAt: manifest.createdAt,
      chainId: manifest.chainId,
      validators: plan.validators,
      demo: plan.demo,
      people: entries,
      steps: {},
    };
    writeUpState(partial, state);
    // An empty directory is replaced by the rename; a non-empty one was refused before.
    if (readdirIfExists(dir)?.length === 0) rmSync(dir, { recursive: true });
    renameSync(partial, dir);
    return { manifest, state };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

function readdirIfExists(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}
