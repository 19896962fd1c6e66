// `civitas crl`: publish a CA's next CRL, or show what a CRL says.
import { join } from "node:path";
import { CA_FILES, describeCrl, encodePem, saveCrl, withCa } from "@civitas/pki";
import { CliError, type Command } from "../command.ts";
import { fromFile, int, json, parse, passphrase, pkiCommand, required, str, writeOutput } from "./pki-cli.ts";

const USAGE = `usage:
  civitas crl --ca <ca dir> [--days 7] [--out <crl.pem>] [--passphrase-file <file>]
      signs the CA's next CRL (numbered, with nextUpdate = now + days, and every revocation with
      its reason), stores it as <ca dir>/${CA_FILES.crl} and optionally copies it to --out.
  civitas crl show <crl.pem> [--json]`;

async function publish(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ca: { type: "string" },
      days: { type: "string" },
      out: { type: "string" },
      "passphrase-file": { type: "string" },
    },
    USAGE,
  );
  const caDir = required(values, "ca", USAGE);
  return pkiCommand(`crl (CA ${caDir})`, async () => {
    const pass = await passphrase(values, "passphrase-file", "CIVITAS_CA_PASSPHRASE", "CA");
    const days = int(values, "days");
    const { crl, number } = await withCa(caDir, pass, async (ca) => {
      const c = await ca.createCrl(days !== undefined ? { validityDays: days } : {});
      await saveCrl(caDir, c);
      return { crl: c, number: ca.state.crlNumber };
    });
    const out = str(values, "out");
    if (out !== undefined) await writeOutput(out, encodePem(crl.rawData, "X509 CRL"));
    const log = out === "-" ? console.error : console.log;
    log(
      `CRL #${number} of "${crl.issuer}": ${crl.entries.length} revoked, next update ${crl.nextUpdate?.toISOString()}, stored in ${join(caDir, CA_FILES.crl)}`,
    );
    return 0;
  });
}

async function show(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: "boolean" } }, USAGE);
  const path = positionals[0];
  if (path === undefined) throw new CliError(`missing the CRL to show\n\n${USAGE}`, 2);
  return pkiCommand(`crl show ${path}`, async () => {
    const info = await fromFile(path, "CRL", (t) => describeCrl(t));
    if (values.json) {
      process.stdout.write(json(info));
      return 0;
    }
    console.log(
      `issuer: ${info.issuer}\nnumber: ${info.crlNumber ?? "(none)"}\nthisUpdate: ${info.thisUpdate.toISOString()}\nnextUpdate: ${info.nextUpdate?.toISOString() ?? "(none)"}`,
    );
    for (const e of info.entries)
      console.log(`revoked: ${e.serialNumber} ${e.revocationDate.toISOString()} ${e.reason}`);
    return 0;
  });
}

export const command: Command = {
  name: "crl",
  summary: "publish or show certificate revocation lists",
  async run(args) {
    if (args.includes("--help") || args.includes("-h") || args[0] === "help") {
      console.log(USAGE);
      return 0;
    }
    if (args[0] === "show") return show(args.slice(1));
    if (args.length === 0) {
      console.log(USAGE);
      return 2;
    }
    return publish(args);
  },
};
