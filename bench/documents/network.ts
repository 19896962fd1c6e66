// The documents benchmark's chain: a one-validator network made by `civitas init` and run as a
// `civitas node` process, with the documents contracts (deployed by an admin unless genesis has
// them), an operator registered as a member, which is also made an accrediting body by the
// admins' quorum, and issuers with a P-256 key each, accredited for ResidenceCertificate.
import {
  DOCUMENT_REGISTRY_ADDRESS,
  DocumentRegistry,
  IDENTITY_REGISTRY_ADDRESS,
  TRUSTED_ISSUERS_ADDRESS,
  TrustedIssuers,
} from "@civitas/contracts";
import { createAccountBinding, withCa } from "@civitas/pki";
import {
  type CivitasClient,
  createCivitasClient,
  DOCUMENT_KINDS,
  defineCivitasChain,
  docTypeOf,
  exportIssuerKey,
  generateIssuerKey,
  toIdentifier,
} from "@civitas/sdk";
import { type Abi, type Address, encodeFunctionData, type Hex, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  deployContract,
  getCode,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from "viem/actions";
import { type LocalNetwork, startLocalNetwork } from "../../packages/sdk/test/support/localNetwork.ts";

const FAR_FUTURE = 4_102_444_800n; // 2100-01-01

export interface DocumentsBenchIssuer {
  readonly issuerId: string;
  /** The issuer's private signing key as a JWK (for the worker threads). */
  readonly privateJwk: string;
}

export interface DocumentsBenchNetwork {
  readonly net: LocalNetwork;
  readonly chainId: number;
  readonly client: CivitasClient;
  /** The operator's account key (a registry member, operator of every issuer, accrediting body). */
  readonly operatorKey: Hex;
  readonly validators: readonly Address[];
  readonly issuers: readonly DocumentsBenchIssuer[];
  readonly documents: Address;
  readonly trustedIssuers: Address;
  /** Sends a transaction from the operator (also the accrediting body) and waits for it. */
  operatorCall(contract: "issuers" | "documents", functionName: string, args: unknown[]): Promise<unknown>;
  /** Sends the anchor transaction of a batch at once; resolves with its receipt. */
  anchor(issuer: number, root: Hex, count: number): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts the network and registers `issuerCount` issuers. */
export async function startDocumentsBenchNetwork(issuerCount: number): Promise<DocumentsBenchNetwork> {
  const net = await startLocalNetwork();
  try {
    const chain = defineCivitasChain({ id: net.chainId, rpcUrl: net.rpcUrl });
    const clientOf = (key: Hex) =>
      createCivitasClient({ chain, transport: http(net.rpcUrl), account: privateKeyToAccount(key) });
    const admin1 = clientOf(net.admins[0]!.privateKey);
    const admin2 = clientOf(net.admins[1]!.privateKey);
    const registrar = clientOf(net.registrar.privateKey);

    const send = async (
      client: CivitasClient,
      address: Address,
      abi: Abi,
      functionName: string,
      args: unknown[],
      nonce?: number,
    ) => {
      const { request, result } = await simulateContract(client, {
        address,
        abi,
        functionName,
        args,
        account: client.account!,
      });
      const hash = await writeContract(client, { ...request, ...(nonce !== undefined ? { nonce } : {}) });
      const receipt = await waitForTransactionReceipt(client, { hash });
      if (receipt.status !== "success") throw new Error(`${functionName} reverted (tx ${hash})`);
      return result as unknown;
    };

    // The contracts: at their genesis addresses, or deployed now.
    let trustedIssuers: Address = TRUSTED_ISSUERS_ADDRESS;
    let documents: Address = DOCUMENT_REGISTRY_ADDRESS;
    if ((await getCode(admin1, { address: documents })) === undefined) {
      const deploy = async (abi: Abi, bytecode: Hex, args: unknown[]) => {
        const hash = await deployContract(admin1, { abi, bytecode, args, account: admin1.account!, chain });
        const receipt = await waitForTransactionReceipt(admin1, { hash });
        if (receipt.contractAddress == null) throw new Error("deployment failed");
        return receipt.contractAddress;
      };
      trustedIssuers = await deploy(TrustedIssuers.abi, TrustedIssuers.bytecode, [IDENTITY_REGISTRY_ADDRESS]);
      documents = await deploy(DocumentRegistry.abi, DocumentRegistry.bytecode, [
        IDENTITY_REGISTRY_ADDRESS,
        trustedIssuers,
      ]);
    }

    // The operator: a member of an organisation (an active member may operate an issuer).
    const { proposalId } = await admin1.addOrganisation({ organisation: "bench.documents" });
    await admin2.approveAndExecute({ id: proposalId });
    await registrar.defineRole({
      organisation: "bench.documents",
      role: "issuer",
      level: "TRANSACT",
      minAssurance: "LOW",
    });
    const operatorKey = generatePrivateKey();
    const person = await withCa(net.caDir, net.passphrase, (ca) =>
      ca.issuePersonCertificate({ nationalId: "00000000T", assuranceLevel: "SUBSTANTIAL" }),
    );
    await registrar.registerMember({
      certificate: person.certificate,
      binding: await createAccountBinding({
        certificate: person.certificate,
        certificateKey: person.privateKey!,
        accountKey: operatorKey,
        chainId: net.chainId,
        registry: IDENTITY_REGISTRY_ADDRESS,
      }),
      organisation: "bench.documents",
      role: "issuer",
      trust: net.trust,
    });
    const operator = createCivitasClient({
      chain,
      transport: http(net.rpcUrl),
      account: privateKeyToAccount(operatorKey),
    });

    // The operator's account is also the accrediting body (added by the admins' quorum).
    const proposal = (await send(admin1, trustedIssuers, TrustedIssuers.abi, "proposeGovernance", [
      encodeFunctionData({
        abi: TrustedIssuers.abi,
        functionName: "addAccreditingBody",
        args: [operator.account.address],
      }),
    ])) as Hex;
    await send(admin2, trustedIssuers, TrustedIssuers.abi, "approveGovernance", [proposal]);
    await send(admin2, trustedIssuers, TrustedIssuers.abi, "executeGovernance", [proposal]);

    const issuers: DocumentsBenchIssuer[] = [];
    const docType = docTypeOf(DOCUMENT_KINDS.residence);
    for (let i = 0; i < issuerCount; i++) {
      const issuerId = `bench.issuer.${i + 1}`;
      const key = generateIssuerKey();
      const id = toIdentifier(issuerId);
      await send(operator, trustedIssuers, TrustedIssuers.abi, "registerIssuer", [
        id,
        [operator.account.address],
      ]);
      await send(operator, trustedIssuers, TrustedIssuers.abi, "addKey", [id, key.keyId, 0n, FAR_FUTURE]);
      await send(operator, trustedIssuers, TrustedIssuers.abi, "grantAccreditation", [
        id,
        docType,
        0n,
        FAR_FUTURE,
      ]);
      issuers.push({ issuerId, privateJwk: exportIssuerKey(key) });
    }

    // Anchors are sent back to back: nonces counted here, receipts awaited by the caller.
    let nonce = await operator.getTransactionCount({
      address: operator.account.address,
      blockTag: "pending",
    });
    return {
      net,
      chainId: net.chainId,
      client: operator,
      operatorKey,
      validators: await validatorsOf(operator),
      issuers,
      documents,
      trustedIssuers,
      operatorCall: async (contract, functionName, args) => {
        // Other tools (the CLI) may have sent from the same account meanwhile.
        const pending = await operator.getTransactionCount({
          address: operator.account.address,
          blockTag: "pending",
        });
        nonce = Math.max(nonce, pending);
        const result = await send(
          operator,
          contract === "issuers" ? trustedIssuers : documents,
          (contract === "issuers" ? TrustedIssuers.abi : DocumentRegistry.abi) as Abi,
          functionName,
          args,
          nonce++,
        );
        return result;
      },
      async anchor(issuer, root, count) {
        const hash = await writeContract(operator, {
          address: documents,
          abi: DocumentRegistry.abi,
          functionName: "anchor",
          args: [toIdentifier(issuers[issuer]!.issuerId), root, count],
          account: operator.account,
          chain,
          nonce: nonce++,
          gas: 200_000n,
        });
        const receipt = await waitForTransactionReceipt(operator, { hash, timeout: 600_000 });
        if (receipt.status !== "success") throw new Error(`anchor of ${root} reverted (tx ${hash})`);
        return receipt;
      },
      close: () => net.close(),
    };
  } catch (err) {
    await net.close();
    throw err;
  }
}

/** The validators of the latest block (QBFT's `qbft_getValidatorsByBlockNumber`). */
async function validatorsOf(client: CivitasClient): Promise<Address[]> {
  return (await client.request({
    method: "qbft_getValidatorsByBlockNumber" as "eth_chainId",
    params: ["latest"] as unknown as undefined,
  })) as unknown as Address[];
}
