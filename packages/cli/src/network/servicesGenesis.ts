// The power-of-attorney services in a network's genesis state, deployed the way the identity
// registry is (systemContracts.ts): each constructor runs once here on the node's EVM rules and
// what it leaves — runtime code with its immutables, and every storage slot it wrote — is placed
// at the service's fixed address.
//
// Use (the network's genesis is built with the identity registry at IDENTITY_REGISTRY_ADDRESS):
//
//   const alloc = await createPowerServicesAlloc(chainId, { officials: [officialAccount] }, timestamp);
//   // → { [POWER_OF_ATTORNEY_ADDRESS]: …, [REPRESENTATION_FORWARDER_ADDRESS]: …,
//   //     [APPLICATION_DESK_ADDRESS]: … }  — spread it into the genesis `extraAlloc`.
//
// Officials must be active members of the registry (with a certificate) to act; later changes to
// the set of officials go through PowerOfAttorney's governance (the network admins' quorum).
import {
  ApplicationDesk,
  IDENTITY_REGISTRY_ADDRESS,
  POWER_OF_ATTORNEY_ADDRESS,
  PowerOfAttorney,
  REPRESENTATION_FORWARDER_ADDRESS,
  RepresentationForwarder,
} from "@civitas/contracts";
import { createChainCommon } from "@civitas/node";
import { APPLICATION_DESK_ADDRESS } from "@civitas/sdk";
import { Caches } from "@ethereumjs/statemanager";
import { bytesToHex, createAddressFromString, hexToBytes, setLengthLeft } from "@ethereumjs/util";
import { createVM } from "@ethereumjs/vm";
import { type Abi, type Address, encodeDeployData, type Hex } from "viem";
import { type GenesisContractAlloc, GenesisStateManager, setupBlock, slotKey } from "./systemContracts.ts";

/** How the power services start. */
export interface PowerServicesBootstrap {
  /** The first registry officials (record in-person and notarial powers, review, terminate). */
  readonly officials: readonly Address[];
  /** Also place the demo ApplicationDesk at APPLICATION_DESK_ADDRESS (default true). */
  readonly applicationDesk?: boolean;
  /** The identity registry the services read (default IDENTITY_REGISTRY_ADDRESS). */
  readonly identityRegistry?: Address;
}

const DEPLOYER = "0x000000000000000000000000000000000000c1de";
const CONSTRUCTOR_GAS = 30_000_000n;

/**
 * Genesis alloc entries for PowerOfAttorney, RepresentationForwarder (trusting that registry of
 * powers) and, unless told otherwise, the demo ApplicationDesk (trusting that forwarder), at their
 * fixed addresses. Throws naming the contract whose constructor reverted.
 */
export async function createPowerServicesAlloc(
  chainId: bigint,
  bootstrap: PowerServicesBootstrap,
  timestamp: number | bigint = 0,
): Promise<Record<Address, GenesisContractAlloc>> {
  const common = createChainCommon(chainId);
  const state = new GenesisStateManager({ common, caches: new Caches() });
  const vm = await createVM({ common, stateManager: state });
  const block = setupBlock(timestamp);

  const deploy = async (
    name: string,
    contract: { abi: Abi; bytecode: Hex },
    args: readonly unknown[],
  ): Promise<GenesisContractAlloc> => {
    const data = encodeDeployData({ abi: contract.abi, bytecode: contract.bytecode, args });
    const created = await vm.evm.runCall({
      caller: createAddressFromString(DEPLOYER),
      data: hexToBytes(data),
      gasLimit: CONSTRUCTOR_GAS,
      block,
    });
    if (created.execResult.exceptionError !== undefined || created.createdAddress === undefined)
      throw new Error(
        `the ${name} constructor reverted: ${created.execResult.exceptionError?.error ?? "no contract created"}`,
      );
    const storage: Record<Hex, Hex> = {};
    const slots = [...(state.written.get(created.createdAddress.toString()) ?? [])].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    for (const slot of slots) {
      const value = await state.getStorage(created.createdAddress, slotKey(slot));
      if (value.length === 0) continue;
      storage[bytesToHex(slotKey(slot))] = bytesToHex(setLengthLeft(value, 32));
    }
    // No contract here keeps its own address in an immutable (the forwarder's EIP-712 domain is
    // computed at run time), so the code moves to its fixed address unchanged.
    return { balance: "0x0", code: bytesToHex(await state.getCode(created.createdAddress)), storage };
  };

  const alloc: Record<Address, GenesisContractAlloc> = {
    [POWER_OF_ATTORNEY_ADDRESS]: await deploy("PowerOfAttorney", PowerOfAttorney, [
      bootstrap.identityRegistry ?? IDENTITY_REGISTRY_ADDRESS,
      bootstrap.officials,
    ]),
    [REPRESENTATION_FORWARDER_ADDRESS]: await deploy("RepresentationForwarder", RepresentationForwarder, [
      POWER_OF_ATTORNEY_ADDRESS,
    ]),
  };
  if (bootstrap.applicationDesk ?? true)
    alloc[APPLICATION_DESK_ADDRESS] = await deploy("ApplicationDesk", ApplicationDesk, [
      REPRESENTATION_FORWARDER_ADDRESS,
    ]);
  return alloc;
}
