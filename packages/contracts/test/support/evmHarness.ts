// Runs contracts on the node's own EVM (EthereumJS with the Civitas chain rules), in process:
// deploy, call, send signed transactions from test accounts, decode events and custom errors.
import { createChainCommon } from "@civitas/node";
import { createBlock } from "@ethereumjs/block";
import type { Common } from "@ethereumjs/common";
import { createFeeMarket1559Tx } from "@ethereumjs/tx";
import { createAddressFromString } from "@ethereumjs/util";
import { createVM, runTx, type VM } from "@ethereumjs/vm";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  decodeErrorResult,
  decodeEventLog,
  decodeFunctionResult,
  encodeDeployData,
  encodeFunctionData,
  getAddress,
  type Hex,
  toHex,
} from "viem";

/** A test account with its private key. */
export interface TestAccount {
  readonly address: Address;
  readonly privateKey: Uint8Array;
}

/** A decoded event of a transaction. */
export interface DecodedEvent {
  readonly address: Address;
  readonly eventName: string;
  readonly args: Record<string, unknown>;
}

/** A mined transaction's outcome. */
export interface TxOutcome {
  readonly gasUsed: bigint;
  /** Address of the created contract, for a deployment. */
  readonly createdAddress?: Address;
  /** Events decoded with the ABI the transaction was sent with. */
  readonly events: readonly DecodedEvent[];
}

/** A contract call or transaction that reverted, with its custom error decoded. */
export class ContractRevertError extends Error {
  readonly errorName: string;
  readonly args: readonly unknown[];
  readonly data: Hex;
  constructor(errorName: string, args: readonly unknown[], data: Hex) {
    super(`reverted with ${errorName}(${args.map(String).join(", ")})`);
    this.name = "ContractRevertError";
    this.errorName = errorName;
    this.args = args;
    this.data = data;
  }
}

type WriteName<A extends Abi> = ContractFunctionName<A, "nonpayable" | "payable">;
type ReadName<A extends Abi> = ContractFunctionName<A, "view" | "pure">;

/** A call of function `functionName` of the contract at `to`. */
export interface ContractCall<A extends Abi, F extends string, Args> {
  readonly abi: A;
  readonly to: Address;
  readonly functionName: F;
  readonly args: Args;
}

/** The in-process EVM and the chain state the tests act on. */
export interface EvmHarness {
  readonly vm: VM;
  readonly common: Common;
  readonly chainId: bigint;
  /** Timestamp (unix seconds) of the block the next transaction or call runs in. */
  time: bigint;
  /** A deterministic funded-free account (gas is free on Civitas), by index. */
  account(index: number): TestAccount;
  /** Deploys `bytecode` with constructor `args`; returns the contract address. */
  deploy<const A extends Abi>(
    from: TestAccount,
    contract: { abi: A; bytecode: Hex },
    args: readonly unknown[],
  ): Promise<Address>;
  /** Sends a signed transaction calling `functionName`; throws {@link ContractRevertError} on revert. */
  send<const A extends Abi, F extends WriteName<A>>(
    from: TestAccount,
    call: ContractCall<A, F, ContractFunctionArgs<A, "nonpayable" | "payable", F>>,
  ): Promise<TxOutcome>;
  /** Calls a view function; throws {@link ContractRevertError} on revert. */
  read<const A extends Abi, F extends ReadName<A>>(
    call: ContractCall<A, F, ContractFunctionArgs<A, "view" | "pure", F>>,
  ): Promise<ContractFunctionReturnType<A, "view" | "pure", F>>;
}

/** Block gas limit, and each transaction's: the EIP-7825 cap (Osaka), so a test uses what a real transaction may. */
const BLOCK_GAS_LIMIT = 30_000_000n;
const TX_GAS_LIMIT = 16_777_216n;

/** Creates a fresh chain state with the node's execution rules for `chainId` (default 1337). */
export async function createEvmHarness(chainId = 1337n): Promise<EvmHarness> {
  const common = createChainCommon(chainId);
  const vm = await createVM({ common });
  const nonces = new Map<Address, bigint>();
  let blockNumber = 1n;

  const account = (index: number): TestAccount => {
    const privateKey = keccak_256(new TextEncoder().encode(`civitas test account ${index}`));
    const publicKey = secp256k1.getPublicKey(privateKey, false);
    const address = getAddress(toHex(keccak_256(publicKey.subarray(1)).subarray(12)));
    return { address, privateKey };
  };

  const harness: EvmHarness = {
    vm,
    common,
    chainId,
    time: BigInt(Math.floor(Date.now() / 1000)),
    account,
    async deploy(from, contract, args) {
      const data = encodeDeployData({ abi: contract.abi as Abi, bytecode: contract.bytecode, args });
      const outcome = await transact(from, undefined, data, contract.abi);
      if (outcome.createdAddress === undefined) throw new Error("deployment created no contract");
      return outcome.createdAddress;
    },
    async send(from, call) {
      const data = encodeFunctionData({
        abi: call.abi as Abi,
        functionName: call.functionName as string,
        args: call.args as readonly unknown[],
      });
      return transact(from, call.to, data, call.abi);
    },
    async read(call) {
      const data = encodeFunctionData({
        abi: call.abi as Abi,
        functionName: call.functionName as string,
        args: call.args as readonly unknown[],
      });
      const result = await vm.evm.runCall({
        to: createAddressFromString(call.to),
        data: hexBytes(data),
        gasLimit: TX_GAS_LIMIT,
        block: nextBlock(),
      });
      const output = toHex(result.execResult.returnValue);
      if (result.execResult.exceptionError)
        throw revertError(call.abi, output, result.execResult.exceptionError.error);
      return decodeFunctionResult({
        abi: call.abi as Abi,
        functionName: call.functionName as string,
        data: output,
      }) as never;
    },
  };

  function nextBlock() {
    return createBlock(
      {
        header: {
          number: blockNumber,
          timestamp: harness.time,
          gasLimit: BLOCK_GAS_LIMIT,
          baseFeePerGas: 0n,
        },
      },
      { common },
    );
  }

  async function transact(
    from: TestAccount,
    to: Address | undefined,
    data: Hex,
    abi: Abi,
  ): Promise<TxOutcome> {
    const nonce = nonces.get(from.address) ?? 0n;
    const tx = createFeeMarket1559Tx(
      { chainId, nonce, to, data, gasLimit: TX_GAS_LIMIT, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n },
      { common },
    ).sign(from.privateKey);
    const result = await runTx(vm, { tx, block: nextBlock(), skipHardForkValidation: true });
    nonces.set(from.address, nonce + 1n);
    blockNumber += 1n;
    const output = toHex(result.execResult.returnValue);
    if (result.execResult.exceptionError)
      throw revertError(abi, output, result.execResult.exceptionError.error);
    const events = result.receipt.logs.map(([address, topics, logData]) => {
      const decoded = decodeEventLog({
        abi,
        data: toHex(logData),
        topics: topics.map((t) => toHex(t)) as [Hex, ...Hex[]],
      });
      return {
        address: getAddress(toHex(address)),
        eventName: String(decoded.eventName),
        args: decoded.args as unknown as Record<string, unknown>,
      };
    });
    return {
      gasUsed: result.totalGasSpent,
      events,
      ...(result.createdAddress ? { createdAddress: getAddress(result.createdAddress.toString()) } : {}),
    };
  }

  return harness;
}

function hexBytes(hex: Hex): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), "hex"));
}

function revertError(abi: Abi, output: Hex, error: string): Error {
  if (error !== "revert") return new Error(`execution failed: ${error}`);
  if (output === "0x") return new ContractRevertError("(no data)", [], output);
  try {
    const decoded = decodeErrorResult({ abi, data: output });
    return new ContractRevertError(decoded.errorName, decoded.args ?? [], output);
  } catch {
    return new ContractRevertError("(unknown error)", [], output);
  }
}

/** Awaits `action` and checks that it reverted with custom error `errorName`; returns the error's arguments. */
export async function expectRevert(action: Promise<unknown>, errorName: string): Promise<readonly unknown[]> {
  try {
    await action;
  } catch (err) {
    if (err instanceof ContractRevertError && err.errorName === errorName) return err.args;
    throw new Error(`expected a revert with ${errorName}, got: ${(err as Error).message}`, { cause: err });
  }
  throw new Error(`expected a revert with ${errorName}, but it succeeded`);
}
