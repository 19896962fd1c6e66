// The documents chain side through the SDK on a running one-validator network: accrediting body
// by quorum, issuer, key, accreditation, anchors and status by the SDK actions; facts online and
// from a saved chain proof offline; tampered proofs refused with the check that failed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DocumentRegistry, IDENTITY_REGISTRY_ADDRESS, TrustedIssuers } from "@civitas/contracts";
import { createAccountBinding, withCa } from "@civitas/pki";
import { type Address, fromRlp, type Hex, http, keccak256, stringToHex, toRlp } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import {
  addIssuerKey,
  anchorBatch,
  approveIssuersGovernance,
  type ChainProof,
  ChainProofError,
  type ChainProofTrust,
  type CivitasClient,
  createChainProof,
  createCivitasClient,
  type DocumentFactsQuery,
  type DocumentsClient,
  DocumentsRevertedError,
  defineCivitasChain,
  executeIssuersGovernance,
  getAccreditations,
  getAnchor,
  getDocumentStatus,
  getIssuerKey,
  getStatusList,
  grantAccreditation,
  isAccreditingBody,
  isIssuerOperator,
  proposeAccreditingBody,
  readDocumentFacts,
  readDocumentFactsFromProof,
  registerIssuer,
  resumeDocuments,
  revokeDocuments,
  revokeIssuerKey,
  setDocumentStatus,
  suspendDocuments,
  toIdentifier,
  verifyChainProof,
} from "../src/index.ts";
import { type LocalNetwork, startLocalNetwork } from "./support/localNetwork.ts";

const ISSUER = "bilbao.registry";
const RESIDENCE = "ResidenceCertificate";
const KEY_1 = keccak256(stringToHex("issuer key 1"));
const YEAR = 365n * 24n * 3600n;

let net: LocalNetwork;
let validators: Address[];
let reader: DocumentsClient;
let admin1: DocumentsClient;
let admin2: DocumentsClient;
let body: DocumentsClient;
let operator: DocumentsClient;
let contracts: { documents: Address; issuers: Address };

const root = (name: string): Hex => keccak256(stringToHex(name));
const query = (r: Hex, statusIndex: number, docType = RESIDENCE): DocumentFactsQuery => ({
  root: r,
  issuerId: toIdentifier(ISSUER),
  keyId: KEY_1,
  docType: toIdentifier(docType),
  statusIndex,
});

before(async () => {
  net = await startLocalNetwork();
  const chain = defineCivitasChain({ id: net.chainId, rpcUrl: net.rpcUrl });
  const clientOf = (privateKey?: Hex): CivitasClient =>
    createCivitasClient({
      chain,
      transport: http(),
      ...(privateKey !== undefined ? { account: privateKeyToAccount(privateKey) } : {}),
    });
  const admin = clientOf(net.admins[0]!.privateKey);
  const deploy = async (contract: { abi: readonly unknown[]; bytecode: Hex }, args: unknown[]) => {
    const hash = await deployContract(admin, {
      abi: contract.abi,
      bytecode: contract.bytecode,
      args,
      account: admin.account!,
      chain,
    });
    const receipt = await waitForTransactionReceipt(admin, { hash });
    return receipt.contractAddress as Address;
  };
  const issuers = await deploy(TrustedIssuers, [IDENTITY_REGISTRY_ADDRESS]);
  contracts = { issuers, documents: await deploy(DocumentRegistry, [IDENTITY_REGISTRY_ADDRESS, issuers]) };
  const withContracts = (c: CivitasClient): DocumentsClient =>
    c.extend(() => ({ trustedIssuers: contracts.issuers, documents: contracts.documents }));

  // The body and the operator: members of an organisation (an accrediting body and an operator
  // must be active members of the identity registry).
  const registrar = clientOf(net.registrar.privateKey);
  const { proposalId } = await admin.addOrganisation({ organisation: "bilbao.registry" });
  await clientOf(net.admins[1]!.privateKey).approveAndExecute({ id: proposalId });
  await registrar.defineRole({
    organisation: "bilbao.registry",
    role: "official",
    level: "TRANSACT",
    minAssurance: "LOW",
  });
  const keys = [generatePrivateKey(), generatePrivateKey()];
  await withCa(net.caDir, net.passphrase, async (ca) => {
    for (const [i, key] of keys.entries()) {
      const person = await ca.issuePersonCertificate({
        nationalId: `7654321${i}X`,
        assuranceLevel: "SUBSTANTIAL",
      });
      await registrar.registerMember({
        certificate: person.certificate,
        binding: await createAccountBinding({
          certificate: person.certificate,
          certificateKey: person.privateKey!,
          accountKey: key,
          chainId: net.chainId,
          registry: IDENTITY_REGISTRY_ADDRESS,
        }),
        organisation: "bilbao.registry",
        role: "official",
        trust: net.trust,
      });
    }
  });
  admin1 = withContracts(admin);
  admin2 = withContracts(clientOf(net.admins[1]!.privateKey));
  body = withContracts(clientOf(keys[0]));
  operator = withContracts(clientOf(keys[1]));
  reader = withContracts(clientOf());
  validators = (await reader.request({
    method: "qbft_getValidatorsByBlockNumber",
    params: ["latest"],
  } as never)) as Address[];
});

after(async () => {
  await net?.close();
});

describe("documents chain side through the SDK, on a running network", () => {
  it("an accrediting body is added by the admins' quorum; it registers an issuer and accredits it", async () => {
    const { proposalId } = await proposeAccreditingBody(admin1, { body: body.account!.address });
    await assert.rejects(executeIssuersGovernance(admin1, { proposalId }), (e) => {
      assert.ok(e instanceof DocumentsRevertedError);
      assert.equal(e.errorName, "GovernanceQuorumNotReached");
      assert.match(e.message, /^TrustedIssuers\.executeGovernance reverted: GovernanceQuorumNotReached\(/);
      return true;
    });
    await approveIssuersGovernance(admin2, { proposalId });
    await executeIssuersGovernance(admin2, { proposalId });
    assert.equal(await isAccreditingBody(reader, { account: body.account!.address }), true);

    await registerIssuer(body, { issuerId: ISSUER, operators: [operator.account!.address] });
    assert.equal(
      await isIssuerOperator(reader, { issuerId: ISSUER, account: operator.account!.address }),
      true,
    );
    const now = (await reader.request({
      method: "eth_getBlockByNumber",
      params: ["latest", false],
    } as never)) as {
      timestamp: Hex;
    };
    const until = BigInt(now.timestamp) + 5n * YEAR;
    await grantAccreditation(body, { issuerId: ISSUER, docType: RESIDENCE, until });
    await addIssuerKey(operator, { issuerId: ISSUER, keyId: KEY_1, validUntil: until });
    assert.equal(
      (await getAccreditations(reader, { issuerId: ISSUER, docType: RESIDENCE }))[0]?.until,
      until,
    );
    assert.equal((await getIssuerKey(reader, { issuerId: ISSUER, keyId: KEY_1 }))?.validUntil, until);
    await assert.rejects(
      anchorBatch(body, { issuerId: ISSUER, root: root("by a body"), count: 1 }),
      (e) => e instanceof DocumentsRevertedError && e.errorName === "NotIssuerOperator",
    );
  });

  it("anchors a batch and sets status; online facts and facts from a saved proof agree", async () => {
    const batch = root("batch 1");
    const anchored = await anchorBatch(operator, { issuerId: ISSUER, root: batch, count: 3 });
    assert.equal((await getAnchor(reader, { root: batch }))?.anchoredAt, anchored.anchoredAt);
    await assert.rejects(
      anchorBatch(operator, { issuerId: ISSUER, root: batch, count: 3 }),
      (e) => e instanceof DocumentsRevertedError && e.errorName === "AlreadyAnchored",
    );
    await revokeDocuments(operator, { issuerId: ISSUER, indexes: [1001] });
    await suspendDocuments(operator, { issuerId: ISSUER, indexes: [1002, 1003] });
    await resumeDocuments(operator, { issuerId: ISSUER, indexes: [1003] });
    await assert.rejects(
      operatorUnrevoke(1001),
      (e) => e instanceof DocumentsRevertedError && e.errorName === "RevocationIsFinal",
    );
    assert.equal(
      await getDocumentStatus(reader, { issuerId: ISSUER, purpose: "suspension", index: 1002 }),
      true,
    );
    const bitstring = await getStatusList(reader, { issuerId: ISSUER, purpose: "revocation" });
    assert.equal(bitstring.length, 16384);
    assert.equal(bitstring[1001 >> 3], 0x80 >> (1001 & 7));

    const queries = [
      query(batch, 1000),
      query(batch, 1001),
      query(batch, 1002),
      query(batch, 1003),
      query(batch, 1004, "ExamResults"),
      query(root("never anchored"), 5),
    ];
    const proof = JSON.parse(
      JSON.stringify(await createChainProof(reader, queries, contracts)),
    ) as ChainProof;
    const trust = { chainId: BigInt(net.chainId), validators, ...contracts };
    const block = BigInt(proof.header["number"] as Hex);
    for (const q of queries) {
      const offline = await readDocumentFactsFromProof(proof, q, trust);
      const online = await readDocumentFacts(reader, q, { ...contracts, blockNumber: block });
      assert.deepEqual(offline, online);
    }
    const facts = await Promise.all(queries.map((q) => readDocumentFactsFromProof(proof, q, trust)));
    assert.deepEqual(
      facts.map((f) => [
        f.anchor !== undefined,
        f.keyValidAtAnchor,
        f.accreditedAtAnchor,
        f.revoked,
        f.suspended,
      ]),
      [
        [true, true, true, false, false],
        [true, true, true, true, false],
        [true, true, true, false, true],
        [true, true, true, false, false],
        [true, true, false, false, false],
        [false, false, false, false, false],
      ],
    );
    assert.equal(facts[0]?.anchor?.count, 3);
    assert.equal(facts[0]?.anchor?.anchoredAt, anchored.anchoredAt);
    assert.equal(facts[0]?.blockNumber, block);
  });

  it("a key revoked now leaves the batches anchored before valid and not those anchored after", async () => {
    const early = root("before the key revocation");
    await anchorBatch(operator, { issuerId: ISSUER, root: early, count: 1 });
    await revokeIssuerKey(operator, { issuerId: ISSUER, keyId: KEY_1 });
    const late = root("after the key revocation");
    await anchorBatch(operator, { issuerId: ISSUER, root: late, count: 1 });
    assert.equal((await readDocumentFacts(reader, query(early, 1), contracts)).keyValidAtAnchor, true);
    assert.equal((await readDocumentFacts(reader, query(late, 1), contracts)).keyValidAtAnchor, false);
    assert.notEqual((await getIssuerKey(reader, { issuerId: ISSUER, keyId: KEY_1 }))?.revokedAt, 0n);
  });

  it("refuses tampered proofs, naming the check that failed", async () => {
    const batch = root("batch 2");
    await anchorBatch(operator, { issuerId: ISSUER, root: batch, count: 1 });
    await revokeDocuments(operator, { issuerId: ISSUER, indexes: [2001] });
    const q = query(batch, 2001);
    const proof = await createChainProof(reader, [q], contracts);
    const trust: ChainProofTrust = { chainId: BigInt(net.chainId), validators, ...contracts };
    assert.equal((await verifyChainProof(proof, trust)).signers.length, 1);
    const tampered = (change: (p: ChainProofMutable) => void): ChainProof => {
      const copy = structuredClone(proof) as unknown as ChainProofMutable;
      change(copy);
      return copy as unknown as ChainProof;
    };
    const refuses = async (p: ChainProof, pattern: RegExp, t = trust) =>
      assert.rejects(readDocumentFactsFromProof(p, q, t), (e) => {
        assert.ok(e instanceof ChainProofError, String(e));
        assert.equal(e.code, "CHAIN_PROOF_INVALID");
        assert.match(e.message, pattern);
        return true;
      });

    // A changed status word (the document's revocation cleared).
    // Entry 2001 is alone in word 7 of the revocation list.
    const onlyEntry2001 = 1n << BigInt(255 - (2001 % 256));
    const revocationSlot = proof.documents.storage.findIndex((s) => BigInt(s.value) === onlyEntry2001);
    assert.ok(revocationSlot >= 0);
    await refuses(
      tampered((p) => {
        p.documents.storage[revocationSlot]!.value = "0x0";
      }),
      /slot proof invalid: slot 0x[0-9a-f]+ of DocumentRegistry claims 0x0 but proves/,
    );
    // Its proof cut to nothing (claiming the slot is empty).
    await refuses(
      tampered((p) => {
        p.documents.storage[revocationSlot]!.value = "0x0";
        p.documents.storage[revocationSlot]!.proof = [];
      }),
      /slot proof invalid: slot 0x[0-9a-f]+ of DocumentRegistry does not verify against its storage root/,
    );
    // Validators the verifier does not trust, or too few seals.
    await refuses(
      proof,
      /bad seal quorum: block \d+ carries commit seals of 0 of the 1 trusted validators, 1 needed/,
      {
        ...trust,
        validators: [net.admins[0]!.address],
      },
    );
    await refuses(
      tampered((p) => {
        p.header["extraData"] = cutSeals(p.header["extraData"] as Hex);
      }),
      /bad seal quorum: block \d+ carries commit seals of 0 of the 1 trusted validators/,
    );
    // Another state root in the header, a wrong block hash, an account proof that is not the state's.
    await refuses(
      tampered((p) => {
        p.header["stateRoot"] = keccak256("0x01");
      }),
      /header hash mismatch/,
    );
    await refuses(
      tampered((p) => {
        const node = p.documents.accountProof[0] as Hex;
        p.documents.accountProof[0] = `${node.slice(0, -2)}${node.endsWith("00") ? "01" : "00"}` as Hex;
      }),
      /state root mismatch: the account proof of DocumentRegistry 0x[0-9a-fA-F]{40} does not lead to the header's state root/,
    );
    await refuses(
      tampered((p) => {
        p.blockHash = keccak256("0x02");
      }),
      /header hash mismatch/,
    );
    // An account proof of another contract, a proof for another chain, a query it does not cover.
    await refuses(
      proof,
      /the DocumentRegistry proof is for 0x[0-9a-fA-F]{40}, not the trusted 0x0{35}C1705/i,
      { ...trust, documents: undefined },
    );
    await refuses(proof, /the proof is for chain \d+, not 999/, { ...trust, chainId: 999n });
    await assert.rejects(
      readDocumentFactsFromProof(proof, query(batch, 70_000), trust),
      /the proof does not cover status entry 70000/,
    );
  });
});

type ChainProofMutable = {
  blockHash: Hex;
  header: Record<string, Hex>;
  documents: { accountProof: Hex[]; storage: { slot: Hex; value: Hex; proof: Hex[] }[] };
};

function operatorUnrevoke(index: number) {
  return setDocumentStatus(operator, {
    issuerId: ISSUER,
    purpose: "revocation",
    indexes: [index],
    value: false,
  });
}

/** extraData with its seal list emptied (RLP([vanity, validators, vote, round, []])). */
function cutSeals(extraData: Hex): Hex {
  const items = fromRlp(extraData, "hex") as unknown as [Hex, Hex[], Hex[], Hex, Hex[]];
  return toRlp([items[0], items[1], items[2], items[3], []]);
}
