import { constants } from "node:fs";
import { chmod, mkdir, open, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type CaState, CertificateAuthority, type IntermediateRequest, type RootCaOptions } from "./ca.ts";
import { encodePem } from "./encoding.ts";
import { errorMessage, PkiError } from "./errors.ts";
import { certificateFingerprint } from "./identity.ts";
import {
  type GeneratedKeyAlgorithm,
  generateKeyPair,
  importPrivateKey,
  keyAlgorithmOf,
  signingAlgorithmFor,
} from "./keys.ts";
import {
  type CertificateInput,
  certificatesToPem,
  PEM_LABEL_CRL,
  parseCertificate,
  parseCertificates,
  parseCrl,
} from "./parse.ts";
import { decryptPrivateKey, encryptPrivateKey, type SealOptions, seal, unseal } from "./sealed.ts";
import { buildName, type SubjectName } from "./subject.ts";
import type { CryptoKey } from "./webcrypto.ts";
import { x509 } from "./x509.ts";

/**
 * A CA directory on disk (mode 0700):
 *
 * | file              | content                                                     | mode |
 * |-------------------|-------------------------------------------------------------|------|
 * | `ca.json`         | metadata: kind (root, intermediate, imported), subject…     | 0644 |
 * | `ca.crt.pem`      | the CA certificate                                          | 0644 |
 * | `chain.pem`       | issuers above it, nearest first, root last (empty for root) | 0644 |
 * | `ca.key.json`     | private key, scrypt + AES-256-GCM sealed                    | 0600 |
 * | `id-hash-key.json`| national-ID HMAC key, sealed with the same passphrase       | 0600 |
 * | `state.json`      | issued certificates, revocations, last CRL number           | 0600 |
 * | `issued/*.pem`    | every certificate issued, by serial number                  | 0644 |
 * | `crl.pem`         | the latest CRL                                              | 0644 |
 */
export const CA_FILES = {
  meta: "ca.json",
  certificate: "ca.crt.pem",
  chain: "chain.pem",
  key: "ca.key.json",
  idHashKey: "id-hash-key.json",
  state: "state.json",
  issued: "issued",
  crl: "crl.pem",
  csr: "ca.csr.pem",
  lock: ".lock",
} as const;

export type CaKind = "root" | "intermediate" | "imported" | "pending";

export interface CaMeta {
  format: "civitas-ca";
  version: 1;
  kind: CaKind;
  subject: string;
  fingerprint?: string;
  keyAlgorithm: string;
  createdAt: string;
}

export interface StoreOptions extends SealOptions {
  /** Passphrase that seals this CA's private key and ID-hash key. */
  passphrase: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes a file atomically (temp file + rename) with the given mode. */
async function writeAtomic(path: string, data: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data, { mode, flag: "wx" });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

async function prepareNewDirectory(dir: string): Promise<void> {
  if (await exists(join(dir, CA_FILES.meta))) {
    throw new PkiError("CA_EXISTS", `${dir} already holds a CA (${CA_FILES.meta} exists)`);
  }
  await mkdir(join(dir, CA_FILES.issued), { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new PkiError("CA_NOT_FOUND", `cannot read ${what} ${path}: ${errorMessage(err)}`, { cause: err });
  }
}

async function writeCa(dir: string, ca: CertificateAuthority, kind: CaKind, o: StoreOptions): Promise<void> {
  const meta: CaMeta = {
    format: "civitas-ca",
    version: 1,
    kind,
    subject: ca.certificate.subject,
    fingerprint: certificateFingerprint(ca.certificate),
    keyAlgorithm: keyAlgorithmOf(ca.privateKey),
    createdAt: new Date().toISOString(),
  };
  await writeAtomic(join(dir, CA_FILES.key), await encryptPrivateKey(ca.privateKey, o.passphrase, o), 0o600);
  const idKey = ca.idHashKey;
  if (idKey !== undefined) {
    const sealed = await seal(idKey, o.passphrase, "id-hash-key", o);
    await writeAtomic(join(dir, CA_FILES.idHashKey), `${JSON.stringify(sealed, null, 2)}\n`, 0o600);
  }
  await writeAtomic(join(dir, CA_FILES.certificate), certificatesToPem([ca.certificate]), 0o644);
  await writeAtomic(join(dir, CA_FILES.chain), certificatesToPem([...ca.chain]), 0o644);
  await saveState(dir, ca);
  await writeAtomic(join(dir, CA_FILES.meta), `${JSON.stringify(meta, null, 2)}\n`, 0o644);
}

/** Persists the issuance state (issued, revoked, CRL number) of a CA loaded from `dir`. */
export async function saveState(dir: string, ca: CertificateAuthority): Promise<void> {
  await writeAtomic(join(dir, CA_FILES.state), `${JSON.stringify(ca.state, null, 2)}\n`, 0o600);
}

/** Reads a CA directory's metadata. */
export async function readCaMeta(dir: string): Promise<CaMeta> {
  const text = await readText(join(dir, CA_FILES.meta), "CA metadata");
  try {
    const meta = JSON.parse(text) as CaMeta;
    if (meta.format !== "civitas-ca" || meta.version !== 1) throw new Error("unknown format");
    return meta;
  } catch (err) {
    throw new PkiError(
      "CA_NOT_FOUND",
      `${join(dir, CA_FILES.meta)} is not a Civitas CA directory: ${errorMessage(err)}`,
      { cause: err },
    );
  }
}

/** Creates a root CA in a new directory. */
export async function initRootCa(
  dir: string,
  o: RootCaOptions & StoreOptions,
): Promise<CertificateAuthority> {
  await prepareNewDirectory(dir);
  const ca = await CertificateAuthority.createRoot(o);
  await writeCa(dir, ca, "root", o);
  return ca;
}

/** The public part of a CA directory — no passphrase needed. */
export interface CaPublic {
  meta: CaMeta;
  certificate: x509.X509Certificate;
  /** Issuers above, nearest first, root last. */
  chain: x509.X509Certificate[];
  /** The root of the hierarchy. */
  root: x509.X509Certificate;
  crl?: x509.X509Crl;
}

export async function readCaPublic(dir: string): Promise<CaPublic> {
  const meta = await readCaMeta(dir);
  if (meta.kind === "pending")
    throw new PkiError("CA_NOT_FOUND", `${dir} holds a CA request that has not been imported yet`);
  const certificate = parseCertificate(await readText(join(dir, CA_FILES.certificate), "CA certificate"));
  const chainText = await readText(join(dir, CA_FILES.chain), "CA chain");
  const chain = chainText.trim() === "" ? [] : parseCertificates(chainText);
  const crlPath = join(dir, CA_FILES.crl);
  const crl = (await exists(crlPath)) ? parseCrl(await readFile(crlPath, "utf8")) : undefined;
  return {
    meta,
    certificate,
    chain,
    root: chain.length === 0 ? certificate : chain[chain.length - 1]!,
    ...(crl ? { crl } : {}),
  };
}

/** Names the sealed file in a wrong-passphrase / malformed-file error. */
async function withPath<T>(path: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof PkiError && (err.code === "WRONG_PASSPHRASE" || err.code === "MALFORMED_KEY_FILE")) {
      throw new PkiError(
        err.code,
        err.code === "WRONG_PASSPHRASE" ? `wrong passphrase for ${path}` : `${path}: ${err.message}`,
        { cause: err },
      );
    }
    throw err;
  }
}

/** Opens a CA directory: decrypts its key (WRONG_PASSPHRASE on a wrong passphrase). */
export async function openCa(dir: string, passphrase: string): Promise<CertificateAuthority> {
  const pub = await readCaPublic(dir);
  const keyPath = join(dir, CA_FILES.key);
  const privateKey = await withPath(
    keyPath,
    decryptPrivateKey(await readText(keyPath, "CA key"), passphrase),
  );
  const idPath = join(dir, CA_FILES.idHashKey);
  const idHashKey = (await exists(idPath))
    ? await withPath(idPath, unseal(await readFile(idPath, "utf8"), passphrase, "id-hash-key"))
    : undefined;
  let state: CaState = { crlNumber: 0, issued: [] };
  const statePath = join(dir, CA_FILES.state);
  if (await exists(statePath)) {
    try {
      state = JSON.parse(await readFile(statePath, "utf8")) as CaState;
    } catch (err) {
      throw new PkiError("CA_NOT_FOUND", `${statePath} is corrupt: ${errorMessage(err)}`, { cause: err });
    }
  }
  return CertificateAuthority.fromMaterial({
    certificate: pub.certificate,
    chain: pub.chain,
    privateKey,
    ...(idHashKey !== undefined ? { idHashKey } : {}),
    state,
  });
}

/**
 * Runs `fn` with the CA of `dir` under an exclusive lock, then saves its state. Use for every
 * operation that changes the CA (issue, revoke, CRL) so two processes cannot lose each other's
 * records.
 */
export async function withCa<T>(
  dir: string,
  passphrase: string,
  fn: (ca: CertificateAuthority) => Promise<T>,
): Promise<T> {
  await readCaMeta(dir);
  const lockPath = join(dir, CA_FILES.lock);
  let lock: Awaited<ReturnType<typeof open>>;
  try {
    lock = await open(lockPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  } catch (err) {
    throw new PkiError(
      "CA_LOCKED",
      `${dir} is locked by another civitas process (delete ${lockPath} if no such process is running)`,
      { cause: err },
    );
  }
  try {
    await lock.writeFile(`${process.pid}\n`);
    const ca = await openCa(dir, passphrase);
    const result = await fn(ca);
    await saveState(dir, ca);
    return result;
  } finally {
    await lock.close();
    await unlink(lockPath).catch(() => {});
  }
}

/** Saves an issued certificate under issued/<serial>.pem. */
export async function saveIssued(dir: string, cert: x509.X509Certificate, serial: string): Promise<string> {
  const path = join(dir, CA_FILES.issued, `${serial}.pem`);
  await writeAtomic(path, certificatesToPem([cert]), 0o644);
  return path;
}

/** Writes the latest CRL of the CA. */
export async function saveCrl(dir: string, crl: x509.X509Crl): Promise<string> {
  const path = join(dir, CA_FILES.crl);
  await writeAtomic(path, encodePem(crl.rawData, PEM_LABEL_CRL), 0o644);
  return path;
}

/**
 * Creates an intermediate CA (e.g. one per department) in a new directory, signed by the CA in
 * `parentDir`. The intermediate inherits the network's ID-hash key.
 */
export async function createIntermediateCa(
  parentDir: string,
  parentPassphrase: string,
  dir: string,
  r: Omit<IntermediateRequest, "csr" | "publicKey"> & StoreOptions,
): Promise<CertificateAuthority> {
  await prepareNewDirectory(dir);
  return withCa(parentDir, parentPassphrase, async (parent) => {
    const child = await parent.createIntermediate(r);
    await saveIssued(parentDir, child.certificate, parent.records().at(-1)!.serialNumber);
    await writeCa(dir, child, "intermediate", r);
    return child;
  });
}

/**
 * Starts the "city signs our intermediate" flow: generates a key pair in `dir` (sealed) and
 * returns a CSR (also written to ca.csr.pem) for the city's CA to sign. Finish with
 * {@link importCa} once the signed certificate is back.
 */
export async function requestIntermediateCa(
  dir: string,
  o: StoreOptions & { subject: SubjectName; keyAlgorithm?: GeneratedKeyAlgorithm },
): Promise<x509.Pkcs10CertificateRequest> {
  await prepareNewDirectory(dir);
  const keys = await generateKeyPair(o.keyAlgorithm);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: buildName(o.subject),
    keys,
    signingAlgorithm: signingAlgorithmFor(keys.privateKey),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  await writeAtomic(
    join(dir, CA_FILES.key),
    await encryptPrivateKey(keys.privateKey, o.passphrase, o),
    0o600,
  );
  await writeAtomic(join(dir, CA_FILES.csr), csr.toString("pem"), 0o644);
  const meta: CaMeta = {
    format: "civitas-ca",
    version: 1,
    kind: "pending",
    subject: csr.subject,
    keyAlgorithm: keyAlgorithmOf(keys.privateKey),
    createdAt: new Date().toISOString(),
  };
  await writeAtomic(join(dir, CA_FILES.meta), `${JSON.stringify(meta, null, 2)}\n`, 0o644);
  return csr;
}

export interface ImportCaOptions extends StoreOptions {
  /** The CA certificate to sign with (a city root, or an intermediate the city issued). */
  certificate: CertificateInput;
  /** Its issuers, nearest first, up to the self-signed root. */
  chain?: CertificateInput | readonly CertificateInput[];
  /**
   * Its private key (PEM: PKCS#8, encrypted PKCS#8, SEC1 or PKCS#1). Omit when `dir` holds the key
   * from {@link requestIntermediateCa}.
   */
  privateKey?: string | Uint8Array;
  /** Passphrase of an encrypted PEM private key. */
  keyPassphrase?: string;
  /** The network's national-ID HMAC key (32 bytes), to keep person hashes stable; default: a new one. */
  idHashKey?: Uint8Array;
}

/**
 * Imports an existing CA (a city's root or an intermediate it issued to Civitas) into a CA
 * directory, so Civitas issues certificates under the city's hierarchy instead of its own.
 * Checks that the key matches, the certificate is a CA and the chain reaches a self-signed root.
 */
export async function importCa(dir: string, o: ImportCaOptions): Promise<CertificateAuthority> {
  let privateKey: CryptoKey;
  const metaPath = join(dir, CA_FILES.meta);
  const pending = (await exists(metaPath)) && (await readCaMeta(dir)).kind === "pending";
  if (o.privateKey !== undefined) {
    if (!pending) await prepareNewDirectory(dir);
    privateKey = await importPrivateKey(o.privateKey, o.keyPassphrase);
  } else if (pending) {
    const keyPath = join(dir, CA_FILES.key);
    privateKey = await withPath(keyPath, decryptPrivateKey(await readText(keyPath, "CA key"), o.passphrase));
  } else {
    throw new PkiError(
      "INVALID_ARGUMENT",
      "importing a CA needs its private key (or a directory prepared by a CA request)",
    );
  }
  const ca = await CertificateAuthority.fromMaterial({
    certificate: o.certificate,
    ...(o.chain !== undefined ? { chain: o.chain } : {}),
    privateKey,
    idHashKey: o.idHashKey ?? crypto.getRandomValues(new Uint8Array(32)),
  });
  await mkdir(join(dir, CA_FILES.issued), { recursive: true, mode: 0o700 });
  await writeCa(dir, ca, "imported", o);
  return ca;
}
