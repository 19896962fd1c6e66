// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// The part of the identity registry a governed service reads.
interface IRegistryGovernance {
    function isNetworkAdmin(address account) external view returns (bool);
    function quorum() external view returns (uint256);
    /// 4 (ADMIN) for a network admin whose certificate, if bound, is still valid.
    function accessLevelOf(address account) external view returns (uint8);
}

/// @title Governance of a Civitas service by the network admins' quorum
/// @notice A service's own administration (who accredits issuers, who is a registry official...)
/// changes only as the identity registry's network administration does: a network admin proposes a
/// call to the service, other admins approve, and once approvals by current admins reach the
/// registry's quorum any admin executes it. Functions meant for that path use `onlyByQuorum`.
abstract contract RegistryGoverned {
    uint8 private constant ADMIN_LEVEL = 4;

    struct GovernanceProposal {
        bytes data;
        address proposer;
        bool executed;
        address[] approvers;
    }

    /// The identity registry whose network admins and quorum govern this service.
    IRegistryGovernance public immutable identityRegistry;
    uint256 public governanceProposalCount;
    mapping(bytes32 => GovernanceProposal) private _governance;

    event GovernanceProposed(bytes32 indexed id, address indexed proposer, bytes data);
    event GovernanceApproved(bytes32 indexed id, address indexed admin, uint256 approvals);
    event GovernanceExecuted(bytes32 indexed id, address indexed executor);

    error NotActiveNetworkAdmin(address caller);
    error OnlyByQuorum(address caller);
    error UnknownGovernanceProposal(bytes32 id);
    error GovernanceAlreadyExecuted(bytes32 id);
    error GovernanceAlreadyApproved(bytes32 id, address admin);
    error GovernanceQuorumNotReached(bytes32 id, uint256 approvals, uint256 quorum);

    constructor(address registry) {
        identityRegistry = IRegistryGovernance(registry);
    }

    modifier onlyActiveNetworkAdmin() {
        if (!_isActiveAdmin(msg.sender)) revert NotActiveNetworkAdmin(msg.sender);
        _;
    }

    /// For functions that only a quorum-approved governance proposal may call.
    modifier onlyByQuorum() {
        if (msg.sender != address(this)) revert OnlyByQuorum(msg.sender);
        _;
    }

    /// @notice Proposes a call to this contract (ABI-encoded `data`); the proposer's approval counts.
    function proposeGovernance(bytes calldata data) external onlyActiveNetworkAdmin returns (bytes32 id) {
        id = keccak256(abi.encode(block.chainid, address(this), governanceProposalCount, data));
        governanceProposalCount += 1;
        GovernanceProposal storage p = _governance[id];
        p.data = data;
        p.proposer = msg.sender;
        p.approvers.push(msg.sender);
        emit GovernanceProposed(id, msg.sender, data);
        emit GovernanceApproved(id, msg.sender, 1);
    }

    /// @notice Approves a governance proposal, once per admin.
    function approveGovernance(bytes32 id) external onlyActiveNetworkAdmin {
        GovernanceProposal storage p = _openGovernance(id);
        for (uint256 i = 0; i < p.approvers.length; i++) {
            if (p.approvers[i] == msg.sender) revert GovernanceAlreadyApproved(id, msg.sender);
        }
        p.approvers.push(msg.sender);
        emit GovernanceApproved(id, msg.sender, p.approvers.length);
    }

    /// @notice Executes a proposal approved by the registry's quorum of current, active admins.
    /// A revert of the proposed call is passed on unchanged.
    function executeGovernance(bytes32 id) external onlyActiveNetworkAdmin {
        GovernanceProposal storage p = _openGovernance(id);
        uint256 approvals = governanceApprovals(id);
        uint256 needed = identityRegistry.quorum();
        if (approvals < needed) revert GovernanceQuorumNotReached(id, approvals, needed);
        p.executed = true;
        (bool ok, bytes memory result) = address(this).call(p.data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        emit GovernanceExecuted(id, msg.sender);
    }

    /// @notice Approvals of a proposal by admins who are still active network admins.
    function governanceApprovals(bytes32 id) public view returns (uint256 approvals) {
        address[] storage approvers = _governance[id].approvers;
        for (uint256 i = 0; i < approvers.length; i++) {
            if (_isActiveAdmin(approvers[i])) approvals++;
        }
    }

    /// @notice A proposal's call data, proposer, state and approvers.
    function governanceProposalOf(bytes32 id) external view returns (GovernanceProposal memory) {
        return _governance[id];
    }

    function _openGovernance(bytes32 id) private view returns (GovernanceProposal storage p) {
        p = _governance[id];
        if (p.proposer == address(0)) revert UnknownGovernanceProposal(id);
        if (p.executed) revert GovernanceAlreadyExecuted(id);
    }

    function _isActiveAdmin(address account) internal view returns (bool) {
        return identityRegistry.isNetworkAdmin(account) && identityRegistry.accessLevelOf(account) == ADMIN_LEVEL;
    }
}
