// Official documents off chain: credentials, JWS, Merkle batches, status indexes and the verifier's
// reasons, against an in-memory chain (the chain side has its own tests on a running network).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import * as jose from "jose";
import { bytesToHex, type Hex, toHex } from "viem";
import type { DocumentChainFacts, DocumentFactsQuery } from "../src/documents/chainFacts.ts";
import {
  buildMerkleTree,
  createStatusIndexAllocator,
  DOCUMENT_KINDS,
  type DocumentBundle,
  type DocumentCredential,
  docTypeOf,
  documentLeaf,
  exportIssuerKey,
  generateIssuerKey,
  InvalidArgumentError,
  issueBatch,
  keyIdentifiers,
  loadIssuerKey,
  nodeJwsVerifier,
  parseJws,
  processProof,
  STATUS_LIST_SIZE,
  toIdentifier,
  toP256PublicJwk,
  verifyDocument,
  webCryptoJwsVerifier,
} from "../src/index.ts";

/** An in-memory chain: anchors, key validity, accreditations and status bits, as the contracts answer them. */
function memoryChain() {
  const anchors = new Map<Hex, { issuerId: Hex; anchoredAt: bigint; count: number }>();
  const keys = new Set<Hex>();
  const accredited = new Set<string>();
  const revoked = new Set<string>();
  const suspended = new Set<string>();
  const facts = (q: DocumentFactsQuery): DocumentChainFacts => ({
    anchor: anchors.get(q.root),
    keyValidAtAnchor: keys.has(q.keyId),
    accreditedAtAnchor: accredited.has(`${q.issuerId}/${q.docType}`),
    revoked: revoked.has(`${q.issuerId}/${q.statusIndex}`),
    suspended: suspended.has(`${q.issuerId}/${q.statusIndex}`),
    blockNumber: 7n,
    blockTimestamp: 1_800_000_000n,
  });
  return { anchors, keys, accredited, revoked, suspended, facts };
}

const ISSUER = "bilbao.registry";
const RESIDENT = {
  name: "Miren Etxeberria",
  address: "Calle Mayor 1, 48001",
  municipality: "Bilbao",
  residentSince: "2019-04-01",
};

function issueResidence(count: number) {
  const key = generateIssuerKey();
  const statusIndexes = createStatusIndexAllocator();
  const batch = issueBatch({
    issuerId: ISSUER,
    key,
    statusIndexes,
    documents: Array.from({ length: count }, (_, i) => ({
      kind: DOCUMENT_KINDS.residence,
      subject: { ...RESIDENT, name: `${RESIDENT.name} ${i}` },
    })),
  });
  const chain = memoryChain();
  chain.anchors.set(batch.root, { issuerId: batch.issuerId, anchoredAt: 1_790_000_000n, count: batch.count });
  chain.keys.add(key.keyId);
  chain.accredited.add(`${batch.issuerId}/${docTypeOf(DOCUMENT_KINDS.residence)}`);
  return { key, batch, chain };
}

function reasonOf(report: { failure?: { reason: string } }): string | undefined {
  return report.failure?.reason;
}

/** Re-encodes a JWS payload, keeping the header and signature (a tampered copy). */
function withPayload(jws: string, change: (payload: Record<string, unknown>) => void): string {
  const [h, p, s] = jws.split(".");
  const payload = JSON.parse(Buffer.from(p!, "base64url").toString("utf8"));
  change(payload);
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
}

describe("document batches", () => {
  it("builds the same tree and proofs as OpenZeppelin's SimpleMerkleTree", () => {
    for (const n of [1, 2, 3, 5, 8, 13, 100]) {
      const leaves = Array.from({ length: n }, (_, i) => keccak_256(new TextEncoder().encode(`doc ${i}`)));
      const ours = buildMerkleTree(leaves);
      const theirs = SimpleMerkleTree.of(
        leaves.map((l) => bytesToHex(l)),
        { sortLeaves: false },
      );
      assert.equal(ours.root, theirs.root, `root of ${n}`);
      for (let i = 0; i < n; i++) {
        assert.deepEqual(ours.proof(i), theirs.getProof(i), `proof ${i} of ${n}`);
        assert.equal(processProof(leaves[i]!, ours.proof(i)), ours.root);
        assert.ok(SimpleMerkleTree.verify(ours.root, bytesToHex(leaves[i]!), ours.proof(i)));
      }
    }
    assert.throws(() => buildMerkleTree([]), InvalidArgumentError);
  });

  it("issues a batch: one root, each bundle's leaf and proof lead to it, status indexes distinct", () => {
    const { key, batch } = issueResidence(50);
    assert.equal(batch.count, 50);
    assert.equal(new Set(batch.statusIndexes).size, 50);
    for (const [i, bundle] of batch.bundles.entries()) {
      assert.equal(bundle.batch.leaf, bytesToHex(documentLeaf(bundle.credential)));
      assert.equal(processProof(documentLeaf(bundle.credential), bundle.batch.proof), batch.root);
      const { header, payload } = parseJws(bundle.credential);
      assert.deepEqual(header, { alg: "ES256", typ: "vc+jwt", kid: key.kid });
      const vc = payload as DocumentCredential;
      assert.deepEqual(vc["@context"], ["https://www.w3.org/ns/credentials/v2"]);
      assert.deepEqual(vc.type, ["VerifiableCredential", "ResidenceCertificate"]);
      assert.equal(vc.issuer.id, "urn:civitas:issuer:bilbao.registry");
      assert.deepEqual(
        vc.credentialStatus.map((e) => [e.type, e.statusPurpose, e.statusListIndex]),
        [
          ["BitstringStatusListEntry", "revocation", String(batch.statusIndexes[i])],
          ["BitstringStatusListEntry", "suspension", String(batch.statusIndexes[i])],
        ],
      );
      // Residence certificates default to 90 days.
      assert.equal(Date.parse(vc.validUntil ?? "") - Date.parse(vc.validFrom), 90 * 86_400_000);
    }
  });

  it("hands out random, unused status indexes, restartable from the saved bitmap, until the list is full", () => {
    const a = createStatusIndexAllocator();
    const first = Array.from({ length: 1000 }, () => a.next());
    assert.equal(new Set(first).size, 1000);
    assert.ok(first.every((i) => Number.isInteger(i) && i >= 0 && i < STATUS_LIST_SIZE));
    // Random: not a run of consecutive indexes.
    assert.ok(first.some((v, i) => i > 0 && Math.abs(v - first[i - 1]!) > 1));
    const b = createStatusIndexAllocator(a.bitmap());
    assert.equal(b.used, 1000);
    for (let i = 0; i < STATUS_LIST_SIZE - 1000; i++) assert.equal(first.includes(b.next()), false);
    assert.equal(b.free, 0);
    assert.throws(() => b.next(), /status lists are full/);
  });

  it("checks each kind's subject and validity", () => {
    const key = generateIssuerKey();
    const issue = (kind: keyof typeof DOCUMENT_KINDS, subject: unknown, validUntil?: Date) =>
      issueBatch({
        issuerId: ISSUER,
        key,
        statusIndexes: createStatusIndexAllocator(),
        documents: [{ kind: DOCUMENT_KINDS[kind], subject, validUntil }],
      });
    assert.throws(() => issue("residence", { name: "x" }), /needs address, municipality, residentSince/);
    const exam = { name: "Ane", school: "IES Bilbao", exam: "EBAU 2026", results: { math: 8.5 } };
    assert.throws(() => issue("exam-results", { ...exam, resultStatus: "provisional" }), /reviewUntil/);
    assert.throws(() => issue("exam-results", { ...exam, resultStatus: "maybe" }), /resultStatus/);
    issue("exam-results", { ...exam, resultStatus: "provisional", reviewUntil: "2026-07-10T00:00:00Z" });
    const tax = { name: "Ane", taxpayer: "B95000000", outstandingDebt: false };
    assert.throws(
      () => issue("tax-compliance", tax, new Date(Date.now() + 200 * 86_400_000)),
      /at most 90 days/,
    );
    const payload = parseJws(issue("tax-compliance", tax).bundles[0]!.credential).payload as Record<
      string,
      string
    >;
    assert.equal(Date.parse(payload.validUntil!) - Date.parse(payload.validFrom!), 30 * 86_400_000);
  });

  it("keeps issuer keys as JWK files, identified by their RFC 7638 thumbprint", async () => {
    const key = generateIssuerKey();
    const again = loadIssuerKey(exportIssuerKey(key));
    assert.equal(again.keyId, key.keyId);
    assert.equal(key.kid, await jose.calculateJwkThumbprint(key.publicJwk, "sha256"));
    assert.equal(key.keyId, bytesToHex(Buffer.from(key.kid, "base64url")));
    assert.throws(() => loadIssuerKey("not a key"), InvalidArgumentError);
  });
});

describe("document verification", () => {
  it("accepts a valid document with WebCrypto and with node:crypto, listing every check", async () => {
    const { batch, chain } = issueResidence(4);
    for (const verifier of [webCryptoJwsVerifier(), nodeJwsVerifier()]) {
      const report = await verifyDocument(batch.bundles[2], { facts: chain.facts, verifier });
      assert.equal(report.valid, true, reasonOf(report));
      assert.ok(report.checks.every((c) => c.status === "passed"));
      assert.equal(report.checks.length, 13);
      assert.equal(report.root, batch.root);
      assert.equal(report.document?.statusIndex, batch.statusIndexes[2]);
    }
    // Also from the bundle's JSON text, as read from a file.
    assert.equal(
      (await verifyDocument(JSON.stringify(batch.bundles[0]), { facts: chain.facts })).valid,
      true,
    );
  });

  it("refuses tampered copies with the exact reason", async () => {
    const { key, batch, chain } = issueResidence(4);
    const good = batch.bundles[1]!;
    const check = async (bundle: unknown, reason: string | RegExp, o: { at?: Date } = {}) => {
      const report = await verifyDocument(bundle, { facts: chain.facts, ...o });
      assert.equal(report.valid, false);
      if (typeof reason === "string") assert.equal(reasonOf(report), reason);
      else assert.match(reasonOf(report) ?? "", reason);
      const failed = report.checks.filter((c) => c.status === "failed");
      assert.equal(failed.length, 1);
      return report;
    };
    const changedSubject = withPayload(good.credential, (p) => {
      (p.credentialSubject as Record<string, string>).address = "Calle Falsa 123";
    });
    await check({ ...good, credential: changedSubject }, "signature does not verify");
    const changedIssuer = withPayload(good.credential, (p) => {
      p.issuer = { id: "urn:civitas:issuer:other.city" };
    });
    await check({ ...good, credential: changedIssuer }, "signature does not verify");

    // Re-signed by someone else's key, claiming the same issuer.
    const forger = generateIssuerKey();
    const forged = issueBatch({
      issuerId: ISSUER,
      key: forger,
      statusIndexes: createStatusIndexAllocator(),
      documents: [{ kind: DOCUMENT_KINDS.residence, subject: RESIDENT }],
    }).bundles[0]!;
    // ... with the original batch's proof: the leaf is not in the batch.
    await check(
      { ...forged, batch: { ...good.batch, leaf: forged.batch.leaf } },
      /^Merkle proof does not lead to the batch root/,
    );
    // ... as its own batch: a root nobody anchored.
    await check(forged, `Merkle proof does not lead to an anchored root (root ${forged.batch.root})`);
    // ... keeping the issuer's key in the bundle: the kid names another key.
    await check(
      { ...forged, issuerKey: good.issuerKey },
      /^the issuer key's thumbprint .* is not the JWS kid/,
    );
    // ... anchored by the forger as its own issuer, but claiming bilbao.registry.
    chain.anchors.set(forged.batch.root, { issuerId: toIdentifier("forger"), anchoredAt: 1n, count: 1 });
    await check(forged, `root ${forged.batch.root} was anchored by issuer forger, not by bilbao.registry`);

    const wrongProof = [...good.batch.proof];
    wrongProof[0] = toHex(keccak_256(new Uint8Array([1])));
    await check(
      { ...good, batch: { ...good.batch, proof: wrongProof } },
      /^Merkle proof does not lead to the batch root/,
    );
    await check(
      { ...good, batch: { ...good.batch, leaf: batch.bundles[0]!.batch.leaf } },
      "document hash does not match the leaf",
    );
    await check({ ...good, credential: "abc.def" }, "a compact JWS has three parts separated by dots");

    const index = batch.statusIndexes[1]!;
    chain.suspended.add(`${batch.issuerId}/${index}`);
    await check(good, `suspended (status list index ${index})`);
    chain.revoked.add(`${batch.issuerId}/${index}`);
    await check(good, `revoked (status list index ${index})`);
    // The other documents of the batch are untouched.
    for (const other of [0, 2, 3])
      assert.equal((await verifyDocument(batch.bundles[other], { facts: chain.facts })).valid, true);

    const payload = parseJws(batch.bundles[0]!.credential).payload as {
      validUntil: string;
      validFrom: string;
    };
    await check(batch.bundles[0], `expired at ${payload.validUntil}`, {
      at: new Date(Date.parse(payload.validUntil) + 1000),
    });
    await check(batch.bundles[0], `not valid before ${payload.validFrom}`, {
      at: new Date(Date.parse(payload.validFrom) - 1000),
    });

    chain.keys.clear();
    await check(batch.bundles[0], `issuer key ${key.kid} not valid at 2026-09-21T14:13:20Z`);
    chain.accredited.clear();
    await check(batch.bundles[0], "issuer not accredited for ResidenceCertificate at 2026-09-21T14:13:20Z");
  });

  it("verifies a credential made and signed with an independent library (jose, OpenZeppelin's tree)", async () => {
    const { privateKey, publicKey } = await jose.generateKeyPair("ES256", { extractable: true });
    const publicJwk = await jose.exportJWK(publicKey);
    const kid = await jose.calculateJwkThumbprint(publicJwk, "sha256");
    const issuerId = toIdentifier("school.ies-bilbao");
    const status = (purpose: string) => ({
      id: `urn:civitas:status:school.ies-bilbao:${purpose}#4242`,
      type: "BitstringStatusListEntry",
      statusPurpose: purpose,
      statusListIndex: "4242",
      statusListCredential: `urn:civitas:status:school.ies-bilbao:${purpose}`,
    });
    const vc = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: "urn:uuid:8a1c2f9e-0b7d-4e55-9d3a-2f1f0c7b6e01",
      type: ["VerifiableCredential", "ExamResults"],
      issuer: { id: "urn:civitas:issuer:school.ies-bilbao", name: "IES Bilbao" },
      validFrom: "2026-06-20T09:00:00Z",
      credentialSubject: {
        name: "Ane Goikoetxea",
        school: "IES Bilbao",
        exam: "EBAU 2026",
        results: { mathematics: 8.75, basque: 9.1 },
        resultStatus: "provisional",
        reviewUntil: "2026-07-05T00:00:00Z",
      },
      credentialStatus: [status("revocation"), status("suspension")],
    };
    const sign = (payload: object) =>
      new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: "ES256", typ: "vc+jwt", kid })
        .sign(privateKey);
    const jws = await sign(vc);
    const others = await Promise.all([1, 2, 3].map((i) => sign({ ...vc, id: `urn:uuid:other-${i}` })));
    const leafOf = (s: string) => bytesToHex(keccak_256(createHash("sha256").update(s).digest()));
    const tree = SimpleMerkleTree.of([jws, ...others].map(leafOf), { sortLeaves: false });
    const bundle: DocumentBundle = {
      type: "CivitasDocumentBundle",
      version: 1,
      credential: jws,
      issuerKey: toP256PublicJwk(publicJwk),
      batch: { root: tree.root as Hex, size: 4, leaf: leafOf(jws), proof: tree.getProof(0) as Hex[] },
    };
    const chain = memoryChain();
    chain.anchors.set(tree.root as Hex, { issuerId, anchoredAt: 1_782_000_000n, count: 4 });
    chain.keys.add(keyIdentifiers(bundle.issuerKey).keyId);
    chain.accredited.add(`${issuerId}/${docTypeOf(DOCUMENT_KINDS["exam-results"])}`);
    const at = new Date("2026-06-25T00:00:00Z");
    const report = await verifyDocument(bundle, { facts: chain.facts, at });
    assert.equal(report.valid, true, reasonOf(report));
    assert.equal(report.document?.provisionalUntil, "2026-07-05T00:00:00Z");
    assert.equal(report.document?.type, "ExamResults");

    // Our signatures verify with jose too.
    const ours = issueResidence(1).batch.bundles[0]!;
    const verified = await jose.compactVerify(ours.credential, await jose.importJWK(ours.issuerKey, "ES256"));
    assert.equal(verified.protectedHeader.typ, "vc+jwt");

    // Tampered copies of the outside document.
    const tampered = withPayload(jws, (p) => {
      (p.credentialSubject as Record<string, unknown>).results = { mathematics: 10 };
    });
    const r1 = await verifyDocument({ ...bundle, credential: tampered }, { facts: chain.facts, at });
    assert.equal(reasonOf(r1), "signature does not verify");
    const { privateKey: otherKey, publicKey: otherPublic } = await jose.generateKeyPair("ES256", {
      extractable: true,
    });
    const otherJwk = await jose.exportJWK(otherPublic);
    const resigned = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(vc)))
      .setProtectedHeader({ alg: "ES256", typ: "vc+jwt", kid: await jose.calculateJwkThumbprint(otherJwk) })
      .sign(otherKey);
    const r2 = await verifyDocument(
      {
        ...bundle,
        credential: resigned,
        issuerKey: toP256PublicJwk(otherJwk),
        batch: { ...bundle.batch, leaf: leafOf(resigned) },
      },
      { facts: chain.facts, at },
    );
    assert.match(reasonOf(r2) ?? "", /^Merkle proof does not lead to the batch root/);
    // The issuer's published key set decides, not the bundle.
    const r3 = await verifyDocument(bundle, {
      facts: chain.facts,
      at,
      issuerKeys: [toP256PublicJwk(otherJwk)],
    });
    assert.equal(reasonOf(r3), `key ${kid} is not in the issuer's published key set`);
  });
});
