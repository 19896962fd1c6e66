import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IDENTITY_REGISTRY_ADDRESS, IdentityRegistry } from "@civitas/contracts";
import { createAccountKey, createDevGenesis } from "@civitas/node";
import { CertificateAuthority, certificateFingerprint } from "@civitas/pki";
import { createDemoRegistryAlloc, PERMISSIONING } from "../../packages/cli/src/network/genesisMembers.ts";
import type { GenesisContractAlloc } from "../../packages/cli/src/network/systemContracts.ts";
import type { BenchAccount } from "../accounts.ts";
import { freePort, nodeFlags, type RunningTarget, startProcess } from "./target.ts";

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
// Registering tens of thousands of senders (a certificate and a binding each) takes minutes; the
// resulting registry state is kept here and reused while the same senders and registry code are asked for.
const ALLOC_CACHE_DIR = join(REPO_ROOT, "node_modules", ".cache", "civitas-bench");
// Members' certificates are valid for a year; a cached registry is rebuilt well before that.
const ALLOC_CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/**
 * The genesis registry with the senders registered as members (person certificates from a throwaway
 * CA, as `civitas dev` makes them): from the cache when the same chain, senders and registry code
 * were registered in the last 30 days, otherwise built and cached. The network target uses it too:
 * the nodes' permission checks read the members' records, not their certificates.
 */
export async function registryAlloc(spec: ChainSpec, timestamp: number): Promise<GenesisContractAlloc> {
  const members = spec.senders ?? spec.funded;
  const key = createHash("sha256")
    .update(JSON.stringify([spec.chainId, IdentityRegistry.deployedBytecode, members.map((m) => m.address)]))
    .digest("hex")
    .slice(0, 32);
  const path = join(ALLOC_CACHE_DIR, `registry-${key}.json`);
  if (existsSync(path) && Date.now() - statSync(path).mtimeMs < ALLOC_CACHE_MAX_AGE_MS) {
    console.log(`  identity registry with ${members.length} members: from the cache (${path})`);
    return JSON.parse(readFileSync(path, "utf8")) as GenesisContractAlloc;
  }
  const started = Date.now();
  console.log(`  registering ${members.length} senders in the genesis identity registry…`);
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
    members,
  });
  mkdirSync(ALLOC_CACHE_DIR, { recursive: true });
  writeFileSync(path, JSON.stringify(alloc));
  console.log(`  … done in ${((Date.now() - started) / 1000).toFixed(0)} s, cached for later runs`);
  return alloc;
}

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
  const alloc = await registryAlloc(spec, timestamp);
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
  const args = [
    ...nodeFlags(options.profileDir),
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
    pids: started.child.pid === undefined ? [] : [started.child.pid],
    async stop() {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
