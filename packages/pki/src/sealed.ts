import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb } from "node:crypto";
import { errorMessage, PkiError } from "./errors.ts";
import { exportPkcs8, importPrivateKey } from "./keys.ts";
import type { CryptoKey } from "./webcrypto.ts";

/**
 * Passphrase-encrypted file format for CA private keys and other CA secrets (JSON):
 *
 * ```json
 * { "type": "civitas-sealed", "version": 1, "kind": "private-key",
 *   "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": "<base64, 16 bytes>" },
 *   "cipher": { "name": "aes-256-gcm", "iv": "<base64, 12 bytes>", "tag": "<base64, 16 bytes>" },
 *   "data": "<base64 ciphertext>" }
 * ```
 *
 * The 32-byte AES key is scrypt(passphrase, salt); the header (type, version, kind, kdf, cipher
 * name and iv) is the GCM additional data, so no parameter can be altered without detection. A
 * wrong passphrase and a tampered file both fail the GCM tag check: {@link PkiError}
 * `WRONG_PASSPHRASE`. Files are written with mode 0600 by the CA store.
 */
export interface SealedSecret {
  type: "civitas-sealed";
  version: 1;
  kind: string;
  kdf: { name: "scrypt"; N: number; r: number; p: number; salt: string };
  cipher: { name: "aes-256-gcm"; iv: string; tag: string };
  data: string;
}

/** scrypt cost: N = 2^17, r = 8, p = 1 (≈128 MiB, a fraction of a second), OWASP's recommendation. */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
/** Cheapest cost accepted, on writing and on reading (a tampered file cannot lower it further). */
const MIN_N = 2 ** 14;
const MAX_N = 2 ** 20;
export const MIN_PASSPHRASE_LENGTH = 8;

export interface SealOptions {
  /** scrypt parameters; tests lower N to 2^14 to run fast. */
  scrypt?: { N: number; r: number; p: number };
}

function checkParams(N: number, r: number, p: number): void {
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (
    !powerOfTwo ||
    N < MIN_N ||
    N > MAX_N ||
    !Number.isInteger(r) ||
    r < 1 ||
    r > 32 ||
    !Number.isInteger(p) ||
    p < 1 ||
    p > 16
  ) {
    throw new PkiError("MALFORMED_KEY_FILE", `scrypt parameters out of range (N=${N}, r=${r}, p=${p})`);
  }
}

function deriveKey(passphrase: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(
      passphrase.normalize("NFC"),
      salt,
      32,
      { N, r, p, maxmem: 256 * N * r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

function aad(s: Omit<SealedSecret, "data" | "cipher"> & { cipher: { name: string; iv: string } }): Buffer {
  const k = s.kdf;
  return Buffer.from(
    `${s.type}|${s.version}|${s.kind}|${k.name}:${k.N}:${k.r}:${k.p}:${k.salt}|${s.cipher.name}:${s.cipher.iv}`,
    "utf8",
  );
}

/** Encrypts `plaintext` under `passphrase`. */
export async function seal(
  plaintext: Uint8Array,
  passphrase: string,
  kind: string,
  options: SealOptions = {},
): Promise<SealedSecret> {
  if (typeof passphrase !== "string" || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new PkiError("INVALID_ARGUMENT", `passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  const { N, r, p } = options.scrypt ?? DEFAULT_SCRYPT;
  checkParams(N, r, p);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = {
    type: "civitas-sealed" as const,
    version: 1 as const,
    kind,
    kdf: { name: "scrypt" as const, N, r, p, salt: salt.toString("base64") },
    cipher: { name: "aes-256-gcm" as const, iv: iv.toString("base64") },
  };
  const key = await deriveKey(passphrase, salt, N, r, p);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(header));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    ...header,
    cipher: { ...header.cipher, tag: cipher.getAuthTag().toString("base64") },
    data: data.toString("base64"),
  };
}

function b64(value: unknown, what: string, length?: number): Buffer {
  if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length > 1 << 22) {
    throw new PkiError("MALFORMED_KEY_FILE", `encrypted key file: ${what} is not base64`);
  }
  const buf = Buffer.from(value, "base64");
  if (length !== undefined && buf.length !== length) {
    throw new PkiError("MALFORMED_KEY_FILE", `encrypted key file: ${what} must be ${length} bytes`);
  }
  return buf;
}

/** Parses the JSON text of a sealed secret, validating its shape. */
export function parseSealed(text: string): SealedSecret {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    throw new PkiError("MALFORMED_KEY_FILE", `encrypted key file is not JSON: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  const s = obj as SealedSecret;
  if (typeof s !== "object" || s === null || s.type !== "civitas-sealed" || s.version !== 1) {
    throw new PkiError(
      "MALFORMED_KEY_FILE",
      "not a Civitas encrypted key file (type civitas-sealed, version 1)",
    );
  }
  if (typeof s.kind !== "string" || typeof s.kdf !== "object" || s.kdf === null || s.kdf.name !== "scrypt") {
    throw new PkiError("MALFORMED_KEY_FILE", "encrypted key file: unsupported key derivation");
  }
  if (typeof s.cipher !== "object" || s.cipher === null || s.cipher.name !== "aes-256-gcm") {
    throw new PkiError("MALFORMED_KEY_FILE", "encrypted key file: unsupported cipher");
  }
  checkParams(s.kdf.N, s.kdf.r, s.kdf.p);
  b64(s.kdf.salt, "salt");
  b64(s.cipher.iv, "iv", 12);
  b64(s.cipher.tag, "tag", 16);
  b64(s.data, "data");
  return s;
}

/** Decrypts a sealed secret; `WRONG_PASSPHRASE` when the passphrase (or file) is wrong. */
export async function unseal(
  sealed: SealedSecret | string,
  passphrase: string,
  expectedKind?: string,
): Promise<Uint8Array> {
  const s = typeof sealed === "string" ? parseSealed(sealed) : parseSealed(JSON.stringify(sealed));
  if (expectedKind !== undefined && s.kind !== expectedKind) {
    throw new PkiError(
      "MALFORMED_KEY_FILE",
      `encrypted file holds a "${s.kind}", expected "${expectedKind}"`,
    );
  }
  const key = await deriveKey(passphrase, b64(s.kdf.salt, "salt"), s.kdf.N, s.kdf.r, s.kdf.p);
  const decipher = createDecipheriv("aes-256-gcm", key, b64(s.cipher.iv, "iv", 12));
  decipher.setAAD(aad(s));
  decipher.setAuthTag(b64(s.cipher.tag, "tag", 16));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(b64(s.data, "data")), decipher.final()]));
  } catch (err) {
    throw new PkiError("WRONG_PASSPHRASE", "wrong passphrase (or the encrypted file has been modified)", {
      cause: err,
    });
  }
}

/** Encrypts a private key (PKCS#8 inside) into the sealed JSON text. */
export async function encryptPrivateKey(
  key: CryptoKey,
  passphrase: string,
  options: SealOptions = {},
): Promise<string> {
  const sealed = await seal(await exportPkcs8(key), passphrase, "private-key", options);
  return `${JSON.stringify(sealed, null, 2)}\n`;
}

/** Decrypts a private key written by {@link encryptPrivateKey}. */
export async function decryptPrivateKey(text: string, passphrase: string): Promise<CryptoKey> {
  const pkcs8 = await unseal(text, passphrase, "private-key");
  return importPrivateKey(pkcs8);
}
