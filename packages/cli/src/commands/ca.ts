// `civitas ca …`: create, import and inspect certificate authorities (see packages/pki/README.md).
import { join } from "node:path";
import {
  CA_FILES,
  certificateFingerprint,
  createIntermediateCa,
  importCa,
  initRootCa,
  parseKeyAlgorithm,
  readCaMeta,
  readCaPublic,
  requestIntermediateCa,
  type SubjectName,
} from "@civitas/pki";
import { CliError, type Command } from "../command.ts";
import { runSubcommand } from "../subcommands.ts";
import {
  int,
  json,
  parse,
  passphrase,
  pkiCommand,
  readInput,
  required,
  str,
  type Values,
} from "./pki-cli.ts";

const USAGE = `usage:
  civitas ca init --dir <dir> --name <common name> [--org <O>] [--country <CC>]
                  [--algorithm ecdsa-p256|ed25519] [--days 3650] [--path-len 1]
                  [--passphrase-file <file>]
  civitas ca intermediate --parent <root dir> --dir <dir> --name <common name> [--org <O>]
                  [--country <CC>] [--algorithm ecdsa-p256|ed25519] [--days 1825] [--path-len 0]
                  [--passphrase-file <file>] [--parent-passphrase-file <file>]
  civitas ca import --dir <dir> --cert <ca.pem> [--chain <issuers.pem>] [--key <key.pem>]
                  [--key-passphrase-file <file>] [--id-hash-key-file <file>] [--passphrase-file <file>]
  civitas ca request --dir <dir> --name <common name> [--org <O>] [--country <CC>]
                  [--algorithm ecdsa-p256|ed25519] [--passphrase-file <file>]
  civitas ca show --dir <dir> [--json]

The CA key is sealed with a passphrase read from --passphrase-file or $CIVITAS_CA_PASSPHRASE
(the parent's from --parent-passphrase-file or $CIVITAS_PARENT_CA_PASSPHRASE, default: the same).
'ca request' + 'ca import' is the flow for an intermediate signed by the city's existing CA.`;

const SUBJECT_OPTIONS = {
  name: { type: "string" },
  org: { type: "string" },
  country: { type: "string" },
} as const;

function subject(values: Values): SubjectName {
  const org = str(values, "org");
  const country = str(values, "country");
  return {
    commonName: required(values, "name", USAGE),
    ...(org !== undefined ? { organization: org } : {}),
    ...(country !== undefined ? { country } : {}),
  };
}

function algorithm(values: Values) {
  const a = str(values, "algorithm");
  return a === undefined ? undefined : parseKeyAlgorithm(a);
}

async function init(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SUBJECT_OPTIONS,
      dir: { type: "string" },
      algorithm: { type: "string" },
      days: { type: "string" },
      "path-len": { type: "string" },
      "passphrase-file": { type: "string" },
    },
    USAGE,
  );
  const dir = required(values, "dir", USAGE);
  return pkiCommand(`ca init ${dir}`, async () => {
    const pass = await passphrase(values, "passphrase-file", "CIVITAS_CA_PASSPHRASE", "CA");
    const keyAlgorithm = algorithm(values);
    const days = int(values, "days");
    const pathLength = int(values, "path-len");
    const ca = await initRootCa(dir, {
      subject: subject(values),
      passphrase: pass,
      ...(keyAlgorithm ? { keyAlgorithm } : {}),
      ...(days !== undefined ? { validityDays: days } : {}),
      ...(pathLength !== undefined ? { pathLength } : {}),
    });
    console.log(`root CA "${ca.certificate.subject}" created in ${dir}`);
    console.log(
      `  certificate ${join(dir, CA_FILES.certificate)} (sha256 ${certificateFingerprint(ca.certificate)})`,
    );
    console.log(`  sealed key  ${join(dir, CA_FILES.key)} (mode 0600)`);
    return 0;
  });
}

async function intermediate(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SUBJECT_OPTIONS,
      parent: { type: "string" },
      dir: { type: "string" },
      algorithm: { type: "string" },
      days: { type: "string" },
      "path-len": { type: "string" },
      "passphrase-file": { type: "string" },
      "parent-passphrase-file": { type: "string" },
    },
    USAGE,
  );
  const parent = required(values, "parent", USAGE);
  const dir = required(values, "dir", USAGE);
  return pkiCommand(`ca intermediate ${dir}`, async () => {
    const pass = await passphrase(values, "passphrase-file", "CIVITAS_CA_PASSPHRASE", "CA");
    const parentPass = await passphrase(
      values,
      "parent-passphrase-file",
      "CIVITAS_PARENT_CA_PASSPHRASE",
      "parent CA",
      pass,
    );
    const keyAlgorithm = algorithm(values);
    const days = int(values, "days");
    const pathLength = int(values, "path-len");
    const ca = await createIntermediateCa(parent, parentPass, dir, {
      subject: subject(values),
      passphrase: pass,
      ...(keyAlgorithm ? { keyAlgorithm } : {}),
      ...(days !== undefined ? { validityDays: days } : {}),
      ...(pathLength !== undefined ? { pathLength } : {}),
    });
    console.log(
      `intermediate CA "${ca.certificate.subject}" created in ${dir}, issued by "${ca.certificate.issuer}"`,
    );
    console.log(
      `  certificate ${join(dir, CA_FILES.certificate)} (sha256 ${certificateFingerprint(ca.certificate)})`,
    );
    return 0;
  });
}

async function importCommand(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      dir: { type: "string" },
      cert: { type: "string" },
      chain: { type: "string" },
      key: { type: "string" },
      "key-passphrase-file": { type: "string" },
      "id-hash-key-file": { type: "string" },
      "passphrase-file": { type: "string" },
    },
    USAGE,
  );
  const dir = required(values, "dir", USAGE);
  const certPath = required(values, "cert", USAGE);
  return pkiCommand(`ca import ${dir}`, async () => {
    const pass = await passphrase(values, "passphrase-file", "CIVITAS_CA_PASSPHRASE", "CA");
    const certificate = await readInput(certPath, "CA certificate");
    const chainPath = str(values, "chain");
    const chain = chainPath === undefined ? undefined : await readInput(chainPath, "CA chain");
    const keyPath = str(values, "key");
    const privateKey = keyPath === undefined ? undefined : await readInput(keyPath, "CA private key");
    const keyPassphrase =
      str(values, "key-passphrase-file") === undefined
        ? undefined
        : await passphrase(values, "key-passphrase-file", "CIVITAS_IMPORT_KEY_PASSPHRASE", "CA key");
    const idPath = str(values, "id-hash-key-file");
    let idHashKey: Uint8Array | undefined;
    if (idPath !== undefined) {
      const hex = (await readInput(idPath, "ID-hash key")).trim().replace(/^0x/, "");
      if (!/^[0-9a-fA-F]{64}$/.test(hex))
        throw new CliError(`ID-hash key file ${idPath} must hold 32 bytes of hex`);
      idHashKey = new Uint8Array(Buffer.from(hex, "hex"));
    }
    const ca = await importCa(dir, {
      certificate,
      passphrase: pass,
      ...(chain !== undefined ? { chain } : {}),
      ...(privateKey !== undefined ? { privateKey } : {}),
      ...(keyPassphrase !== undefined ? { keyPassphrase } : {}),
      ...(idHashKey !== undefined ? { idHashKey } : {}),
    });
    console.log(`CA "${ca.certificate.subject}" imported into ${dir} (root "${ca.root.subject}")`);
    return 0;
  });
}

async function request(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SUBJECT_OPTIONS,
      dir: { type: "string" },
      algorithm: { type: "string" },
      "passphrase-file": { type: "string" },
    },
    USAGE,
  );
  const dir = required(values, "dir", USAGE);
  return pkiCommand(`ca request ${dir}`, async () => {
    const pass = await passphrase(values, "passphrase-file", "CIVITAS_CA_PASSPHRASE", "CA");
    const keyAlgorithm = algorithm(values);
    await requestIntermediateCa(dir, {
      subject: subject(values),
      passphrase: pass,
      ...(keyAlgorithm ? { keyAlgorithm } : {}),
    });
    console.log(
      `key generated and sealed in ${dir}; have the city CA sign ${join(dir, CA_FILES.csr)}, then run`,
    );
    console.log(`  civitas ca import --dir ${dir} --cert <signed.pem> --chain <city chain.pem>`);
    return 0;
  });
}

async function show(args: string[]): Promise<number> {
  const { values } = parse(args, { dir: { type: "string" }, json: { type: "boolean" } }, USAGE);
  const dir = required(values, "dir", USAGE);
  return pkiCommand(`ca show ${dir}`, async () => {
    const meta = await readCaMeta(dir);
    const pub = meta.kind === "pending" ? undefined : await readCaPublic(dir);
    const info = {
      ...meta,
      ...(pub
        ? {
            issuer: pub.certificate.issuer,
            notBefore: pub.certificate.notBefore,
            notAfter: pub.certificate.notAfter,
            root: pub.root.subject,
            chain: pub.chain.map((c) => c.subject),
            crl: pub.crl
              ? {
                  thisUpdate: pub.crl.thisUpdate,
                  nextUpdate: pub.crl.nextUpdate,
                  entries: pub.crl.entries.length,
                }
              : null,
          }
        : {}),
    };
    if (values.json) process.stdout.write(json(info));
    else
      for (const [k, v] of Object.entries(info))
        console.log(
          `${k}: ${typeof v === "object" && v !== null && !(v instanceof Date) ? JSON.stringify(v) : v instanceof Date ? v.toISOString() : String(v)}`,
        );
    return 0;
  });
}

export const command: Command = {
  name: "ca",
  summary: "create, import and inspect certificate authorities",
  run: (args) =>
    runSubcommand("ca", USAGE, { init, intermediate, import: importCommand, request, show }, args),
};
