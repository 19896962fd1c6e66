/**
 * The node config file: one JSON document per node, read by `civitas node --config FILE`.
 *
 * ```json
 * {
 *   "name": "validator-1",
 *   "dataDir": "data",
 *   "genesis": "../../genesis.json",
 *   "validatorKey": "validator.key",
 *   "tls": { "key": "tls/node.key", "cert": "tls/node.crt" },
 *   "trust": { "roots": "../../trust/roots.pem", "intermediates": "../../trust/intermediates.pem",
 *              "crls": ["../../trust/root.crl.pem", "../../trust/nodes.crl.pem"] },
 *   "p2p": { "host": "127.0.0.1", "port": 30303, "advertise": "127.0.0.1:30303",
 *            "peers": ["127.0.0.1:30304"], "maxPeers": 25 },
 *   "rpc": { "host": "127.0.0.1", "port": 8545 },
 *   "metrics": { "host": "127.0.0.1", "port": 9545 },
 *   "qbft": { "maxRoundTimeoutSeconds": 60 },
 *   "stateHistory": 128
 * }
 * ```
 *
 * Required: `name`, `dataDir`, `genesis`, `rpc`; `p2p` needs `tls` and `trust`. Relative paths
 * are relative to the config file's directory. `validatorKey` (optional: without it the node
 * follows the chain and serves reads) is a file holding a 0x-hex secp256k1 private key; it and
 * the TLS key must not be readable by group or others (mode 0600). `stateHistory` (default 128)
 * is how many recent blocks' state the node keeps, or "archive" for every block's. A validator's TLS certificate
 * must carry the validator address of its key. Unknown fields are refused, so a typo never
 * silently falls back to a default.
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import {
  describeCertificate,
  parseCertificates,
  readTlsIdentity,
  type TlsIdentity,
  TrustStore,
} from "@civitas/pki";
import type { StateHistory } from "../chain/chain.ts";
import type { ValidatorKey } from "../consensus/qbftService.ts";
import { addressOfPrivateKey } from "../crypto/accountKeys.ts";
import { NodeError } from "../errors.ts";
import type { LedgerNodeOptions, P2pOptions } from "../node.ts";

/** What {@link loadNodeConfig} returns: the node's options and its name. */
export type NodeConfig = LedgerNodeOptions & { readonly name: string };

type Json = Record<string, unknown>;

const TOP_FIELDS = [
  "name",
  "dataDir",
  "genesis",
  "validatorKey",
  "tls",
  "trust",
  "p2p",
  "rpc",
  "metrics",
  "qbft",
  "stateHistory",
] as const;

const HOST_PORT = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/;

/** Reads and checks a node config file; every problem is a CONFIG_INVALID error naming the file and field. */
export async function loadNodeConfig(path: string): Promise<NodeConfig> {
  const file = resolve(path);
  const base = dirname(file);
  const fail = (field: string, message: string, cause?: unknown): never => {
    throw new NodeError("CONFIG_INVALID", `${path}: ${field}: ${message}`, cause ? { cause } : {});
  };
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    return fail("(file)", `cannot read the config file (${errnoOf(cause)})`, cause);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return fail("(file)", `not valid JSON: ${(cause as Error).message}`, cause);
  }
  const c = new ConfigReader(fail, base);
  const root = c.object(json, "(root)", TOP_FIELDS);
  const name = c.string(root, "name");
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    fail("name", `'${name}' must be 1-64 letters, digits, '.', '_' or '-'`);
  const dataDir = c.path(root, "dataDir");
  const genesisPath = c.path(root, "genesis");
  await c.readable(genesisPath, "genesis");

  const rpc = c.endpoint(root, "rpc");
  const metrics = root["metrics"] === undefined ? undefined : c.endpoint(root, "metrics");

  let maxRoundTimeoutSeconds: number | undefined;
  if (root["qbft"] !== undefined) {
    const qbft = c.object(root["qbft"], "qbft", ["maxRoundTimeoutSeconds"]);
    if (qbft["maxRoundTimeoutSeconds"] !== undefined)
      maxRoundTimeoutSeconds = c.integer(qbft, "maxRoundTimeoutSeconds", 1, 86400, "qbft.");
  }

  const stateHistory = root["stateHistory"] === undefined ? undefined : c.stateHistory(root["stateHistory"]);

  const validatorKey =
    root["validatorKey"] === undefined ? undefined : await c.validatorKey(c.path(root, "validatorKey"));

  let identity: TlsIdentity | undefined;
  if (root["tls"] !== undefined) {
    const tls = c.object(root["tls"], "tls", ["key", "cert"]);
    const keyPath = c.path(tls, "key", "tls.");
    const certPath = c.path(tls, "cert", "tls.");
    await c.privateFile(keyPath, "tls.key");
    await c.readable(certPath, "tls.cert");
    identity = await readTlsIdentity(keyPath, certPath);
    c.checkCertificate(identity.cert, validatorKey);
  } else if (validatorKey !== undefined && root["p2p"] !== undefined) {
    fail("tls", "a validator on a network needs its node certificate");
  }

  let trust: TrustStore | undefined;
  let crlPaths: string[] = [];
  if (root["trust"] !== undefined) {
    const t = c.object(root["trust"], "trust", ["roots", "intermediates", "crls"]);
    const roots = c.path(t, "roots", "trust.");
    await c.readable(roots, "trust.roots");
    const intermediates = t["intermediates"] === undefined ? undefined : c.path(t, "intermediates", "trust.");
    if (intermediates !== undefined) await c.readable(intermediates, "trust.intermediates");
    crlPaths = c.paths(t, "crls", "trust.");
    for (const [i, p] of crlPaths.entries()) await c.readable(p, `trust.crls[${i}]`);
    try {
      trust = await TrustStore.fromFiles({
        roots,
        ...(intermediates !== undefined ? { intermediates } : {}),
        crls: crlPaths,
      });
    } catch (cause) {
      fail("trust", (cause as Error).message, cause);
    }
  }
  if (identity !== undefined && trust !== undefined) {
    const verdict = await trust.verify(parseCertificates(identity.cert), {
      purpose: "clientAuth",
      profile: "node",
    });
    if (!verdict.ok)
      fail("tls.cert", `the node certificate is not accepted by the trust files: ${verdict.reason}`);
  }

  let p2p: P2pOptions | undefined;
  if (root["p2p"] !== undefined) {
    const o = c.object(root["p2p"], "p2p", ["host", "port", "advertise", "peers", "maxPeers"]);
    if (identity === undefined) fail("tls", "required with p2p: the node's TLS key and certificate");
    if (trust === undefined) fail("trust", "required with p2p: the network's roots, intermediates and CRLs");
    const host = c.string(o, "host", "p2p.");
    const port = c.integer(o, "port", 0, 65535, "p2p.");
    const advertise = o["advertise"] === undefined ? undefined : c.hostPort(o["advertise"], "p2p.advertise");
    if (!Array.isArray(o["peers"] ?? [])) fail("p2p.peers", 'must be an array of "host:port" strings');
    const staticPeers = ((o["peers"] ?? []) as unknown[]).map((p, i) => c.hostPort(p, `p2p.peers[${i}]`));
    const maxPeers = o["maxPeers"] === undefined ? undefined : c.integer(o, "maxPeers", 1, 1000, "p2p.");
    p2p = {
      host,
      port,
      staticPeers,
      identity: identity as TlsIdentity,
      trust: trust as TrustStore,
      crlPaths,
      ...(advertise !== undefined ? { advertise } : {}),
      ...(maxPeers !== undefined ? { maxPeers } : {}),
    };
  }

  return {
    name,
    dataDir,
    genesisPath,
    rpc,
    ...(validatorKey !== undefined ? { validatorKey } : {}),
    ...(p2p !== undefined ? { p2p } : {}),
    ...(metrics !== undefined ? { metrics } : {}),
    ...(maxRoundTimeoutSeconds !== undefined ? { maxRoundTimeoutSeconds } : {}),
    ...(stateHistory !== undefined ? { stateHistory } : {}),
  };
}

function errnoOf(cause: unknown): string {
  return (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
}

/** Typed field access that fails with the field's dotted name. */
class ConfigReader {
  readonly #fail: (field: string, message: string, cause?: unknown) => never;
  readonly #base: string;

  constructor(fail: (field: string, message: string, cause?: unknown) => never, base: string) {
    this.#fail = fail;
    this.#base = base;
  }

  object(value: unknown, field: string, allowed: readonly string[]): Json {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      this.#fail(field, "must be an object");
    const prefix = field === "(root)" ? "" : `${field}.`;
    for (const key of Object.keys(value as Json))
      if (!allowed.includes(key))
        this.#fail(`${prefix}${key}`, `unknown field (allowed here: ${allowed.join(", ")})`);
    return value as Json;
  }

  string(o: Json, key: string, prefix = ""): string {
    const v = o[key];
    if (v === undefined) this.#fail(`${prefix}${key}`, "missing");
    if (typeof v !== "string" || v.trim() === "") this.#fail(`${prefix}${key}`, "must be a non-empty string");
    return v as string;
  }

  integer(o: Json, key: string, min: number, max: number, prefix = ""): number {
    const v = o[key];
    if (v === undefined) this.#fail(`${prefix}${key}`, "missing");
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      this.#fail(`${prefix}${key}`, `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
    return v as number;
  }

  path(o: Json, key: string, prefix = ""): string {
    return resolve(this.#base, this.string(o, key, prefix));
  }

  paths(o: Json, key: string, prefix = ""): string[] {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.#fail(`${prefix}${key}`, "must be an array of file paths");
    return (v as unknown[]).map((p, i) => {
      if (typeof p !== "string" || p.trim() === "")
        this.#fail(`${prefix}${key}[${i}]`, "must be a non-empty string");
      return resolve(this.#base, p as string);
    });
  }

  endpoint(o: Json, key: string): { host: string; port: number } {
    const e = this.object(o[key] ?? this.#fail(key, "missing"), key, ["host", "port"]);
    return { host: this.string(e, "host", `${key}.`), port: this.integer(e, "port", 0, 65535, `${key}.`) };
  }

  stateHistory(value: unknown): StateHistory {
    if (value === "archive") return value;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 1_000_000)
      this.#fail(
        "stateHistory",
        `must be a number of blocks from 1 to 1000000 or "archive", got ${JSON.stringify(value)}`,
      );
    return value as number;
  }

  hostPort(value: unknown, field: string): string {
    const m = typeof value === "string" ? HOST_PORT.exec(value) : null;
    const port = m ? Number(m[3]) : 0;
    if (!m || port < 1 || port > 65535)
      this.#fail(field, `${JSON.stringify(value)} is not a "host:port" address (port 1-65535)`);
    return value as string;
  }

  async readable(path: string, field: string): Promise<void> {
    try {
      const s = await stat(path);
      if (!s.isFile()) this.#fail(field, `${path} is not a file`);
    } catch (cause) {
      if (cause instanceof NodeError) throw cause;
      this.#fail(field, `cannot read ${path} (${errnoOf(cause)})`, cause);
    }
  }

  /** A private key file: must exist and be readable by its owner only. */
  async privateFile(path: string, field: string): Promise<void> {
    await this.readable(path, field);
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) !== 0)
      this.#fail(
        field,
        `${path} is readable by others (mode ${mode.toString(8).padStart(4, "0")}); a private key must be mode 0600: chmod 600 ${path}`,
      );
  }

  async validatorKey(path: string): Promise<ValidatorKey> {
    await this.privateFile(path, "validatorKey");
    const hex = (await readFile(path, "utf8")).trim();
    if (!/^0x[0-9a-fA-F]{64}$/.test(hex))
      this.#fail("validatorKey", `${path} must hold a 0x-prefixed 32-byte hex secp256k1 private key`);
    const privateKey = new Uint8Array(Buffer.from(hex.slice(2), "hex"));
    try {
      return { address: addressOfPrivateKey(privateKey), privateKey };
    } catch (cause) {
      return this.#fail("validatorKey", `${path} is not a valid secp256k1 private key`, cause);
    }
  }

  /** The certificate must be a node certificate; a validator's must name its key's address. */
  checkCertificate(pem: string, validatorKey: ValidatorKey | undefined): void {
    let identity: ReturnType<typeof describeCertificate> | undefined;
    try {
      const [leaf] = parseCertificates(pem);
      if (leaf === undefined) throw new Error("no certificate in the file");
      identity = describeCertificate(leaf);
    } catch (cause) {
      this.#fail("tls.cert", `not a PEM certificate chain: ${(cause as Error).message}`, cause);
    }
    if (identity === undefined) return;
    if (identity.type !== "node")
      this.#fail(
        "tls.cert",
        `"${identity.subject}" is not a Civitas node certificate (it is ${identity.type})`,
      );
    if (validatorKey === undefined || identity.type !== "node") return;
    const inCert = identity.validatorAddress?.toLowerCase();
    if (inCert === undefined)
      this.#fail(
        "tls.cert",
        `"${identity.subject}" was issued without a validator address, but validatorKey is set (${validatorKey.address}); issue the certificate with --validator ${validatorKey.address}`,
      );
    if (inCert !== validatorKey.address.toLowerCase())
      this.#fail(
        "tls.cert",
        `the certificate names validator ${identity.validatorAddress} but validatorKey is the key of ${validatorKey.address}; they must match`,
      );
  }
}
