import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createAddressFromString } from "@ethereumjs/util";
import { encodeFunctionData, type Hex, keccak256, stringToHex, toHex } from "viem";
import { IdentityRegistry, StatusPurpose, TrustedIssuers } from "../src/index.ts";
import {
  createDocumentsFixture,
  type DocumentsFixture,
  EXAM_RESULTS,
  ISSUER,
  KEY_1,
  KEY_2,
  RESIDENCE,
  YEAR,
} from "./support/documentsFixture.ts";
import { expectRevert } from "./support/evmHarness.ts";
import { slotOf as layoutSlotOf, storageLayoutOf } from "./support/storageLayout.ts";

const ROOT_A = keccak256(stringToHex("batch A"));
const ROOT_B = keccak256(stringToHex("batch B"));
const ROOT_C = keccak256(stringToHex("batch C"));
const OTHER_ISSUER = stringToHex("bizkaia.tax-office", { size: 32 });
const { REVOCATION, SUSPENSION } = StatusPurpose;

interface Facts {
  anchor: { issuerId: Hex; anchoredAt: bigint; blockNumber: bigint; count: number };
  keyValidAtAnchor: boolean;
  accreditedAtAnchor: boolean;
  revoked: boolean;
  suspended: boolean;
}

function facts(
  f: DocumentsFixture,
  root: Hex,
  o: { keyId?: Hex; docType?: Hex; statusIndex?: number } = {},
): Promise<Facts> {
  const query = {
    root,
    issuerId: ISSUER,
    keyId: o.keyId ?? KEY_1,
    docType: o.docType ?? RESIDENCE,
    statusIndex: o.statusIndex ?? 0,
  };
  return f.documentsRead("documentFacts", [query]) as Promise<Facts>;
}

const anchor = (f: DocumentsFixture, root: Hex, count = 1000) =>
  f.documentsTx(f.operator, "anchor", [ISSUER, root, count]);

describe("TrustedIssuers: accrediting bodies are governed by the admins' quorum", () => {
  test("an admin alone cannot add a body: not directly, not by a proposal without approvals", async () => {
    const f = await createDocumentsFixture();
    const newBody = f.h.account(20);
    await expectRevert(f.issuersTx(f.admins[0], "addAccreditingBody", [newBody.address]), "OnlyByQuorum");
    const data = encodeFunctionData({
      abi: TrustedIssuers.abi,
      functionName: "addAccreditingBody",
      args: [newBody.address],
    });
    const proposed = await f.issuersTx(f.admins[0], "proposeGovernance", [data]);
    const id = proposed.events.find((e) => e.eventName === "GovernanceProposed")?.args["id"] as Hex;
    await expectRevert(f.issuersTx(f.admins[0], "executeGovernance", [id]), "GovernanceQuorumNotReached");
    await expectRevert(f.issuersTx(f.body, "proposeGovernance", [data]), "NotActiveNetworkAdmin");
    assert.equal(await f.issuersRead("isAccreditingBody", [newBody.address]), false);
  });

  test("with the quorum a body is added and removed, with events; a removed body accredits no more", async () => {
    const f = await createDocumentsFixture();
    assert.equal(await f.issuersRead("isAccreditingBody", [f.body.address]), true);
    assert.equal(await f.issuersRead("accreditingBodyCount", []), 1n);
    const removal = await f.byQuorum(
      encodeFunctionData({
        abi: TrustedIssuers.abi,
        functionName: "removeAccreditingBody",
        args: [f.body.address],
      }),
    );
    assert.ok(
      removal.events.some(
        (e) => e.eventName === "AccreditingBodyRemoved" && e.args["body"] === f.body.address,
      ),
    );
    await expectRevert(
      f.issuersTx(f.body, "grantAccreditation", [ISSUER, EXAM_RESULTS, 0n, f.h.time + YEAR]),
      "NotAccreditingBody",
    );
    // Accreditations it granted stand until withdrawn.
    assert.equal(await f.issuersRead("accreditedAt", [ISSUER, RESIDENCE, f.h.time]), true);
    await expectRevert(
      f.byQuorum(
        encodeFunctionData({
          abi: TrustedIssuers.abi,
          functionName: "removeAccreditingBody",
          args: [f.body.address],
        }),
      ),
      "UnknownAccreditingBody",
    );
  });

  test("a body whose certificate was revoked cannot act; nor can anyone who is no body", async () => {
    const f = await createDocumentsFixture();
    await expectRevert(
      f.issuersTx(f.member, "registerIssuer", [OTHER_ISSUER, [f.member.address]]),
      "NotAccreditingBody",
    );
    await expectRevert(
      f.issuersTx(f.operator, "grantAccreditation", [ISSUER, EXAM_RESULTS, 0n, f.h.time + YEAR]),
      "NotAccreditingBody",
    );
    const bodyMember = (await f.h.read({
      abi: IdentityRegistry.abi,
      to: f.registry,
      functionName: "memberOf",
      args: [f.body.address],
    })) as { certificateFingerprint: Hex };
    await f.h.send(f.registrar, {
      abi: IdentityRegistry.abi,
      to: f.registry,
      functionName: "revokeCertificate",
      args: [bodyMember.certificateFingerprint, 1],
    });
    await expectRevert(
      f.issuersTx(f.body, "grantAccreditation", [ISSUER, EXAM_RESULTS, 0n, f.h.time + YEAR]),
      "InactiveMember",
    );
  });
});

describe("TrustedIssuers: issuers and operators", () => {
  test("an issuer is registered once, with events; operators must be active registry members", async () => {
    const f = await createDocumentsFixture();
    await expectRevert(f.issuersTx(f.body, "registerIssuer", [ISSUER, []]), "IssuerExists");
    await expectRevert(
      f.issuersTx(f.body, "registerIssuer", [OTHER_ISSUER, [f.outsider.address]]),
      "InactiveMember",
    );
    const { events } = await f.issuersTx(f.body, "registerIssuer", [OTHER_ISSUER, [f.member.address]]);
    assert.deepEqual(
      events.map((e) => e.eventName),
      ["IssuerRegistered", "OperatorAdded"],
    );
    assert.equal(await f.issuersRead("isOperator", [OTHER_ISSUER, f.member.address]), true);
    assert.equal(await f.issuersRead("isOperator", [ISSUER, f.member.address]), false);
  });

  test("operators are added and removed by an operator or a body; no one else", async () => {
    const f = await createDocumentsFixture();
    await expectRevert(f.issuersTx(f.member, "addOperator", [ISSUER, f.member.address]), "NotIssuerOperator");
    await f.issuersTx(f.operator, "addOperator", [ISSUER, f.member.address]);
    await expectRevert(f.issuersTx(f.operator, "addOperator", [ISSUER, f.member.address]), "AlreadyOperator");
    assert.equal(await f.issuersRead("isOperator", [ISSUER, f.member.address]), true);
    await f.issuersTx(f.body, "removeOperator", [ISSUER, f.member.address]);
    assert.equal(await f.issuersRead("isOperator", [ISSUER, f.member.address]), false);
    await expectRevert(
      f.issuersTx(f.operator, "removeOperator", [ISSUER, f.member.address]),
      "UnknownOperator",
    );
    const issuer = (await f.issuersRead("issuerOf", [ISSUER])) as {
      operatorCount: number;
      registeredBy: string;
    };
    assert.equal(issuer.operatorCount, 1);
    assert.equal(issuer.registeredBy, f.body.address);
  });
});

describe("TrustedIssuers: keys and their validity windows", () => {
  test("a key is valid in [validFrom, validUntil) and not before it was added (no backdating)", async () => {
    const f = await createDocumentsFixture();
    const now = f.h.time;
    await expectRevert(
      f.issuersTx(f.operator, "addKey", [ISSUER, KEY_2, now - 10n, now + YEAR]),
      "StartsInPast",
    );
    await expectRevert(
      f.issuersTx(f.operator, "addKey", [ISSUER, KEY_2, now + 100n, now + 100n]),
      "InvalidWindow",
    );
    await expectRevert(f.issuersTx(f.member, "addKey", [ISSUER, KEY_2, 0n, now + YEAR]), "NotIssuerOperator");
    await expectRevert(f.issuersTx(f.operator, "addKey", [ISSUER, KEY_1, 0n, now + YEAR]), "KeyExists");
    const { events } = await f.issuersTx(f.operator, "addKey", [ISSUER, KEY_2, now + 100n, now + 200n]);
    assert.equal(events[0]?.eventName, "KeyAdded");
    const valid = (t: bigint) => f.issuersRead("keyValidAt", [ISSUER, KEY_2, t]);
    assert.equal(await valid(now + 99n), false);
    assert.equal(await valid(now + 100n), true);
    assert.equal(await valid(now + 199n), true);
    assert.equal(await valid(now + 200n), false);
    assert.equal(await f.issuersRead("keyValidAt", [OTHER_ISSUER, KEY_2, now + 150n]), false);
  });

  test("a key revoked at T leaves documents anchored before T valid and invalidates later ones", async () => {
    const f = await createDocumentsFixture();
    f.h.time += 10n;
    await anchor(f, ROOT_A);
    const beforeRevocation = (await facts(f, ROOT_A)).anchor.anchoredAt;
    f.h.time += 100n;
    const revokedAt = f.h.time;
    const { events } = await f.issuersTx(f.operator, "revokeKey", [ISSUER, KEY_1, 0n]);
    assert.equal(events[0]?.args["revokedAt"], revokedAt);
    f.h.time += 10n;
    await anchor(f, ROOT_B);
    assert.equal((await facts(f, ROOT_A)).keyValidAtAnchor, true);
    assert.equal((await facts(f, ROOT_B)).keyValidAtAnchor, false);
    assert.equal(await f.issuersRead("keyValidAt", [ISSUER, KEY_1, beforeRevocation]), true);
    assert.equal(await f.issuersRead("keyValidAt", [ISSUER, KEY_1, revokedAt]), false);
    // A revocation can be moved earlier (a compromise found late), never later.
    await expectRevert(
      f.issuersTx(f.operator, "revokeKey", [ISSUER, KEY_1, revokedAt + 5n]),
      "KeyAlreadyRevoked",
    );
    await f.issuersTx(f.operator, "revokeKey", [ISSUER, KEY_1, beforeRevocation]);
    assert.equal((await facts(f, ROOT_A)).keyValidAtAnchor, false);
    await expectRevert(f.issuersTx(f.operator, "revokeKey", [ISSUER, KEY_2, 0n]), "UnknownKey");
  });
});

describe("TrustedIssuers: accreditations per document type", () => {
  test("an issuer not accredited for a type is not recognised for it", async () => {
    const f = await createDocumentsFixture();
    await anchor(f, ROOT_A);
    const exam = await facts(f, ROOT_A, { docType: EXAM_RESULTS });
    assert.equal(exam.accreditedAtAnchor, false);
    assert.equal(exam.keyValidAtAnchor, true);
    assert.equal((await facts(f, ROOT_A)).accreditedAtAnchor, true);
    await expectRevert(
      f.issuersTx(f.body, "grantAccreditation", [OTHER_ISSUER, RESIDENCE, 0n, f.h.time + YEAR]),
      "UnknownIssuer",
    );
  });

  test("windows: not before `from`, not from `until` on; no retroactive grant", async () => {
    const f = await createDocumentsFixture();
    const now = f.h.time;
    await expectRevert(
      f.issuersTx(f.body, "grantAccreditation", [ISSUER, EXAM_RESULTS, now - 1n, now + YEAR]),
      "StartsInPast",
    );
    const { events } = await f.issuersTx(f.body, "grantAccreditation", [
      ISSUER,
      EXAM_RESULTS,
      now + 50n,
      now + 60n,
    ]);
    assert.equal(events[0]?.eventName, "AccreditationGranted");
    const at = (t: bigint) => f.issuersRead("accreditedAt", [ISSUER, EXAM_RESULTS, t]);
    assert.deepEqual(
      [await at(now + 49n), await at(now + 50n), await at(now + 59n), await at(now + 60n)],
      [false, true, true, false],
    );
    f.h.time = now + 55n;
    await anchor(f, ROOT_A);
    f.h.time = now + 70n;
    await anchor(f, ROOT_B);
    assert.equal((await facts(f, ROOT_A, { docType: EXAM_RESULTS })).accreditedAtAnchor, true);
    assert.equal((await facts(f, ROOT_B, { docType: EXAM_RESULTS })).accreditedAtAnchor, false);
    const windows = (await f.issuersRead("accreditationOf", [ISSUER, EXAM_RESULTS])) as { body: string }[];
    assert.equal(windows.length, 1);
    assert.equal(windows[0]?.body, f.body.address);
  });

  test("a withdrawal keeps earlier documents accredited and ends it for later ones", async () => {
    const f = await createDocumentsFixture();
    await anchor(f, ROOT_A);
    f.h.time += 100n;
    await expectRevert(
      f.issuersTx(f.operator, "withdrawAccreditation", [ISSUER, RESIDENCE, 0n]),
      "NotAccreditingBody",
    );
    const { events } = await f.issuersTx(f.body, "withdrawAccreditation", [ISSUER, RESIDENCE, 0n]);
    assert.equal(events[0]?.eventName, "AccreditationWithdrawn");
    await expectRevert(
      f.issuersTx(f.body, "withdrawAccreditation", [ISSUER, RESIDENCE, 0n]),
      "NotAccredited",
    );
    await anchor(f, ROOT_B);
    assert.equal((await facts(f, ROOT_A)).accreditedAtAnchor, true);
    assert.equal((await facts(f, ROOT_B)).accreditedAtAnchor, false);
    // Accredited again later: a new window, the old history unchanged.
    f.h.time += 100n;
    await f.issuersTx(f.body, "grantAccreditation", [ISSUER, RESIDENCE, 0n, f.h.time + YEAR]);
    await anchor(f, ROOT_C);
    assert.deepEqual(
      [
        (await facts(f, ROOT_A)).accreditedAtAnchor,
        (await facts(f, ROOT_B)).accreditedAtAnchor,
        (await facts(f, ROOT_C)).accreditedAtAnchor,
      ],
      [true, false, true],
    );
  });
});

describe("DocumentRegistry: anchors", () => {
  test("only an active operator of the issuer anchors; an anchor records issuer, block time and count", async () => {
    const f = await createDocumentsFixture();
    await expectRevert(f.documentsTx(f.member, "anchor", [ISSUER, ROOT_A, 10]), "NotIssuerOperator");
    await expectRevert(f.documentsTx(f.outsider, "anchor", [ISSUER, ROOT_A, 10]), "NotIssuerOperator");
    await expectRevert(f.documentsTx(f.operator, "anchor", [OTHER_ISSUER, ROOT_A, 10]), "NotIssuerOperator");
    await expectRevert(f.documentsTx(f.operator, "anchor", [ISSUER, ROOT_A, 0]), "EmptyBatch");
    const { events } = await anchor(f, ROOT_A, 5000);
    assert.equal(events[0]?.eventName, "BatchAnchored");
    assert.deepEqual(
      {
        root: events[0]?.args["root"],
        issuerId: events[0]?.args["issuerId"],
        count: events[0]?.args["count"],
      },
      { root: ROOT_A, issuerId: ISSUER, count: 5000 },
    );
    const a = (await f.documentsRead("anchorOf", [ROOT_A])) as Facts["anchor"];
    assert.equal(a.issuerId, ISSUER);
    assert.equal(a.anchoredAt, f.h.time);
    assert.equal(a.count, 5000);
    assert.equal(await f.documentsRead("anchorCount", []), 1n);
    const unanchored = await facts(f, ROOT_B);
    assert.equal(unanchored.anchor.anchoredAt, 0n);
    assert.equal(unanchored.keyValidAtAnchor, false);
    assert.equal(unanchored.accreditedAtAnchor, false);
  });

  test("re-anchoring the same root is refused, even by another issuer", async () => {
    const f = await createDocumentsFixture();
    await anchor(f, ROOT_A);
    const first = f.h.time;
    f.h.time += 60n;
    await expectRevert(anchor(f, ROOT_A), "AlreadyAnchored");
    await f.issuersTx(f.body, "registerIssuer", [OTHER_ISSUER, [f.member.address]]);
    const args = await expectRevert(
      f.documentsTx(f.member, "anchor", [OTHER_ISSUER, ROOT_A, 1]),
      "AlreadyAnchored",
    );
    assert.deepEqual(args, [ROOT_A, ISSUER, first]);
    assert.equal(((await f.documentsRead("anchorOf", [ROOT_A])) as Facts["anchor"]).anchoredAt, first);
  });

  test("an operator suspended in the identity registry or removed from the issuer anchors no more", async () => {
    const f = await createDocumentsFixture();
    await f.h.send(f.registrar, {
      abi: IdentityRegistry.abi,
      to: f.registry,
      functionName: "revokeCertificate",
      args: [`0x${f.operatorCredentials.identity.fingerprint}`, 1],
    });
    await expectRevert(anchor(f, ROOT_A), "NotIssuerOperator");
    await expectRevert(
      f.documentsTx(f.operator, "setStatus", [ISSUER, REVOCATION, [1], true]),
      "NotIssuerOperator",
    );
    await f.issuersTx(f.body, "addOperator", [ISSUER, f.member.address]);
    await f.documentsTx(f.member, "anchor", [ISSUER, ROOT_A, 1]);
    await f.issuersTx(f.body, "removeOperator", [ISSUER, f.member.address]);
    await expectRevert(f.documentsTx(f.member, "anchor", [ISSUER, ROOT_B, 1]), "NotIssuerOperator");
  });
});

describe("DocumentRegistry: status lists", () => {
  test("only operators set status; revocation is final, suspension reversible; events carry the indexes", async () => {
    const f = await createDocumentsFixture();
    await expectRevert(
      f.documentsTx(f.member, "setStatus", [ISSUER, REVOCATION, [7], true]),
      "NotIssuerOperator",
    );
    const { events } = await f.documentsTx(f.operator, "setStatus", [ISSUER, REVOCATION, [7, 300], true]);
    assert.equal(events[0]?.eventName, "StatusChanged");
    assert.deepEqual(events[0]?.args["indexes"], [7, 300]);
    assert.equal(events[0]?.args["value"], true);
    await expectRevert(
      f.documentsTx(f.operator, "setStatus", [ISSUER, REVOCATION, [7], false]),
      "RevocationIsFinal",
    );
    assert.equal(await f.documentsRead("statusOf", [ISSUER, REVOCATION, 7]), true);
    await f.documentsTx(f.operator, "setStatus", [ISSUER, SUSPENSION, [9], true]);
    assert.equal(await f.documentsRead("statusOf", [ISSUER, SUSPENSION, 9]), true);
    await f.documentsTx(f.operator, "setStatus", [ISSUER, SUSPENSION, [9], false]);
    assert.equal(await f.documentsRead("statusOf", [ISSUER, SUSPENSION, 9]), false);
    await expectRevert(f.documentsTx(f.operator, "setStatus", [ISSUER, 2, [9], true]), "InvalidPurpose");
    await expectRevert(
      f.documentsTx(f.operator, "setStatus", [ISSUER, REVOCATION, [131072], true]),
      "IndexOutOfRange",
    );
    await f.documentsTx(f.operator, "setStatus", [ISSUER, REVOCATION, [131071], true]);
    // Another issuer's list is its own.
    assert.equal(await f.documentsRead("statusOf", [OTHER_ISSUER, REVOCATION, 7]), false);
  });

  test("one bad document of a batch is revoked without touching the others", async () => {
    const f = await createDocumentsFixture();
    await anchor(f, ROOT_A, 3);
    const indexes = [4242, 4243, 99_001];
    await f.documentsTx(f.operator, "setStatus", [ISSUER, REVOCATION, [4243], true]);
    const status = await Promise.all(indexes.map((i) => facts(f, ROOT_A, { statusIndex: i })));
    assert.deepEqual(
      status.map((s) => [s.revoked, s.suspended]),
      [
        [false, false],
        [true, false],
        [false, false],
      ],
    );
    const batch = (await f.documentsRead("documentFactsBatch", [
      indexes.map((statusIndex) => ({
        root: ROOT_A,
        issuerId: ISSUER,
        keyId: KEY_1,
        docType: RESIDENCE,
        statusIndex,
      })),
    ])) as Facts[];
    assert.deepEqual(
      batch.map((b) => b.revoked),
      [false, true, false],
    );
  });
});

describe("storage layout (what offline chain proofs read)", () => {
  const word = (slot: bigint) => toHex(slot, { size: 32 });
  const mapSlot = (key: Hex, slot: bigint | Hex) =>
    BigInt(keccak256(`0x${key.slice(2)}${(typeof slot === "bigint" ? word(slot) : slot).slice(2)}`));

  async function storageAt(f: DocumentsFixture, contract: Hex, slot: bigint): Promise<bigint> {
    const value = await f.h.vm.stateManager.getStorage(
      createAddressFromString(contract),
      Uint8Array.from(Buffer.from(word(slot).slice(2), "hex")),
    );
    return value.length === 0 ? 0n : BigInt(toHex(value));
  }

  test("solc's layout matches the documented declaration slots", async () => {
    const { DOCUMENTS_STORAGE } = await import("../src/index.ts");
    const slotOf = (file: string, name: string, label: string) =>
      layoutSlotOf(storageLayoutOf(file, name).storage, label)[0];
    assert.equal(
      slotOf("TrustedIssuers.sol", "TrustedIssuers", "_keys"),
      DOCUMENTS_STORAGE.trustedIssuers.keys,
    );
    assert.equal(
      slotOf("TrustedIssuers.sol", "TrustedIssuers", "_accreditations"),
      DOCUMENTS_STORAGE.trustedIssuers.accreditations,
    );
    assert.equal(
      slotOf("DocumentRegistry.sol", "DocumentRegistry", "_anchors"),
      DOCUMENTS_STORAGE.documentRegistry.anchors,
    );
    assert.equal(
      slotOf("DocumentRegistry.sol", "DocumentRegistry", "_status"),
      DOCUMENTS_STORAGE.documentRegistry.status,
    );
  });

  test("the words at the derived slots hold what the views report, packed as documented", async () => {
    const { DOCUMENTS_STORAGE: S } = await import("../src/index.ts");
    const f = await createDocumentsFixture();
    const start = f.h.time;
    await f.issuersTx(f.body, "grantAccreditation", [ISSUER, RESIDENCE, start + 10n, start + 20n]);
    await anchor(f, ROOT_A, 777);
    await f.issuersTx(f.operator, "revokeKey", [ISSUER, KEY_1, start + 5n]);
    await f.documentsTx(f.operator, "setStatus", [ISSUER, REVOCATION, [0, 258], true]);
    await f.documentsTx(f.operator, "setStatus", [ISSUER, SUSPENSION, [131071], true]);

    const key = (await f.issuersRead("keyOf", [ISSUER, KEY_1])) as Record<string, bigint>;
    const keyWord = await storageAt(
      f,
      f.issuers,
      mapSlot(KEY_1, toHex(mapSlot(ISSUER, S.trustedIssuers.keys), { size: 32 })),
    );
    const m64 = (1n << 64n) - 1n;
    assert.deepEqual(
      [keyWord & m64, (keyWord >> 64n) & m64, (keyWord >> 128n) & m64, keyWord >> 192n],
      [key["validFrom"], key["validUntil"], key["revokedAt"], key["addedAt"]],
    );
    assert.equal(key["revokedAt"], start + 5n);

    const lengthSlot = mapSlot(
      RESIDENCE,
      toHex(mapSlot(ISSUER, S.trustedIssuers.accreditations), { size: 32 }),
    );
    assert.equal(await storageAt(f, f.issuers, lengthSlot), 2n);
    const first = BigInt(keccak256(word(lengthSlot)));
    const second = await storageAt(f, f.issuers, first + S.trustedIssuers.accreditationSlots);
    assert.deepEqual([second & m64, second >> 64n], [start + 10n, start + 20n]);
    assert.equal(
      await storageAt(f, f.issuers, first + S.trustedIssuers.accreditationSlots + 1n),
      BigInt(f.body.address),
    );

    const anchorSlot = mapSlot(ROOT_A, S.documentRegistry.anchors);
    assert.equal(await storageAt(f, f.documents, anchorSlot), BigInt(ISSUER));
    const packed = await storageAt(f, f.documents, anchorSlot + 1n);
    const a = (await f.documentsRead("anchorOf", [ROOT_A])) as Facts["anchor"];
    assert.deepEqual(
      [packed & m64, (packed >> 64n) & m64, packed >> 128n],
      [a.anchoredAt, a.blockNumber, 777n],
    );

    const list = mapSlot(ISSUER, S.documentRegistry.status);
    const revocation0 = await storageAt(f, f.documents, list);
    const revocation1 = await storageAt(f, f.documents, list + 1n);
    const suspension511 = await storageAt(f, f.documents, list + 512n + 511n);
    // Entry 0 is the most significant bit of word 0; entry 258 is bit 253 of word 1; 131071 the last bit.
    assert.equal(revocation0, 1n << 255n);
    assert.equal(revocation1, 1n << 253n);
    assert.equal(suspension511, 1n);
    assert.equal(await f.documentsRead("statusWord", [ISSUER, REVOCATION, 1n]), revocation1);
    await expectRevert(f.documentsRead("statusWord", [ISSUER, REVOCATION, 512n]), "WordOutOfRange");
    const fullList = (await f.documentsRead("statusList", [ISSUER, SUSPENSION])) as readonly bigint[];
    assert.equal(fullList.length, 512);
    assert.equal(fullList[511], 1n);
  });
});
