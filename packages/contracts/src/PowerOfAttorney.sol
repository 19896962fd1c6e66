// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IdentityRegistry} from "./IdentityRegistry.sol";
import {RegistryGoverned} from "./RegistryGoverned.sol";

/// @title Civitas registry of powers of attorney (representation)
/// @notice Who may act for whom, in which procedures, doing what, and since and until when — the
/// model of Spain's electronic registry of powers (Law 39/2015 art. 6). Parties are members of the
/// identity registry and are referenced by their `subjectRef` (a keyed hash, never personal data),
/// so a power follows the person, not one of its accounts.
///
/// Procedure codes are bytes32: the high 16 bytes identify the administration (body) that runs
/// the procedure, the low 16 bytes the procedure within it. An ADMINISTRATION power lists
/// administration ids (high half set, low half zero) and covers every procedure of those bodies; a
/// PROCEDURES power lists procedure codes (both halves set); a GENERAL power covers any procedure.
///
/// One voluntary representative per (grantor, procedure) at a time: a power cannot become ACTIVE
/// (granted, accepted or recorded) while another ACTIVE, unexpired power of the same grantor to a
/// different attorney covers a common procedure — GENERAL overlaps everything, two scopes overlap
/// when they share a code or an administration id, and an administration overlaps each of its
/// procedures. The same attorney may hold several powers; a sub-delegation belongs to the same
/// representation as the power it derives from.
contract PowerOfAttorney is RegistryGoverned {
    // ---------------------------------------------------------------- types

    enum PowerType {
        GENERAL,
        ADMINISTRATION,
        PROCEDURES
    }

    /// What an attorney may do; a power's `actions` is a bitmask of `1 << action`.
    enum Action {
        FILE_APPLICATION,
        SUBMIT_DOCUMENTS,
        ACCESS_FILES,
        RECEIVE_NOTIFICATIONS,
        PAY,
        APPEAL,
        WITHDRAW,
        WAIVE
    }

    enum Origin {
        ONLINE,
        IN_PERSON,
        NOTARIAL
    }

    /// EXPIRED is reached by time: `powerOf` and `statusOf` report it once `validUntil` has passed,
    /// and `expirePower` records it (with its event). REJECTED ends a legal person's power that
    /// failed its legal review.
    enum Status {
        PENDING_REVIEW,
        PENDING_ACCEPTANCE,
        ACTIVE,
        REVOKED,
        RENOUNCED,
        EXPIRED,
        TERMINATED,
        REJECTED
    }

    /// Why `authorization` answers as it does (AUTHORIZED and GRANTOR_HIMSELF are the yeses).
    enum Refusal {
        AUTHORIZED,
        GRANTOR_HIMSELF,
        GRANTOR_NOT_MEMBER,
        ATTORNEY_NOT_ACTIVE,
        NO_POWER,
        PROCEDURE_NOT_IN_SCOPE,
        ACTION_NOT_GRANTED,
        NOT_ACTIVE_YET,
        EXPIRED,
        REVOKED,
        RENOUNCED,
        TERMINATED,
        REJECTED,
        DELEGATING_POWER_ENDED
    }

    /// Why an official terminates a power.
    enum TerminationCause {
        GRANTOR_DEATH,
        GRANTOR_DISSOLUTION,
        ATTORNEY_DEATH,
        ATTORNEY_DISSOLUTION,
        COURT_DECISION
    }

    struct Power {
        uint256 id;
        bytes32 grantorRef;
        bytes32 attorneyRef;
        PowerType powerType;
        /// Administration ids (ADMINISTRATION) or procedure codes (PROCEDURES); empty for GENERAL.
        bytes32[] scope;
        /// Bitmask of `1 << Action`.
        uint8 actions;
        Origin origin;
        Status status;
        /// Whether the attorney may delegate the power to a substitute (`subDelegate`).
        bool subDelegation;
        uint64 registeredAt;
        /// Last second of validity (inclusive).
        uint64 validUntil;
        /// When it became ACTIVE (0 if never).
        uint64 activatedAt;
        /// When it was revoked, renounced, terminated or rejected (0 if not): acts before stay valid.
        uint64 endedAt;
        /// Hash of the deed or form the power was granted with (kept off chain).
        bytes32 docHash;
        /// The power this one was delegated from (0 if granted by the grantor).
        uint256 parentId;
        /// The grantor's account, the delegating attorney's or the official's who registered it.
        address registeredBy;
    }

    /// What a grantor submits to grant a power online.
    struct Grant {
        address attorney;
        PowerType powerType;
        bytes32[] scope;
        uint8 actions;
        uint64 validUntil;
        bytes32 docHash;
        bool subDelegation;
    }

    /// What an official records for a power granted in person or by notarial deed.
    struct Record {
        bytes32 grantorRef;
        bytes32 attorneyRef;
        PowerType powerType;
        bytes32[] scope;
        uint8 actions;
        Origin origin;
        uint64 validUntil;
        bytes32 docHash;
        bool subDelegation;
    }

    // ------------------------------------------------------------ constants

    /// Five years (1,826 days: five of 365 days and the leap day they may contain, rounded up).
    uint64 public constant MAX_VALIDITY = 1826 days;
    uint256 public constant MAX_SCOPE = 32;
    uint8 private constant QUALIFIED = 3;
    bytes32 private constant ADMINISTRATION_MASK = bytes32(uint256(type(uint128).max) << 128);

    // ---------------------------------------------------------------- state

    mapping(address => bool) public isOfficial;
    /// Subjects (by ref) that are legal persons: their online grants pass a legal review first.
    mapping(bytes32 => bool) public isLegalPerson;
    uint256 public powerCount;
    mapping(uint256 => Power) private _powers;
    mapping(bytes32 => uint256[]) private _powersOfGrantor;
    mapping(bytes32 => uint256[]) private _powersOfAttorney;
    mapping(bytes32 => uint256[]) private _powersOfPair;

    // --------------------------------------------------------------- events

    event PowerRegistered(
        uint256 indexed id,
        bytes32 indexed grantorRef,
        bytes32 indexed attorneyRef,
        PowerType powerType,
        bytes32[] scope,
        uint8 actions,
        Origin origin,
        uint64 validUntil,
        bytes32 docHash,
        bool subDelegation,
        Status status
    );
    /// A sub-delegated power (registered with the event above) and the power it derives from.
    event PowerDelegated(uint256 indexed id, uint256 indexed parentId);
    /// Every transition after registration (`by`: the account that made it).
    event PowerStatusChanged(uint256 indexed id, Status from, Status to, address indexed by);
    event PowerExtended(uint256 indexed id, uint64 previousValidUntil, uint64 validUntil, address indexed by);
    event PowerTerminated(uint256 indexed id, TerminationCause cause, bytes32 evidenceHash, address indexed official);
    event OfficialChanged(address indexed account, bool isOfficial);
    event LegalPersonChanged(bytes32 indexed subjectRef, bool isLegalPerson, address indexed official);

    // --------------------------------------------------------------- errors

    error NotActiveMember(address account);
    error NotMember(address account);
    error InsufficientAssurance(uint8 required, uint8 given);
    error NotOfficial(address caller);
    error UnknownPower(uint256 id);
    error NotGrantor(uint256 id, address caller);
    error NotAttorney(uint256 id, address caller);
    error InvalidStatus(uint256 id, Status status);
    error SelfRepresentation(bytes32 subjectRef);
    error ZeroReference();
    error MissingDocument();
    error InvalidValidity(uint64 validUntil, uint64 maxValidUntil);
    error InvalidScope(PowerType powerType, uint256 index);
    error InvalidActions(uint8 actions);
    error InvalidOrigin(Origin origin);
    error RepresentativeConflict(uint256 activePowerId);
    error SubDelegationNotGranted(uint256 id);
    error PowerNotExpired(uint256 id, uint64 validUntil);
    error ZeroAddress();

    /// @param registry the identity registry (members, assurance, network admins)
    /// @param officials the first registry officials (genesis bootstrap); later changes by quorum
    constructor(address registry, address[] memory officials) RegistryGoverned(registry) {
        for (uint256 i = 0; i < officials.length; i++) {
            _setOfficial(officials[i], true);
        }
    }

    // ------------------------------------------------------------ modifiers

    modifier onlyOfficial() {
        if (!isOfficial[msg.sender]) revert NotOfficial(msg.sender);
        if (!_registry().isActive(msg.sender, uint64(block.timestamp))) revert NotActiveMember(msg.sender);
        _;
    }

    // ------------------------------------------------------------ governance

    /// @notice Adds or removes a registry official (only through a governance proposal approved by
    /// the identity registry's quorum of network admins).
    function setOfficial(address account, bool official) external onlyByQuorum {
        _setOfficial(account, official);
    }

    // -------------------------------------------------------------- grantor

    /// @notice Grants a power online (sender: the grantor, an active member with a QUALIFIED
    /// certificate). It waits for the attorney's acceptance, or first for an official's legal review
    /// when the grantor is a legal person.
    function grantPower(Grant calldata g) external returns (uint256 id) {
        bytes32 grantorRef = _qualifiedRef(msg.sender);
        bytes32 attorneyRef = _activeRef(g.attorney);
        Status status = isLegalPerson[grantorRef] ? Status.PENDING_REVIEW : Status.PENDING_ACCEPTANCE;
        id = _register(
            Record({
                grantorRef: grantorRef,
                attorneyRef: attorneyRef,
                powerType: g.powerType,
                scope: g.scope,
                actions: g.actions,
                origin: Origin.ONLINE,
                validUntil: g.validUntil,
                docHash: g.docHash,
                subDelegation: g.subDelegation
            }),
            status,
            0
        );
        // Refused now rather than at acceptance when another representative already holds it.
        _checkExclusive(_powers[id]);
    }

    /// @notice Revokes a power (sender: the grantor; for a sub-delegated power also the delegating
    /// attorney). Acts done before stay valid. A power not yet accepted may be withdrawn the same way.
    function revokePower(uint256 id) external {
        Power storage p = _power(id);
        bytes32 ref = _refOf(msg.sender);
        bool delegator = p.parentId != 0 && _powers[p.parentId].attorneyRef == ref;
        if (ref != p.grantorRef && !delegator) revert NotGrantor(id, msg.sender);
        Status s = _statusOf(p);
        if (s != Status.ACTIVE && s != Status.PENDING_ACCEPTANCE && s != Status.PENDING_REVIEW) {
            revert InvalidStatus(id, s);
        }
        _end(p, Status.REVOKED);
    }

    /// @notice Extends an ACTIVE power (sender: the grantor, QUALIFIED): the new end is later than
    /// the current one and at most MAX_VALIDITY from now.
    function extendPower(uint256 id, uint64 validUntil) external {
        Power storage p = _power(id);
        if (_qualifiedRef(msg.sender) != p.grantorRef) revert NotGrantor(id, msg.sender);
        Status s = _statusOf(p);
        if (s != Status.ACTIVE) revert InvalidStatus(id, s);
        uint64 max = uint64(block.timestamp) + MAX_VALIDITY;
        if (validUntil <= p.validUntil || validUntil > max) revert InvalidValidity(validUntil, max);
        emit PowerExtended(id, p.validUntil, validUntil, msg.sender);
        p.validUntil = validUntil;
    }

    // ------------------------------------------------------------- attorney

    /// @notice Accepts a power (sender: the attorney, an active member): it becomes ACTIVE unless
    /// another representative holds an overlapping ACTIVE power of the same grantor.
    function acceptPower(uint256 id) external {
        Power storage p = _power(id);
        if (_activeRef(msg.sender) != p.attorneyRef) revert NotAttorney(id, msg.sender);
        Status s = _statusOf(p);
        if (s != Status.PENDING_ACCEPTANCE) revert InvalidStatus(id, s);
        if (p.parentId != 0) {
            Status parent = _statusOf(_powers[p.parentId]);
            if (parent != Status.ACTIVE) revert InvalidStatus(p.parentId, parent);
        }
        _checkExclusive(p);
        _activate(p);
    }

    /// @notice Renounces a power, pending or ACTIVE (sender: the attorney).
    function renouncePower(uint256 id) external {
        Power storage p = _power(id);
        if (_refOf(msg.sender) != p.attorneyRef) revert NotAttorney(id, msg.sender);
        Status s = _statusOf(p);
        if (s != Status.ACTIVE && s != Status.PENDING_ACCEPTANCE && s != Status.PENDING_REVIEW) {
            revert InvalidStatus(id, s);
        }
        _end(p, Status.RENOUNCED);
    }

    /// @notice Delegates an ACTIVE power whose grantor allowed it to a substitute (sender: the
    /// attorney, QUALIFIED). Same scope and actions, ends no later than the power it derives from,
    /// valid only while that one is; the substitute accepts it.
    function subDelegate(uint256 parentId, address substitute, uint64 validUntil, bytes32 docHash)
        external
        returns (uint256 id)
    {
        Power storage parent = _power(parentId);
        if (_qualifiedRef(msg.sender) != parent.attorneyRef) revert NotAttorney(parentId, msg.sender);
        if (!parent.subDelegation) revert SubDelegationNotGranted(parentId);
        Status s = _statusOf(parent);
        if (s != Status.ACTIVE) revert InvalidStatus(parentId, s);
        if (validUntil > parent.validUntil) revert InvalidValidity(validUntil, parent.validUntil);
        bytes32 substituteRef = _activeRef(substitute);
        if (substituteRef == parent.attorneyRef) revert SelfRepresentation(substituteRef);
        id = _register(
            Record({
                grantorRef: parent.grantorRef,
                attorneyRef: substituteRef,
                powerType: parent.powerType,
                scope: parent.scope,
                actions: parent.actions,
                origin: Origin.ONLINE,
                validUntil: validUntil,
                docHash: docHash,
                subDelegation: false
            }),
            Status.PENDING_ACCEPTANCE,
            parentId
        );
    }

    // ------------------------------------------------------------ officials

    /// @notice Records a power granted in person or by notarial deed (sender: an official, who has
    /// checked the parties and the deed): it starts ACTIVE.
    function recordPower(Record calldata r) external onlyOfficial returns (uint256 id) {
        if (r.origin == Origin.ONLINE) revert InvalidOrigin(r.origin);
        if (r.docHash == bytes32(0)) revert MissingDocument();
        id = _register(r, Status.ACTIVE, 0);
        Power storage p = _powers[id];
        _checkExclusive(p);
        p.activatedAt = uint64(block.timestamp);
    }

    /// @notice Concludes the legal review of a legal person's power (sender: an official): approved,
    /// it waits for the attorney's acceptance; rejected, it ends.
    function reviewPower(uint256 id, bool approved) external onlyOfficial {
        Power storage p = _power(id);
        Status s = _statusOf(p);
        if (s != Status.PENDING_REVIEW) revert InvalidStatus(id, s);
        if (approved) {
            p.status = Status.PENDING_ACCEPTANCE;
            emit PowerStatusChanged(id, Status.PENDING_REVIEW, Status.PENDING_ACCEPTANCE, msg.sender);
        } else {
            _end(p, Status.REJECTED);
        }
    }

    /// @notice Terminates a power on the death or dissolution of a party, or by a court's decision
    /// (sender: an official; `evidenceHash` is the hash of the record it relies on).
    function terminatePower(uint256 id, TerminationCause cause, bytes32 evidenceHash) external onlyOfficial {
        Power storage p = _power(id);
        Status s = _statusOf(p);
        if (s != Status.ACTIVE && s != Status.PENDING_ACCEPTANCE && s != Status.PENDING_REVIEW) {
            revert InvalidStatus(id, s);
        }
        if (evidenceHash == bytes32(0)) revert MissingDocument();
        _end(p, Status.TERMINATED);
        emit PowerTerminated(id, cause, evidenceHash, msg.sender);
    }

    /// @notice Marks a subject as a legal person (or not) (sender: an official).
    function setLegalPerson(bytes32 subjectRef, bool legalPerson) external onlyOfficial {
        if (subjectRef == bytes32(0)) revert ZeroReference();
        isLegalPerson[subjectRef] = legalPerson;
        emit LegalPersonChanged(subjectRef, legalPerson, msg.sender);
    }

    // ---------------------------------------------------------------- anyone

    /// @notice Records that a power has expired (its status already reads EXPIRED; this stores it
    /// and emits the transition's event).
    function expirePower(uint256 id) external {
        Power storage p = _power(id);
        Status stored = p.status;
        if (_statusOf(p) != Status.EXPIRED || stored == Status.EXPIRED) revert PowerNotExpired(id, p.validUntil);
        p.status = Status.EXPIRED;
        emit PowerStatusChanged(id, stored, Status.EXPIRED, msg.sender);
    }

    // ---------------------------------------------------------------- views

    /// @notice Whether `attorney` may do `action` in `procedure` for `grantor` at `time` (unix
    /// seconds). The grantor may always act himself.
    function isAuthorized(address grantor, address attorney, bytes32 procedure, Action action, uint64 time)
        external
        view
        returns (bool)
    {
        (bool ok,,) = authorization(grantor, attorney, procedure, action, time);
        return ok;
    }

    /// @notice `isAuthorized` with the reason of the answer and the power it relies on (or the
    /// closest one that did not suffice; 0 if none).
    function authorization(address grantor, address attorney, bytes32 procedure, Action action, uint64 time)
        public
        view
        returns (bool ok, Refusal reason, uint256 powerId)
    {
        if (grantor == attorney && grantor != address(0)) return (true, Refusal.GRANTOR_HIMSELF, 0);
        IdentityRegistry registry = _registry();
        bytes32 grantorRef = registry.memberOf(grantor).subjectRef;
        if (grantorRef == bytes32(0)) return (false, Refusal.GRANTOR_NOT_MEMBER, 0);
        bytes32 attorneyRef = registry.memberOf(attorney).subjectRef;
        if (attorneyRef == grantorRef) return (true, Refusal.GRANTOR_HIMSELF, 0);
        if (attorneyRef == bytes32(0) || !registry.isActive(attorney, time)) {
            return (false, Refusal.ATTORNEY_NOT_ACTIVE, 0);
        }
        uint256[] storage ids = _powersOfPair[_pairKey(grantorRef, attorneyRef)];
        reason = Refusal.NO_POWER;
        uint8 specificity = 0;
        for (uint256 i = 0; i < ids.length; i++) {
            (Refusal r, uint8 level) = _judge(_powers[ids[i]], procedure, action, time);
            if (r == Refusal.AUTHORIZED) return (true, r, ids[i]);
            if (level >= specificity) (reason, specificity, powerId) = (r, level, ids[i]);
        }
    }

    /// @notice A power, with its status as of now (EXPIRED once its validity has passed).
    function powerOf(uint256 id) external view returns (Power memory p) {
        p = _power(id);
        p.status = _statusOf(_powers[id]);
    }

    /// @notice A power's status as of now.
    function statusOf(uint256 id) external view returns (Status) {
        return _statusOf(_power(id));
    }

    /// @notice Ids of the powers a subject granted, oldest first.
    function powersOfGrantor(bytes32 grantorRef) external view returns (uint256[] memory) {
        return _powersOfGrantor[grantorRef];
    }

    /// @notice Ids of the powers granted to a subject, oldest first.
    function powersOfAttorney(bytes32 attorneyRef) external view returns (uint256[] memory) {
        return _powersOfAttorney[attorneyRef];
    }

    /// @notice The administration id of a procedure code (its high 16 bytes).
    function administrationOf(bytes32 procedure) public pure returns (bytes32) {
        return procedure & ADMINISTRATION_MASK;
    }

    // -------------------------------------------------------------- internal

    function _registry() private view returns (IdentityRegistry) {
        return IdentityRegistry(address(identityRegistry));
    }

    function _setOfficial(address account, bool official) private {
        if (account == address(0)) revert ZeroAddress();
        isOfficial[account] = official;
        emit OfficialChanged(account, official);
    }

    function _power(uint256 id) private view returns (Power storage p) {
        p = _powers[id];
        if (p.id == 0) revert UnknownPower(id);
    }

    /// The subject of a registered member (whether or not its certificate is still valid).
    function _refOf(address account) private view returns (bytes32 ref) {
        ref = _registry().memberOf(account).subjectRef;
        if (ref == bytes32(0)) revert NotMember(account);
    }

    /// The subject of an active member.
    function _activeRef(address account) private view returns (bytes32) {
        if (!_registry().isActive(account, uint64(block.timestamp))) revert NotActiveMember(account);
        return _refOf(account);
    }

    /// The subject of an active member with a QUALIFIED certificate (granting is a high-stakes act).
    function _qualifiedRef(address account) private view returns (bytes32) {
        if (!_registry().isActive(account, uint64(block.timestamp))) revert NotActiveMember(account);
        IdentityRegistry.Member memory m = _registry().memberOf(account);
        if (uint8(m.assurance) < QUALIFIED) revert InsufficientAssurance(QUALIFIED, uint8(m.assurance));
        return m.subjectRef;
    }

    function _register(Record memory r, Status status, uint256 parentId) private returns (uint256 id) {
        if (r.grantorRef == bytes32(0) || r.attorneyRef == bytes32(0)) revert ZeroReference();
        if (r.grantorRef == r.attorneyRef) revert SelfRepresentation(r.grantorRef);
        uint64 max = uint64(block.timestamp) + MAX_VALIDITY;
        if (r.validUntil <= block.timestamp || r.validUntil > max) revert InvalidValidity(r.validUntil, max);
        if (r.actions == 0) revert InvalidActions(r.actions);
        _checkScope(r.powerType, r.scope);

        id = ++powerCount;
        Power storage p = _powers[id];
        p.id = id;
        p.grantorRef = r.grantorRef;
        p.attorneyRef = r.attorneyRef;
        p.powerType = r.powerType;
        p.scope = r.scope;
        p.actions = r.actions;
        p.origin = r.origin;
        p.status = status;
        p.subDelegation = r.subDelegation;
        p.registeredAt = uint64(block.timestamp);
        p.validUntil = r.validUntil;
        p.docHash = r.docHash;
        p.parentId = parentId;
        p.registeredBy = msg.sender;
        _powersOfGrantor[r.grantorRef].push(id);
        _powersOfAttorney[r.attorneyRef].push(id);
        _powersOfPair[_pairKey(r.grantorRef, r.attorneyRef)].push(id);
        emit PowerRegistered(
            id,
            r.grantorRef,
            r.attorneyRef,
            r.powerType,
            r.scope,
            r.actions,
            r.origin,
            r.validUntil,
            r.docHash,
            r.subDelegation,
            status
        );
        if (parentId != 0) emit PowerDelegated(id, parentId);
    }

    function _checkScope(PowerType powerType, bytes32[] memory scope) private pure {
        if (powerType == PowerType.GENERAL) {
            if (scope.length != 0) revert InvalidScope(powerType, 0);
            return;
        }
        if (scope.length == 0 || scope.length > MAX_SCOPE) revert InvalidScope(powerType, scope.length);
        for (uint256 i = 0; i < scope.length; i++) {
            bytes32 administration = scope[i] & ADMINISTRATION_MASK;
            bool local = scope[i] != administration;
            // An administration id has its low half empty; a procedure code has both halves set.
            if (administration == bytes32(0) || local != (powerType == PowerType.PROCEDURES)) {
                revert InvalidScope(powerType, i);
            }
        }
    }

    function _activate(Power storage p) private {
        Status from = p.status;
        p.status = Status.ACTIVE;
        p.activatedAt = uint64(block.timestamp);
        emit PowerStatusChanged(p.id, from, Status.ACTIVE, msg.sender);
    }

    function _end(Power storage p, Status to) private {
        Status from = p.status;
        p.status = to;
        p.endedAt = uint64(block.timestamp);
        emit PowerStatusChanged(p.id, from, to, msg.sender);
    }

    /// The status as of now: a live power whose validity has passed reads EXPIRED.
    function _statusOf(Power storage p) private view returns (Status s) {
        s = p.status;
        if (s <= Status.ACTIVE && block.timestamp > p.validUntil) s = Status.EXPIRED;
    }

    /// Whether `p` authorised acts at `time`, by its history (activation, end, validity) and,
    /// for a sub-delegated power, the one it derives from.
    function _validityAt(Power storage p, uint64 time) private view returns (Refusal) {
        if (p.activatedAt == 0 || time < p.activatedAt) {
            if (p.endedAt != 0 && time >= p.endedAt) return _endReason(p.status);
            return time > p.validUntil ? Refusal.EXPIRED : Refusal.NOT_ACTIVE_YET;
        }
        if (p.endedAt != 0 && time >= p.endedAt) return _endReason(p.status);
        if (time > p.validUntil) return Refusal.EXPIRED;
        if (p.parentId != 0 && _validityAt(_powers[p.parentId], time) != Refusal.AUTHORIZED) {
            return Refusal.DELEGATING_POWER_ENDED;
        }
        return Refusal.AUTHORIZED;
    }

    /// What one power says about a request, and how close it came (scope 1, action 2, validity 3).
    function _judge(Power storage p, bytes32 procedure, Action action, uint64 time)
        private
        view
        returns (Refusal, uint8)
    {
        if (!_covers(p, procedure)) return (Refusal.PROCEDURE_NOT_IN_SCOPE, 1);
        if (p.actions & (uint8(1) << uint8(action)) == 0) return (Refusal.ACTION_NOT_GRANTED, 2);
        return (_validityAt(p, time), 3);
    }

    function _endReason(Status s) private pure returns (Refusal) {
        if (s == Status.REVOKED) return Refusal.REVOKED;
        if (s == Status.RENOUNCED) return Refusal.RENOUNCED;
        if (s == Status.REJECTED) return Refusal.REJECTED;
        return Refusal.TERMINATED;
    }

    function _covers(Power storage p, bytes32 procedure) private view returns (bool) {
        if (p.powerType == PowerType.GENERAL) return true;
        bytes32 target = p.powerType == PowerType.ADMINISTRATION ? administrationOf(procedure) : procedure;
        bytes32[] storage scope = p.scope;
        for (uint256 i = 0; i < scope.length; i++) {
            if (scope[i] == target) return true;
        }
        return false;
    }

    /// Refuses `p` if another representative of the same grantor holds an ACTIVE, unexpired power
    /// whose scope overlaps it (the one-representative rule; see the contract's notice).
    function _checkExclusive(Power storage p) private view {
        uint256[] storage ids = _powersOfGrantor[p.grantorRef];
        uint256 root = _rootOf(p);
        for (uint256 i = 0; i < ids.length; i++) {
            Power storage q = _powers[ids[i]];
            if (q.id == p.id || q.attorneyRef == p.attorneyRef || _rootOf(q) == root) continue;
            if (_statusOf(q) != Status.ACTIVE) continue;
            if (_overlaps(p, q)) revert RepresentativeConflict(q.id);
        }
    }

    function _rootOf(Power storage p) private view returns (uint256) {
        return p.parentId == 0 ? p.id : p.parentId;
    }

    function _overlaps(Power storage a, Power storage b) private view returns (bool) {
        if (a.powerType == PowerType.GENERAL || b.powerType == PowerType.GENERAL) return true;
        for (uint256 i = 0; i < a.scope.length; i++) {
            for (uint256 j = 0; j < b.scope.length; j++) {
                bytes32 x = a.scope[i];
                bytes32 y = b.scope[j];
                if (a.powerType == PowerType.ADMINISTRATION) y = administrationOf(y);
                if (b.powerType == PowerType.ADMINISTRATION) x = administrationOf(x);
                if (x == y) return true;
            }
        }
        return false;
    }

    function _pairKey(bytes32 grantorRef, bytes32 attorneyRef) private pure returns (bytes32) {
        return keccak256(abi.encode(grantorRef, attorneyRef));
    }
}
