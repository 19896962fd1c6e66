// Checks eth_getProof answers for real: every proof node is hashed and linked from the block's
// state root (or the account's storage root) down to the leaf, with EthereumJS's trie code.
import { verifyMerkleProof } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import { bytesToBigInt, bytesToHex, type Hex, hexToBytes, keccak256 } from "viem";

// RLP encodes zero as the empty string, which viem's bytesToBigInt does not accept.
function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : bytesToBigInt(bytes);
}

/** An eth_getProof result (EIP-1186). */
export interface ProofResult {
  readonly address: Hex;
  readonly balance: Hex;
  readonly nonce: Hex;
  readonly codeHash: Hex;
  readonly storageHash: Hex;
  readonly accountProof: readonly Hex[];
  readonly storageProof: readonly { key: Hex; value: Hex; proof: readonly Hex[] }[];
}

/** An account as the state trie holds it. */
export interface ProvenAccount {
  readonly nonce: bigint;
  readonly balance: bigint;
  readonly storageRoot: Hex;
  readonly codeHash: Hex;
}

/**
 * Verifies the account proof against `stateRoot` and returns the account it proves, or null for
 * a valid proof that the account does not exist. Throws if the proof does not check out.
 */
export async function proveAccount(proof: ProofResult, stateRoot: Hex): Promise<ProvenAccount | null> {
  const leaf = await verifyMerkleProof(
    hexToBytes(keccak256(proof.address)),
    proof.accountProof.map((node) => hexToBytes(node)),
    { root: hexToBytes(stateRoot), useKeyHashing: false },
  );
  if (leaf === null) return null;
  const [nonce, balance, storageRoot, codeHash] = RLP.decode(leaf) as Uint8Array[];
  return {
    nonce: toBigInt(nonce!),
    balance: toBigInt(balance!),
    storageRoot: bytesToHex(storageRoot!),
    codeHash: bytesToHex(codeHash!),
  };
}

/** Verifies a storage proof against `storageRoot` and returns the proven slot value (0 when absent). */
export async function proveStorage(storageRoot: Hex, slot: Hex, proof: readonly Hex[]): Promise<bigint> {
  const leaf = await verifyMerkleProof(
    hexToBytes(keccak256(slot)),
    proof.map((node) => hexToBytes(node)),
    { root: hexToBytes(storageRoot), useKeyHashing: false },
  );
  return leaf === null ? 0n : toBigInt(RLP.decode(leaf) as Uint8Array);
}
