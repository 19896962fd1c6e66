// Compact JWS (RFC 7515) as VC-JOSE-COSE secures a credential: header {alg: ES256, typ: vc+jwt, kid},
// payload the credential itself. Nothing here imports Node: verification goes through a small
// `JwsVerifier` so that a browser (WebCrypto) and the issuer's tooling (node:crypto) share the rest.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, type Hex } from "viem";
import { InvalidArgumentError } from "../errors/civitasError.ts";

/** The JOSE algorithm of every Civitas document: ECDSA over P-256 with SHA-256. */
export const JWS_ALGORITHM = "ES256";
/** The media type VC-JOSE-COSE gives a credential secured as a JWT. */
export const JWS_TYPE = "vc+jwt";

/** A P-256 public key as a JWK (RFC 7517/7518). */
export interface P256PublicJwk {
  readonly kty: "EC";
  readonly crv: "P-256";
  readonly x: string;
  readonly y: string;
}

/** The protected header of a document's JWS. */
export interface DocumentJwsHeader {
  readonly alg: typeof JWS_ALGORITHM;
  readonly typ: typeof JWS_TYPE;
  /** The issuer key's RFC 7638 thumbprint, base64url (its bytes32 form is the on-chain keyId). */
  readonly kid: string;
}

/** A compact JWS split into its parts, with the bytes that were signed. */
export interface ParsedJws {
  readonly header: Record<string, unknown>;
  readonly payload: unknown;
  readonly signingInput: Uint8Array;
  readonly signature: Uint8Array;
}

/** Checks a JWS signature with a public key; `webCryptoJwsVerifier` works everywhere WebCrypto does. */
export interface JwsVerifier {
  verify(jwk: P256PublicJwk, signingInput: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array | string): string {
  const data = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
  let binary = "";
  for (let i = 0; i < data.length; i++) binary += String.fromCharCode(data[i]!);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64url; refuses characters outside its alphabet. */
export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new InvalidArgumentError("not base64url text");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Splits and decodes a compact JWS; throws InvalidArgumentError when it is not one. */
export function parseJws(jws: string): ParsedJws {
  const parts = jws.split(".");
  if (parts.length !== 3) throw new InvalidArgumentError("a compact JWS has three parts separated by dots");
  const [h, p, s] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(decoder.decode(fromBase64url(h)));
    payload = JSON.parse(decoder.decode(fromBase64url(p)));
  } catch (err) {
    throw new InvalidArgumentError(
      `the JWS header or payload is not base64url JSON: ${(err as Error).message}`,
    );
  }
  if (typeof header !== "object" || header === null || Array.isArray(header))
    throw new InvalidArgumentError("the JWS header is not a JSON object");
  return {
    header: header as Record<string, unknown>,
    payload,
    signingInput: encoder.encode(`${h}.${p}`),
    signature: fromBase64url(s),
  };
}

/** Checks that a value is a P-256 public JWK (and keeps only its public members). */
export function toP256PublicJwk(value: unknown): P256PublicJwk {
  const jwk = value as Partial<Record<string, unknown>> | null;
  if (
    typeof jwk !== "object" ||
    jwk === null ||
    jwk.kty !== "EC" ||
    jwk.crv !== "P-256" ||
    typeof jwk.x !== "string" ||
    typeof jwk.y !== "string" ||
    fromBase64url(jwk.x).length !== 32 ||
    fromBase64url(jwk.y).length !== 32
  )
    throw new InvalidArgumentError("the issuer key is not a P-256 public JWK (kty EC, crv P-256, x, y)");
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
}

/** RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, no whitespace. */
export function jwkThumbprint(jwk: P256PublicJwk): Uint8Array {
  return sha256(encoder.encode(`{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`));
}

/** The key's `kid` (base64url thumbprint) and `keyId` (the same 32 bytes as hex, as on chain). */
export function keyIdentifiers(jwk: P256PublicJwk): { kid: string; keyId: Hex } {
  const thumbprint = jwkThumbprint(jwk);
  return { kid: base64url(thumbprint), keyId: bytesToHex(thumbprint) };
}

/** The bytes32 keyId of a base64url `kid`, or undefined if it is not 32 bytes of base64url. */
export function kidToKeyId(kid: string): Hex | undefined {
  try {
    const bytes = fromBase64url(kid);
    return bytes.length === 32 ? bytesToHex(bytes) : undefined;
  } catch {
    return undefined;
  }
}

/** WebCrypto's SubtleCrypto and CryptoKey, named through the global so no DOM library is needed. */
type Subtle = typeof globalThis.crypto.subtle;
type WebCryptoKey = Awaited<ReturnType<Subtle["importKey"]>>;

/**
 * Verifies with WebCrypto (`globalThis.crypto.subtle`, in browsers and Node): imported keys are
 * cached per thumbprint, since one issuer key signs thousands of documents.
 */
export function webCryptoJwsVerifier(subtle: Subtle = globalThis.crypto.subtle): JwsVerifier {
  const keys = new Map<string, Promise<WebCryptoKey>>();
  return {
    async verify(jwk, signingInput, signature) {
      const id = `${jwk.x}.${jwk.y}`;
      let key = keys.get(id);
      if (key === undefined) {
        key = subtle.importKey("jwk", { ...jwk }, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
        keys.set(id, key);
      }
      // JWS ES256 signatures are r || s (64 bytes), the encoding WebCrypto expects.
      return subtle.verify(
        { name: "ECDSA", hash: "SHA-256" },
        await key,
        signature as Uint8Array<ArrayBuffer>,
        signingInput as Uint8Array<ArrayBuffer>,
      );
    },
  };
}
