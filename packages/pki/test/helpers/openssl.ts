// Drives the real `openssl` binary: CAs with `openssl ca` (so certificates can have any validity
// window, and CRLs can be generated), CSRs with `openssl req`, verification with `openssl verify`.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function openssl(args: string[], cwd: string, input?: string): { status: number; out: string } {
  const r = spawnSync("openssl", args, { cwd, encoding: "utf8", input, timeout: 60_000 });
  return { status: r.status ?? -1, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

export function opensslOk(args: string[], cwd: string): string {
  const r = openssl(args, cwd);
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${r.out}`);
  return r.out;
}

export type KeyType = "ec" | "ed25519" | "rsa";

/** Extension sections available to every `openssl ca` call (the -extensions argument). */
export const EXTENSIONS = `
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_pathlen0]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_false]
basicConstraints=critical,CA:FALSE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_no_bc]
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_no_certsign]
basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_server_eku]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:leaf.example,IP:127.0.0.1
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf_server_only]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf_bad_ku]
basicConstraints=critical,CA:FALSE
keyUsage=critical,dataEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf_unknown_critical]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
1.3.6.1.4.1.99999.1=critical,ASN1:NULL
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[crl_ext]
authorityKeyIdentifier=keyid
`;

export interface IssuedFiles {
  name: string;
  cert: string;
  key: string;
  pem: string;
  keyPem: string;
}

export function genKey(dir: string, name: string, type: KeyType = "ec"): string {
  const path = join(dir, `${name}.key`);
  const args =
    type === "ec"
      ? ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path]
      : type === "rsa"
        ? ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path]
        : ["genpkey", "-algorithm", "ed25519", "-out", path];
  opensslOk(args, dir);
  return path;
}

export function genCsr(
  dir: string,
  name: string,
  cn: string,
  type: KeyType = "ec",
): { csr: string; key: string } {
  const key = genKey(dir, name, type);
  const csr = join(dir, `${name}.csr`);
  opensslOk(["req", "-new", "-key", key, "-subj", `/CN=${cn}`, "-out", csr], dir);
  return { csr, key };
}

/** An `openssl ca` instance with its own database, key and certificate. */
export class OpenSslCa {
  readonly dir: string;
  readonly name: string;
  readonly cert: string;
  readonly key: string;
  readonly config: string;
  readonly extfile: string;

  private constructor(dir: string, name: string) {
    this.dir = dir;
    this.name = name;
    this.cert = join(dir, `${name}.pem`);
    this.key = join(dir, `${name}.key`);
    this.config = join(dir, `${name}.cnf`);
    this.extfile = join(dir, "extensions.cnf");
    const db = join(dir, `${name}.db`);
    mkdirSync(join(db, "new"), { recursive: true });
    writeFileSync(join(db, "index.txt"), "");
    writeFileSync(join(db, "serial"), "1000\n");
    writeFileSync(join(db, "crlnumber"), "01\n");
    writeFileSync(this.extfile, EXTENSIONS);
    writeFileSync(
      this.config,
      `[ ca ]\ndefault_ca = CA_default\n[ CA_default ]\ndir = ${db}\ndatabase = $dir/index.txt\nnew_certs_dir = $dir/new\n` +
        `serial = $dir/serial\ncrlnumber = $dir/crlnumber\ncertificate = ${this.cert}\nprivate_key = ${this.key}\n` +
        `default_md = default\npolicy = pol\nunique_subject = no\ndefault_days = 365\ndefault_crl_days = 7\n` +
        `[ pol ]\ncommonName = supplied\n[ crl_ext ]\nauthorityKeyIdentifier = keyid\n`,
    );
  }

  /** A self-signed root made by `openssl ca -selfsign`. */
  static root(
    dir: string,
    name: string,
    o: { ext?: string; type?: KeyType; start?: string; end?: string } = {},
  ): OpenSslCa {
    const ca = new OpenSslCa(dir, name);
    genKey(dir, name, o.type ?? "ec");
    const csr = join(dir, `${name}.csr`);
    opensslOk(["req", "-new", "-key", ca.key, "-subj", `/CN=${name}`, "-out", csr], dir);
    opensslOk(
      [
        "ca",
        "-batch",
        "-config",
        ca.config,
        "-selfsign",
        "-keyfile",
        ca.key,
        "-in",
        csr,
        "-out",
        ca.cert,
        "-notext",
        "-extfile",
        ca.extfile,
        "-extensions",
        o.ext ?? "ca",
        ...dates(o),
      ],
      dir,
    );
    return ca;
  }

  /** Signs a new key (or a given CSR) with this CA. */
  issue(
    name: string,
    o: { ext: string; type?: KeyType; start?: string; end?: string; csr?: string },
  ): IssuedFiles {
    let csr = o.csr;
    let key = join(this.dir, `${name}.key`);
    if (csr === undefined) ({ csr, key } = genCsr(this.dir, name, name, o.type ?? "ec"));
    const cert = join(this.dir, `${name}.pem`);
    opensslOk(
      [
        "ca",
        "-batch",
        "-config",
        this.config,
        "-in",
        csr,
        "-out",
        cert,
        "-notext",
        "-extfile",
        this.extfile,
        "-extensions",
        o.ext,
        ...dates(o),
      ],
      this.dir,
    );
    return {
      name,
      cert,
      key,
      pem: readFileSync(cert, "utf8"),
      keyPem: o.csr === undefined ? readFileSync(key, "utf8") : "",
    };
  }

  /** Turns an issued certificate into a sub-CA that can sign (its key and cert are on disk). */
  subCa(name: string, o: { ext?: string; type?: KeyType; start?: string; end?: string } = {}): OpenSslCa {
    const ca = new OpenSslCa(this.dir, name);
    this.issue(name, { ext: o.ext ?? "ca", ...o });
    return ca;
  }

  revoke(cert: string, reason = "keyCompromise"): void {
    opensslOk(["ca", "-batch", "-config", this.config, "-revoke", cert, "-crl_reason", reason], this.dir);
  }

  gencrl(name: string, o: { last?: string; next?: string } = {}): string {
    const out = join(this.dir, `${name}.crl`);
    opensslOk(
      [
        "ca",
        "-batch",
        "-config",
        this.config,
        "-gencrl",
        "-crlexts",
        "crl_ext",
        "-out",
        out,
        ...(o.last ? ["-crl_lastupdate", o.last] : []),
        ...(o.next ? ["-crl_nextupdate", o.next] : []),
      ],
      this.dir,
    );
    return out;
  }
}

function dates(o: { start?: string; end?: string }): string[] {
  return [...(o.start ? ["-startdate", o.start] : []), ...(o.end ? ["-enddate", o.end] : [])];
}

/** Flips the last byte of a PEM object's DER (inside its signature), keeping it well-formed. */
export function corruptSignature(pem: string, label = "CERTIFICATE"): string {
  const b64 = pem
    .split("\n")
    .filter((l) => l && !l.startsWith("-----"))
    .join("");
  const der = Buffer.from(b64, "base64");
  der[der.length - 1] = der[der.length - 1]! ^ 0x01;
  const lines = der.toString("base64").match(/.{1,64}/g)!;
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

export interface OpenSslVerdict {
  ok: boolean;
  /** First error reported, as "error N at D depth lookup". */
  error?: number;
  depth?: number;
  errors: { code: number; depth: number }[];
  output: string;
}

/** Runs `openssl verify` and parses its verdict. */
export function opensslVerify(
  dir: string,
  o: {
    cafile: string;
    untrusted?: string;
    crls?: string[];
    crlCheck?: "leaf" | "all";
    purpose?: "sslserver" | "sslclient";
    leaf: string;
  },
): OpenSslVerdict {
  const args = ["verify", "-CAfile", o.cafile];
  if (o.untrusted) args.push("-untrusted", o.untrusted);
  for (const crl of o.crls ?? []) args.push("-CRLfile", crl);
  if (o.crlCheck === "leaf") args.push("-crl_check");
  if (o.crlCheck === "all") args.push("-crl_check_all");
  if (o.purpose) args.push("-purpose", o.purpose);
  args.push(o.leaf);
  const r = openssl(args, dir);
  const errors = [...r.out.matchAll(/error (\d+) at (\d+) depth lookup/g)].map((m) => ({
    code: Number(m[1]),
    depth: Number(m[2]),
  }));
  return {
    ok: r.status === 0 && /: OK\s*$/m.test(r.out),
    ...(errors[0] ? { error: errors[0].code, depth: errors[0].depth } : {}),
    errors,
    output: r.out,
  };
}

/** UTC time as YYYYMMDDHHMMSSZ, for openssl -startdate/-enddate. */
export function osTime(d: Date): string {
  return `${d.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}
