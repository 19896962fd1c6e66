import { parentPort, workerData } from "node:worker_threads";
import { NodeError } from "../errors.ts";
import { createTxDecodingCommon } from "../genesis/createTxDecodingCommon.ts";
import { checkRawTx, hasPinnedEncoding, type TxLimits } from "./validateTx.ts";

/** What the worker answers for one raw transaction. */
export type TxCheckResult =
  | { readonly ok: true; readonly publicKey: Uint8Array; readonly canonical: boolean }
  | { readonly ok: false; readonly code: NodeError["code"]; readonly message: string };

interface Init {
  readonly chainId: bigint;
  readonly limits: TxLimits;
}

const { chainId, limits } = workerData as Init;
const common = createTxDecodingCommon(chainId);

function check(raw: Uint8Array): TxCheckResult {
  try {
    const { tx } = checkRawTx(raw, common, limits);
    return { ok: true, publicKey: tx.getSenderPublicKey(), canonical: hasPinnedEncoding(tx) };
  } catch (err) {
    if (err instanceof NodeError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: "TX_MALFORMED", message: `invalid transaction: ${(err as Error).message}` };
  }
}

parentPort?.on("message", (batch: { id: number; raws: Uint8Array[] }) => {
  parentPort?.postMessage({ id: batch.id, results: batch.raws.map(check) });
});

// Every module of this worker has been evaluated (some load WebAssembly asynchronously): the
// checker may now stop it safely. A worker terminated while a module's top-level await is
// pending aborts the whole process in this Node version.
parentPort?.postMessage({ ready: true });
