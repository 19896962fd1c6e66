// A worker thread of the documents benchmark: verifies bundles offline, against a saved chain
// proof and the validators trusted, with node:crypto signatures. Returns how many were valid and
// the first failure seen.
import { parentPort, workerData } from "node:worker_threads";
import {
  type ChainProof,
  type DocumentBundle,
  nodeJwsVerifier,
  readDocumentFactsFromProof,
  verifyDocument,
} from "@civitas/sdk";
import type { Address } from "viem";

/** The worker's start data: the chain proof (JSON text) and the trust anchor. */
export interface VerifyWorkerData {
  readonly proof: string;
  readonly chainId: string;
  readonly validators: readonly Address[];
  readonly documents: Address;
  readonly issuers: Address;
}

export interface VerifyJob {
  readonly id: number;
  readonly bundles: readonly DocumentBundle[];
}

export interface VerifyResult {
  readonly id: number;
  readonly valid: number;
  readonly invalid: number;
  readonly firstFailure: string | undefined;
}

const data = workerData as VerifyWorkerData;
const proof = JSON.parse(data.proof) as ChainProof;
const trust = {
  chainId: BigInt(data.chainId),
  validators: data.validators,
  documents: data.documents,
  issuers: data.issuers,
};
const verifier = nodeJwsVerifier();

parentPort?.on("message", async (job: VerifyJob) => {
  let valid = 0;
  let firstFailure: string | undefined;
  for (const bundle of job.bundles) {
    const report = await verifyDocument(bundle, {
      facts: (q) => readDocumentFactsFromProof(proof, q, trust),
      verifier,
    });
    if (report.valid) valid++;
    else firstFailure ??= report.failure?.reason;
  }
  const result: VerifyResult = { id: job.id, valid, invalid: job.bundles.length - valid, firstFailure };
  parentPort?.postMessage(result);
});
