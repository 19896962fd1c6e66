// Compact JWS (RFC 7515) as VC-JOSE-COSE secures a credential: header {alg: ES256, typ: vc+jwt, kid},
// payload the credential itself. Nothing here imports Node: verification goes through a small
// `JwsVerifier` so that a browser (WebCrypto) and the issuer's tooling (node:crypto) share the rest.
import { sha256 } from "@noble/hashes/sha2.js";
import { type Hex, hexToBytes } from "viem";
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

// Node's Buffer (native base64url and hex) where Node runs; the portable code below elsewhere.
// Found through process.getBuiltinModule so that browsers never import it.
type NodeBufferModule = typeof import("node:buffer");
const NodeBuffer = (
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    "node:buffer",
  ) as NodeBufferModule | undefined
)?.Buffer;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding, portable (btoa): what {@link base64url} gives where Node's Buffer is missing. */
export function base64urlPortable(bytes: Uint8Array | string): string {
  const data = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < data.length; i += 0x2000)
    binary += String.fromCharCode(...data.subarray(i, Math.min(i + 0x2000, data.length)));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64url, portable (atob): what {@link fromBase64url} does where Node's Buffer is missing. */
export function fromBase64urlPortable(text: string): Uint8Array {
  if (!BASE64URL.test(text)) throw new InvalidArgumentError("not base64url text");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** base64url without padding (RFC 4648 §5); a string is encoded as UTF-8 first. */
export function base64url(bytes: Uint8Array | string): string {
  if (NodeBuffer === undefined) return base64urlPortable(bytes);
  const buffer =
    typeof bytes === "string"
      ? NodeBuffer.from(bytes, "utf8")
      : NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString("base64url");
}

/** Decodes base64url; refuses characters outside its alphabet. */
export function fromBase64url(text: string): Uint8Array {
  // A length of 4n+1 is no encoding at all: the portable path refuses it as atob does.
  if (NodeBuffer === undefined || text.length % 4 === 1) return fromBase64urlPortable(text);
  if (!BASE64URL.test(text)) throw new InvalidArgumentError("not base64url text");
  const buffer = NodeBuffer.from(text, "base64url");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lowercase 0x hex of bytes, portable: what {@link toHexFast} gives where Node's Buffer is missing. */
export function toHexPortable(bytes: Uint8Array): Hex {
  let hex = "0x";
  for (let i = 0; i < bytes.length; i++) hex += HEX_DIGITS[bytes[i]!];
  return hex as Hex;
}

/** Lowercase 0x hex of bytes (as viem's bytesToHex), with Node's Buffer where it runs. */
export function toHexFast(bytes: Uint8Array): Hex {
  if (NodeBuffer === undefined) return toHexPortable(bytes);
  return `0x${NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
}

const BYTES32_HEX = /^0x[0-9a-fA-F]{64}$/;

/** The 32 bytes of a 0x hex word, or undefined when the text is not exactly that. */
export function bytes32FromHex(hex: string): Uint8Array | undefined {
  if (typeof hex !== "string" || !BYTES32_HEX.test(hex)) return undefined;
  if (NodeBuffer !== undefined) {
    const buffer = NodeBuffer.from(hex.slice(2), "hex");
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  return hexToBytes(hex as Hex);
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

// One issuer key signs thousands of documents: its identifiers are kept (a bounded cache).
const identifiersByKey = new Map<string, { kid: string; keyId: Hex }>();

/** The key's `kid` (base64url thumbprint) and `keyId` (the same 32 bytes as hex, as on chain). */
export function keyIdentifiers(jwk: P256PublicJwk): { kid: string; keyId: Hex } {
  const id = `${jwk.kty}.${jwk.crv}.${jwk.x}.${jwk.y}`;
  const known = identifiersByKey.get(id);
  if (known !== undefined) return { ...known };
  const thumbprint = jwkThumbprint(jwk);
  const ids = { kid: base64url(thumbprint), keyId: toHexFast(thumbprint) };
  if (identifiersByKey.size >= 256) identifiersByKey.clear();
  identifiersByKey.set(id, ids);
  return { ...ids };
}

/** The bytes32 keyId of a base64url `kid`, or undefined if it is not 32 bytes of base64url. */
export function kidToKeyId(kid: string): Hex | undefined {
  try {
    const bytes = fromBase64url(kid);
    return bytes.length === 32 ? toHexFast(bytes) : undefined;
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
