import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import {
  type Account,
  type Address,
  type Chain,
  type Client,
  createClient,
  type PublicActions,
  type PublicRpcSchema,
  publicActions,
  type Transport,
} from "viem";
import { type RegistryActions, registryActions } from "../decorators/registryActions.ts";

export type CivitasClientConfig<
  transport extends Transport = Transport,
  chain extends Chain = Chain,
  account extends Account | undefined = Account | undefined,
> = {
  transport: transport;
  chain: chain;
  /** The sender of write actions (e.g. `privateKeyToAccount(key)`); reads need none. */
  account?: account;
  /** The identity registry's address; default the fixed genesis address `civitas init` uses. */
  registry?: Address | undefined;
  /** How often to poll for receipts, in ms (default 250: blocks come every second or so). */
  pollingInterval?: number | undefined;
};

/** A viem public client with the identity-registry actions and the registry's address. */
export type CivitasClient<
  transport extends Transport = Transport,
  chain extends Chain = Chain,
  account extends Account | undefined = Account | undefined,
> = Client<
  transport,
  chain,
  account,
  PublicRpcSchema,
  PublicActions<transport, chain, account> & RegistryActions & { registry: Address }
>;

/**
 * Creates a client for a Civitas network: viem's public actions plus the identity-registry
 * actions (`client.getPermission(...)`, `client.registerMember(...)`, ...).
 */
export function createCivitasClient<
  transport extends Transport,
  chain extends Chain,
  account extends Account | undefined = undefined,
>(config: CivitasClientConfig<transport, chain, account>): CivitasClient<transport, chain, account> {
  const registry = config.registry ?? IDENTITY_REGISTRY_ADDRESS;
  const client = createClient({
    transport: config.transport,
    chain: config.chain,
    ...(config.account !== undefined ? { account: config.account } : {}),
    key: "civitas",
    name: "Civitas Client",
    type: "civitasClient",
    pollingInterval: config.pollingInterval ?? 250,
  })
    .extend(() => ({ registry }))
    .extend(publicActions)
    .extend(registryActions);
  return client as unknown as CivitasClient<transport, chain, account>;
}
