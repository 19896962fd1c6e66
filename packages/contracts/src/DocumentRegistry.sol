// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// The part of the trusted-issuers registry the document registry reads.
interface ITrustedIssuers {
    function isOperator(bytes32 issuerId, address account) external view returns (bool);
    function keyValidAt(bytes32 issuerId, bytes32 keyId, uint64 time) external view returns (bool);
    function accreditedAt(bytes32 issuerId, bytes32 docType, uint64 time) external view returns (bool);
}

/// @title Civitas document registry
/// @notice Anchors of official-document batches and the issuers' status lists (DOMAIN §3). The
/// documents themselves (W3C Verifiable Credentials) stay with their holders: the chain holds the
/// Merkle root of each issued batch (one transaction per batch), when it was anchored and by
/// which issuer, and per issuer two Bitstring Status Lists of LIST_SIZE bits — REVOCATION (final)
/// and SUSPENSION (reversible) — at indexes the issuer assigns at random.
///
/// Bit order is the W3C Bitstring Status List's: index i is bit (255 - i % 256) of word i / 256,
/// so the 512 words written big-endian one after the other are the list's bitstring.
///
/// Storage layout (what offline proofs read with eth_getProof; tested against solc's own layout):
///   slot 0  _anchors  mapping(bytes32 root => Anchor): issuerId at A = keccak256(root . 0),
///           anchoredAt | blockNumber << 64 | count << 128 at A + 1
///   slot 1  _status   mapping(bytes32 issuerId => uint256[512][2]): word w of list `purpose` at
///           keccak256(issuerId . 1) + 512 * purpose + w
///   slot 2  anchorCount
contract DocumentRegistry {
    struct Anchor {
        bytes32 issuerId;
        /// Block time of the anchoring transaction (unix seconds).
        uint64 anchoredAt;
        uint64 blockNumber;
        /// Documents in the batch, as the issuer declared.
        uint32 count;
    }

    /// What a verifier needs to know about one document, in one call.
    struct FactsQuery {
        bytes32 root;
        bytes32 issuerId;
        bytes32 keyId;
        bytes32 docType;
        uint32 statusIndex;
    }

    struct Facts {
        /// The anchor of `root` (anchoredAt = 0 if not anchored).
        Anchor anchor;
        /// Whether the queried issuer's key was valid, and the issuer accredited for the type, at
        /// the anchor's time (false if not anchored).
        bool keyValidAtAnchor;
        bool accreditedAtAnchor;
        bool revoked;
        bool suspended;
    }

    uint8 public constant REVOCATION = 0;
    uint8 public constant SUSPENSION = 1;
    /// Entries of each status list (the Bitstring Status List minimum, 16 KiB).
    uint32 public constant LIST_SIZE = 131072;
    uint256 public constant LIST_WORDS = 512;

    /// The identity registry whose members the trusted issuers' operators are.
    address public immutable identityRegistry;
    ITrustedIssuers public immutable trustedIssuers;

    mapping(bytes32 => Anchor) private _anchors;
    mapping(bytes32 => uint256[512][2]) private _status;
    uint256 public anchorCount;

    event BatchAnchored(
        bytes32 indexed root, bytes32 indexed issuerId, uint32 count, uint64 anchoredAt, address operator
    );
    event StatusChanged(
        bytes32 indexed issuerId, uint8 indexed purpose, uint32[] indexes, bool value, address operator
    );

    error ZeroAddress();
    error ZeroIdentifier();
    error EmptyBatch();
    error NotIssuerOperator(bytes32 issuerId, address caller);
    error AlreadyAnchored(bytes32 root, bytes32 issuerId, uint64 anchoredAt);
    error InvalidPurpose(uint8 purpose);
    error IndexOutOfRange(uint32 index);
    error WordOutOfRange(uint256 wordIndex);
    error RevocationIsFinal(bytes32 issuerId, uint32 index);

    constructor(address registry, address issuers) {
        if (registry == address(0) || issuers == address(0)) revert ZeroAddress();
        identityRegistry = registry;
        trustedIssuers = ITrustedIssuers(issuers);
    }

    modifier onlyOperator(bytes32 issuerId) {
        if (!trustedIssuers.isOperator(issuerId, msg.sender)) revert NotIssuerOperator(issuerId, msg.sender);
        _;
    }

    // ---------------------------------------------------------------- writes

    /// @notice Anchors the Merkle root of a batch of `count` documents issued by `issuerId` (sender:
    /// one of its operators). A root is anchored once: its time never changes.
    function anchor(bytes32 issuerId, bytes32 root, uint32 count) external onlyOperator(issuerId) {
        if (root == bytes32(0) || issuerId == bytes32(0)) revert ZeroIdentifier();
        if (count == 0) revert EmptyBatch();
        Anchor storage a = _anchors[root];
        if (a.anchoredAt != 0) revert AlreadyAnchored(root, a.issuerId, a.anchoredAt);
        _anchors[root] = Anchor({
            issuerId: issuerId,
            anchoredAt: uint64(block.timestamp),
            blockNumber: uint64(block.number),
            count: count
        });
        anchorCount += 1;
        emit BatchAnchored(root, issuerId, count, uint64(block.timestamp), msg.sender);
    }

    /// @notice Sets (`value` true) or clears entries of an issuer's status list (sender: one of its
    /// operators). A revocation is final: clearing a set REVOCATION bit is refused; SUSPENSION
    /// bits may be set and cleared.
    function setStatus(bytes32 issuerId, uint8 purpose, uint32[] calldata indexes, bool value)
        external
        onlyOperator(issuerId)
    {
        if (purpose > SUSPENSION) revert InvalidPurpose(purpose);
        uint256[512] storage list = _status[issuerId][purpose];
        for (uint256 i = 0; i < indexes.length; i++) {
            uint32 index = indexes[i];
            if (index >= LIST_SIZE) revert IndexOutOfRange(index);
            uint256 mask = _mask(index);
            uint256 word = list[index >> 8];
            if (value) {
                list[index >> 8] = word | mask;
            } else {
                if (purpose == REVOCATION && word & mask != 0) revert RevocationIsFinal(issuerId, index);
                list[index >> 8] = word & ~mask;
            }
        }
        emit StatusChanged(issuerId, purpose, indexes, value, msg.sender);
    }

    // ---------------------------------------------------------------- views

    /// @notice The anchor of a batch root (anchoredAt = 0 if it was never anchored).
    function anchorOf(bytes32 root) external view returns (Anchor memory) {
        return _anchors[root];
    }

    /// @notice Entry `index` of an issuer's status list (`purpose` REVOCATION or SUSPENSION).
    function statusOf(bytes32 issuerId, uint8 purpose, uint32 index) public view returns (bool) {
        if (purpose > SUSPENSION) revert InvalidPurpose(purpose);
        if (index >= LIST_SIZE) revert IndexOutOfRange(index);
        return _status[issuerId][purpose][index >> 8] & _mask(index) != 0;
    }

    /// @notice Word `wordIndex` (0–511) of an issuer's status list: entries 256·w … 256·w + 255,
    /// the first in the most significant bit.
    function statusWord(bytes32 issuerId, uint8 purpose, uint256 wordIndex) external view returns (uint256) {
        if (purpose > SUSPENSION) revert InvalidPurpose(purpose);
        if (wordIndex >= LIST_WORDS) revert WordOutOfRange(wordIndex);
        return _status[issuerId][purpose][wordIndex];
    }

    /// @notice A whole status list, as the W3C bitstring (16 KiB) to publish in a status-list credential.
    function statusList(bytes32 issuerId, uint8 purpose) external view returns (uint256[512] memory) {
        if (purpose > SUSPENSION) revert InvalidPurpose(purpose);
        return _status[issuerId][purpose];
    }

    /// @notice Everything a verifier asks the chain about one document.
    function documentFacts(FactsQuery calldata q) public view returns (Facts memory f) {
        if (q.statusIndex >= LIST_SIZE) revert IndexOutOfRange(q.statusIndex);
        f.anchor = _anchors[q.root];
        if (f.anchor.anchoredAt != 0) {
            f.keyValidAtAnchor = trustedIssuers.keyValidAt(q.issuerId, q.keyId, f.anchor.anchoredAt);
            f.accreditedAtAnchor = trustedIssuers.accreditedAt(q.issuerId, q.docType, f.anchor.anchoredAt);
        }
        uint256 mask = _mask(q.statusIndex);
        uint256 w = q.statusIndex >> 8;
        f.revoked = _status[q.issuerId][REVOCATION][w] & mask != 0;
        f.suspended = _status[q.issuerId][SUSPENSION][w] & mask != 0;
    }

    /// @notice `documentFacts` for several documents in one call.
    function documentFactsBatch(FactsQuery[] calldata qs) external view returns (Facts[] memory out) {
        out = new Facts[](qs.length);
        for (uint256 i = 0; i < qs.length; i++) {
            out[i] = documentFacts(qs[i]);
        }
    }

    function _mask(uint32 index) private pure returns (uint256) {
        return uint256(1) << (255 - (index & 255));
    }
}
