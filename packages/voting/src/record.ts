/**
 * The public election record in its JSON transport form. Every cryptographic value is the
 * lower-case hex of its canonical encoding (points and scalars 32 bytes); SPEC.md §3 lists
 * each field and the verification step that owns it.
 */

/** Schnorr proof or signature: commitment R and response s. */
export interface SchnorrJson {
  R: string;
  s: string;
}

/** Disjunctive Chaum–Pedersen proof that a ciphertext encrypts 0…L. */
export interface RangeProofJson {
  commitments: string[];
  challenges: string[];
  responses: string[];
}

/** One contest: options and the most options a voter may select. */
export interface ContestJson {
  id: string;
  title: string;
  options: string[];
  limit: number;
}

/** An issuer of voter credentials: its dedicated blind-signing key and its log-signing key. */
export interface IssuerJson {
  id: string;
  /** RSA public key (SubjectPublicKeyInfo DER) used only for RSABSSA-SHA384-PSS-Randomized. */
  blindRsaPublicKey: string;
  /** ristretto255 key that signs the issuer's issuance log. */
  logKey: string;
}

/** The election manifest: everything fixed before the key ceremony. */
export interface ManifestJson {
  spec: "civitas-voting/1";
  electionId: string;
  title: string;
  contests: ContestJson[];
  trustees: { n: number; k: number; names: string[] };
  issuers: IssuerJson[];
  /** Upper bound on any option's total, used for the bounded discrete logarithm. */
  maxTally: number;
}

/** One trustee's public ceremony message. */
export interface TrusteeJson {
  index: number;
  /** Feldman commitments K_{i,0…k−1} to the polynomial's coefficients; K_{i,0} is the trustee's public key. */
  commitments: string[];
  /** Schnorr proofs of knowledge of each coefficient. */
  proofs: SchnorrJson[];
  /** Key to which other trustees encrypt their shares for this trustee. */
  encryptionKey: string;
  encryptionKeyProof: SchnorrJson;
  /** Signature (by the encryption key) over all shares this trustee sent. */
  sharesSignature: SchnorrJson;
}

/** A polynomial share P_from(to), encrypted to trustee `to`. */
export interface EncryptedShareJson {
  from: number;
  to: number;
  ephemeral: string;
  ciphertext: string;
}

/** A public complaint: the accused trustee answered by revealing the disputed share. */
export interface ComplaintJson {
  accuser: number;
  accused: number;
  share: string;
}

/** The key ceremony's public transcript. */
export interface CeremonyJson {
  trustees: TrusteeJson[];
  shares: EncryptedShareJson[];
  complaints: ComplaintJson[];
}

/** An issuer's signed issuance log: keyed hashes of the voter IDs it issued a credential to. */
export interface IssuanceLogJson {
  issuer: string;
  entries: string[];
  signature: SchnorrJson;
}

/** An issuer's blind signature on a credential key. */
export interface CredentialSignatureJson {
  issuer: string;
  /** RFC 9474 randomized-message prefix (32 bytes). */
  prefix: string;
  signature: string;
}

/** A registered voter credential: public key plus one blind signature per issuer. */
export interface CredentialJson {
  publicKey: string;
  signatures: CredentialSignatureJson[];
}

/** One option's encrypted selection with its 0/1 proof. */
export interface SelectionJson {
  alpha: string;
  beta: string;
  proof: RangeProofJson;
}

/** One contest on a ballot. */
export interface ContestBallotJson {
  selections: SelectionJson[];
  limitProof: RangeProofJson;
}

/** A cast (or challenged) ballot. */
export interface BallotJson {
  credential: string;
  seq: number;
  contests: ContestBallotJson[];
  code: string;
  signature: SchnorrJson;
}

/** The secrets that open a challenged ballot: per contest the values and nonces. */
export interface OpeningJson {
  contests: Array<{ values: number[]; nonces: string[] }>;
}

/** A Benaloh-challenged ballot, opened and never counted. */
export interface ChallengedBallotJson {
  ballot: BallotJson;
  opening: OpeningJson;
}

/** Chaum–Pedersen proof of a correct partial decryption. */
export interface DecryptionProofJson {
  a: string;
  b: string;
  v: string;
}

/** One trustee's partial decryption of the whole aggregate. */
export interface PartialDecryptionJson {
  trustee: number;
  contests: Array<{ shares: Array<{ M: string; proof: DecryptionProofJson }> }>;
}

/** The tally: aggregate ciphertexts, partial decryptions and the announced results. */
export interface TallyJson {
  aggregate: Array<Array<{ alpha: string; beta: string }>>;
  partials: PartialDecryptionJson[];
  results: number[][];
}

/** A streamed list's file: how many lines it has and the hash chain over them (SPEC §9). */
export interface StreamJson {
  /** Plain file name, in the record's directory. */
  file: string;
  count: number;
  /** Last link of the ballot chain c_count (hex). */
  chain: string;
}

/** The complete public election record checked by the verifier (single-document form). */
export interface ElectionRecord {
  version: "civitas-election-record/1";
  manifest: ManifestJson;
  baseHash: string;
  ceremony: CeremonyJson;
  jointKey: string;
  extendedHash: string;
  issuanceLogs: IssuanceLogJson[];
  credentials: CredentialJson[];
  ballots: BallotJson[];
  challenged: ChallengedBallotJson[];
  tally: TallyJson;
}

/** The election-level fields every step but V5–V10 reads (credentials and ballots may be streamed). */
export type ElectionCore = Omit<ElectionRecord, "ballots" | "credentials">;

/** The election-level document of the streamed form: ballots (and credentials) in JSON-lines files. */
export interface StreamedElectionRecord extends ElectionCore {
  credentials?: CredentialJson[];
  credentialStream?: StreamJson;
  ballotStream: StreamJson;
}
