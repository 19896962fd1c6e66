// The documents' encodings have a fast path where Node runs (Buffer's base64url and hex) and a
// portable one for browsers; both must give the same text and refuse the same input. Also: a
// batch's bundles built one at a time equal those built all at once, and the facts read once per
// batch from a verified chain proof, or online from a batch's anchor and whole status lists, equal
// those read document by document.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import { DOCUMENTS_STORAGE, STATUS_LIST_WORDS } from "@civitas/contracts";
import { bytesToHex, concatHex, type Hex, hexToBigInt, keccak256, numberToHex } from "viem";
import { type DocumentsBenchNetwork, startDocumentsBenchNetwork } from "../../../bench/documents/network.ts";
import { type DocumentFactsQuery, readDocumentFactsBatch } from "../src/documents/chainFacts.ts";
import { factsFromVerifiedProof, type VerifiedChainProof } from "../src/documents/chainProof.ts";
import {
  base64url,
  base64urlPortable,
  bytes32FromHex,
  fromBase64url,
  fromBase64urlPortable,
  jwkThumbprint,
  keyIdentifiers,
  toHexFast,
  toHexPortable,
} from "../src/documents/jws.ts";
import { verifiedProofFacts } from "../src/documents/verify.ts";
import {
  createStatusIndexAllocator,
  DOCUMENT_KINDS,
  docTypeOf,
  generateIssuerKey,
  InvalidArgumentError,
  issueBatch,
  loadIssuerKey,
  onlineDocumentFacts,
  processProof,
  toIdentifier,
} from "../src/index.ts";

const samples = (): Uint8Array[] => [
  new Uint8Array(0),
  ...Array.from({ length: 64 }, (_, n) => new Uint8Array(randomBytes(n))),
  new Uint8Array(randomBytes(20_000)),
  // A view into a larger buffer: only its own bytes count.
  new Uint8Array(randomBytes(64).buffer, 7, 33),
];

describe("document encodings: fast and portable paths agree", () => {
  it("base64url of bytes and of UTF-8 text", () => {
    for (const bytes of samples()) {
      const expected = Buffer.from(bytes).toString("base64url");
      assert.equal(base64url(bytes), expected);
      assert.equal(base64urlPortable(bytes), expected);
    }
    for (const text of ["", "a", "ab", "abc", '{"alg":"ES256"}', "Gran Vía 3, Bilbo — ñ €", "😀 x"]) {
      const expected = Buffer.from(text, "utf8").toString("base64url");
      assert.equal(base64url(text), expected);
      assert.equal(base64urlPortable(text), expected);
    }
  });

  it("decodes base64url the same way and refuses the same text", () => {
    for (const bytes of samples()) {
      const text = Buffer.from(bytes).toString("base64url");
      assert.deepEqual(fromBase64url(text), Uint8Array.from(bytes));
      assert.deepEqual(fromBase64urlPortable(text), Uint8Array.from(bytes));
    }
    for (const bad of ["ab+c", "ab/c", "abc=", "ab c", "a.b", "é"]) {
      assert.throws(() => fromBase64url(bad), InvalidArgumentError, bad);
      assert.throws(() => fromBase64urlPortable(bad), InvalidArgumentError, bad);
    }
    // 4n+1 characters encode nothing: both refuse (atob's error).
    assert.throws(() => fromBase64url("abcde"));
    assert.throws(() => fromBase64urlPortable("abcde"));
  });

  it("hex as viem writes it, and 32-byte words read back", () => {
    for (const bytes of samples()) {
      assert.equal(toHexFast(bytes), bytesToHex(bytes));
      assert.equal(toHexPortable(bytes), bytesToHex(bytes));
    }
    const word = new Uint8Array(randomBytes(32));
    assert.deepEqual(bytes32FromHex(bytesToHex(word)), word);
    assert.deepEqual(bytes32FromHex(bytesToHex(word).toUpperCase().replace("0X", "0x")), word);
    for (const bad of [bytesToHex(word).slice(0, 64), `${bytesToHex(word)}00`, `0x${"g".repeat(64)}`, "12"])
      assert.equal(bytes32FromHex(bad), undefined, bad);
  });

  it("malformed Merkle proof elements are still refused", () => {
    const leaf = new Uint8Array(32);
    assert.throws(() => processProof(leaf, [`0x${"zz".repeat(32)}`]));
    assert.throws(() => processProof(leaf, ["0x1234"]), /32 bytes/);
  });

  it("key identifiers (kept per key) equal the thumbprint", () => {
    const key = generateIssuerKey();
    for (let i = 0; i < 2; i++) {
      const ids = keyIdentifiers(key.publicJwk);
      const thumbprint = jwkThumbprint(key.publicJwk);
      assert.equal(ids.kid, Buffer.from(thumbprint).toString("base64url"));
      assert.equal(ids.keyId, bytesToHex(thumbprint));
    }
  });
});

describe("batch bundles", () => {
  it("one at a time equal all at once, and the proofs lead to the root", () => {
    const batch = issueBatch({
      issuerId: "bilbao.registry",
      key: generateIssuerKey(),
      statusIndexes: createStatusIndexAllocator(),
      documents: Array.from({ length: 7 }, (_, i) => ({
        kind: DOCUMENT_KINDS.residence,
        subject: {
          name: `R ${i}`,
          address: "Calle Mayor 1",
          municipality: "Bilbao",
          residentSince: "2020-01-01",
        },
      })),
    });
    const one = Array.from({ length: 7 }, (_, i) => batch.bundle(i));
    assert.deepEqual(one, batch.bundles);
    assert.equal(batch.bundles, batch.bundles);
    // Twice: the second time the shared upper nodes are known; a changed sibling still changes the root.
    for (let round = 0; round < 2; round++)
      for (const b of one) {
        const leaf = Buffer.from(b.batch.leaf.slice(2), "hex");
        assert.equal(processProof(leaf, b.batch.proof), batch.root);
        const tampered = [...b.batch.proof];
        tampered[0] = `0x${"00".repeat(32)}`;
        assert.notEqual(processProof(leaf, tampered), batch.root);
        assert.equal(
          processProof(
            leaf,
            b.batch.proof.map((h) => h.toUpperCase().replace("0X", "0x") as Hex),
          ),
          batch.root,
        );
      }
    assert.throws(() => batch.bundle(7), InvalidArgumentError);
    assert.equal(JSON.parse(JSON.stringify(batch)).bundles.length, 7);
  });
});

describe("facts from a verified chain proof, read once per batch", () => {
  // Storage words laid out as the contracts document it (DOCUMENTS_STORAGE), for two batches of
  // one issuer, a second issuer's batch, and status words with bits set; factsFromVerifiedProof
  // (which refuses any slot it does not find) is the reference.
  const w = (v: bigint) => numberToHex(v, { size: 32 });
  const mapping = (key: Hex, slot: bigint) => hexToBigInt(keccak256(concatHex([key, w(slot)])));
  const random = () => hexToBigInt(bytesToHex(randomBytes(32)));
  const issuerA = toIdentifier("bilbao.registry");
  const issuerB = toIdentifier("bizkaia.tax");
  const keyId = bytesToHex(randomBytes(32));
  const docType = toIdentifier("ResidenceCertificate");
  const roots = [bytesToHex(randomBytes(32)), bytesToHex(randomBytes(32)), bytesToHex(randomBytes(32))];
  const documents = new Map<bigint, bigint>();
  const issuers = new Map<bigint, bigint>();
  const issuerOf = [issuerA, issuerA, issuerB];
  roots.forEach((root, i) => {
    const a = mapping(root, DOCUMENTS_STORAGE.documentRegistry.anchors);
    documents.set(a, hexToBigInt(issuerOf[i]!));
    // The second batch was anchored after the key's validity ended.
    documents.set(a + 1n, (i === 1 ? 3_000n : 1_500n) | (7n << 64n) | (100n << 128n));
  });
  for (const issuer of [issuerA, issuerB]) {
    issuers.set(
      mapping(keyId, mapping(issuer, DOCUMENTS_STORAGE.trustedIssuers.keys)),
      1_000n | (2_000n << 64n) | (0n << 128n) | (900n << 192n),
    );
    const length = mapping(docType, mapping(issuer, DOCUMENTS_STORAGE.trustedIssuers.accreditations));
    issuers.set(length, 1n);
    issuers.set(hexToBigInt(keccak256(w(length))), 1_200n | (5_000n << 64n));
    const list = mapping(issuer, DOCUMENTS_STORAGE.documentRegistry.status);
    // Words 0..3 of each list are covered; word 3 is left out of the suspension list.
    for (let word = 0n; word < 4n; word++) {
      documents.set(list + word, random());
      if (word < 3n) documents.set(list + BigInt(STATUS_LIST_WORDS) + word, random());
    }
  }
  const verified: VerifiedChainProof = {
    blockNumber: 42n,
    blockTimestamp: 9_999n,
    blockHash: bytesToHex(randomBytes(32)),
    signers: [],
    documents,
    issuers,
  };

  it("answers as factsFromVerifiedProof for every document, refusing uncovered entries alike", () => {
    const read = verifiedProofFacts(verified);
    let refused = 0;
    for (let index = 0; index < 4 * 256; index += 3)
      for (const [i, root] of roots.entries()) {
        const q = { root, issuerId: issuerOf[i]!, keyId, docType, statusIndex: index };
        let expected: unknown;
        try {
          expected = factsFromVerifiedProof(verified, q);
        } catch (err) {
          assert.throws(() => read(q), { message: (err as Error).message });
          refused++;
          continue;
        }
        assert.deepEqual(read(q), expected);
      }
    assert.equal(refused, Math.ceil(256 / 3) * 3);
    // An unknown root has no anchor either way.
    const unknown = { root: bytesToHex(randomBytes(32)), issuerId: issuerA, keyId, docType, statusIndex: 5 };
    assert.throws(() => read(unknown), /does not cover the anchor/);
  });
});

describe("online facts read together on a running network", () => {
  let net: DocumentsBenchNetwork | undefined;
  after(async () => {
    await net?.close();
  });

  it("many documents of one issuer (anchor per batch, status lists read whole) answer as documentFactsBatch", async () => {
    net = await startDocumentsBenchNetwork(1);
    const issuer = net.issuers[0]!;
    const key = loadIssuerKey(issuer.privateJwk);
    const allocator = createStatusIndexAllocator();
    const queries: DocumentFactsQuery[] = [];
    for (let b = 0; b < 2; b++) {
      const batch = issueBatch({
        issuerId: issuer.issuerId,
        key,
        statusIndexes: allocator,
        documents: Array.from({ length: 60 }, (_, i) => ({
          kind: DOCUMENT_KINDS.residence,
          subject: {
            name: `R ${b}-${i}`,
            address: "Calle Mayor 1",
            municipality: "Bilbao",
            residentSince: "2020-01-01",
          },
        })),
      });
      await net.anchor(0, batch.root, batch.count);
      for (const statusIndex of batch.statusIndexes)
        queries.push({
          root: batch.root,
          issuerId: batch.issuerId,
          keyId: key.keyId,
          docType: docTypeOf(DOCUMENT_KINDS.residence),
          statusIndex,
        });
    }
    // A root never anchored, and documents revoked or suspended in both batches.
    queries.push({ ...queries[0]!, root: bytesToHex(randomBytes(32)) });
    const issuerId = queries[0]!.issuerId;
    await net.operatorCall("documents", "setStatus", [
      issuerId,
      0,
      [queries[3]!.statusIndex, queries[70]!.statusIndex],
      true,
    ]);
    await net.operatorCall("documents", "setStatus", [
      issuerId,
      1,
      [queries[5]!.statusIndex, queries[90]!.statusIndex],
      true,
    ]);

    const contracts = { documents: net.documents, issuers: net.trustedIssuers };
    const source = onlineDocumentFacts(net.client, contracts);
    const grouped = await Promise.all(queries.map((q) => source(q)));
    const direct = await readDocumentFactsBatch(net.client, queries, {
      ...contracts,
      blockNumber: grouped[0]!.blockNumber,
    });
    assert.deepEqual(grouped, direct);
    assert.deepEqual(
      [3, 70, 5, 90].map((i) => [grouped[i]!.revoked, grouped[i]!.suspended]),
      [
        [true, false],
        [true, false],
        [false, true],
        [false, true],
      ],
    );
    assert.equal(grouped.at(-1)!.anchor, undefined);
    assert.equal(grouped.filter((f) => f.revoked || f.suspended).length, 4);
  });
});
