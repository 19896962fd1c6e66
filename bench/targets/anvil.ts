import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChainSpec } from "./civitas.ts";
import { freePort, type RunningTarget, startProcess } from "./target.ts";

const ANVIL_BIN = join(import.meta.dirname, "..", "..", "node_modules", ".bin", "anvil");

/** A geth-style genesis for `anvil --init`, funding the same accounts as the Civitas genesis. */
export function anvilGenesis(spec: ChainSpec): Record<string, unknown> {
  const balance = `0x${spec.balanceWei.toString(16)}`;
  return {
    config: { chainId: spec.chainId },
    nonce: "0x0",
    timestamp: `0x${Math.floor(Date.now() / 1000).toString(16)}`,
    gasLimit: `0x${spec.gasLimit.toString(16)}`,
    difficulty: "0x0",
    baseFeePerGas: "0x0",
    alloc: Object.fromEntries(spec.funded.map((a) => [a.address, { balance }])),
  };
}

/** Starts anvil with 1-second blocks, zero fees and the benchmark accounts funded at genesis. */
export async function startAnvil(spec: ChainSpec): Promise<RunningTarget> {
  const dir = mkdtempSync(join(tmpdir(), "anvil-bench-"));
  const genesisPath = join(dir, "genesis.json");
  writeFileSync(genesisPath, JSON.stringify(anvilGenesis(spec)));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    "--port",
    String(port),
    "--chain-id",
    String(spec.chainId),
    "--block-time",
    "1",
    "--base-fee",
    "0",
    "--gas-price",
    "0",
    "--gas-limit",
    spec.gasLimit.toString(),
    "--accounts",
    "0",
    "--init",
    genesisPath,
    "--quiet",
  ];
  const started = await startProcess(ANVIL_BIN, args, url, join(dir, "anvil.log"), 300_000);
  return {
    name: "anvil",
    url,
    pids: started.child.pid === undefined ? [] : [started.child.pid],
    async stop() {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
