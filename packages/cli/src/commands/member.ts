// `civitas member`: a holder's binding statement, and the registrar's registration, revocation
// and look-up of members of the identity registry.
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import {
  type CertificateInput,
  certificateFingerprint,
  createAccountBinding,
  decryptPrivateKey,
  encodeAccountBinding,
  importPrivateKey,
  parseCertificate,
  parseCertificates,
  parseRevocationReason,
  type RevocationReason,
} from "@civitas/pki";
import { type CivitasClient, identifierToString, toIdentifier } from "@civitas/sdk";
import { type Address, type Hex, isAddress, isHex } from "viem";
import { CliError, type Command } from "../command.ts";
import { runSubcommand } from "../subcommands.ts";
import {
  fromFile,
  json,
  parse,
  passphrase,
  pkiCommand,
  readInput,
  required,
  str,
  writeOutput,
} from "./pki-cli.ts";
import {
  addressArgument,
  CONNECTION_OPTIONS,
  connect,
  isoTime,
  registryCommand,
  SENDER_HELP,
  SENDER_OPTIONS,
} from "./registry-cli.ts";

const USAGE = `usage:
  civitas member bind --cert FILE --cert-key FILE --account-key FILE --chain-id N
                      [--registry ADDR] [--expires ISO-TIME] --out FILE
      the certificate holder's binding statement: the account key and the certificate key both sign
      (account, certificate, chain, registry, nonce); hand FILE to the registrar
  civitas member add --cert FILE --binding FILE --account ADDR --org ID --role ID
                     --key FILE --rpc URL [--ca FILE]
      registers the holder (a registrar's transaction) after checking, before sending anything, that
      the certificate chains to the CA (--ca: PEM CA certificates; default: the CA certificates in
      --cert that the registry trusts), has not expired, and that the binding statement is for this
      account, chain and registry and carries valid signatures of both keys
  civitas member revoke (--account ADDR | --cert FILE | --fingerprint HEX) [--reason N]
                        --key FILE --rpc URL
      records a certificate's revocation (CRL reason code or name, default 0 unspecified): the
      member bound to it is suspended at once
  civitas member show ADDR --rpc URL [--json]
      access level, status, organisation, role and validity of an account

  --cert-key FILE     the certificate's private key (PEM; a sealed key with --cert-key-passphrase-file)
  --account-key FILE  the account's private key (0x + 64 hex digits)
${SENDER_HELP}`;

const KEY_PATTERN = /^(0x)?[0-9a-fA-F]{64}$/;

async function bind(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      cert: { type: "string" },
      "cert-key": { type: "string" },
      "cert-key-passphrase-file": { type: "string" },
      "account-key": { type: "string" },
      "chain-id": { type: "string" },
      registry: { type: "string" },
      expires: { type: "string" },
      out: { type: "string" },
    },
    USAGE,
  );
  const certPath = required(values, "cert", USAGE);
  const keyPath = required(values, "cert-key", USAGE);
  const accountKeyPath = required(values, "account-key", USAGE);
  const chainId = required(values, "chain-id", USAGE);
  const out = required(values, "out", USAGE);
  if (!/^\d+$/.test(chainId)) throw new CliError(`--chain-id must be a decimal integer, got '${chainId}'`, 2);
  const registry = str(values, "registry") ?? IDENTITY_REGISTRY_ADDRESS;
  if (!isAddress(registry, { strict: false }))
    throw new CliError(`--registry '${registry}' is not an address`, 2);
  const expiresText = str(values, "expires");
  const expires = expiresText === undefined ? undefined : new Date(expiresText);
  if (expires !== undefined && Number.isNaN(expires.getTime()))
    throw new CliError(`--expires must be an ISO 8601 time, got '${expiresText}'`, 2);
  return pkiCommand("member bind", async () => {
    const certificate = await fromFile(certPath, "certificate", (t) => parseCertificate(t));
    const keyText = await readInput(keyPath, "certificate key");
    // The key may be PEM (PKCS#8, SEC1, encrypted PKCS#8) or a Civitas sealed key file.
    const sealed = keyText.trimStart().startsWith("{");
    const keyPass =
      sealed || str(values, "cert-key-passphrase-file") !== undefined
        ? await passphrase(values, "cert-key-passphrase-file", "CIVITAS_KEY_PASSPHRASE", "certificate key")
        : undefined;
    const certificateKey = sealed
      ? await decryptPrivateKey(keyText, keyPass as string)
      : await fromFile(keyPath, "certificate key", (t) => importPrivateKey(t, keyPass));
    const accountKey = (await readInput(accountKeyPath, "account key file")).trim();
    if (!KEY_PATTERN.test(accountKey))
      throw new CliError(`${accountKeyPath} does not hold an account private key (0x + 64 hex digits)`);
    const binding = await createAccountBinding({
      certificate,
      certificateKey,
      accountKey,
      chainId: BigInt(chainId),
      registry,
      ...(expires !== undefined ? { expiresAt: expires } : {}),
    });
    await writeOutput(out, `0x${Buffer.from(encodeAccountBinding(binding)).toString("hex")}\n`);
    console.error(
      `binding statement: account ${binding.account} ↔ certificate ${binding.certificateFingerprint} on chain ${binding.chainId}, registry ${binding.registry}${out === "-" ? "" : ` → ${out}`}`,
    );
    return 0;
  });
}

/** A binding file: the compact encoding as hex, or the JSON `cert bind-account --json` writes. */
async function readBinding(path: string): Promise<Hex> {
  const text = (await readInput(path, "binding file")).trim();
  const encoded = text.startsWith("{") ? (JSON.parse(text) as { encoded?: unknown }).encoded : text;
  if (typeof encoded !== "string" || !isHex(encoded) || encoded.length < 4)
    throw new CliError(`${path} does not hold a binding statement (0x hex, as civitas member bind writes)`);
  return encoded;
}

async function readCertificates(path: string, what: string) {
  return fromFile(path, what, (t) => parseCertificates(t));
}

/**
 * What the certificate must chain to: the certificates in --ca, or else the CA certificates
 * that came with the member's certificate and that the registry lists as trusted issuers.
 */
async function trustFor(
  client: CivitasClient,
  caPath: string | undefined,
  chain: readonly CertificateInput[],
) {
  if (caPath !== undefined) {
    const anchors = await readCertificates(caPath, "CA certificate file");
    if (anchors.length === 0) throw new CliError(`${caPath} holds no certificate`, 2);
    return { trustAnchors: anchors, intermediates: chain, partialChain: true };
  }
  const trusted = [];
  for (const ca of parseCertificates(chain as CertificateInput[]))
    if (await client.isTrustedIssuer({ fingerprint: certificateFingerprint(ca) })) trusted.push(ca);
  if (trusted.length === 0)
    throw new CliError(
      "no CA to check the certificate against: give --ca FILE (the network's CA certificates), or a --cert file that carries its issuing CA (civitas cert issue --chain-out)",
      2,
    );
  return { trustAnchors: trusted, intermediates: chain, partialChain: true };
}

async function add(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SENDER_OPTIONS,
      cert: { type: "string" },
      binding: { type: "string" },
      account: { type: "string" },
      org: { type: "string" },
      role: { type: "string" },
      ca: { type: "string" },
    },
    USAGE,
  );
  const certPath = required(values, "cert", USAGE);
  const bindingPath = required(values, "binding", USAGE);
  const account = addressArgument(str(values, "account"), "--account", USAGE);
  const org = required(values, "org", USAGE);
  const role = required(values, "role", USAGE);
  for (const [option, value] of [
    ["org", org],
    ["role", role],
  ] as const) {
    try {
      toIdentifier(value);
    } catch (err) {
      throw new CliError(`--${option}: ${(err as Error).message}`, 2);
    }
  }
  return registryCommand(`member add ${account}`, async () => {
    const [leaf, ...chain] = await readCertificates(certPath, "certificate");
    if (leaf === undefined) throw new CliError(`${certPath} holds no certificate`, 2);
    const binding = await readBinding(bindingPath);
    const client = await connect(values, USAGE, true);
    const trust = await trustFor(client, str(values, "ca"), chain);
    const r = await client.registerMember({
      certificate: [leaf, ...chain],
      binding,
      account,
      organisation: org,
      role,
      trust,
    });
    const member = await client.getMember({ account: r.account });
    console.log(`registered ${r.account} in ${org} as ${role} (tx ${r.hash})`);
    if (member !== undefined)
      console.log(
        `certificate ${member.certificateFingerprint.slice(2)}, assurance ${member.assurance}, valid until ${isoTime(member.notAfter)}`,
      );
    return 0;
  });
}

function reasonOption(value: string | undefined): number | RevocationReason | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  try {
    return parseRevocationReason(value);
  } catch (err) {
    throw new CliError(`--reason: ${(err as Error).message}`, 2);
  }
}

async function revoke(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SENDER_OPTIONS,
      account: { type: "string" },
      cert: { type: "string" },
      fingerprint: { type: "string" },
      reason: { type: "string" },
    },
    USAGE,
  );
  const given = (["account", "cert", "fingerprint"] as const).filter((o) => str(values, o) !== undefined);
  if (given.length !== 1)
    throw new CliError(`give exactly one of --account, --cert, --fingerprint\n\n${USAGE}`, 2);
  const reason = reasonOption(str(values, "reason"));
  const accountText = str(values, "account");
  const account = accountText === undefined ? undefined : addressArgument(accountText, "--account", USAGE);
  const fingerprint = str(values, "fingerprint");
  if (fingerprint !== undefined && !/^(0x)?[0-9a-fA-F]{64}$/.test(fingerprint))
    throw new CliError(
      `--fingerprint must be 64 hex digits (SHA-256 of the certificate), got '${fingerprint}'`,
      2,
    );
  return registryCommand("member revoke", async () => {
    const certPath = str(values, "cert");
    const certificate =
      certPath === undefined
        ? undefined
        : await fromFile(certPath, "certificate", (t) => parseCertificate(t));
    const client = await connect(values, USAGE, true);
    const which =
      account !== undefined
        ? { account }
        : certificate !== undefined
          ? { certificate }
          : { fingerprint: fingerprint as string };
    const r = await client.revokeCertificate({ ...which, reason });
    console.log(`revoked certificate ${r.certificateFingerprint.slice(2)} (tx ${r.hash})`);
    console.log(r.account === undefined ? "no member was bound to it" : `member ${r.account} is suspended`);
    return 0;
  });
}

async function show(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...CONNECTION_OPTIONS, json: { type: "boolean" } }, USAGE);
  const account = addressArgument(positionals[0], "the account to show (ADDR)", USAGE);
  return registryCommand(`member show ${account}`, async () => {
    const client = await connect(values, USAGE, false);
    const [permission, member] = await Promise.all([
      client.getPermission({ account }),
      client.getMember({ account }),
    ]);
    const info = {
      account,
      level: permission.level,
      status: permission.status,
      validUntil: permission.validUntil === undefined ? undefined : isoTime(permission.validUntil),
      ...(member === undefined
        ? {}
        : {
            organisation: identifierToString(member.organisation),
            role: identifierToString(member.role),
            assurance: member.assurance,
            certificateFingerprint: member.certificateFingerprint.slice(2),
            issuerFingerprint: member.issuerFingerprint.slice(2),
            certificateNotAfter: isoTime(member.notAfter),
            registeredAt: isoTime(member.registeredAt),
            registrar: member.registrar as Address,
          }),
    };
    if (values.json) {
      process.stdout.write(json(info));
      return 0;
    }
    const rows: [string, string | undefined][] = [
      ["account", info.account],
      ["level", info.level],
      ["status", info.status],
      ["valid until", info.validUntil ?? "(until a registry change)"],
      ["organisation", info.organisation ?? "(not a member)"],
      ["role", info.role],
      ["assurance", info.assurance],
      ["certificate", info.certificateFingerprint],
      ["issuer", info.issuerFingerprint],
      ["registered", info.registeredAt && `${info.registeredAt} by ${info.registrar}`],
    ];
    for (const [label, value] of rows) if (value !== undefined) console.log(`${label.padEnd(13)} ${value}`);
    return 0;
  });
}

export const command: Command = {
  name: "member",
  summary: "bind accounts to certificates; register, revoke and show members of the identity registry",
  run: (args) => runSubcommand("member", USAGE, { bind, add, revoke, show }, args),
};
