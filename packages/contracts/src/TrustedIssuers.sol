// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {RegistryGoverned} from "./RegistryGoverned.sol";

/// The part of the identity registry that says whether an account may act at a given time.
interface IRegistryMembership {
    function isActive(address account, uint64 time) external view returns (bool);
}

/// @title Trusted issuers of official documents
/// @notice Who may issue which official documents, with which keys, and since when (DOMAIN §3).
/// Accrediting bodies (a set only the network admins' quorum changes) register issuers and grant
/// or withdraw accreditations per document type, each a time window; an issuer's operators
/// (active registry members) manage its signing keys, each with a validity window and, once
/// revoked, the time from which it is revoked. Verifiers ask `keyValidAt` and `accreditedAt` at
/// the time a document's batch was anchored, so a key revoked at T leaves documents anchored
/// before T valid, and a withdrawn accreditation leaves documents issued while accredited valid.
///
/// Time windows are half-open, [from, until), in block time (unix seconds).
///
/// Storage layout (what offline proofs read with eth_getProof; tested against solc's own layout):
///   slot 0, 1  RegistryGoverned (governanceProposalCount, proposals)
///   slot 2     isAccreditingBody   mapping(address => bool)
///   slot 3     accreditingBodyCount
///   slot 4     _issuers            mapping(bytes32 => Issuer)
///   slot 5     _operators          mapping(bytes32 => mapping(address => bool))
///   slot 6     _keys               mapping(bytes32 issuerId => mapping(bytes32 keyId => IssuerKey))
///              one word at keccak256(keyId . keccak256(issuerId . 6)):
///              validFrom | validUntil << 64 | revokedAt << 128 | addedAt << 192
///   slot 7     _accreditations     mapping(bytes32 issuerId => mapping(bytes32 docType => Accreditation[]))
///              length at L = keccak256(docType . keccak256(issuerId . 7)); window i at
///              keccak256(L) + 2i: from | until << 64, and its accrediting body at keccak256(L) + 2i + 1
contract TrustedIssuers is RegistryGoverned {
    // ---------------------------------------------------------------- types

    struct Issuer {
        uint64 registeredAt;
        address registeredBy;
        uint32 operatorCount;
    }

    /// A signing key of an issuer, named by its keyId: the RFC 7638 JWK SHA-256 thumbprint of
    /// its P-256 public key. revokedAt = 0 while not revoked.
    struct IssuerKey {
        uint64 validFrom;
        uint64 validUntil;
        uint64 revokedAt;
        uint64 addedAt;
    }

    /// A window in which an issuer may issue one document type, and the body that granted it.
    struct Accreditation {
        uint64 from;
        uint64 until;
        address body;
    }

    // ------------------------------------------------------------ constants

    /// Accreditation windows per (issuer, document type): bounds the views' loops and the proofs.
    uint256 public constant MAX_ACCREDITATIONS = 32;

    // ---------------------------------------------------------------- state

    mapping(address => bool) public isAccreditingBody;
    uint256 public accreditingBodyCount;
    mapping(bytes32 => Issuer) private _issuers;
    mapping(bytes32 => mapping(address => bool)) private _operators;
    mapping(bytes32 => mapping(bytes32 => IssuerKey)) private _keys;
    mapping(bytes32 => mapping(bytes32 => Accreditation[])) private _accreditations;

    // --------------------------------------------------------------- events

    event AccreditingBodyAdded(address indexed body);
    event AccreditingBodyRemoved(address indexed body);
    event IssuerRegistered(bytes32 indexed issuerId, address indexed body);
    event OperatorAdded(bytes32 indexed issuerId, address indexed account, address indexed by);
    event OperatorRemoved(bytes32 indexed issuerId, address indexed account, address indexed by);
    event KeyAdded(
        bytes32 indexed issuerId, bytes32 indexed keyId, uint64 validFrom, uint64 validUntil, address operator
    );
    event KeyRevoked(bytes32 indexed issuerId, bytes32 indexed keyId, uint64 revokedAt, address operator);
    event AccreditationGranted(
        bytes32 indexed issuerId, bytes32 indexed docType, address indexed body, uint64 from, uint64 until
    );
    event AccreditationWithdrawn(bytes32 indexed issuerId, bytes32 indexed docType, address indexed body, uint64 until);

    // --------------------------------------------------------------- errors

    error ZeroAddress();
    error ZeroIdentifier();
    error NotAccreditingBody(address caller);
    error NotIssuerOperator(bytes32 issuerId, address caller);
    error InactiveMember(address account);
    error AlreadyAccreditingBody(address body);
    error UnknownAccreditingBody(address body);
    error IssuerExists(bytes32 issuerId);
    error UnknownIssuer(bytes32 issuerId);
    error AlreadyOperator(bytes32 issuerId, address account);
    error UnknownOperator(bytes32 issuerId, address account);
    error KeyExists(bytes32 issuerId, bytes32 keyId);
    error UnknownKey(bytes32 issuerId, bytes32 keyId);
    error KeyAlreadyRevoked(bytes32 issuerId, bytes32 keyId, uint64 revokedAt);
    error StartsInPast(uint64 from, uint64 now);
    error InvalidWindow(uint64 from, uint64 until);
    error TooManyAccreditations(bytes32 issuerId, bytes32 docType);
    error NotAccredited(bytes32 issuerId, bytes32 docType);

    // ------------------------------------------------------------ bootstrap

    constructor(address registry) RegistryGoverned(registry) {}

    // ------------------------------------------------------------ modifiers

    modifier onlyAccreditingBody() {
        if (!isAccreditingBody[msg.sender]) revert NotAccreditingBody(msg.sender);
        _requireActiveMember(msg.sender);
        _;
    }

    modifier onlyOperator(bytes32 issuerId) {
        if (!_operators[issuerId][msg.sender]) revert NotIssuerOperator(issuerId, msg.sender);
        _requireActiveMember(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- views

    /// @notice Whether `keyId` was a valid key of `issuerId` at `time`: registered, inside its
    /// validity window and, if revoked, before the revocation time.
    function keyValidAt(bytes32 issuerId, bytes32 keyId, uint64 time) public view returns (bool) {
        IssuerKey storage k = _keys[issuerId][keyId];
        return k.addedAt != 0 && k.validFrom <= time && time < k.validUntil && (k.revokedAt == 0 || time < k.revokedAt);
    }

    /// @notice Whether `issuerId` was accredited to issue `docType` at `time` (inside one of its windows).
    function accreditedAt(bytes32 issuerId, bytes32 docType, uint64 time) public view returns (bool) {
        Accreditation[] storage windows = _accreditations[issuerId][docType];
        for (uint256 i = 0; i < windows.length; i++) {
            if (windows[i].from <= time && time < windows[i].until) return true;
        }
        return false;
    }

    /// @notice A key's record (addedAt = 0 if the issuer has no such key).
    function keyOf(bytes32 issuerId, bytes32 keyId) external view returns (IssuerKey memory) {
        return _keys[issuerId][keyId];
    }

    /// @notice Every accreditation window of `issuerId` for `docType`, in the order granted.
    function accreditationOf(bytes32 issuerId, bytes32 docType) external view returns (Accreditation[] memory) {
        return _accreditations[issuerId][docType];
    }

    /// @notice Whether `account` may act for `issuerId` now: one of its operators and an active
    /// member of the identity registry.
    function isOperator(bytes32 issuerId, address account) external view returns (bool) {
        return _operators[issuerId][account] && _isActiveMember(account);
    }

    /// @notice An issuer's record (registeredAt = 0 if unknown).
    function issuerOf(bytes32 issuerId) external view returns (Issuer memory) {
        return _issuers[issuerId];
    }

    // -------------------------------------------- accrediting bodies (quorum)

    /// @notice Adds an accrediting body (only through a quorum-approved governance proposal).
    function addAccreditingBody(address body) external onlyByQuorum {
        if (body == address(0)) revert ZeroAddress();
        if (isAccreditingBody[body]) revert AlreadyAccreditingBody(body);
        isAccreditingBody[body] = true;
        accreditingBodyCount += 1;
        emit AccreditingBodyAdded(body);
    }

    /// @notice Removes an accrediting body (quorum). The accreditations it granted stand until
    /// another body withdraws them.
    function removeAccreditingBody(address body) external onlyByQuorum {
        if (!isAccreditingBody[body]) revert UnknownAccreditingBody(body);
        isAccreditingBody[body] = false;
        accreditingBodyCount -= 1;
        emit AccreditingBodyRemoved(body);
    }

    // ----------------------------------------------- issuers and operators

    /// @notice Registers an issuer with its first operators (an accrediting body's act).
    function registerIssuer(bytes32 issuerId, address[] calldata operators) external onlyAccreditingBody {
        if (issuerId == bytes32(0)) revert ZeroIdentifier();
        Issuer storage issuer = _issuers[issuerId];
        if (issuer.registeredAt != 0) revert IssuerExists(issuerId);
        issuer.registeredAt = uint64(block.timestamp);
        issuer.registeredBy = msg.sender;
        emit IssuerRegistered(issuerId, msg.sender);
        for (uint256 i = 0; i < operators.length; i++) {
            _addOperator(issuerId, operators[i]);
        }
    }

    /// @notice Adds an operator to an issuer: by one of its operators, or by an accrediting body
    /// (when an issuer has lost its operators).
    function addOperator(bytes32 issuerId, address account) external {
        _requireOperatorOrBody(issuerId);
        _addOperator(issuerId, account);
    }

    /// @notice Removes an operator of an issuer: by one of its operators or an accrediting body.
    function removeOperator(bytes32 issuerId, address account) external {
        _requireOperatorOrBody(issuerId);
        if (!_operators[issuerId][account]) revert UnknownOperator(issuerId, account);
        _operators[issuerId][account] = false;
        _issuers[issuerId].operatorCount -= 1;
        emit OperatorRemoved(issuerId, account, msg.sender);
    }

    // ---------------------------------------------------------------- keys

    /// @notice Adds a signing key, valid in [validFrom, validUntil); validFrom 0 means now. A key
    /// cannot be backdated: documents anchored before it was added never depend on it.
    function addKey(bytes32 issuerId, bytes32 keyId, uint64 validFrom, uint64 validUntil)
        external
        onlyOperator(issuerId)
    {
        if (keyId == bytes32(0)) revert ZeroIdentifier();
        IssuerKey storage k = _keys[issuerId][keyId];
        if (k.addedAt != 0) revert KeyExists(issuerId, keyId);
        uint64 from = _startOrNow(validFrom);
        if (validUntil <= from) revert InvalidWindow(from, validUntil);
        _keys[issuerId][keyId] =
            IssuerKey({validFrom: from, validUntil: validUntil, revokedAt: 0, addedAt: uint64(block.timestamp)});
        emit KeyAdded(issuerId, keyId, from, validUntil, msg.sender);
    }

    /// @notice Revokes a key from time `time` (0: now). Documents anchored before `time` stay valid.
    /// `time` may lie in the past (a compromise found late); a revocation can only be moved earlier.
    function revokeKey(bytes32 issuerId, bytes32 keyId, uint64 time) external onlyOperator(issuerId) {
        IssuerKey storage k = _keys[issuerId][keyId];
        if (k.addedAt == 0) revert UnknownKey(issuerId, keyId);
        uint64 from = time == 0 ? uint64(block.timestamp) : time;
        if (k.revokedAt != 0 && from >= k.revokedAt) revert KeyAlreadyRevoked(issuerId, keyId, k.revokedAt);
        k.revokedAt = from;
        emit KeyRevoked(issuerId, keyId, from, msg.sender);
    }

    // ------------------------------------------------------- accreditations

    /// @notice Accredits an issuer for a document type in [from, until); from 0 means now, and
    /// may not lie in the past (an accreditation never reaches back to documents already anchored).
    function grantAccreditation(bytes32 issuerId, bytes32 docType, uint64 from, uint64 until)
        external
        onlyAccreditingBody
    {
        if (_issuers[issuerId].registeredAt == 0) revert UnknownIssuer(issuerId);
        if (docType == bytes32(0)) revert ZeroIdentifier();
        uint64 start = _startOrNow(from);
        if (until <= start) revert InvalidWindow(start, until);
        Accreditation[] storage windows = _accreditations[issuerId][docType];
        if (windows.length >= MAX_ACCREDITATIONS) revert TooManyAccreditations(issuerId, docType);
        windows.push(Accreditation({from: start, until: until, body: msg.sender}));
        emit AccreditationGranted(issuerId, docType, msg.sender, start, until);
    }

    /// @notice Ends every accreditation window of an issuer for a type at `time` (0: now; not in the
    /// past): documents anchored before `time` keep their accreditation.
    function withdrawAccreditation(bytes32 issuerId, bytes32 docType, uint64 time) external onlyAccreditingBody {
        uint64 end = _startOrNow(time);
        Accreditation[] storage windows = _accreditations[issuerId][docType];
        bool changed = false;
        for (uint256 i = 0; i < windows.length; i++) {
            Accreditation storage w = windows[i];
            if (w.until > end) {
                w.until = end > w.from ? end : w.from;
                changed = true;
            }
        }
        if (!changed) revert NotAccredited(issuerId, docType);
        emit AccreditationWithdrawn(issuerId, docType, msg.sender, end);
    }

    // -------------------------------------------------------------- internal

    function _addOperator(bytes32 issuerId, address account) private {
        if (account == address(0)) revert ZeroAddress();
        if (_operators[issuerId][account]) revert AlreadyOperator(issuerId, account);
        _requireActiveMember(account);
        _operators[issuerId][account] = true;
        _issuers[issuerId].operatorCount += 1;
        emit OperatorAdded(issuerId, account, msg.sender);
    }

    function _requireOperatorOrBody(bytes32 issuerId) private view {
        if (_issuers[issuerId].registeredAt == 0) revert UnknownIssuer(issuerId);
        if (!_operators[issuerId][msg.sender] && !isAccreditingBody[msg.sender]) {
            revert NotIssuerOperator(issuerId, msg.sender);
        }
        _requireActiveMember(msg.sender);
    }

    function _requireActiveMember(address account) private view {
        if (!_isActiveMember(account)) revert InactiveMember(account);
    }

    function _isActiveMember(address account) private view returns (bool) {
        return IRegistryMembership(address(identityRegistry)).isActive(account, uint64(block.timestamp));
    }

    /// `time`, or now if 0; refused if in the past.
    function _startOrNow(uint64 time) private view returns (uint64) {
        uint64 now_ = uint64(block.timestamp);
        if (time == 0) return now_;
        if (time < now_) revert StartsInPast(time, now_);
        return time;
    }
}
