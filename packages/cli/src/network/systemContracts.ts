// The system contracts of a network's genesis state: each constructor runs once, here, on the
// node's own EVM rules, and what it leaves (runtime code with its immutables, storage) is placed
// at the contract's fixed address, so the network starts with it deployed and bootstrapped. A
// setup (organisations, roles, members) then runs as calls on the contract at that address, by
// the admins and the registrar themselves, so that every rule of the contract applies to it.

import { AdminAction, IDENTITY_REGISTRY_ADDRESS, IdentityRegistry } from "@civitas/contracts";
import { createChainCommon } from "@civitas/node";
import type { EVMResult } from "@ethereumjs/evm";
import { RLP } from "@ethereumjs/rlp";
import { Caches, MerkleStateManager } from "@ethereumjs/statemanager";
import {
  bigIntToBytes,
  bytesToHex,
  createAddressFromString,
  Address as EvmAddress,
  hexToBytes,
  setLengthLeft,
  unpadBytes,
} from "@ethereumjs/util";
import { createVM, type VM } from "@ethereumjs/vm";
import {
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  decodeErrorResult,
  decodeFunctionResult,
  encodeDeployData,
  encodeFunctionData,
  type Hex,
  pad,
} from "viem";

const { abi } = IdentityRegistry;

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

/** An organisation the genesis admins add (through the quorum). */
export interface RegistryOrganisation {
  /** bytes32 identifier. */
  readonly id: Hex;
  /** Parent organisation (added before it), if any. */
  readonly parent?: Hex;
}

/** A role the genesis registrar defines. */
export interface RegistryRole {
  readonly organisation: Hex;
  readonly role: Hex;
  /** The registry's AccessLevel (READ, TRANSACT or DEPLOY). */
  readonly level: number;
  /** The registry's Assurance a member's certificate needs at least. */
  readonly minAssurance: number;
}

/** A member registration, as the registrar submits it (the contract's `Registration` struct). */
export type RegistryRegistration = ContractFunctionArgs<typeof abi, "nonpayable", "registerMember">[0];

/** What the genesis admins and registrar do once the registry is constructed. */
export interface IdentityRegistrySetup {
  /** Block timestamp of the setup (unix seconds): the genesis timestamp. */
  readonly timestamp: number | bigint;
  /** Added by the first `quorum` admins of the bootstrap, in order. */
  readonly organisations?: readonly RegistryOrganisation[];
  /** Defined by the first registrar of the bootstrap. */
  readonly roles?: readonly RegistryRole[];
  /** Registered by the first registrar of the bootstrap, in batches. */
  readonly members?: readonly RegistryRegistration[];
}

/** A genesis `alloc` entry of a contract. */
export interface GenesisContractAlloc {
  readonly balance: "0x0";
  readonly code: Hex;
  /** 32-byte slot → 32-byte value, every slot the constructor and the setup left non-zero. */
  readonly storage: Readonly<Record<Hex, Hex>>;
}

/** Who runs the constructors: any account does, gas is free and the caller is not stored. */
const DEPLOYER = "0x000000000000000000000000000000000000c1de";
const CONSTRUCTOR_GAS = 30_000_000n;
/** Registrations per `registerMembers` call: bounds a call's memory, not its gas (gas is free). */
const MEMBERS_PER_CALL = 250;
const CALL_GAS = 1_000_000_000n;

/**
 * Runs the IdentityRegistry constructor with `bootstrap` on the chain rules of `chainId`, then
 * `setup` (if any) on the contract at {@link IDENTITY_REGISTRY_ADDRESS}, and returns the genesis
 * alloc entry for that address. Throws if the constructor or a setup call reverts (e.g. a quorum
 * the admins cannot reach, a binding statement not signed by the member's account), naming the
 * contract's error.
 */
export async function createIdentityRegistryAlloc(
  chainId: bigint,
  bootstrap: IdentityRegistryBootstrap,
  setup?: IdentityRegistrySetup,
): Promise<GenesisContractAlloc> {
  const data = encodeDeployData({
    abi,
    bytecode: IdentityRegistry.bytecode,
    args: [
      bootstrap.admins,
      BigInt(bootstrap.quorum),
      bootstrap.registrars,
      bootstrap.rootCaFingerprint,
      bootstrap.issuerFingerprints,
    ],
  });
  const common = createChainCommon(chainId);
  const state = new GenesisStateManager({ common, caches: new Caches() });
  const vm = await createVM({ common, stateManager: state });
  const block = setupBlock(setup?.timestamp ?? 0);
  const created = await vm.evm.runCall({
    caller: createAddressFromString(DEPLOYER),
    data: hexToBytes(data),
    gasLimit: CONSTRUCTOR_GAS,
    block,
  });
  if (created.execResult.exceptionError !== undefined || created.createdAddress === undefined)
    throw new Error(`the IdentityRegistry constructor reverted: ${revertReason(created)}`);

  // The binding statements name the registry's fixed address (EIP-712 verifyingContract), so the
  // setup runs on the contract moved there.
  const registry = createAddressFromString(IDENTITY_REGISTRY_ADDRESS);
  await state.putCode(registry, await state.getCode(created.createdAddress));
  for (const slot of state.written.get(created.createdAddress.toString()) ?? []) {
    const key = slotKey(slot);
    await state.putStorage(registry, key, await state.getStorage(created.createdAddress, key));
  }
  if (setup !== undefined) await runSetup(vm, block, bootstrap, setup);

  const storage: Record<Hex, Hex> = {};
  const slots = new Set([
    ...(state.written.get(created.createdAddress.toString()) ?? []),
    ...(state.written.get(registry.toString()) ?? []),
  ]);
  for (const slot of [...slots].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const key = slotKey(slot);
    const value = await state.getStorage(registry, key);
    if (value.length === 0) continue;
    storage[bytesToHex(key)] = bytesToHex(setLengthLeft(value, 32));
  }
  return { balance: "0x0", code: bytesToHex(await state.getCode(registry)), storage };
}

/**
 * EthereumJS's state manager with storage writes kept in its cache only: no state root is needed
 * here, and writing every SSTORE through to the storage trie (as EthereumJS does) makes a setup of
 * thousands of members take minutes. It records the slot of every write, by contract address: the
 * storage trie keeps only hashed slot keys, so the genesis alloc's keys come from the writes.
 */
export class GenesisStateManager extends MerkleStateManager {
  readonly written = new Map<string, Set<bigint>>();

  override async putStorage(address: EvmAddress, key: Uint8Array, value: Uint8Array): Promise<void> {
    const cache = this._caches?.storage;
    if (cache === undefined) throw new Error("the genesis state manager needs a storage cache");
    if (key.length !== 32 || value.length > 32) throw new Error("storage keys and values are 32 bytes");
    if ((await this.getAccount(address)) === undefined)
      throw new Error(`storage written to ${address} before the account exists`);
    const at = address.toString();
    const slots = this.written.get(at) ?? new Set<bigint>();
    this.written.set(at, slots);
    slots.add(BigInt(bytesToHex(key)));
    cache.put(address, key, RLP.encode(unpadBytes(value)));
  }

  /** Every slot is in the cache or was never written: the storage tries stay empty. */
  override async getStorage(address: EvmAddress, key: Uint8Array): Promise<Uint8Array> {
    const cached = this._caches?.storage?.get(address, key);
    return cached === undefined ? new Uint8Array() : (RLP.decode(cached) as Uint8Array);
  }

  /** Keeps every change in the caches (EthereumJS writes them into the tries after each call). */
  override async flush(): Promise<void> {}
}

/** A storage slot number as the 32-byte key the state manager takes. */
export function slotKey(slot: bigint): Uint8Array {
  return setLengthLeft(bigIntToBytes(slot), 32);
}

export type CallBlock = NonNullable<Parameters<VM["evm"]["runCall"]>[0]["block"]>;

/** The block the genesis calls run in: block 0 at the genesis timestamp. */
export function setupBlock(timestamp: number | bigint): CallBlock {
  return {
    header: {
      number: 0n,
      coinbase: new EvmAddress(new Uint8Array(20)),
      timestamp: BigInt(timestamp),
      difficulty: 1n,
      prevRandao: new Uint8Array(32),
      gasLimit: CALL_GAS,
      baseFeePerGas: 0n,
      getBlobGasPrice: () => undefined,
    },
  };
}

function revertReason(result: EVMResult): string {
  const exec = result.execResult;
  let reason = exec.exceptionError?.error ?? "no contract created";
  try {
    const decoded = decodeErrorResult({ abi, data: bytesToHex(exec.returnValue) });
    reason = `${decoded.errorName}(${(decoded.args ?? []).map(String).join(", ")})`;
  } catch {
    // Not one of the contract's errors: keep the EVM's reason.
  }
  return reason;
}

type WriteFunction = ContractFunctionName<typeof abi, "nonpayable">;

async function runSetup(
  vm: VM,
  block: CallBlock,
  bootstrap: IdentityRegistryBootstrap,
  setup: IdentityRegistrySetup,
): Promise<void> {
  const to = createAddressFromString(IDENTITY_REGISTRY_ADDRESS);
  const call = async <F extends WriteFunction>(
    caller: Address | undefined,
    functionName: F,
    args: ContractFunctionArgs<typeof abi, "nonpayable", F>,
    what: string,
  ): Promise<Hex> => {
    if (caller === undefined)
      throw new Error(`the IdentityRegistry setup cannot ${what}: the bootstrap names no one who may`);
    const data = encodeFunctionData({ abi, functionName, args } as never);
    const result = await vm.evm.runCall({
      caller: createAddressFromString(caller),
      to,
      data: hexToBytes(data),
      gasLimit: CALL_GAS,
      block,
    });
    if (result.execResult.exceptionError !== undefined)
      throw new Error(`the IdentityRegistry setup reverted (${what}): ${revertReason(result)}`);
    return bytesToHex(result.execResult.returnValue);
  };

  const admins = bootstrap.admins.slice(0, bootstrap.quorum);
  for (const org of setup.organisations ?? []) {
    const what = `adding organisation ${org.id}`;
    const parent = org.parent ?? pad("0x0", { size: 32 });
    const output = await call(admins[0], "propose", [AdminAction.ADD_ORGANISATION, org.id, parent], what);
    const proposal = decodeFunctionResult({ abi, functionName: "propose", data: output });
    for (const admin of admins.slice(1)) await call(admin, "approve", [proposal], what);
    await call(admins[0], "execute", [proposal], what);
  }
  const registrar = bootstrap.registrars[0];
  for (const r of setup.roles ?? [])
    await call(
      registrar,
      "defineRole",
      [r.organisation, r.role, r.level, r.minAssurance],
      `defining role ${r.role} of ${r.organisation}`,
    );
  const members = setup.members ?? [];
  for (let i = 0; i < members.length; i += MEMBERS_PER_CALL) {
    const batch = members.slice(i, i + MEMBERS_PER_CALL);
    await call(registrar, "registerMembers", [batch], `registering members ${i + 1} to ${i + batch.length}`);
  }
}
