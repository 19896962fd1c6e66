import { createPrivateKey, createPublicKey, type KeyObject, webcrypto } from "node:crypto";
import { decodePem, encodePem, looksLikePem, toArrayBuffer, toBytes } from "./encoding.ts";
import { errorMessage, PkiError } from "./errors.ts";
import type {
  Algorithm,
  CryptoKey,
  CryptoKeyPair,
  EcdsaParams,
  EcKeyGenParams,
  EcKeyImportParams,
  RsaHashedImportParams,
} from "./webcrypto.ts";
import type { x509 } from "./x509.ts";

const subtle = webcrypto.subtle;

/** Key algorithms Civitas generates. ECDSA P-256 is the default (qualified-certificate issuers' curve). */
export type GeneratedKeyAlgorithm = "ecdsa-p256" | "ed25519";
/** Key algorithms Civitas accepts: generated ones plus what an imported city CA or a CSR may use. */
export type KeyAlgorithm = GeneratedKeyAlgorithm | "ecdsa-p384" | "rsa";

export const DEFAULT_KEY_ALGORITHM: GeneratedKeyAlgorithm = "ecdsa-p256";

/** Smallest RSA modulus accepted from a CSR or an imported CA. */
export const MIN_RSA_BITS = 2048;

export function parseKeyAlgorithm(name: string): GeneratedKeyAlgorithm {
  const n = name.toLowerCase();
  if (n === "ecdsa-p256" || n === "p256" || n === "p-256" || n === "ecdsa") return "ecdsa-p256";
  if (n === "ed25519") return "ed25519";
  throw new PkiError(
    "UNSUPPORTED_ALGORITHM",
    `unsupported key algorithm "${name}" (use ecdsa-p256 or ed25519)`,
  );
}

function importParams(alg: KeyAlgorithm): RsaHashedImportParams | EcKeyImportParams | Algorithm {
  switch (alg) {
    case "ecdsa-p256":
      return { name: "ECDSA", namedCurve: "P-256" };
    case "ecdsa-p384":
      return { name: "ECDSA", namedCurve: "P-384" };
    case "ed25519":
      return { name: "Ed25519" };
    case "rsa":
      return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  }
}

/** Generates an extractable signing key pair. */
export async function generateKeyPair(
  algorithm: GeneratedKeyAlgorithm = DEFAULT_KEY_ALGORITHM,
): Promise<CryptoKeyPair> {
  const params = importParams(algorithm);
  return (await subtle.generateKey(params as EcKeyGenParams, true, ["sign", "verify"])) as CryptoKeyPair;
}

/** The Civitas name of a WebCrypto key's algorithm. */
export function keyAlgorithmOf(key: CryptoKey | Algorithm): KeyAlgorithm {
  const alg = ("algorithm" in key ? key.algorithm : key) as Algorithm & {
    namedCurve?: string;
    modulusLength?: number;
  };
  if (alg.name === "ECDSA" && alg.namedCurve === "P-256") return "ecdsa-p256";
  if (alg.name === "ECDSA" && alg.namedCurve === "P-384") return "ecdsa-p384";
  if (alg.name === "Ed25519") return "ed25519";
  if (alg.name === "RSASSA-PKCS1-v1_5" || alg.name === "RSA-PSS" || alg.name === "RSA-OAEP") return "rsa";
  throw new PkiError(
    "UNSUPPORTED_ALGORITHM",
    `unsupported key algorithm ${alg.name}${alg.namedCurve ? ` ${alg.namedCurve}` : ""}`,
  );
}

/** The signature algorithm a CA uses with its key: SHA-256/384 ECDSA, Ed25519 or RSA PKCS#1 v1.5. */
export function signingAlgorithmFor(key: CryptoKey): Algorithm | EcdsaParams {
  switch (keyAlgorithmOf(key)) {
    case "ecdsa-p256":
      return { name: "ECDSA", hash: "SHA-256" } as EcdsaParams;
    case "ecdsa-p384":
      return { name: "ECDSA", hash: "SHA-384" } as EcdsaParams;
    case "ed25519":
      return { name: "Ed25519" };
    case "rsa":
      return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as Algorithm;
  }
}

/** PKCS#8 DER of an extractable private key. */
export async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.exportKey("pkcs8", key));
}

/** PKCS#8 PEM ("PRIVATE KEY") of an extractable private key, as Node's tls and OpenSSL read it. */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  return encodePem(await exportPkcs8(key), "PRIVATE KEY");
}

/** SPKI DER of a public key. */
export async function exportSpki(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.exportKey("spki", key));
}

function algorithmOfKeyObject(key: KeyObject): KeyAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "prime256v1") return "ecdsa-p256";
    if (curve === "secp384r1") return "ecdsa-p384";
    throw new PkiError("UNSUPPORTED_ALGORITHM", `unsupported EC curve ${curve ?? "(unknown)"}`);
  }
  if (type === "ed25519") return "ed25519";
  if (type === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS)
      throw new PkiError("UNSUPPORTED_ALGORITHM", `RSA key of ${bits} bits is too small`);
    return "rsa";
  }
  throw new PkiError("UNSUPPORTED_ALGORITHM", `unsupported key type ${type ?? "(unknown)"}`);
}

/**
 * Imports a private key from PEM or DER: PKCS#8 ("PRIVATE KEY"), encrypted PKCS#8 ("ENCRYPTED
 * PRIVATE KEY", needs `passphrase`), SEC1 ("EC PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY") — what
 * OpenSSL and most existing CAs export. Returns an extractable WebCrypto signing key.
 */
export async function importPrivateKey(input: string | Uint8Array, passphrase?: string): Promise<CryptoKey> {
  let keyObject: KeyObject;
  let encrypted = false;
  try {
    if (typeof input === "string" || looksLikePem(input)) {
      const text = typeof input === "string" ? input : Buffer.from(input).toString("utf8");
      // Validate the PEM framing ourselves first: it gives a precise error and bounds the input.
      const blocks = decodePem(text).filter((b) => b.label.endsWith("PRIVATE KEY"));
      if (blocks.length === 0) throw new PkiError("MALFORMED_KEY", "no PRIVATE KEY block found");
      encrypted =
        blocks.some((b) => b.label === "ENCRYPTED PRIVATE KEY") || /Proc-Type:\s*4,ENCRYPTED/.test(text);
      keyObject = createPrivateKey({ key: text, format: "pem", passphrase: passphrase ?? "" });
    } else {
      keyObject = createPrivateKey({ key: Buffer.from(input), format: "der", type: "pkcs8" });
    }
  } catch (err) {
    if (err instanceof PkiError) {
      if (err.code === "MALFORMED_PEM")
        throw new PkiError("MALFORMED_KEY", `private key: ${err.message}`, { cause: err });
      throw err;
    }
    const msg = errorMessage(err);
    // A wrong passphrase usually fails the padding check ("bad decrypt"), but about one time in
    // 256 the garbage it decrypts to has valid padding and fails later as undecodable DER.
    if (
      /bad decrypt|passphrase|interrupted or cancelled/i.test(msg) ||
      (encrypted && passphrase !== undefined)
    ) {
      throw new PkiError(
        "WRONG_PASSPHRASE",
        "wrong passphrase for the encrypted private key (or the key is damaged)",
        {
          cause: err,
        },
      );
    }
    throw new PkiError("MALFORMED_KEY", `private key does not decode: ${msg}`, { cause: err });
  }
  const alg = algorithmOfKeyObject(keyObject);
  const pkcs8 = keyObject.export({ format: "der", type: "pkcs8" });
  return subtle.importKey("pkcs8", toArrayBuffer(new Uint8Array(pkcs8)), importParams(alg), true, ["sign"]);
}

/** Imports a public key for verification from SPKI DER. */
export async function importPublicKey(spki: Uint8Array, alg: KeyAlgorithm): Promise<CryptoKey> {
  return subtle.importKey("spki", toArrayBuffer(spki), importParams(alg), true, ["verify"]);
}

/** The public key (SPKI DER) that belongs to a private key. */
export async function publicKeyOf(privateKey: CryptoKey): Promise<Uint8Array> {
  const pkcs8 = await exportPkcs8(privateKey);
  const pub = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" }));
  return new Uint8Array(pub.export({ format: "der", type: "spki" }));
}

/** The WebCrypto verification key of a certificate or CSR public key. */
export async function publicCryptoKey(pub: x509.PublicKey): Promise<CryptoKey> {
  const alg = keyAlgorithmOfPublicKey(pub);
  return importPublicKey(new Uint8Array(pub.rawData), alg);
}

/** The Civitas algorithm name of an X.509 public key; UNSUPPORTED_ALGORITHM for anything else. */
export function keyAlgorithmOfPublicKey(pub: x509.PublicKey): KeyAlgorithm {
  let keyObject: KeyObject;
  try {
    keyObject = createPublicKey({ key: Buffer.from(pub.rawData), format: "der", type: "spki" });
  } catch (err) {
    throw new PkiError("UNSUPPORTED_ALGORITHM", `public key not supported: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  return algorithmOfKeyObject(keyObject);
}

/** True when `privateKey` is the private half of the SPKI `publicKeyDer`. */
export async function keyMatches(
  privateKey: CryptoKey,
  publicKeyDer: ArrayBuffer | Uint8Array,
): Promise<boolean> {
  const derived = await publicKeyOf(privateKey);
  return Buffer.from(derived).equals(Buffer.from(toBytes(publicKeyDer)));
}
