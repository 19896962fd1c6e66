// The official-documents contracts in a network's genesis state, placed the way the identity
// registry is (systemContracts.ts): each constructor runs once on the node's EVM rules, and what
// it leaves is put at the contract's fixed address. An optional setup then runs there, on the
// genesis identity registry's state, by the people who may do it on a live network: the admins'
// quorum adds the accrediting bodies, a body registers each issuer and accredits it, an operator
// adds the issuer's keys — every rule of the contracts applies.
//
// Use (the genesis has the identity registry at IDENTITY_REGISTRY_ADDRESS):
//
//   const registry = await createIdentityRegistryAlloc(chainId, bootstrap, registrySetup);
//   const alloc = await createDocumentsAlloc(chainId, {
//     timestamp,                                   // the genesis timestamp
//     setup: { registry, admins: bootstrap.admins.slice(0, bootstrap.quorum),
//              accreditingBodies: [body], issuers: [{ issuerId, body, operators: [op],
//              keys: [{ keyId, validUntil }], accreditations: [{ docType, until }] }] },
//   });
//   // → { [TRUSTED_ISSUERS_ADDRESS]: …, [DOCUMENT_REGISTRY_ADDRESS]: … }: spread into extraAlloc.
//
// Bodies and operators must be active members of that registry (registered in its setup).
import {
  DOCUMENT_REGISTRY_ADDRESS,
  DocumentRegistry,
  IDENTITY_REGISTRY_ADDRESS,
  TRUSTED_ISSUERS_ADDRESS,
  TrustedIssuers,
} from "@civitas/contracts";
import { createChainCommon } from "@civitas/node";
import { Caches } from "@ethereumjs/statemanager";
import { bytesToHex, createAddressFromString, hexToBytes, setLengthLeft } from "@ethereumjs/util";
import { createVM } from "@ethereumjs/vm";
import {
  type Abi,
  type Address,
  decodeErrorResult,
  decodeEventLog,
  encodeDeployData,
  encodeFunctionData,
  type Hex,
} from "viem";
import { type GenesisContractAlloc, GenesisStateManager, setupBlock, slotKey } from "./systemContracts.ts";

/** An issuer the genesis registers, with its keys and accreditations. */
export interface GenesisIssuer {
  readonly issuerId: Hex;
  /** The accrediting body that registers and accredits it (one of `accreditingBodies`). */
  readonly body: Address;
  readonly operators: readonly Address[];
  /** Keys (RFC 7638 thumbprints as bytes32), valid from genesis until `validUntil` (unix seconds). */
  readonly keys?: readonly { readonly keyId: Hex; readonly validUntil: bigint }[];
  /** Document types it may issue, from genesis until `until`. */
  readonly accreditations?: readonly { readonly docType: Hex; readonly until: bigint }[];
}

/** What the genesis does once the contracts are in place. */
export interface DocumentsGenesisSetup {
  /** The identity registry's genesis alloc entry: its admins, quorum and members decide. */
  readonly registry: GenesisContractAlloc;
  /** As many network admins as the registry's quorum: they add the accrediting bodies. */
  readonly admins: readonly Address[];
  readonly accreditingBodies?: readonly Address[];
  readonly issuers?: readonly GenesisIssuer[];
}

export interface DocumentsGenesisOptions {
  /** The genesis timestamp (block time of the setup). */
  readonly timestamp?: number | bigint;
  readonly setup?: DocumentsGenesisSetup;
}

const DEPLOYER = "0x000000000000000000000000000000000000c1de";
const GAS = 1_000_000_000n;

/**
 * Genesis alloc entries for TrustedIssuers and DocumentRegistry at their fixed addresses, reading
 * the identity registry at IDENTITY_REGISTRY_ADDRESS, with the optional setup applied. Throws
 * naming the step and the contract's error if a constructor or a setup call reverts.
 */
export async function createDocumentsAlloc(
  chainId: bigint,
  o: DocumentsGenesisOptions = {},
): Promise<Record<Address, GenesisContractAlloc>> {
  const common = createChainCommon(chainId);
  const state = new GenesisStateManager({ common, caches: new Caches() });
  const vm = await createVM({ common, stateManager: state });
  const block = setupBlock(o.timestamp ?? 0);

  const run = async (caller: Address, to: Address | undefined, data: Hex, abi: Abi, what: string) => {
    const result = await vm.evm.runCall({
      caller: createAddressFromString(caller),
      ...(to !== undefined ? { to: createAddressFromString(to) } : {}),
      data: hexToBytes(data),
      gasLimit: GAS,
      block,
    });
    const exec = result.execResult;
    if (exec.exceptionError !== undefined) {
      let reason: string = exec.exceptionError.error;
      try {
        const decoded = decodeErrorResult({ abi, data: bytesToHex(exec.returnValue) });
        reason = `${decoded.errorName}(${(decoded.args ?? []).map(String).join(", ")})`;
      } catch {
        // Not one of the contract's errors: keep the EVM's reason.
      }
      throw new Error(`the documents genesis setup reverted (${what}): ${reason}`);
    }
    return result;
  };

  // The registry the contracts read, when a setup needs its members and admins.
  const registry = createAddressFromString(IDENTITY_REGISTRY_ADDRESS);
  if (o.setup !== undefined) {
    await state.putCode(registry, hexToBytes(o.setup.registry.code));
    for (const [slot, value] of Object.entries(o.setup.registry.storage))
      await state.putStorage(registry, hexToBytes(slot as Hex), hexToBytes(value));
  }

  const place = async (
    name: string,
    contract: { abi: Abi; bytecode: Hex },
    args: readonly unknown[],
    at: Address,
  ) => {
    const data = encodeDeployData({ abi: contract.abi, bytecode: contract.bytecode, args });
    const created = await run(DEPLOYER, undefined, data, contract.abi, `${name} constructor`);
    if (created.createdAddress === undefined) throw new Error(`the ${name} constructor created no contract`);
    // Governance proposals call the contract at its own address: the setup runs on it there.
    const fixed = createAddressFromString(at);
    await state.putCode(fixed, await state.getCode(created.createdAddress));
    for (const slot of state.written.get(created.createdAddress.toString()) ?? [])
      await state.putStorage(
        fixed,
        slotKey(slot),
        await state.getStorage(created.createdAddress, slotKey(slot)),
      );
  };
  await place("TrustedIssuers", TrustedIssuers, [IDENTITY_REGISTRY_ADDRESS], TRUSTED_ISSUERS_ADDRESS);
  await place(
    "DocumentRegistry",
    DocumentRegistry,
    [IDENTITY_REGISTRY_ADDRESS, TRUSTED_ISSUERS_ADDRESS],
    DOCUMENT_REGISTRY_ADDRESS,
  );

  if (o.setup !== undefined) {
    const abi = TrustedIssuers.abi;
    const issuers = (caller: Address, functionName: string, args: readonly unknown[], what: string) =>
      run(
        caller,
        TRUSTED_ISSUERS_ADDRESS,
        encodeFunctionData({ abi, functionName, args } as never),
        abi,
        what,
      );
    const [proposer, ...approvers] = o.setup.admins;
    for (const body of o.setup.accreditingBodies ?? []) {
      const what = `adding accrediting body ${body}`;
      if (proposer === undefined)
        throw new Error(`the documents genesis setup cannot ${what}: no admins given`);
      const call = encodeFunctionData({ abi, functionName: "addAccreditingBody", args: [body] });
      const proposed = await issuers(proposer, "proposeGovernance", [call], what);
      const log = proposed.execResult.logs?.[0];
      if (log === undefined) throw new Error(`the documents genesis setup (${what}): no proposal event`);
      const event = decodeEventLog({
        abi,
        data: bytesToHex(log[2]),
        topics: log[1].map((t) => bytesToHex(t)) as [Hex, ...Hex[]],
      });
      const id = (event.args as { id: Hex }).id;
      for (const admin of approvers) await issuers(admin, "approveGovernance", [id], what);
      await issuers(proposer, "executeGovernance", [id], what);
    }
    for (const issuer of o.setup.issuers ?? []) {
      const what = `issuer ${issuer.issuerId}`;
      await issuers(
        issuer.body,
        "registerIssuer",
        [issuer.issuerId, issuer.operators],
        `registering ${what}`,
      );
      const operator = issuer.operators[0];
      for (const key of issuer.keys ?? []) {
        if (operator === undefined)
          throw new Error(`the documents genesis setup: ${what} has keys but no operator`);
        await issuers(
          operator,
          "addKey",
          [issuer.issuerId, key.keyId, 0n, key.validUntil],
          `adding a key of ${what}`,
        );
      }
      for (const a of issuer.accreditations ?? [])
        await issuers(
          issuer.body,
          "grantAccreditation",
          [issuer.issuerId, a.docType, 0n, a.until],
          `accrediting ${what}`,
        );
    }
  }

  const allocOf = async (at: Address): Promise<GenesisContractAlloc> => {
    const address = createAddressFromString(at);
    const storage: Record<Hex, Hex> = {};
    const slots = [...(state.written.get(address.toString()) ?? [])].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    for (const slot of slots) {
      const value = await state.getStorage(address, slotKey(slot));
      if (value.length === 0) continue;
      storage[bytesToHex(slotKey(slot))] = bytesToHex(setLengthLeft(value, 32));
    }
    return { balance: "0x0", code: bytesToHex(await state.getCode(address)), storage };
  };
  return {
    [TRUSTED_ISSUERS_ADDRESS]: await allocOf(TRUSTED_ISSUERS_ADDRESS),
    [DOCUMENT_REGISTRY_ADDRESS]: await allocOf(DOCUMENT_REGISTRY_ADDRESS),
  };
}
