// Constants of the official-documents contracts (TrustedIssuers, DocumentRegistry) that code
// outside Solidity relies on: status-list purposes and sizes, and the storage slots offline chain
// proofs read. The contract tests check the slots against solc's own storage layout.

/** Status lists of the DocumentRegistry, by purpose (its REVOCATION and SUSPENSION constants). */
export const StatusPurpose = { REVOCATION: 0, SUSPENSION: 1 } as const;
export type StatusPurpose = (typeof StatusPurpose)[keyof typeof StatusPurpose];

/** Entries of each status list (bits), and the 256-bit words that hold them. */
export const STATUS_LIST_SIZE = 131072;
export const STATUS_LIST_WORDS = 512;

/**
 * Declaration slots of the state offline proofs read. Derived slots (Solidity's rules):
 * - TrustedIssuers key (issuerId, keyId): keccak256(keyId . keccak256(issuerId . keys)), one word
 *   validFrom | validUntil << 64 | revokedAt << 128 | addedAt << 192;
 * - its accreditation windows (issuerId, docType): length at L = keccak256(docType .
 *   keccak256(issuerId . accreditations)); window i at keccak256(L) + 2i (from | until << 64);
 * - DocumentRegistry anchor of root: A = keccak256(root . anchors) holds issuerId, A + 1 holds
 *   anchoredAt | blockNumber << 64 | count << 128;
 * - status word w of list `purpose` of issuerId: keccak256(issuerId . status) + 512·purpose + w,
 *   entry i in bit 255 − i mod 256 of word i div 256.
 */
export const DOCUMENTS_STORAGE = {
  trustedIssuers: { keys: 6n, accreditations: 7n, accreditationSlots: 2n },
  documentRegistry: { anchors: 0n, status: 1n },
} as const;
