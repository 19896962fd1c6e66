// A worker thread of the documents benchmark: verifies bundles (JSON text, as a holder sends them)
// with node:crypto signatures, either offline against a saved chain proof and the validators
// trusted (checked once, then read once per batch), or online through RPC (each job's facts read
// together in batched calls). Returns how many were valid and the first failure seen.
import { parentPort, workerData } from "node:worker_threads";
import {
  type ChainProof,
  type DocumentFactsSource,
  nodeJwsVerifier,
  offlineDocumentFacts,
  onlineDocumentFacts,
  verifyDocument,
} from "@civitas/sdk";
import { type Address, createClient, http } from "viem";

/** The worker's start data: offline, the chain proof (JSON text) and the trust anchor; online, the RPC. */
export type VerifyWorkerData =
  | {
      readonly mode: "offline";
      readonly proof: string;
      readonly chainId: string;
      readonly validators: readonly Address[];
      readonly documents: Address;
      readonly issuers: Address;
    }
  | {
      readonly mode: "online";
      readonly rpcUrl: string;
      readonly documents: Address;
      readonly issuers: Address;
    };

export interface VerifyJob {
  readonly id: number;
  /** The bundles, as one JSON array of bundle texts. */
  readonly bundles: string;
}

export interface VerifyResult {
  readonly id: number;
  readonly valid: number;
  readonly invalid: number;
  readonly firstFailure: string | undefined;
}

/** Sent once when the worker has loaded its modules (before the clock starts). */
export const READY = "ready";

const data = workerData as VerifyWorkerData;
let facts: DocumentFactsSource;
if (data.mode === "offline") {
  const proof = JSON.parse(data.proof) as ChainProof;
  facts = offlineDocumentFacts(proof, {
    chainId: BigInt(data.chainId),
    validators: data.validators,
    documents: data.documents,
    issuers: data.issuers,
  });
} else {
  const client = createClient({ transport: http(data.rpcUrl, { timeout: 60_000 }) });
  facts = onlineDocumentFacts(client, { documents: data.documents, issuers: data.issuers });
}
const verifier = nodeJwsVerifier();

parentPort?.on("message", async (job: VerifyJob) => {
  let valid = 0;
  let firstFailure: string | undefined;
  const bundles = JSON.parse(job.bundles) as string[];
  // All at once: online, their facts go in one batched read.
  const reports = await Promise.all(bundles.map((bundle) => verifyDocument(bundle, { facts, verifier })));
  for (const report of reports) {
    if (report.valid) valid++;
    else firstFailure ??= report.failure?.reason;
  }
  const result: VerifyResult = { id: job.id, valid, invalid: bundles.length - valid, firstFailure };
  parentPort?.postMessage(result);
});
parentPort?.postMessage(READY);
