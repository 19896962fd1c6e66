// A PeerNetwork in the test process, with its log records and handler calls kept for assertions,
// and a raw TLS client that speaks (or mangles) the protocol by hand.
import type tls from "node:tls";
import { connectMutualTls, createMutualTlsServer, type TrustStore } from "@civitas/pki";
import { pino } from "pino";
import { encodeFrame } from "../../../src/network/framing.ts";
import { encodeMessage, type Message, PROTOCOL_VERSION } from "../../../src/network/messages.ts";
import {
  type PeerNetwork as Network,
  PeerNetwork,
  type PeerNetworkOptions,
  type PeerSummary,
} from "../../../src/network/peerNetwork.ts";
import type { TestNodeCert } from "./testPki.ts";

export const CHAIN_ID = 1337n;
export const GENESIS = new Uint8Array(32).fill(0xab);

export interface Recorded {
  readonly network: Network;
  readonly logs: Array<Record<string, unknown>>;
  readonly consensus: Array<{ code: number; data: Uint8Array; from: PeerSummary }>;
  readonly transactions: Array<{ raw: readonly Uint8Array[]; from: PeerSummary }>;
  readonly gone: Array<{ peer: PeerSummary; reason: string }>;
}

/** Starts a network on 127.0.0.1 with a free port; every validator address is accepted unless `validators` says. */
export async function startRecorded(
  cert: TestNodeCert,
  trust: TrustStore,
  options: Partial<PeerNetworkOptions> & {
    validators?: readonly string[];
    getBlocks?: PeerNetworkOptions["handlers"]["getBlocks"];
    /** Send gossiped transactions on, once each, as a node does. */
    relay?: boolean;
  } = {},
): Promise<Recorded> {
  const { validators: validatorList, getBlocks, relay, ...o } = options;
  const seen = new Set<string>();
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const consensus: Recorded["consensus"] = [];
  const transactions: Recorded["transactions"] = [];
  const gone: Recorded["gone"] = [];
  const validators = validatorList?.map((v) => v.toLowerCase());
  const network = await PeerNetwork.start({
    identity: cert.identity,
    trust,
    host: "127.0.0.1",
    port: 0,
    staticPeers: [],
    chainId: CHAIN_ID,
    genesisHash: GENESIS,
    localStatus: () => ({ height: 7, hash: new Uint8Array(32).fill(7) }),
    isValidator: (a) => validators === undefined || validators.includes(a),
    logger,
    backoff: { initialMs: 50, maxMs: 1_000 },
    handlers: {
      consensus: (code, data, from) => consensus.push({ code, data, from }),
      transactions: (raw, from) => {
        transactions.push({ raw, from });
        if (!relay) return;
        const fresh = raw.filter((tx) => {
          const key = Buffer.from(tx).toString("hex");
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        if (fresh.length > 0) network.broadcastTransactions(fresh, from.id);
      },
      getBlocks: getBlocks ?? (() => []),
      peerGone: (peer, reason) => gone.push({ peer, reason }),
    },
    ...o,
  });
  return { network, logs, consensus, transactions, gone };
}

/** Polls `f` until it returns a value other than undefined/false. */
export async function eventually<T>(
  f: () => T | undefined | false,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A hand-driven mutual-TLS client: it writes frames, and records whether the server closed it. */
export class RawPeer {
  readonly socket: tls.TLSSocket;
  readonly received: Buffer[] = [];
  readonly closed: Promise<void>;

  private constructor(socket: tls.TLSSocket) {
    this.socket = socket;
    socket.on("data", (c: Buffer) => this.received.push(c));
    socket.on("error", () => {});
    this.closed = new Promise((resolve) => {
      if (socket.destroyed) resolve();
      else socket.once("close", () => resolve());
    });
  }

  static async connect(cert: TestNodeCert, trust: TrustStore, port: number): Promise<RawPeer> {
    const { socket } = await connectMutualTls({ identity: cert.identity, trust, host: "127.0.0.1", port });
    return new RawPeer(socket);
  }

  /**
   * A raw TLS server for one peer to dial: `accepted` is the first connection verified, resumed.
   * `close` stops listening and destroys that connection.
   */
  static async listen(
    cert: TestNodeCert,
    trust: TrustStore,
  ): Promise<{ port: number; accepted: Promise<RawPeer>; close(): Promise<void> }> {
    let accept: (peer: RawPeer) => void = () => {};
    const accepted = new Promise<RawPeer>((resolve) => (accept = resolve));
    const sockets: tls.TLSSocket[] = [];
    const server = createMutualTlsServer({
      identity: cert.identity,
      trust,
      onPeer: (socket) => {
        sockets.push(socket);
        const peer = new RawPeer(socket);
        socket.resume();
        accept(peer);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    return {
      port,
      accepted,
      close: async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  send(m: Message): void {
    const { type, payload } = encodeMessage(m);
    this.socket.write(encodeFrame(type, payload));
  }

  hello(o: { genesisHash?: Uint8Array; listenAddress?: string; version?: number } = {}): void {
    this.send({
      kind: "HELLO",
      version: o.version ?? PROTOCOL_VERSION,
      chainId: CHAIN_ID,
      genesisHash: o.genesisHash ?? GENESIS,
      listenAddress: o.listenAddress ?? "",
      headHeight: 0,
      headHash: new Uint8Array(32),
    });
  }

  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }
}

/** Whether a log record says `code` was refused. */
export const refusedWith =
  (code: string) =>
  (l: Record<string, unknown>): boolean =>
    l["msg"] === "peer refused" && l["code"] === code;
