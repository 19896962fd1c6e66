// Runs a complete, reproducible election (ceremony, credentials, ballots, tally) from a seed.
// Used by the fixture, property and negative tests and by the benchmark.
import type { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  aggregateBallots,
  aggregateToJson,
  type BallotJson,
  blindCredential,
  type ChallengedBallotJson,
  type ComplaintJson,
  type ContestJson,
  type CredentialJson,
  type CredentialKey,
  combineKeyShare,
  computeBaseHash,
  computeExtendedHash,
  countedBallots,
  createCredentialKey,
  createTrustee,
  decryptTotals,
  type ElectionContext,
  type ElectionRecord,
  encodePoint,
  encodeScalar,
  encryptBallot,
  encryptShares,
  evaluatePolynomial,
  finalizeCredential,
  G,
  IssuanceLog,
  importIssuerKey,
  jointPublicKey,
  type ManifestJson,
  partialDecrypt,
  type Rng,
  randomScalar,
  receiveShare,
  seededRng,
  signBlinded,
  type TrusteeJson,
  toHex,
} from "../../src/index.ts";

type Jwk = webcrypto.JsonWebKey;
const ISSUER_KEYS = (
  JSON.parse(readFileSync(new URL("../fixtures/issuer-keys.json", import.meta.url), "utf8")) as {
    keys: Jwk[];
  }
).keys;

/** What to simulate. */
export interface SimulationOptions {
  seed: string;
  trustees: { n: number; k: number };
  contests: ContestJson[];
  voters: number;
  issuers?: number;
  /** How many voters cast a second ballot (the last one counts). */
  revoters?: number;
  /** How many voters challenge a ballot before casting (Benaloh). */
  challengers?: number;
  /** Trustee 1 sends trustee 2 a wrong share, which is settled by a public complaint. */
  complaint?: boolean;
  /** Which trustees decrypt (default: the first k). */
  decryptWith?: number[];
  /** The manifest's bound on a tally total (default: the number of voters). */
  maxTally?: number;
}

/** The record plus the secrets a test may need (never part of the record). */
export interface Simulation {
  record: ElectionRecord;
  context: ElectionContext;
  credentials: CredentialKey[];
  keyShares: bigint[];
  /** Plaintext totals of the counted ballots, from the simulated voters' choices. */
  expected: number[][];
  rng: Rng;
  /** The issuers' secrets (signing key, log key, issuance log), for generators of large records. */
  issuers: Array<{ id: string; privateKey: webcrypto.CryptoKey; logSecretKey: bigint; log: IssuanceLog }>;
}

/**
 * Routes the blind-RSA library's internal randomness (salt, blinding factor) through the
 * seeded stream while `fn` runs, so that the fixture is reproducible byte for byte.
 */
async function withSeededWebCrypto<T>(rng: Rng, fn: () => Promise<T>): Promise<T> {
  const c = globalThis.crypto as { getRandomValues: <A extends ArrayBufferView>(a: A) => A };
  const original = c.getRandomValues;
  c.getRandomValues = <A extends ArrayBufferView>(a: A): A => {
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength).set(rng(a.byteLength));
    return a;
  };
  try {
    return await fn();
  } finally {
    c.getRandomValues = original;
  }
}

/** Random valid choices: per contest up to `limit` options set to 1. */
export function randomChoices(contests: ContestJson[], rng: Rng): number[][] {
  return contests.map((c) => {
    const picks = (rng(1)[0] ?? 0) % (c.limit + 1);
    const values = c.options.map(() => 0);
    for (let p = 0; p < picks; p++) values[(rng(1)[0] ?? 0) % values.length] = 1;
    return values;
  });
}

/** Runs the whole election deterministically from `seed`. */
export async function simulateElection(o: SimulationOptions): Promise<Simulation> {
  const rng = seededRng(o.seed);
  return withSeededWebCrypto(rng, () => run(o, rng));
}

/**
 * The issuers, one after the other: each draws from the seeded stream after awaiting WebCrypto,
 * so loading them concurrently would let the machine's scheduling decide who draws first (the
 * fixture then failed to regenerate on a loaded machine).
 */
async function loadIssuers(count: number, rng: Rng) {
  const issuers = [];
  for (const [i, jwk] of ISSUER_KEYS.slice(0, count).entries()) {
    const alg = { name: "RSA-PSS", hash: "SHA-384" };
    const privateKey = await crypto.subtle.importKey("jwk", jwk, alg, true, ["sign"]);
    const pub: Jwk = { kty: jwk.kty, n: jwk.n, e: jwk.e, alg: jwk.alg, ext: true, key_ops: ["verify"] };
    const publicKey = await crypto.subtle.importKey("jwk", pub, alg, true, ["verify"]);
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", publicKey));
    const id = `issuer-${i + 1}`;
    issuers.push({
      id,
      privateKey,
      spki,
      logSecretKey: randomScalar(rng),
      log: new IssuanceLog(id, rng(32)),
    });
  }
  return issuers;
}

async function run(o: SimulationOptions, rng: Rng): Promise<Simulation> {
  const issuers = await loadIssuers(o.issuers ?? 2, rng);
  const manifest: ManifestJson = {
    spec: "civitas-voting/1",
    electionId: `sim-${o.seed}`,
    title: "Simulated municipal election",
    contests: o.contests,
    trustees: {
      n: o.trustees.n,
      k: o.trustees.k,
      names: Array.from({ length: o.trustees.n }, (_, i) => `Trustee ${i + 1}`),
    },
    issuers: issuers.map((i) => ({
      id: i.id,
      blindRsaPublicKey: toHex(i.spki),
      logKey: toHex(encodePoint(G.multiply(i.logSecretKey))),
    })),
    maxTally: o.maxTally ?? Math.max(1, o.voters),
  };
  const baseHash = computeBaseHash(manifest);

  // Key ceremony.
  const started = Array.from({ length: o.trustees.n }, (_, i) =>
    createTrustee(i + 1, o.trustees.k, baseHash, rng),
  );
  const messages = started.map((s) => s.message);
  const sent = started.map((s) =>
    encryptShares(s.secrets, messages, baseHash, rng, o.complaint && s.secrets.index === 1 ? 2 : undefined),
  );
  const trustees: TrusteeJson[] = messages.map((m, i) => ({
    ...m,
    sharesSignature: (sent[i] as (typeof sent)[number]).sharesSignature,
  }));
  const shares = sent.flatMap((s) => s.shares);
  const complaints: ComplaintJson[] = [];
  const keyShares = started.map((me) => {
    const received = shares
      .filter((s) => s.to === me.secrets.index)
      .map((s) => {
        const sender = started[s.from - 1] as (typeof started)[number];
        const value = receiveShare(me.secrets, s, sender.message.commitments, baseHash);
        if (value !== undefined) return value;
        // Public complaint: the accused answers by revealing the correct share.
        const revealed = evaluatePolynomial(sender.secrets.coefficients, me.secrets.index);
        complaints.push({ accuser: me.secrets.index, accused: s.from, share: toHex(encodeScalar(revealed)) });
        return revealed;
      });
    return combineKeyShare(me.secrets, received);
  });
  const K = jointPublicKey(trustees);
  const extendedHash = computeExtendedHash(baseHash, K, trustees);
  const context: ElectionContext = { manifest, extendedHash, jointKey: K };

  // Credentials: made on the device, blind-signed by every issuer.
  const credentials: CredentialKey[] = [];
  const registered: CredentialJson[] = [];
  for (let v = 0; v < o.voters; v++) {
    const key = createCredentialKey(rng);
    const signatures = [];
    for (const issuer of issuers) {
      issuer.log.record(`voter-${v}`);
      const pub = await importIssuerKey(issuer.spki);
      const request = await blindCredential(pub, baseHash, key.publicKey, rng);
      const blindSig = await signBlinded(issuer.privateKey, request.blindedMessage);
      signatures.push(await finalizeCredential(pub, issuer.id, request, blindSig));
    }
    credentials.push(key);
    registered.push({ publicKey: toHex(encodePoint(key.publicKey)), signatures });
  }
  const issuanceLogs = issuers.map((i) => i.log.sign(i.logSecretKey, baseHash, rng));

  // Voting: challenges, first ballots, re-votes.
  const ballots: BallotJson[] = [];
  const challenged: ChallengedBallotJson[] = [];
  const finalChoice: number[][][] = [];
  credentials.forEach((cred, v) => {
    if (v < (o.challengers ?? 0)) {
      const spoiled = encryptBallot(context, cred, 0, randomChoices(o.contests, rng), rng);
      challenged.push({ ballot: spoiled.ballot, opening: spoiled.opening });
    }
    const choices = randomChoices(o.contests, rng);
    ballots.push(encryptBallot(context, cred, 0, choices, rng).ballot);
    finalChoice[v] = choices;
  });
  for (let v = 0; v < (o.revoters ?? 0) && v < credentials.length; v++) {
    const choices = randomChoices(o.contests, rng);
    ballots.push(encryptBallot(context, credentials[v] as CredentialKey, 1, choices, rng).ballot);
    finalChoice[v] = choices;
  }

  // Tally: aggregate only, partial decryptions by the chosen trustees.
  const counted = countedBallots(ballots);
  const aggregate = aggregateBallots(ballots, counted);
  const decryptors = o.decryptWith ?? Array.from({ length: o.trustees.k }, (_, i) => i + 1);
  const partials = decryptors.map((j) =>
    partialDecrypt(j, keyShares[j - 1] as bigint, aggregate, extendedHash, rng),
  );
  const results = decryptTotals(aggregate, partials, manifest.maxTally);
  const expected = o.contests.map((c, ci) =>
    c.options.map((_, oi) => finalChoice.reduce((a, ch) => a + (ch[ci]?.[oi] ?? 0), 0)),
  );

  const record: ElectionRecord = {
    version: "civitas-election-record/1",
    manifest,
    baseHash: toHex(baseHash),
    ceremony: { trustees, shares, complaints },
    jointKey: toHex(encodePoint(K)),
    extendedHash: toHex(extendedHash),
    issuanceLogs,
    credentials: registered,
    ballots,
    challenged,
    tally: { aggregate: aggregateToJson(aggregate), partials, results },
  };
  return { record, context, credentials, keyShares, expected, rng, issuers };
}

/** The fixture election: 3 trustees (k = 2), 2 issuers, two contests, 6 voters. */
export const FIXTURE_OPTIONS: SimulationOptions = {
  seed: "civitas-fixture-1",
  trustees: { n: 3, k: 2 },
  contests: [
    { id: "council", title: "City council", options: ["Ana", "Bruno", "Carmen"], limit: 2 },
    { id: "park", title: "Build the new park?", options: ["Yes", "No"], limit: 1 },
  ],
  voters: 6,
  revoters: 2,
  challengers: 1,
  complaint: true,
};
