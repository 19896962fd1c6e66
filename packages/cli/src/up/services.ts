// The service contracts of a `civitas up` genesis, at their fixed addresses.
import type { GenesisContractAlloc } from "../network/systemContracts.ts";
import type { DemoPerson } from "./demoPeople.ts";

/** Genesis alloc entries of the services (none yet besides the identity registry). */
export async function serviceAlloc(
  _genesis: { chainId: bigint; timestamp: number },
  _people: readonly DemoPerson[],
): Promise<Readonly<Record<string, GenesisContractAlloc>>> {
  return {};
}
