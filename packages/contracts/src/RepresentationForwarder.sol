// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {PowerOfAttorney} from "./PowerOfAttorney.sol";

/// @title ERC-2771 forwarder for acting on someone's behalf
/// @notice An attorney signs a `ForwardRequest` (EIP-712) naming the grantor, the procedure and the
/// action; anyone (a relayer) submits it with `execute`. The forwarder checks the attorney's
/// signature, nonce and deadline, then asks the power-of-attorney registry whether the attorney may
/// do that action in that procedure for the grantor now (the grantor may always act himself), and
/// calls the target with the grantor's address appended to the call data, as ERC-2771 specifies:
/// a recipient that trusts this forwarder reads the grantor as `_msgSender()`. During the call,
/// `currentRepresentation()` tells the recipient who filed (the attorney) and which procedure and
/// action were authorised, so it can refuse a call that does something else.
contract RepresentationForwarder {
    struct ForwardRequest {
        /// The signer: the attorney (or the grantor acting himself).
        address from;
        /// On whose behalf: `_msgSender()` of the target.
        address grantor;
        address to;
        bytes32 procedure;
        /// A PowerOfAttorney.Action.
        uint8 action;
        uint256 value;
        /// Gas the target call gets.
        uint256 gas;
        /// The signer's next nonce (`nonces(from)`): each request is used once, in order.
        uint256 nonce;
        /// Last second (block time) the request may be executed.
        uint64 deadline;
        bytes data;
    }

    bytes32 public constant FORWARD_REQUEST_TYPEHASH = keccak256(
        "ForwardRequest(address from,address grantor,address to,bytes32 procedure,uint8 action,uint256 value,uint256 gas,uint256 nonce,uint64 deadline,bytes data)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant DOMAIN_NAME_HASH = keccak256("Civitas Representation Forwarder");
    bytes32 private constant DOMAIN_VERSION_HASH = keccak256("1");
    uint256 private constant SECP256K1_HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    uint8 private constant ACTION_COUNT = 8;

    PowerOfAttorney public immutable powerOfAttorney;
    mapping(address => uint256) public nonces;

    // The request being executed, for the target to read (cleared when the call returns).
    address private transient _attorney;
    address private transient _grantor;
    bytes32 private transient _procedure;
    uint8 private transient _action;

    event RequestExecuted(
        address indexed attorney,
        address indexed grantor,
        address indexed to,
        bytes32 procedure,
        uint8 action,
        uint256 nonce,
        uint256 powerId
    );

    error RequestExpired(uint64 deadline);
    error InvalidSigner(address signer, address from);
    error InvalidNonce(address from, uint256 expected);
    error InvalidAction(uint8 action);
    error NotAuthorized(
        address grantor, address attorney, bytes32 procedure, uint8 action, PowerOfAttorney.Refusal reason
    );
    error UntrustedTarget(address to);
    error ValueMismatch(uint256 requested, uint256 sent);
    error ZeroAddress();

    constructor(address powerOfAttorney_) {
        if (powerOfAttorney_ == address(0)) revert ZeroAddress();
        powerOfAttorney = PowerOfAttorney(powerOfAttorney_);
    }

    /// @notice Executes a signed request: the target runs with `_msgSender()` = the grantor. A
    /// refusal of the target is passed on unchanged.
    function execute(ForwardRequest calldata request, bytes calldata signature)
        external
        payable
        returns (bytes memory result)
    {
        if (msg.value != request.value) revert ValueMismatch(request.value, msg.value);
        uint256 powerId = _check(request, signature);
        nonces[request.from] = request.nonce + 1;

        (address attorney, address grantor, bytes32 procedure, uint8 action) =
            (_attorney, _grantor, _procedure, _action);
        (_attorney, _grantor, _procedure, _action) = (request.from, request.grantor, request.procedure, request.action);
        bool ok;
        (ok, result) =
            request.to.call{gas: request.gas, value: request.value}(abi.encodePacked(request.data, request.grantor));
        (_attorney, _grantor, _procedure, _action) = (attorney, grantor, procedure, action);
        // As OpenZeppelin's forwarder does: if the relayer gave too little gas for the call to get
        // `request.gas` (EIP-150 keeps 1/64 back), fail the whole transaction rather than record
        // the request as used after an out-of-gas the signer did not ask for.
        if (gasleft() < request.gas / 63) {
            assembly {
                invalid()
            }
        }
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        emit RequestExecuted(
            request.from, request.grantor, request.to, request.procedure, request.action, request.nonce, powerId
        );
    }

    /// @notice Whether `execute` would accept the request now (signature, nonce, deadline, target,
    /// authorisation); reverts with the same error `execute` would.
    function verify(ForwardRequest calldata request, bytes calldata signature) external view returns (uint256 powerId) {
        return _check(request, signature);
    }

    /// @notice The request being executed: who acts, for whom, in which procedure, doing what.
    /// All zero outside a forwarded call.
    function currentRepresentation()
        external
        view
        returns (address attorney, address grantor, bytes32 procedure, uint8 action)
    {
        return (_attorney, _grantor, _procedure, _action);
    }

    /// @notice EIP-712 domain separator ("Civitas Representation Forwarder", "1", this chain, this address).
    function domainSeparator() public view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, DOMAIN_NAME_HASH, DOMAIN_VERSION_HASH, block.chainid, address(this))
        );
    }

    /// @notice The EIP-712 digest the signer signs for `request`.
    function digest(ForwardRequest calldata request) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                FORWARD_REQUEST_TYPEHASH,
                request.from,
                request.grantor,
                request.to,
                request.procedure,
                request.action,
                request.value,
                request.gas,
                request.nonce,
                request.deadline,
                keccak256(request.data)
            )
        );
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    function _check(ForwardRequest calldata request, bytes calldata signature) private view returns (uint256 powerId) {
        if (block.timestamp > request.deadline) revert RequestExpired(request.deadline);
        address signer = _recover(digest(request), signature);
        if (signer != request.from || signer == address(0)) revert InvalidSigner(signer, request.from);
        if (request.nonce != nonces[request.from]) revert InvalidNonce(request.from, nonces[request.from]);
        if (request.action >= ACTION_COUNT) revert InvalidAction(request.action);
        if (request.grantor == address(0)) revert ZeroAddress();
        if (!_trustedBy(request.to)) revert UntrustedTarget(request.to);
        if (request.from != request.grantor) {
            (bool ok, PowerOfAttorney.Refusal reason, uint256 id) = powerOfAttorney.authorization(
                request.grantor,
                request.from,
                request.procedure,
                PowerOfAttorney.Action(request.action),
                uint64(block.timestamp)
            );
            if (!ok) revert NotAuthorized(request.grantor, request.from, request.procedure, request.action, reason);
            powerId = id;
        }
    }

    function _recover(bytes32 hash, bytes calldata signature) private pure returns (address) {
        if (signature.length != 65) return address(0);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > SECP256K1_HALF_N || (v != 27 && v != 28)) return address(0);
        return ecrecover(hash, v, r, s);
    }

    /// Whether the target declares this forwarder trusted (ERC-2771 `isTrustedForwarder`).
    function _trustedBy(address target) private view returns (bool) {
        (bool ok, bytes memory answer) =
            target.staticcall(abi.encodeWithSignature("isTrustedForwarder(address)", address(this)));
        return ok && answer.length >= 32 && abi.decode(answer, (bool));
    }
}
