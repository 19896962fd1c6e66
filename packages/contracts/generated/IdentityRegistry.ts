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
  "0x60a060405234801561000f575f5ffd5b5060405161385738038061385783398101604081905261002e916104a4565b8161004c5760405163e334302b60e01b815260040160405180910390fd5b60808290525f5b855181101561008c576100848682815181106100715761007161059f565b602002602001015161012160201b60201c565b600101610053565b5061009684610202565b5f5b83518110156100d1576100c98482815181106100b6576100b661059f565b602002602001015161027860201b60201c565b600101610098565b506100db8261032e565b5f5b81518110156101165761010e8282815181106100fb576100fb61059f565b602002602001015161032e60201b60201c565b6001016100dd565b5050505050506105d8565b6001600160a01b0381166101485760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff161561019157604051630371b34f60e31b81526001600160a01b03821660048201526024015b60405180910390fd5b6001600160a01b0381165f908152600260205260408120805460ff191660019081179091558054909182916101c79083906105b3565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6002811080610212575060015481115b1561023e5760015460405163158589c560e11b8152610188918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b6001600160a01b03811661029f5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff16156102e357604051639746dd8560e01b81526001600160a01b0382166004820152602401610188565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b8061034c5760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff161561037e5760405163bc666d6b60e01b815260048101829052602401610188565b5f81815260046020526040808220805460ff191660011790555182917fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b91a250565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b03811182821017156103fc576103fc6103c0565b604052919050565b5f6001600160401b0382111561041c5761041c6103c0565b5060051b60200190565b5f82601f830112610435575f5ffd5b815161044861044382610404565b6103d4565b8082825260208201915060208360051b860101925085831115610469575f5ffd5b602085015b8381101561049a5780516001600160a01b038116811461048c575f5ffd5b83526020928301920161046e565b5095945050505050565b5f5f5f5f5f60a086880312156104b8575f5ffd5b85516001600160401b038111156104cd575f5ffd5b6104d988828901610426565b60208801516040890151919750955090506001600160401b038111156104fd575f5ffd5b61050988828901610426565b60608801516080890151919550935090506001600160401b0381111561052d575f5ffd5b8601601f8101881361053d575f5ffd5b805161054b61044382610404565b8082825260208201915060208360051b85010192508a83111561056c575f5ffd5b6020840193505b8284101561058e578351825260209384019390910190610573565b809450505050509295509295909350565b634e487b7160e01b5f52603260045260245ffd5b808201808211156105d257634e487b7160e01b5f52601160045260245ffd5b92915050565b6080516132676105f05f395f61033c01526132675ff3fe608060405234801561000f575f5ffd5b50600436106101e7575f3560e01c8063a760c29511610109578063d1aa0c201161009e578063f48c0abf1161006e578063f48c0abf1461056f578063f698da251461058f578063febb936014610597578063ff089698146105b9575f5ffd5b8063d1aa0c201461050f578063d5db72eb14610531578063da35c66414610553578063e751f2711461055c575f5ffd5b8063b5c05126116100d9578063b5c05126146104b6578063c6da2c1d146104d6578063cacf2e3e146104e9578063cfbda36d146104fc575f5ffd5b8063a760c29514610371578063ad376b1e146103b1578063b041b273146103c4578063b44103e1146103e6575f5ffd5b80635f3ad7091161017f5780639522be051161014f5780639522be0514610311578063a08ca42914610324578063a1bb291814610337578063a53a1adf1461035e575f5ffd5b80635f3ad709146102bc57806367c354a2146102c45780636e8d66f9146102eb57806377941971146102fe575f5ffd5b8063259350b4116101ba578063259350b41461025e5780632b7832b3146102805780633b4c9891146102895780635091aead146102a9575f5ffd5b80630b1ca49a146101eb5780631703a0181461020057806317dc688d1461021b5780631ed4237e1461023b575b5f5ffd5b6101fe6101f9366004612b74565b6105db565b005b6102085f5481565b6040519081526020015b60405180910390f35b61022e610229366004612b74565b6107a0565b6040516102129190612bbc565b61024e610249366004612be0565b6107b1565b6040519015158152602001610212565b61024e61026c366004612c11565b60096020525f908152604090205460ff1681565b61020860015481565b61029c610297366004612b74565b610864565b6040516102129190612c38565b61022e6102b7366004612be0565b610940565b610208600281565b6102087fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695281565b6101fe6102f9366004612cdd565b610a25565b6101fe61030c366004612d14565b610a8a565b61020861031f366004612d83565b610b26565b6101fe610332366004612dc6565b610be6565b6102087f000000000000000000000000000000000000000000000000000000000000000081565b6101fe61036c366004612c11565b610deb565b61039961037f366004612c11565b60086020525f90815260409020546001600160a01b031681565b6040516001600160a01b039091168152602001610212565b6102086103bf366004612dee565b610f2a565b61024e6103d2366004612c11565b600a6020525f908152604090205460ff1681565b6104726103f4366004612c11565b604080516080810182525f808252602082018190529181018290526060810191909152505f9081526005602090815260409182902082516080810184528154815260019091015460ff8116151592820192909252610100820463ffffffff1692810192909252600160281b90046001600160401b0316606082015290565b60405161021291908151815260208083015115159082015260408083015163ffffffff16908201526060918201516001600160401b03169181019190915260800190565b6104c96104c4366004612e23565b6110c4565b6040516102129190612e43565b6101fe6104e4366004612e67565b61115d565b6102086104f7366004612c11565b611268565b6101fe61050a366004612ea8565b6112e1565b61024e61051d366004612b74565b60026020525f908152604090205460ff1681565b61024e61053f366004612b74565b60036020525f908152604090205460ff1681565b610208600c5481565b6101fe61056a366004612c11565b61148d565b61058261057d366004612c11565b611594565b6040516102129190612ef5565b6102086116bf565b61024e6105a5366004612c11565b60046020525f908152604090205460ff1681565b6105cc6105c7366004612be0565b611763565b60405161021293929190612f95565b335f9081526003602052604090205460ff16610611576040516353ac4f0760e01b81523360048201526024015b60405180910390fd5b61061a33611856565b15610639576040516249595760e61b8152336004820152602401610608565b6001600160a01b0381165f90815260076020526040812060068101549091600160401b9091046001600160401b0316900361069257604051631ebfbd3560e11b81526001600160a01b0383166004820152602401610608565b600281015481545f90815260056020819052604090912060019081018054919290916106cf908490600160281b90046001600160401b0316612fe4565b82546001600160401b039182166101009390930a9283029190920219909116179055505f81815260086020908152604080832080546001600160a01b03199081169091556001600160a01b038716808552600793849052828520858155600181018690556002810186905560038101869055600481018690556005810186905560068101805470ffffffffffffffffffffffffffffffffff19169055909301805490911690555183927fbd1f9a02c9ef3c31bebe4c93654b10bf2693f6db933277e6896355ae68c8aac791a3505050565b5f6107ab8242610940565b92915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b031682036107ec575f9150506107ab565b60028101545f9081526009602052604090205460ff16158015610820575060068101546001600160401b0390811690841611155b801561083e575060038101545f9081526004602052604090205460ff165b801561085c575080545f9081526005602052604090206001015460ff165b949350505050565b61086c612af2565b6001600160a01b0382165f9081526007602090815260409182902082516101408101845281548152600182015492810192909252600281015492820192909252600380830154606083015260048301546080830152600583015460a083015260068301546001600160401b0380821660c0850152600160401b82041660e0840152919291610100840191600160801b90910460ff169081111561091157610911612b94565b600381111561092257610922612b94565b8152600791909101546001600160a01b031660209091015292915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b0316156109ad5761097b84846107b1565b610988575f9150506107ab565b80545f9081526006602090815260408083206001850154845290915290205460ff1691505b6001600160a01b0384165f9081526002602052604090205460ff16156109d75760049150506107ab565b6001600160a01b0384165f9081526003602052604090205460ff168015610a0f57506002826004811115610a0d57610a0d612b94565b105b15610a1e5760029150506107ab565b5092915050565b335f9081526003602052604090205460ff16610a56576040516353ac4f0760e01b8152336004820152602401610608565b610a5f33611856565b15610a7e576040516249595760e61b8152336004820152602401610608565b610a878161189b565b50565b335f9081526003602052604090205460ff16610abb576040516353ac4f0760e01b8152336004820152602401610608565b610ac433611856565b15610ae3576040516249595760e61b8152336004820152602401610608565b5f5b81811015610b2157610b19838383818110610b0257610b02613003565b9050602002810190610b149190613017565b61189b565b600101610ae5565b505050565b604080517fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695260208201526001600160a01b0386169181019190915260608101849052608081018390526001600160401b03821660a08201525f90819060c001604051602081830303815290604052805190602001209050610ba56116bf565b60405161190160f01b602082015260228101919091526042810182905260620160405160208183030381529060405280519060200120915050949350505050565b335f9081526003602052604090205460ff16610c17576040516353ac4f0760e01b8152336004820152602401610608565b610c2033611856565b15610c3f576040516249595760e61b8152336004820152602401610608565b336001600160a01b03831603610c7357604051633af6c3cf60e21b81526001600160a01b0383166004820152602401610608565b6001600160a01b0382165f90815260076020526040812060068101549091600160401b9091046001600160401b03169003610ccc57604051631ebfbd3560e11b81526001600160a01b0384166004820152602401610608565b80545f908152600660209081526040808320858452909152812090815460ff166004811115610cfd57610cfd612b94565b03610d285781546040516393ddf35760e01b8152600481019190915260248101849052604401610608565b8054610100900460ff166003811115610d4357610d43612b94565b6006830154600160801b900460ff166003811115610d6357610d63612b94565b1015610d9d5780546006830154604051630ca0f98360e41b81526106089260ff610100909104811692600160801b90041690600401613036565b6001820183905581546040518481526001600160a01b038616907f87a428676f0d592dc6d0c79ab4322a277ef26bcf652dcb6f515bfd1d44f39dbb906020015b60405180910390a350505050565b335f9081526002602052604090205460ff16610e1c5760405163614d9c0f60e01b8152336004820152602401610608565b610e2533611856565b15610e44576040516249595760e61b8152336004820152602401610608565b5f610e4e82611f19565b90505f5b6004820154811015610ec057336001600160a01b0316826004018281548110610e7d57610e7d613003565b5f918252602090912001546001600160a01b031603610eb85760405163a72db78760e01b815260048101849052336024820152604401610608565b600101610e52565b506004810180546001810182555f828152602090200180546001600160a01b03191633908117909155905460405184917f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d891610f1e91815260200190565b60405180910390a35050565b335f9081526002602052604081205460ff16610f5b5760405163614d9c0f60e01b8152336004820152602401610608565b610f6433611856565b15610f83576040516249595760e61b8152336004820152602401610608565b4630600c54868686604051602001610fa096959493929190613051565b6040516020818303038152906040528051906020012090506001600c5f828254610fca919061308f565b90915550505f818152600b6020526040902080548590829060ff19166001836008811115610ffa57610ffa612b94565b0217905550600181810185905560028201849055600382018054336001600160a01b0319918216811790925560048401805493840181555f908152602090209092018054909216811790915560405183907f2983098ddf6d264d29bc4f819953117994bff6f397c32ac9106cac23df117e109061107c908990899089906130a2565b60405180910390a360405160018152339083907f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d89060200160405180910390a3509392505050565b6040805180820182525f808252602080830182905285825260068152838220858352905282902082518084019093528054919291829060ff16600481111561110e5761110e612b94565b600481111561111f5761111f612b94565b81528154602090910190610100900460ff16600381111561114257611142612b94565b600381111561115357611153612b94565b9052509392505050565b335f9081526003602052604090205460ff1661118e576040516353ac4f0760e01b8152336004820152602401610608565b61119733611856565b156111b6576040516249595760e61b8152336004820152602401610608565b816111d45760405163e334302b60e01b815260040160405180910390fd5b5f8281526009602052604090205460ff16156112065760405163b93e450d60e01b815260048101839052602401610608565b5f828152600960209081526040808320805460ff19166001179055600882529182902054915160ff841681526001600160a01b039092169184917fdee87d5a47f91fd756be2a82d5f23e9c99a33d099a0e68a44b5c829200eb62e89101610f1e565b5f818152600b60205260408120600401815b81548110156112da5760025f83838154811061129857611298613003565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff16156112d257826112ce816130c1565b9350505b60010161127a565b5050919050565b335f9081526003602052604090205460ff16611312576040516353ac4f0760e01b8152336004820152602401610608565b61131b33611856565b1561133a576040516249595760e61b8152336004820152602401610608565b5f8481526005602052604090206001015460ff1661136e5760405163701ca60560e01b815260048101859052602401610608565b8261138c5760405163e334302b60e01b815260040160405180910390fd5b60048260048111156113a0576113a0612b94565b036113be57604051632b2005c560e01b815260040160405180910390fd5b60405180604001604052808360048111156113db576113db612b94565b81526020018260038111156113f2576113f2612b94565b90525f858152600660209081526040808320878452909152902081518154829060ff1916600183600481111561142a5761142a612b94565b021790555060208201518154829061ff00191661010083600381111561145257611452612b94565b021790555090505082847f060d0a3166eae61df75e7cee9308112fce696317bce809fb254e4cd7efd7a3528484604051610ddd9291906130d9565b335f9081526002602052604090205460ff166114be5760405163614d9c0f60e01b8152336004820152602401610608565b6114c733611856565b156114e6576040516249595760e61b8152336004820152602401610608565b5f6114f082611f19565b90505f6114fc83611268565b90505f54811015611534575f54604051631b3e005d60e11b815260048101859052602481018390526044810191909152606401610608565b60038201805460ff60a01b1916600160a01b1790558154600183015460028401546115639260ff169190611f89565b604051339084907ff20459f0cd23ff5b3028bc90ea400293e55b573e4e60f3b01e45325428994ee1905f90a3505050565b6115d46040805160c08101909152805f81526020015f81526020015f81526020015f6001600160a01b031681526020015f15158152602001606081525090565b5f828152600b602052604090819020815160c081019092528054829060ff16600881111561160457611604612b94565b600881111561161557611615612b94565b81526001820154602080830191909152600283015460408084019190915260038401546001600160a01b0381166060850152600160a01b900460ff161515608084015260048401805482518185028101850190935280835260a09094019391929091908301828280156116af57602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611691575b5050505050815250509050919050565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f6b3dd38d116122c42baabc20a0340ea5b3957b862782c2ff0526744a40a4d56a918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b6001600160a01b0382165f908152600760205260408120600681015482916001600160401b0391600160401b9004821683036117a1575f9250611842565b60028101545f9081526009602052604090205460ff16156117c55760029250611842565b60068101546001600160401b0390811690861611156117e75760039250611842565b60038101545f9081526004602052604090205460ff1661180a5760049250611842565b80545f9081526005602052604090206001015460ff1661182d5760059250611842565b6006810154600193506001600160401b031691505b61184c8686610940565b9350509250925092565b6001600160a01b0381165f90815260076020526040812060060154600160401b90046001600160401b0316158015906107ab575061189482426107b1565b1592915050565b5f6118a96020830183612b74565b6001600160a01b0316036118d05760405163d92e233d60e01b815260040160405180910390fd5b336118de6020830183612b74565b6001600160a01b03160361191e576118f96020820182612b74565b604051633af6c3cf60e21b81526001600160a01b039091166004820152602401610608565b60075f61192e6020840184612b74565b6001600160a01b0316815260208101919091526040015f2060060154600160401b90046001600160401b0316156119915761196c6020820182612b74565b60405163486ef2d560e01b81526001600160a01b039091166004820152602401610608565b6020808201355f908152600590915260409020600181015460ff166119cf5760405163701ca60560e01b815260208301356004820152602401610608565b6020808301355f90815260068252604080822081860135835290925290812090815460ff166004811115611a0557611a05612b94565b03611a3357604080516393ddf35760e01b815260208501356004820152908401356024820152604401610608565b5f611a4460e0850160c086016130e7565b6003811115611a5557611a55612b94565b03611a9a57611a6a60e0840160c085016130e7565b6003811115611a7b57611a7b612b94565b60405163379c87a960e01b815260ff9091166004820152602401610608565b8054610100900460ff166003811115611ab557611ab5612b94565b611ac560e0850160c086016130e7565b6003811115611ad657611ad6612b94565b1015611b11578054610100900460ff16611af660e0850160c086016130e7565b604051630ca0f98360e41b8152600401610608929190613036565b60808301355f9081526004602052604090205460ff16611b4a57604051637a740ecd60e11b815260808401356004820152602401610608565b60608301355f9081526009602052604090205460ff1615611b845760405163e41b98f760e01b815260608401356004820152602401610608565b60608301355f908152600860205260409020546001600160a01b03168015611bd357604051623bdaab60e51b8152606085013560048201526001600160a01b0382166024820152604401610608565b42611be5610100860160e08701613100565b6001600160401b03161015611c35576060840135611c0a610100860160e08701613100565b60405163ba87109d60e01b815260048101929092526001600160401b03166024820152604401610608565b5f611c3f856122ac565b90506001600a5f8381526020019081526020015f205f6101000a81548160ff021916908315150217905550604051806101400160405280866020013581526020018660400135815260200186606001358152602001866080013581526020018660a0013581526020018281526020018660e0016020810190611cc19190613100565b6001600160401b03908116825242166020820152604001611ce860e0880160c089016130e7565b6003811115611cf957611cf9612b94565b8152336020918201526007905f90611d1390890189612b74565b6001600160a01b0316815260208082019290925260409081015f2083518155918301516001830155820151600282015560608201516003808301919091556080830151600483015560a0830151600583015560c083015160068301805460e08601516001600160401b03908116600160401b026fffffffffffffffffffffffffffffffff19909216931692909217919091178082556101008501519260ff60801b1990911690600160801b908490811115611dd057611dd0612b94565b02179055506101209190910151600790910180546001600160a01b0319166001600160a01b03909216919091179055611e0c6020860186612b74565b60608601355f90815260086020526040902080546001600160a01b0319166001600160a01b039290921691909117905560018481018054600590611e61908490600160281b90046001600160401b0316613119565b92506101000a8154816001600160401b0302191690836001600160401b0316021790555084606001358560200135865f016020810190611ea19190612b74565b6001600160a01b03167fc5690a36b784954ee1a10eb30060c2e6abebf3cef2f8170916c6dbc553520cd4604089013560808a0135611ee560e08c0160c08d016130e7565b611ef66101008d0160e08e01613100565b8833604051611f0a96959493929190613138565b60405180910390a45050505050565b5f818152600b6020526040902060038101546001600160a01b0316611f54576040516304bbf15f60e11b815260048101839052602401610608565b6003810154600160a01b900460ff1615611f845760405163134c704360e11b815260048101839052602401610608565b919050565b5f836008811115611f9c57611f9c612b94565b03611fab57610b218282612530565b6001836008811115611fbf57611fbf612b94565b03611fcd57610b21826126c9565b6002836008811115611fe157611fe1612b94565b03611ff757610b21611ff283612820565b612858565b600383600881111561200b5761200b612b94565b03612118575f61201a83612820565b6001600160a01b0381165f9081526002602052604090205490915060ff166120605760405163b8f72ff960e01b81526001600160a01b0382166004820152602401610608565b5f54600180546120709190613182565b10156120a8575f54600180546120869190613182565b60405163158589c560e11b815260048101929092526024820152604401610608565b6001600160a01b0381165f908152600260205260408120805460ff1916905560018054909182916120da908390613182565b90915550506040516001600160a01b038216907f33a4522cc78c3c6e6dcb3af93442beae102f307bd10b05503890f676c7973cf8905f90a250505050565b600483600881111561212c5761212c612b94565b0361214257610b2161213d83612820565b612934565b600583600881111561215657612156612b94565b036121f6575f61216583612820565b6001600160a01b0381165f9081526003602052604090205490915060ff166121ab57604051633c33e95160e01b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f81815260036020526040808220805460ff19169055517f81cb97a294b3ff5f91ef4048b3173c7f8f6943d9750add2071199061165e5f579190a250505050565b600683600881111561220a5761220a612b94565b0361221857610b21826129ea565b600783600881111561222c5761222c612b94565b0361223a57610b2182612a60565b5f8281526004602052604090205460ff1661226b57604051637a740ecd60e11b815260048101839052602401610608565b5f82815260046020526040808220805460ff191690555183917f7e84e54bf5c24a1e12b8af9b65a52505b57da19ef573711c03562865a45d8a7691a2505050565b5f6122bf61014083016101208401613100565b6001600160401b0316158015906122ef5750426122e461014084016101208501613100565b6001600160401b0316105b1561232b5761230661014083016101208401613100565b604051638cd2efc960e01b81526001600160401b039091166004820152602401610608565b61235861233b6020840184612b74565b606084013561010085013561031f61014087016101208801613100565b5f818152600a602052604090205490915060ff161561238d5760405163bf64e5ed60e01b815260048101829052602401610608565b365f61239d610140850185613195565b9092509050604181146123dc576123b76020850185612b74565b604051637bada69360e01b81526001600160a01b039091166004820152602401610608565b5f6123ea60208284866131de565b6123f391613205565b90505f6124046040602085876131de565b61240d91613205565b90505f8484604081811061242357612423613003565b919091013560f81c9150507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a082118061246f57508060ff16601b1415801561246f57508060ff16601c14155b15612481576123b76020880188612b74565b604080515f8082526020820180845289905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa1580156124d2573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116158061251357506124fd6020890189612b74565b6001600160a01b0316816001600160a01b031614155b15612525576123b76020890189612b74565b505050505050919050565b8161254e5760405163e334302b60e01b815260040160405180910390fd5b5f8281526005602052604090206001015460ff1615612583576040516335b8523360e21b815260048101839052602401610608565b8015612608575f8181526005602052604090206001015460ff166125bd5760405163701ca60560e01b815260048101829052602401610608565b5f8181526005602052604090206001908101805482906125e9908290610100900463ffffffff16613222565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b60408051608081018252828152600160208083018281525f848601818152606086018281528983526005909452868220955186559151949093018054915192516001600160401b0316600160281b026cffffffffffffffff00000000001963ffffffff949094166101000264ffffffff00199615159690961664ffffffffff19909316929092179490941791909116179091559051829184917fc5a42a3a62dc34bac5ef61617eeb15a6c3ee4ab07721c35bde41061169434bfc9190a35050565b5f818152600560205260409020600181015460ff166126fe5760405163701ca60560e01b815260048101839052602401610608565b6001810154610100900463ffffffff1615158061272e57506001810154600160281b90046001600160401b031615155b1561277a576001810154604051636bd8f7c760e11b815260048101849052610100820463ffffffff166024820152600160281b9091046001600160401b03166044820152606401610608565b8054156127ce5780545f9081526005602052604090206001908101805482906127af908290610100900463ffffffff1661323e565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b5f8281526005602052604080822082815560010180546cffffffffffffffffffffffffff191690555183917f1da7210c10cf2094ad88a02a659876b6cd905e18bdfd7a11c9072f4894cde6b391a25050565b806001600160a01b038116158061283a575060a082901c15155b15611f845760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811661287f5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff16156128c357604051630371b34f60e31b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f908152600260205260408120805460ff191660019081179091558054909182916128f990839061308f565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6001600160a01b03811661295b5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff161561299f57604051639746dd8560e01b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b60028110806129fa575060015481115b15612a265760015460405163158589c560e11b8152610608918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b80612a7e5760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff1615612ab05760405163bc666d6b60e01b815260048101829052602401610608565b5f81815260046020526040808220805460ff191660011790555182917fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b91a250565b6040518061014001604052805f81526020015f81526020015f81526020015f81526020015f81526020015f81526020015f6001600160401b031681526020015f6001600160401b031681526020015f6003811115612b5257612b52612b94565b81525f60209091015290565b80356001600160a01b0381168114611f84575f5ffd5b5f60208284031215612b84575f5ffd5b612b8d82612b5e565b9392505050565b634e487b7160e01b5f52602160045260245ffd5b60058110612bb857612bb8612b94565b9052565b602081016107ab8284612ba8565b80356001600160401b0381168114611f84575f5ffd5b5f5f60408385031215612bf1575f5ffd5b612bfa83612b5e565b9150612c0860208401612bca565b90509250929050565b5f60208284031215612c21575f5ffd5b5035919050565b60048110612bb857612bb8612b94565b5f61014082019050825182526020830151602083015260408301516040830152606083015160608301526080830151608083015260a083015160a083015260c0830151612c9060c08401826001600160401b03169052565b5060e0830151612cab60e08401826001600160401b03169052565b50610100830151612cc0610100840182612c28565b50610120830151610a1e6101208401826001600160a01b03169052565b5f60208284031215612ced575f5ffd5b81356001600160401b03811115612d02575f5ffd5b82016101608185031215612b8d575f5ffd5b5f5f60208385031215612d25575f5ffd5b82356001600160401b03811115612d3a575f5ffd5b8301601f81018513612d4a575f5ffd5b80356001600160401b03811115612d5f575f5ffd5b8560208260051b8401011115612d73575f5ffd5b6020919091019590945092505050565b5f5f5f5f60808587031215612d96575f5ffd5b612d9f85612b5e565b93506020850135925060408501359150612dbb60608601612bca565b905092959194509250565b5f5f60408385031215612dd7575f5ffd5b612de083612b5e565b946020939093013593505050565b5f5f5f60608486031215612e00575f5ffd5b833560098110612e0e575f5ffd5b95602085013595506040909401359392505050565b5f5f60408385031215612e34575f5ffd5b50508035926020909101359150565b5f604082019050612e55828451612ba8565b6020830151610a1e6020840182612c28565b5f5f60408385031215612e78575f5ffd5b82359150602083013560ff81168114612e8f575f5ffd5b809150509250929050565b803560048110611f84575f5ffd5b5f5f5f5f60808587031215612ebb575f5ffd5b8435935060208501359250604085013560058110612ed7575f5ffd5b9150612dbb60608601612e9a565b60098110612bb857612bb8612b94565b602081525f60e08201612f0c602084018551612ee5565b602084015160408401526040840151606084015260018060a01b0360608501511660808401526080840151151560a084015260a084015160c080850152818151808452610100860191506020830193505f92505b80831015612f8b5783516001600160a01b031682526020938401936001939093019290910190612f60565b5095945050505050565b60608101612fa38286612ba8565b60068410612fb357612fb3612b94565b8360208301526001600160401b0383166040830152949350505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b0382811682821603908111156107ab576107ab612fd0565b634e487b7160e01b5f52603260045260245ffd5b5f823561015e1983360301811261302c575f5ffd5b9190910192915050565b604081016130448285612c28565b612b8d6020830184612c28565b8681526001600160a01b03861660208201526040810185905260c0810161307b6060830186612ee5565b608082019390935260a00152949350505050565b808201808211156107ab576107ab612fd0565b606081016130b08286612ee5565b602082019390935260400152919050565b5f600182016130d2576130d2612fd0565b5060010190565b604081016130448285612ba8565b5f602082840312156130f7575f5ffd5b612b8d82612e9a565b5f60208284031215613110575f5ffd5b612b8d82612bca565b6001600160401b0381811683821601908111156107ab576107ab612fd0565b8681526020810186905260c081016131536040830187612c28565b6001600160401b0394909416606082015260808101929092526001600160a01b031660a0909101529392505050565b818103818111156107ab576107ab612fd0565b5f5f8335601e198436030181126131aa575f5ffd5b8301803591506001600160401b038211156131c3575f5ffd5b6020019150368190038213156131d7575f5ffd5b9250929050565b5f5f858511156131ec575f5ffd5b838611156131f8575f5ffd5b5050820193919092039150565b803560208310156107ab575f19602084900360031b1b1692915050565b63ffffffff81811683821601908111156107ab576107ab612fd0565b63ffffffff82811682821603908111156107ab576107ab612fd056fea164736f6c6343000825000a" as const;

/** Runtime code of IdentityRegistry, as eth_getCode returns it once deployed. */
export const deployedBytecode =
  "0x608060405234801561000f575f5ffd5b50600436106101e7575f3560e01c8063a760c29511610109578063d1aa0c201161009e578063f48c0abf1161006e578063f48c0abf1461056f578063f698da251461058f578063febb936014610597578063ff089698146105b9575f5ffd5b8063d1aa0c201461050f578063d5db72eb14610531578063da35c66414610553578063e751f2711461055c575f5ffd5b8063b5c05126116100d9578063b5c05126146104b6578063c6da2c1d146104d6578063cacf2e3e146104e9578063cfbda36d146104fc575f5ffd5b8063a760c29514610371578063ad376b1e146103b1578063b041b273146103c4578063b44103e1146103e6575f5ffd5b80635f3ad7091161017f5780639522be051161014f5780639522be0514610311578063a08ca42914610324578063a1bb291814610337578063a53a1adf1461035e575f5ffd5b80635f3ad709146102bc57806367c354a2146102c45780636e8d66f9146102eb57806377941971146102fe575f5ffd5b8063259350b4116101ba578063259350b41461025e5780632b7832b3146102805780633b4c9891146102895780635091aead146102a9575f5ffd5b80630b1ca49a146101eb5780631703a0181461020057806317dc688d1461021b5780631ed4237e1461023b575b5f5ffd5b6101fe6101f9366004612b74565b6105db565b005b6102085f5481565b6040519081526020015b60405180910390f35b61022e610229366004612b74565b6107a0565b6040516102129190612bbc565b61024e610249366004612be0565b6107b1565b6040519015158152602001610212565b61024e61026c366004612c11565b60096020525f908152604090205460ff1681565b61020860015481565b61029c610297366004612b74565b610864565b6040516102129190612c38565b61022e6102b7366004612be0565b610940565b610208600281565b6102087fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695281565b6101fe6102f9366004612cdd565b610a25565b6101fe61030c366004612d14565b610a8a565b61020861031f366004612d83565b610b26565b6101fe610332366004612dc6565b610be6565b6102087f000000000000000000000000000000000000000000000000000000000000000081565b6101fe61036c366004612c11565b610deb565b61039961037f366004612c11565b60086020525f90815260409020546001600160a01b031681565b6040516001600160a01b039091168152602001610212565b6102086103bf366004612dee565b610f2a565b61024e6103d2366004612c11565b600a6020525f908152604090205460ff1681565b6104726103f4366004612c11565b604080516080810182525f808252602082018190529181018290526060810191909152505f9081526005602090815260409182902082516080810184528154815260019091015460ff8116151592820192909252610100820463ffffffff1692810192909252600160281b90046001600160401b0316606082015290565b60405161021291908151815260208083015115159082015260408083015163ffffffff16908201526060918201516001600160401b03169181019190915260800190565b6104c96104c4366004612e23565b6110c4565b6040516102129190612e43565b6101fe6104e4366004612e67565b61115d565b6102086104f7366004612c11565b611268565b6101fe61050a366004612ea8565b6112e1565b61024e61051d366004612b74565b60026020525f908152604090205460ff1681565b61024e61053f366004612b74565b60036020525f908152604090205460ff1681565b610208600c5481565b6101fe61056a366004612c11565b61148d565b61058261057d366004612c11565b611594565b6040516102129190612ef5565b6102086116bf565b61024e6105a5366004612c11565b60046020525f908152604090205460ff1681565b6105cc6105c7366004612be0565b611763565b60405161021293929190612f95565b335f9081526003602052604090205460ff16610611576040516353ac4f0760e01b81523360048201526024015b60405180910390fd5b61061a33611856565b15610639576040516249595760e61b8152336004820152602401610608565b6001600160a01b0381165f90815260076020526040812060068101549091600160401b9091046001600160401b0316900361069257604051631ebfbd3560e11b81526001600160a01b0383166004820152602401610608565b600281015481545f90815260056020819052604090912060019081018054919290916106cf908490600160281b90046001600160401b0316612fe4565b82546001600160401b039182166101009390930a9283029190920219909116179055505f81815260086020908152604080832080546001600160a01b03199081169091556001600160a01b038716808552600793849052828520858155600181018690556002810186905560038101869055600481018690556005810186905560068101805470ffffffffffffffffffffffffffffffffff19169055909301805490911690555183927fbd1f9a02c9ef3c31bebe4c93654b10bf2693f6db933277e6896355ae68c8aac791a3505050565b5f6107ab8242610940565b92915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b031682036107ec575f9150506107ab565b60028101545f9081526009602052604090205460ff16158015610820575060068101546001600160401b0390811690841611155b801561083e575060038101545f9081526004602052604090205460ff165b801561085c575080545f9081526005602052604090206001015460ff165b949350505050565b61086c612af2565b6001600160a01b0382165f9081526007602090815260409182902082516101408101845281548152600182015492810192909252600281015492820192909252600380830154606083015260048301546080830152600583015460a083015260068301546001600160401b0380821660c0850152600160401b82041660e0840152919291610100840191600160801b90910460ff169081111561091157610911612b94565b600381111561092257610922612b94565b8152600791909101546001600160a01b031660209091015292915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b0316156109ad5761097b84846107b1565b610988575f9150506107ab565b80545f9081526006602090815260408083206001850154845290915290205460ff1691505b6001600160a01b0384165f9081526002602052604090205460ff16156109d75760049150506107ab565b6001600160a01b0384165f9081526003602052604090205460ff168015610a0f57506002826004811115610a0d57610a0d612b94565b105b15610a1e5760029150506107ab565b5092915050565b335f9081526003602052604090205460ff16610a56576040516353ac4f0760e01b8152336004820152602401610608565b610a5f33611856565b15610a7e576040516249595760e61b8152336004820152602401610608565b610a878161189b565b50565b335f9081526003602052604090205460ff16610abb576040516353ac4f0760e01b8152336004820152602401610608565b610ac433611856565b15610ae3576040516249595760e61b8152336004820152602401610608565b5f5b81811015610b2157610b19838383818110610b0257610b02613003565b9050602002810190610b149190613017565b61189b565b600101610ae5565b505050565b604080517fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695260208201526001600160a01b0386169181019190915260608101849052608081018390526001600160401b03821660a08201525f90819060c001604051602081830303815290604052805190602001209050610ba56116bf565b60405161190160f01b602082015260228101919091526042810182905260620160405160208183030381529060405280519060200120915050949350505050565b335f9081526003602052604090205460ff16610c17576040516353ac4f0760e01b8152336004820152602401610608565b610c2033611856565b15610c3f576040516249595760e61b8152336004820152602401610608565b336001600160a01b03831603610c7357604051633af6c3cf60e21b81526001600160a01b0383166004820152602401610608565b6001600160a01b0382165f90815260076020526040812060068101549091600160401b9091046001600160401b03169003610ccc57604051631ebfbd3560e11b81526001600160a01b0384166004820152602401610608565b80545f908152600660209081526040808320858452909152812090815460ff166004811115610cfd57610cfd612b94565b03610d285781546040516393ddf35760e01b8152600481019190915260248101849052604401610608565b8054610100900460ff166003811115610d4357610d43612b94565b6006830154600160801b900460ff166003811115610d6357610d63612b94565b1015610d9d5780546006830154604051630ca0f98360e41b81526106089260ff610100909104811692600160801b90041690600401613036565b6001820183905581546040518481526001600160a01b038616907f87a428676f0d592dc6d0c79ab4322a277ef26bcf652dcb6f515bfd1d44f39dbb906020015b60405180910390a350505050565b335f9081526002602052604090205460ff16610e1c5760405163614d9c0f60e01b8152336004820152602401610608565b610e2533611856565b15610e44576040516249595760e61b8152336004820152602401610608565b5f610e4e82611f19565b90505f5b6004820154811015610ec057336001600160a01b0316826004018281548110610e7d57610e7d613003565b5f918252602090912001546001600160a01b031603610eb85760405163a72db78760e01b815260048101849052336024820152604401610608565b600101610e52565b506004810180546001810182555f828152602090200180546001600160a01b03191633908117909155905460405184917f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d891610f1e91815260200190565b60405180910390a35050565b335f9081526002602052604081205460ff16610f5b5760405163614d9c0f60e01b8152336004820152602401610608565b610f6433611856565b15610f83576040516249595760e61b8152336004820152602401610608565b4630600c54868686604051602001610fa096959493929190613051565b6040516020818303038152906040528051906020012090506001600c5f828254610fca919061308f565b90915550505f818152600b6020526040902080548590829060ff19166001836008811115610ffa57610ffa612b94565b0217905550600181810185905560028201849055600382018054336001600160a01b0319918216811790925560048401805493840181555f908152602090209092018054909216811790915560405183907f2983098ddf6d264d29bc4f819953117994bff6f397c32ac9106cac23df117e109061107c908990899089906130a2565b60405180910390a360405160018152339083907f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d89060200160405180910390a3509392505050565b6040805180820182525f808252602080830182905285825260068152838220858352905282902082518084019093528054919291829060ff16600481111561110e5761110e612b94565b600481111561111f5761111f612b94565b81528154602090910190610100900460ff16600381111561114257611142612b94565b600381111561115357611153612b94565b9052509392505050565b335f9081526003602052604090205460ff1661118e576040516353ac4f0760e01b8152336004820152602401610608565b61119733611856565b156111b6576040516249595760e61b8152336004820152602401610608565b816111d45760405163e334302b60e01b815260040160405180910390fd5b5f8281526009602052604090205460ff16156112065760405163b93e450d60e01b815260048101839052602401610608565b5f828152600960209081526040808320805460ff19166001179055600882529182902054915160ff841681526001600160a01b039092169184917fdee87d5a47f91fd756be2a82d5f23e9c99a33d099a0e68a44b5c829200eb62e89101610f1e565b5f818152600b60205260408120600401815b81548110156112da5760025f83838154811061129857611298613003565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff16156112d257826112ce816130c1565b9350505b60010161127a565b5050919050565b335f9081526003602052604090205460ff16611312576040516353ac4f0760e01b8152336004820152602401610608565b61131b33611856565b1561133a576040516249595760e61b8152336004820152602401610608565b5f8481526005602052604090206001015460ff1661136e5760405163701ca60560e01b815260048101859052602401610608565b8261138c5760405163e334302b60e01b815260040160405180910390fd5b60048260048111156113a0576113a0612b94565b036113be57604051632b2005c560e01b815260040160405180910390fd5b60405180604001604052808360048111156113db576113db612b94565b81526020018260038111156113f2576113f2612b94565b90525f858152600660209081526040808320878452909152902081518154829060ff1916600183600481111561142a5761142a612b94565b021790555060208201518154829061ff00191661010083600381111561145257611452612b94565b021790555090505082847f060d0a3166eae61df75e7cee9308112fce696317bce809fb254e4cd7efd7a3528484604051610ddd9291906130d9565b335f9081526002602052604090205460ff166114be5760405163614d9c0f60e01b8152336004820152602401610608565b6114c733611856565b156114e6576040516249595760e61b8152336004820152602401610608565b5f6114f082611f19565b90505f6114fc83611268565b90505f54811015611534575f54604051631b3e005d60e11b815260048101859052602481018390526044810191909152606401610608565b60038201805460ff60a01b1916600160a01b1790558154600183015460028401546115639260ff169190611f89565b604051339084907ff20459f0cd23ff5b3028bc90ea400293e55b573e4e60f3b01e45325428994ee1905f90a3505050565b6115d46040805160c08101909152805f81526020015f81526020015f81526020015f6001600160a01b031681526020015f15158152602001606081525090565b5f828152600b602052604090819020815160c081019092528054829060ff16600881111561160457611604612b94565b600881111561161557611615612b94565b81526001820154602080830191909152600283015460408084019190915260038401546001600160a01b0381166060850152600160a01b900460ff161515608084015260048401805482518185028101850190935280835260a09094019391929091908301828280156116af57602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611691575b5050505050815250509050919050565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f6b3dd38d116122c42baabc20a0340ea5b3957b862782c2ff0526744a40a4d56a918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b6001600160a01b0382165f908152600760205260408120600681015482916001600160401b0391600160401b9004821683036117a1575f9250611842565b60028101545f9081526009602052604090205460ff16156117c55760029250611842565b60068101546001600160401b0390811690861611156117e75760039250611842565b60038101545f9081526004602052604090205460ff1661180a5760049250611842565b80545f9081526005602052604090206001015460ff1661182d5760059250611842565b6006810154600193506001600160401b031691505b61184c8686610940565b9350509250925092565b6001600160a01b0381165f90815260076020526040812060060154600160401b90046001600160401b0316158015906107ab575061189482426107b1565b1592915050565b5f6118a96020830183612b74565b6001600160a01b0316036118d05760405163d92e233d60e01b815260040160405180910390fd5b336118de6020830183612b74565b6001600160a01b03160361191e576118f96020820182612b74565b604051633af6c3cf60e21b81526001600160a01b039091166004820152602401610608565b60075f61192e6020840184612b74565b6001600160a01b0316815260208101919091526040015f2060060154600160401b90046001600160401b0316156119915761196c6020820182612b74565b60405163486ef2d560e01b81526001600160a01b039091166004820152602401610608565b6020808201355f908152600590915260409020600181015460ff166119cf5760405163701ca60560e01b815260208301356004820152602401610608565b6020808301355f90815260068252604080822081860135835290925290812090815460ff166004811115611a0557611a05612b94565b03611a3357604080516393ddf35760e01b815260208501356004820152908401356024820152604401610608565b5f611a4460e0850160c086016130e7565b6003811115611a5557611a55612b94565b03611a9a57611a6a60e0840160c085016130e7565b6003811115611a7b57611a7b612b94565b60405163379c87a960e01b815260ff9091166004820152602401610608565b8054610100900460ff166003811115611ab557611ab5612b94565b611ac560e0850160c086016130e7565b6003811115611ad657611ad6612b94565b1015611b11578054610100900460ff16611af660e0850160c086016130e7565b604051630ca0f98360e41b8152600401610608929190613036565b60808301355f9081526004602052604090205460ff16611b4a57604051637a740ecd60e11b815260808401356004820152602401610608565b60608301355f9081526009602052604090205460ff1615611b845760405163e41b98f760e01b815260608401356004820152602401610608565b60608301355f908152600860205260409020546001600160a01b03168015611bd357604051623bdaab60e51b8152606085013560048201526001600160a01b0382166024820152604401610608565b42611be5610100860160e08701613100565b6001600160401b03161015611c35576060840135611c0a610100860160e08701613100565b60405163ba87109d60e01b815260048101929092526001600160401b03166024820152604401610608565b5f611c3f856122ac565b90506001600a5f8381526020019081526020015f205f6101000a81548160ff021916908315150217905550604051806101400160405280866020013581526020018660400135815260200186606001358152602001866080013581526020018660a0013581526020018281526020018660e0016020810190611cc19190613100565b6001600160401b03908116825242166020820152604001611ce860e0880160c089016130e7565b6003811115611cf957611cf9612b94565b8152336020918201526007905f90611d1390890189612b74565b6001600160a01b0316815260208082019290925260409081015f2083518155918301516001830155820151600282015560608201516003808301919091556080830151600483015560a0830151600583015560c083015160068301805460e08601516001600160401b03908116600160401b026fffffffffffffffffffffffffffffffff19909216931692909217919091178082556101008501519260ff60801b1990911690600160801b908490811115611dd057611dd0612b94565b02179055506101209190910151600790910180546001600160a01b0319166001600160a01b03909216919091179055611e0c6020860186612b74565b60608601355f90815260086020526040902080546001600160a01b0319166001600160a01b039290921691909117905560018481018054600590611e61908490600160281b90046001600160401b0316613119565b92506101000a8154816001600160401b0302191690836001600160401b0316021790555084606001358560200135865f016020810190611ea19190612b74565b6001600160a01b03167fc5690a36b784954ee1a10eb30060c2e6abebf3cef2f8170916c6dbc553520cd4604089013560808a0135611ee560e08c0160c08d016130e7565b611ef66101008d0160e08e01613100565b8833604051611f0a96959493929190613138565b60405180910390a45050505050565b5f818152600b6020526040902060038101546001600160a01b0316611f54576040516304bbf15f60e11b815260048101839052602401610608565b6003810154600160a01b900460ff1615611f845760405163134c704360e11b815260048101839052602401610608565b919050565b5f836008811115611f9c57611f9c612b94565b03611fab57610b218282612530565b6001836008811115611fbf57611fbf612b94565b03611fcd57610b21826126c9565b6002836008811115611fe157611fe1612b94565b03611ff757610b21611ff283612820565b612858565b600383600881111561200b5761200b612b94565b03612118575f61201a83612820565b6001600160a01b0381165f9081526002602052604090205490915060ff166120605760405163b8f72ff960e01b81526001600160a01b0382166004820152602401610608565b5f54600180546120709190613182565b10156120a8575f54600180546120869190613182565b60405163158589c560e11b815260048101929092526024820152604401610608565b6001600160a01b0381165f908152600260205260408120805460ff1916905560018054909182916120da908390613182565b90915550506040516001600160a01b038216907f33a4522cc78c3c6e6dcb3af93442beae102f307bd10b05503890f676c7973cf8905f90a250505050565b600483600881111561212c5761212c612b94565b0361214257610b2161213d83612820565b612934565b600583600881111561215657612156612b94565b036121f6575f61216583612820565b6001600160a01b0381165f9081526003602052604090205490915060ff166121ab57604051633c33e95160e01b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f81815260036020526040808220805460ff19169055517f81cb97a294b3ff5f91ef4048b3173c7f8f6943d9750add2071199061165e5f579190a250505050565b600683600881111561220a5761220a612b94565b0361221857610b21826129ea565b600783600881111561222c5761222c612b94565b0361223a57610b2182612a60565b5f8281526004602052604090205460ff1661226b57604051637a740ecd60e11b815260048101839052602401610608565b5f82815260046020526040808220805460ff191690555183917f7e84e54bf5c24a1e12b8af9b65a52505b57da19ef573711c03562865a45d8a7691a2505050565b5f6122bf61014083016101208401613100565b6001600160401b0316158015906122ef5750426122e461014084016101208501613100565b6001600160401b0316105b1561232b5761230661014083016101208401613100565b604051638cd2efc960e01b81526001600160401b039091166004820152602401610608565b61235861233b6020840184612b74565b606084013561010085013561031f61014087016101208801613100565b5f818152600a602052604090205490915060ff161561238d5760405163bf64e5ed60e01b815260048101829052602401610608565b365f61239d610140850185613195565b9092509050604181146123dc576123b76020850185612b74565b604051637bada69360e01b81526001600160a01b039091166004820152602401610608565b5f6123ea60208284866131de565b6123f391613205565b90505f6124046040602085876131de565b61240d91613205565b90505f8484604081811061242357612423613003565b919091013560f81c9150507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a082118061246f57508060ff16601b1415801561246f57508060ff16601c14155b15612481576123b76020880188612b74565b604080515f8082526020820180845289905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa1580156124d2573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116158061251357506124fd6020890189612b74565b6001600160a01b0316816001600160a01b031614155b15612525576123b76020890189612b74565b505050505050919050565b8161254e5760405163e334302b60e01b815260040160405180910390fd5b5f8281526005602052604090206001015460ff1615612583576040516335b8523360e21b815260048101839052602401610608565b8015612608575f8181526005602052604090206001015460ff166125bd5760405163701ca60560e01b815260048101829052602401610608565b5f8181526005602052604090206001908101805482906125e9908290610100900463ffffffff16613222565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b60408051608081018252828152600160208083018281525f848601818152606086018281528983526005909452868220955186559151949093018054915192516001600160401b0316600160281b026cffffffffffffffff00000000001963ffffffff949094166101000264ffffffff00199615159690961664ffffffffff19909316929092179490941791909116179091559051829184917fc5a42a3a62dc34bac5ef61617eeb15a6c3ee4ab07721c35bde41061169434bfc9190a35050565b5f818152600560205260409020600181015460ff166126fe5760405163701ca60560e01b815260048101839052602401610608565b6001810154610100900463ffffffff1615158061272e57506001810154600160281b90046001600160401b031615155b1561277a576001810154604051636bd8f7c760e11b815260048101849052610100820463ffffffff166024820152600160281b9091046001600160401b03166044820152606401610608565b8054156127ce5780545f9081526005602052604090206001908101805482906127af908290610100900463ffffffff1661323e565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b5f8281526005602052604080822082815560010180546cffffffffffffffffffffffffff191690555183917f1da7210c10cf2094ad88a02a659876b6cd905e18bdfd7a11c9072f4894cde6b391a25050565b806001600160a01b038116158061283a575060a082901c15155b15611f845760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811661287f5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff16156128c357604051630371b34f60e31b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f908152600260205260408120805460ff191660019081179091558054909182916128f990839061308f565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6001600160a01b03811661295b5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff161561299f57604051639746dd8560e01b81526001600160a01b0382166004820152602401610608565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b60028110806129fa575060015481115b15612a265760015460405163158589c560e11b8152610608918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b80612a7e5760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff1615612ab05760405163bc666d6b60e01b815260048101829052602401610608565b5f81815260046020526040808220805460ff191660011790555182917fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b91a250565b6040518061014001604052805f81526020015f81526020015f81526020015f81526020015f81526020015f81526020015f6001600160401b031681526020015f6001600160401b031681526020015f6003811115612b5257612b52612b94565b81525f60209091015290565b80356001600160a01b0381168114611f84575f5ffd5b5f60208284031215612b84575f5ffd5b612b8d82612b5e565b9392505050565b634e487b7160e01b5f52602160045260245ffd5b60058110612bb857612bb8612b94565b9052565b602081016107ab8284612ba8565b80356001600160401b0381168114611f84575f5ffd5b5f5f60408385031215612bf1575f5ffd5b612bfa83612b5e565b9150612c0860208401612bca565b90509250929050565b5f60208284031215612c21575f5ffd5b5035919050565b60048110612bb857612bb8612b94565b5f61014082019050825182526020830151602083015260408301516040830152606083015160608301526080830151608083015260a083015160a083015260c0830151612c9060c08401826001600160401b03169052565b5060e0830151612cab60e08401826001600160401b03169052565b50610100830151612cc0610100840182612c28565b50610120830151610a1e6101208401826001600160a01b03169052565b5f60208284031215612ced575f5ffd5b81356001600160401b03811115612d02575f5ffd5b82016101608185031215612b8d575f5ffd5b5f5f60208385031215612d25575f5ffd5b82356001600160401b03811115612d3a575f5ffd5b8301601f81018513612d4a575f5ffd5b80356001600160401b03811115612d5f575f5ffd5b8560208260051b8401011115612d73575f5ffd5b6020919091019590945092505050565b5f5f5f5f60808587031215612d96575f5ffd5b612d9f85612b5e565b93506020850135925060408501359150612dbb60608601612bca565b905092959194509250565b5f5f60408385031215612dd7575f5ffd5b612de083612b5e565b946020939093013593505050565b5f5f5f60608486031215612e00575f5ffd5b833560098110612e0e575f5ffd5b95602085013595506040909401359392505050565b5f5f60408385031215612e34575f5ffd5b50508035926020909101359150565b5f604082019050612e55828451612ba8565b6020830151610a1e6020840182612c28565b5f5f60408385031215612e78575f5ffd5b82359150602083013560ff81168114612e8f575f5ffd5b809150509250929050565b803560048110611f84575f5ffd5b5f5f5f5f60808587031215612ebb575f5ffd5b8435935060208501359250604085013560058110612ed7575f5ffd5b9150612dbb60608601612e9a565b60098110612bb857612bb8612b94565b602081525f60e08201612f0c602084018551612ee5565b602084015160408401526040840151606084015260018060a01b0360608501511660808401526080840151151560a084015260a084015160c080850152818151808452610100860191506020830193505f92505b80831015612f8b5783516001600160a01b031682526020938401936001939093019290910190612f60565b5095945050505050565b60608101612fa38286612ba8565b60068410612fb357612fb3612b94565b8360208301526001600160401b0383166040830152949350505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b0382811682821603908111156107ab576107ab612fd0565b634e487b7160e01b5f52603260045260245ffd5b5f823561015e1983360301811261302c575f5ffd5b9190910192915050565b604081016130448285612c28565b612b8d6020830184612c28565b8681526001600160a01b03861660208201526040810185905260c0810161307b6060830186612ee5565b608082019390935260a00152949350505050565b808201808211156107ab576107ab612fd0565b606081016130b08286612ee5565b602082019390935260400152919050565b5f600182016130d2576130d2612fd0565b5060010190565b604081016130448285612ba8565b5f602082840312156130f7575f5ffd5b612b8d82612e9a565b5f60208284031215613110575f5ffd5b612b8d82612bca565b6001600160401b0381811683821601908111156107ab576107ab612fd0565b8681526020810186905260c081016131536040830187612c28565b6001600160401b0394909416606082015260808101929092526001600160a01b031660a0909101529392505050565b818103818111156107ab576107ab612fd0565b5f5f8335601e198436030181126131aa575f5ffd5b8301803591506001600160401b038211156131c3575f5ffd5b6020019150368190038213156131d7575f5ffd5b9250929050565b5f5f858511156131ec575f5ffd5b838611156131f8575f5ffd5b5050820193919092039150565b803560208310156107ab575f19602084900360031b1b1692915050565b63ffffffff81811683821601908111156107ab576107ab612fd0565b63ffffffff82811682821603908111156107ab576107ab612fd056fea164736f6c6343000825000a" as const;
