// A PowerOfAttorney, its RepresentationForwarder and an ApplicationDesk on a registry fixture:
// a grantor with a QUALIFIED certificate, two attorneys, a citizen with a SUBSTANTIAL one, and a
// registry official (all registered members), plus helpers to grant powers and sign forwarded
// requests the way the SDK does.
import { type Address, concat, type Hex, pad, stringToHex, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  ApplicationDesk,
  IdentityRegistry,
  PowerAction,
  PowerOfAttorney,
  PowerType,
  RepresentationForwarder,
} from "../../src/index.ts";
import type { TestAccount } from "./evmHarness.ts";
import { createRegistryFixture, type RegistryFixture, ROLE_CLERK } from "./registryFixture.ts";

const poa = PowerOfAttorney.abi;

/** An administration id: its name in the high 16 bytes, the low 16 bytes zero. */
export const administration = (name: string): Hex =>
  pad(stringToHex(name, { size: 16 }), { dir: "right", size: 32 });

/** A procedure code: the administration's 16 bytes, then the procedure's own 16 bytes. */
export const procedure = (body: string, code: string): Hex =>
  concat([stringToHex(body, { size: 16 }), stringToHex(code, { size: 16 })]);

/** A bitmask of actions. */
export const actions = (...names: (keyof typeof PowerAction)[]): number =>
  names.reduce((mask, name) => mask | (1 << PowerAction[name]), 0);

export const YEAR = 365n * 24n * 3600n;
export const MAX_VALIDITY = 1826n * 24n * 3600n;
export const BUILDING_PERMIT = procedure("bilbao.urbanism", "building-permit");
export const TERRACE_LICENCE = procedure("bilbao.urbanism", "terrace-licence");
export const TAX_APPEAL = procedure("bizkaia.tax", "appeal");
export const DOC = toHex(1n, { size: 32 });

/** The forwarder's and the desk's ABI together, so a forwarded call's events and errors decode. */
export const forwardingAbi = [...RepresentationForwarder.abi, ...ApplicationDesk.abi] as const;

export interface GrantOptions {
  attorney?: TestAccount;
  powerType?: number;
  scope?: readonly Hex[];
  actions?: number;
  validUntil?: bigint;
  docHash?: Hex;
  subDelegation?: boolean;
}

export interface ForwardRequest {
  from: Address;
  grantor: Address;
  to: Address;
  procedure: Hex;
  action: number;
  value: bigint;
  gas: bigint;
  nonce: bigint;
  deadline: bigint;
  data: Hex;
}

export interface PowerFixture extends RegistryFixture {
  readonly powers: Address;
  readonly forwarder: Address;
  readonly desk: Address;
  readonly grantor: TestAccount;
  readonly attorney: TestAccount;
  readonly attorney2: TestAccount;
  /** A member whose certificate is only SUBSTANTIAL. */
  readonly citizen: TestAccount;
  readonly official: TestAccount;
  /** Grants a PROCEDURES power for BUILDING_PERMIT (FILE_APPLICATION, SUBMIT_DOCUMENTS) unless told otherwise; returns its id. */
  grant(from: TestAccount, o?: GrantOptions): Promise<bigint>;
  /** Grants and accepts. */
  activePower(from: TestAccount, o?: GrantOptions): Promise<bigint>;
  /** The subject reference the registry holds for an account. */
  refOf(account: TestAccount): Promise<Hex>;
  /** Runs `setOfficial` through a governance proposal approved by the admins' quorum. */
  governance(data: Hex): Promise<void>;
  status(id: bigint): Promise<number>;
  authorization(
    grantor: TestAccount,
    attorney: TestAccount,
    procedure: Hex,
    action: number,
    time?: bigint,
  ): Promise<readonly [boolean, number, bigint]>;
  /** An EIP-712 signature of `request` by `signer`. */
  sign(signer: TestAccount, request: ForwardRequest): Promise<Hex>;
}

/** Deploys the registry fixture, the three contracts, and registers the parties. */
export async function createPowerFixture(): Promise<PowerFixture> {
  const f = await createRegistryFixture();
  const { h } = f;
  const grantor = h.account(10);
  const attorney = h.account(11);
  const attorney2 = h.account(12);
  const citizen = h.account(13);
  const official = h.account(14);
  for (const a of [grantor, attorney, attorney2, official])
    await f.register(a, ROLE_CLERK, { assurance: "QUALIFIED" });
  await f.register(citizen, ROLE_CLERK, { assurance: "SUBSTANTIAL" });
  const powers = await h.deploy(f.admins[0], PowerOfAttorney, [f.registry, [official.address]]);
  const forwarder = await h.deploy(f.admins[0], RepresentationForwarder, [powers]);
  const desk = await h.deploy(f.admins[0], ApplicationDesk, [forwarder]);

  const fixture: PowerFixture = {
    ...f,
    powers,
    forwarder,
    desk,
    grantor,
    attorney,
    attorney2,
    citizen,
    official,
    async grant(from, o = {}) {
      const { events } = await h.send(from, {
        abi: poa,
        to: powers,
        functionName: "grantPower",
        args: [
          {
            attorney: (o.attorney ?? attorney).address,
            powerType: o.powerType ?? PowerType.PROCEDURES,
            scope: o.scope ?? [BUILDING_PERMIT],
            actions: o.actions ?? actions("FILE_APPLICATION", "SUBMIT_DOCUMENTS"),
            validUntil: o.validUntil ?? h.time + YEAR,
            docHash: o.docHash ?? DOC,
            subDelegation: o.subDelegation ?? false,
          },
        ],
      });
      return events.find((e) => e.eventName === "PowerRegistered")?.args["id"] as bigint;
    },
    async activePower(from, o = {}) {
      const id = await fixture.grant(from, o);
      await h.send(o.attorney ?? attorney, { abi: poa, to: powers, functionName: "acceptPower", args: [id] });
      return id;
    },
    async refOf(account) {
      const m = await h.read({
        abi: IdentityRegistry.abi,
        to: f.registry,
        functionName: "memberOf",
        args: [account.address],
      });
      return m.subjectRef;
    },
    async governance(data) {
      const { events } = await h.send(f.admins[0], {
        abi: poa,
        to: powers,
        functionName: "proposeGovernance",
        args: [data],
      });
      const proposal = events.find((e) => e.eventName === "GovernanceProposed")?.args["id"] as Hex;
      await h.send(f.admins[1], {
        abi: poa,
        to: powers,
        functionName: "approveGovernance",
        args: [proposal],
      });
      await h.send(f.admins[1], {
        abi: poa,
        to: powers,
        functionName: "executeGovernance",
        args: [proposal],
      });
    },
    status(id) {
      return h.read({ abi: poa, to: powers, functionName: "statusOf", args: [id] });
    },
    authorization(g, a, proc, action, time = h.time) {
      return h.read({
        abi: poa,
        to: powers,
        functionName: "authorization",
        args: [g.address, a.address, proc, action, time],
      });
    },
    sign(signer, request) {
      return privateKeyToAccount(toHex(signer.privateKey)).signTypedData({
        domain: {
          name: "Civitas Representation Forwarder",
          version: "1",
          chainId: h.chainId,
          verifyingContract: forwarder,
        },
        types: {
          ForwardRequest: [
            { name: "from", type: "address" },
            { name: "grantor", type: "address" },
            { name: "to", type: "address" },
            { name: "procedure", type: "bytes32" },
            { name: "action", type: "uint8" },
            { name: "value", type: "uint256" },
            { name: "gas", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint64" },
            { name: "data", type: "bytes" },
          ],
        },
        primaryType: "ForwardRequest",
        message: request,
      });
    },
  };
  return fixture;
}
