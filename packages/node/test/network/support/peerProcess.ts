// A PeerNetwork in its own process, for the transport tests. Reads a JSON config file (argv[2]),
// starts the network, and speaks JSON lines: commands on stdin, events and log records on stdout.
//   events:   {"event":"listening","port","id"} · {"event":"peerConnected","peer","greeted"} ·
//             {"event":"peerStatus","peer"} ·
//             {"event":"peerGone","peer","reason"} · {"event":"consensus","code","data","from"} ·
//             {"event":"transactions","txs","from"} · answers to commands, with their "tag"
//   logs:     pino records ({"level","msg",…})
//   commands: consensus, transactions, announce, request, peers, stats, setCrls, close
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { TrustStore } from "@civitas/pki";
import { RLP } from "@ethereumjs/rlp";
import { pino } from "pino";
import { PeerNetwork } from "../../../src/network/peerNetwork.ts";

export interface PeerProcessConfig {
  key: string;
  cert: string;
  roots: string;
  intermediates: string;
  crls: string[];
  port: number;
  staticPeers: string[];
  chainId: string;
  genesisHash: string;
  validators: string[];
  /** The process serves blocks 0 … blocks-1, block n being RLP([n, "block n"]). */
  blocks: number;
  /** When set, each new peer is sent this CONSENSUS message from the peerConnected handler. */
  greeting?: { code: number; data: string };
}

interface Command {
  cmd: string;
  tag?: string;
  code?: number;
  data?: string;
  txs?: string[];
  height?: number;
  hash?: string;
  peerId?: string;
  from?: number;
  count?: number;
  crls?: string[];
}

const config = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as PeerProcessConfig;
const say = (o: object): void => {
  process.stdout.write(`${JSON.stringify(o)}\n`);
};
const hex = (b: Uint8Array): string => `0x${Buffer.from(b).toString("hex")}`;
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/^0x/, ""), "hex"));

const trust = new TrustStore({ roots: config.roots, intermediates: config.intermediates, crls: config.crls });
const validators = new Set(config.validators.map((v) => v.toLowerCase()));
const logger = pino({ level: "debug" }, { write: (line: string) => process.stdout.write(line) });
let head: { height: number; hash: Uint8Array } = { height: 0, hash: new Uint8Array(32) };

const network = await PeerNetwork.start({
  identity: { key: config.key, cert: config.cert },
  trust,
  host: "127.0.0.1",
  port: config.port,
  staticPeers: config.staticPeers,
  chainId: BigInt(config.chainId),
  genesisHash: bytes(config.genesisHash),
  localStatus: () => head,
  isValidator: (a) => validators.has(a),
  logger,
  backoff: { initialMs: 50, maxMs: 1_000 },
  handlers: {
    consensus: (code, data, from) => say({ event: "consensus", code, data: hex(data), from: from.id }),
    transactions: (raw, from) => say({ event: "transactions", txs: raw.map(hex), from: from.id }),
    getBlocks: (from, count) => {
      const out: Uint8Array[] = [];
      for (let n = from; n < Math.min(from + count, config.blocks); n++)
        out.push(RLP.encode([n, `block ${n}`]));
      return out;
    },
    peerConnected: (peer, sendConsensus) => {
      const greeted =
        config.greeting !== undefined && sendConsensus(config.greeting.code, bytes(config.greeting.data));
      say({ event: "peerConnected", peer, greeted });
    },
    peerStatus: (peer) => say({ event: "peerStatus", peer }),
    peerGone: (peer, reason) => say({ event: "peerGone", peer, reason }),
  },
});
say({ event: "listening", port: network.port, id: network.id });

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const c = JSON.parse(line) as Command;
  const tag = c.tag;
  switch (c.cmd) {
    case "consensus":
      network.broadcastConsensus(c.code!, bytes(c.data!));
      break;
    case "transactions":
      network.broadcastTransactions(c.txs!.map(bytes));
      break;
    case "announce":
      head = { height: c.height!, hash: bytes(c.hash!) };
      network.announceHead(head);
      break;
    case "request":
      network.requestBlocks(c.peerId!, c.from!, c.count!).then(
        (blocks) => say({ event: "blocks", tag, blocks: blocks.map(hex) }),
        (err: Error & { code?: string }) =>
          say({ event: "requestFailed", tag, code: err.code, message: err.message }),
      );
      break;
    case "peers":
      say({ event: "peers", tag, peers: network.peers() });
      break;
    case "stats":
      say({ event: "stats", tag, stats: network.stats() });
      break;
    case "setCrls":
      trust.setCrls(c.crls!);
      network.reverifyPeers().then(() => say({ event: "reverified", tag }));
      break;
    case "close":
      network.close().then(() => {
        lines.close();
        process.stdin.destroy();
        // What could still keep this process alive once the network is closed.
        say({ event: "closed", tag, resources: process.getActiveResourcesInfo() });
      });
      break;
  }
});
