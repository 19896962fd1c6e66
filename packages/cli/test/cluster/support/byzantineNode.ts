// A validator that misbehaves on purpose, for tests. It runs a real node from its config file
// (`node byzantineNode.ts --config FILE [--log-level LEVEL]`) and wraps what the node sends to its
// peers so that it:
// - equivocates: when it proposes, one peer gets its PROPOSAL and another a different block for
//   the same height and round (another timestamp), signed with its validator key;
// - sends a copy of each of its PREPAREs and COMMITs with a corrupted signature;
// - every second sends garbage bytes, a message with an unknown code, a PREPARE for a digest no one
//   proposed, and replays of its own messages from past heights.
// Each misdeed is logged as a JSON line with msg "byzantine: …".
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createLedgerNode, createLogger, loadNodeConfig } from "@civitas/node";
import {
  type Address,
  type BlockCodec,
  createPrepare,
  createProposal,
  createSecp256k1Signer,
  decodeExtraData,
  decodeMessage,
  encodeExtraData,
  encodeMessage,
  extraDataForCommitSeal,
  keccak256,
  MessageCode,
  type QbftBlock,
  type QbftMessage,
  type RlpItem,
  recoverAddress,
} from "@civitas/qbft";
import { RLP } from "@ethereumjs/rlp";

// Positions in the header's RLP field list (Yellow Paper order).
const COINBASE = 2;
const NUMBER = 8;
const TIMESTAMP = 11;
const EXTRA_DATA = 12;
// Own messages kept for replay, oldest dropped first.
const REPLAY_KEEP = 64;
const MISCHIEF_INTERVAL_MS = 1000;

type Fields = Uint8Array[];

const toHex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}` as Address;
const toNumber = (b: Uint8Array) => (b.length === 0 ? 0 : Number(BigInt(toHex(b))));
/** A scalar as RLP wants it: big-endian, no leading zero bytes, 0 as the empty string. */
function fromNumber(n: number): Uint8Array {
  if (n === 0) return new Uint8Array(0);
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, "hex");
}

/** A block kept as its RLP value: enough for QBFT messages, without executing anything. */
class RawBlock implements QbftBlock {
  readonly raw: RlpItem[];
  readonly height: number;
  readonly round: number;
  readonly proposer: Address;

  constructor(raw: RlpItem[]) {
    this.raw = raw;
    const header = raw[0] as Fields;
    this.height = toNumber(header[NUMBER]!);
    this.round = decodeExtraData(header[EXTRA_DATA]!).round;
    this.proposer = toHex(header[COINBASE]!);
  }

  get digest(): Uint8Array {
    const header = [...(this.raw[0] as Fields)];
    header[EXTRA_DATA] = extraDataForCommitSeal(decodeExtraData(header[EXTRA_DATA]!));
    return keccak256(RLP.encode(header));
  }

  /** The same block with one header field replaced. */
  withHeaderField(index: number, value: Uint8Array): RawBlock {
    const header = [...(this.raw[0] as Fields)];
    header[index] = value;
    return new RawBlock([header, ...this.raw.slice(1)]);
  }

  withRound(round: number): RawBlock {
    const extra = decodeExtraData((this.raw[0] as Fields)[EXTRA_DATA]!);
    return this.withHeaderField(EXTRA_DATA, encodeExtraData({ ...extra, round, seals: [] }));
  }
}

const codec: BlockCodec = {
  toRlp: (block) => (block as RawBlock).raw,
  fromRlp: (value) => new RawBlock(value as RlpItem[]),
};

const { values } = parseArgs({
  options: { config: { type: "string" }, "log-level": { type: "string" } },
  strict: true,
});
if (!values.config) throw new Error("usage: byzantineNode.ts --config FILE [--log-level LEVEL]");
const config = await loadNodeConfig(values.config);
if (!config.validatorKey) throw new Error(`${values.config} names no validator key`);
const log = createLogger(values["log-level"] ?? "info").child({ node: config.name });
const node = await createLedgerNode({ ...config, logger: log });
const network = node.network;
if (!network) throw new Error(`${values.config} has no p2p section`);

const signer = createSecp256k1Signer(config.validatorKey.privateKey);
const send = network.broadcastConsensus.bind(network);
const sent: { height: number; code: number; data: Uint8Array }[] = [];

function decode(code: number, data: Uint8Array): QbftMessage | undefined {
  try {
    return decodeMessage(code, data, { codec, recover: recoverAddress });
  } catch {
    return undefined;
  }
}

/** Sends `proposal` to one validator peer and a conflicting block, re-signed, to another. */
function equivocate(code: number, data: Uint8Array, proposal: QbftMessage & { type: "PROPOSAL" }): boolean {
  const peers = network!.peers().filter((p) => p.validatorAddress !== undefined);
  if (peers.length < 2) return false;
  const block = proposal.signed.payload.block as RawBlock;
  const timestamp = toNumber((block.raw[0] as Fields)[TIMESTAMP]!);
  const other = block.withHeaderField(TIMESTAMP, fromNumber(timestamp + 1));
  const conflicting = encodeMessage(
    createProposal(signer, codec, other, proposal.roundChanges, proposal.prepares),
    codec,
  );
  send(code, data, peers[0]!.id);
  send(conflicting.code, conflicting.data, peers[1]!.id);
  log.warn(
    { height: block.height, round: block.round, original: peers[1]!.name, conflicting: peers[0]!.name },
    "byzantine: sent conflicting proposals",
  );
  return true;
}

network.broadcastConsensus = (code: number, data: Uint8Array, exceptPeerId?: string) => {
  const message = decode(code, data);
  if (!message || message.signed.author !== signer.address) return send(code, data, exceptPeerId);
  sent.push({ height: message.signed.payload.height, code, data });
  if (sent.length > REPLAY_KEEP) sent.shift();
  if (message.type === "PROPOSAL" && equivocate(code, data, message)) return;
  send(code, data, exceptPeerId);
  if (message.type === "PREPARE" || message.type === "COMMIT") {
    // A PREPARE or COMMIT is RLP([payload, signature]): flip bits of the signature.
    const forged = Uint8Array.from(data);
    const list = RLP.decode(forged) as RlpItem[];
    const signature = Uint8Array.from(list[1] as Uint8Array);
    signature[0] = (signature[0]! ^ 0xff) & 0xff;
    signature[40] = (signature[40]! ^ 0x55) & 0xff;
    send(code, RLP.encode([list[0]!, signature]), exceptPeerId);
    log.warn(
      { type: message.type, height: message.signed.payload.height },
      "byzantine: sent a forged signature",
    );
  }
};

const mischief = setInterval(() => {
  const height = Number(node.chain.head.block.header.number) + 1;
  const round = node.consensus?.status().round ?? 0;
  send(MessageCode.PREPARE, randomBytes(48));
  send(0x16, RLP.encode([randomBytes(8)]));
  const bogus = encodeMessage(createPrepare(signer, height, round, randomBytes(32)), codec);
  send(bogus.code, bogus.data);
  const old = sent.filter((m) => m.height < height - 2);
  for (const m of old.slice(0, 4)) send(m.code, m.data);
  log.warn(
    { height, round, replayed: Math.min(old.length, 4) },
    "byzantine: sent garbage, an unknown code, a bogus PREPARE and replays",
  );
}, MISCHIEF_INTERVAL_MS);

const stop = async () => {
  clearInterval(mischief);
  await node.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
console.log(`byzantine node ${config.name} ready: rpc ${node.rpc.url}`);
