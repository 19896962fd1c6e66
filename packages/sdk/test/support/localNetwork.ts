// A one-validator Civitas network for tests: made by `civitas init` in a temporary directory and
// run as a real `civitas node` process (ports chosen by the OS), with the keys of its network
// admins and registrar from admins.json and the CA that issues its certificates.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { TrustStore } from "@civitas/pki";
import type { Address, Hex } from "viem";

/** The `civitas` command's entry point (the CLI package creates networks and runs nodes). */
export const CIVITAS_MAIN = join(import.meta.dirname, "..", "..", "..", "cli", "src", "main.ts");
const START_TIMEOUT_MS = 90_000;

export interface KeyPair {
  readonly address: Address;
  readonly privateKey: Hex;
}

export interface LocalNetwork {
  /** The network directory `civitas init` made. */
  readonly dir: string;
  /** A scratch directory beside it, removed with the network. */
  readonly scratch: string;
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly admins: readonly KeyPair[];
  readonly registrar: KeyPair;
  /** The intermediate CA directory (issues certificates; a trusted issuer of the registry). */
  readonly caDir: string;
  /** The CA passphrase file. */
  readonly passphraseFile: string;
  readonly passphrase: string;
  /** The network's roots and intermediates. */
  readonly trust: TrustStore;
  /** Stops the node and removes the directories. */
  close(): Promise<void>;
}

function waitForReady(child: ChildProcess, log: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the node did not start within ${START_TIMEOUT_MS} ms\n${log()}`));
    }, START_TIMEOUT_MS);
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const url = /ready .*: rpc (http:\/\/\S+?),/.exec(out)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the node exited (code ${code}, signal ${signal}) while starting\n${out}\n${log()}`));
    });
  });
}

/** Creates the network and starts its validator; resolves once it answers JSON-RPC. */
export async function startLocalNetwork(): Promise<LocalNetwork> {
  const scratch = mkdtempSync(join(tmpdir(), "civitas-registry-"));
  const dir = join(scratch, "net");
  await promisify(execFile)(process.execPath, [
    CIVITAS_MAIN,
    "init",
    "--validators",
    "1",
    "--accounts",
    "0",
    "--block-period",
    "1",
    "--out",
    dir,
  ]);
  const configPath = join(dir, "nodes", "validator-1", "config.json");
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  // Ports chosen by the OS; the node reports the ones it bound.
  config.rpc.port = 0;
  config.p2p.port = 0;
  delete config.p2p.advertise;
  delete config.metrics;
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  let stderr = "";
  const child = spawn(
    process.execPath,
    [CIVITAS_MAIN, "node", "--config", configPath, "--log-level", "warn"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-20_000);
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  let rpcUrl: string;
  try {
    rpcUrl = await waitForReady(child, () => stderr);
  } catch (err) {
    kill();
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }

  const keys = JSON.parse(readFileSync(join(dir, "admins.json"), "utf8")) as {
    chainId: number;
    admins: KeyPair[];
    registrars: KeyPair[];
  };
  const passphraseFile = join(dir, "ca", "passphrase");
  return {
    dir,
    scratch,
    rpcUrl,
    chainId: keys.chainId,
    admins: keys.admins,
    registrar: keys.registrars[0]!,
    caDir: join(dir, "ca", "nodes"),
    passphraseFile,
    passphrase: readFileSync(passphraseFile, "utf8").trim(),
    trust: await TrustStore.fromFiles({
      roots: join(dir, "trust", "roots.pem"),
      intermediates: join(dir, "trust", "intermediates.pem"),
    }),
    async close() {
      child.kill("SIGTERM");
      const late = setTimeout(kill, 10_000);
      await exited;
      clearTimeout(late);
      process.off("exit", kill);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
