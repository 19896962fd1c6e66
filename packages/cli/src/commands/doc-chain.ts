// The chain side of `civitas doc`: status changes (revoke, suspend, resume), issuers and their
// keys and operators, accreditations and accrediting bodies, and anchors. `doc.ts` dispatches
// these subcommands here through `runDocChainSubcommand`.
import { readFile } from "node:fs/promises";
import {
  addIssuerKey,
  approveIssuersGovernance,
  type CivitasClient,
  type DocumentsClient,
  DocumentsRevertedError,
  executeIssuersGovernance,
  getAccreditations,
  getAnchor,
  getIssuer,
  getIssuerKey,
  grantAccreditation,
  identifierToString,
  isAccreditingBody,
  keyIdentifiers,
  parseJws,
  proposeAccreditingBody,
  readBundle,
  readCredential,
  registerIssuer,
  resumeDocuments,
  revokeDocuments,
  revokeIssuerKey,
  setIssuerOperator,
  suspendDocuments,
  toP256PublicJwk,
  withdrawAccreditation,
} from "@civitas/sdk";
import { type Address, type Hex, isAddress, isHex } from "viem";
import { CliError } from "../command.ts";
import { runSubcommand } from "../subcommands.ts";
import { list, parse, required, str, type Values } from "./pki-cli.ts";
import {
  addressArgument,
  connect,
  isoTime,
  registryCommand,
  SENDER_HELP,
  SENDER_OPTIONS,
} from "./registry-cli.ts";

/** The subcommands of `civitas doc` handled here. */
export const DOC_CHAIN_SUBCOMMANDS = [
  "revoke",
  "suspend",
  "resume",
  "issuer",
  "accredit",
  "anchors",
] as const;

export const DOC_CHAIN_USAGE = `usage (chain side of civitas doc):
  civitas doc revoke|suspend|resume (--bundle FILE … | --issuer-id ID --index N …) --key FILE --rpc URL
      sets the documents' entries in the issuer's status list (sender: an operator of the issuer);
      a revocation is final, a suspension is lifted by resume
  civitas doc issuer register ID --operator ADDR … --key FILE --rpc URL      (an accrediting body)
  civitas doc issuer operator ID ADDR [--remove] --key FILE --rpc URL       (an operator or a body)
  civitas doc issuer add-key ID (--jwk FILE | --key-id HEX) --valid-until ISO-TIME [--valid-from ISO-TIME]
                             --key FILE --rpc URL                             (an operator)
  civitas doc issuer revoke-key ID (--jwk FILE | --key-id HEX) [--at ISO-TIME] --key FILE --rpc URL
      documents anchored before the revocation time stay valid
  civitas doc issuer show ID [--key-id HEX] [--type TYPE] --rpc URL
  civitas doc accredit grant ID --type TYPE --until ISO-TIME [--from ISO-TIME] --key FILE --rpc URL
  civitas doc accredit withdraw ID --type TYPE [--at ISO-TIME] --key FILE --rpc URL   (a body)
  civitas doc accredit propose-body ADDR [--remove] --key FILE --rpc URL   (a network admin)
  civitas doc accredit approve-body PROPOSAL-ID --key FILE --rpc URL       (other admins; the quorum
  civitas doc accredit execute-body PROPOSAL-ID --key FILE --rpc URL        executes)
  civitas doc accredit show-body ADDR --rpc URL
  civitas doc anchors ROOT … --rpc URL
      when and by which issuer each batch root was anchored

  ID and TYPE are short names (bilbao.registry, ResidenceCertificate) or bytes32 hex
  --jwk FILE          the issuer key as a JWK (public or private; its RFC 7638 thumbprint is the keyId)
  --documents ADDR    the DocumentRegistry's address (default: its genesis address)
  --issuers ADDR      the TrustedIssuers registry's address (default: its genesis address)
${SENDER_HELP}`;

const CONTRACT_OPTIONS = {
  documents: { type: "string" },
  issuers: { type: "string" },
} as const;

function contractAddress(values: Values, name: "documents" | "issuers"): Address | undefined {
  const text = str(values, name);
  if (text !== undefined && !isAddress(text, { strict: false }))
    throw new CliError(`--${name} '${text}' is not an address`, 2);
  return text as Address | undefined;
}

/** A client for the --rpc node with the documents contracts' addresses from the options. */
async function documentsClient(values: Values, sender: boolean): Promise<DocumentsClient> {
  const client: CivitasClient = await connect(values, DOC_CHAIN_USAGE, sender);
  const documents = contractAddress(values, "documents");
  const trustedIssuers = contractAddress(values, "issuers");
  return client.extend(() => ({ documents, trustedIssuers }));
}

function time(values: Values, name: string): Date | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new CliError(`--${name} must be an ISO 8601 time, got '${text}'`, 2);
  return date;
}

function positional(positionals: string[], index: number, what: string): string {
  const value = positionals[index];
  if (value === undefined || value === "") throw new CliError(`missing ${what}\n\n${DOC_CHAIN_USAGE}`, 2);
  return value;
}

/** Runs a body, turning the documents contracts' refusals into one-line errors; the rest as the registry commands do. */
async function chainCommand(context: string, body: () => Promise<number>): Promise<number> {
  return registryCommand(context, async () => {
    try {
      return await body();
    } catch (err) {
      if (err instanceof DocumentsRevertedError)
        throw new CliError(
          `${context}: refused by ${err.contract}: ${err.errorName}(${err.args.map(String).join(", ")})`,
        );
      throw err;
    }
  });
}

// ---------------------------------------------------------------- status

/** The documents named by --bundle files (issuer and status index from the credential) or by --issuer-id/--index. */
async function statusTargets(values: Values): Promise<{ issuerId: Hex; indexes: number[] }> {
  const bundles = list(values, "bundle");
  const indexTexts = list(values, "index");
  if (bundles.length > 0) {
    if (indexTexts.length > 0 || str(values, "issuer-id") !== undefined)
      throw new CliError("give either --bundle files or --issuer-id with --index, not both", 2);
    const targets: { issuerId: Hex; index: number }[] = [];
    for (const path of bundles) {
      let facts: ReturnType<typeof readCredential>;
      try {
        const bundle = readBundle(JSON.parse(await readFile(path, "utf8")));
        facts = readCredential(parseJws(bundle.credential).payload);
      } catch (err) {
        throw new CliError(`${path}: not a document bundle (${(err as Error).message})`);
      }
      targets.push({ issuerId: facts.issuerId, index: facts.statusIndex });
    }
    const issuerId = targets[0]?.issuerId as Hex;
    if (targets.some((t) => t.issuerId !== issuerId))
      throw new CliError(
        "the bundles come from different issuers: change their status one issuer at a time",
        2,
      );
    return { issuerId, indexes: targets.map((t) => t.index) };
  }
  const issuerId = required(values, "issuer-id", DOC_CHAIN_USAGE);
  if (indexTexts.length === 0) throw new CliError(`missing --index or --bundle\n\n${DOC_CHAIN_USAGE}`, 2);
  const indexes = indexTexts.map((t) => {
    if (!/^\d+$/.test(t)) throw new CliError(`--index must be a non-negative integer, got '${t}'`, 2);
    return Number(t);
  });
  return { issuerId: issuerId as Hex, indexes };
}

function statusCommand(action: "revoke" | "suspend" | "resume") {
  return async (args: string[]): Promise<number> => {
    const { values } = parse(
      args,
      {
        ...SENDER_OPTIONS,
        ...CONTRACT_OPTIONS,
        bundle: { type: "string", multiple: true },
        "issuer-id": { type: "string" },
        index: { type: "string", multiple: true },
      },
      DOC_CHAIN_USAGE,
    );
    return chainCommand(`doc ${action}`, async () => {
      const target = await statusTargets(values);
      const client = await documentsClient(values, true);
      const act =
        action === "revoke" ? revokeDocuments : action === "suspend" ? suspendDocuments : resumeDocuments;
      const { hash } = await act(client, target);
      const done = action === "revoke" ? "revoked" : action === "suspend" ? "suspended" : "resumed";
      console.log(
        `${done} status index ${target.indexes.join(", ")} of issuer ${identifierToString(target.issuerId as Hex)} (tx ${hash})`,
      );
      return 0;
    });
  };
}

// ---------------------------------------------------------------- issuer

async function keyIdOf(values: Values): Promise<Hex> {
  const jwkPath = str(values, "jwk");
  const keyIdText = str(values, "key-id");
  if ((jwkPath === undefined) === (keyIdText === undefined))
    throw new CliError(`give the key as --jwk FILE or --key-id HEX\n\n${DOC_CHAIN_USAGE}`, 2);
  if (keyIdText !== undefined) {
    const hex = keyIdText.startsWith("0x") ? keyIdText : `0x${keyIdText}`;
    if (!isHex(hex) || hex.length !== 66)
      throw new CliError(`--key-id must be 32 bytes of hex, got '${keyIdText}'`, 2);
    return hex.toLowerCase() as Hex;
  }
  try {
    const jwk = JSON.parse(await readFile(jwkPath as string, "utf8")) as Record<string, unknown>;
    const { d: _private, ...publicPart } = jwk;
    return keyIdentifiers(toP256PublicJwk(publicPart)).keyId;
  } catch (err) {
    throw new CliError(`${jwkPath}: not a P-256 JWK (${(err as Error).message})`);
  }
}

async function issuer(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      ...SENDER_OPTIONS,
      ...CONTRACT_OPTIONS,
      operator: { type: "string", multiple: true },
      remove: { type: "boolean" },
      jwk: { type: "string" },
      "key-id": { type: "string" },
      "valid-from": { type: "string" },
      "valid-until": { type: "string" },
      at: { type: "string" },
      type: { type: "string" },
    },
    DOC_CHAIN_USAGE,
  );
  const action = positional(
    positionals,
    0,
    "what to do with the issuer (register, operator, add-key, revoke-key, show)",
  );
  const issuerId = positional(positionals, 1, "the issuer id");
  return chainCommand(`doc issuer ${action}`, async () => {
    if (action === "show") {
      const client = await documentsClient(values, false);
      const record = await getIssuer(client, { issuerId });
      if (record === undefined) throw new CliError(`issuer ${issuerId} is not registered`);
      console.log(
        `issuer ${issuerId}: registered ${isoTime(record.registeredAt)} by ${record.registeredBy}, ${record.operatorCount} operator(s)`,
      );
      if (str(values, "key-id") !== undefined || str(values, "jwk") !== undefined) {
        const keyId = await keyIdOf(values);
        const k = await getIssuerKey(client, { issuerId, keyId });
        console.log(
          k === undefined
            ? `key ${keyId}: unknown`
            : `key ${keyId}: valid ${isoTime(k.validFrom)} – ${isoTime(k.validUntil)}${k.revokedAt === 0n ? "" : `, revoked from ${isoTime(k.revokedAt)}`}`,
        );
      }
      const type = str(values, "type");
      if (type !== undefined) {
        const windows = await getAccreditations(client, { issuerId, docType: type });
        if (windows.length === 0) console.log(`not accredited for ${type}`);
        for (const w of windows)
          console.log(`accredited for ${type}: ${isoTime(w.from)} – ${isoTime(w.until)} by ${w.body}`);
      }
      return 0;
    }
    const client = await documentsClient(values, true);
    let result: { hash: Hex };
    let done: string;
    if (action === "register") {
      const operators = list(values, "operator").map((a) =>
        addressArgument(a, "--operator", DOC_CHAIN_USAGE),
      );
      result = await registerIssuer(client, { issuerId, operators });
      done = `registered issuer ${issuerId} with ${operators.length} operator(s)`;
    } else if (action === "operator") {
      const account = addressArgument(positionals[2], "the operator's account", DOC_CHAIN_USAGE);
      const remove = values["remove"] === true;
      result = await setIssuerOperator(client, { issuerId, account, remove });
      done = `${remove ? "removed" : "added"} operator ${account} of issuer ${issuerId}`;
    } else if (action === "add-key") {
      const keyId = await keyIdOf(values);
      const validUntil = time(values, "valid-until");
      if (validUntil === undefined) throw new CliError(`missing --valid-until\n\n${DOC_CHAIN_USAGE}`, 2);
      result = await addIssuerKey(client, {
        issuerId,
        keyId,
        validFrom: time(values, "valid-from"),
        validUntil,
      });
      done = `added key ${keyId} of issuer ${issuerId}, valid until ${validUntil.toISOString()}`;
    } else if (action === "revoke-key") {
      const keyId = await keyIdOf(values);
      result = await revokeIssuerKey(client, { issuerId, keyId, at: time(values, "at") });
      done = `revoked key ${keyId} of issuer ${issuerId}; documents anchored before the revocation stay valid`;
    } else {
      throw new CliError(`unknown action 'doc issuer ${action}'\n\n${DOC_CHAIN_USAGE}`, 2);
    }
    console.log(`${done} (tx ${result.hash})`);
    return 0;
  });
}

// ------------------------------------------------------------- accredit

async function accredit(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      ...SENDER_OPTIONS,
      ...CONTRACT_OPTIONS,
      type: { type: "string" },
      from: { type: "string" },
      until: { type: "string" },
      at: { type: "string" },
      remove: { type: "boolean" },
    },
    DOC_CHAIN_USAGE,
  );
  const action = positional(
    positionals,
    0,
    "what to do (grant, withdraw, propose-body, approve-body, execute-body, show-body)",
  );
  const subject = positional(
    positionals,
    1,
    action.endsWith("-body") ? "the body or proposal" : "the issuer id",
  );
  return chainCommand(`doc accredit ${action}`, async () => {
    if (action === "show-body") {
      const account = addressArgument(subject, "the body's account", DOC_CHAIN_USAGE);
      const client = await documentsClient(values, false);
      const body = await isAccreditingBody(client, { account });
      console.log(`${account} is ${body ? "" : "not "}an accrediting body`);
      return 0;
    }
    const client = await documentsClient(values, true);
    if (action === "grant") {
      const docType = required(values, "type", DOC_CHAIN_USAGE);
      const until = time(values, "until");
      if (until === undefined) throw new CliError(`missing --until\n\n${DOC_CHAIN_USAGE}`, 2);
      const { hash } = await grantAccreditation(client, {
        issuerId: subject,
        docType,
        from: time(values, "from"),
        until,
      });
      console.log(`accredited ${subject} for ${docType} until ${until.toISOString()} (tx ${hash})`);
    } else if (action === "withdraw") {
      const docType = required(values, "type", DOC_CHAIN_USAGE);
      const { hash } = await withdrawAccreditation(client, {
        issuerId: subject,
        docType,
        at: time(values, "at"),
      });
      console.log(
        `withdrew the accreditation of ${subject} for ${docType}; earlier documents keep it (tx ${hash})`,
      );
    } else if (action === "propose-body") {
      const body = addressArgument(subject, "the body's account", DOC_CHAIN_USAGE);
      const remove = values["remove"] === true;
      const { proposalId } = await proposeAccreditingBody(client, { body, remove });
      console.log(
        `proposed to ${remove ? "remove" : "add"} accrediting body ${body}: proposal ${proposalId}`,
      );
      console.log(
        "other network admins approve it with `civitas doc accredit approve-body`, then one executes it",
      );
    } else if (action === "approve-body" || action === "execute-body") {
      if (!/^(0x)?[0-9a-fA-F]{64}$/.test(subject)) throw new CliError(`'${subject}' is not a proposal id`, 2);
      const proposalId = (subject.startsWith("0x") ? subject : `0x${subject}`) as Hex;
      if (action === "approve-body") await approveIssuersGovernance(client, { proposalId });
      else await executeIssuersGovernance(client, { proposalId });
      console.log(`${action === "approve-body" ? "approved" : "executed"} proposal ${proposalId}`);
    } else {
      throw new CliError(`unknown action 'doc accredit ${action}'\n\n${DOC_CHAIN_USAGE}`, 2);
    }
    return 0;
  });
}

// --------------------------------------------------------------- anchors

async function anchors(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { rpc: { type: "string" }, registry: { type: "string" }, ...CONTRACT_OPTIONS },
    DOC_CHAIN_USAGE,
  );
  if (positionals.length === 0) throw new CliError(`missing a batch root\n\n${DOC_CHAIN_USAGE}`, 2);
  return chainCommand("doc anchors", async () => {
    const client = await documentsClient(values, false);
    let missing = 0;
    for (const root of positionals) {
      const anchor = await getAnchor(client, { root: root as Hex });
      if (anchor === undefined) {
        missing++;
        console.log(`${root}: not anchored`);
      } else
        console.log(
          `${root}: ${anchor.count} document(s) of issuer ${identifierToString(anchor.issuerId)}, anchored ${isoTime(anchor.anchoredAt)} in block ${anchor.blockNumber}`,
        );
    }
    return missing === 0 ? 0 : 1;
  });
}

const HANDLERS: Record<(typeof DOC_CHAIN_SUBCOMMANDS)[number], (args: string[]) => Promise<number>> = {
  revoke: statusCommand("revoke"),
  suspend: statusCommand("suspend"),
  resume: statusCommand("resume"),
  issuer,
  accredit,
  anchors,
};

/** Runs `civitas doc <name> …` for the chain-side subcommands (exit code); an unknown name is a usage error. */
export function runDocChainSubcommand(name: string, args: string[]): Promise<number> {
  return runSubcommand("doc", DOC_CHAIN_USAGE, HANDLERS, [name, ...args]);
}
