// Fuzzing the PEM/DER parsers (certificates, CSRs, CRLs, PEM framing, account bindings, sealed
// key files) with seeded random mutations of valid inputs: every input must end in a value or a
// PkiError — never another exception, a crash, or a hang. Each target runs in a worker thread
// watched by a timer, so a hang is reported (with its target) instead of freezing the test.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { Worker } from "node:worker_threads";
import {
  decodeAccountBinding,
  parseCertificate,
  parseCertificates,
  parseCrl,
  parseCsr,
} from "../src/index.ts";
import type { FuzzJob, FuzzReport } from "./helpers/fuzz-worker.ts";

/** Seed of the run; set CIVITAS_FUZZ_SEED to replay a failure. */
const SEED = Number(process.env.CIVITAS_FUZZ_SEED ?? 20_261_121);
const CASES = Number(process.env.CIVITAS_FUZZ_CASES ?? 1500);
/** No progress for this long means a hang. */
const HANG_MS = 20_000;

interface Corpus {
  anchor: string;
  certDer: string[];
  certPem: string[];
  csrDer: string[];
  csrPem: string[];
  crlDer: string[];
  crlPem: string[];
  binding: string[];
  sealed: string[];
}

// A fixed corpus (test/helpers/make-fuzz-corpus.ts) so that a seed replays a run exactly.
const corpus = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "fuzz-corpus.json"), "utf8"),
) as Corpus;
const der = (list: string[]): Uint8Array[] => list.map((s) => new Uint8Array(Buffer.from(s, "base64")));

before(() => {
  // The corpus must be valid input: every entry parses before it is mutated.
  for (const c of der(corpus.certDer)) parseCertificate(c);
  parseCertificates(corpus.certPem[0]!);
  parseCsr(der(corpus.csrDer)[0]!);
  parseCrl(corpus.crlPem[0]!);
  decodeAccountBinding(der(corpus.binding)[0]!);
});

function runJob(job: FuzzJob): Promise<FuzzReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./helpers/fuzz-worker.ts", import.meta.url), { workerData: job });
    let last = 0;
    let timer = setTimeout(hang, HANG_MS);
    function hang(): void {
      void worker.terminate();
      reject(
        new Error(
          `${job.target}: no progress for ${HANG_MS} ms after case ${last} (seed ${job.seed}) — a parser hangs`,
        ),
      );
    }
    worker.on("message", (m: { progress?: number; report?: FuzzReport; crash?: string }) => {
      clearTimeout(timer);
      if (m.progress !== undefined) {
        last = m.progress;
        timer = setTimeout(hang, HANG_MS);
      } else if (m.report !== undefined) {
        void worker.terminate();
        resolve(m.report);
      } else {
        void worker.terminate();
        reject(new Error(`${job.target}: worker crashed: ${m.crash}`));
      }
    });
    worker.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`${job.target}: worker crashed: ${err.message}`));
    });
  });
}

describe("fuzzing the parsers", () => {
  const targets: Array<[FuzzJob["target"], () => Array<Uint8Array | string>, boolean]> = [
    ["certificate-der", () => der(corpus.certDer), true],
    ["certificate-pem", () => corpus.certPem, true],
    ["csr-der", () => der(corpus.csrDer), false],
    ["csr-pem", () => corpus.csrPem, false],
    ["crl-der", () => der(corpus.crlDer), false],
    ["crl-pem", () => corpus.crlPem, false],
    ["pem", () => [...corpus.certPem, ...corpus.crlPem, ...corpus.csrPem], false],
    ["binding", () => der(corpus.binding), false],
    ["sealed-key", () => corpus.sealed, false],
  ];
  for (const [target, inputs, verify] of targets) {
    test(`${target}: always a value or a typed error, never a crash or a hang`, async () => {
      const report = await runJob({
        target,
        seed: SEED + target.length,
        cases: CASES,
        corpus: inputs(),
        ...(verify ? { anchor: corpus.anchor } : {}),
      });
      assert.equal(report.cases, CASES);
      assert.deepEqual(
        report.failures,
        [],
        `${target}: untyped errors:\n${report.failures.slice(0, 10).join("\n")}`,
      );
      const rejected = Object.values(report.rejected).reduce((a, b) => a + b, 0);
      assert.ok(
        rejected > CASES / 4,
        `${target}: mutations should mostly be rejected (${JSON.stringify(report)})`,
      );
      assert.ok(report.slowestMs < 5_000, `${target}: slowest case took ${report.slowestMs} ms`);
      console.log(
        `${target}: ${report.cases} cases, ${report.accepted} accepted, rejected ${JSON.stringify(report.rejected)}, slowest ${report.slowestMs.toFixed(1)} ms`,
      );
    });
  }
});
