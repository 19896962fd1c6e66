import type { Common } from "@ethereumjs/common";
import { Capability, createTxFromRLP, type TypedTransaction } from "@ethereumjs/tx";
import { Address, equalsBytes } from "@ethereumjs/util";
import { keccak256 } from "../crypto/nativeCrypto.ts";
import { NodeError } from "../errors.ts";
import { encodeTrieNode } from "../trie/nodeEncoding.ts";
import { itemsOf } from "../trie/pathReader.ts";

/** Limits a transaction must respect before it is even considered for the pool. */
export interface TxLimits {
  /** Largest accepted encoded transaction, in bytes. */
  readonly maxTxBytes: number;
  /** Highest accepted gas limit: the block gas limit (and the EIP-7825 per-transaction cap). */
  readonly maxGas: bigint;
  /** Lowest accepted gas price / max fee; 0 on a free-gas network. */
  readonly minGasPrice: bigint;
}

/** A decoded, signature-checked transaction with its recovered sender. */
export interface CheckedTx {
  readonly tx: TypedTransaction;
  readonly sender: string;
  readonly hash: string;
  readonly size: number;
}

const BLOB_TX_TYPE = 3;

/**
 * Decodes a raw signed transaction and checks everything that does not depend on state:
 * encoding, size, type, chain id, signature (the sender is recovered once here and cached
 * on the transaction object), gas limits and fee floor. Messages begin with the phrases
 * geth uses ("nonce too low", "intrinsic gas too low", …) so client libraries classify them.
 */
export function checkRawTx(raw: Uint8Array, common: Common, limits: TxLimits): CheckedTx {
  if (raw.length > limits.maxTxBytes) {
    throw new NodeError(
      "TX_OVERSIZED",
      `oversized data: transaction is ${raw.length} bytes, the limit is ${limits.maxTxBytes}`,
    );
  }
  if (raw.length > 0 && raw[0] === BLOB_TX_TYPE) {
    throw new NodeError(
      "TX_UNSUPPORTED_TYPE",
      "transaction type not supported: blob transactions (type 3) are not accepted on this network",
    );
  }
  let tx: TypedTransaction;
  try {
    tx = createTxFromRLP(raw, { common, freeze: false });
  } catch (cause) {
    const message = (cause as Error).message;
    // EthereumJS refuses a chain id that differs from the Common's while decoding.
    if (/chain ?id|EIP155/i.test(message)) {
      throw new NodeError(
        "TX_WRONG_CHAIN",
        `invalid chain id: this is chain ${common.chainId()} (${message})`,
        { cause },
      );
    }
    // EthereumJS also refuses some bad signatures while decoding (s above n/2, EIP-2): the encoding is fine.
    if (/invalid signature/i.test(message)) {
      throw new NodeError("TX_BAD_SIGNATURE", `invalid sender: ${message}`, { cause });
    }
    throw new NodeError("TX_MALFORMED", `invalid transaction encoding: ${message}`, { cause });
  }
  if (tx.type === 0 && !tx.supports(Capability.EIP155ReplayProtection)) {
    throw new NodeError(
      "TX_WRONG_CHAIN",
      "invalid chain id: unprotected (pre-EIP-155) transactions are refused; sign with the chain id",
    );
  }
  pinEncoding(tx, raw);
  let sender: string;
  try {
    sender = pinSenderAddress(tx).toString();
  } catch (cause) {
    throw new NodeError("TX_BAD_SIGNATURE", `invalid sender: ${(cause as Error).message}`, { cause });
  }
  checkGas(tx, limits);
  return { tx, sender, hash: `0x${Buffer.from(tx.hash()).toString("hex")}`, size: raw.length };
}

function checkGas(tx: TypedTransaction, limits: TxLimits): void {
  if (tx.gasLimit > limits.maxGas) {
    throw new NodeError(
      "TX_GAS_LIMIT_TOO_HIGH",
      `exceeds block gas limit: gas ${tx.gasLimit} is above the limit of ${limits.maxGas}`,
    );
  }
  const intrinsic = tx.getIntrinsicGas();
  if (tx.gasLimit < intrinsic) {
    throw new NodeError(
      "TX_INTRINSIC_GAS",
      `intrinsic gas too low: gas ${tx.gasLimit}, minimum needed ${intrinsic}`,
    );
  }
  const price = "gasPrice" in tx ? tx.gasPrice : tx.maxFeePerGas;
  if (price < limits.minGasPrice) {
    throw new NodeError(
      "TX_FEE_TOO_LOW",
      `transaction underpriced: gas price ${price} is below this node's minimum ${limits.minGasPrice}`,
    );
  }
}

/**
 * Rebuilds a CheckedTx for a raw transaction that `checkRawTx` already accepted elsewhere (the
 * sender-recovery worker), adopting the public key it recovered so the signature is not
 * recovered again on this thread.
 */
export function adoptCheckedTx(
  raw: Uint8Array,
  common: Common,
  senderPublicKey: Uint8Array,
  canonical: boolean,
): CheckedTx {
  const tx = createTxFromRLP(raw, { common, freeze: false });
  tx.cache.senderPubKey = senderPublicKey;
  if (canonical) pinEncoding(tx, raw, true);
  return {
    tx,
    sender: pinSenderAddress(tx).toString(),
    hash: `0x${Buffer.from(tx.hash()).toString("hex")}`,
    size: raw.length,
  };
}

const pinned = new WeakSet<TypedTransaction>();

/** Whether `tx` carries its received encoding (see pinEncoding). */
export function hasPinnedEncoding(tx: TypedTransaction): boolean {
  return pinned.has(tx);
}

/**
 * Pins a typed transaction's encoding, as received, on the unfrozen object: `serialize()` returns
 * it and the hash is computed from it once. EthereumJS encodes a transaction again on every
 * `serialize()` and its first `hash()`, and a transaction is serialized for its hash, the block's
 * transactions root, the proposal sent to the other validators and the block written to disk.
 * Only an encoding that is the transaction's own (what EthereumJS would encode) is pinned; that
 * is checked here unless `known` says the caller checked it already (the worker did). Returns
 * whether it was pinned. A legacy transaction is left alone (blocks hold its fields, not its
 * encoding). EthereumJS's strict RLP decoding should make every typed transaction's encoding its
 * own; it is checked all the same, since the hash must be that of the bytes.
 */
function pinEncoding(tx: TypedTransaction, raw: Uint8Array, known = false): boolean {
  if (tx.type === 0) return false;
  if (!known && !equalsBytes(tx.serialize(), raw)) return false;
  pinned.add(tx);
  // A copy: `raw` may be a view into a larger buffer (a gossip message) that it would keep alive.
  const encoded = raw.slice();
  (tx as { serialize: () => Uint8Array }).serialize = () => encoded;
  tx.cache.hash = keccak256(encoded);
  // The hash the signature is checked against, taken from the same bytes (computed when asked).
  let signing: Uint8Array | undefined;
  (tx as { getMessageToVerifySignature: () => Uint8Array }).getMessageToVerifySignature = () =>
    (signing ??= typedSigningHash(encoded));
  return true;
}

/**
 * The hash a typed transaction's signature signs, from its canonical encoding
 * `type ‖ RLP([fields…, yParity, r, s])`: keccak of `type ‖ RLP([fields…])`, made from the
 * encoding's own items with the trie's RLP helpers (generic over any RLP list). EthereumJS encodes
 * the fields again from its objects for this: 12–18 µs of the 200 µs a transaction's check takes,
 * against 4–7 µs here. Only for an encoding known canonical (pinEncoding).
 */
export function typedSigningHash(encoded: Uint8Array): Uint8Array {
  const items = itemsOf(encoded.subarray(1));
  const s = items.at(-1);
  // itemsOf gives a string item as a view of `encoded`: the signature's s must end the encoding.
  if (
    items.length < 3 ||
    !(s instanceof Uint8Array) ||
    s.byteOffset + s.length !== encoded.byteOffset + encoded.length
  )
    throw new Error("a typed transaction's encoding ends with its signature's three items");
  const fields = encodeTrieNode(items.slice(0, -3));
  const message = new Uint8Array(1 + fields.length);
  message[0] = encoded[0]!;
  message.set(fields, 1);
  return keccak256(message);
}

/**
 * Recovers (or takes the already recovered) sender public key of an unfrozen transaction, computes
 * the sender address once with native keccak and pins it on the object, then freezes it as
 * EthereumJS would have. EthereumJS's `getSenderAddress` hashes the public key with its pure-JS
 * keccak on every call, and block execution calls it for every transaction; freezing afterwards
 * keeps EthereumJS's own caching of the hash and the public key.
 */
export function pinSenderAddress(tx: TypedTransaction): Address {
  const publicKey = tx.getSenderPublicKey();
  tx.cache.senderPubKey = publicKey;
  const address = new Address(keccak256(publicKey).subarray(12));
  (tx as { getSenderAddress: () => Address }).getSenderAddress = () => address;
  Object.freeze(tx);
  return address;
}
