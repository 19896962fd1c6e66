// Generated from src/IdentityRegistry.sol by scripts/build.ts (solc 0.8.37+commit.f401782d.Emscripten.clang, EVM osaka, optimizer 200 runs).
// Do not edit: change the Solidity source and run `npm run build -w @civitas/contracts`.

/** ABI of IdentityRegistry. */
export const abi = [
  {
    inputs: [
      { internalType: "address[]", name: "admins", type: "address[]" },
      { internalType: "uint256", name: "initialQuorum", type: "uint256" },
      { internalType: "address[]", name: "registrars", type: "address[]" },
      { internalType: "bytes32", name: "caFingerprint", type: "bytes32" },
      { internalType: "bytes32[]", name: "issuers", type: "bytes32[]" },
    ],
    stateMutability: "nonpayable",
    type: "constructor",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "AccountAlreadyRegistered",
    type: "error",
  },
  { inputs: [], name: "AdminLevelNeedsQuorum", type: "error" },
  {
    inputs: [
      { internalType: "bytes32", name: "id", type: "bytes32" },
      { internalType: "address", name: "admin", type: "address" },
    ],
    name: "AlreadyApproved",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "AlreadyNetworkAdmin",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "AlreadyRegistrar",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "bindingHash", type: "bytes32" }],
    name: "BindingAlreadyUsed",
    type: "error",
  },
  {
    inputs: [{ internalType: "uint64", name: "expiresAt", type: "uint64" }],
    name: "BindingExpired",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "caller", type: "address" }],
    name: "CallerSuspended",
    type: "error",
  },
  {
    inputs: [
      { internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
      { internalType: "address", name: "account", type: "address" },
    ],
    name: "CertificateAlreadyBound",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" }],
    name: "CertificateAlreadyRevoked",
    type: "error",
  },
  {
    inputs: [
      { internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
      { internalType: "uint64", name: "notAfter", type: "uint64" },
    ],
    name: "CertificateExpired",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" }],
    name: "CertificateIsRevoked",
    type: "error",
  },
  {
    inputs: [
      { internalType: "enum IdentityRegistry.Assurance", name: "required", type: "uint8" },
      { internalType: "enum IdentityRegistry.Assurance", name: "given", type: "uint8" },
    ],
    name: "InsufficientAssurance",
    type: "error",
  },
  {
    inputs: [{ internalType: "uint8", name: "assurance", type: "uint8" }],
    name: "InvalidAssurance",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "InvalidBindingSignature",
    type: "error",
  },
  {
    inputs: [
      { internalType: "uint256", name: "quorum", type: "uint256" },
      { internalType: "uint256", name: "adminCount", type: "uint256" },
    ],
    name: "InvalidQuorum",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "issuerFingerprint", type: "bytes32" }],
    name: "IssuerAlreadyTrusted",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "caller", type: "address" }],
    name: "NotNetworkAdmin",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "caller", type: "address" }],
    name: "NotRegistrar",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "organisation", type: "bytes32" }],
    name: "OrganisationExists",
    type: "error",
  },
  {
    inputs: [
      { internalType: "bytes32", name: "organisation", type: "bytes32" },
      { internalType: "uint256", name: "children", type: "uint256" },
      { internalType: "uint256", name: "members", type: "uint256" },
    ],
    name: "OrganisationNotEmpty",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "id", type: "bytes32" }],
    name: "ProposalAlreadyExecuted",
    type: "error",
  },
  {
    inputs: [
      { internalType: "bytes32", name: "id", type: "bytes32" },
      { internalType: "uint256", name: "approvals", type: "uint256" },
      { internalType: "uint256", name: "quorum", type: "uint256" },
    ],
    name: "QuorumNotReached",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "SelfRegistration",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "UnknownMember",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "UnknownNetworkAdmin",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "organisation", type: "bytes32" }],
    name: "UnknownOrganisation",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "id", type: "bytes32" }],
    name: "UnknownProposal",
    type: "error",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "UnknownRegistrar",
    type: "error",
  },
  {
    inputs: [
      { internalType: "bytes32", name: "organisation", type: "bytes32" },
      { internalType: "bytes32", name: "role", type: "bytes32" },
    ],
    name: "UnknownRole",
    type: "error",
  },
  {
    inputs: [{ internalType: "bytes32", name: "issuerFingerprint", type: "bytes32" }],
    name: "UntrustedIssuer",
    type: "error",
  },
  { inputs: [], name: "ZeroAddress", type: "error" },
  { inputs: [], name: "ZeroIdentifier", type: "error" },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
      { indexed: true, internalType: "address", name: "account", type: "address" },
      { indexed: false, internalType: "uint8", name: "reason", type: "uint8" },
    ],
    name: "CertificateRevoked",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [{ indexed: true, internalType: "bytes32", name: "issuerFingerprint", type: "bytes32" }],
    name: "IssuerAdded",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [{ indexed: true, internalType: "bytes32", name: "issuerFingerprint", type: "bytes32" }],
    name: "IssuerRemoved",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "address", name: "account", type: "address" },
      { indexed: true, internalType: "bytes32", name: "organisation", type: "bytes32" },
      { indexed: true, internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
      { indexed: false, internalType: "bytes32", name: "role", type: "bytes32" },
      { indexed: false, internalType: "bytes32", name: "issuerFingerprint", type: "bytes32" },
      { indexed: false, internalType: "enum IdentityRegistry.Assurance", name: "assurance", type: "uint8" },
      { indexed: false, internalType: "uint64", name: "notAfter", type: "uint64" },
      { indexed: false, internalType: "bytes32", name: "bindingHash", type: "bytes32" },
      { indexed: false, internalType: "address", name: "registrar", type: "address" },
    ],
    name: "MemberRegistered",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "address", name: "account", type: "address" },
      { indexed: true, internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
    ],
    name: "MemberRemoved",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "address", name: "account", type: "address" },
      { indexed: true, internalType: "bytes32", name: "organisation", type: "bytes32" },
      { indexed: false, internalType: "bytes32", name: "role", type: "bytes32" },
    ],
    name: "MemberRoleChanged",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [{ indexed: true, internalType: "address", name: "account", type: "address" }],
    name: "NetworkAdminAdded",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [{ indexed: true, internalType: "address", name: "account", type: "address" }],
    name: "NetworkAdminRemoved",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "bytes32", name: "organisation", type: "bytes32" },
      { indexed: true, internalType: "bytes32", name: "parent", type: "bytes32" },
    ],
    name: "OrganisationAdded",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [{ indexed: true, internalType: "bytes32", name: "organisation", type: "bytes32" }],
    name: "OrganisationRemoved",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "bytes32", name: "id", type: "bytes32" },
      { indexed: true, internalType: "address", name: "admin", type: "address" },
      { indexed: false, internalType: "uint256", name: "approvals", type: "uint256" },
    ],
    name: "ProposalApproved",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "bytes32", name: "id", type: "bytes32" },
      { indexed: true, internalType: "address", name: "proposer", type: "address" },
      { indexed: false, internalType: "enum IdentityRegistry.Action", name: "action", type: "uint8" },
      { indexed: false, internalType: "bytes32", name: "subject", type: "bytes32" },
      { indexed: false, internalType: "bytes32", name: "argument", type: "bytes32" },
    ],
    name: "ProposalCreated",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "bytes32", name: "id", type: "bytes32" },
      { indexed: true, internalType: "address", name: "executor", type: "address" },
    ],
    name: "ProposalExecuted",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [{ indexed: false, internalType: "uint256", name: "quorum", type: "uint256" }],
    name: "QuorumChanged",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [{ indexed: true, internalType: "address", name: "account", type: "address" }],
    name: "RegistrarAdded",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [{ indexed: true, internalType: "address", name: "account", type: "address" }],
    name: "RegistrarRemoved",
    type: "event",
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: "bytes32", name: "organisation", type: "bytes32" },
      { indexed: true, internalType: "bytes32", name: "role", type: "bytes32" },
      { indexed: false, internalType: "enum IdentityRegistry.AccessLevel", name: "level", type: "uint8" },
      {
        indexed: false,
        internalType: "enum IdentityRegistry.Assurance",
        name: "minAssurance",
        type: "uint8",
      },
    ],
    name: "RoleDefined",
    type: "event",
  },
  {
    inputs: [],
    name: "BINDING_TYPEHASH",
    outputs: [{ internalType: "bytes32", name: "", type: "bytes32" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [],
    name: "MIN_QUORUM",
    outputs: [{ internalType: "uint256", name: "", type: "uint256" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      { internalType: "address", name: "account", type: "address" },
      { internalType: "uint64", name: "time", type: "uint64" },
    ],
    name: "accessLevelAt",
    outputs: [{ internalType: "enum IdentityRegistry.AccessLevel", name: "level", type: "uint8" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "accessLevelOf",
    outputs: [{ internalType: "enum IdentityRegistry.AccessLevel", name: "", type: "uint8" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "", type: "bytes32" }],
    name: "accountOfCertificate",
    outputs: [{ internalType: "address", name: "", type: "address" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [],
    name: "adminCount",
    outputs: [{ internalType: "uint256", name: "", type: "uint256" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "id", type: "bytes32" }],
    name: "approve",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      { internalType: "address", name: "account", type: "address" },
      { internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
      { internalType: "bytes32", name: "nonce", type: "bytes32" },
      { internalType: "uint64", name: "expiresAt", type: "uint64" },
    ],
    name: "bindingDigest",
    outputs: [{ internalType: "bytes32", name: "", type: "bytes32" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      { internalType: "address", name: "account", type: "address" },
      { internalType: "bytes32", name: "role", type: "bytes32" },
    ],
    name: "changeMemberRole",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "id", type: "bytes32" }],
    name: "currentApprovals",
    outputs: [{ internalType: "uint256", name: "approvals", type: "uint256" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      { internalType: "bytes32", name: "organisation", type: "bytes32" },
      { internalType: "bytes32", name: "role", type: "bytes32" },
      { internalType: "enum IdentityRegistry.AccessLevel", name: "level", type: "uint8" },
      { internalType: "enum IdentityRegistry.Assurance", name: "minAssurance", type: "uint8" },
    ],
    name: "defineRole",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [],
    name: "domainSeparator",
    outputs: [{ internalType: "bytes32", name: "", type: "bytes32" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "id", type: "bytes32" }],
    name: "execute",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      { internalType: "address", name: "account", type: "address" },
      { internalType: "uint64", name: "time", type: "uint64" },
    ],
    name: "isActive",
    outputs: [{ internalType: "bool", name: "", type: "bool" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "", type: "bytes32" }],
    name: "isBindingUsed",
    outputs: [{ internalType: "bool", name: "", type: "bool" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "", type: "bytes32" }],
    name: "isCertificateRevoked",
    outputs: [{ internalType: "bool", name: "", type: "bool" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "address", name: "", type: "address" }],
    name: "isNetworkAdmin",
    outputs: [{ internalType: "bool", name: "", type: "bool" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "address", name: "", type: "address" }],
    name: "isRegistrar",
    outputs: [{ internalType: "bool", name: "", type: "bool" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "", type: "bytes32" }],
    name: "isTrustedIssuer",
    outputs: [{ internalType: "bool", name: "", type: "bool" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "memberOf",
    outputs: [
      {
        components: [
          { internalType: "bytes32", name: "organisation", type: "bytes32" },
          { internalType: "bytes32", name: "role", type: "bytes32" },
          { internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
          { internalType: "bytes32", name: "issuerFingerprint", type: "bytes32" },
          { internalType: "bytes32", name: "subjectRef", type: "bytes32" },
          { internalType: "bytes32", name: "bindingHash", type: "bytes32" },
          { internalType: "uint64", name: "notAfter", type: "uint64" },
          { internalType: "uint64", name: "registeredAt", type: "uint64" },
          { internalType: "enum IdentityRegistry.Assurance", name: "assurance", type: "uint8" },
          { internalType: "address", name: "registrar", type: "address" },
        ],
        internalType: "struct IdentityRegistry.Member",
        name: "",
        type: "tuple",
      },
    ],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "organisation", type: "bytes32" }],
    name: "organisationOf",
    outputs: [
      {
        components: [
          { internalType: "bytes32", name: "parent", type: "bytes32" },
          { internalType: "bool", name: "exists", type: "bool" },
          { internalType: "uint32", name: "children", type: "uint32" },
          { internalType: "uint64", name: "memberCount", type: "uint64" },
        ],
        internalType: "struct IdentityRegistry.Organisation",
        name: "",
        type: "tuple",
      },
    ],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      { internalType: "address", name: "account", type: "address" },
      { internalType: "uint64", name: "time", type: "uint64" },
    ],
    name: "permissionAt",
    outputs: [
      { internalType: "enum IdentityRegistry.AccessLevel", name: "level", type: "uint8" },
      { internalType: "enum IdentityRegistry.MemberStatus", name: "status", type: "uint8" },
      { internalType: "uint64", name: "validUntil", type: "uint64" },
    ],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [],
    name: "proposalCount",
    outputs: [{ internalType: "uint256", name: "", type: "uint256" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [{ internalType: "bytes32", name: "id", type: "bytes32" }],
    name: "proposalOf",
    outputs: [
      {
        components: [
          { internalType: "enum IdentityRegistry.Action", name: "action", type: "uint8" },
          { internalType: "bytes32", name: "subject", type: "bytes32" },
          { internalType: "bytes32", name: "argument", type: "bytes32" },
          { internalType: "address", name: "proposer", type: "address" },
          { internalType: "bool", name: "executed", type: "bool" },
          { internalType: "address[]", name: "approvers", type: "address[]" },
        ],
        internalType: "struct IdentityRegistry.Proposal",
        name: "",
        type: "tuple",
      },
    ],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      { internalType: "enum IdentityRegistry.Action", name: "action", type: "uint8" },
      { internalType: "bytes32", name: "subject", type: "bytes32" },
      { internalType: "bytes32", name: "argument", type: "bytes32" },
    ],
    name: "propose",
    outputs: [{ internalType: "bytes32", name: "id", type: "bytes32" }],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [],
    name: "quorum",
    outputs: [{ internalType: "uint256", name: "", type: "uint256" }],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          { internalType: "address", name: "account", type: "address" },
          { internalType: "bytes32", name: "organisation", type: "bytes32" },
          { internalType: "bytes32", name: "role", type: "bytes32" },
          { internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
          { internalType: "bytes32", name: "issuerFingerprint", type: "bytes32" },
          { internalType: "bytes32", name: "subjectRef", type: "bytes32" },
          { internalType: "enum IdentityRegistry.Assurance", name: "assurance", type: "uint8" },
          { internalType: "uint64", name: "notAfter", type: "uint64" },
          { internalType: "bytes32", name: "bindingNonce", type: "bytes32" },
          { internalType: "uint64", name: "bindingExpiresAt", type: "uint64" },
          { internalType: "bytes", name: "accountSignature", type: "bytes" },
        ],
        internalType: "struct IdentityRegistry.Registration",
        name: "r",
        type: "tuple",
      },
    ],
    name: "registerMember",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          { internalType: "address", name: "account", type: "address" },
          { internalType: "bytes32", name: "organisation", type: "bytes32" },
          { internalType: "bytes32", name: "role", type: "bytes32" },
          { internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
          { internalType: "bytes32", name: "issuerFingerprint", type: "bytes32" },
          { internalType: "bytes32", name: "subjectRef", type: "bytes32" },
          { internalType: "enum IdentityRegistry.Assurance", name: "assurance", type: "uint8" },
          { internalType: "uint64", name: "notAfter", type: "uint64" },
          { internalType: "bytes32", name: "bindingNonce", type: "bytes32" },
          { internalType: "uint64", name: "bindingExpiresAt", type: "uint64" },
          { internalType: "bytes", name: "accountSignature", type: "bytes" },
        ],
        internalType: "struct IdentityRegistry.Registration[]",
        name: "rs",
        type: "tuple[]",
      },
    ],
    name: "registerMembers",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [{ internalType: "address", name: "account", type: "address" }],
    name: "removeMember",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      { internalType: "bytes32", name: "certificateFingerprint", type: "bytes32" },
      { internalType: "uint8", name: "reason", type: "uint8" },
    ],
    name: "revokeCertificate",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      { internalType: "bytes32", name: "organisation", type: "bytes32" },
      { internalType: "bytes32", name: "role", type: "bytes32" },
    ],
    name: "roleOf",
    outputs: [
      {
        components: [
          { internalType: "enum IdentityRegistry.AccessLevel", name: "level", type: "uint8" },
          { internalType: "enum IdentityRegistry.Assurance", name: "minAssurance", type: "uint8" },
        ],
        internalType: "struct IdentityRegistry.Role",
        name: "",
        type: "tuple",
      },
    ],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [],
    name: "rootCaFingerprint",
    outputs: [{ internalType: "bytes32", name: "", type: "bytes32" }],
    stateMutability: "view",
    type: "function",
  },
] as const;

/** Creation code of IdentityRegistry (constructor arguments are appended ABI-encoded). */
export const bytecode =
  "0x60a060405234801561000f575f5ffd5b50604051613b0e380380613b0e83398101604081905261002e91610513565b8161004c5760405163e334302b60e01b815260040160405180910390fd5b60808290525f5b855181101561008c576100848682815181106100715761007161060e565b602002602001015161012160201b60201c565b600101610053565b5061009684610202565b5f5b83518110156100d1576100c98482815181106100b6576100b661060e565b602002602001015161027860201b60201c565b600101610098565b506100db8261032e565b5f5b81518110156101165761010e8282815181106100fb576100fb61060e565b602002602001015161032e60201b60201c565b6001016100dd565b505050505050610647565b6001600160a01b0381166101485760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff161561019157604051630371b34f60e31b81526001600160a01b03821660048201526024015b60405180910390fd5b6001600160a01b0381165f908152600260205260408120805460ff191660019081179091558054909182916101c7908390610622565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6002811080610212575060015481115b1561023e5760015460405163158589c560e11b8152610188918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b6001600160a01b03811661029f5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff16156102e357604051639746dd8560e01b81526001600160a01b0382166004820152602401610188565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b8061034c5760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff161561037e5760405163bc666d6b60e01b815260048101829052602401610188565b5f818152600460209081526040808320805460ff19166001179055600e90915281205463ffffffff16900361040257600d80546001810182557fd7b6990105719101dabeb77144f2a3385c8033acd3af97e9423a695e81ad1eb501829055545f828152600e60205260409020805463ffffffff191663ffffffff9092169190911790555b60405181907fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b905f90a250565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b038111828210171561046b5761046b61042f565b604052919050565b5f6001600160401b0382111561048b5761048b61042f565b5060051b60200190565b5f82601f8301126104a4575f5ffd5b81516104b76104b282610473565b610443565b8082825260208201915060208360051b8601019250858311156104d8575f5ffd5b602085015b838110156105095780516001600160a01b03811681146104fb575f5ffd5b8352602092830192016104dd565b5095945050505050565b5f5f5f5f5f60a08688031215610527575f5ffd5b85516001600160401b0381111561053c575f5ffd5b61054888828901610495565b60208801516040890151919750955090506001600160401b0381111561056c575f5ffd5b61057888828901610495565b60608801516080890151919550935090506001600160401b0381111561059c575f5ffd5b8601601f810188136105ac575f5ffd5b80516105ba6104b282610473565b8082825260208201915060208360051b85010192508a8311156105db575f5ffd5b6020840193505b828410156105fd5783518252602093840193909101906105e2565b809450505050509295509295909350565b634e487b7160e01b5f52603260045260245ffd5b8082018082111561064157634e487b7160e01b5f52601160045260245ffd5b92915050565b6080516134af61065f5f395f61033c01526134af5ff3fe608060405234801561000f575f5ffd5b50600436106101e7575f3560e01c8063a760c29511610109578063d1aa0c201161009e578063f48c0abf1161006e578063f48c0abf1461056f578063f698da251461058f578063febb936014610597578063ff089698146105b9575f5ffd5b8063d1aa0c201461050f578063d5db72eb14610531578063da35c66414610553578063e751f2711461055c575f5ffd5b8063b5c05126116100d9578063b5c05126146104b6578063c6da2c1d146104d6578063cacf2e3e146104e9578063cfbda36d146104fc575f5ffd5b8063a760c29514610371578063ad376b1e146103b1578063b041b273146103c4578063b44103e1146103e6575f5ffd5b80635f3ad7091161017f5780639522be051161014f5780639522be0514610311578063a08ca42914610324578063a1bb291814610337578063a53a1adf1461035e575f5ffd5b80635f3ad709146102bc57806367c354a2146102c45780636e8d66f9146102eb57806377941971146102fe575f5ffd5b8063259350b4116101ba578063259350b41461025e5780632b7832b3146102805780633b4c9891146102895780635091aead146102a9575f5ffd5b80630b1ca49a146101eb5780631703a0181461020057806317dc688d1461021b5780631ed4237e1461023b575b5f5ffd5b6101fe6101f9366004612dbc565b6105db565b005b6102085f5481565b6040519081526020015b60405180910390f35b61022e610229366004612dbc565b610796565b6040516102129190612e04565b61024e610249366004612e28565b6107a7565b6040519015158152602001610212565b61024e61026c366004612e59565b60096020525f908152604090205460ff1681565b61020860015481565b61029c610297366004612dbc565b61085a565b6040516102129190612e80565b61022e6102b7366004612e28565b610924565b610208600281565b6102087fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695281565b6101fe6102f9366004612f25565b610a09565b6101fe61030c366004612f5c565b610a6e565b61020861031f366004612fcb565b610b0a565b6101fe61033236600461300e565b610bca565b6102087f000000000000000000000000000000000000000000000000000000000000000081565b6101fe61036c366004612e59565b610e0a565b61039961037f366004612e59565b60086020525f90815260409020546001600160a01b031681565b6040516001600160a01b039091168152602001610212565b6102086103bf366004613036565b610f49565b61024e6103d2366004612e59565b600a6020525f908152604090205460ff1681565b6104726103f4366004612e59565b604080516080810182525f808252602082018190529181018290526060810191909152505f9081526005602090815260409182902082516080810184528154815260019091015460ff8116151592820192909252610100820463ffffffff1692810192909252600160281b90046001600160401b0316606082015290565b60405161021291908151815260208083015115159082015260408083015163ffffffff16908201526060918201516001600160401b03169181019190915260800190565b6104c96104c436600461306b565b6110e3565b604051610212919061308b565b6101fe6104e43660046130af565b61117c565b6102086104f7366004612e59565b6112cb565b6101fe61050a3660046130f0565b611344565b61024e61051d366004612dbc565b60026020525f908152604090205460ff1681565b61024e61053f366004612dbc565b60036020525f908152604090205460ff1681565b610208600c5481565b6101fe61056a366004612e59565b6115b8565b61058261057d366004612e59565b6116bf565b604051610212919061313d565b6102086117ea565b61024e6105a5366004612e59565b60046020525f908152604090205460ff1681565b6105cc6105c7366004612e28565b61188e565b604051610212939291906131dd565b335f9081526003602052604090205460ff16610611576040516353ac4f0760e01b81523360048201526024015b60405180910390fd5b61061a33611981565b15610639576040516249595760e61b8152336004820152602401610608565b6001600160a01b0381165f90815260076020526040812060068101549091600160401b9091046001600160401b0316900361069257604051631ebfbd3560e11b81526001600160a01b0383166004820152602401610608565b600281015481545f90815260056020819052604090912060019081018054919290916106cf908490600160281b90046001600160401b031661322c565b82546001600160401b039182166101009390930a9283029190920219909116179055505f81815260086020908152604080832080546001600160a01b03199081169091556001600160a01b03871680855260079384905282852085815560018101869055600281018690556003810186905560048101869055600581018690556006810180546001600160d01b0319169055909301805490911690555183927fbd1f9a02c9ef3c31bebe4c93654b10bf2693f6db933277e6896355ae68c8aac791a3505050565b5f6107a18242610924565b92915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b031682036107e2575f9150506107a1565b60028101545f9081526009602052604090205460ff16158015610816575060068101546001600160401b0390811690841611155b8015610834575060038101545f9081526004602052604090205460ff165b8015610852575080545f9081526005602052604090206001015460ff165b949350505050565b610862612d3a565b6001600160a01b0382165f9081526007602090815260409182902082516101408101845281548152600182015492810192909252600281015492820192909252600380830154606083015260048301546080830152600583015460a083015260068301546001600160401b0380821660c0850152600160401b82041660e0840152610100830191600160801b90910460ff169081111561090457610904612ddc565b81526007909201546001600160a01b031660209092019190915292915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b0316156109915761095f84846107a7565b61096c575f9150506107a1565b80545f9081526006602090815260408083206001850154845290915290205460ff1691505b6001600160a01b0384165f9081526002602052604090205460ff16156109bb5760049150506107a1565b6001600160a01b0384165f9081526003602052604090205460ff1680156109f3575060028260048111156109f1576109f1612ddc565b105b15610a025760029150506107a1565b5092915050565b335f9081526003602052604090205460ff16610a3a576040516353ac4f0760e01b8152336004820152602401610608565b610a4333611981565b15610a62576040516249595760e61b8152336004820152602401610608565b610a6b816119c6565b50565b335f9081526003602052604090205460ff16610a9f576040516353ac4f0760e01b8152336004820152602401610608565b610aa833611981565b15610ac7576040516249595760e61b8152336004820152602401610608565b5f5b81811015610b0557610afd838383818110610ae657610ae661324b565b9050602002810190610af8919061325f565b6119c6565b600101610ac9565b505050565b604080517fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695260208201526001600160a01b0386169181019190915260608101849052608081018390526001600160401b03821660a08201525f90819060c001604051602081830303815290604052805190602001209050610b896117ea565b60405161190160f01b602082015260228101919091526042810182905260620160405160208183030381529060405280519060200120915050949350505050565b335f9081526003602052604090205460ff16610bfb576040516353ac4f0760e01b8152336004820152602401610608565b610c0433611981565b15610c23576040516249595760e61b8152336004820152602401610608565b336001600160a01b03831603610c5757604051633af6c3cf60e21b81526001600160a01b0383166004820152602401610608565b6001600160a01b0382165f90815260076020526040812060068101549091600160401b9091046001600160401b03169003610cb057604051631ebfbd3560e11b81526001600160a01b0384166004820152602401610608565b80545f908152600660209081526040808320858452909152812090815460ff166004811115610ce157610ce1612ddc565b03610d0c5781546040516393ddf35760e01b8152600481019190915260248101849052604401610608565b8054610100900460ff166003811115610d2757610d27612ddc565b6006830154600160801b900460ff166003811115610d4757610d47612ddc565b1015610d815780546006830154604051630ca0f98360e41b81526106089260ff610100909104811692600160801b9004169060040161327e565b6001820183905581545f8181526010602090815260408083208784528252918290205460068601805463ffffffff60b01b191663ffffffff909216600160b01b0291909117905590518581526001600160a01b038716917f87a428676f0d592dc6d0c79ab4322a277ef26bcf652dcb6f515bfd1d44f39dbb91015b60405180910390a350505050565b335f9081526002602052604090205460ff16610e3b5760405163614d9c0f60e01b8152336004820152602401610608565b610e4433611981565b15610e63576040516249595760e61b8152336004820152602401610608565b5f610e6d826120f2565b90505f5b6004820154811015610edf57336001600160a01b0316826004018281548110610e9c57610e9c61324b565b5f918252602090912001546001600160a01b031603610ed75760405163a72db78760e01b815260048101849052336024820152604401610608565b600101610e71565b506004810180546001810182555f828152602090200180546001600160a01b03191633908117909155905460405184917f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d891610f3d91815260200190565b60405180910390a35050565b335f9081526002602052604081205460ff16610f7a5760405163614d9c0f60e01b8152336004820152602401610608565b610f8333611981565b15610fa2576040516249595760e61b8152336004820152602401610608565b4630600c54868686604051602001610fbf96959493929190613299565b6040516020818303038152906040528051906020012090506001600c5f828254610fe991906132d7565b90915550505f818152600b6020526040902080548590829060ff1916600183600881111561101957611019612ddc565b0217905550600181810185905560028201849055600382018054336001600160a01b0319918216811790925560048401805493840181555f908152602090209092018054909216811790915560405183907f2983098ddf6d264d29bc4f819953117994bff6f397c32ac9106cac23df117e109061109b908990899089906132ea565b60405180910390a360405160018152339083907f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d89060200160405180910390a3509392505050565b6040805180820182525f808252602080830182905285825260068152838220858352905282902082518084019093528054919291829060ff16600481111561112d5761112d612ddc565b600481111561113e5761113e612ddc565b81528154602090910190610100900460ff16600381111561116157611161612ddc565b600381111561117257611172612ddc565b9052509392505050565b335f9081526003602052604090205460ff166111ad576040516353ac4f0760e01b8152336004820152602401610608565b6111b633611981565b156111d5576040516249595760e61b8152336004820152602401610608565b816111f35760405163e334302b60e01b815260040160405180910390fd5b5f8281526009602052604090205460ff16156112255760405163b93e450d60e01b815260048101839052602401610608565b5f828152600960209081526040808320805460ff1916600117905560089091529020546001600160a01b03168015611283576001600160a01b0381165f908152600760205260409020600601805460ff60881b1916600160881b1790555b60405160ff831681526001600160a01b0382169084907fdee87d5a47f91fd756be2a82d5f23e9c99a33d099a0e68a44b5c829200eb62e89060200160405180910390a3505050565b5f818152600b60205260408120600401815b815481101561133d5760025f8383815481106112fb576112fb61324b565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff1615611335578261133181613309565b9350505b6001016112dd565b5050919050565b335f9081526003602052604090205460ff16611375576040516353ac4f0760e01b8152336004820152602401610608565b61137e33611981565b1561139d576040516249595760e61b8152336004820152602401610608565b5f8481526005602052604090206001015460ff166113d15760405163701ca60560e01b815260048101859052602401610608565b826113ef5760405163e334302b60e01b815260040160405180910390fd5b600482600481111561140357611403612ddc565b0361142157604051632b2005c560e01b815260040160405180910390fd5b604051806040016040528083600481111561143e5761143e612ddc565b815260200182600381111561145557611455612ddc565b90525f858152600660209081526040808320878452909152902081518154829060ff1916600183600481111561148d5761148d612ddc565b021790555060208201518154829061ff0019166101008360038111156114b5576114b5612ddc565b021790555050505f84815260106020908152604080832086845290915281205463ffffffff169003611585576040805180820182528581526020808201868152600f80546001810182555f82815294517f8d1108e10bcb7c27dddfc02ed9d693a074039d026cf4ea4240b40f7d581ac80260029092029182015591517f8d1108e10bcb7c27dddfc02ed9d693a074039d026cf4ea4240b40f7d581ac803909201919091555487835260108252838320878452909152919020805463ffffffff191663ffffffff9092169190911790555b82847f060d0a3166eae61df75e7cee9308112fce696317bce809fb254e4cd7efd7a3528484604051610dfc929190613321565b335f9081526002602052604090205460ff166115e95760405163614d9c0f60e01b8152336004820152602401610608565b6115f233611981565b15611611576040516249595760e61b8152336004820152602401610608565b5f61161b826120f2565b90505f611627836112cb565b90505f5481101561165f575f54604051631b3e005d60e11b815260048101859052602481018390526044810191909152606401610608565b60038201805460ff60a01b1916600160a01b17905581546001830154600284015461168e9260ff169190612162565b604051339084907ff20459f0cd23ff5b3028bc90ea400293e55b573e4e60f3b01e45325428994ee1905f90a3505050565b6116ff6040805160c08101909152805f81526020015f81526020015f81526020015f6001600160a01b031681526020015f15158152602001606081525090565b5f828152600b602052604090819020815160c081019092528054829060ff16600881111561172f5761172f612ddc565b600881111561174057611740612ddc565b81526001820154602080830191909152600283015460408084019190915260038401546001600160a01b0381166060850152600160a01b900460ff161515608084015260048401805482518185028101850190935280835260a09094019391929091908301828280156117da57602002820191905f5260205f20905b81546001600160a01b031681526001909101906020018083116117bc575b5050505050815250509050919050565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f6b3dd38d116122c42baabc20a0340ea5b3957b862782c2ff0526744a40a4d56a918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b6001600160a01b0382165f908152600760205260408120600681015482916001600160401b0391600160401b9004821683036118cc575f925061196d565b60028101545f9081526009602052604090205460ff16156118f0576002925061196d565b60068101546001600160401b039081169086161115611912576003925061196d565b60038101545f9081526004602052604090205460ff16611935576004925061196d565b80545f9081526005602052604090206001015460ff16611958576005925061196d565b6006810154600193506001600160401b031691505b6119778686610924565b9350509250925092565b6001600160a01b0381165f90815260076020526040812060060154600160401b90046001600160401b0316158015906107a157506119bf82426107a7565b1592915050565b5f6119d46020830183612dbc565b6001600160a01b0316036119fb5760405163d92e233d60e01b815260040160405180910390fd5b33611a096020830183612dbc565b6001600160a01b031603611a4957611a246020820182612dbc565b604051633af6c3cf60e21b81526001600160a01b039091166004820152602401610608565b60075f611a596020840184612dbc565b6001600160a01b0316815260208101919091526040015f2060060154600160401b90046001600160401b031615611abc57611a976020820182612dbc565b60405163486ef2d560e01b81526001600160a01b039091166004820152602401610608565b6020808201355f908152600590915260409020600181015460ff16611afa5760405163701ca60560e01b815260208301356004820152602401610608565b6020808301355f90815260068252604080822081860135835290925290812090815460ff166004811115611b3057611b30612ddc565b03611b5e57604080516393ddf35760e01b815260208501356004820152908401356024820152604401610608565b5f611b6f60e0850160c0860161332f565b6003811115611b8057611b80612ddc565b03611bc557611b9560e0840160c0850161332f565b6003811115611ba657611ba6612ddc565b60405163379c87a960e01b815260ff9091166004820152602401610608565b8054610100900460ff166003811115611be057611be0612ddc565b611bf060e0850160c0860161332f565b6003811115611c0157611c01612ddc565b1015611c3c578054610100900460ff16611c2160e0850160c0860161332f565b604051630ca0f98360e41b815260040161060892919061327e565b60808301355f9081526004602052604090205460ff16611c7557604051637a740ecd60e11b815260808401356004820152602401610608565b60608301355f9081526009602052604090205460ff1615611caf5760405163e41b98f760e01b815260608401356004820152602401610608565b60608301355f908152600860205260409020546001600160a01b03168015611cfe57604051623bdaab60e51b8152606085013560048201526001600160a01b0382166024820152604401610608565b42611d10610100860160e08701613348565b6001600160401b03161015611d60576060840135611d35610100860160e08701613348565b60405163ba87109d60e01b815260048101929092526001600160401b03166024820152604401610608565b5f611d6a85612485565b90506001600a5f8381526020019081526020015f205f6101000a81548160ff021916908315150217905550604051806101a00160405280866020013581526020018660400135815260200186606001358152602001866080013581526020018660a0013581526020018281526020018660e0016020810190611dec9190613348565b6001600160401b03908116825242166020820152604001611e1360e0880160c0890161332f565b6003811115611e2457611e24612ddc565b81525f60208083018290526080808a01358352600e825260408084205463ffffffff908116828701528b840180358652601085528286208d84013587529094529084205416606085015233930192909252600791611e829089612dbc565b6001600160a01b0316815260208082019290925260409081015f2083518155918301516001830155820151600282015560608201516003808301919091556080830151600483015560a0830151600583015560c083015160068301805460e08601516001600160401b03908116600160401b026fffffffffffffffffffffffffffffffff19909216931692909217919091178082556101008501519260ff60801b1990911690600160801b908490811115611f3f57611f3f612ddc565b021790555061012082015160068201805461014085015161016086015164ffffffffff60881b19909216600160881b9415159490940263ffffffff60901b191693909317600160901b63ffffffff948516021763ffffffff60b01b1916600160b01b939091169290920291909117905561018090910151600790910180546001600160a01b0319166001600160a01b03909216919091179055611fe56020860186612dbc565b60608601355f90815260086020526040902080546001600160a01b0319166001600160a01b03929092169190911790556001848101805460059061203a908490600160281b90046001600160401b0316613361565b92506101000a8154816001600160401b0302191690836001600160401b0316021790555084606001358560200135865f01602081019061207a9190612dbc565b6001600160a01b03167fc5690a36b784954ee1a10eb30060c2e6abebf3cef2f8170916c6dbc553520cd4604089013560808a01356120be60e08c0160c08d0161332f565b6120cf6101008d0160e08e01613348565b88336040516120e396959493929190613380565b60405180910390a45050505050565b5f818152600b6020526040902060038101546001600160a01b031661212d576040516304bbf15f60e11b815260048101839052602401610608565b6003810154600160a01b900460ff161561215d5760405163134c704360e11b815260048101839052602401610608565b919050565b5f83600881111561217557612175612ddc565b0361218457610b058282612709565b600183600881111561219857612198612ddc565b036121a657610b05826128a2565b60028360088111156121ba576121ba612ddc565b036121d057610b056121cb836129f9565b612a31565b60038360088111156121e4576121e4612ddc565b036122f1575f6121f3836129f9565b6001600160a01b0381165f9081526002602052604090205490915060ff166122395760405163b8f72ff960e01b81526001600160a01b0382166004820152602401610608565b5f546001805461224991906133ca565b1015612281575f546001805461225f91906133ca565b60405163158589c560e11b815260048101929092526024820152604401610608565b6001600160a01b0381165f908152600260205260408120805460ff1916905560018054909182916122b39083906133ca565b90915550506040516001600160a01b038216907f33a4522cc78c3c6e6dcb3af93442beae102f307bd10b05503890f676c7973cf8905f90a250505050565b600483600881111561230557612305612ddc565b0361231b57610b05612316836129f9565b612b0d565b600583600881111561232f5761232f612ddc565b036123cf575f61233e836129f9565b6001600160a01b0381165f9081526003602052604090205490915060ff1661238457604051633c33e95160e01b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f81815260036020526040808220805460ff19169055517f81cb97a294b3ff5f91ef4048b3173c7f8f6943d9750add2071199061165e5f579190a250505050565b60068360088111156123e3576123e3612ddc565b036123f157610b0582612bc3565b600783600881111561240557612405612ddc565b0361241357610b0582612c39565b5f8281526004602052604090205460ff1661244457604051637a740ecd60e11b815260048101839052602401610608565b5f82815260046020526040808220805460ff191690555183917f7e84e54bf5c24a1e12b8af9b65a52505b57da19ef573711c03562865a45d8a7691a2505050565b5f61249861014083016101208401613348565b6001600160401b0316158015906124c85750426124bd61014084016101208501613348565b6001600160401b0316105b15612504576124df61014083016101208401613348565b604051638cd2efc960e01b81526001600160401b039091166004820152602401610608565b6125316125146020840184612dbc565b606084013561010085013561031f61014087016101208801613348565b5f818152600a602052604090205490915060ff16156125665760405163bf64e5ed60e01b815260048101829052602401610608565b365f6125766101408501856133dd565b9092509050604181146125b5576125906020850185612dbc565b604051637bada69360e01b81526001600160a01b039091166004820152602401610608565b5f6125c36020828486613426565b6125cc9161344d565b90505f6125dd604060208587613426565b6125e69161344d565b90505f848460408181106125fc576125fc61324b565b919091013560f81c9150507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a082118061264857508060ff16601b1415801561264857508060ff16601c14155b1561265a576125906020880188612dbc565b604080515f8082526020820180845289905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa1580156126ab573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811615806126ec57506126d66020890189612dbc565b6001600160a01b0316816001600160a01b031614155b156126fe576125906020890189612dbc565b505050505050919050565b816127275760405163e334302b60e01b815260040160405180910390fd5b5f8281526005602052604090206001015460ff161561275c576040516335b8523360e21b815260048101839052602401610608565b80156127e1575f8181526005602052604090206001015460ff166127965760405163701ca60560e01b815260048101829052602401610608565b5f8181526005602052604090206001908101805482906127c2908290610100900463ffffffff1661346a565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b60408051608081018252828152600160208083018281525f848601818152606086018281528983526005909452868220955186559151949093018054915192516001600160401b0316600160281b026cffffffffffffffff00000000001963ffffffff949094166101000264ffffffff00199615159690961664ffffffffff19909316929092179490941791909116179091559051829184917fc5a42a3a62dc34bac5ef61617eeb15a6c3ee4ab07721c35bde41061169434bfc9190a35050565b5f818152600560205260409020600181015460ff166128d75760405163701ca60560e01b815260048101839052602401610608565b6001810154610100900463ffffffff1615158061290757506001810154600160281b90046001600160401b031615155b15612953576001810154604051636bd8f7c760e11b815260048101849052610100820463ffffffff166024820152600160281b9091046001600160401b03166044820152606401610608565b8054156129a75780545f908152600560205260409020600190810180548290612988908290610100900463ffffffff16613486565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b5f8281526005602052604080822082815560010180546cffffffffffffffffffffffffff191690555183917f1da7210c10cf2094ad88a02a659876b6cd905e18bdfd7a11c9072f4894cde6b391a25050565b806001600160a01b0381161580612a13575060a082901c15155b1561215d5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038116612a585760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff1615612a9c57604051630371b34f60e31b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f908152600260205260408120805460ff19166001908117909155805490918291612ad29083906132d7565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6001600160a01b038116612b345760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff1615612b7857604051639746dd8560e01b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b6002811080612bd3575060015481115b15612bff5760015460405163158589c560e11b8152610608918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b80612c575760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff1615612c895760405163bc666d6b60e01b815260048101829052602401610608565b5f818152600460209081526040808320805460ff19166001179055600e90915281205463ffffffff169003612d0d57600d80546001810182557fd7b6990105719101dabeb77144f2a3385c8033acd3af97e9423a695e81ad1eb501829055545f828152600e60205260409020805463ffffffff191663ffffffff9092169190911790555b60405181907fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b905f90a250565b6040518061014001604052805f81526020015f81526020015f81526020015f81526020015f81526020015f81526020015f6001600160401b031681526020015f6001600160401b031681526020015f6003811115612d9a57612d9a612ddc565b81525f60209091015290565b80356001600160a01b038116811461215d575f5ffd5b5f60208284031215612dcc575f5ffd5b612dd582612da6565b9392505050565b634e487b7160e01b5f52602160045260245ffd5b60058110612e0057612e00612ddc565b9052565b602081016107a18284612df0565b80356001600160401b038116811461215d575f5ffd5b5f5f60408385031215612e39575f5ffd5b612e4283612da6565b9150612e5060208401612e12565b90509250929050565b5f60208284031215612e69575f5ffd5b5035919050565b60048110612e0057612e00612ddc565b5f61014082019050825182526020830151602083015260408301516040830152606083015160608301526080830151608083015260a083015160a083015260c0830151612ed860c08401826001600160401b03169052565b5060e0830151612ef360e08401826001600160401b03169052565b50610100830151612f08610100840182612e70565b50610120830151610a026101208401826001600160a01b03169052565b5f60208284031215612f35575f5ffd5b81356001600160401b03811115612f4a575f5ffd5b82016101608185031215612dd5575f5ffd5b5f5f60208385031215612f6d575f5ffd5b82356001600160401b03811115612f82575f5ffd5b8301601f81018513612f92575f5ffd5b80356001600160401b03811115612fa7575f5ffd5b8560208260051b8401011115612fbb575f5ffd5b6020919091019590945092505050565b5f5f5f5f60808587031215612fde575f5ffd5b612fe785612da6565b9350602085013592506040850135915061300360608601612e12565b905092959194509250565b5f5f6040838503121561301f575f5ffd5b61302883612da6565b946020939093013593505050565b5f5f5f60608486031215613048575f5ffd5b833560098110613056575f5ffd5b95602085013595506040909401359392505050565b5f5f6040838503121561307c575f5ffd5b50508035926020909101359150565b5f60408201905061309d828451612df0565b6020830151610a026020840182612e70565b5f5f604083850312156130c0575f5ffd5b82359150602083013560ff811681146130d7575f5ffd5b809150509250929050565b80356004811061215d575f5ffd5b5f5f5f5f60808587031215613103575f5ffd5b843593506020850135925060408501356005811061311f575f5ffd5b9150613003606086016130e2565b60098110612e0057612e00612ddc565b602081525f60e0820161315460208401855161312d565b602084015160408401526040840151606084015260018060a01b0360608501511660808401526080840151151560a084015260a084015160c080850152818151808452610100860191506020830193505f92505b808310156131d35783516001600160a01b0316825260209384019360019390930192909101906131a8565b5095945050505050565b606081016131eb8286612df0565b600684106131fb576131fb612ddc565b8360208301526001600160401b0383166040830152949350505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b0382811682821603908111156107a1576107a1613218565b634e487b7160e01b5f52603260045260245ffd5b5f823561015e19833603018112613274575f5ffd5b9190910192915050565b6040810161328c8285612e70565b612dd56020830184612e70565b8681526001600160a01b03861660208201526040810185905260c081016132c3606083018661312d565b608082019390935260a00152949350505050565b808201808211156107a1576107a1613218565b606081016132f8828661312d565b602082019390935260400152919050565b5f6001820161331a5761331a613218565b5060010190565b6040810161328c8285612df0565b5f6020828403121561333f575f5ffd5b612dd5826130e2565b5f60208284031215613358575f5ffd5b612dd582612e12565b6001600160401b0381811683821601908111156107a1576107a1613218565b8681526020810186905260c0810161339b6040830187612e70565b6001600160401b0394909416606082015260808101929092526001600160a01b031660a0909101529392505050565b818103818111156107a1576107a1613218565b5f5f8335601e198436030181126133f2575f5ffd5b8301803591506001600160401b0382111561340b575f5ffd5b60200191503681900382131561341f575f5ffd5b9250929050565b5f5f85851115613434575f5ffd5b83861115613440575f5ffd5b5050820193919092039150565b803560208310156107a1575f19602084900360031b1b1692915050565b63ffffffff81811683821601908111156107a1576107a1613218565b63ffffffff82811682821603908111156107a1576107a161321856fea164736f6c6343000825000a" as const;

/** Runtime code of IdentityRegistry, as eth_getCode returns it once deployed. */
export const deployedBytecode =
  "0x608060405234801561000f575f5ffd5b50600436106101e7575f3560e01c8063a760c29511610109578063d1aa0c201161009e578063f48c0abf1161006e578063f48c0abf1461056f578063f698da251461058f578063febb936014610597578063ff089698146105b9575f5ffd5b8063d1aa0c201461050f578063d5db72eb14610531578063da35c66414610553578063e751f2711461055c575f5ffd5b8063b5c05126116100d9578063b5c05126146104b6578063c6da2c1d146104d6578063cacf2e3e146104e9578063cfbda36d146104fc575f5ffd5b8063a760c29514610371578063ad376b1e146103b1578063b041b273146103c4578063b44103e1146103e6575f5ffd5b80635f3ad7091161017f5780639522be051161014f5780639522be0514610311578063a08ca42914610324578063a1bb291814610337578063a53a1adf1461035e575f5ffd5b80635f3ad709146102bc57806367c354a2146102c45780636e8d66f9146102eb57806377941971146102fe575f5ffd5b8063259350b4116101ba578063259350b41461025e5780632b7832b3146102805780633b4c9891146102895780635091aead146102a9575f5ffd5b80630b1ca49a146101eb5780631703a0181461020057806317dc688d1461021b5780631ed4237e1461023b575b5f5ffd5b6101fe6101f9366004612dbc565b6105db565b005b6102085f5481565b6040519081526020015b60405180910390f35b61022e610229366004612dbc565b610796565b6040516102129190612e04565b61024e610249366004612e28565b6107a7565b6040519015158152602001610212565b61024e61026c366004612e59565b60096020525f908152604090205460ff1681565b61020860015481565b61029c610297366004612dbc565b61085a565b6040516102129190612e80565b61022e6102b7366004612e28565b610924565b610208600281565b6102087fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695281565b6101fe6102f9366004612f25565b610a09565b6101fe61030c366004612f5c565b610a6e565b61020861031f366004612fcb565b610b0a565b6101fe61033236600461300e565b610bca565b6102087f000000000000000000000000000000000000000000000000000000000000000081565b6101fe61036c366004612e59565b610e0a565b61039961037f366004612e59565b60086020525f90815260409020546001600160a01b031681565b6040516001600160a01b039091168152602001610212565b6102086103bf366004613036565b610f49565b61024e6103d2366004612e59565b600a6020525f908152604090205460ff1681565b6104726103f4366004612e59565b604080516080810182525f808252602082018190529181018290526060810191909152505f9081526005602090815260409182902082516080810184528154815260019091015460ff8116151592820192909252610100820463ffffffff1692810192909252600160281b90046001600160401b0316606082015290565b60405161021291908151815260208083015115159082015260408083015163ffffffff16908201526060918201516001600160401b03169181019190915260800190565b6104c96104c436600461306b565b6110e3565b604051610212919061308b565b6101fe6104e43660046130af565b61117c565b6102086104f7366004612e59565b6112cb565b6101fe61050a3660046130f0565b611344565b61024e61051d366004612dbc565b60026020525f908152604090205460ff1681565b61024e61053f366004612dbc565b60036020525f908152604090205460ff1681565b610208600c5481565b6101fe61056a366004612e59565b6115b8565b61058261057d366004612e59565b6116bf565b604051610212919061313d565b6102086117ea565b61024e6105a5366004612e59565b60046020525f908152604090205460ff1681565b6105cc6105c7366004612e28565b61188e565b604051610212939291906131dd565b335f9081526003602052604090205460ff16610611576040516353ac4f0760e01b81523360048201526024015b60405180910390fd5b61061a33611981565b15610639576040516249595760e61b8152336004820152602401610608565b6001600160a01b0381165f90815260076020526040812060068101549091600160401b9091046001600160401b0316900361069257604051631ebfbd3560e11b81526001600160a01b0383166004820152602401610608565b600281015481545f90815260056020819052604090912060019081018054919290916106cf908490600160281b90046001600160401b031661322c565b82546001600160401b039182166101009390930a9283029190920219909116179055505f81815260086020908152604080832080546001600160a01b03199081169091556001600160a01b03871680855260079384905282852085815560018101869055600281018690556003810186905560048101869055600581018690556006810180546001600160d01b0319169055909301805490911690555183927fbd1f9a02c9ef3c31bebe4c93654b10bf2693f6db933277e6896355ae68c8aac791a3505050565b5f6107a18242610924565b92915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b031682036107e2575f9150506107a1565b60028101545f9081526009602052604090205460ff16158015610816575060068101546001600160401b0390811690841611155b8015610834575060038101545f9081526004602052604090205460ff165b8015610852575080545f9081526005602052604090206001015460ff165b949350505050565b610862612d3a565b6001600160a01b0382165f9081526007602090815260409182902082516101408101845281548152600182015492810192909252600281015492820192909252600380830154606083015260048301546080830152600583015460a083015260068301546001600160401b0380821660c0850152600160401b82041660e0840152610100830191600160801b90910460ff169081111561090457610904612ddc565b81526007909201546001600160a01b031660209092019190915292915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b0316156109915761095f84846107a7565b61096c575f9150506107a1565b80545f9081526006602090815260408083206001850154845290915290205460ff1691505b6001600160a01b0384165f9081526002602052604090205460ff16156109bb5760049150506107a1565b6001600160a01b0384165f9081526003602052604090205460ff1680156109f3575060028260048111156109f1576109f1612ddc565b105b15610a025760029150506107a1565b5092915050565b335f9081526003602052604090205460ff16610a3a576040516353ac4f0760e01b8152336004820152602401610608565b610a4333611981565b15610a62576040516249595760e61b8152336004820152602401610608565b610a6b816119c6565b50565b335f9081526003602052604090205460ff16610a9f576040516353ac4f0760e01b8152336004820152602401610608565b610aa833611981565b15610ac7576040516249595760e61b8152336004820152602401610608565b5f5b81811015610b0557610afd838383818110610ae657610ae661324b565b9050602002810190610af8919061325f565b6119c6565b600101610ac9565b505050565b604080517fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695260208201526001600160a01b0386169181019190915260608101849052608081018390526001600160401b03821660a08201525f90819060c001604051602081830303815290604052805190602001209050610b896117ea565b60405161190160f01b602082015260228101919091526042810182905260620160405160208183030381529060405280519060200120915050949350505050565b335f9081526003602052604090205460ff16610bfb576040516353ac4f0760e01b8152336004820152602401610608565b610c0433611981565b15610c23576040516249595760e61b8152336004820152602401610608565b336001600160a01b03831603610c5757604051633af6c3cf60e21b81526001600160a01b0383166004820152602401610608565b6001600160a01b0382165f90815260076020526040812060068101549091600160401b9091046001600160401b03169003610cb057604051631ebfbd3560e11b81526001600160a01b0384166004820152602401610608565b80545f908152600660209081526040808320858452909152812090815460ff166004811115610ce157610ce1612ddc565b03610d0c5781546040516393ddf35760e01b8152600481019190915260248101849052604401610608565b8054610100900460ff166003811115610d2757610d27612ddc565b6006830154600160801b900460ff166003811115610d4757610d47612ddc565b1015610d815780546006830154604051630ca0f98360e41b81526106089260ff610100909104811692600160801b9004169060040161327e565b6001820183905581545f8181526010602090815260408083208784528252918290205460068601805463ffffffff60b01b191663ffffffff909216600160b01b0291909117905590518581526001600160a01b038716917f87a428676f0d592dc6d0c79ab4322a277ef26bcf652dcb6f515bfd1d44f39dbb91015b60405180910390a350505050565b335f9081526002602052604090205460ff16610e3b5760405163614d9c0f60e01b8152336004820152602401610608565b610e4433611981565b15610e63576040516249595760e61b8152336004820152602401610608565b5f610e6d826120f2565b90505f5b6004820154811015610edf57336001600160a01b0316826004018281548110610e9c57610e9c61324b565b5f918252602090912001546001600160a01b031603610ed75760405163a72db78760e01b815260048101849052336024820152604401610608565b600101610e71565b506004810180546001810182555f828152602090200180546001600160a01b03191633908117909155905460405184917f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d891610f3d91815260200190565b60405180910390a35050565b335f9081526002602052604081205460ff16610f7a5760405163614d9c0f60e01b8152336004820152602401610608565b610f8333611981565b15610fa2576040516249595760e61b8152336004820152602401610608565b4630600c54868686604051602001610fbf96959493929190613299565b6040516020818303038152906040528051906020012090506001600c5f828254610fe991906132d7565b90915550505f818152600b6020526040902080548590829060ff1916600183600881111561101957611019612ddc565b0217905550600181810185905560028201849055600382018054336001600160a01b0319918216811790925560048401805493840181555f908152602090209092018054909216811790915560405183907f2983098ddf6d264d29bc4f819953117994bff6f397c32ac9106cac23df117e109061109b908990899089906132ea565b60405180910390a360405160018152339083907f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d89060200160405180910390a3509392505050565b6040805180820182525f808252602080830182905285825260068152838220858352905282902082518084019093528054919291829060ff16600481111561112d5761112d612ddc565b600481111561113e5761113e612ddc565b81528154602090910190610100900460ff16600381111561116157611161612ddc565b600381111561117257611172612ddc565b9052509392505050565b335f9081526003602052604090205460ff166111ad576040516353ac4f0760e01b8152336004820152602401610608565b6111b633611981565b156111d5576040516249595760e61b8152336004820152602401610608565b816111f35760405163e334302b60e01b815260040160405180910390fd5b5f8281526009602052604090205460ff16156112255760405163b93e450d60e01b815260048101839052602401610608565b5f828152600960209081526040808320805460ff1916600117905560089091529020546001600160a01b03168015611283576001600160a01b0381165f908152600760205260409020600601805460ff60881b1916600160881b1790555b60405160ff831681526001600160a01b0382169084907fdee87d5a47f91fd756be2a82d5f23e9c99a33d099a0e68a44b5c829200eb62e89060200160405180910390a3505050565b5f818152600b60205260408120600401815b815481101561133d5760025f8383815481106112fb576112fb61324b565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff1615611335578261133181613309565b9350505b6001016112dd565b5050919050565b335f9081526003602052604090205460ff16611375576040516353ac4f0760e01b8152336004820152602401610608565b61137e33611981565b1561139d576040516249595760e61b8152336004820152602401610608565b5f8481526005602052604090206001015460ff166113d15760405163701ca60560e01b815260048101859052602401610608565b826113ef5760405163e334302b60e01b815260040160405180910390fd5b600482600481111561140357611403612ddc565b0361142157604051632b2005c560e01b815260040160405180910390fd5b604051806040016040528083600481111561143e5761143e612ddc565b815260200182600381111561145557611455612ddc565b90525f858152600660209081526040808320878452909152902081518154829060ff1916600183600481111561148d5761148d612ddc565b021790555060208201518154829061ff0019166101008360038111156114b5576114b5612ddc565b021790555050505f84815260106020908152604080832086845290915281205463ffffffff169003611585576040805180820182528581526020808201868152600f80546001810182555f82815294517f8d1108e10bcb7c27dddfc02ed9d693a074039d026cf4ea4240b40f7d581ac80260029092029182015591517f8d1108e10bcb7c27dddfc02ed9d693a074039d026cf4ea4240b40f7d581ac803909201919091555487835260108252838320878452909152919020805463ffffffff191663ffffffff9092169190911790555b82847f060d0a3166eae61df75e7cee9308112fce696317bce809fb254e4cd7efd7a3528484604051610dfc929190613321565b335f9081526002602052604090205460ff166115e95760405163614d9c0f60e01b8152336004820152602401610608565b6115f233611981565b15611611576040516249595760e61b8152336004820152602401610608565b5f61161b826120f2565b90505f611627836112cb565b90505f5481101561165f575f54604051631b3e005d60e11b815260048101859052602481018390526044810191909152606401610608565b60038201805460ff60a01b1916600160a01b17905581546001830154600284015461168e9260ff169190612162565b604051339084907ff20459f0cd23ff5b3028bc90ea400293e55b573e4e60f3b01e45325428994ee1905f90a3505050565b6116ff6040805160c08101909152805f81526020015f81526020015f81526020015f6001600160a01b031681526020015f15158152602001606081525090565b5f828152600b602052604090819020815160c081019092528054829060ff16600881111561172f5761172f612ddc565b600881111561174057611740612ddc565b81526001820154602080830191909152600283015460408084019190915260038401546001600160a01b0381166060850152600160a01b900460ff161515608084015260048401805482518185028101850190935280835260a09094019391929091908301828280156117da57602002820191905f5260205f20905b81546001600160a01b031681526001909101906020018083116117bc575b5050505050815250509050919050565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f6b3dd38d116122c42baabc20a0340ea5b3957b862782c2ff0526744a40a4d56a918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b6001600160a01b0382165f908152600760205260408120600681015482916001600160401b0391600160401b9004821683036118cc575f925061196d565b60028101545f9081526009602052604090205460ff16156118f0576002925061196d565b60068101546001600160401b039081169086161115611912576003925061196d565b60038101545f9081526004602052604090205460ff16611935576004925061196d565b80545f9081526005602052604090206001015460ff16611958576005925061196d565b6006810154600193506001600160401b031691505b6119778686610924565b9350509250925092565b6001600160a01b0381165f90815260076020526040812060060154600160401b90046001600160401b0316158015906107a157506119bf82426107a7565b1592915050565b5f6119d46020830183612dbc565b6001600160a01b0316036119fb5760405163d92e233d60e01b815260040160405180910390fd5b33611a096020830183612dbc565b6001600160a01b031603611a4957611a246020820182612dbc565b604051633af6c3cf60e21b81526001600160a01b039091166004820152602401610608565b60075f611a596020840184612dbc565b6001600160a01b0316815260208101919091526040015f2060060154600160401b90046001600160401b031615611abc57611a976020820182612dbc565b60405163486ef2d560e01b81526001600160a01b039091166004820152602401610608565b6020808201355f908152600590915260409020600181015460ff16611afa5760405163701ca60560e01b815260208301356004820152602401610608565b6020808301355f90815260068252604080822081860135835290925290812090815460ff166004811115611b3057611b30612ddc565b03611b5e57604080516393ddf35760e01b815260208501356004820152908401356024820152604401610608565b5f611b6f60e0850160c0860161332f565b6003811115611b8057611b80612ddc565b03611bc557611b9560e0840160c0850161332f565b6003811115611ba657611ba6612ddc565b60405163379c87a960e01b815260ff9091166004820152602401610608565b8054610100900460ff166003811115611be057611be0612ddc565b611bf060e0850160c0860161332f565b6003811115611c0157611c01612ddc565b1015611c3c578054610100900460ff16611c2160e0850160c0860161332f565b604051630ca0f98360e41b815260040161060892919061327e565b60808301355f9081526004602052604090205460ff16611c7557604051637a740ecd60e11b815260808401356004820152602401610608565b60608301355f9081526009602052604090205460ff1615611caf5760405163e41b98f760e01b815260608401356004820152602401610608565b60608301355f908152600860205260409020546001600160a01b03168015611cfe57604051623bdaab60e51b8152606085013560048201526001600160a01b0382166024820152604401610608565b42611d10610100860160e08701613348565b6001600160401b03161015611d60576060840135611d35610100860160e08701613348565b60405163ba87109d60e01b815260048101929092526001600160401b03166024820152604401610608565b5f611d6a85612485565b90506001600a5f8381526020019081526020015f205f6101000a81548160ff021916908315150217905550604051806101a00160405280866020013581526020018660400135815260200186606001358152602001866080013581526020018660a0013581526020018281526020018660e0016020810190611dec9190613348565b6001600160401b03908116825242166020820152604001611e1360e0880160c0890161332f565b6003811115611e2457611e24612ddc565b81525f60208083018290526080808a01358352600e825260408084205463ffffffff908116828701528b840180358652601085528286208d84013587529094529084205416606085015233930192909252600791611e829089612dbc565b6001600160a01b0316815260208082019290925260409081015f2083518155918301516001830155820151600282015560608201516003808301919091556080830151600483015560a0830151600583015560c083015160068301805460e08601516001600160401b03908116600160401b026fffffffffffffffffffffffffffffffff19909216931692909217919091178082556101008501519260ff60801b1990911690600160801b908490811115611f3f57611f3f612ddc565b021790555061012082015160068201805461014085015161016086015164ffffffffff60881b19909216600160881b9415159490940263ffffffff60901b191693909317600160901b63ffffffff948516021763ffffffff60b01b1916600160b01b939091169290920291909117905561018090910151600790910180546001600160a01b0319166001600160a01b03909216919091179055611fe56020860186612dbc565b60608601355f90815260086020526040902080546001600160a01b0319166001600160a01b03929092169190911790556001848101805460059061203a908490600160281b90046001600160401b0316613361565b92506101000a8154816001600160401b0302191690836001600160401b0316021790555084606001358560200135865f01602081019061207a9190612dbc565b6001600160a01b03167fc5690a36b784954ee1a10eb30060c2e6abebf3cef2f8170916c6dbc553520cd4604089013560808a01356120be60e08c0160c08d0161332f565b6120cf6101008d0160e08e01613348565b88336040516120e396959493929190613380565b60405180910390a45050505050565b5f818152600b6020526040902060038101546001600160a01b031661212d576040516304bbf15f60e11b815260048101839052602401610608565b6003810154600160a01b900460ff161561215d5760405163134c704360e11b815260048101839052602401610608565b919050565b5f83600881111561217557612175612ddc565b0361218457610b058282612709565b600183600881111561219857612198612ddc565b036121a657610b05826128a2565b60028360088111156121ba576121ba612ddc565b036121d057610b056121cb836129f9565b612a31565b60038360088111156121e4576121e4612ddc565b036122f1575f6121f3836129f9565b6001600160a01b0381165f9081526002602052604090205490915060ff166122395760405163b8f72ff960e01b81526001600160a01b0382166004820152602401610608565b5f546001805461224991906133ca565b1015612281575f546001805461225f91906133ca565b60405163158589c560e11b815260048101929092526024820152604401610608565b6001600160a01b0381165f908152600260205260408120805460ff1916905560018054909182916122b39083906133ca565b90915550506040516001600160a01b038216907f33a4522cc78c3c6e6dcb3af93442beae102f307bd10b05503890f676c7973cf8905f90a250505050565b600483600881111561230557612305612ddc565b0361231b57610b05612316836129f9565b612b0d565b600583600881111561232f5761232f612ddc565b036123cf575f61233e836129f9565b6001600160a01b0381165f9081526003602052604090205490915060ff1661238457604051633c33e95160e01b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f81815260036020526040808220805460ff19169055517f81cb97a294b3ff5f91ef4048b3173c7f8f6943d9750add2071199061165e5f579190a250505050565b60068360088111156123e3576123e3612ddc565b036123f157610b0582612bc3565b600783600881111561240557612405612ddc565b0361241357610b0582612c39565b5f8281526004602052604090205460ff1661244457604051637a740ecd60e11b815260048101839052602401610608565b5f82815260046020526040808220805460ff191690555183917f7e84e54bf5c24a1e12b8af9b65a52505b57da19ef573711c03562865a45d8a7691a2505050565b5f61249861014083016101208401613348565b6001600160401b0316158015906124c85750426124bd61014084016101208501613348565b6001600160401b0316105b15612504576124df61014083016101208401613348565b604051638cd2efc960e01b81526001600160401b039091166004820152602401610608565b6125316125146020840184612dbc565b606084013561010085013561031f61014087016101208801613348565b5f818152600a602052604090205490915060ff16156125665760405163bf64e5ed60e01b815260048101829052602401610608565b365f6125766101408501856133dd565b9092509050604181146125b5576125906020850185612dbc565b604051637bada69360e01b81526001600160a01b039091166004820152602401610608565b5f6125c36020828486613426565b6125cc9161344d565b90505f6125dd604060208587613426565b6125e69161344d565b90505f848460408181106125fc576125fc61324b565b919091013560f81c9150507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a082118061264857508060ff16601b1415801561264857508060ff16601c14155b1561265a576125906020880188612dbc565b604080515f8082526020820180845289905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa1580156126ab573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811615806126ec57506126d66020890189612dbc565b6001600160a01b0316816001600160a01b031614155b156126fe576125906020890189612dbc565b505050505050919050565b816127275760405163e334302b60e01b815260040160405180910390fd5b5f8281526005602052604090206001015460ff161561275c576040516335b8523360e21b815260048101839052602401610608565b80156127e1575f8181526005602052604090206001015460ff166127965760405163701ca60560e01b815260048101829052602401610608565b5f8181526005602052604090206001908101805482906127c2908290610100900463ffffffff1661346a565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b60408051608081018252828152600160208083018281525f848601818152606086018281528983526005909452868220955186559151949093018054915192516001600160401b0316600160281b026cffffffffffffffff00000000001963ffffffff949094166101000264ffffffff00199615159690961664ffffffffff19909316929092179490941791909116179091559051829184917fc5a42a3a62dc34bac5ef61617eeb15a6c3ee4ab07721c35bde41061169434bfc9190a35050565b5f818152600560205260409020600181015460ff166128d75760405163701ca60560e01b815260048101839052602401610608565b6001810154610100900463ffffffff1615158061290757506001810154600160281b90046001600160401b031615155b15612953576001810154604051636bd8f7c760e11b815260048101849052610100820463ffffffff166024820152600160281b9091046001600160401b03166044820152606401610608565b8054156129a75780545f908152600560205260409020600190810180548290612988908290610100900463ffffffff16613486565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b5f8281526005602052604080822082815560010180546cffffffffffffffffffffffffff191690555183917f1da7210c10cf2094ad88a02a659876b6cd905e18bdfd7a11c9072f4894cde6b391a25050565b806001600160a01b0381161580612a13575060a082901c15155b1561215d5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038116612a585760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff1615612a9c57604051630371b34f60e31b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f908152600260205260408120805460ff19166001908117909155805490918291612ad29083906132d7565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6001600160a01b038116612b345760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff1615612b7857604051639746dd8560e01b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b6002811080612bd3575060015481115b15612bff5760015460405163158589c560e11b8152610608918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b80612c575760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff1615612c895760405163bc666d6b60e01b815260048101829052602401610608565b5f818152600460209081526040808320805460ff19166001179055600e90915281205463ffffffff169003612d0d57600d80546001810182557fd7b6990105719101dabeb77144f2a3385c8033acd3af97e9423a695e81ad1eb501829055545f828152600e60205260409020805463ffffffff191663ffffffff9092169190911790555b60405181907fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b905f90a250565b6040518061014001604052805f81526020015f81526020015f81526020015f81526020015f81526020015f81526020015f6001600160401b031681526020015f6001600160401b031681526020015f6003811115612d9a57612d9a612ddc565b81525f60209091015290565b80356001600160a01b038116811461215d575f5ffd5b5f60208284031215612dcc575f5ffd5b612dd582612da6565b9392505050565b634e487b7160e01b5f52602160045260245ffd5b60058110612e0057612e00612ddc565b9052565b602081016107a18284612df0565b80356001600160401b038116811461215d575f5ffd5b5f5f60408385031215612e39575f5ffd5b612e4283612da6565b9150612e5060208401612e12565b90509250929050565b5f60208284031215612e69575f5ffd5b5035919050565b60048110612e0057612e00612ddc565b5f61014082019050825182526020830151602083015260408301516040830152606083015160608301526080830151608083015260a083015160a083015260c0830151612ed860c08401826001600160401b03169052565b5060e0830151612ef360e08401826001600160401b03169052565b50610100830151612f08610100840182612e70565b50610120830151610a026101208401826001600160a01b03169052565b5f60208284031215612f35575f5ffd5b81356001600160401b03811115612f4a575f5ffd5b82016101608185031215612dd5575f5ffd5b5f5f60208385031215612f6d575f5ffd5b82356001600160401b03811115612f82575f5ffd5b8301601f81018513612f92575f5ffd5b80356001600160401b03811115612fa7575f5ffd5b8560208260051b8401011115612fbb575f5ffd5b6020919091019590945092505050565b5f5f5f5f60808587031215612fde575f5ffd5b612fe785612da6565b9350602085013592506040850135915061300360608601612e12565b905092959194509250565b5f5f6040838503121561301f575f5ffd5b61302883612da6565b946020939093013593505050565b5f5f5f60608486031215613048575f5ffd5b833560098110613056575f5ffd5b95602085013595506040909401359392505050565b5f5f6040838503121561307c575f5ffd5b50508035926020909101359150565b5f60408201905061309d828451612df0565b6020830151610a026020840182612e70565b5f5f604083850312156130c0575f5ffd5b82359150602083013560ff811681146130d7575f5ffd5b809150509250929050565b80356004811061215d575f5ffd5b5f5f5f5f60808587031215613103575f5ffd5b843593506020850135925060408501356005811061311f575f5ffd5b9150613003606086016130e2565b60098110612e0057612e00612ddc565b602081525f60e0820161315460208401855161312d565b602084015160408401526040840151606084015260018060a01b0360608501511660808401526080840151151560a084015260a084015160c080850152818151808452610100860191506020830193505f92505b808310156131d35783516001600160a01b0316825260209384019360019390930192909101906131a8565b5095945050505050565b606081016131eb8286612df0565b600684106131fb576131fb612ddc565b8360208301526001600160401b0383166040830152949350505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b0382811682821603908111156107a1576107a1613218565b634e487b7160e01b5f52603260045260245ffd5b5f823561015e19833603018112613274575f5ffd5b9190910192915050565b6040810161328c8285612e70565b612dd56020830184612e70565b8681526001600160a01b03861660208201526040810185905260c081016132c3606083018661312d565b608082019390935260a00152949350505050565b808201808211156107a1576107a1613218565b606081016132f8828661312d565b602082019390935260400152919050565b5f6001820161331a5761331a613218565b5060010190565b6040810161328c8285612df0565b5f6020828403121561333f575f5ffd5b612dd5826130e2565b5f60208284031215613358575f5ffd5b612dd582612e12565b6001600160401b0381811683821601908111156107a1576107a1613218565b8681526020810186905260c0810161339b6040830187612e70565b6001600160401b0394909416606082015260808101929092526001600160a01b031660a0909101529392505050565b818103818111156107a1576107a1613218565b5f5f8335601e198436030181126133f2575f5ffd5b8301803591506001600160401b0382111561340b575f5ffd5b60200191503681900382131561341f575f5ffd5b9250929050565b5f5f85851115613434575f5ffd5b83861115613440575f5ffd5b5050820193919092039150565b803560208310156107a1575f19602084900360031b1b1692915050565b63ffffffff81811683821601908111156107a1576107a1613218565b63ffffffff82811682821603908111156107a1576107a161321856fea164736f6c6343000825000a" as const;
