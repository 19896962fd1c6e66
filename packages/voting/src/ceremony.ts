import { createCipheriv, createDecipheriv } from "node:crypto";
import { concatBytes, fromHex, toHex } from "./bytes.ts";
import { keyFromHex, pointFromHex, schnorrToJson } from "./codec.ts";
import { VotingError } from "./errors.ts";
import { decodeScalar, encodePoint, encodeScalar, G, IDENTITY, mod, mul, type Point } from "./group.ts";
import { hashBytes } from "./hash.ts";
import { proveSchnorr } from "./proofs/schnorr.ts";
import type { EncryptedShareJson, TrusteeJson } from "./record.ts";
import { type Rng, randomScalar } from "./rng.ts";

/** Domain tags of the ceremony's proofs (SPEC §4). */
export const CEREMONY_TAGS = {
  coefficient: "trustee-coefficient",
  encryptionKey: "trustee-encryption-key",
  shares: "trustee-shares",
  shareKey: "share-key",
} as const;

/** A trustee's secrets; they never leave the trustee. */
export interface TrusteeSecrets {
  index: number;
  coefficients: bigint[];
  encryptionSecret: bigint;
}

/** Starts a trustee: random polynomial of degree k−1, Feldman commitments and proofs. */
export function createTrustee(
  index: number,
  k: number,
  baseHash: Uint8Array,
  rng: Rng,
): { secrets: TrusteeSecrets; message: Omit<TrusteeJson, "sharesSignature"> } {
  const coefficients = Array.from({ length: k }, () => randomScalar(rng));
  const commitments = coefficients.map((a) => G.multiply(a));
  const proofs = coefficients.map((a, j) =>
    proveSchnorr(a, commitments[j] as Point, CEREMONY_TAGS.coefficient, [baseHash, index, j], rng),
  );
  const encryptionSecret = randomScalar(rng);
  const encryptionKey = G.multiply(encryptionSecret);
  const encryptionKeyProof = proveSchnorr(
    encryptionSecret,
    encryptionKey,
    CEREMONY_TAGS.encryptionKey,
    [baseHash, index],
    rng,
  );
  return {
    secrets: { index, coefficients, encryptionSecret },
    message: {
      index,
      commitments: commitments.map((c) => toHex(encodePoint(c))),
      proofs: proofs.map(schnorrToJson),
      encryptionKey: toHex(encodePoint(encryptionKey)),
      encryptionKeyProof: schnorrToJson(encryptionKeyProof),
    },
  };
}

/** P_i(x) = Σ a_{i,l} x^l mod q. */
export function evaluatePolynomial(coefficients: bigint[], x: number): bigint {
  let acc = 0n;
  for (let l = coefficients.length - 1; l >= 0; l--) acc = mod(acc * BigInt(x) + (coefficients[l] ?? 0n));
  return acc;
}

/** Σ_l x^l · K_{i,l}: the public image g^{P_i(x)} computed from Feldman commitments. */
export function commitmentAt(commitments: Point[], x: number): Point {
  let acc = IDENTITY;
  let power = 1n;
  for (const c of commitments) {
    acc = acc.add(mul(c, power));
    power = mod(power * BigInt(x));
  }
  return acc;
}

function shareCipherKey(
  baseHash: Uint8Array,
  from: number,
  to: number,
  ephemeral: Point,
  shared: Point,
): Buffer {
  return Buffer.from(
    hashBytes(CEREMONY_TAGS.shareKey, [baseHash, from, to, encodePoint(ephemeral), encodePoint(shared)]),
  );
}

/** The bytes a trustee signs over all shares it sent (SPEC §4.3). */
export function sharesTranscript(shares: EncryptedShareJson[]): Uint8Array {
  return concatBytes(...shares.flatMap((s) => [fromHex(s.ephemeral, 32), fromHex(s.ciphertext, 48)]));
}

/**
 * Encrypts P_i(j) to every other trustee j under hashed ElGamal: an ephemeral key, a key
 * derived from the shared point, and AES-256-GCM (authenticated, so a recipient detects a
 * tampered share). A fresh key per share makes the fixed nonce safe.
 */
export function encryptShares(
  secrets: TrusteeSecrets,
  trustees: Array<Omit<TrusteeJson, "sharesSignature">>,
  baseHash: Uint8Array,
  rng: Rng,
  tamperWith?: number,
): { shares: EncryptedShareJson[]; sharesSignature: TrusteeJson["sharesSignature"] } {
  const shares: EncryptedShareJson[] = [];
  for (const t of trustees) {
    if (t.index === secrets.index) continue;
    let value = evaluatePolynomial(secrets.coefficients, t.index);
    // Only tests use tamperWith, to exercise the complaint path.
    if (t.index === tamperWith) value = mod(value + 1n);
    const r = randomScalar(rng);
    const ephemeral = G.multiply(r);
    const shared = keyFromHex(t.encryptionKey, "encryptionKey").multiply(r);
    const cipher = createCipheriv(
      "aes-256-gcm",
      shareCipherKey(baseHash, secrets.index, t.index, ephemeral, shared),
      Buffer.alloc(12),
    );
    const body = concatBytes(cipher.update(encodeScalar(value)), cipher.final(), cipher.getAuthTag());
    shares.push({
      from: secrets.index,
      to: t.index,
      ephemeral: toHex(encodePoint(ephemeral)),
      ciphertext: toHex(body),
    });
  }
  const key = G.multiply(secrets.encryptionSecret);
  const sig = proveSchnorr(
    secrets.encryptionSecret,
    key,
    CEREMONY_TAGS.shares,
    [baseHash, secrets.index, sharesTranscript(shares)],
    rng,
  );
  return { shares, sharesSignature: schnorrToJson(sig) };
}

/**
 * Decrypts a share addressed to this trustee and checks it against the sender's commitments.
 * Returns the share, or undefined when the recipient must file a public complaint.
 */
export function receiveShare(
  recipient: TrusteeSecrets,
  share: EncryptedShareJson,
  senderCommitments: string[],
  baseHash: Uint8Array,
): bigint | undefined {
  if (share.to !== recipient.index) {
    throw new VotingError(
      "VOTING_TRUSTEE_SHARE_INVALID",
      `share for trustee ${share.to} given to ${recipient.index}`,
    );
  }
  const ephemeral = pointFromHex(share.ephemeral, "share.ephemeral");
  const shared = ephemeral.multiply(recipient.encryptionSecret);
  const body = fromHex(share.ciphertext, 48, "share.ciphertext");
  let value: bigint;
  try {
    const d = createDecipheriv(
      "aes-256-gcm",
      shareCipherKey(baseHash, share.from, share.to, ephemeral, shared),
      Buffer.alloc(12),
    );
    d.setAuthTag(body.subarray(32));
    value = decodeScalar(new Uint8Array(Buffer.concat([d.update(body.subarray(0, 32)), d.final()])));
  } catch {
    return undefined;
  }
  return checkShare(value, recipient.index, senderCommitments) ? value : undefined;
}

/** Feldman check: g^{share} = Σ_l to^l K_{from,l}. */
export function checkShare(value: bigint, to: number, commitments: string[]): boolean {
  const pts = commitments.map((c, i) => keyFromHex(c, `commitments[${i}]`));
  return mul(G, value).equals(commitmentAt(pts, to));
}

/** A trustee's key share s_j = Σ_i P_i(j), from its own polynomial and the shares it received. */
export function combineKeyShare(own: TrusteeSecrets, received: bigint[]): bigint {
  return mod(received.reduce((a, b) => a + b, evaluatePolynomial(own.coefficients, own.index)));
}

/** The joint election key K = Σ_i K_{i,0}. The matching secret is never formed. */
export function jointPublicKey(trustees: Array<Pick<TrusteeJson, "commitments">>): Point {
  let acc = IDENTITY;
  for (const t of trustees) acc = acc.add(keyFromHex(t.commitments[0], "commitments[0]"));
  return acc;
}

/** Y_j = g^{s_j} = Σ_i Σ_l j^l K_{i,l}: what trustee j's partial decryptions are checked against. */
export function trusteeVerificationKey(j: number, trustees: Array<Pick<TrusteeJson, "commitments">>): Point {
  let acc = IDENTITY;
  for (const t of trustees) {
    acc = acc.add(
      commitmentAt(
        t.commitments.map((c, i) => keyFromHex(c, `commitments[${i}]`)),
        j,
      ),
    );
  }
  return acc;
}

/** The extended base hash H_E = H("extended", H_B, K, all commitments): ballots bind to it. */
export function computeExtendedHash(baseHash: Uint8Array, K: Point, trustees: TrusteeJson[]): Uint8Array {
  return hashBytes("extended", [
    baseHash,
    encodePoint(K),
    ...trustees.flatMap((t) => t.commitments.map((c) => fromHex(c, 32))),
  ]);
}
