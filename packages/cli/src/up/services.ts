// The service contracts of a `civitas up` genesis, at their fixed addresses: the powers of
// attorney (registry, forwarder, the demo application desk) and the official documents (trusted
// issuers, document registry), with the demo people in their service roles.
import type { Address } from "viem";
import { createDocumentsAlloc } from "../network/documentsGenesis.ts";
import { createPowerServicesAlloc } from "../network/servicesGenesis.ts";
import type { GenesisContractAlloc } from "../network/systemContracts.ts";
import { accreditingBody, createDemoIssuers } from "./demoDocuments.ts";
import { DEMO_ORGANISATIONS } from "./demoOrganisations.ts";
import type { DemoPerson } from "./demoPeople.ts";

/** Who records in-person and notarial powers and terminations: the notary and the registry office. */
const POWER_OFFICIALS: ReadonlySet<string> = new Set([
  DEMO_ORGANISATIONS.notary.id,
  DEMO_ORGANISATIONS.registryOffice.id,
]);

/** The genesis identity registry the services' setup runs against. */
export interface GenesisRegistry {
  readonly alloc: GenesisContractAlloc;
  /** As many network admins as its quorum. */
  readonly admins: readonly Address[];
}

/**
 * Genesis alloc entries of the services. With demo people (written under `dir`): the notary and
 * the registry clerk are officials of the powers registry, the government's official is the
 * accrediting body, and the registry office, the school and the tax office are accredited issuers
 * with keys.
 */
export async function serviceAlloc(
  dir: string,
  genesis: { chainId: bigint; timestamp: number },
  people: readonly DemoPerson[],
  registry: GenesisRegistry,
): Promise<Readonly<Record<string, GenesisContractAlloc>>> {
  const officials = people
    .filter((p) => POWER_OFFICIALS.has(p.organisation))
    .map((p) => p.account.address as Address);
  const powers = await createPowerServicesAlloc(genesis.chainId, { officials }, genesis.timestamp);
  const documents = await createDocumentsAlloc(genesis.chainId, {
    timestamp: genesis.timestamp,
    ...(people.length === 0
      ? {}
      : {
          setup: {
            registry: registry.alloc,
            admins: registry.admins,
            accreditingBodies: [accreditingBody(people)],
            issuers: await createDemoIssuers(dir, people, genesis.timestamp),
          },
        }),
  });
  return { ...powers, ...documents };
}
