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
  "0x60a060405234801561000f575f5ffd5b506040516135ad3803806135ad83398101604081905261002e916104a4565b8161004c5760405163e334302b60e01b815260040160405180910390fd5b60808290525f5b855181101561008c576100848682815181106100715761007161059f565b602002602001015161012160201b60201c565b600101610053565b5061009684610202565b5f5b83518110156100d1576100c98482815181106100b6576100b661059f565b602002602001015161027860201b60201c565b600101610098565b506100db8261032e565b5f5b81518110156101165761010e8282815181106100fb576100fb61059f565b602002602001015161032e60201b60201c565b6001016100dd565b5050505050506105d8565b6001600160a01b0381166101485760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff161561019157604051630371b34f60e31b81526001600160a01b03821660048201526024015b60405180910390fd5b6001600160a01b0381165f908152600260205260408120805460ff191660019081179091558054909182916101c79083906105b3565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6002811080610212575060015481115b1561023e5760015460405163158589c560e11b8152610188918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b6001600160a01b03811661029f5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff16156102e357604051639746dd8560e01b81526001600160a01b0382166004820152602401610188565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b8061034c5760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff161561037e5760405163bc666d6b60e01b815260048101829052602401610188565b5f81815260046020526040808220805460ff191660011790555182917fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b91a250565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b03811182821017156103fc576103fc6103c0565b604052919050565b5f6001600160401b0382111561041c5761041c6103c0565b5060051b60200190565b5f82601f830112610435575f5ffd5b815161044861044382610404565b6103d4565b8082825260208201915060208360051b860101925085831115610469575f5ffd5b602085015b8381101561049a5780516001600160a01b038116811461048c575f5ffd5b83526020928301920161046e565b5095945050505050565b5f5f5f5f5f60a086880312156104b8575f5ffd5b85516001600160401b038111156104cd575f5ffd5b6104d988828901610426565b60208801516040890151919750955090506001600160401b038111156104fd575f5ffd5b61050988828901610426565b60608801516080890151919550935090506001600160401b0381111561052d575f5ffd5b8601601f8101881361053d575f5ffd5b805161054b61044382610404565b8082825260208201915060208360051b85010192508a83111561056c575f5ffd5b6020840193505b8284101561058e578351825260209384019390910190610573565b809450505050509295509295909350565b634e487b7160e01b5f52603260045260245ffd5b808201808211156105d257634e487b7160e01b5f52601160045260245ffd5b92915050565b608051612fbd6105f05f395f6103130152612fbd5ff3fe608060405234801561000f575f5ffd5b50600436106101d1575f3560e01c8063a760c295116100fe578063cfbda36d1161009e578063e751f2711161006e578063e751f27114610533578063f48c0abf14610546578063f698da2514610566578063febb93601461056e575f5ffd5b8063cfbda36d146104d3578063d1aa0c20146104e6578063d5db72eb14610508578063da35c6641461052a575f5ffd5b8063b44103e1116100d9578063b44103e1146103bd578063b5c051261461048d578063c6da2c1d146104ad578063cacf2e3e146104c0575f5ffd5b8063a760c29514610348578063ad376b1e14610388578063b041b2731461039b575f5ffd5b80635091aead116101745780639522be05116101445780639522be05146102e8578063a08ca429146102fb578063a1bb29181461030e578063a53a1adf14610335575f5ffd5b80635091aead146102935780635f3ad709146102a657806367c354a2146102ae5780636e8d66f9146102d5575f5ffd5b80631ed4237e116101af5780631ed4237e14610225578063259350b4146102485780632b7832b31461026a5780633b4c989114610273575f5ffd5b80630b1ca49a146101d55780631703a018146101ea57806317dc688d14610205575b5f5ffd5b6101e86101e3366004612993565b610590565b005b6101f25f5481565b6040519081526020015b60405180910390f35b610218610213366004612993565b610755565b6040516101fc91906129db565b6102386102333660046129ff565b610766565b60405190151581526020016101fc565b610238610256366004612a30565b60096020525f908152604090205460ff1681565b6101f260015481565b610286610281366004612993565b610819565b6040516101fc9190612a57565b6102186102a13660046129ff565b6108f5565b6101f2600281565b6101f27fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695281565b6101e86102e3366004612afc565b6109da565b6101f26102f6366004612b33565b6110b1565b6101e8610309366004612b76565b611171565b6101f27f000000000000000000000000000000000000000000000000000000000000000081565b6101e8610343366004612a30565b611376565b610370610356366004612a30565b60086020525f90815260409020546001600160a01b031681565b6040516001600160a01b0390911681526020016101fc565b6101f2610396366004612b9e565b6114b5565b6102386103a9366004612a30565b600a6020525f908152604090205460ff1681565b6104496103cb366004612a30565b604080516080810182525f808252602082018190529181018290526060810191909152505f9081526005602090815260409182902082516080810184528154815260019091015460ff8116151592820192909252610100820463ffffffff1692810192909252600160281b90046001600160401b0316606082015290565b6040516101fc91908151815260208083015115159082015260408083015163ffffffff16908201526060918201516001600160401b03169181019190915260800190565b6104a061049b366004612bd3565b61164f565b6040516101fc9190612bf3565b6101e86104bb366004612c17565b6116e8565b6101f26104ce366004612a30565b6117f3565b6101e86104e1366004612c58565b61186c565b6102386104f4366004612993565b60026020525f908152604090205460ff1681565b610238610516366004612993565b60036020525f908152604090205460ff1681565b6101f2600c5481565b6101e8610541366004612a30565b611a18565b610559610554366004612a30565b611b1f565b6040516101fc9190612ca5565b6101f2611c4a565b61023861057c366004612a30565b60046020525f908152604090205460ff1681565b335f9081526003602052604090205460ff166105c6576040516353ac4f0760e01b81523360048201526024015b60405180910390fd5b6105cf33611cee565b156105ee576040516249595760e61b81523360048201526024016105bd565b6001600160a01b0381165f90815260076020526040812060068101549091600160401b9091046001600160401b0316900361064757604051631ebfbd3560e11b81526001600160a01b03831660048201526024016105bd565b600281015481545f9081526005602081905260409091206001908101805491929091610684908490600160281b90046001600160401b0316612d59565b82546001600160401b039182166101009390930a9283029190920219909116179055505f81815260086020908152604080832080546001600160a01b03199081169091556001600160a01b038716808552600793849052828520858155600181018690556002810186905560038101869055600481018690556005810186905560068101805470ffffffffffffffffffffffffffffffffff19169055909301805490911690555183927fbd1f9a02c9ef3c31bebe4c93654b10bf2693f6db933277e6896355ae68c8aac791a3505050565b5f61076082426108f5565b92915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b031682036107a1575f915050610760565b60028101545f9081526009602052604090205460ff161580156107d5575060068101546001600160401b0390811690841611155b80156107f3575060038101545f9081526004602052604090205460ff165b8015610811575080545f9081526005602052604090206001015460ff165b949350505050565b610821612911565b6001600160a01b0382165f9081526007602090815260409182902082516101408101845281548152600182015492810192909252600281015492820192909252600380830154606083015260048301546080830152600583015460a083015260068301546001600160401b0380821660c0850152600160401b82041660e0840152919291610100840191600160801b90910460ff16908111156108c6576108c66129b3565b60038111156108d7576108d76129b3565b8152600791909101546001600160a01b031660209091015292915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b031615610962576109308484610766565b61093d575f915050610760565b80545f9081526006602090815260408083206001850154845290915290205460ff1691505b6001600160a01b0384165f9081526002602052604090205460ff161561098c576004915050610760565b6001600160a01b0384165f9081526003602052604090205460ff1680156109c4575060028260048111156109c2576109c26129b3565b105b156109d3576002915050610760565b5092915050565b335f9081526003602052604090205460ff16610a0b576040516353ac4f0760e01b81523360048201526024016105bd565b610a1433611cee565b15610a33576040516249595760e61b81523360048201526024016105bd565b5f610a416020830183612993565b6001600160a01b031603610a685760405163d92e233d60e01b815260040160405180910390fd5b33610a766020830183612993565b6001600160a01b031603610ab657610a916020820182612993565b604051633af6c3cf60e21b81526001600160a01b0390911660048201526024016105bd565b60075f610ac66020840184612993565b6001600160a01b0316815260208101919091526040015f2060060154600160401b90046001600160401b031615610b2957610b046020820182612993565b60405163486ef2d560e01b81526001600160a01b0390911660048201526024016105bd565b6020808201355f908152600590915260409020600181015460ff16610b675760405163701ca60560e01b8152602083013560048201526024016105bd565b6020808301355f90815260068252604080822081860135835290925290812090815460ff166004811115610b9d57610b9d6129b3565b03610bcb57604080516393ddf35760e01b8152602085013560048201529084013560248201526044016105bd565b5f610bdc60e0850160c08601612d78565b6003811115610bed57610bed6129b3565b03610c3257610c0260e0840160c08501612d78565b6003811115610c1357610c136129b3565b60405163379c87a960e01b815260ff90911660048201526024016105bd565b8054610100900460ff166003811115610c4d57610c4d6129b3565b610c5d60e0850160c08601612d78565b6003811115610c6e57610c6e6129b3565b1015610ca9578054610100900460ff16610c8e60e0850160c08601612d78565b604051630ca0f98360e41b81526004016105bd929190612d91565b60808301355f9081526004602052604090205460ff16610ce257604051637a740ecd60e11b8152608084013560048201526024016105bd565b60608301355f9081526009602052604090205460ff1615610d1c5760405163e41b98f760e01b8152606084013560048201526024016105bd565b60608301355f908152600860205260409020546001600160a01b03168015610d6b57604051623bdaab60e51b8152606085013560048201526001600160a01b03821660248201526044016105bd565b42610d7d610100860160e08701612dac565b6001600160401b03161015610dcd576060840135610da2610100860160e08701612dac565b60405163ba87109d60e01b815260048101929092526001600160401b031660248201526044016105bd565b5f610dd785611d33565b90506001600a5f8381526020019081526020015f205f6101000a81548160ff021916908315150217905550604051806101400160405280866020013581526020018660400135815260200186606001358152602001866080013581526020018660a0013581526020018281526020018660e0016020810190610e599190612dac565b6001600160401b03908116825242166020820152604001610e8060e0880160c08901612d78565b6003811115610e9157610e916129b3565b8152336020918201526007905f90610eab90890189612993565b6001600160a01b0316815260208082019290925260409081015f2083518155918301516001830155820151600282015560608201516003808301919091556080830151600483015560a0830151600583015560c083015160068301805460e08601516001600160401b03908116600160401b026fffffffffffffffffffffffffffffffff19909216931692909217919091178082556101008501519260ff60801b1990911690600160801b908490811115610f6857610f686129b3565b02179055506101209190910151600790910180546001600160a01b0319166001600160a01b03909216919091179055610fa46020860186612993565b60608601355f90815260086020526040902080546001600160a01b0319166001600160a01b039290921691909117905560018481018054600590610ff9908490600160281b90046001600160401b0316612dc5565b92506101000a8154816001600160401b0302191690836001600160401b0316021790555084606001358560200135865f0160208101906110399190612993565b6001600160a01b03167fc5690a36b784954ee1a10eb30060c2e6abebf3cef2f8170916c6dbc553520cd4604089013560808a013561107d60e08c0160c08d01612d78565b61108e6101008d0160e08e01612dac565b88336040516110a296959493929190612de4565b60405180910390a45050505050565b604080517fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695260208201526001600160a01b0386169181019190915260608101849052608081018390526001600160401b03821660a08201525f90819060c001604051602081830303815290604052805190602001209050611130611c4a565b60405161190160f01b602082015260228101919091526042810182905260620160405160208183030381529060405280519060200120915050949350505050565b335f9081526003602052604090205460ff166111a2576040516353ac4f0760e01b81523360048201526024016105bd565b6111ab33611cee565b156111ca576040516249595760e61b81523360048201526024016105bd565b336001600160a01b038316036111fe57604051633af6c3cf60e21b81526001600160a01b03831660048201526024016105bd565b6001600160a01b0382165f90815260076020526040812060068101549091600160401b9091046001600160401b0316900361125757604051631ebfbd3560e11b81526001600160a01b03841660048201526024016105bd565b80545f908152600660209081526040808320858452909152812090815460ff166004811115611288576112886129b3565b036112b35781546040516393ddf35760e01b81526004810191909152602481018490526044016105bd565b8054610100900460ff1660038111156112ce576112ce6129b3565b6006830154600160801b900460ff1660038111156112ee576112ee6129b3565b10156113285780546006830154604051630ca0f98360e41b81526105bd9260ff610100909104811692600160801b90041690600401612d91565b6001820183905581546040518481526001600160a01b038616907f87a428676f0d592dc6d0c79ab4322a277ef26bcf652dcb6f515bfd1d44f39dbb906020015b60405180910390a350505050565b335f9081526002602052604090205460ff166113a75760405163614d9c0f60e01b81523360048201526024016105bd565b6113b033611cee565b156113cf576040516249595760e61b81523360048201526024016105bd565b5f6113d982611fb7565b90505f5b600482015481101561144b57336001600160a01b031682600401828154811061140857611408612e2e565b5f918252602090912001546001600160a01b0316036114435760405163a72db78760e01b8152600481018490523360248201526044016105bd565b6001016113dd565b506004810180546001810182555f828152602090200180546001600160a01b03191633908117909155905460405184917f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d8916114a991815260200190565b60405180910390a35050565b335f9081526002602052604081205460ff166114e65760405163614d9c0f60e01b81523360048201526024016105bd565b6114ef33611cee565b1561150e576040516249595760e61b81523360048201526024016105bd565b4630600c5486868660405160200161152b96959493929190612e42565b6040516020818303038152906040528051906020012090506001600c5f8282546115559190612e80565b90915550505f818152600b6020526040902080548590829060ff19166001836008811115611585576115856129b3565b0217905550600181810185905560028201849055600382018054336001600160a01b0319918216811790925560048401805493840181555f908152602090209092018054909216811790915560405183907f2983098ddf6d264d29bc4f819953117994bff6f397c32ac9106cac23df117e109061160790899089908990612e93565b60405180910390a360405160018152339083907f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d89060200160405180910390a3509392505050565b6040805180820182525f808252602080830182905285825260068152838220858352905282902082518084019093528054919291829060ff166004811115611699576116996129b3565b60048111156116aa576116aa6129b3565b81528154602090910190610100900460ff1660038111156116cd576116cd6129b3565b60038111156116de576116de6129b3565b9052509392505050565b335f9081526003602052604090205460ff16611719576040516353ac4f0760e01b81523360048201526024016105bd565b61172233611cee565b15611741576040516249595760e61b81523360048201526024016105bd565b8161175f5760405163e334302b60e01b815260040160405180910390fd5b5f8281526009602052604090205460ff16156117915760405163b93e450d60e01b8152600481018390526024016105bd565b5f828152600960209081526040808320805460ff19166001179055600882529182902054915160ff841681526001600160a01b039092169184917fdee87d5a47f91fd756be2a82d5f23e9c99a33d099a0e68a44b5c829200eb62e891016114a9565b5f818152600b60205260408120600401815b81548110156118655760025f83838154811061182357611823612e2e565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff161561185d578261185981612eb2565b9350505b600101611805565b5050919050565b335f9081526003602052604090205460ff1661189d576040516353ac4f0760e01b81523360048201526024016105bd565b6118a633611cee565b156118c5576040516249595760e61b81523360048201526024016105bd565b5f8481526005602052604090206001015460ff166118f95760405163701ca60560e01b8152600481018590526024016105bd565b826119175760405163e334302b60e01b815260040160405180910390fd5b600482600481111561192b5761192b6129b3565b0361194957604051632b2005c560e01b815260040160405180910390fd5b6040518060400160405280836004811115611966576119666129b3565b815260200182600381111561197d5761197d6129b3565b90525f858152600660209081526040808320878452909152902081518154829060ff191660018360048111156119b5576119b56129b3565b021790555060208201518154829061ff0019166101008360038111156119dd576119dd6129b3565b021790555090505082847f060d0a3166eae61df75e7cee9308112fce696317bce809fb254e4cd7efd7a3528484604051611368929190612eca565b335f9081526002602052604090205460ff16611a495760405163614d9c0f60e01b81523360048201526024016105bd565b611a5233611cee565b15611a71576040516249595760e61b81523360048201526024016105bd565b5f611a7b82611fb7565b90505f611a87836117f3565b90505f54811015611abf575f54604051631b3e005d60e11b8152600481018590526024810183905260448101919091526064016105bd565b60038201805460ff60a01b1916600160a01b179055815460018301546002840154611aee9260ff169190612027565b604051339084907ff20459f0cd23ff5b3028bc90ea400293e55b573e4e60f3b01e45325428994ee1905f90a3505050565b611b5f6040805160c08101909152805f81526020015f81526020015f81526020015f6001600160a01b031681526020015f15158152602001606081525090565b5f828152600b602052604090819020815160c081019092528054829060ff166008811115611b8f57611b8f6129b3565b6008811115611ba057611ba06129b3565b81526001820154602080830191909152600283015460408084019190915260038401546001600160a01b0381166060850152600160a01b900460ff161515608084015260048401805482518185028101850190935280835260a0909401939192909190830182828015611c3a57602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611c1c575b5050505050815250509050919050565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f6b3dd38d116122c42baabc20a0340ea5b3957b862782c2ff0526744a40a4d56a918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b6001600160a01b0381165f90815260076020526040812060060154600160401b90046001600160401b0316158015906107605750611d2c8242610766565b1592915050565b5f611d4661014083016101208401612dac565b6001600160401b031615801590611d76575042611d6b61014084016101208501612dac565b6001600160401b0316105b15611db257611d8d61014083016101208401612dac565b604051638cd2efc960e01b81526001600160401b0390911660048201526024016105bd565b611ddf611dc26020840184612993565b60608401356101008501356102f661014087016101208801612dac565b5f818152600a602052604090205490915060ff1615611e145760405163bf64e5ed60e01b8152600481018290526024016105bd565b365f611e24610140850185612ed8565b909250905060418114611e6357611e3e6020850185612993565b604051637bada69360e01b81526001600160a01b0390911660048201526024016105bd565b5f611e716020828486612f21565b611e7a91612f48565b90505f611e8b604060208587612f21565b611e9491612f48565b90505f84846040818110611eaa57611eaa612e2e565b919091013560f81c9150507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0821180611ef657508060ff16601b14158015611ef657508060ff16601c14155b15611f0857611e3e6020880188612993565b604080515f8082526020820180845289905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa158015611f59573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b0381161580611f9a5750611f846020890189612993565b6001600160a01b0316816001600160a01b031614155b15611fac57611e3e6020890189612993565b505050505050919050565b5f818152600b6020526040902060038101546001600160a01b0316611ff2576040516304bbf15f60e11b8152600481018390526024016105bd565b6003810154600160a01b900460ff16156120225760405163134c704360e11b8152600481018390526024016105bd565b919050565b5f83600881111561203a5761203a6129b3565b0361204e57612049828261234f565b505050565b6001836008811115612062576120626129b3565b0361207057612049826124e8565b6002836008811115612084576120846129b3565b0361209a576120496120958361263f565b612677565b60038360088111156120ae576120ae6129b3565b036121bb575f6120bd8361263f565b6001600160a01b0381165f9081526002602052604090205490915060ff166121035760405163b8f72ff960e01b81526001600160a01b03821660048201526024016105bd565b5f54600180546121139190612f65565b101561214b575f54600180546121299190612f65565b60405163158589c560e11b8152600481019290925260248201526044016105bd565b6001600160a01b0381165f908152600260205260408120805460ff19169055600180549091829161217d908390612f65565b90915550506040516001600160a01b038216907f33a4522cc78c3c6e6dcb3af93442beae102f307bd10b05503890f676c7973cf8905f90a250505050565b60048360088111156121cf576121cf6129b3565b036121e5576120496121e08361263f565b612753565b60058360088111156121f9576121f96129b3565b03612299575f6122088361263f565b6001600160a01b0381165f9081526003602052604090205490915060ff1661224e57604051633c33e95160e01b81526001600160a01b03821660048201526024016105bd565b6001600160a01b0381165f81815260036020526040808220805460ff19169055517f81cb97a294b3ff5f91ef4048b3173c7f8f6943d9750add2071199061165e5f579190a250505050565b60068360088111156122ad576122ad6129b3565b036122bb5761204982612809565b60078360088111156122cf576122cf6129b3565b036122dd576120498261287f565b5f8281526004602052604090205460ff1661230e57604051637a740ecd60e11b8152600481018390526024016105bd565b5f82815260046020526040808220805460ff191690555183917f7e84e54bf5c24a1e12b8af9b65a52505b57da19ef573711c03562865a45d8a7691a2505050565b8161236d5760405163e334302b60e01b815260040160405180910390fd5b5f8281526005602052604090206001015460ff16156123a2576040516335b8523360e21b8152600481018390526024016105bd565b8015612427575f8181526005602052604090206001015460ff166123dc5760405163701ca60560e01b8152600481018290526024016105bd565b5f818152600560205260409020600190810180548290612408908290610100900463ffffffff16612f78565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b60408051608081018252828152600160208083018281525f848601818152606086018281528983526005909452868220955186559151949093018054915192516001600160401b0316600160281b026cffffffffffffffff00000000001963ffffffff949094166101000264ffffffff00199615159690961664ffffffffff19909316929092179490941791909116179091559051829184917fc5a42a3a62dc34bac5ef61617eeb15a6c3ee4ab07721c35bde41061169434bfc9190a35050565b5f818152600560205260409020600181015460ff1661251d5760405163701ca60560e01b8152600481018390526024016105bd565b6001810154610100900463ffffffff1615158061254d57506001810154600160281b90046001600160401b031615155b15612599576001810154604051636bd8f7c760e11b815260048101849052610100820463ffffffff166024820152600160281b9091046001600160401b031660448201526064016105bd565b8054156125ed5780545f9081526005602052604090206001908101805482906125ce908290610100900463ffffffff16612f94565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b5f8281526005602052604080822082815560010180546cffffffffffffffffffffffffff191690555183917f1da7210c10cf2094ad88a02a659876b6cd905e18bdfd7a11c9072f4894cde6b391a25050565b806001600160a01b0381161580612659575060a082901c15155b156120225760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811661269e5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff16156126e257604051630371b34f60e31b81526001600160a01b03821660048201526024016105bd565b6001600160a01b0381165f908152600260205260408120805460ff19166001908117909155805490918291612718908390612e80565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6001600160a01b03811661277a5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff16156127be57604051639746dd8560e01b81526001600160a01b03821660048201526024016105bd565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b6002811080612819575060015481115b156128455760015460405163158589c560e11b81526105bd918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b8061289d5760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff16156128cf5760405163bc666d6b60e01b8152600481018290526024016105bd565b5f81815260046020526040808220805460ff191660011790555182917fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b91a250565b6040518061014001604052805f81526020015f81526020015f81526020015f81526020015f81526020015f81526020015f6001600160401b031681526020015f6001600160401b031681526020015f6003811115612971576129716129b3565b81525f60209091015290565b80356001600160a01b0381168114612022575f5ffd5b5f602082840312156129a3575f5ffd5b6129ac8261297d565b9392505050565b634e487b7160e01b5f52602160045260245ffd5b600581106129d7576129d76129b3565b9052565b6020810161076082846129c7565b80356001600160401b0381168114612022575f5ffd5b5f5f60408385031215612a10575f5ffd5b612a198361297d565b9150612a27602084016129e9565b90509250929050565b5f60208284031215612a40575f5ffd5b5035919050565b600481106129d7576129d76129b3565b5f61014082019050825182526020830151602083015260408301516040830152606083015160608301526080830151608083015260a083015160a083015260c0830151612aaf60c08401826001600160401b03169052565b5060e0830151612aca60e08401826001600160401b03169052565b50610100830151612adf610100840182612a47565b506101208301516109d36101208401826001600160a01b03169052565b5f60208284031215612b0c575f5ffd5b81356001600160401b03811115612b21575f5ffd5b820161016081850312156129ac575f5ffd5b5f5f5f5f60808587031215612b46575f5ffd5b612b4f8561297d565b93506020850135925060408501359150612b6b606086016129e9565b905092959194509250565b5f5f60408385031215612b87575f5ffd5b612b908361297d565b946020939093013593505050565b5f5f5f60608486031215612bb0575f5ffd5b833560098110612bbe575f5ffd5b95602085013595506040909401359392505050565b5f5f60408385031215612be4575f5ffd5b50508035926020909101359150565b5f604082019050612c058284516129c7565b60208301516109d36020840182612a47565b5f5f60408385031215612c28575f5ffd5b82359150602083013560ff81168114612c3f575f5ffd5b809150509250929050565b803560048110612022575f5ffd5b5f5f5f5f60808587031215612c6b575f5ffd5b8435935060208501359250604085013560058110612c87575f5ffd5b9150612b6b60608601612c4a565b600981106129d7576129d76129b3565b602081525f60e08201612cbc602084018551612c95565b602084015160408401526040840151606084015260018060a01b0360608501511660808401526080840151151560a084015260a084015160c080850152818151808452610100860191506020830193505f92505b80831015612d3b5783516001600160a01b031682526020938401936001939093019290910190612d10565b5095945050505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b03828116828216039081111561076057610760612d45565b5f60208284031215612d88575f5ffd5b6129ac82612c4a565b60408101612d9f8285612a47565b6129ac6020830184612a47565b5f60208284031215612dbc575f5ffd5b6129ac826129e9565b6001600160401b03818116838216019081111561076057610760612d45565b8681526020810186905260c08101612dff6040830187612a47565b6001600160401b0394909416606082015260808101929092526001600160a01b031660a0909101529392505050565b634e487b7160e01b5f52603260045260245ffd5b8681526001600160a01b03861660208201526040810185905260c08101612e6c6060830186612c95565b608082019390935260a00152949350505050565b8082018082111561076057610760612d45565b60608101612ea18286612c95565b602082019390935260400152919050565b5f60018201612ec357612ec3612d45565b5060010190565b60408101612d9f82856129c7565b5f5f8335601e19843603018112612eed575f5ffd5b8301803591506001600160401b03821115612f06575f5ffd5b602001915036819003821315612f1a575f5ffd5b9250929050565b5f5f85851115612f2f575f5ffd5b83861115612f3b575f5ffd5b5050820193919092039150565b80356020831015610760575f19602084900360031b1b1692915050565b8181038181111561076057610760612d45565b63ffffffff818116838216019081111561076057610760612d45565b63ffffffff828116828216039081111561076057610760612d4556fea164736f6c6343000825000a" as const;

/** Runtime code of IdentityRegistry, as eth_getCode returns it once deployed. */
export const deployedBytecode =
  "0x608060405234801561000f575f5ffd5b50600436106101d1575f3560e01c8063a760c295116100fe578063cfbda36d1161009e578063e751f2711161006e578063e751f27114610533578063f48c0abf14610546578063f698da2514610566578063febb93601461056e575f5ffd5b8063cfbda36d146104d3578063d1aa0c20146104e6578063d5db72eb14610508578063da35c6641461052a575f5ffd5b8063b44103e1116100d9578063b44103e1146103bd578063b5c051261461048d578063c6da2c1d146104ad578063cacf2e3e146104c0575f5ffd5b8063a760c29514610348578063ad376b1e14610388578063b041b2731461039b575f5ffd5b80635091aead116101745780639522be05116101445780639522be05146102e8578063a08ca429146102fb578063a1bb29181461030e578063a53a1adf14610335575f5ffd5b80635091aead146102935780635f3ad709146102a657806367c354a2146102ae5780636e8d66f9146102d5575f5ffd5b80631ed4237e116101af5780631ed4237e14610225578063259350b4146102485780632b7832b31461026a5780633b4c989114610273575f5ffd5b80630b1ca49a146101d55780631703a018146101ea57806317dc688d14610205575b5f5ffd5b6101e86101e3366004612993565b610590565b005b6101f25f5481565b6040519081526020015b60405180910390f35b610218610213366004612993565b610755565b6040516101fc91906129db565b6102386102333660046129ff565b610766565b60405190151581526020016101fc565b610238610256366004612a30565b60096020525f908152604090205460ff1681565b6101f260015481565b610286610281366004612993565b610819565b6040516101fc9190612a57565b6102186102a13660046129ff565b6108f5565b6101f2600281565b6101f27fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695281565b6101e86102e3366004612afc565b6109da565b6101f26102f6366004612b33565b6110b1565b6101e8610309366004612b76565b611171565b6101f27f000000000000000000000000000000000000000000000000000000000000000081565b6101e8610343366004612a30565b611376565b610370610356366004612a30565b60086020525f90815260409020546001600160a01b031681565b6040516001600160a01b0390911681526020016101fc565b6101f2610396366004612b9e565b6114b5565b6102386103a9366004612a30565b600a6020525f908152604090205460ff1681565b6104496103cb366004612a30565b604080516080810182525f808252602082018190529181018290526060810191909152505f9081526005602090815260409182902082516080810184528154815260019091015460ff8116151592820192909252610100820463ffffffff1692810192909252600160281b90046001600160401b0316606082015290565b6040516101fc91908151815260208083015115159082015260408083015163ffffffff16908201526060918201516001600160401b03169181019190915260800190565b6104a061049b366004612bd3565b61164f565b6040516101fc9190612bf3565b6101e86104bb366004612c17565b6116e8565b6101f26104ce366004612a30565b6117f3565b6101e86104e1366004612c58565b61186c565b6102386104f4366004612993565b60026020525f908152604090205460ff1681565b610238610516366004612993565b60036020525f908152604090205460ff1681565b6101f2600c5481565b6101e8610541366004612a30565b611a18565b610559610554366004612a30565b611b1f565b6040516101fc9190612ca5565b6101f2611c4a565b61023861057c366004612a30565b60046020525f908152604090205460ff1681565b335f9081526003602052604090205460ff166105c6576040516353ac4f0760e01b81523360048201526024015b60405180910390fd5b6105cf33611cee565b156105ee576040516249595760e61b81523360048201526024016105bd565b6001600160a01b0381165f90815260076020526040812060068101549091600160401b9091046001600160401b0316900361064757604051631ebfbd3560e11b81526001600160a01b03831660048201526024016105bd565b600281015481545f9081526005602081905260409091206001908101805491929091610684908490600160281b90046001600160401b0316612d59565b82546001600160401b039182166101009390930a9283029190920219909116179055505f81815260086020908152604080832080546001600160a01b03199081169091556001600160a01b038716808552600793849052828520858155600181018690556002810186905560038101869055600481018690556005810186905560068101805470ffffffffffffffffffffffffffffffffff19169055909301805490911690555183927fbd1f9a02c9ef3c31bebe4c93654b10bf2693f6db933277e6896355ae68c8aac791a3505050565b5f61076082426108f5565b92915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b031682036107a1575f915050610760565b60028101545f9081526009602052604090205460ff161580156107d5575060068101546001600160401b0390811690841611155b80156107f3575060038101545f9081526004602052604090205460ff165b8015610811575080545f9081526005602052604090206001015460ff165b949350505050565b610821612911565b6001600160a01b0382165f9081526007602090815260409182902082516101408101845281548152600182015492810192909252600281015492820192909252600380830154606083015260048301546080830152600583015460a083015260068301546001600160401b0380821660c0850152600160401b82041660e0840152919291610100840191600160801b90910460ff16908111156108c6576108c66129b3565b60038111156108d7576108d76129b3565b8152600791909101546001600160a01b031660209091015292915050565b6001600160a01b0382165f9081526007602052604081206006810154600160401b90046001600160401b031615610962576109308484610766565b61093d575f915050610760565b80545f9081526006602090815260408083206001850154845290915290205460ff1691505b6001600160a01b0384165f9081526002602052604090205460ff161561098c576004915050610760565b6001600160a01b0384165f9081526003602052604090205460ff1680156109c4575060028260048111156109c2576109c26129b3565b105b156109d3576002915050610760565b5092915050565b335f9081526003602052604090205460ff16610a0b576040516353ac4f0760e01b81523360048201526024016105bd565b610a1433611cee565b15610a33576040516249595760e61b81523360048201526024016105bd565b5f610a416020830183612993565b6001600160a01b031603610a685760405163d92e233d60e01b815260040160405180910390fd5b33610a766020830183612993565b6001600160a01b031603610ab657610a916020820182612993565b604051633af6c3cf60e21b81526001600160a01b0390911660048201526024016105bd565b60075f610ac66020840184612993565b6001600160a01b0316815260208101919091526040015f2060060154600160401b90046001600160401b031615610b2957610b046020820182612993565b60405163486ef2d560e01b81526001600160a01b0390911660048201526024016105bd565b6020808201355f908152600590915260409020600181015460ff16610b675760405163701ca60560e01b8152602083013560048201526024016105bd565b6020808301355f90815260068252604080822081860135835290925290812090815460ff166004811115610b9d57610b9d6129b3565b03610bcb57604080516393ddf35760e01b8152602085013560048201529084013560248201526044016105bd565b5f610bdc60e0850160c08601612d78565b6003811115610bed57610bed6129b3565b03610c3257610c0260e0840160c08501612d78565b6003811115610c1357610c136129b3565b60405163379c87a960e01b815260ff90911660048201526024016105bd565b8054610100900460ff166003811115610c4d57610c4d6129b3565b610c5d60e0850160c08601612d78565b6003811115610c6e57610c6e6129b3565b1015610ca9578054610100900460ff16610c8e60e0850160c08601612d78565b604051630ca0f98360e41b81526004016105bd929190612d91565b60808301355f9081526004602052604090205460ff16610ce257604051637a740ecd60e11b8152608084013560048201526024016105bd565b60608301355f9081526009602052604090205460ff1615610d1c5760405163e41b98f760e01b8152606084013560048201526024016105bd565b60608301355f908152600860205260409020546001600160a01b03168015610d6b57604051623bdaab60e51b8152606085013560048201526001600160a01b03821660248201526044016105bd565b42610d7d610100860160e08701612dac565b6001600160401b03161015610dcd576060840135610da2610100860160e08701612dac565b60405163ba87109d60e01b815260048101929092526001600160401b031660248201526044016105bd565b5f610dd785611d33565b90506001600a5f8381526020019081526020015f205f6101000a81548160ff021916908315150217905550604051806101400160405280866020013581526020018660400135815260200186606001358152602001866080013581526020018660a0013581526020018281526020018660e0016020810190610e599190612dac565b6001600160401b03908116825242166020820152604001610e8060e0880160c08901612d78565b6003811115610e9157610e916129b3565b8152336020918201526007905f90610eab90890189612993565b6001600160a01b0316815260208082019290925260409081015f2083518155918301516001830155820151600282015560608201516003808301919091556080830151600483015560a0830151600583015560c083015160068301805460e08601516001600160401b03908116600160401b026fffffffffffffffffffffffffffffffff19909216931692909217919091178082556101008501519260ff60801b1990911690600160801b908490811115610f6857610f686129b3565b02179055506101209190910151600790910180546001600160a01b0319166001600160a01b03909216919091179055610fa46020860186612993565b60608601355f90815260086020526040902080546001600160a01b0319166001600160a01b039290921691909117905560018481018054600590610ff9908490600160281b90046001600160401b0316612dc5565b92506101000a8154816001600160401b0302191690836001600160401b0316021790555084606001358560200135865f0160208101906110399190612993565b6001600160a01b03167fc5690a36b784954ee1a10eb30060c2e6abebf3cef2f8170916c6dbc553520cd4604089013560808a013561107d60e08c0160c08d01612d78565b61108e6101008d0160e08e01612dac565b88336040516110a296959493929190612de4565b60405180910390a45050505050565b604080517fd4f85c29a4215860ab6aff61a6a8e0e193d85326e944727288e11f0ba0fb695260208201526001600160a01b0386169181019190915260608101849052608081018390526001600160401b03821660a08201525f90819060c001604051602081830303815290604052805190602001209050611130611c4a565b60405161190160f01b602082015260228101919091526042810182905260620160405160208183030381529060405280519060200120915050949350505050565b335f9081526003602052604090205460ff166111a2576040516353ac4f0760e01b81523360048201526024016105bd565b6111ab33611cee565b156111ca576040516249595760e61b81523360048201526024016105bd565b336001600160a01b038316036111fe57604051633af6c3cf60e21b81526001600160a01b03831660048201526024016105bd565b6001600160a01b0382165f90815260076020526040812060068101549091600160401b9091046001600160401b0316900361125757604051631ebfbd3560e11b81526001600160a01b03841660048201526024016105bd565b80545f908152600660209081526040808320858452909152812090815460ff166004811115611288576112886129b3565b036112b35781546040516393ddf35760e01b81526004810191909152602481018490526044016105bd565b8054610100900460ff1660038111156112ce576112ce6129b3565b6006830154600160801b900460ff1660038111156112ee576112ee6129b3565b10156113285780546006830154604051630ca0f98360e41b81526105bd9260ff610100909104811692600160801b90041690600401612d91565b6001820183905581546040518481526001600160a01b038616907f87a428676f0d592dc6d0c79ab4322a277ef26bcf652dcb6f515bfd1d44f39dbb906020015b60405180910390a350505050565b335f9081526002602052604090205460ff166113a75760405163614d9c0f60e01b81523360048201526024016105bd565b6113b033611cee565b156113cf576040516249595760e61b81523360048201526024016105bd565b5f6113d982611fb7565b90505f5b600482015481101561144b57336001600160a01b031682600401828154811061140857611408612e2e565b5f918252602090912001546001600160a01b0316036114435760405163a72db78760e01b8152600481018490523360248201526044016105bd565b6001016113dd565b506004810180546001810182555f828152602090200180546001600160a01b03191633908117909155905460405184917f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d8916114a991815260200190565b60405180910390a35050565b335f9081526002602052604081205460ff166114e65760405163614d9c0f60e01b81523360048201526024016105bd565b6114ef33611cee565b1561150e576040516249595760e61b81523360048201526024016105bd565b4630600c5486868660405160200161152b96959493929190612e42565b6040516020818303038152906040528051906020012090506001600c5f8282546115559190612e80565b90915550505f818152600b6020526040902080548590829060ff19166001836008811115611585576115856129b3565b0217905550600181810185905560028201849055600382018054336001600160a01b0319918216811790925560048401805493840181555f908152602090209092018054909216811790915560405183907f2983098ddf6d264d29bc4f819953117994bff6f397c32ac9106cac23df117e109061160790899089908990612e93565b60405180910390a360405160018152339083907f10297faee11712adae652a62361fee2a6409a3c59181f207315794f7e63a25d89060200160405180910390a3509392505050565b6040805180820182525f808252602080830182905285825260068152838220858352905282902082518084019093528054919291829060ff166004811115611699576116996129b3565b60048111156116aa576116aa6129b3565b81528154602090910190610100900460ff1660038111156116cd576116cd6129b3565b60038111156116de576116de6129b3565b9052509392505050565b335f9081526003602052604090205460ff16611719576040516353ac4f0760e01b81523360048201526024016105bd565b61172233611cee565b15611741576040516249595760e61b81523360048201526024016105bd565b8161175f5760405163e334302b60e01b815260040160405180910390fd5b5f8281526009602052604090205460ff16156117915760405163b93e450d60e01b8152600481018390526024016105bd565b5f828152600960209081526040808320805460ff19166001179055600882529182902054915160ff841681526001600160a01b039092169184917fdee87d5a47f91fd756be2a82d5f23e9c99a33d099a0e68a44b5c829200eb62e891016114a9565b5f818152600b60205260408120600401815b81548110156118655760025f83838154811061182357611823612e2e565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff161561185d578261185981612eb2565b9350505b600101611805565b5050919050565b335f9081526003602052604090205460ff1661189d576040516353ac4f0760e01b81523360048201526024016105bd565b6118a633611cee565b156118c5576040516249595760e61b81523360048201526024016105bd565b5f8481526005602052604090206001015460ff166118f95760405163701ca60560e01b8152600481018590526024016105bd565b826119175760405163e334302b60e01b815260040160405180910390fd5b600482600481111561192b5761192b6129b3565b0361194957604051632b2005c560e01b815260040160405180910390fd5b6040518060400160405280836004811115611966576119666129b3565b815260200182600381111561197d5761197d6129b3565b90525f858152600660209081526040808320878452909152902081518154829060ff191660018360048111156119b5576119b56129b3565b021790555060208201518154829061ff0019166101008360038111156119dd576119dd6129b3565b021790555090505082847f060d0a3166eae61df75e7cee9308112fce696317bce809fb254e4cd7efd7a3528484604051611368929190612eca565b335f9081526002602052604090205460ff16611a495760405163614d9c0f60e01b81523360048201526024016105bd565b611a5233611cee565b15611a71576040516249595760e61b81523360048201526024016105bd565b5f611a7b82611fb7565b90505f611a87836117f3565b90505f54811015611abf575f54604051631b3e005d60e11b8152600481018590526024810183905260448101919091526064016105bd565b60038201805460ff60a01b1916600160a01b179055815460018301546002840154611aee9260ff169190612027565b604051339084907ff20459f0cd23ff5b3028bc90ea400293e55b573e4e60f3b01e45325428994ee1905f90a3505050565b611b5f6040805160c08101909152805f81526020015f81526020015f81526020015f6001600160a01b031681526020015f15158152602001606081525090565b5f828152600b602052604090819020815160c081019092528054829060ff166008811115611b8f57611b8f6129b3565b6008811115611ba057611ba06129b3565b81526001820154602080830191909152600283015460408084019190915260038401546001600160a01b0381166060850152600160a01b900460ff161515608084015260048401805482518185028101850190935280835260a0909401939192909190830182828015611c3a57602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611c1c575b5050505050815250509050919050565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f6b3dd38d116122c42baabc20a0340ea5b3957b862782c2ff0526744a40a4d56a918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b6001600160a01b0381165f90815260076020526040812060060154600160401b90046001600160401b0316158015906107605750611d2c8242610766565b1592915050565b5f611d4661014083016101208401612dac565b6001600160401b031615801590611d76575042611d6b61014084016101208501612dac565b6001600160401b0316105b15611db257611d8d61014083016101208401612dac565b604051638cd2efc960e01b81526001600160401b0390911660048201526024016105bd565b611ddf611dc26020840184612993565b60608401356101008501356102f661014087016101208801612dac565b5f818152600a602052604090205490915060ff1615611e145760405163bf64e5ed60e01b8152600481018290526024016105bd565b365f611e24610140850185612ed8565b909250905060418114611e6357611e3e6020850185612993565b604051637bada69360e01b81526001600160a01b0390911660048201526024016105bd565b5f611e716020828486612f21565b611e7a91612f48565b90505f611e8b604060208587612f21565b611e9491612f48565b90505f84846040818110611eaa57611eaa612e2e565b919091013560f81c9150507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0821180611ef657508060ff16601b14158015611ef657508060ff16601c14155b15611f0857611e3e6020880188612993565b604080515f8082526020820180845289905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa158015611f59573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b0381161580611f9a5750611f846020890189612993565b6001600160a01b0316816001600160a01b031614155b15611fac57611e3e6020890189612993565b505050505050919050565b5f818152600b6020526040902060038101546001600160a01b0316611ff2576040516304bbf15f60e11b8152600481018390526024016105bd565b6003810154600160a01b900460ff16156120225760405163134c704360e11b8152600481018390526024016105bd565b919050565b5f83600881111561203a5761203a6129b3565b0361204e57612049828261234f565b505050565b6001836008811115612062576120626129b3565b0361207057612049826124e8565b6002836008811115612084576120846129b3565b0361209a576120496120958361263f565b612677565b60038360088111156120ae576120ae6129b3565b036121bb575f6120bd8361263f565b6001600160a01b0381165f9081526002602052604090205490915060ff166121035760405163b8f72ff960e01b81526001600160a01b03821660048201526024016105bd565b5f54600180546121139190612f65565b101561214b575f54600180546121299190612f65565b60405163158589c560e11b8152600481019290925260248201526044016105bd565b6001600160a01b0381165f908152600260205260408120805460ff19169055600180549091829161217d908390612f65565b90915550506040516001600160a01b038216907f33a4522cc78c3c6e6dcb3af93442beae102f307bd10b05503890f676c7973cf8905f90a250505050565b60048360088111156121cf576121cf6129b3565b036121e5576120496121e08361263f565b612753565b60058360088111156121f9576121f96129b3565b03612299575f6122088361263f565b6001600160a01b0381165f9081526003602052604090205490915060ff1661224e57604051633c33e95160e01b81526001600160a01b03821660048201526024016105bd565b6001600160a01b0381165f81815260036020526040808220805460ff19169055517f81cb97a294b3ff5f91ef4048b3173c7f8f6943d9750add2071199061165e5f579190a250505050565b60068360088111156122ad576122ad6129b3565b036122bb5761204982612809565b60078360088111156122cf576122cf6129b3565b036122dd576120498261287f565b5f8281526004602052604090205460ff1661230e57604051637a740ecd60e11b8152600481018390526024016105bd565b5f82815260046020526040808220805460ff191690555183917f7e84e54bf5c24a1e12b8af9b65a52505b57da19ef573711c03562865a45d8a7691a2505050565b8161236d5760405163e334302b60e01b815260040160405180910390fd5b5f8281526005602052604090206001015460ff16156123a2576040516335b8523360e21b8152600481018390526024016105bd565b8015612427575f8181526005602052604090206001015460ff166123dc5760405163701ca60560e01b8152600481018290526024016105bd565b5f818152600560205260409020600190810180548290612408908290610100900463ffffffff16612f78565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b60408051608081018252828152600160208083018281525f848601818152606086018281528983526005909452868220955186559151949093018054915192516001600160401b0316600160281b026cffffffffffffffff00000000001963ffffffff949094166101000264ffffffff00199615159690961664ffffffffff19909316929092179490941791909116179091559051829184917fc5a42a3a62dc34bac5ef61617eeb15a6c3ee4ab07721c35bde41061169434bfc9190a35050565b5f818152600560205260409020600181015460ff1661251d5760405163701ca60560e01b8152600481018390526024016105bd565b6001810154610100900463ffffffff1615158061254d57506001810154600160281b90046001600160401b031615155b15612599576001810154604051636bd8f7c760e11b815260048101849052610100820463ffffffff166024820152600160281b9091046001600160401b031660448201526064016105bd565b8054156125ed5780545f9081526005602052604090206001908101805482906125ce908290610100900463ffffffff16612f94565b92506101000a81548163ffffffff021916908363ffffffff1602179055505b5f8281526005602052604080822082815560010180546cffffffffffffffffffffffffff191690555183917f1da7210c10cf2094ad88a02a659876b6cd905e18bdfd7a11c9072f4894cde6b391a25050565b806001600160a01b0381161580612659575060a082901c15155b156120225760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811661269e5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526002602052604090205460ff16156126e257604051630371b34f60e31b81526001600160a01b03821660048201526024016105bd565b6001600160a01b0381165f908152600260205260408120805460ff19166001908117909155805490918291612718908390612e80565b90915550506040516001600160a01b038216907f2c69f904758e9a552ad0e97df23869fec72388e82a15b572b1ffe3f5850b14b4905f90a250565b6001600160a01b03811661277a5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0381165f9081526003602052604090205460ff16156127be57604051639746dd8560e01b81526001600160a01b03821660048201526024016105bd565b6001600160a01b0381165f81815260036020526040808220805460ff19166001179055517f5c38ce8ff8864a9d2a5ff5aec72a88770e38d181dea59173fde1247cdaa1aea39190a250565b6002811080612819575060015481115b156128455760015460405163158589c560e11b81526105bd918391600401918252602082015260400190565b5f8190556040518181527f027863d12a407097e086a48e36475bfc859d0b200b7e6f65b5fd3b218e46632e9060200160405180910390a150565b8061289d5760405163e334302b60e01b815260040160405180910390fd5b5f8181526004602052604090205460ff16156128cf5760405163bc666d6b60e01b8152600481018290526024016105bd565b5f81815260046020526040808220805460ff191660011790555182917fde6e868cf38ce5058cb7995acc05918c2da61a1cf7ae1b801a4d11ab595f7b8b91a250565b6040518061014001604052805f81526020015f81526020015f81526020015f81526020015f81526020015f81526020015f6001600160401b031681526020015f6001600160401b031681526020015f6003811115612971576129716129b3565b81525f60209091015290565b80356001600160a01b0381168114612022575f5ffd5b5f602082840312156129a3575f5ffd5b6129ac8261297d565b9392505050565b634e487b7160e01b5f52602160045260245ffd5b600581106129d7576129d76129b3565b9052565b6020810161076082846129c7565b80356001600160401b0381168114612022575f5ffd5b5f5f60408385031215612a10575f5ffd5b612a198361297d565b9150612a27602084016129e9565b90509250929050565b5f60208284031215612a40575f5ffd5b5035919050565b600481106129d7576129d76129b3565b5f61014082019050825182526020830151602083015260408301516040830152606083015160608301526080830151608083015260a083015160a083015260c0830151612aaf60c08401826001600160401b03169052565b5060e0830151612aca60e08401826001600160401b03169052565b50610100830151612adf610100840182612a47565b506101208301516109d36101208401826001600160a01b03169052565b5f60208284031215612b0c575f5ffd5b81356001600160401b03811115612b21575f5ffd5b820161016081850312156129ac575f5ffd5b5f5f5f5f60808587031215612b46575f5ffd5b612b4f8561297d565b93506020850135925060408501359150612b6b606086016129e9565b905092959194509250565b5f5f60408385031215612b87575f5ffd5b612b908361297d565b946020939093013593505050565b5f5f5f60608486031215612bb0575f5ffd5b833560098110612bbe575f5ffd5b95602085013595506040909401359392505050565b5f5f60408385031215612be4575f5ffd5b50508035926020909101359150565b5f604082019050612c058284516129c7565b60208301516109d36020840182612a47565b5f5f60408385031215612c28575f5ffd5b82359150602083013560ff81168114612c3f575f5ffd5b809150509250929050565b803560048110612022575f5ffd5b5f5f5f5f60808587031215612c6b575f5ffd5b8435935060208501359250604085013560058110612c87575f5ffd5b9150612b6b60608601612c4a565b600981106129d7576129d76129b3565b602081525f60e08201612cbc602084018551612c95565b602084015160408401526040840151606084015260018060a01b0360608501511660808401526080840151151560a084015260a084015160c080850152818151808452610100860191506020830193505f92505b80831015612d3b5783516001600160a01b031682526020938401936001939093019290910190612d10565b5095945050505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b03828116828216039081111561076057610760612d45565b5f60208284031215612d88575f5ffd5b6129ac82612c4a565b60408101612d9f8285612a47565b6129ac6020830184612a47565b5f60208284031215612dbc575f5ffd5b6129ac826129e9565b6001600160401b03818116838216019081111561076057610760612d45565b8681526020810186905260c08101612dff6040830187612a47565b6001600160401b0394909416606082015260808101929092526001600160a01b031660a0909101529392505050565b634e487b7160e01b5f52603260045260245ffd5b8681526001600160a01b03861660208201526040810185905260c08101612e6c6060830186612c95565b608082019390935260a00152949350505050565b8082018082111561076057610760612d45565b60608101612ea18286612c95565b602082019390935260400152919050565b5f60018201612ec357612ec3612d45565b5060010190565b60408101612d9f82856129c7565b5f5f8335601e19843603018112612eed575f5ffd5b8301803591506001600160401b03821115612f06575f5ffd5b602001915036819003821315612f1a575f5ffd5b9250929050565b5f5f85851115612f2f575f5ffd5b83861115612f3b575f5ffd5b5050820193919092039150565b80356020831015610760575f19602084900360031b1b1692915050565b8181038181111561076057610760612d45565b63ffffffff818116838216019081111561076057610760612d45565b63ffffffff828116828216039081111561076057610760612d4556fea164736f6c6343000825000a" as const;
