// Official documents end to end on a running one-validator network: issue → anchor → verify
// (online and offline with a chain proof), one document of a batch revoked, a key revoked at T,
// an issuer not accredited for a type.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type DocumentsBenchNetwork, startDocumentsBenchNetwork } from "../../../bench/documents/network.ts";
import { createChainProof, readDocumentFactsFromProof } from "../src/documents/chainFacts.ts";
import {
  createStatusIndexAllocator,
  DOCUMENT_KINDS,
  type DocumentBundle,
  type DocumentKind,
  type IssuedBatch,
  issueBatch,
  loadIssuerKey,
  nodeJwsVerifier,
  onlineDocumentFacts,
  toIdentifier,
  verifyDocument,
} from "../src/index.ts";

let net: DocumentsBenchNetwork;
const statusIndexes = createStatusIndexAllocator();

before(async () => {
  net = await startDocumentsBenchNetwork(1);
});
after(async () => {
  await net?.close();
});

const RESIDENT = {
  name: "Miren",
  address: "Calle Mayor 1, 48001",
  municipality: "Bilbao",
  residentSince: "2019-04-01",
};

async function issueAndAnchor(kind: DocumentKind, subjects: unknown[]): Promise<IssuedBatch> {
  const batch = issueBatch({
    issuerId: net.issuers[0]!.issuerId,
    key: loadIssuerKey(net.issuers[0]!.privateJwk),
    statusIndexes,
    documents: subjects.map((subject) => ({ kind, subject })),
  });
  await net.anchor(0, batch.root, batch.count);
  return batch;
}

function online(bundle: DocumentBundle) {
  return verifyDocument(bundle, {
    facts: onlineDocumentFacts(net.client, { documents: net.documents, issuers: net.trustedIssuers }),
    verifier: nodeJwsVerifier(),
  });
}

describe("official documents on a running network", () => {
  it("issues a batch, anchors its root in one transaction, verifies online and offline; revokes one document only", async () => {
    const batch = await issueAndAnchor(
      DOCUMENT_KINDS.residence,
      [0, 1, 2].map((i) => ({ ...RESIDENT, name: `Resident ${i}` })),
    );
    for (const bundle of batch.bundles) {
      const report = await online(bundle);
      assert.equal(report.valid, true, report.failure?.reason);
    }

    // Offline: a chain proof saved now, checked against the validators only.
    const queries = batch.bundles.map((_, i) => ({
      root: batch.root,
      issuerId: batch.issuerId,
      keyId: loadIssuerKey(net.issuers[0]!.privateJwk).keyId,
      docType: toIdentifier("ResidenceCertificate"),
      statusIndex: batch.statusIndexes[i]!,
    }));
    const options = { documents: net.documents, issuers: net.trustedIssuers };
    const proof = JSON.parse(JSON.stringify(await createChainProof(net.client, queries, options)));
    const trust = { chainId: BigInt(net.chainId), validators: net.validators, ...options };
    const offline = await verifyDocument(batch.bundles[1], {
      facts: (q) => readDocumentFactsFromProof(proof, q, trust),
      verifier: nodeJwsVerifier(),
    });
    assert.equal(offline.valid, true, offline.failure?.reason);
    const distrusted = await verifyDocument(batch.bundles[1], {
      facts: (q) =>
        readDocumentFactsFromProof(proof, q, { ...trust, validators: [net.net.admins[0]!.address] }),
    });
    assert.equal(distrusted.valid, false);
    assert.match(distrusted.failure?.reason ?? "", /^cannot read the chain's facts: /);

    // One bad document of the batch revoked: the others stay valid.
    const bad = batch.statusIndexes[1]!;
    await net.operatorCall("documents", "setStatus", [batch.issuerId, 0, [bad], true]);
    assert.equal((await online(batch.bundles[1]!)).failure?.reason, `revoked (status list index ${bad})`);
    for (const i of [0, 2]) assert.equal((await online(batch.bundles[i]!)).valid, true);
    // The offline proof is a snapshot: it still shows the document as it was at its block.
    assert.equal(
      (await verifyDocument(batch.bundles[1], { facts: (q) => readDocumentFactsFromProof(proof, q, trust) }))
        .valid,
      true,
    );
  });

  it("refuses a type the issuer is not accredited for", async () => {
    const batch = await issueAndAnchor(DOCUMENT_KINDS["exam-results"], [
      { name: "Ane", school: "IES", exam: "EBAU", results: { math: 9 }, resultStatus: "final" },
    ]);
    const report = await online(batch.bundles[0]!);
    assert.match(report.failure?.reason ?? "", /^issuer not accredited for ExamResults at \d{4}-\d\d-\d\dT/);
  });

  it("a key revoked at T leaves the documents anchored before T valid, and refuses those anchored after", async () => {
    const before = await issueAndAnchor(DOCUMENT_KINDS.residence, [RESIDENT]);
    const key = loadIssuerKey(net.issuers[0]!.privateJwk);
    await net.operatorCall("issuers", "revokeKey", [before.issuerId, key.keyId, 0n]);
    const afterRevocation = await issueAndAnchor(DOCUMENT_KINDS.residence, [RESIDENT]);
    assert.equal((await online(before.bundles[0]!)).valid, true);
    const report = await online(afterRevocation.bundles[0]!);
    assert.match(report.failure?.reason ?? "", new RegExp(`^issuer key ${key.kid} not valid at `));
  });
});
