// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// The part of the representation forwarder a recipient reads during a forwarded call.
interface IRepresentationContext {
    function currentRepresentation()
        external
        view
        returns (address attorney, address grantor, bytes32 procedure, uint8 action);
}

/// @title A minimal service that accepts applications, directly or through an attorney
/// @notice Shows how a service accepts acts on someone's behalf: it trusts the representation
/// forwarder (ERC-2771), takes the applicant from `_msgSender()` (the grantor when the forwarder
/// calls) and records who filed (the attorney). A forwarded call must have been authorised for this
/// very procedure and the FILE_APPLICATION action.
contract ApplicationDesk {
    /// PowerOfAttorney.Action.FILE_APPLICATION.
    uint8 public constant FILE_APPLICATION = 0;

    struct Application {
        /// On whose behalf (the grantor, or the filer himself).
        address applicant;
        /// Who sent it (the attorney through the forwarder, or the applicant).
        address filer;
        bytes32 procedure;
        /// Hash of the application's documents (kept off chain).
        bytes32 docHash;
        uint64 filedAt;
    }

    address public immutable trustedForwarder;
    uint256 public applicationCount;
    mapping(uint256 => Application) private _applications;

    event ApplicationFiled(
        uint256 indexed id, address indexed applicant, address indexed filer, bytes32 procedure, bytes32 docHash
    );

    error RepresentationMismatch(bytes32 authorisedProcedure, uint8 authorisedAction);
    error UnknownApplication(uint256 id);

    constructor(address forwarder) {
        trustedForwarder = forwarder;
    }

    /// @notice ERC-2771: whether `forwarder` may speak for its callers.
    function isTrustedForwarder(address forwarder) public view returns (bool) {
        return forwarder == trustedForwarder;
    }

    /// @notice Files an application in `procedure` (directly, or by an attorney through the forwarder).
    function fileApplication(bytes32 procedure, bytes32 docHash) external returns (uint256 id) {
        address applicant = _msgSender();
        address filer = msg.sender;
        if (applicant != msg.sender) {
            (address attorney,, bytes32 authorisedProcedure, uint8 action) =
                IRepresentationContext(msg.sender).currentRepresentation();
            if (authorisedProcedure != procedure || action != FILE_APPLICATION) {
                revert RepresentationMismatch(authorisedProcedure, action);
            }
            filer = attorney;
        }
        id = ++applicationCount;
        _applications[id] = Application(applicant, filer, procedure, docHash, uint64(block.timestamp));
        emit ApplicationFiled(id, applicant, filer, procedure, docHash);
    }

    /// @notice An application by id.
    function applicationOf(uint256 id) external view returns (Application memory a) {
        a = _applications[id];
        if (a.filedAt == 0) revert UnknownApplication(id);
    }

    /// The ERC-2771 sender: the address the trusted forwarder appended, else the caller.
    function _msgSender() private view returns (address sender) {
        if (isTrustedForwarder(msg.sender) && msg.data.length >= 20) {
            return address(bytes20(msg.data[msg.data.length - 20:]));
        }
        return msg.sender;
    }
}
