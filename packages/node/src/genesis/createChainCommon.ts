import { Common, type ConsensusAlgorithm, createCustomCommon, Hardfork, Mainnet } from "@ethereumjs/common";
import { createCustomCrypto } from "../crypto/nativeCrypto.ts";

/**
 * The execution rules: Osaka, from genesis, minus what only makes sense beside a beacon chain.
 *
 * - Left out of Prague: EIP-6110/7002/7251/7685 (validator deposits, withdrawal and consolidation
 *   requests, which need beacon-chain system contracts) and EIP-7691 (blob throughput).
 * - Left out of Osaka: EIP-7594/7892/7918 (blob data availability and pricing).
 * - Blob transactions are refused by the pool; there is no blob sidecar network here.
 * - Consensus is declared as a non-PoS type with the algorithm "qbft", so headers may carry QBFT
 *   extraData (longer than the 32 bytes PoS allows) and Besu's difficulty of 1. EthereumJS's
 *   "poa" type means Clique (it would read the coinbase from a Clique signature) and "pos"
 *   enforces beacon-chain header rules; its "pow" type with a non-Ethash algorithm applies no
 *   consensus rules at all, which is what we want: QBFT rules are ours. The miner reward that
 *   EthereumJS pays on "pow" lives only in its block builder and runBlock, which we do not use.
 */
const customHardforks = {
  paris: {
    name: "paris",
    consensus: { type: "pow", algorithm: "qbft" as ConsensusAlgorithm },
    eips: [3675, 4399],
  },
  prague: { name: "prague", eips: [2537, 2935, 7623, 7702] },
  osaka: { name: "osaka", eips: [7823, 7825, 7883, 7939, 7951] },
};

/** The hardfork name Civitas blocks are executed under. */
export const CIVITAS_HARDFORK = Hardfork.Osaka;

/**
 * EthereumJS's EVM asks `isActivatedEIP` on every opcode it runs (twice: EIP-6800 and 7864), and
 * Common answers with a linear search of its list of activated EIPs (about 90 at Osaka): 3.4 % of
 * the node's CPU while it registered members (perf). This gives the same answer from a Set made
 * once per list; Common replaces the list (never edits it) when its hardfork or EIPs change, and
 * `copy()` copies this own property along.
 */
function isActivatedEIP(this: Common, eip: number): boolean {
  const list = (this as unknown as { _activatedEIPsCache: readonly number[] })._activatedEIPsCache;
  let set = activatedEIPs.get(list);
  if (set === undefined) {
    set = new Set(list);
    activatedEIPs.set(list, set);
  }
  return set.has(eip);
}
const activatedEIPs = new WeakMap<readonly number[], ReadonlySet<number>>();

/**
 * EthereumJS asks `gteHardfork` several times per transaction (the journal's cleanup, intrinsic
 * gas, SSTORE gas, the signature's high-s check), and Common answers by listing its hardforks,
 * which with custom hardforks builds a Set and two arrays each time. The answer depends only on
 * the two names and the chain's hardfork list, which Common never changes after creation (a copy
 * shares it): kept here per list, and per pair of names.
 */
function hardforkGteHardfork(this: Common, hardfork1: string | null, hardfork2: string): boolean {
  const params = (this as unknown as { _chainParams: object })._chainParams;
  let answers = hardforkOrder.get(params);
  if (answers === undefined) {
    answers = new Map();
    hardforkOrder.set(params, answers);
  }
  const first = hardfork1 ?? this.hardfork();
  const key = `${first}>=${hardfork2}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = Common.prototype.hardforkGteHardfork.call(this, first, hardfork2);
    answers.set(key, answer);
  }
  return answer;
}
const hardforkOrder = new WeakMap<object, Map<string, boolean>>();

/** Creates the EthereumJS Common for a Civitas chain, with native crypto plugged in where available. */
export function createChainCommon(chainId: bigint): Common {
  const common = createCustomCommon(
    {
      name: `civitas-${chainId}`,
      chainId: Number(chainId),
      consensus: { type: "pow", algorithm: "qbft" as ConsensusAlgorithm },
      customHardforks,
    },
    Mainnet,
    { hardfork: CIVITAS_HARDFORK, customCrypto: createCustomCrypto() },
  );
  common.isActivatedEIP = isActivatedEIP;
  common.hardforkGteHardfork = hardforkGteHardfork;
  return common;
}
