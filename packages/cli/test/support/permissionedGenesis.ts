// A one-validator genesis with permissioning on: `registry` (an alloc entry) at the identity
// registry's address, 1-second blocks, written as DIR/genesis.json.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { createDevGenesis } from "@civitas/node";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export function writePermissionedGenesis(
  dir: string,
  o: { chainId: number; validator: string; registry: unknown; timestamp: number },
): string {
  const genesis = createDevGenesis({
    chainId: o.chainId,
    validators: [o.validator],
    accounts: [],
    balanceWei: 0n,
    blockPeriodSeconds: 1,
    emptyBlockPeriodSeconds: 1,
    gasLimit: 100_000_000n,
    timestamp: o.timestamp,
  }) as { config: Record<string, unknown>; alloc: Record<string, unknown> };
  genesis.alloc[IDENTITY_REGISTRY_ADDRESS.toLowerCase()] = o.registry;
  genesis.config["permissioning"] = { identityRegistry: IDENTITY_REGISTRY_ADDRESS };
  const path = join(dir, "genesis.json");
  writeFileSync(path, JSON.stringify(genesis));
  return path;
}

/** A zero-fee EIP-1559 transaction signed by `privateKey`, as raw hex (no `to`: a contract creation). */
export function signZeroFeeTransaction(
  privateKey: Hex,
  o: { chainId: number; nonce: number; to: `0x${string}` | undefined; data: Hex },
): Promise<Hex> {
  return privateKeyToAccount(privateKey).signTransaction({
    chainId: o.chainId,
    type: "eip1559",
    nonce: o.nonce,
    ...(o.to ? { to: o.to } : {}),
    data: o.data,
    gas: 3_000_000n,
    maxFeePerGas: 0n,
    maxPriorityFeePerGas: 0n,
  });
}
