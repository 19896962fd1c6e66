// A worker thread of the documents benchmark: signs a batch of synthetic residence certificates
// with the issuer's key (status indexes chosen by the main thread, which owns each issuer's
// list), hashes them and builds the batch's Merkle tree; returns the root and a sample of bundles
// (only those are built, as one JSON text: cheaper to pass between threads than objects).
import { parentPort, workerData } from "node:worker_threads";
import { DOCUMENT_KINDS, type DocumentBundle, issueBatch, loadIssuerKey } from "@civitas/sdk";

/** Sent once when the worker has loaded its modules and keys (before the clock starts). */
export const READY = "ready";

/** What the main thread sends for one batch. */
export interface IssueJob {
  readonly id: number;
  readonly issuer: number;
  readonly statusIndexes: Uint32Array;
  /** Every `sampleEvery`-th bundle comes back for the verification phase (0: none). */
  readonly sampleEvery: number;
}

/** What comes back. */
export interface IssueResult {
  readonly id: number;
  readonly issuer: number;
  readonly root: `0x${string}`;
  readonly count: number;
  /** The sampled bundles, a JSON array. */
  readonly samples: string;
  /** Time spent signing, hashing and building the tree, in ms. */
  readonly busyMs: number;
}

/** The worker's start data: each issuer's id and private key (JWK text). */
export interface IssueWorkerData {
  readonly issuers: readonly { readonly issuerId: string; readonly key: string }[];
}

const { issuers } = workerData as IssueWorkerData;
const keys = issuers.map((i) => ({ issuerId: i.issuerId, key: loadIssuerKey(i.key) }));
const kind = DOCUMENT_KINDS.residence;
const streets = ["Calle Mayor", "Gran Vía", "Calle Ercilla", "Alameda Recalde", "Calle Licenciado Poza"];

parentPort?.on("message", (job: IssueJob) => {
  const started = performance.now();
  const issuer = keys[job.issuer]!;
  let next = 0;
  const batch = issueBatch({
    issuerId: issuer.issuerId,
    key: issuer.key,
    statusIndexes: { next: () => job.statusIndexes[next++]! },
    documents: Array.from(job.statusIndexes, (_, i) => ({
      kind,
      subject: {
        id: `urn:civitas:subject:${job.id}-${i}`,
        name: `Resident ${job.id}-${i}`,
        address: `${streets[i % streets.length]} ${(i % 120) + 1}, 480${String(i % 15).padStart(2, "0")} Bilbao`,
        municipality: "Bilbao",
        residentSince: "2020-01-15",
      },
    })),
  });
  const samples: DocumentBundle[] = [];
  if (job.sampleEvery > 0)
    for (let i = 0; i < batch.count; i += job.sampleEvery) samples.push(batch.bundle(i));
  const result: IssueResult = {
    id: job.id,
    issuer: job.issuer,
    root: batch.root,
    count: batch.count,
    samples: JSON.stringify(samples),
    busyMs: performance.now() - started,
  };
  parentPort?.postMessage(result);
});
parentPort?.postMessage(READY);
