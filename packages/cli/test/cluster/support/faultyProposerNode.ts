// A validator that ignores the network's permissioning, for tests. It runs a real node from its
// config file exactly as `civitas node --config FILE [--log-level LEVEL]` does, but with
// permissioning disabled: it accepts and gossips transactions from accounts the identity registry
// does not admit, and puts them in the blocks it proposes. Each of its PROPOSALs whose block
// carries transactions is logged as a JSON line with msg "faulty: proposed a block with
// transactions" and the transactions' hashes, so that a test can see it tried.
import { parseArgs } from "node:util";
import { createLedgerNode, createLogger, keccak256, loadNodeConfig } from "@civitas/node";
import { MessageCode, type RlpItem } from "@civitas/qbft";
import { RLP } from "@ethereumjs/rlp";

// Positions in a header's RLP field list (Yellow Paper order).
const COINBASE = 2;

const toHex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;

/**
 * The proposed block of a PROPOSAL message (RLP([[[height, round, block, …], signature],
 * justification])): its proposer, height, round and transaction hashes.
 */
function proposedBlock(data: Uint8Array) {
  const [[payload]] = RLP.decode(data) as unknown as [[RlpItem[]]];
  const [height, round, block] = payload as [Uint8Array, Uint8Array, RlpItem[]];
  const [header, transactions] = block as [Uint8Array[], RlpItem[]];
  return {
    proposer: toHex(header[COINBASE]!),
    height: height.length === 0 ? 0 : Number(BigInt(toHex(height))),
    round: round.length === 0 ? 0 : Number(BigInt(toHex(round))),
    // A typed transaction sits in the block as its bytes, a legacy one as its RLP list.
    transactions: transactions.map((tx) => toHex(keccak256(tx instanceof Uint8Array ? tx : RLP.encode(tx)))),
  };
}

const { values } = parseArgs({
  options: { config: { type: "string" }, "log-level": { type: "string" } },
  strict: true,
});
if (!values.config) throw new Error("usage: faultyProposerNode.ts --config FILE [--log-level LEVEL]");
const config = await loadNodeConfig(values.config);
if (!config.validatorKey) throw new Error(`${values.config} names no validator key`);
const self = config.validatorKey.address.toLowerCase();
const log = createLogger(values["log-level"] ?? "info").child({ node: config.name });
const node = await createLedgerNode({ ...config, logger: log, unsafeDisablePermissioning: true });
const network = node.network;
if (!network) throw new Error(`${values.config} has no p2p section`);

const send = network.broadcastConsensus.bind(network);
network.broadcastConsensus = (code: number, data: Uint8Array, exceptPeerId?: string) => {
  if (code === MessageCode.PROPOSAL) {
    const proposal = proposedBlock(data);
    if (proposal.proposer.toLowerCase() === self && proposal.transactions.length > 0)
      log.warn(
        { height: proposal.height, round: proposal.round, transactions: proposal.transactions },
        "faulty: proposed a block with transactions",
      );
  }
  send(code, data, exceptPeerId);
};

const stop = async () => {
  await node.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
console.log(`faulty proposer node ${config.name} ready: rpc ${node.rpc.url}`);
