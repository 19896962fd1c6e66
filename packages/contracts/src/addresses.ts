// Fixed addresses of the system contracts that `civitas init` places in the genesis state.
// Chosen far from the precompiles (0x01–0x11) and the protocol's system contracts (EIP-2935,
// EIP-4788, EIP-7002, EIP-7251), and recognisable in a block explorer: "C1 7" for Civitas.

// Written in its EIP-55 checksum form (all lowercase for this address), which viem requires.
/** The IdentityRegistry of every Civitas network: who belongs to it and with which rights. */
export const IDENTITY_REGISTRY_ADDRESS = "0x00000000000000000000000000000000000c1701" as const;
