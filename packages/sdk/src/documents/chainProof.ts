// Offline chain proofs for official documents: a saved block header with its QBFT commit seals
// and the eth_getProof account and storage proofs of the few slots a document's verification
// reads (its batch's anchor, the issuer key, the accreditation windows, the two status words).
// Anyone holding the proof and the network's validator addresses can check, without a node, that
// a quorum of validators sealed the block, that the state root commits to those slots, and read
// the document's facts from them.
import {
  DOCUMENT_REGISTRY_ADDRESS,
  DOCUMENTS_STORAGE,
  STATUS_LIST_WORDS,
  StatusPurpose,
  TRUSTED_ISSUERS_ADDRESS,
} from "@civitas/contracts";
import { verifyMerkleProof } from "@ethereumjs/mpt";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import {
  type Address,
  type Client,
  concatHex,
  fromRlp,
  getAddress,
  type Hex,
  hexToBigInt,
  hexToBytes,
  isHex,
  keccak256,
  numberToHex,
  toHex,
  toRlp,
} from "viem";
import { getChainId, getStorageAt } from "viem/actions";
import { CivitasError, InvalidArgumentError } from "../errors/civitasError.ts";
import {
  checkFactsQuery,
  type DocumentChainFacts,
  type DocumentContracts,
  type DocumentFactsQuery,
  toDocumentChainFacts,
} from "./chainFacts.ts";

/** The format tag of a saved proof. */
const FORMAT = "civitas-document-chain-proof/1";

/** eth_getProof answers at most this many slots per call on Civitas nodes. */
const SLOTS_PER_PROOF_CALL = 1000;

/** keccak256 of the RLP of an empty string: the root of an empty trie. */
const EMPTY_TRIE_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

/**
 * Header fields in RLP order, with how each is encoded. The first fifteen are always present;
 * the later ones were added by forks and, when present, come in this order without gaps.
 */
const HEADER_FIELDS = [
  ["parentHash", "data"],
  ["sha3Uncles", "data"],
  ["miner", "data"],
  ["stateRoot", "data"],
  ["transactionsRoot", "data"],
  ["receiptsRoot", "data"],
  ["logsBloom", "data"],
  ["difficulty", "quantity"],
  ["number", "quantity"],
  ["gasLimit", "quantity"],
  ["gasUsed", "quantity"],
  ["timestamp", "quantity"],
  ["extraData", "data"],
  ["mixHash", "data"],
  ["nonce", "data"],
  ["baseFeePerGas", "quantity"],
  ["withdrawalsRoot", "data"],
  ["blobGasUsed", "quantity"],
  ["excessBlobGas", "quantity"],
  ["parentBeaconBlockRoot", "data"],
  ["requestsHash", "data"],
] as const;
const REQUIRED_HEADER_FIELDS = 15;

/** The account and storage proofs of one contract, as eth_getProof gives them. */
export interface ChainProofAccount {
  readonly address: Address;
  readonly accountProof: readonly Hex[];
  readonly storage: readonly { readonly slot: Hex; readonly value: Hex; readonly proof: readonly Hex[] }[];
}

/** A saved chain proof (JSON-serialisable): one sealed block header and the proofs of the slots read. */
export interface ChainProof {
  readonly format: typeof FORMAT;
  /** The chain id, as a hex quantity. */
  readonly chainId: Hex;
  readonly blockHash: Hex;
  /** The header's fields, named as eth_getBlockByNumber names them, hex. */
  readonly header: Readonly<Record<string, Hex>>;
  readonly documents: ChainProofAccount;
  readonly issuers: ChainProofAccount;
}

/** Options of {@link createChainProof}: the contracts and the block (default: the latest). */
export type CreateChainProofOptions = DocumentContracts & { readonly blockNumber?: bigint | undefined };

/** What a verifier trusts: the chain, its validators, and where the documents contracts are. */
export interface ChainProofTrust {
  readonly chainId: bigint;
  /** The validators whose commit seals count (⌈2n/3⌉ of them are needed). */
  readonly validators: readonly Address[];
  /** The DocumentRegistry's address (default: its fixed genesis address). */
  readonly documents?: Address | undefined;
  /** The TrustedIssuers registry's address (default: its fixed genesis address). */
  readonly issuers?: Address | undefined;
}

/** A proof whose seals and Merkle proofs have been checked: the proven storage words. */
export interface VerifiedChainProof {
  readonly blockNumber: bigint;
  readonly blockTimestamp: bigint;
  readonly blockHash: Hex;
  /** The trusted validators whose commit seals were found. */
  readonly signers: readonly Address[];
  /** Proven storage words by slot. */
  readonly documents: ReadonlyMap<bigint, bigint>;
  readonly issuers: ReadonlyMap<bigint, bigint>;
}

/** A chain proof failed a check; the message names which (seals, state root, a slot, coverage...). */
export class ChainProofError extends CivitasError {
  override name = "ChainProofError";
  constructor(message: string, cause?: unknown) {
    super("CHAIN_PROOF_INVALID", `Chain proof refused: ${message}`, cause === undefined ? {} : { cause });
  }
}

// ------------------------------------------------------------------ slots

const word = (value: bigint): Hex => numberToHex(value, { size: 32 });
/** The slot of `mapping[key]` for a mapping declared at `slot` (Solidity: keccak256(key . slot)). */
const mappingSlot = (key: Hex, slot: bigint): bigint => hexToBigInt(keccak256(concatHex([key, word(slot)])));
const MASK_64 = (1n << 64n) - 1n;

function keySlot(issuerId: Hex, keyId: Hex): bigint {
  return mappingSlot(keyId, mappingSlot(issuerId, DOCUMENTS_STORAGE.trustedIssuers.keys));
}

function accreditationsLengthSlot(issuerId: Hex, docType: Hex): bigint {
  return mappingSlot(docType, mappingSlot(issuerId, DOCUMENTS_STORAGE.trustedIssuers.accreditations));
}

function accreditationSlot(lengthSlot: bigint, index: bigint): bigint {
  return (
    hexToBigInt(keccak256(word(lengthSlot))) + DOCUMENTS_STORAGE.trustedIssuers.accreditationSlots * index
  );
}

function anchorSlot(root: Hex): bigint {
  return mappingSlot(root, DOCUMENTS_STORAGE.documentRegistry.anchors);
}

function statusWordSlot(issuerId: Hex, purpose: StatusPurpose, statusIndex: number): bigint {
  const list = mappingSlot(issuerId, DOCUMENTS_STORAGE.documentRegistry.status);
  return list + BigInt(STATUS_LIST_WORDS * purpose) + BigInt(statusIndex >> 8);
}

function statusBit(statusWord: bigint, statusIndex: number): boolean {
  return ((statusWord >> BigInt(255 - (statusIndex & 255))) & 1n) === 1n;
}

// ------------------------------------------------------------ creating

type RpcBlock = Record<string, unknown> & { hash?: Hex; number?: Hex };
type RpcProof = { accountProof: Hex[]; storageProof: { key: Hex; value: Hex; proof: Hex[] }[] };

async function proveSlots(
  client: Client,
  address: Address,
  slots: readonly bigint[],
  blockNumber: Hex,
): Promise<ChainProofAccount> {
  const unique = [...new Set(slots)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let accountProof: Hex[] = [];
  const storage: ChainProofAccount["storage"][number][] = [];
  // One call even without slots: the account proof is needed either way.
  for (let i = 0; i === 0 || i < unique.length; i += SLOTS_PER_PROOF_CALL) {
    const chunk = unique.slice(i, i + SLOTS_PER_PROOF_CALL).map(word);
    const proof = (await client.request({
      method: "eth_getProof",
      params: [address, chunk, blockNumber],
    } as never)) as RpcProof;
    accountProof = proof.accountProof;
    proof.storageProof.forEach((p, j) => {
      storage.push({ slot: chunk[j] as Hex, value: p.value, proof: p.proof });
    });
  }
  return { address: getAddress(address), accountProof, storage };
}

/**
 * Saves what the verification of `queries` reads from the chain, at one block (default: the
 * latest), as a proof anyone can check offline with {@link readDocumentFactsFromProof}.
 */
export async function createChainProof(
  client: Client,
  queries: readonly DocumentFactsQuery[],
  o: CreateChainProofOptions = {},
): Promise<ChainProof> {
  for (const q of queries) checkFactsQuery(q);
  const documents = o.documents ?? DOCUMENT_REGISTRY_ADDRESS;
  const issuers = o.issuers ?? TRUSTED_ISSUERS_ADDRESS;
  const tag = o.blockNumber === undefined ? "latest" : numberToHex(o.blockNumber);
  const block = (await client.request({
    method: "eth_getBlockByNumber",
    params: [tag, false],
  } as never)) as RpcBlock | null;
  if (block === null || typeof block.number !== "string" || typeof block.hash !== "string")
    throw new InvalidArgumentError(`the node has no block ${tag}`);
  const header = headerOf(block);
  if (onchainHash(header) !== block.hash.toLowerCase())
    throw new ChainProofError(
      `the header of block ${hexToBigInt(block.number)} as the node returned it does not hash to ${block.hash}`,
    );
  const chainId = await getChainId(client);

  const documentSlots: bigint[] = [];
  const issuerSlots: bigint[] = [];
  const lengthSlots = new Set<bigint>();
  for (const q of queries) {
    const anchor = anchorSlot(q.root);
    documentSlots.push(
      anchor,
      anchor + 1n,
      statusWordSlot(q.issuerId, StatusPurpose.REVOCATION, q.statusIndex),
      statusWordSlot(q.issuerId, StatusPurpose.SUSPENSION, q.statusIndex),
    );
    issuerSlots.push(keySlot(q.issuerId, q.keyId));
    lengthSlots.add(accreditationsLengthSlot(q.issuerId, q.docType));
  }
  for (const lengthSlot of lengthSlots) {
    issuerSlots.push(lengthSlot);
    const length = hexToBigInt(
      (await getStorageAt(client, {
        address: issuers,
        slot: word(lengthSlot),
        blockNumber: hexToBigInt(block.number),
      })) ?? "0x0",
    );
    for (let i = 0n; i < length; i++) issuerSlots.push(accreditationSlot(lengthSlot, i));
  }
  return {
    format: FORMAT,
    chainId: numberToHex(chainId),
    blockHash: block.hash.toLowerCase() as Hex,
    header,
    documents: await proveSlots(client, documents, documentSlots, block.number),
    issuers: await proveSlots(client, issuers, issuerSlots, block.number),
  };
}

function headerOf(block: RpcBlock): Record<string, Hex> {
  const header: Record<string, Hex> = {};
  for (const [name] of HEADER_FIELDS) {
    const value = block[name];
    if (typeof value !== "string") break;
    header[name] = value.toLowerCase() as Hex;
  }
  return header;
}

// ------------------------------------------------------------ verifying

/** A quantity as RLP wants it: minimal big-endian bytes, zero as the empty string. */
function quantityBytes(value: Hex): Hex {
  const n = hexToBigInt(value);
  if (n === 0n) return "0x";
  const digits = n.toString(16);
  return `0x${digits.length % 2 === 0 ? digits : `0${digits}`}`;
}

function headerRlpFields(header: Readonly<Record<string, Hex>>, extraData: Hex): Hex[] {
  const fields: Hex[] = [];
  let ended = false;
  HEADER_FIELDS.forEach(([name, kind], i) => {
    const value = header[name];
    if (value === undefined) {
      if (i < REQUIRED_HEADER_FIELDS) throw new ChainProofError(`the header has no ${name}`);
      ended = true;
      return;
    }
    if (ended) throw new ChainProofError(`the header has ${name} but not the fields before it`);
    if (!isHex(value, { strict: true })) throw new ChainProofError(`header field ${name} is not hex`);
    fields.push(name === "extraData" ? extraData : kind === "quantity" ? quantityBytes(value) : value);
  });
  return fields;
}

/** A decoded RLP item, as viem's fromRlp returns it in hex. */
type Rlp = Hex | readonly Rlp[];

interface QbftExtra {
  readonly vanity: Hex;
  readonly validators: readonly Hex[];
  readonly vote: Rlp;
  readonly round: Hex;
  readonly seals: readonly Hex[];
}

/** QBFT extraData: RLP([vanity, [validators], vote, round, [seals]]). */
function decodeExtraData(extraData: Hex): QbftExtra {
  let items: Rlp;
  try {
    items = fromRlp(extraData, "hex");
  } catch (cause) {
    throw new ChainProofError("the header's extraData is not RLP", cause);
  }
  const [vanity, validators, vote, round, seals] = Array.isArray(items) ? items : [];
  if (
    !Array.isArray(items) ||
    items.length !== 5 ||
    typeof vanity !== "string" ||
    !Array.isArray(validators) ||
    vote === undefined ||
    typeof round !== "string" ||
    !Array.isArray(seals) ||
    !seals.every((s) => typeof s === "string")
  )
    throw new ChainProofError(
      "the header's extraData is not QBFT extraData [vanity, validators, vote, round, seals]",
    );
  return {
    vanity: vanity as Hex,
    validators: validators as Hex[],
    vote,
    round: round as Hex,
    seals: seals as Hex[],
  };
}

function encodeExtraData(extra: QbftExtra, round: Hex, seals: readonly Hex[]): Hex {
  return toRlp([extra.vanity, [...extra.validators], extra.vote, round, [...seals]] as Rlp);
}

/** The block hash as QBFT computes it: extraData with round 0 and no seals (Besu's on-chain hash). */
function onchainHash(header: Readonly<Record<string, Hex>>): Hex {
  const extra = decodeExtraData(header["extraData"] ?? "0x");
  return keccak256(toRlp(headerRlpFields(header, encodeExtraData(extra, "0x", []))));
}

/** What validators sign as their commit seal: the header with the round kept and no seals. */
function commitSealDigest(header: Readonly<Record<string, Hex>>, extra: QbftExtra): Uint8Array {
  return hexToBytes(keccak256(toRlp(headerRlpFields(header, encodeExtraData(extra, extra.round, [])))));
}

/** The signer of a 65-byte seal r ‖ s ‖ recId, or undefined if it is no valid low-s signature. */
function sealSigner(digest: Uint8Array, seal: Hex): Address | undefined {
  const bytes = hexToBytes(seal);
  if (bytes.length !== 65 || (bytes[64] !== 0 && bytes[64] !== 1)) return undefined;
  try {
    const sig = secp256k1.Signature.fromBytes(bytes.subarray(0, 64), "compact").addRecoveryBit(bytes[64]);
    if (sig.hasHighS()) return undefined;
    const publicKey = sig.recoverPublicKey(digest).toBytes(false);
    return getAddress(`0x${keccak256(publicKey.subarray(1), "hex").slice(-40)}`);
  } catch {
    return undefined;
  }
}

/** ⌈2n/3⌉, written as QBFT's (2n − 1) div 3 + 1. */
function sealQuorum(validators: number): number {
  return Math.floor((2 * validators - 1) / 3) + 1;
}

function checkSeals(
  header: Readonly<Record<string, Hex>>,
  trust: ChainProofTrust,
  blockNumber: bigint,
): Address[] {
  if (trust.validators.length === 0) throw new ChainProofError("no trusted validators were given");
  const extra = decodeExtraData(header["extraData"] ?? "0x");
  const digest = commitSealDigest(header, extra);
  const trusted = new Set(trust.validators.map((v) => getAddress(v)));
  const signers = new Set<Address>();
  for (const seal of extra.seals) {
    const signer = sealSigner(digest, seal);
    if (signer !== undefined && trusted.has(signer)) signers.add(signer);
  }
  const needed = sealQuorum(trusted.size);
  if (signers.size < needed)
    throw new ChainProofError(
      `bad seal quorum: block ${blockNumber} carries commit seals of ${signers.size} of the ${trusted.size} trusted validators, ${needed} needed`,
    );
  return [...signers];
}

async function provenValue(key: Uint8Array, proof: readonly Hex[], root: Hex): Promise<Uint8Array | null> {
  // An empty proof proves only against an empty trie (the library would accept it for any root).
  if (proof.length === 0) {
    if (root.toLowerCase() === EMPTY_TRIE_ROOT) return null;
    throw new Error("empty proof for a non-empty trie");
  }
  return verifyMerkleProof(
    key,
    proof.map((n) => hexToBytes(n)),
    { root: hexToBytes(root), useKeyHashing: true },
  );
}

async function checkAccount(
  what: string,
  account: ChainProofAccount,
  expected: Address,
  stateRoot: Hex,
): Promise<Map<bigint, bigint>> {
  if (getAddress(account.address) !== getAddress(expected))
    throw new ChainProofError(`the ${what} proof is for ${account.address}, not the trusted ${expected}`);
  let encoded: Uint8Array | null;
  try {
    encoded = await provenValue(hexToBytes(account.address), account.accountProof, stateRoot);
  } catch (cause) {
    throw new ChainProofError(
      `state root mismatch: the account proof of ${what} ${account.address} does not lead to the header's state root`,
      cause,
    );
  }
  if (encoded === null) throw new ChainProofError(`the state has no ${what} contract at ${account.address}`);
  const fields = fromRlp(encoded, "hex");
  const storageRoot = (Array.isArray(fields) ? fields[2] : undefined) as Hex | undefined;
  if (typeof storageRoot !== "string" || hexToBytes(storageRoot).length !== 32)
    throw new ChainProofError(`the ${what} account record is malformed`);
  const words = new Map<bigint, bigint>();
  for (const entry of account.storage) {
    const slot = hexToBigInt(entry.slot);
    let value: Uint8Array | null;
    try {
      value = await provenValue(hexToBytes(word(slot)), entry.proof, storageRoot);
    } catch (cause) {
      throw new ChainProofError(
        `slot proof invalid: slot ${entry.slot} of ${what} does not verify against its storage root`,
        cause,
      );
    }
    const proven = value === null ? 0n : hexToBigInt(fromRlp(value, "hex") as Hex);
    if (proven !== hexToBigInt(entry.value))
      throw new ChainProofError(
        `slot proof invalid: slot ${entry.slot} of ${what} claims ${entry.value} but proves ${toHex(proven)}`,
      );
    words.set(slot, proven);
  }
  return words;
}

function checkShape(proof: ChainProof): void {
  const hex = (v: unknown) => typeof v === "string" && isHex(v, { strict: true });
  const account = (a: ChainProofAccount | undefined) =>
    a !== undefined &&
    hex(a.address) &&
    Array.isArray(a.accountProof) &&
    a.accountProof.every(hex) &&
    Array.isArray(a.storage) &&
    a.storage.every((s) => hex(s.slot) && hex(s.value) && Array.isArray(s.proof) && s.proof.every(hex));
  if (
    proof === null ||
    typeof proof !== "object" ||
    proof.format !== FORMAT ||
    !hex(proof.chainId) ||
    !hex(proof.blockHash) ||
    typeof proof.header !== "object" ||
    proof.header === null ||
    !account(proof.documents) ||
    !account(proof.issuers)
  )
    throw new ChainProofError(`not a ${FORMAT} document`);
}

/** Checks a chain proof against what the verifier trusts; throws {@link ChainProofError} naming the failed check. */
export async function verifyChainProof(
  proof: ChainProof,
  trust: ChainProofTrust,
): Promise<VerifiedChainProof> {
  checkShape(proof);
  if (hexToBigInt(proof.chainId) !== trust.chainId)
    throw new ChainProofError(`the proof is for chain ${hexToBigInt(proof.chainId)}, not ${trust.chainId}`);
  const { header } = proof;
  const blockNumber = hexToBigInt(header["number"] ?? "0x0");
  if (onchainHash(header) !== proof.blockHash.toLowerCase())
    throw new ChainProofError(
      `header hash mismatch: the header does not hash to block hash ${proof.blockHash}`,
    );
  const signers = checkSeals(header, trust, blockNumber);
  const stateRoot = header["stateRoot"] as Hex;
  return {
    blockNumber,
    blockTimestamp: hexToBigInt(header["timestamp"] as Hex),
    blockHash: proof.blockHash,
    signers,
    documents: await checkAccount(
      "DocumentRegistry",
      proof.documents,
      trust.documents ?? DOCUMENT_REGISTRY_ADDRESS,
      stateRoot,
    ),
    issuers: await checkAccount(
      "TrustedIssuers",
      proof.issuers,
      trust.issuers ?? TRUSTED_ISSUERS_ADDRESS,
      stateRoot,
    ),
  };
}

function proven(words: ReadonlyMap<bigint, bigint>, slot: bigint, what: string): bigint {
  const value = words.get(slot);
  if (value === undefined) throw new ChainProofError(`the proof does not cover ${what}`);
  return value;
}

/** The facts of one document from a verified proof (synchronous: no further checks are needed). */
export function factsFromVerifiedProof(
  verified: VerifiedChainProof,
  q: DocumentFactsQuery,
): DocumentChainFacts {
  checkFactsQuery(q);
  const d = verified.documents;
  const i = verified.issuers;
  const anchorAt = anchorSlot(q.root);
  const anchorIssuer = proven(d, anchorAt, `the anchor of root ${q.root}`);
  const packed = proven(d, anchorAt + 1n, `the anchor of root ${q.root}`);
  const anchoredAt = packed & MASK_64;
  const key = proven(i, keySlot(q.issuerId, q.keyId), `key ${q.keyId} of issuer ${q.issuerId}`);
  const validFrom = key & MASK_64;
  const validUntil = (key >> 64n) & MASK_64;
  const revokedAt = (key >> 128n) & MASK_64;
  const addedAt = key >> 192n;
  const keyValid =
    addedAt !== 0n &&
    validFrom <= anchoredAt &&
    anchoredAt < validUntil &&
    (revokedAt === 0n || anchoredAt < revokedAt);
  const lengthSlot = accreditationsLengthSlot(q.issuerId, q.docType);
  const accreditations = `the accreditations of issuer ${q.issuerId} for ${q.docType}`;
  const length = proven(i, lengthSlot, accreditations);
  let accredited = false;
  for (let n = 0n; n < length; n++) {
    const window = proven(i, accreditationSlot(lengthSlot, n), accreditations);
    if ((window & MASK_64) <= anchoredAt && anchoredAt < window >> 64n) accredited = true;
  }
  const revocation = proven(
    d,
    statusWordSlot(q.issuerId, StatusPurpose.REVOCATION, q.statusIndex),
    `status entry ${q.statusIndex}`,
  );
  const suspension = proven(
    d,
    statusWordSlot(q.issuerId, StatusPurpose.SUSPENSION, q.statusIndex),
    `status entry ${q.statusIndex}`,
  );
  const anchored = anchoredAt !== 0n;
  return toDocumentChainFacts(
    {
      anchor: { issuerId: word(anchorIssuer), anchoredAt, count: Number(packed >> 128n) },
      keyValidAtAnchor: anchored && keyValid,
      accreditedAtAnchor: anchored && accredited,
      revoked: statusBit(revocation, q.statusIndex),
      suspended: statusBit(suspension, q.statusIndex),
    },
    { number: verified.blockNumber, timestamp: verified.blockTimestamp },
  );
}

const verifications = new WeakMap<ChainProof, Map<string, Promise<VerifiedChainProof>>>();

function trustKey(trust: ChainProofTrust): string {
  return JSON.stringify([
    trust.chainId.toString(),
    trust.validators.map((v) => v.toLowerCase()).sort(),
    trust.documents?.toLowerCase() ?? null,
    trust.issuers?.toLowerCase() ?? null,
  ]);
}

/**
 * The facts of a document from a saved chain proof, offline: checks the header hash and a quorum
 * of commit seals by `trust.validators`, the contracts' account proofs against the header's state
 * root and the slots' storage proofs, then decodes the facts. Throws {@link ChainProofError}
 * naming what failed. A proof object is verified once per trust setting; the proven words are
 * kept, so later reads of the same proof do not depend on it being left unchanged.
 */
export async function readDocumentFactsFromProof(
  proof: ChainProof,
  q: DocumentFactsQuery,
  trust: ChainProofTrust,
): Promise<DocumentChainFacts> {
  checkFactsQuery(q);
  if (typeof proof !== "object" || proof === null) throw new ChainProofError(`not a ${FORMAT} document`);
  let byTrust = verifications.get(proof);
  if (byTrust === undefined) {
    byTrust = new Map();
    verifications.set(proof, byTrust);
  }
  const key = trustKey(trust);
  let verified = byTrust.get(key);
  if (verified === undefined) {
    verified = verifyChainProof(proof, trust);
    byTrust.set(key, verified);
    verified.catch(() => byTrust.delete(key));
  }
  return factsFromVerifiedProof(await verified, q);
}
