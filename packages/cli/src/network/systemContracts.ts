// The system contracts of a network's genesis state: each constructor runs once, here, on the
// node's own EVM rules, and what it leaves (runtime code with its immutables, storage) is placed
// at the contract's fixed address, so the network starts with it deployed and bootstrapped.

import { IDENTITY_REGISTRY_ADDRESS, IdentityRegistry } from "@civitas/contracts";
import { createChainCommon } from "@civitas/node";
import type { InterpreterStep } from "@ethereumjs/evm";
import {
  bigIntToBytes,
  bytesToHex,
  createAddressFromString,
  hexToBytes,
  setLengthLeft,
} from "@ethereumjs/util";
import { createVM } from "@ethereumjs/vm";
import { type Address, decodeErrorResult, encodeDeployData, type Hex } from "viem";

/** How the identity registry starts: its constructor's arguments. */
export interface IdentityRegistryBootstrap {
  /** The first network admins. */
  readonly admins: readonly Address[];
  /** Approvals an administration change needs (at least 2, at most the number of admins). */
  readonly quorum: number;
  readonly registrars: readonly Address[];
  /** SHA-256 of the root CA certificate's DER, 0x-prefixed. */
  readonly rootCaFingerprint: Hex;
  /** SHA-256 fingerprints of the intermediate CAs whose certificates members may hold. */
  readonly issuerFingerprints: readonly Hex[];
}

/** A genesis `alloc` entry of a contract. */
export interface GenesisContractAlloc {
  readonly balance: "0x0";
  readonly code: Hex;
  /** 32-byte slot → 32-byte value, every slot the constructor left non-zero. */
  readonly storage: Readonly<Record<Hex, Hex>>;
}

/** Who runs the constructors: any account does, gas is free and the caller is not stored. */
const DEPLOYER = "0x000000000000000000000000000000000000c1de";
const CONSTRUCTOR_GAS = 30_000_000n;

/**
 * Runs the IdentityRegistry constructor with `bootstrap` on the chain rules of `chainId` and
 * returns the genesis alloc entry for {@link IDENTITY_REGISTRY_ADDRESS}. Throws if the
 * constructor reverts (e.g. a quorum the admins cannot reach), naming the contract's error.
 */
export async function createIdentityRegistryAlloc(
  chainId: bigint,
  bootstrap: IdentityRegistryBootstrap,
): Promise<GenesisContractAlloc> {
  const data = encodeDeployData({
    abi: IdentityRegistry.abi,
    bytecode: IdentityRegistry.bytecode,
    args: [
      bootstrap.admins,
      BigInt(bootstrap.quorum),
      bootstrap.registrars,
      bootstrap.rootCaFingerprint,
      bootstrap.issuerFingerprints,
    ],
  });
  return runConstructor(chainId, data);
}

/** Runs creation code `data`; returns the runtime code and every storage slot it wrote. */
async function runConstructor(chainId: bigint, data: Hex): Promise<GenesisContractAlloc> {
  const vm = await createVM({ common: createChainCommon(chainId) });
  // The storage trie keeps only hashed slot keys, so the keys come from the SSTOREs themselves.
  const written = new Set<bigint>();
  const events = vm.evm.events;
  if (events === undefined) throw new Error("the EVM does not report its steps");
  events.on("step", (step: InterpreterStep) => {
    if (step.opcode.name === "SSTORE") written.add(step.stack[step.stack.length - 1]!);
  });
  const result = await vm.evm.runCall({
    caller: createAddressFromString(DEPLOYER),
    data: hexToBytes(data),
    gasLimit: CONSTRUCTOR_GAS,
  });
  const exec = result.execResult;
  if (exec.exceptionError !== undefined || result.createdAddress === undefined) {
    const output = bytesToHex(exec.returnValue);
    let reason = exec.exceptionError?.error ?? "no contract created";
    try {
      const decoded = decodeErrorResult({ abi: IdentityRegistry.abi, data: output });
      reason = `${decoded.errorName}(${(decoded.args ?? []).map(String).join(", ")})`;
    } catch {
      // Not one of the contract's errors: keep the EVM's reason.
    }
    throw new Error(`the IdentityRegistry constructor reverted: ${reason}`);
  }
  const address = result.createdAddress;
  const state = vm.stateManager;
  const code = bytesToHex(await state.getCode(address));
  const storage: Record<Hex, Hex> = {};
  for (const slot of [...written].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const key = setLengthLeft(bigIntToBytes(slot), 32);
    const value = await state.getStorage(address, key);
    if (value.length === 0) continue;
    storage[bytesToHex(key)] = bytesToHex(setLengthLeft(value, 32));
  }
  return { balance: "0x0", code, storage };
}
