// A one-validator network with the power-of-attorney services: members registered with person
// certificates from the network's CA (a QUALIFIED grantor, attorneys, a SUBSTANTIAL citizen, an
// official with DEPLOY), and PowerOfAttorney, RepresentationForwarder and ApplicationDesk deployed
// by the official (this `civitas init` genesis does not place them).

import { ApplicationDesk, PowerOfAttorney, RepresentationForwarder } from "@civitas/contracts";
import { createAccountBinding, withCa } from "@civitas/pki";
import { type Abi, type Address, type Hex, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import { type CivitasClient, createCivitasClient, defineCivitasChain } from "../../src/index.ts";
import { type LocalNetwork, startLocalNetwork } from "./localNetwork.ts";

const ORG = "bilbao.citizens";
const ROLE = "resident";

export interface Party {
  readonly key: Hex;
  readonly address: Address;
}

export interface PowersNetwork {
  readonly net: LocalNetwork;
  readonly grantor: Party;
  readonly attorney: Party;
  readonly attorney2: Party;
  readonly citizen: Party;
  readonly official: Party;
  /** A relayer: any account with TRANSACT (here the registrar, a genesis account). */
  readonly relayer: Party;
  readonly addresses: { powerOfAttorney: Address; forwarder: Address; applicationDesk: Address };
  /** A client sending from `party` (reads only without), knowing the services' addresses. */
  clientOf(party?: Party): CivitasClient & PowersNetwork["addresses"];
  close(): Promise<void>;
}

/** Starts the network, registers the parties and deploys the services. */
export async function startPowersNetwork(): Promise<PowersNetwork> {
  const net = await startLocalNetwork();
  try {
    const chain = defineCivitasChain({ id: net.chainId, rpcUrl: net.rpcUrl });
    let addresses = {} as PowersNetwork["addresses"];
    const clientOf = (party?: Party) =>
      Object.assign(
        createCivitasClient({
          chain,
          transport: http(),
          ...(party !== undefined ? { account: privateKeyToAccount(party.key) } : {}),
        }),
        addresses,
      );
    const party = (): Party => {
      const key = generatePrivateKey();
      return { key, address: privateKeyToAccount(key).address };
    };
    const [grantor, attorney, attorney2, citizen, official] = [party(), party(), party(), party(), party()];
    const admin1 = clientOf({ key: net.admins[0]!.privateKey, address: net.admins[0]!.address });
    const admin2 = clientOf({ key: net.admins[1]!.privateKey, address: net.admins[1]!.address });
    const relayer = { key: net.registrar.privateKey, address: net.registrar.address };
    const registrar = clientOf(relayer);
    const { proposalId } = await admin1.addOrganisation({ organisation: ORG });
    await admin2.approveAndExecute({ id: proposalId });
    await registrar.defineRole({ organisation: ORG, role: ROLE, level: "DEPLOY", minAssurance: "LOW" });
    const people: [Party, "QUALIFIED" | "SUBSTANTIAL"][] = [
      [grantor, "QUALIFIED"],
      [attorney, "QUALIFIED"],
      [attorney2, "QUALIFIED"],
      [citizen, "SUBSTANTIAL"],
      [official, "QUALIFIED"],
    ];
    const issued = await withCa(net.caDir, net.passphrase, async (ca) => {
      const out = [];
      for (const [i, [, assuranceLevel]] of people.entries())
        out.push(await ca.issuePersonCertificate({ nationalId: `8765432${i}X`, assuranceLevel }));
      return out;
    });
    for (const [i, [p]] of people.entries()) {
      const certificate = issued[i]!;
      await registrar.registerMember({
        certificate: certificate.certificate,
        binding: await createAccountBinding({
          certificate: certificate.certificate,
          certificateKey: certificate.privateKey!,
          accountKey: p.key,
          chainId: net.chainId,
          registry: registrar.registry,
        }),
        organisation: ORG,
        role: ROLE,
        trust: net.trust,
      });
    }
    const deployer = clientOf(official);
    const deploy = async (
      contract: { abi: Abi; bytecode: Hex },
      args: readonly unknown[],
    ): Promise<Address> => {
      const hash = await deployContract(deployer, {
        abi: contract.abi,
        bytecode: contract.bytecode,
        args,
        account: deployer.account,
        chain,
      });
      const receipt = await waitForTransactionReceipt(deployer, { hash });
      if (receipt.contractAddress == null) throw new Error("deployment failed");
      return receipt.contractAddress;
    };
    const powerOfAttorney = await deploy(PowerOfAttorney, [registrar.registry, [official.address]]);
    const forwarder = await deploy(RepresentationForwarder, [powerOfAttorney]);
    const applicationDesk = await deploy(ApplicationDesk, [forwarder]);
    addresses = { powerOfAttorney, forwarder, applicationDesk };
    return {
      net,
      grantor,
      attorney,
      attorney2,
      citizen,
      official,
      relayer,
      addresses,
      clientOf,
      close: () => net.close(),
    };
  } catch (err) {
    await net.close();
    throw err;
  }
}
