// The demo's official documents: three public bodies are trusted issuers (registered, keyed and
// accredited in the genesis by the government's accrediting body), and after start each issues a
// document to a citizen — a W3C Verifiable Credential whose batch root is anchored on chain — that
// anyone can verify with `civitas doc verify`.
import { readFileSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DOCUMENT_REGISTRY_ADDRESS } from "@civitas/contracts";
import {
  anchorBatch,
  createStatusIndexAllocator,
  DOCUMENT_KINDS,
  type DocumentKindName,
  type DocumentsClient,
  docTypeOf,
  exportIssuerKey,
  generateIssuerKey,
  issueBatch,
  loadIssuerKey,
  withAnchor,
} from "@civitas/sdk";
import type { Address, Hex } from "viem";
import type { GenesisIssuer } from "../network/documentsGenesis.ts";
import { registryId } from "../network/genesisMembers.ts";
import { DEMO_FILES, DEMO_ORGANISATIONS } from "./demoOrganisations.ts";
import type { DemoPerson } from "./demoPeople.ts";

/** Keys and accreditations in the genesis last this long. */
const FIVE_YEARS_S = 5n * 365n * 24n * 3600n;

/** One demo document: who issues it, of which kind, to whom, saying what. */
export interface DemoDocument {
  /** The issuing organisation (its registry id is the issuer id). */
  readonly issuer: string;
  readonly issuerName: string;
  /** The official who anchors it (an operator of the issuer). */
  readonly operator: string;
  readonly kind: DocumentKindName;
  /** The demo citizen who holds it. */
  readonly holder: string;
  readonly subject: Readonly<Record<string, unknown>>;
}

/** The demo documents (invented people: names live in the credential the citizen holds, never on chain). */
export const DEMO_DOCUMENTS: readonly DemoDocument[] = [
  {
    issuer: DEMO_ORGANISATIONS.registryOffice.id,
    issuerName: "Bilbao City Council — Registry Office",
    operator: "registry-clerk",
    kind: "residence",
    holder: "ane",
    subject: {
      name: "Ane Etxeberria",
      address: "Calle Ercilla 1, 48009 Bilbao",
      municipality: "Bilbao",
      residentSince: "2015-09-01",
    },
  },
  {
    issuer: DEMO_ORGANISATIONS.school.id,
    issuerName: "Bilbao Secondary School",
    operator: "school-secretary",
    kind: "exam-results",
    holder: "jon",
    subject: {
      name: "Jon Agirre",
      school: "Bilbao Secondary School",
      exam: "Baccalaureate 2026",
      results: { mathematics: 8.5, basque: 9, history: 7.5 },
      resultStatus: "final",
    },
  },
  {
    issuer: DEMO_ORGANISATIONS.taxOffice.id,
    issuerName: "Bizkaia Tax Office",
    operator: "tax-officer",
    kind: "tax-compliance",
    holder: "miren",
    subject: { name: "Miren Uriarte", taxpayer: "DEMO-TAXPAYER-0001", outstandingDebt: false },
  },
];

/** The issuers among the demo organisations, once each. */
export function demoIssuers(): string[] {
  return [...new Set(DEMO_DOCUMENTS.map((d) => d.issuer))];
}

/** Where an issuer's signing key (private JWK) is, relative to the data directory. */
export function issuerKeyPath(issuer: string): string {
  return join(DEMO_FILES.issuers, `${issuer}.jwk`);
}

/** Where a demo document's bundle is, relative to the data directory. */
export function documentPath(d: DemoDocument): string {
  return join(DEMO_FILES.documents, `${d.kind}-${d.holder}.json`);
}

function personNamed(people: readonly DemoPerson[], name: string): DemoPerson {
  const p = people.find((q) => q.name === name);
  if (p === undefined) throw new Error(`the demo has no person named ${name}`);
  return p;
}

/** The accrediting body of the demo: the government's official. */
export function accreditingBody(people: readonly DemoPerson[]): Address {
  return personNamed(people, "accreditor").account.address as Address;
}

/**
 * New signing keys for the demo issuers, written under demo/issuers (mode 0600; `civitas doc
 * issue --issuer-key` reads them), and the genesis registration of each issuer: its operator,
 * key and accreditation for its document kinds, granted by the accrediting body.
 */
export async function createDemoIssuers(
  dir: string,
  people: readonly DemoPerson[],
  timestamp: number,
): Promise<GenesisIssuer[]> {
  await mkdir(join(dir, DEMO_FILES.issuers), { recursive: true, mode: 0o700 });
  const until = BigInt(timestamp) + FIVE_YEARS_S;
  const out: GenesisIssuer[] = [];
  for (const issuer of demoIssuers()) {
    const key = generateIssuerKey();
    const path = join(dir, issuerKeyPath(issuer));
    await writeFile(path, `${exportIssuerKey(key)}\n`, { mode: 0o600 });
    await chmod(path, 0o600);
    const documents = DEMO_DOCUMENTS.filter((d) => d.issuer === issuer);
    out.push({
      issuerId: registryId(issuer),
      body: accreditingBody(people),
      operators: [
        ...new Set(documents.map((d) => personNamed(people, d.operator).account.address as Address)),
      ],
      keys: [{ keyId: key.keyId, validUntil: until }],
      accreditations: [...new Set(documents.map((d) => d.kind))].map((kind) => ({
        docType: docTypeOf(DOCUMENT_KINDS[kind]) as Hex,
        until,
      })),
    });
  }
  return out;
}

/** What issuing needs from the running network. */
export interface IssueContext {
  readonly dir: string;
  readonly chainId: number;
  /** A client sending as the demo person `name`. */
  clientOf(name: string): DocumentsClient;
}

/**
 * Issues each demo document (one batch per issuer, its root anchored by the issuer's operator)
 * and writes the bundles under demo/documents; the issuer's status-index state is kept beside its
 * key (`<key>.status`, where `civitas doc issue` looks for it). Returns what was made.
 */
export async function issueDemoDocuments(ctx: IssueContext): Promise<Record<string, unknown>> {
  await mkdir(join(ctx.dir, DEMO_FILES.documents), { recursive: true });
  const made: Record<string, unknown>[] = [];
  for (const issuer of demoIssuers()) {
    const documents = DEMO_DOCUMENTS.filter((d) => d.issuer === issuer);
    const keyFile = join(ctx.dir, issuerKeyPath(issuer));
    const key = loadIssuerKey(readFileSync(keyFile, "utf8"));
    const saved = await readFile(`${keyFile}.status`).catch(() => undefined);
    const statusIndexes = createStatusIndexAllocator(saved === undefined ? undefined : new Uint8Array(saved));
    const batch = issueBatch({
      issuerId: issuer,
      issuerName: documents[0]!.issuerName,
      key,
      statusIndexes,
      documents: documents.map((d) => ({ kind: DOCUMENT_KINDS[d.kind], subject: d.subject })),
    });
    // The indexes are spent before anything is sent: an index is never handed out twice.
    await writeFile(`${keyFile}.status`, statusIndexes.bitmap());
    const client = ctx.clientOf(documents[0]!.operator);
    const anchored = await anchorBatch(client, {
      issuerId: batch.issuerId,
      root: batch.root,
      count: batch.count,
    });
    const bundles = withAnchor(batch.bundles, {
      chainId: ctx.chainId,
      documentRegistry: DOCUMENT_REGISTRY_ADDRESS,
      transactionHash: anchored.hash,
      blockNumber: anchored.blockNumber.toString(),
    });
    for (const [i, d] of documents.entries()) {
      await writeFile(join(ctx.dir, documentPath(d)), `${JSON.stringify(bundles[i], null, 2)}\n`);
      made.push({
        file: documentPath(d),
        kind: d.kind,
        issuer,
        holder: d.holder,
        statusIndex: batch.statusIndexes[i],
        root: batch.root,
        anchorTransaction: anchored.hash,
      });
    }
  }
  return { documents: made };
}
