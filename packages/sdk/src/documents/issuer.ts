// The issuer's signing key and JWS signing with node:crypto (OpenSSL's P-256: tens of thousands of
// signatures a second per core), plus the matching Node verifier. Browsers verify with
// `webCryptoJwsVerifier` instead; both check the same bytes.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import type { Hex } from "viem";
import { InvalidArgumentError } from "../errors/civitasError.ts";
import type { DocumentCredential } from "./credential.ts";
import {
  type DocumentJwsHeader,
  JWS_ALGORITHM,
  JWS_TYPE,
  type JwsVerifier,
  keyIdentifiers,
  type P256PublicJwk,
  toP256PublicJwk,
} from "./jws.ts";

/** An issuer's P-256 signing key with its public JWK and identifiers. */
export interface IssuerSigningKey {
  readonly privateKey: KeyObject;
  readonly publicJwk: P256PublicJwk;
  /** RFC 7638 thumbprint, base64url: the JWS `kid`. */
  readonly kid: string;
  /** The same thumbprint as bytes32: the keyId the trusted-issuers registry knows. */
  readonly keyId: Hex;
}

function fromKeyObject(privateKey: KeyObject): IssuerSigningKey {
  if (privateKey.asymmetricKeyType !== "ec" || privateKey.asymmetricKeyDetails?.namedCurve !== "prime256v1")
    throw new InvalidArgumentError("an issuer key must be an EC P-256 private key");
  const publicJwk = toP256PublicJwk(createPublicKey(privateKey).export({ format: "jwk" }));
  return { privateKey, publicJwk, ...keyIdentifiers(publicJwk) };
}

/** A new random P-256 issuer key. */
export function generateIssuerKey(): IssuerSigningKey {
  return fromKeyObject(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey);
}

/** Reads an issuer key from a private JWK (JSON) or a PKCS#8 / SEC1 PEM. */
export function loadIssuerKey(text: string): IssuerSigningKey {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith("{")
      ? createPrivateKey({ key: JSON.parse(trimmed), format: "jwk" })
      : createPrivateKey(trimmed);
  } catch (err) {
    throw new InvalidArgumentError(`not an issuer private key (JWK or PEM): ${(err as Error).message}`);
  }
  return fromKeyObject(key);
}

/** The key as a private JWK (JSON text) with its `kid`, for the issuer's key file. */
export function exportIssuerKey(key: IssuerSigningKey): string {
  return JSON.stringify({ ...key.privateKey.export({ format: "jwk" }), kid: key.kid, alg: JWS_ALGORITHM });
}

/** Signs credentials as compact JWS (VC-JOSE-COSE: typ vc+jwt, alg ES256, kid = the key's thumbprint). */
export function createCredentialSigner(key: IssuerSigningKey): (credential: DocumentCredential) => string {
  const header: DocumentJwsHeader = { alg: JWS_ALGORITHM, typ: JWS_TYPE, kid: key.kid };
  const encodedHeader = Buffer.from(JSON.stringify(header)).toString("base64url");
  return (credential) => {
    const signingInput = `${encodedHeader}.${Buffer.from(JSON.stringify(credential)).toString("base64url")}`;
    const signature = sign("sha256", Buffer.from(signingInput), {
      key: key.privateKey,
      dsaEncoding: "ieee-p1363",
    });
    return `${signingInput}.${signature.toString("base64url")}`;
  };
}

/** Verifies with node:crypto (synchronous, OpenSSL); public keys cached per JWK. */
export function nodeJwsVerifier(): JwsVerifier {
  const keys = new Map<string, KeyObject>();
  return {
    verify(jwk, signingInput, signature) {
      const id = `${jwk.x}.${jwk.y}`;
      let key = keys.get(id);
      if (key === undefined) {
        key = createPublicKey({ key: { ...jwk }, format: "jwk" });
        keys.set(id, key);
      }
      return verify("sha256", signingInput, { key, dsaEncoding: "ieee-p1363" }, signature);
    },
  };
}
