// Worker half of fuzz.test.ts: applies seeded random mutations to valid encodings and feeds
// them to the parsers. Any error that is not a PkiError is a failure (reported with the case
// number, so it can be replayed). Progress is posted so the main thread can detect a hang.
import { parentPort, workerData } from "node:worker_threads";
import {
  decodeAccountBinding,
  decodePem,
  isPkiError,
  parseCertificate,
  parseCertificates,
  parseCrl,
  parseCsr,
  verifyCertificateChain,
} from "../../src/index.ts";
import { parseSealed } from "../../src/sealed.ts";

export interface FuzzJob {
  target:
    | "certificate-der"
    | "certificate-pem"
    | "csr-der"
    | "csr-pem"
    | "crl-der"
    | "crl-pem"
    | "binding"
    | "pem"
    | "sealed-key";
  seed: number;
  cases: number;
  /** Valid inputs to mutate (bytes, or text for PEM/JSON targets). */
  corpus: Array<Uint8Array | string>;
  /** A trust anchor for verifying mutated certificates that still parse. */
  anchor?: string;
}

export interface FuzzReport {
  target: string;
  cases: number;
  accepted: number;
  rejected: Record<string, number>;
  failures: string[];
  slowestMs: number;
}

/** mulberry32: small, seedable, good enough to pick mutations. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutateBytes(input: Uint8Array, r: () => number, corpus: Uint8Array[]): Uint8Array {
  let b = Array.from(input);
  const int = (n: number): number => Math.floor(r() * n);
  const rounds = 1 + int(4);
  for (let k = 0; k < rounds; k++) {
    const pos = int(Math.max(1, b.length));
    switch (int(10)) {
      case 0: // flip a bit
        if (b.length) b[pos] = b[pos]! ^ (1 << int(8));
        break;
      case 1: // random byte
        if (b.length) b[pos] = int(256);
        break;
      case 2: // interesting byte (lengths, tags)
        if (b.length)
          b[pos] = [
            0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x89, 0xff, 0x30, 0x31, 0x02, 0x03, 0x04, 0x05,
            0x06, 0xa0, 0xa3,
          ][int(19)]!;
        break;
      case 3: // truncate
        b = b.slice(0, pos);
        break;
      case 4: // delete a range
        b.splice(pos, 1 + int(16));
        break;
      case 5: // insert random bytes
        b.splice(pos, 0, ...Array.from({ length: 1 + int(16) }, () => int(256)));
        break;
      case 6: {
        // duplicate a range
        const len = 1 + int(64);
        b.splice(pos, 0, ...b.slice(pos, pos + len));
        break;
      }
      case 7: {
        // long-form length with a huge value
        const n = 1 + int(4);
        b.splice(pos, 1, 0x80 | n, ...Array.from({ length: n }, () => 0xff));
        break;
      }
      case 8: {
        // splice a piece of another corpus entry
        const other = corpus[int(corpus.length)]!;
        const at = int(other.length);
        b.splice(pos, int(32), ...other.slice(at, at + 1 + int(128)));
        break;
      }
      default: // deep nesting: a run of constructed SEQUENCE headers
        b.splice(
          pos,
          0,
          ...Array.from({ length: 2 * (1 + int(200)) }, (_, i) => (i % 2 === 0 ? 0x30 : 0x80)),
        );
    }
  }
  return new Uint8Array(b);
}

function mutateText(input: string, r: () => number): string {
  let s = input;
  const int = (n: number): number => Math.floor(r() * n);
  const rounds = 1 + int(3);
  const alphabet =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-:\n\r\t {}[]",.\\\u0000é';
  for (let k = 0; k < rounds; k++) {
    const pos = int(s.length + 1);
    switch (int(8)) {
      case 0:
        s = s.slice(0, pos) + alphabet[int(alphabet.length)]! + s.slice(pos + 1);
        break;
      case 1:
        s = s.slice(0, pos) + s.slice(pos + 1 + int(20));
        break;
      case 2:
        s = s.slice(0, pos);
        break;
      case 3:
        s =
          s.slice(0, pos) +
          [
            "-----BEGIN CERTIFICATE-----\n",
            "-----END CERTIFICATE-----\n",
            "-----BEGIN X509 CRL-----\n",
            "-----END FOO-----",
            "Proc-Type: 4,ENCRYPTED\n",
            "====",
            "\n\n",
          ][int(7)]! +
          s.slice(pos);
        break;
      case 4: {
        const len = 1 + int(80);
        s = s.slice(0, pos) + s.slice(pos, pos + len).repeat(1 + int(3)) + s.slice(pos);
        break;
      }
      case 5:
        s = s.replace(/BEGIN|END/, ["BEGIN", "END", "BEGN", "begin"][int(4)]!);
        break;
      case 6:
        s = s.replace(
          /CERTIFICATE|X509 CRL|CERTIFICATE REQUEST/,
          ["CERTIFICATE", "X509 CRL", "PRIVATE KEY", "CERTIFICATE REQUEST", ""][int(5)]!,
        );
        break;
      default:
        s = s.slice(0, pos) + String(int(1e9)) + s.slice(pos);
    }
  }
  return s;
}

async function run(job: FuzzJob): Promise<FuzzReport> {
  const r = rng(job.seed);
  const report: FuzzReport = {
    target: job.target,
    cases: 0,
    accepted: 0,
    rejected: {},
    failures: [],
    slowestMs: 0,
  };
  const bytesCorpus = job.corpus.filter((c): c is Uint8Array => c instanceof Uint8Array);
  for (let i = 0; i < job.cases; i++) {
    const base = job.corpus[Math.floor(r() * job.corpus.length)]!;
    const input = typeof base === "string" ? mutateText(base, r) : mutateBytes(base, r, bytesCorpus);
    const start = performance.now();
    try {
      let cert: ReturnType<typeof parseCertificate> | undefined;
      switch (job.target) {
        case "certificate-der":
          cert = parseCertificate(input);
          break;
        case "certificate-pem":
          cert = parseCertificates(input as string)[0];
          break;
        case "csr-der":
        case "csr-pem":
          parseCsr(input);
          break;
        case "crl-der":
        case "crl-pem":
          parseCrl(input);
          break;
        case "binding":
          decodeAccountBinding(input as Uint8Array);
          break;
        case "pem":
          decodePem(input as string);
          break;
        case "sealed-key":
          parseSealed(input as string);
          break;
      }
      // A mutated certificate that still parses must go through full verification without throwing.
      if (cert !== undefined && job.anchor !== undefined) {
        const v = await verifyCertificateChain(cert, { trustAnchors: job.anchor });
        if (typeof v.ok !== "boolean") throw new Error("verification returned no verdict");
      }
      report.accepted++;
    } catch (err) {
      if (isPkiError(err)) {
        report.rejected[err.code] = (report.rejected[err.code] ?? 0) + 1;
      } else {
        const hex =
          typeof input === "string"
            ? JSON.stringify(input.slice(0, 200))
            : Buffer.from(input).toString("hex").slice(0, 400);
        report.failures.push(
          `case ${i} (seed ${job.seed}): ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} — input ${hex}`,
        );
      }
    }
    report.slowestMs = Math.max(report.slowestMs, performance.now() - start);
    report.cases++;
    if (i % 50 === 0) parentPort!.postMessage({ progress: i });
  }
  return report;
}

if (parentPort !== null && workerData !== null) {
  run(workerData as FuzzJob).then(
    (report) => parentPort!.postMessage({ report }),
    (err: unknown) => parentPort!.postMessage({ crash: String(err) }),
  );
}
