// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Civitas identity registry
/// @notice Who belongs to the network and with which rights. Accounts are bound to X.509
/// certificates of the network's CA; organisations define roles with access levels
/// READ < TRANSACT < DEPLOY < ADMIN; registrars register members and push revocations;
/// changes to the network's administration need a quorum of network admins.
/// No personal data is stored: people are referenced by keyed hashes only.
contract IdentityRegistry {
    // ---------------------------------------------------------------- types

    /// Access levels, in increasing order. NONE means "may not act".
    enum AccessLevel {
        NONE,
        READ,
        TRANSACT,
        DEPLOY,
        ADMIN
    }

    /// Certificate assurance levels, with the codes of the Civitas person-certificate extension.
    enum Assurance {
        NONE,
        LOW,
        SUBSTANTIAL,
        QUALIFIED
    }

    /// Why an account has the access level it has (what `permissionAt` reports, for clear refusals).
    enum MemberStatus {
        NOT_MEMBER,
        ACTIVE,
        CERTIFICATE_REVOKED,
        CERTIFICATE_EXPIRED,
        UNTRUSTED_ISSUER,
        ORGANISATION_REMOVED
    }

    /// Network administration changes that need a quorum of network admins.
    /// `subject` and `argument` of a proposal per action:
    /// ADD_ORGANISATION (organisation id, parent id or 0), REMOVE_ORGANISATION (organisation id, 0),
    /// GRANT_ADMIN / REVOKE_ADMIN / ADD_REGISTRAR / REMOVE_REGISTRAR (account as bytes32, 0),
    /// SET_QUORUM (new quorum as bytes32, 0), ADD_ISSUER / REMOVE_ISSUER (CA fingerprint, 0).
    enum Action {
        ADD_ORGANISATION,
        REMOVE_ORGANISATION,
        GRANT_ADMIN,
        REVOKE_ADMIN,
        ADD_REGISTRAR,
        REMOVE_REGISTRAR,
        SET_QUORUM,
        ADD_ISSUER,
        REMOVE_ISSUER
    }

    struct Organisation {
        bytes32 parent;
        bool exists;
        uint32 children;
        uint64 memberCount;
    }

    struct Role {
        AccessLevel level;
        Assurance minAssurance;
    }

    struct Member {
        bytes32 organisation;
        bytes32 role;
        /// SHA-256 of the certificate's DER.
        bytes32 certificateFingerprint;
        /// SHA-256 of the issuing CA certificate's DER.
        bytes32 issuerFingerprint;
        /// Keyed hash of the holder (person: the certificate's HMAC of the national ID;
        /// organisation: a keyed hash of its organisation identifier).
        bytes32 subjectRef;
        /// EIP-712 digest of the account-binding statement the registration was made with.
        bytes32 bindingHash;
        uint64 notAfter;
        uint64 registeredAt;
        Assurance assurance;
        address registrar;
    }

    /// A member as stored: the public record, plus what lets a node decide a permission from
    /// one word of it (`notAfter` to `roleIndex` share a storage slot): whether its certificate
    /// is revoked, and its issuer and role by index (see `_issuers` and `_roleKeys`).
    struct MemberRecord {
        bytes32 organisation;
        bytes32 role;
        bytes32 certificateFingerprint;
        bytes32 issuerFingerprint;
        bytes32 subjectRef;
        bytes32 bindingHash;
        uint64 notAfter;
        uint64 registeredAt;
        Assurance assurance;
        /// Equals isCertificateRevoked[certificateFingerprint] (set by revokeCertificate).
        bool certificateRevoked;
        /// 1 + the issuer's position in `_issuers`.
        uint32 issuerIndex;
        /// 1 + the (organisation, role) pair's position in `_roleKeys`.
        uint32 roleIndex;
        address registrar;
    }

    /// An organisation's role, as `_roleKeys` lists them.
    struct RoleKey {
        bytes32 organisation;
        bytes32 role;
    }

    /// What a registrar submits to register a member; the certificate data comes from the
    /// certificate the registrar has verified, the binding fields from the holder's statement.
    struct Registration {
        address account;
        bytes32 organisation;
        bytes32 role;
        bytes32 certificateFingerprint;
        bytes32 issuerFingerprint;
        bytes32 subjectRef;
        Assurance assurance;
        uint64 notAfter;
        bytes32 bindingNonce;
        uint64 bindingExpiresAt;
        /// The account's signature over the binding statement: r ‖ s ‖ v (65 bytes).
        bytes accountSignature;
    }

    struct Proposal {
        Action action;
        bytes32 subject;
        bytes32 argument;
        address proposer;
        bool executed;
        address[] approvers;
    }

    // ------------------------------------------------------------ constants

    /// No single operator: every administration change needs at least two admins.
    uint256 public constant MIN_QUORUM = 2;

    /// EIP-712 binding statement, as signed by `createAccountBinding` of the Civitas PKI package.
    bytes32 public constant BINDING_TYPEHASH =
        keccak256("AccountBinding(address account,bytes32 certificateFingerprint,bytes32 nonce,uint64 expiresAt)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant DOMAIN_NAME_HASH = keccak256("Civitas Identity");
    bytes32 private constant DOMAIN_VERSION_HASH = keccak256("1");
    /// Half the secp256k1 group order: signatures with a higher s are malleable copies.
    uint256 private constant SECP256K1_HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    // ---------------------------------------------------------------- state

    /// SHA-256 fingerprint of the network's root CA certificate (set once, at genesis).
    bytes32 public immutable rootCaFingerprint;

    uint256 public quorum;
    uint256 public adminCount;
    mapping(address => bool) public isNetworkAdmin;
    mapping(address => bool) public isRegistrar;
    /// CA certificates (root or intermediates) whose certificates members may hold.
    mapping(bytes32 => bool) public isTrustedIssuer;

    mapping(bytes32 => Organisation) private _organisations;
    mapping(bytes32 => mapping(bytes32 => Role)) private _roles;
    mapping(address => MemberRecord) private _members;
    /// Certificate fingerprint → the account bound to it.
    mapping(bytes32 => address) public accountOfCertificate;
    mapping(bytes32 => bool) public isCertificateRevoked;
    /// Binding statements already used (by EIP-712 digest): each is single-use.
    mapping(bytes32 => bool) public isBindingUsed;

    mapping(bytes32 => Proposal) private _proposals;
    uint256 public proposalCount;

    /// Every issuer ever trusted, in the order first trusted, and 1 + each one's position
    /// (an issuer removed and trusted again keeps its place).
    bytes32[] private _issuers;
    mapping(bytes32 => uint32) private _issuerIndex;
    /// Every role ever defined, in the order first defined, and 1 + each one's position.
    RoleKey[] private _roleKeys;
    mapping(bytes32 => mapping(bytes32 => uint32)) private _roleIndex;

    // --------------------------------------------------------------- events

    event OrganisationAdded(bytes32 indexed organisation, bytes32 indexed parent);
    event OrganisationRemoved(bytes32 indexed organisation);
    event RoleDefined(
        bytes32 indexed organisation, bytes32 indexed role, AccessLevel level, Assurance minAssurance
    );
    event MemberRegistered(
        address indexed account,
        bytes32 indexed organisation,
        bytes32 indexed certificateFingerprint,
        bytes32 role,
        bytes32 issuerFingerprint,
        Assurance assurance,
        uint64 notAfter,
        bytes32 bindingHash,
        address registrar
    );
    event MemberRoleChanged(address indexed account, bytes32 indexed organisation, bytes32 role);
    event MemberRemoved(address indexed account, bytes32 indexed certificateFingerprint);
    event CertificateRevoked(bytes32 indexed certificateFingerprint, address indexed account, uint8 reason);
    event NetworkAdminAdded(address indexed account);
    event NetworkAdminRemoved(address indexed account);
    event RegistrarAdded(address indexed account);
    event RegistrarRemoved(address indexed account);
    event QuorumChanged(uint256 quorum);
    event IssuerAdded(bytes32 indexed issuerFingerprint);
    event IssuerRemoved(bytes32 indexed issuerFingerprint);
    event ProposalCreated(
        bytes32 indexed id, address indexed proposer, Action action, bytes32 subject, bytes32 argument
    );
    event ProposalApproved(bytes32 indexed id, address indexed admin, uint256 approvals);
    event ProposalExecuted(bytes32 indexed id, address indexed executor);

    // --------------------------------------------------------------- errors

    error NotNetworkAdmin(address caller);
    error NotRegistrar(address caller);
    error CallerSuspended(address caller);
    error InvalidQuorum(uint256 quorum, uint256 adminCount);
    error ZeroAddress();
    error ZeroIdentifier();
    error AlreadyNetworkAdmin(address account);
    error UnknownNetworkAdmin(address account);
    error AlreadyRegistrar(address account);
    error UnknownRegistrar(address account);
    error IssuerAlreadyTrusted(bytes32 issuerFingerprint);
    error UntrustedIssuer(bytes32 issuerFingerprint);
    error OrganisationExists(bytes32 organisation);
    error UnknownOrganisation(bytes32 organisation);
    error OrganisationNotEmpty(bytes32 organisation, uint256 children, uint256 members);
    error UnknownRole(bytes32 organisation, bytes32 role);
    error AdminLevelNeedsQuorum();
    error InvalidAssurance(uint8 assurance);
    error InsufficientAssurance(Assurance required, Assurance given);
    error SelfRegistration(address account);
    error AccountAlreadyRegistered(address account);
    error UnknownMember(address account);
    error CertificateAlreadyBound(bytes32 certificateFingerprint, address account);
    error CertificateIsRevoked(bytes32 certificateFingerprint);
    error CertificateAlreadyRevoked(bytes32 certificateFingerprint);
    error CertificateExpired(bytes32 certificateFingerprint, uint64 notAfter);
    error BindingExpired(uint64 expiresAt);
    error BindingAlreadyUsed(bytes32 bindingHash);
    error InvalidBindingSignature(address account);
    error UnknownProposal(bytes32 id);
    error ProposalAlreadyExecuted(bytes32 id);
    error AlreadyApproved(bytes32 id, address admin);
    error QuorumNotReached(bytes32 id, uint256 approvals, uint256 quorum);

    // ------------------------------------------------------------ bootstrap

    /// @param admins the first network admins (at least `initialQuorum` of them)
    /// @param initialQuorum approvals an administration change needs (at least MIN_QUORUM)
    /// @param registrars the first registrars
    /// @param caFingerprint SHA-256 of the root CA certificate; trusted as an issuer
    /// @param issuers further trusted issuing CAs (intermediates), may be empty
    constructor(
        address[] memory admins,
        uint256 initialQuorum,
        address[] memory registrars,
        bytes32 caFingerprint,
        bytes32[] memory issuers
    ) {
        if (caFingerprint == bytes32(0)) revert ZeroIdentifier();
        rootCaFingerprint = caFingerprint;
        for (uint256 i = 0; i < admins.length; i++) {
            _addAdmin(admins[i]);
        }
        _setQuorum(initialQuorum);
        for (uint256 i = 0; i < registrars.length; i++) {
            _addRegistrar(registrars[i]);
        }
        _addIssuer(caFingerprint);
        for (uint256 i = 0; i < issuers.length; i++) {
            _addIssuer(issuers[i]);
        }
    }

    // ------------------------------------------------------------ modifiers

    modifier onlyNetworkAdmin() {
        if (!isNetworkAdmin[msg.sender]) revert NotNetworkAdmin(msg.sender);
        if (_isSuspended(msg.sender)) revert CallerSuspended(msg.sender);
        _;
    }

    modifier onlyRegistrar() {
        if (!isRegistrar[msg.sender]) revert NotRegistrar(msg.sender);
        if (_isSuspended(msg.sender)) revert CallerSuspended(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- views

    /// @notice Whether `account` is a member whose certificate is valid at `time` (unix
    /// seconds): registered, not revoked, not expired, issued by a trusted CA, in an organisation
    /// that still exists.
    function isActive(address account, uint64 time) public view returns (bool) {
        MemberRecord storage m = _members[account];
        if (m.registeredAt == 0) return false;
        return !isCertificateRevoked[m.certificateFingerprint] && time <= m.notAfter
            && isTrustedIssuer[m.issuerFingerprint] && _organisations[m.organisation].exists;
    }

    /// @notice The access level of `account` at `time` (unix seconds). A member has its role's level while
    /// active and NONE once suspended (even if it is an admin or a registrar); network admins
    /// have ADMIN; registrars at least TRANSACT, so that they can send registry transactions.
    function accessLevelAt(address account, uint64 time) public view returns (AccessLevel level) {
        MemberRecord storage m = _members[account];
        if (m.registeredAt != 0) {
            if (!isActive(account, time)) return AccessLevel.NONE;
            level = _roles[m.organisation][m.role].level;
        }
        if (isNetworkAdmin[account]) return AccessLevel.ADMIN;
        if (isRegistrar[account] && level < AccessLevel.TRANSACT) return AccessLevel.TRANSACT;
    }

    /// @notice What the nodes' permission check needs in one call: the access level of `account`
    /// at `time`, why (its member status), and the last second this answer holds without a
    /// registry change (its certificate's notAfter for an active member; otherwise forever).
    function permissionAt(address account, uint64 time)
        external
        view
        returns (AccessLevel level, MemberStatus status, uint64 validUntil)
    {
        MemberRecord storage m = _members[account];
        validUntil = type(uint64).max;
        if (m.registeredAt == 0) {
            status = MemberStatus.NOT_MEMBER;
        } else if (isCertificateRevoked[m.certificateFingerprint]) {
            status = MemberStatus.CERTIFICATE_REVOKED;
        } else if (time > m.notAfter) {
            status = MemberStatus.CERTIFICATE_EXPIRED;
        } else if (!isTrustedIssuer[m.issuerFingerprint]) {
            status = MemberStatus.UNTRUSTED_ISSUER;
        } else if (!_organisations[m.organisation].exists) {
            status = MemberStatus.ORGANISATION_REMOVED;
        } else {
            status = MemberStatus.ACTIVE;
            validUntil = m.notAfter;
        }
        level = accessLevelAt(account, time);
    }

    /// @notice The access level of `account` now (at the current block's timestamp).
    function accessLevelOf(address account) external view returns (AccessLevel) {
        return accessLevelAt(account, uint64(block.timestamp));
    }

    /// @notice The member record of `account` (registeredAt = 0 if none).
    function memberOf(address account) external view returns (Member memory) {
        MemberRecord storage m = _members[account];
        return Member({
            organisation: m.organisation,
            role: m.role,
            certificateFingerprint: m.certificateFingerprint,
            issuerFingerprint: m.issuerFingerprint,
            subjectRef: m.subjectRef,
            bindingHash: m.bindingHash,
            notAfter: m.notAfter,
            registeredAt: m.registeredAt,
            assurance: m.assurance,
            registrar: m.registrar
        });
    }

    /// @notice Parent, child count and member count of an organisation (exists = false if none).
    function organisationOf(bytes32 organisation) external view returns (Organisation memory) {
        return _organisations[organisation];
    }

    /// @notice Access level and minimum assurance of a role (level NONE if undefined).
    function roleOf(bytes32 organisation, bytes32 role) external view returns (Role memory) {
        return _roles[organisation][role];
    }

    /// @notice A proposal's content, approvers and state.
    function proposalOf(bytes32 id) external view returns (Proposal memory) {
        return _proposals[id];
    }

    /// @notice EIP-712 domain separator of binding statements for this registry on this chain.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, DOMAIN_NAME_HASH, DOMAIN_VERSION_HASH, block.chainid, address(this))
        );
    }

    /// @notice The EIP-712 digest a binding statement's keys sign (what `bindingDigest` of
    /// the Civitas PKI package computes for this chain and registry).
    function bindingDigest(address account, bytes32 certificateFingerprint, bytes32 nonce, uint64 expiresAt)
        public
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(BINDING_TYPEHASH, account, certificateFingerprint, nonce, expiresAt));
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    // ------------------------------------------------------------ registrars

    /// @notice Defines (or redefines) a role of an organisation. Levels up to DEPLOY only: the
    /// ADMIN level belongs to network admins, granted by quorum.
    function defineRole(bytes32 organisation, bytes32 role, AccessLevel level, Assurance minAssurance)
        external
        onlyRegistrar
    {
        if (!_organisations[organisation].exists) revert UnknownOrganisation(organisation);
        if (role == bytes32(0)) revert ZeroIdentifier();
        if (level == AccessLevel.ADMIN) revert AdminLevelNeedsQuorum();
        _roles[organisation][role] = Role(level, minAssurance);
        if (_roleIndex[organisation][role] == 0) {
            _roleKeys.push(RoleKey(organisation, role));
            _roleIndex[organisation][role] = uint32(_roleKeys.length);
        }
        emit RoleDefined(organisation, role, level, minAssurance);
    }

    /// @notice Registers a member: binds `r.account` to a certificate the registrar has verified
    /// (path to a trusted CA, not revoked), after checking on chain the account's signature over
    /// the binding statement, which pins this chain, this registry, the account and the certificate.
    function registerMember(Registration calldata r) external onlyRegistrar {
        _register(r);
    }

    /// @notice Registers several members in one transaction (bulk onboarding), all or none:
    /// every registration is checked as by `registerMember`.
    function registerMembers(Registration[] calldata rs) external onlyRegistrar {
        for (uint256 i = 0; i < rs.length; i++) {
            _register(rs[i]);
        }
    }

    function _register(Registration calldata r) private {
        if (r.account == address(0)) revert ZeroAddress();
        if (r.account == msg.sender) revert SelfRegistration(r.account);
        if (_members[r.account].registeredAt != 0) revert AccountAlreadyRegistered(r.account);
        Organisation storage org = _organisations[r.organisation];
        if (!org.exists) revert UnknownOrganisation(r.organisation);
        Role storage role = _roles[r.organisation][r.role];
        if (role.level == AccessLevel.NONE) revert UnknownRole(r.organisation, r.role);
        if (r.assurance == Assurance.NONE) revert InvalidAssurance(uint8(r.assurance));
        if (r.assurance < role.minAssurance) revert InsufficientAssurance(role.minAssurance, r.assurance);
        if (!isTrustedIssuer[r.issuerFingerprint]) revert UntrustedIssuer(r.issuerFingerprint);
        if (isCertificateRevoked[r.certificateFingerprint]) revert CertificateIsRevoked(r.certificateFingerprint);
        address bound = accountOfCertificate[r.certificateFingerprint];
        if (bound != address(0)) revert CertificateAlreadyBound(r.certificateFingerprint, bound);
        if (r.notAfter < block.timestamp) revert CertificateExpired(r.certificateFingerprint, r.notAfter);

        bytes32 bindingHash = _verifyBinding(r);
        isBindingUsed[bindingHash] = true;
        _members[r.account] = MemberRecord({
            organisation: r.organisation,
            role: r.role,
            certificateFingerprint: r.certificateFingerprint,
            issuerFingerprint: r.issuerFingerprint,
            subjectRef: r.subjectRef,
            bindingHash: bindingHash,
            notAfter: r.notAfter,
            registeredAt: uint64(block.timestamp),
            assurance: r.assurance,
            certificateRevoked: false,
            issuerIndex: _issuerIndex[r.issuerFingerprint],
            roleIndex: _roleIndex[r.organisation][r.role],
            registrar: msg.sender
        });
        accountOfCertificate[r.certificateFingerprint] = r.account;
        org.memberCount += 1;
        emit MemberRegistered(
            r.account,
            r.organisation,
            r.certificateFingerprint,
            r.role,
            r.issuerFingerprint,
            r.assurance,
            r.notAfter,
            bindingHash,
            msg.sender
        );
    }

    /// @notice Moves a member to another role of its organisation.
    function changeMemberRole(address account, bytes32 role) external onlyRegistrar {
        if (account == msg.sender) revert SelfRegistration(account);
        MemberRecord storage m = _members[account];
        if (m.registeredAt == 0) revert UnknownMember(account);
        Role storage r = _roles[m.organisation][role];
        if (r.level == AccessLevel.NONE) revert UnknownRole(m.organisation, role);
        if (m.assurance < r.minAssurance) revert InsufficientAssurance(r.minAssurance, m.assurance);
        m.role = role;
        m.roleIndex = _roleIndex[m.organisation][role];
        emit MemberRoleChanged(account, m.organisation, role);
    }

    /// @notice Removes a member (left the organisation, or before re-registering with a renewed
    /// certificate). Its certificate becomes free to bind again unless revoked.
    function removeMember(address account) external onlyRegistrar {
        MemberRecord storage m = _members[account];
        if (m.registeredAt == 0) revert UnknownMember(account);
        bytes32 fingerprint = m.certificateFingerprint;
        _organisations[m.organisation].memberCount -= 1;
        delete accountOfCertificate[fingerprint];
        delete _members[account];
        emit MemberRemoved(account, fingerprint);
    }

    /// @notice Records a certificate revocation from the CA's CRL (`reason` = CRL reason code).
    /// The account bound to it, if any, is suspended at once.
    function revokeCertificate(bytes32 certificateFingerprint, uint8 reason) external onlyRegistrar {
        if (certificateFingerprint == bytes32(0)) revert ZeroIdentifier();
        if (isCertificateRevoked[certificateFingerprint]) revert CertificateAlreadyRevoked(certificateFingerprint);
        isCertificateRevoked[certificateFingerprint] = true;
        address account = accountOfCertificate[certificateFingerprint];
        if (account != address(0)) _members[account].certificateRevoked = true;
        emit CertificateRevoked(certificateFingerprint, account, reason);
    }

    // ------------------------------------------------ network administration

    /// @notice Proposes an administration change; the proposer's approval is counted.
    /// @return id the proposal's content hash (chain, registry, sequence number and content)
    function propose(Action action, bytes32 subject, bytes32 argument) external onlyNetworkAdmin returns (bytes32 id) {
        id = keccak256(abi.encode(block.chainid, address(this), proposalCount, action, subject, argument));
        proposalCount += 1;
        Proposal storage p = _proposals[id];
        p.action = action;
        p.subject = subject;
        p.argument = argument;
        p.proposer = msg.sender;
        p.approvers.push(msg.sender);
        emit ProposalCreated(id, msg.sender, action, subject, argument);
        emit ProposalApproved(id, msg.sender, 1);
    }

    /// @notice Approves a proposal, once per admin.
    function approve(bytes32 id) external onlyNetworkAdmin {
        Proposal storage p = _openProposal(id);
        for (uint256 i = 0; i < p.approvers.length; i++) {
            if (p.approvers[i] == msg.sender) revert AlreadyApproved(id, msg.sender);
        }
        p.approvers.push(msg.sender);
        emit ProposalApproved(id, msg.sender, p.approvers.length);
    }

    /// @notice Executes a proposal approved by a quorum of the current network admins
    /// (approvals of admins removed since do not count).
    function execute(bytes32 id) external onlyNetworkAdmin {
        Proposal storage p = _openProposal(id);
        uint256 approvals = currentApprovals(id);
        if (approvals < quorum) revert QuorumNotReached(id, approvals, quorum);
        p.executed = true;
        _apply(p.action, p.subject, p.argument);
        emit ProposalExecuted(id, msg.sender);
    }

    /// @notice Approvals of a proposal by admins who are still network admins.
    function currentApprovals(bytes32 id) public view returns (uint256 approvals) {
        address[] storage approvers = _proposals[id].approvers;
        for (uint256 i = 0; i < approvers.length; i++) {
            if (isNetworkAdmin[approvers[i]]) approvals++;
        }
    }

    // -------------------------------------------------------------- internal

    function _openProposal(bytes32 id) private view returns (Proposal storage p) {
        p = _proposals[id];
        if (p.proposer == address(0)) revert UnknownProposal(id);
        if (p.executed) revert ProposalAlreadyExecuted(id);
    }

    function _apply(Action action, bytes32 subject, bytes32 argument) private {
        if (action == Action.ADD_ORGANISATION) {
            _addOrganisation(subject, argument);
        } else if (action == Action.REMOVE_ORGANISATION) {
            _removeOrganisation(subject);
        } else if (action == Action.GRANT_ADMIN) {
            _addAdmin(_account(subject));
        } else if (action == Action.REVOKE_ADMIN) {
            address account = _account(subject);
            if (!isNetworkAdmin[account]) revert UnknownNetworkAdmin(account);
            if (adminCount - 1 < quorum) revert InvalidQuorum(quorum, adminCount - 1);
            isNetworkAdmin[account] = false;
            adminCount -= 1;
            emit NetworkAdminRemoved(account);
        } else if (action == Action.ADD_REGISTRAR) {
            _addRegistrar(_account(subject));
        } else if (action == Action.REMOVE_REGISTRAR) {
            address account = _account(subject);
            if (!isRegistrar[account]) revert UnknownRegistrar(account);
            isRegistrar[account] = false;
            emit RegistrarRemoved(account);
        } else if (action == Action.SET_QUORUM) {
            _setQuorum(uint256(subject));
        } else if (action == Action.ADD_ISSUER) {
            _addIssuer(subject);
        } else {
            if (!isTrustedIssuer[subject]) revert UntrustedIssuer(subject);
            isTrustedIssuer[subject] = false;
            emit IssuerRemoved(subject);
        }
    }

    function _account(bytes32 word) private pure returns (address account) {
        account = address(uint160(uint256(word)));
        if (account == address(0) || uint256(word) >> 160 != 0) revert ZeroAddress();
    }

    function _addAdmin(address account) private {
        if (account == address(0)) revert ZeroAddress();
        if (isNetworkAdmin[account]) revert AlreadyNetworkAdmin(account);
        isNetworkAdmin[account] = true;
        adminCount += 1;
        emit NetworkAdminAdded(account);
    }

    function _addRegistrar(address account) private {
        if (account == address(0)) revert ZeroAddress();
        if (isRegistrar[account]) revert AlreadyRegistrar(account);
        isRegistrar[account] = true;
        emit RegistrarAdded(account);
    }

    function _addIssuer(bytes32 fingerprint) private {
        if (fingerprint == bytes32(0)) revert ZeroIdentifier();
        if (isTrustedIssuer[fingerprint]) revert IssuerAlreadyTrusted(fingerprint);
        isTrustedIssuer[fingerprint] = true;
        if (_issuerIndex[fingerprint] == 0) {
            _issuers.push(fingerprint);
            _issuerIndex[fingerprint] = uint32(_issuers.length);
        }
        emit IssuerAdded(fingerprint);
    }

    function _setQuorum(uint256 newQuorum) private {
        if (newQuorum < MIN_QUORUM || newQuorum > adminCount) revert InvalidQuorum(newQuorum, adminCount);
        quorum = newQuorum;
        emit QuorumChanged(newQuorum);
    }

    function _addOrganisation(bytes32 organisation, bytes32 parent) private {
        if (organisation == bytes32(0)) revert ZeroIdentifier();
        if (_organisations[organisation].exists) revert OrganisationExists(organisation);
        if (parent != bytes32(0)) {
            if (!_organisations[parent].exists) revert UnknownOrganisation(parent);
            _organisations[parent].children += 1;
        }
        _organisations[organisation] = Organisation({parent: parent, exists: true, children: 0, memberCount: 0});
        emit OrganisationAdded(organisation, parent);
    }

    function _removeOrganisation(bytes32 organisation) private {
        Organisation storage org = _organisations[organisation];
        if (!org.exists) revert UnknownOrganisation(organisation);
        if (org.children != 0 || org.memberCount != 0) {
            revert OrganisationNotEmpty(organisation, org.children, org.memberCount);
        }
        if (org.parent != bytes32(0)) _organisations[org.parent].children -= 1;
        delete _organisations[organisation];
        emit OrganisationRemoved(organisation);
    }

    /// A member bound to a certificate that is no longer valid loses every right, including
    /// those of an admin or a registrar. Accounts named at genesis without a certificate keep theirs.
    function _isSuspended(address account) private view returns (bool) {
        return _members[account].registeredAt != 0 && !isActive(account, uint64(block.timestamp));
    }

    /// Checks the account half of the binding statement (the registrar's tooling has checked
    /// the certificate half: the certificate key's signature over the same digest) and returns
    /// its digest.
    function _verifyBinding(Registration calldata r) private view returns (bytes32 digest) {
        if (r.bindingExpiresAt != 0 && r.bindingExpiresAt < block.timestamp) {
            revert BindingExpired(r.bindingExpiresAt);
        }
        digest = bindingDigest(r.account, r.certificateFingerprint, r.bindingNonce, r.bindingExpiresAt);
        if (isBindingUsed[digest]) revert BindingAlreadyUsed(digest);
        bytes calldata sig = r.accountSignature;
        if (sig.length != 65) revert InvalidBindingSignature(r.account);
        bytes32 rr = bytes32(sig[0:32]);
        bytes32 ss = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (uint256(ss) > SECP256K1_HALF_N || (v != 27 && v != 28)) revert InvalidBindingSignature(r.account);
        address signer = ecrecover(digest, v, rr, ss);
        if (signer == address(0) || signer != r.account) revert InvalidBindingSignature(r.account);
    }
}
