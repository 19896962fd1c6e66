// Fixed addresses of the system contracts that `civitas init` places in the genesis state.
// Chosen far from the precompiles (0x01–0x11) and the protocol's system contracts (EIP-2935,
// EIP-4788, EIP-7002, EIP-7251), and recognisable in a block explorer: "C1 7" for Civitas.

// Addresses are written in their EIP-55 checksum form, which viem requires.
/** The IdentityRegistry of every Civitas network: who belongs to it and with which rights. */
export const IDENTITY_REGISTRY_ADDRESS = "0x00000000000000000000000000000000000c1701" as const;

/** Powers of attorney (DOMAIN §2). */
export const POWER_OF_ATTORNEY_ADDRESS = "0x00000000000000000000000000000000000C1702" as const;
/** The ERC-2771 forwarder that relays an attorney's request for a grantor after `isAuthorized`. */
export const REPRESENTATION_FORWARDER_ADDRESS = "0x00000000000000000000000000000000000C1703" as const;
/** Trusted issuers of official documents: keys, validity windows, accreditations (DOMAIN §3). */
export const TRUSTED_ISSUERS_ADDRESS = "0x00000000000000000000000000000000000c1704" as const;
/** Anchors of document batches (Merkle roots) and the issuers' status lists (DOMAIN §3). */
export const DOCUMENT_REGISTRY_ADDRESS = "0x00000000000000000000000000000000000c1705" as const;
