import type { Common } from "@ethereumjs/common";
import { paramsTx } from "@ethereumjs/tx";
import { createChainCommon } from "./createChainCommon.ts";

/**
 * A Common for decoding incoming transactions, shared by all of them. EthereumJS copies the
 * Common and re-merges the transaction parameter tables (through JSON) in every transaction's
 * constructor, which measured at about 45% of the cost of decoding one. Here the tables are
 * merged once and the copy returns the same object: nothing mutates this Common afterwards
 * (its hardfork is fixed from genesis), so sharing it is safe.
 */
export function createTxDecodingCommon(chainId: bigint): Common {
  const common = createChainCommon(chainId);
  common.updateParams(paramsTx);
  common.copy = () => common;
  common.updateParams = () => {};
  return common;
}
