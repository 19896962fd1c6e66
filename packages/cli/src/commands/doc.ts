// `civitas doc`: official documents. `issue` signs W3C Verifiable Credentials, anchors their batch
// root in one transaction and writes one bundle per document; `verify` checks a bundle online or
// against a saved chain proof. The chain-side subcommands (revoke, suspend, issuers...) live in
// doc-chain.ts.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DOCUMENT_REGISTRY_ADDRESS } from "@civitas/contracts";
import {
  anchorBatch,
  type BatchDocument,
  type ChainProof,
  createChainProof,
  createStatusIndexAllocator,
  type DocumentFactsQuery,
  type DocumentFactsSource,
  type DocumentVerificationReport,
  docTypeOf,
  documentKind,
  InvalidArgumentError,
  identifierToString,
  issueBatch,
  loadIssuerKey,
  nodeJwsVerifier,
  readDocumentFacts,
  readDocumentFactsFromProof,
  STATUS_LIST_SIZE,
  toIdentifier,
  verifyDocument,
  withAnchor,
} from "@civitas/sdk";
import { type Address, isAddress } from "viem";
import { CliError, type Command } from "../command.ts";
import { runSubcommand } from "../subcommands.ts";
import { DOC_CHAIN_SUBCOMMANDS, DOC_CHAIN_USAGE, runDocChainSubcommand } from "./doc-chain.ts";
import { json, list, parse, readInput, required, str, type Values } from "./pki-cli.ts";
import { connect, registryCommand, SENDER_HELP, SENDER_OPTIONS } from "./registry-cli.ts";

const USAGE = `usage:
  civitas doc issue --kind KIND --subject FILE.json [--subject FILE2.json …] --issuer-key FILE
                    --issuer-id ID [--issuer-name NAME] [--valid-until ISO] [--status-state FILE]
                    --key FILE --rpc URL --out DIR [--documents ADDR]
      signs one document per subject (a FILE.json holding an object, or an array of them), anchors
      the batch's Merkle root in one transaction and writes one bundle per document to DIR
      KIND: residence | exam-results | tax-compliance | property-extract
      --issuer-key      the issuer's P-256 signing key (private JWK or PEM) registered on chain
      --status-state    the issuer's used status indexes (default: the issuer key file + .status)
  civitas doc verify FILE [--rpc URL] [--save-proof PROOF.json] [--at ISO] [--json]
  civitas doc verify FILE --offline PROOF.json --validators FILE [--at ISO] [--json]
      checks a document bundle: signature, leaf, Merkle proof, anchor, accreditation and key at
      anchoring time, status bits, validity. Online by RPC, or offline with a saved chain proof
      and the validators trusted (a JSON array of addresses or {chainId, validators}).
      Exit 0: valid; 1: not valid (the first failed check and its reason are printed).

${SENDER_HELP}
  --documents ADDR    the DocumentRegistry's address (default: its genesis address)
  --issuers ADDR      the TrustedIssuers registry's address (verify; default: its genesis address)`;

/** Reads the subjects: each file is one JSON object or an array of them. */
async function readSubjects(paths: readonly string[]): Promise<unknown[]> {
  const subjects: unknown[] = [];
  for (const path of paths) {
    const text = await readInput(path, "subject file");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new CliError(`${path} is not JSON: ${(err as Error).message}`);
    }
    subjects.push(...(Array.isArray(value) ? value : [value]));
  }
  return subjects;
}

function dateOption(values: Values, name: string): Date | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new CliError(`--${name} must be an ISO 8601 date-time, got '${text}'`, 2);
  return new Date(t);
}

function documentsAddress(values: Values): Address | undefined {
  const text = str(values, "documents");
  if (text !== undefined && !isAddress(text, { strict: false }))
    throw new CliError(`--documents '${text}' is not an address`, 2);
  return text as Address | undefined;
}

async function issue(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SENDER_OPTIONS,
      kind: { type: "string" },
      subject: { type: "string", multiple: true },
      "issuer-key": { type: "string" },
      "issuer-id": { type: "string" },
      "issuer-name": { type: "string" },
      "valid-until": { type: "string" },
      "status-state": { type: "string" },
      out: { type: "string" },
      documents: { type: "string" },
    },
    USAGE,
  );
  let kind: ReturnType<typeof documentKind>;
  try {
    kind = documentKind(required(values, "kind", USAGE));
  } catch (err) {
    throw new CliError(`--kind: ${(err as Error).message}`, 2);
  }
  const subjectFiles = list(values, "subject");
  if (subjectFiles.length === 0) throw new CliError(`missing --subject\n\n${USAGE}`, 2);
  const issuerKeyFile = required(values, "issuer-key", USAGE);
  const issuerIdText = required(values, "issuer-id", USAGE);
  try {
    toIdentifier(issuerIdText);
  } catch (err) {
    throw new CliError(`--issuer-id: ${(err as Error).message}`, 2);
  }
  const out = required(values, "out", USAGE);
  const validUntil = dateOption(values, "valid-until");
  const documents = documentsAddress(values);
  const stateFile = str(values, "status-state") ?? `${issuerKeyFile}.status`;

  return registryCommand(`doc issue ${kind.name}`, async () => {
    let key: ReturnType<typeof loadIssuerKey>;
    try {
      key = loadIssuerKey(await readInput(issuerKeyFile, "issuer key"));
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`${issuerKeyFile}: ${(err as Error).message}`);
    }
    const subjects = await readSubjects(subjectFiles);
    if (subjects.length === 0) throw new CliError("the subject files hold no documents");
    const saved = await readFile(stateFile).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return undefined;
      throw new CliError(`cannot read the status state ${stateFile}: ${err.code ?? err.message}`);
    });
    const statusIndexes = createStatusIndexAllocator(saved === undefined ? undefined : new Uint8Array(saved));
    if (statusIndexes.free < subjects.length)
      throw new CliError(
        `the issuer's status lists have ${statusIndexes.free} of ${STATUS_LIST_SIZE} entries left, ${subjects.length} needed`,
      );
    const batchDocuments: BatchDocument[] = subjects.map((subject) => ({ kind, subject, validUntil }));
    let batch: ReturnType<typeof issueBatch>;
    try {
      batch = issueBatch({
        issuerId: issuerIdText,
        issuerName: str(values, "issuer-name"),
        key,
        statusIndexes,
        documents: batchDocuments,
      });
    } catch (err) {
      if (err instanceof InvalidArgumentError) throw new CliError(`doc issue: ${err.message}`, 2);
      throw err;
    }
    // The indexes are spent before anything is sent: an index is never handed out twice.
    await writeFile(stateFile, statusIndexes.bitmap());
    const client = await connect(values, USAGE, true);
    const registry = documents ?? DOCUMENT_REGISTRY_ADDRESS;
    const anchored = await anchorBatch(
      client.extend(() => ({ documents: registry })),
      {
        issuerId: batch.issuerId,
        root: batch.root,
        count: batch.count,
      },
    );
    const bundles = withAnchor(batch.bundles, {
      chainId: client.chain.id,
      documentRegistry: registry,
      transactionHash: anchored.hash,
      blockNumber: anchored.blockNumber.toString(),
    });
    await mkdir(out, { recursive: true });
    const files: string[] = [];
    for (const [i, bundle] of bundles.entries()) {
      const file = join(
        out,
        `${kind.name}-${String(i + 1).padStart(String(bundles.length).length, "0")}.json`,
      );
      await writeFile(file, `${JSON.stringify(bundle, null, 2)}\n`);
      files.push(file);
    }
    console.log(
      `issued ${batch.count} ${kind.type} document(s) by ${identifierToString(batch.issuerId)} with key ${key.kid}`,
    );
    console.log(
      `batch root ${batch.root} anchored in block ${anchored.receipt.blockNumber} (tx ${anchored.hash})`,
    );
    console.log(`status indexes ${batch.statusIndexes.join(", ")} (state in ${stateFile})`);
    for (const file of files) console.log(`  ${file}`);
    return 0;
  });
}

interface TrustFile {
  chainId: bigint | undefined;
  validators: Address[];
}

async function readValidators(path: string): Promise<TrustFile> {
  const text = await readInput(path, "validators file");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text.split(/\s+/).filter((line) => line !== "");
  }
  const object = value as { chainId?: unknown; validators?: unknown };
  const list = Array.isArray(value) ? value : object.validators;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((a) => isAddress(String(a), { strict: false }))
  )
    throw new CliError(
      `${path}: expected validator addresses (a JSON array, {chainId, validators} or one per line)`,
    );
  const chainId =
    Array.isArray(value) || object.chainId === undefined ? undefined : BigInt(String(object.chainId));
  return { chainId, validators: list as Address[] };
}

/** The facts query of a verified document (for a chain proof covering it). */
function queryOf(report: DocumentVerificationReport): DocumentFactsQuery | undefined {
  const d = report.document;
  if (d === undefined || report.root === undefined) return undefined;
  return {
    root: report.root,
    issuerId: d.issuerId,
    keyId: d.keyId,
    docType: docTypeOf(documentKind(d.type)),
    statusIndex: d.statusIndex,
  };
}

function printReport(file: string, report: DocumentVerificationReport): void {
  const mark = { passed: "ok  ", failed: "FAIL", skipped: " -  " } as const;
  console.log(`document ${file}`);
  if (report.document !== undefined)
    console.log(
      `  ${report.document.type} ${report.document.id} by ${identifierToString(report.document.issuerId)}, status index ${report.document.statusIndex}`,
    );
  if (report.chain !== undefined)
    console.log(
      `  chain state of block ${report.chain.blockNumber} (${new Date(Number(report.chain.blockTimestamp) * 1000).toISOString()})`,
    );
  for (const check of report.checks)
    console.log(
      `  ${mark[check.status]} ${check.description}${check.detail !== undefined ? `: ${check.detail}` : ""}`,
    );
  if (report.document?.provisionalUntil !== undefined)
    console.log(`  provisional: final once the review window closes at ${report.document.provisionalUntil}`);
  console.log(report.valid ? "VALID" : `NOT VALID: ${report.failure?.reason}`);
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      rpc: { type: "string" },
      documents: { type: "string" },
      issuers: { type: "string" },
      offline: { type: "string" },
      validators: { type: "string" },
      "save-proof": { type: "string" },
      at: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
  );
  const file = positionals[0];
  if (file === undefined) throw new CliError(`missing the document to verify\n\n${USAGE}`, 2);
  const at = dateOption(values, "at");
  const offline = str(values, "offline");
  const documents = documentsAddress(values);
  const issuersText = str(values, "issuers");
  if (issuersText !== undefined && !isAddress(issuersText, { strict: false }))
    throw new CliError(`--issuers '${issuersText}' is not an address`, 2);
  const contracts = {
    ...(documents !== undefined ? { documents } : {}),
    ...(issuersText !== undefined ? { issuers: issuersText as Address } : {}),
  };
  if (offline !== undefined && str(values, "rpc") !== undefined)
    throw new CliError("--offline and --rpc exclude each other: verify offline or online", 2);
  if (offline !== undefined && str(values, "save-proof") !== undefined)
    throw new CliError("--save-proof needs an online verification (--rpc)", 2);
  const text = await readInput(file, "document");
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not JSON: ${(err as Error).message}`);
  }

  return registryCommand(`doc verify ${file}`, async () => {
    let facts: DocumentFactsSource;
    let client: Awaited<ReturnType<typeof connect>> | undefined;
    if (offline !== undefined) {
      const validatorsFile = required(values, "validators", USAGE);
      const trustFile = await readValidators(validatorsFile);
      let proof: ChainProof;
      try {
        proof = JSON.parse(await readInput(offline, "chain proof")) as ChainProof;
      } catch (err) {
        if (err instanceof CliError) throw err;
        throw new CliError(`${offline} is not JSON: ${(err as Error).message}`);
      }
      const chainId = trustFile.chainId ?? BigInt(proof.chainId);
      facts = (q) =>
        readDocumentFactsFromProof(proof, q, { chainId, validators: trustFile.validators, ...contracts });
    } else {
      client = await connect(values, USAGE, false);
      const c = client;
      facts = (q) => readDocumentFacts(c, q, contracts);
    }
    const report = await verifyDocument(bundle, { facts, verifier: nodeJwsVerifier(), at });
    const saveProof = str(values, "save-proof");
    const query = queryOf(report);
    if (saveProof !== undefined && client !== undefined && query !== undefined) {
      const proof = await createChainProof(client, [query], contracts);
      await writeFile(saveProof, json(proof));
    }
    if (values.json === true) console.log(json(report).trimEnd());
    else {
      printReport(file, report);
      if (saveProof !== undefined && query !== undefined) console.log(`chain proof saved to ${saveProof}`);
    }
    return report.valid ? 0 : 1;
  });
}

export const command: Command = {
  name: "doc",
  summary: "issue official documents (W3C Verifiable Credentials anchored in batches), verify, revoke them",
  run: (args) => {
    // The chain-side subcommands (revoke, suspend, issuers, …) parse and explain their own arguments.
    const [sub, ...rest] = args;
    if (sub !== undefined && (DOC_CHAIN_SUBCOMMANDS as readonly string[]).includes(sub))
      return runDocChainSubcommand(sub, rest);
    return runSubcommand("doc", `${USAGE}\n\n${DOC_CHAIN_USAGE}`, { issue, verify }, args);
  },
};
