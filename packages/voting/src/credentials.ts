import type { webcrypto } from "node:crypto";
import { RSABSSA } from "@cloudflare/blindrsa-ts";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { compareBytes, concatBytes, fromHex, toHex, utf8 } from "./bytes.ts";
import { schnorrToJson } from "./codec.ts";
import { VotingError } from "./errors.ts";
import { encodePoint, G, type Point } from "./group.ts";
import { frame } from "./hash.ts";
import { proveSchnorr } from "./proofs/schnorr.ts";
import type { CredentialSignatureJson, IssuanceLogJson } from "./record.ts";
import { type Rng, randomScalar } from "./rng.ts";

/** RFC 9474 RSABSSA-SHA384-PSS-Randomized, the only blind-signature suite accepted. */
export const blindRsa = RSABSSA.SHA384.PSS.Randomized();

/** Domain tags used by credentials and issuance logs (SPEC §5). */
export const CREDENTIAL_TAGS = { message: "credential", log: "issuance-log" } as const;

/** Length of the RFC 9474 randomized-message prefix. */
export const PREFIX_LENGTH = 32;

/** A voter's credential key pair, made on the voter's device; the secret never leaves it. */
export interface CredentialKey {
  secret: bigint;
  publicKey: Point;
}

/** Makes a fresh credential key on the voter's device. */
export function createCredentialKey(rng: Rng): CredentialKey {
  const secret = randomScalar(rng);
  return { secret, publicKey: G.multiply(secret) };
}

/** The message an issuer blind-signs: framed ("credential", H_B, credential key). */
export function credentialMessage(baseHash: Uint8Array, publicKey: Point): Uint8Array {
  return frame(CREDENTIAL_TAGS.message, [baseHash, encodePoint(publicKey)]);
}

/** Imports an issuer's SPKI public key for RSA-PSS/SHA-384 verification. */
export async function importIssuerKey(spki: Uint8Array): Promise<webcrypto.CryptoKey> {
  return crypto.subtle.importKey("spki", spki, { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
}

/** What the device keeps between blinding and finalizing. */
export interface BlindRequest {
  prefix: Uint8Array;
  prepared: Uint8Array;
  blindedMessage: Uint8Array;
  inv: Uint8Array;
}

/** Device side: prepares (random prefix) and blinds the credential message for one issuer. */
export async function blindCredential(
  issuerKey: webcrypto.CryptoKey,
  baseHash: Uint8Array,
  publicKey: Point,
  rng: Rng,
): Promise<BlindRequest> {
  const prefix = rng(PREFIX_LENGTH);
  const prepared = concatBytes(prefix, credentialMessage(baseHash, publicKey));
  const { blindedMsg, inv } = await blindRsa.blind(issuerKey, prepared);
  return { prefix, prepared, blindedMessage: blindedMsg, inv };
}

/** Issuer side, after it has checked eligibility and logged the issuance: the blind signature. */
export async function signBlinded(
  issuerPrivateKey: webcrypto.CryptoKey,
  blindedMessage: Uint8Array,
): Promise<Uint8Array> {
  return blindRsa.blindSign(issuerPrivateKey, blindedMessage);
}

/** Device side: unblinds the issuer's answer into an ordinary RSA-PSS signature (checked). */
export async function finalizeCredential(
  issuerKey: webcrypto.CryptoKey,
  issuerId: string,
  request: BlindRequest,
  blindSignature: Uint8Array,
): Promise<CredentialSignatureJson> {
  const signature = await blindRsa.finalize(issuerKey, request.prepared, blindSignature, request.inv);
  return { issuer: issuerId, prefix: toHex(request.prefix), signature: toHex(signature) };
}

/** Verifies an issuer's signature on a credential key; false on any malformed input. */
export async function verifyCredentialSignature(
  issuerKey: webcrypto.CryptoKey,
  baseHash: Uint8Array,
  publicKey: Point,
  sig: CredentialSignatureJson,
): Promise<boolean> {
  try {
    const prefix = fromHex(sig.prefix, PREFIX_LENGTH, "prefix");
    const signature = fromHex(sig.signature, undefined, "signature");
    return await blindRsa.verify(
      issuerKey,
      signature,
      concatBytes(prefix, credentialMessage(baseHash, publicKey)),
    );
  } catch {
    return false;
  }
}

/**
 * An issuer's issuance log: one keyed hash (HMAC-SHA256 under the issuer's log secret) per
 * voter ID it issued to. Voters can ask "was a credential issued in my name?", and the
 * verifier checks that no issuer signed more credentials than it logged.
 */
export class IssuanceLog {
  readonly issuerId: string;
  private readonly logSecret: Uint8Array;
  private readonly entries = new Map<string, Uint8Array>();
  constructor(issuerId: string, logSecret: Uint8Array) {
    this.issuerId = issuerId;
    this.logSecret = logSecret;
  }
  /** The keyed hash of a voter ID. */
  entryFor(voterId: string): Uint8Array {
    return hmac(sha256, this.logSecret, utf8(voterId));
  }
  /** Records an issuance; a voter gets at most one credential per issuer. */
  record(voterId: string): void {
    const e = this.entryFor(voterId);
    const key = toHex(e);
    if (this.entries.has(key)) {
      throw new VotingError(
        "VOTING_CREDENTIAL_DUPLICATE",
        `voter already received a credential from ${this.issuerId}`,
      );
    }
    this.entries.set(key, e);
  }
  /** The signed log: entries sorted (so order reveals nothing about issuance time). */
  sign(logSecretKey: bigint, baseHash: Uint8Array, rng: Rng): IssuanceLogJson {
    const sorted = [...this.entries.values()].sort(compareBytes);
    const sig = proveSchnorr(
      logSecretKey,
      G.multiply(logSecretKey),
      CREDENTIAL_TAGS.log,
      [baseHash, utf8(this.issuerId), sorted.length, ...sorted],
      rng,
    );
    return { issuer: this.issuerId, entries: sorted.map(toHex), signature: schnorrToJson(sig) };
  }
}
