import { type Chain, defineChain } from "viem";

export type DefineCivitasChainParameters = {
  /** The network's chain id (genesis `config.chainId`). */
  id: number;
  /** A node's JSON-RPC URL. */
  rpcUrl: string;
  /** Default `Civitas <id>`. */
  name?: string | undefined;
  /** A node's WebSocket URL, if it serves one. */
  webSocketUrl?: string | undefined;
};

/** A viem chain for a Civitas network (gas is free: price 0, but limits still apply). */
export function defineCivitasChain({ id, rpcUrl, name, webSocketUrl }: DefineCivitasChainParameters): Chain {
  return defineChain({
    id,
    name: name ?? `Civitas ${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: {
      default: { http: [rpcUrl], ...(webSocketUrl !== undefined ? { webSocket: [webSocketUrl] } : {}) },
    },
  });
}
