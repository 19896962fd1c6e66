import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { createAccountKey, createDevGenesis } from "@civitas/node";
import { CertificateAuthority, certificateFingerprint } from "@civitas/pki";
import { createDemoRegistryAlloc, PERMISSIONING } from "../../packages/cli/src/network/genesisMembers.ts";
import type { BenchAccount } from "../accounts.ts";
import { freePort, type RunningTarget, startProcess } from "./target.ts";

/** Chain parameters shared by both targets. */
export interface ChainSpec {
  readonly chainId: number;
  readonly gasLimit: bigint;
  readonly balanceWei: bigint;
  /** Every funded account (workload senders and the deployer). */
  readonly funded: readonly BenchAccount[];
  /**
   * The accounts that send transactions (the workload's senders and the deployer): registered in
   * the genesis identity registry, as permissioned nodes require. Default: every funded account.
   */
  readonly senders?: readonly BenchAccount[];
}

/** Options for the Civitas target. */
export interface CivitasOptions {
  readonly validator: BenchAccount;
  /** When set, the node runs under `--cpu-prof` and writes its profile here. */
  readonly profileDir?: string;
}

const REPO_ROOT = join(import.meta.dirname, "..", "..");

/**
 * Writes a data directory whose genesis funds every benchmark account and registers the senders
 * as members of the identity registry (person certificates from a throwaway CA, as `civitas dev`
 * would make them), so that `civitas dev` reuses it.
 */
export async function writeCivitasDataDir(
  dir: string,
  spec: ChainSpec,
  validator: BenchAccount,
): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const ca = await CertificateAuthority.createRoot({ subject: { commonName: "Civitas Bench Root CA" } });
  const { alloc } = await createDemoRegistryAlloc({
    chainId: BigInt(spec.chainId),
    timestamp,
    admins: [createAccountKey(), createAccountKey()],
    quorum: 2,
    registrar: createAccountKey(),
    rootCaFingerprint: `0x${certificateFingerprint(ca.certificate)}`,
    issuerFingerprints: [],
    ca,
    members: spec.senders ?? spec.funded,
  });
  const genesis = createDevGenesis({
    chainId: spec.chainId,
    validators: [validator.address],
    accounts: spec.funded.map((a) => a.address),
    balanceWei: spec.balanceWei,
    blockPeriodSeconds: 1,
    emptyBlockPeriodSeconds: 10,
    gasLimit: spec.gasLimit,
    timestamp,
    extraAlloc: { [IDENTITY_REGISTRY_ADDRESS]: alloc },
    permissioning: PERMISSIONING,
  });
  writeFileSync(join(dir, "genesis.json"), JSON.stringify(genesis));
  writeFileSync(join(dir, "validator.key"), `0x${Buffer.from(validator.privateKey).toString("hex")}\n`, {
    mode: 0o600,
  });
  writeFileSync(
    join(dir, "dev-accounts.json"),
    `${JSON.stringify({ chainId: spec.chainId, accounts: [] })}\n`,
    {
      mode: 0o600,
    },
  );
}

/** Starts `civitas dev` on a fresh data directory with the benchmark genesis (1-second blocks). */
export async function startCivitas(spec: ChainSpec, options: CivitasOptions): Promise<RunningTarget> {
  const dir = mkdtempSync(join(tmpdir(), "civitas-bench-"));
  await writeCivitasDataDir(dir, spec, options.validator);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nodeFlags = options.profileDir ? ["--cpu-prof", "--cpu-prof-dir", options.profileDir] : [];
  const args = [
    ...nodeFlags,
    join(REPO_ROOT, "packages", "cli", "src", "main.ts"),
    "dev",
    "--datadir",
    dir,
    "--rpc-port",
    String(port),
    "--block-period",
    "1",
  ];
  // Building the genesis state for 100k accounts takes a while before the RPC port opens. On
  // failure the directory (with node.log) is kept for inspection.
  const started = await startProcess(process.execPath, args, url, join(dir, "node.log"), 600_000);
  return {
    name: "civitas",
    url,
    pid: started.child.pid ?? -1,
    async stop() {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
