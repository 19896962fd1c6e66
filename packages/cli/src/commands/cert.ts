// `civitas cert …`: issue, revoke, verify and inspect certificates; bind an account.
import {
  accountBindingToJson,
  certificatesToPem,
  createAccountBinding,
  decryptPrivateKey,
  describeCertificate,
  encodeAccountBinding,
  type IssuedCertificate,
  importPrivateKey,
  type KeyPurpose,
  type ProfileType,
  parseAssuranceLevel,
  parseCertificate,
  parseCertificates,
  parseCrls,
  parseCsr,
  parseKeyAlgorithm,
  parseRevocationReason,
  privateKeyToPem,
  saveCrl,
  saveIssued,
  TrustStore,
  verifyAccountBinding,
  verifyCertificateChain,
  withCa,
} from "@civitas/pki";
import { CliError, type Command } from "../command.ts";
import { runSubcommand } from "../subcommands.ts";
import {
  fromFile,
  int,
  json,
  list,
  parse,
  passphrase,
  pkiCommand,
  readInput,
  required,
  str,
  type Values,
  writeOutput,
} from "./pki-cli.ts";

const USAGE = `usage:
  civitas cert issue --type node|org|person --ca <ca dir> [--csr <req.pem> | --out-key <key.pem>]
                     [--out <cert.pem>] [--chain-out <chain.pem>] [--days N]
                     [--algorithm ecdsa-p256|ed25519] [--passphrase-file <file>]
      node:   --name <node name> --dns <name>[,…] --ip <addr>[,…] [--validator <0x address>]
      org:    --org-name <legal name> --org-id <identifier, e.g. VATES-P4802000I> --role <role>[,…]
      person: --national-id-file <file> | --national-id <id>   --assurance QUALIFIED|SUBSTANTIAL|LOW
              [--role <role>[,…]] [--name <display name>]
  civitas cert revoke --ca <ca dir> (--serial <hex> | --cert <cert.pem>) [--reason keyCompromise|…]
                      [--passphrase-file <file>]           (also publishes a new CRL)
  civitas cert verify <cert.pem> (--trust <roots.pem> | --ca-dir <dir>…) [--untrusted <chain.pem>]
                      [--crl <crl.pem>…] [--revocation none|leaf|chain] [--purpose server|client]
                      [--profile node|org|person] [--at <ISO time>] [--json]
  civitas cert show <cert.pem> [--json]
  civitas cert bind-account --cert <cert.pem> --key <key.pem> [--key-passphrase-file <file>]
                      --account-key-file <file> --chain-id <id> [--registry <0x address>]
                      [--nonce <32-byte hex>] [--expires <ISO time>] [--out <file>] [--json]
  civitas cert verify-binding --binding <hex | file> --cert <cert.pem> [--chain-id <id>]
                      [--registry <0x address>] [--account <0x address>] [--trust <roots.pem>] [--json]

The CA passphrase comes from --passphrase-file or $CIVITAS_CA_PASSPHRASE. Without --csr a key pair
is generated and written to --out-key (mode 0600). Certificates are PEM; '-' means stdout.`;

const PROFILES: Record<string, ProfileType> = {
  node: "node",
  org: "organisation",
  organisation: "organisation",
  person: "person",
};

async function issue(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      type: { type: "string" },
      ca: { type: "string" },
      csr: { type: "string" },
      "out-key": { type: "string" },
      out: { type: "string" },
      "chain-out": { type: "string" },
      days: { type: "string" },
      algorithm: { type: "string" },
      "passphrase-file": { type: "string" },
      name: { type: "string" },
      dns: { type: "string", multiple: true },
      ip: { type: "string", multiple: true },
      validator: { type: "string" },
      "org-name": { type: "string" },
      "org-id": { type: "string" },
      role: { type: "string", multiple: true },
      "national-id": { type: "string" },
      "national-id-file": { type: "string" },
      assurance: { type: "string" },
      country: { type: "string" },
    },
    USAGE,
  );
  const type = required(values, "type", USAGE);
  if (!["node", "org", "organisation", "person"].includes(type))
    throw new CliError(`--type must be node, org or person\n\n${USAGE}`, 2);
  const caDir = required(values, "ca", USAGE);
  const csrPath = str(values, "csr");
  const outKey = str(values, "out-key");
  if (csrPath === undefined && outKey === undefined)
    throw new CliError("give --csr <request.pem>, or --out-key <file> for a generated key pair", 2);
  if (csrPath !== undefined && outKey !== undefined)
    throw new CliError("--csr and --out-key exclude each other: with a CSR the key stays with its owner", 2);
  return pkiCommand(`cert issue (CA ${caDir})`, async () => {
    const pass = await passphrase(values, "passphrase-file", "CIVITAS_CA_PASSPHRASE", "CA");
    // Parse the CSR before touching the CA, so a bad request fails fast and names its file.
    const csr =
      csrPath === undefined
        ? undefined
        : await fromFile(csrPath, "certificate signing request", (t) => parseCsr(t));
    const days = int(values, "days");
    const algorithm = str(values, "algorithm");
    const country = str(values, "country");
    const common = {
      ...(csr !== undefined ? { csr } : {}),
      ...(days !== undefined ? { validityDays: days } : {}),
      ...(algorithm !== undefined ? { keyAlgorithm: parseKeyAlgorithm(algorithm) } : {}),
      ...(country !== undefined ? { country } : {}),
    };
    const nationalId = await nationalIdOf(values, type);
    const issued = await withCa(caDir, pass, async (ca): Promise<IssuedCertificate> => {
      let result: IssuedCertificate;
      if (type === "node") {
        const validator = str(values, "validator");
        result = await ca.issueNodeCertificate({
          ...common,
          name: required(values, "name", USAGE),
          dnsNames: list(values, "dns"),
          ipAddresses: list(values, "ip"),
          ...(validator !== undefined ? { validatorAddress: validator } : {}),
        });
      } else if (type === "person") {
        const name = str(values, "name");
        result = await ca.issuePersonCertificate({
          ...common,
          nationalId: nationalId!,
          assuranceLevel: parseAssuranceLevel(required(values, "assurance", USAGE)),
          roles: list(values, "role"),
          ...(name !== undefined ? { commonName: name } : {}),
        });
      } else {
        const name = str(values, "name");
        result = await ca.issueOrganisationCertificate({
          ...common,
          organisationName: required(values, "org-name", USAGE),
          organisationIdentifier: required(values, "org-id", USAGE),
          roles: list(values, "role"),
          ...(name !== undefined ? { commonName: name } : {}),
        });
      }
      await saveIssued(caDir, result.certificate, ca.records().at(-1)!.serialNumber);
      return result;
    });
    const id = describeCertificate(issued.certificate);
    if (outKey !== undefined)
      await writeOutput(outKey, await privateKeyToPem(issued.privateKey!), { secret: true });
    const chainOut = str(values, "chain-out");
    if (chainOut !== undefined) {
      const root = issued.chain.at(-1);
      await writeOutput(chainOut, certificatesToPem(issued.chain.filter((c) => c !== root)));
    }
    const out = str(values, "out") ?? "-";
    await writeOutput(out, certificatesToPem([issued.certificate]));
    const log = out === "-" ? console.error : console.log;
    log(
      `issued ${id.type} certificate "${id.subject}" serial ${id.serialNumber} (sha256 ${id.fingerprint}), valid until ${id.notAfter.toISOString()}`,
    );
    return 0;
  });
}

async function nationalIdOf(values: Values, type: string): Promise<string | undefined> {
  if (type !== "person") return undefined;
  const file = str(values, "national-id-file");
  if (file !== undefined) return (await readInput(file, "national ID file")).split(/\r?\n/)[0]!.trim();
  const direct = str(values, "national-id") ?? process.env.CIVITAS_NATIONAL_ID;
  if (direct === undefined)
    throw new CliError(
      "a person certificate needs --national-id-file <file> (or --national-id, or $CIVITAS_NATIONAL_ID)",
      2,
    );
  return direct;
}

async function revoke(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ca: { type: "string" },
      serial: { type: "string" },
      cert: { type: "string" },
      reason: { type: "string" },
      "passphrase-file": { type: "string" },
    },
    USAGE,
  );
  const caDir = required(values, "ca", USAGE);
  const serial = str(values, "serial");
  const certPath = str(values, "cert");
  if ((serial === undefined) === (certPath === undefined))
    throw new CliError("give exactly one of --serial and --cert", 2);
  return pkiCommand(`cert revoke (CA ${caDir})`, async () => {
    const pass = await passphrase(values, "passphrase-file", "CIVITAS_CA_PASSPHRASE", "CA");
    const target =
      certPath !== undefined ? await fromFile(certPath, "certificate", (t) => parseCertificate(t)) : serial!;
    const reason = parseRevocationReason(str(values, "reason") ?? "unspecified");
    const { record, crlPath, crlNumber } = await withCa(caDir, pass, async (ca) => {
      const rec = ca.revoke(target, reason);
      const crl = await ca.createCrl();
      return { record: rec, crlPath: await saveCrl(caDir, crl), crlNumber: ca.state.crlNumber };
    });
    console.log(
      `revoked ${record.type} certificate "${record.subject}" serial ${record.serialNumber} (${reason})`,
    );
    console.log(`published CRL #${crlNumber} at ${crlPath}`);
    return 0;
  });
}

async function trustFrom(values: Values): Promise<TrustStore> {
  const dirs = list(values, "ca-dir");
  const trustPath = str(values, "trust");
  if (dirs.length === 0 && trustPath === undefined)
    throw new CliError("give --trust <roots.pem> or --ca-dir <dir>", 2);
  if (dirs.length > 0 && trustPath !== undefined)
    throw new CliError("--trust and --ca-dir exclude each other", 2);
  if (dirs.length > 0) return TrustStore.fromCaDirectories(dirs);
  const roots = await fromFile(trustPath!, "trust bundle", (t) => parseCertificates(t));
  return new TrustStore({ roots });
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      trust: { type: "string" },
      "ca-dir": { type: "string", multiple: true },
      untrusted: { type: "string" },
      crl: { type: "string", multiple: true },
      revocation: { type: "string" },
      purpose: { type: "string" },
      profile: { type: "string" },
      at: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
  );
  const certPath = positionals[0];
  if (certPath === undefined) throw new CliError(`missing the certificate to verify\n\n${USAGE}`, 2);
  return pkiCommand(`cert verify ${certPath}`, async () => {
    const chain = await fromFile(certPath, "certificate", (t) => parseCertificates(t));
    const trust = await trustFrom(values);
    const untrustedPath = str(values, "untrusted");
    const untrusted =
      untrustedPath === undefined
        ? []
        : await fromFile(untrustedPath, "untrusted chain", (t) => parseCertificates(t));
    const crls = [...trust.crls];
    for (const p of list(values, "crl")) crls.push(...(await fromFile(p, "CRL", (t) => parseCrls(t))));
    const purposeText = str(values, "purpose");
    const purpose: KeyPurpose | undefined =
      purposeText === undefined
        ? undefined
        : purposeText === "server"
          ? "serverAuth"
          : purposeText === "client"
            ? "clientAuth"
            : badOption("purpose", "server or client");
    const profileText = str(values, "profile");
    const profile =
      profileText === undefined
        ? undefined
        : (PROFILES[profileText] ?? badOption("profile", "node, org or person"));
    const revocationText = str(values, "revocation");
    const revocation =
      revocationText === undefined
        ? undefined
        : ["none", "leaf", "chain"].includes(revocationText)
          ? (revocationText as "none" | "leaf" | "chain")
          : badOption("revocation", "none, leaf or chain");
    const atText = str(values, "at");
    const at = atText === undefined ? undefined : new Date(atText);
    if (at !== undefined && Number.isNaN(at.getTime())) badOption("at", "an ISO 8601 time");
    const result = await verifyCertificateChain(chain, {
      trustAnchors: [...trust.roots],
      intermediates: [...trust.intermediates, ...untrusted],
      crls,
      ...(revocation !== undefined ? { revocation } : {}),
      ...(purpose !== undefined ? { purpose } : {}),
      ...(profile !== undefined ? { profile } : {}),
      ...(at !== undefined ? { at } : {}),
    });
    if (values.json) {
      const { chain: path, ...rest } = result;
      process.stdout.write(json({ ...rest, chain: path.map((c) => c.subject) }));
    } else if (result.ok) {
      console.log(
        `${certPath}: OK (${result.identity.type} "${result.identity.subject}", chain ${result.chain.map((c) => `"${c.subject}"`).join(" → ")}${result.revocationChecked > 0 ? `, revocation checked for ${result.revocationChecked}` : ", revocation not checked"})`,
      );
    } else {
      console.log(`${certPath}: FAILED ${result.code} at depth ${result.depth}: ${result.reason}`);
    }
    return result.ok ? 0 : 1;
  });
}

function badOption(name: string, expected: string): never {
  throw new CliError(`--${name} must be ${expected}`, 2);
}

async function show(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: "boolean" } }, USAGE);
  const certPath = positionals[0];
  if (certPath === undefined) throw new CliError(`missing the certificate to show\n\n${USAGE}`, 2);
  return pkiCommand(`cert show ${certPath}`, async () => {
    const certs = await fromFile(certPath, "certificate", (t) => parseCertificates(t));
    const ids = certs.map((c) => describeCertificate(c));
    if (values.json) process.stdout.write(json(ids.length === 1 ? ids[0] : ids));
    else
      for (const id of ids)
        console.log(
          Object.entries(id)
            .map(
              ([k, v]) =>
                `${k}: ${v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(", ") : String(v)}`,
            )
            .join("\n"),
          "\n",
        );
    return 0;
  });
}

async function bindAccount(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      cert: { type: "string" },
      key: { type: "string" },
      "key-passphrase-file": { type: "string" },
      "account-key-file": { type: "string" },
      "chain-id": { type: "string" },
      registry: { type: "string" },
      nonce: { type: "string" },
      expires: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
  );
  const certPath = required(values, "cert", USAGE);
  const keyPath = required(values, "key", USAGE);
  const accountKeyPath = required(values, "account-key-file", USAGE);
  const chainId = required(values, "chain-id", USAGE);
  if (!/^\d+$/.test(chainId)) badOption("chain-id", "a decimal integer");
  return pkiCommand("cert bind-account", async () => {
    const certificate = await fromFile(certPath, "certificate", (t) => parseCertificate(t));
    const keyText = await readInput(keyPath, "certificate key");
    const keyPass =
      str(values, "key-passphrase-file") === undefined
        ? undefined
        : await passphrase(values, "key-passphrase-file", "CIVITAS_KEY_PASSPHRASE", "key");
    // The key may be PEM (PKCS#8, SEC1, encrypted PKCS#8) or a Civitas sealed key file.
    const certificateKey = keyText.trimStart().startsWith("{")
      ? await decryptPrivateKey(
          keyText,
          keyPass ?? badOption("key-passphrase-file", "given for a sealed key"),
        )
      : await fromFile(keyPath, "certificate key", (t) => importPrivateKey(t, keyPass));
    const accountKey = (await readInput(accountKeyPath, "account key file")).trim();
    const expiresText = str(values, "expires");
    const expires = expiresText === undefined ? undefined : new Date(expiresText);
    if (expires !== undefined && Number.isNaN(expires.getTime())) badOption("expires", "an ISO 8601 time");
    const registry = str(values, "registry");
    const nonce = str(values, "nonce");
    const binding = await createAccountBinding({
      certificate,
      certificateKey,
      accountKey,
      chainId: BigInt(chainId),
      ...(registry !== undefined ? { registry } : {}),
      ...(nonce !== undefined ? { nonce } : {}),
      ...(expires !== undefined ? { expiresAt: expires } : {}),
    });
    const encoded = `0x${Buffer.from(encodeAccountBinding(binding)).toString("hex")}`;
    const output = values.json ? json({ ...accountBindingToJson(binding), encoded }) : `${encoded}\n`;
    await writeOutput(str(values, "out") ?? "-", output);
    console.error(
      `account ${binding.account} bound to certificate ${binding.certificateFingerprint} on chain ${binding.chainId}`,
    );
    return 0;
  });
}

async function verifyBinding(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      binding: { type: "string" },
      cert: { type: "string" },
      "chain-id": { type: "string" },
      registry: { type: "string" },
      account: { type: "string" },
      trust: { type: "string" },
      "ca-dir": { type: "string", multiple: true },
      json: { type: "boolean" },
    },
    USAGE,
  );
  const bindingArg = required(values, "binding", USAGE);
  const certPath = required(values, "cert", USAGE);
  return pkiCommand("cert verify-binding", async () => {
    const bindingHex = /^(0x)?[0-9a-fA-F]+$/.test(bindingArg)
      ? bindingArg
      : (await readInput(bindingArg, "binding file")).trim();
    const certificate = await fromFile(certPath, "certificate", (t) => parseCertificate(t));
    const chainId = str(values, "chain-id");
    const registry = str(values, "registry");
    const account = str(values, "account");
    const withTrust = str(values, "trust") !== undefined || list(values, "ca-dir").length > 0;
    const trust = withTrust ? await trustFrom(values) : undefined;
    const result = await verifyAccountBinding(bindingHex, certificate, {
      ...(chainId !== undefined ? { chainId: BigInt(chainId) } : {}),
      ...(registry !== undefined ? { registry } : {}),
      ...(account !== undefined ? { account } : {}),
      ...(trust !== undefined
        ? {
            chain: {
              trustAnchors: [...trust.roots],
              intermediates: [...trust.intermediates],
              crls: [...trust.crls],
            },
          }
        : {}),
    });
    if (values.json) {
      const { chainFailure: _, ...rest } = result as typeof result & { chainFailure?: unknown };
      process.stdout.write(json(rest));
    } else if (result.ok)
      console.log(
        `OK: account ${result.account} is bound to certificate ${result.certificateFingerprint} ("${result.identity.subject}")`,
      );
    else console.log(`FAILED ${result.code}: ${result.reason}`);
    return result.ok ? 0 : 1;
  });
}

export const command: Command = {
  name: "cert",
  summary: "issue, revoke, verify and inspect certificates; bind an account to a certificate",
  run: (args) =>
    runSubcommand(
      "cert",
      USAGE,
      { issue, revoke, verify, show, "bind-account": bindAccount, "verify-binding": verifyBinding },
      args,
    ),
};
