// The service contracts of a `civitas up` genesis, at their fixed addresses: the powers of
// attorney (registry, forwarder and the demo application desk).
import { createPowerServicesAlloc } from "../network/servicesGenesis.ts";
import type { GenesisContractAlloc } from "../network/systemContracts.ts";
import type { DemoPerson } from "./demoPeople.ts";

/** Who records in-person and notarial powers and terminations: the notary and the registry office. */
const POWER_OFFICIAL_ROLES = new Set(["bizkaia.notary", "bilbao.registry"]);

/** Genesis alloc entries of the services, with the demo people in their service roles. */
export async function serviceAlloc(
  genesis: { chainId: bigint; timestamp: number },
  people: readonly DemoPerson[],
): Promise<Readonly<Record<string, GenesisContractAlloc>>> {
  const officials = people
    .filter((p) => POWER_OFFICIAL_ROLES.has(p.organisation))
    .map((p) => p.account.address as `0x${string}`);
  return createPowerServicesAlloc(genesis.chainId, { officials }, genesis.timestamp);
}
