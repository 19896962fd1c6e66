import { X509Certificate } from "node:crypto";
import type { Socket } from "node:net";
import type { Server, TLSSocket } from "node:tls";
import {
  connectMutualTls,
  createMutualTlsServer,
  PeerVerificationError,
  peerCertificateChain,
  type TlsIdentity,
  type TrustStore,
  type VerifySuccess,
} from "@civitas/pki";
import { NodeError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { Backoff } from "./backoff.ts";
import type { Frame } from "./framing.ts";
import {
  decodeMessage,
  type HelloMessage,
  isInProtocolVersion,
  MAX_ADDRESSES_PER_MESSAGE,
  MAX_BLOCKS_PER_REQUEST,
  MAX_NEIGHBOURS_PER_MESSAGE,
  MAX_TRANSACTIONS_PER_MESSAGE,
  type Message,
  MIN_PROTOCOL_VERSION,
  messageNameOf,
  PROTOCOL_VERSION,
  sharedProtocolVersion,
} from "./messages.ts";
import {
  type BlockRequest,
  type ConnectionHooks,
  formatAddress,
  PeerConnection,
  type PeerIdentity,
  parseAddress,
} from "./peerConnection.ts";
import { ProtocolError } from "./protocolError.ts";

export interface PeerSummary {
  /** Lowercase hex SHA-256 fingerprint of the peer's leaf certificate: a peer is known by this, never by IP. */
  readonly id: string;
  /** The certificate subject's CN. */
  readonly name: string;
  /** Lowercase; present iff the CA issued the peer's certificate as a validator's. */
  readonly validatorAddress?: `0x${string}`;
  /** "ip:port" of the socket. */
  readonly remoteAddress: string;
  /** "host:port" the peer accepts connections on (from its HELLO). */
  readonly listenAddress?: string;
  readonly direction: "inbound" | "outbound";
  /** Last status the peer announced. */
  readonly headHeight: number;
  /** 0x hex. */
  readonly headHash: string;
  /** ms since epoch. */
  readonly connectedAt: number;
  /** The ids of the peers this peer says it is connected to (it gossips to them itself). */
  readonly neighbours: readonly string[];
  /** The protocol version the connection speaks (the lower of the two nodes' newest). */
  readonly protocolVersion: number;
}

export interface HeadStatus {
  readonly height: number;
  readonly hash: Uint8Array;
}

export interface PeerNetworkHandlers {
  /** A QBFT message from a peer whose certificate's validator address is a current validator (checked by the network via isValidator). */
  consensus(code: number, data: Uint8Array, from: PeerSummary): void;
  /** Raw signed transactions gossiped by a peer. */
  transactions(raw: readonly Uint8Array[], from: PeerSummary): void;
  /** Serve blocks [from, from+count) as RLP-encoded full blocks; return fewer (possibly none) if not available. */
  getBlocks(from: number, count: number): Promise<readonly Uint8Array[]> | readonly Uint8Array[];
  /** A peer connected, or announced a new head. */
  peerStatus?(peer: PeerSummary): void;
  /**
   * A connection to a peer was taken: a new peer, or a new connection replacing its old one (before
   * its peerStatus). `sendConsensus` sends a consensus message to that peer alone (false when it is
   * not a validator or is gone); it works from the first connection, before `start` has resolved.
   */
  peerConnected?(peer: PeerSummary, sendConsensus: (code: number, data: Uint8Array) => boolean): void;
  /** A peer disconnected. */
  peerGone?(peer: PeerSummary, reason: string): void;
}

export interface PeerNetworkOptions {
  readonly identity: TlsIdentity;
  readonly trust: TrustStore;
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  /** host:port told to peers, default `${host}:${actual port}`. */
  readonly advertise?: string;
  /** "host:port"; dialled at start, redialled with backoff whenever down. */
  readonly staticPeers: readonly string[];
  readonly chainId: bigint;
  /** Peers on another chain are refused at HELLO with a clear reason. */
  readonly genesisHash: Uint8Array;
  localStatus(): HeadStatus;
  /** Whether an address (lowercase 0x) is in the current validator set. */
  isValidator(address: `0x${string}`): boolean;
  /**
   * Whether a peer's certificate (SHA-256 fingerprint, lowercase hex) is revoked on chain, in the
   * identity registry: checked after the CA's path and CRL checks, at every handshake and by
   * reverifyPeers. Absent: only the CRLs count.
   */
  isRevokedOnChain?(fingerprint: string): Promise<boolean>;
  readonly handlers: PeerNetworkHandlers;
  readonly logger: Logger;
  /** Default 25. */
  readonly maxPeers?: number;
  /** Default 16 MiB; a larger frame disconnects the peer (with a logged reason). */
  readonly maxMessageBytes?: number;
  /** Outbound back-pressure bound, default 64 MiB. */
  readonly maxQueuedBytesPerPeer?: number;
  /** TLS connect and HELLO timeout, default 10 s. */
  readonly dialTimeoutMs?: number;
  /** Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Default 250 ms .. 30 s, exponential with jitter. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** A PING is sent to each peer this often; a peer silent for three intervals is dropped. Default 15 s. */
  readonly pingIntervalMs?: number;
}

/** Counters for metrics. */
export interface PeerNetworkStats {
  messagesIn: Record<string, number>;
  messagesOut: Record<string, number>;
  bytesIn: Record<string, number>;
  bytesOut: Record<string, number>;
  /** Connections refused or closed for a fault of the peer, by reason code. */
  refused: Record<string, number>;
  /** Messages not delivered: CONSENSUS from non-validators, TRANSACTIONS under back-pressure. */
  dropped: Record<string, number>;
}

const DEFAULTS = {
  maxPeers: 25,
  maxMessageBytes: 16 * 1024 * 1024,
  maxQueuedBytesPerPeer: 64 * 1024 * 1024,
  dialTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  backoff: { initialMs: 250, maxMs: 30_000 },
  pingIntervalMs: 15_000,
};
// A discovered address is forgotten after this many failed dials in a row (static ones never are).
const MAX_DISCOVERED_FAILURES = 8;
// RLP list headers around each block and around the list, plus the request id: what a BLOCKS
// payload adds to the blocks themselves, bounded generously.
const RLP_ITEM_OVERHEAD = 9;
const BLOCKS_ENVELOPE_OVERHEAD = 64;
const CONSENSUS_DROP_LOG_INTERVAL_MS = 60_000;
// How long close() waits for peers to take their DISCONNECT before destroying the sockets.
const SHUTDOWN_GRACE_MS = 250;

/** The error of a GET_BLOCKS whose peer went away before it answered. */
function disconnectedBeforeAnswer(name: string, id: string, reason: string): NodeError {
  return new NodeError(
    "P2P_REQUEST_FAILED",
    `peer ${name} (${short(id)}) disconnected before answering GET_BLOCKS: ${reason}`,
    { data: { peerId: id, reason: "DISCONNECTED" } },
  );
}

/** A peer between a connection it closed as a duplicate and the HELLO on its other one. */
interface Handover {
  readonly summary: PeerSummary;
  /** Requests in flight on the closed connection, each with the timer that fails it meanwhile. */
  parked: Array<{ readonly request: BlockRequest; readonly timer: NodeJS.Timeout }>;
}

/** An address this node dials: a static peer, or one learnt from PEERS or a peer's HELLO. */
interface AddressEntry {
  readonly address: string;
  readonly isStatic: boolean;
  readonly backoff: Backoff;
  /** The peer last reached at this address. */
  peerId: string | undefined;
  /** The address turned out to be this node itself. */
  self: boolean;
  dialing: boolean;
  timer: NodeJS.Timeout | undefined;
  failures: number;
}

const toHex = (b: Uint8Array): string => `0x${Buffer.from(b).toString("hex")}`;
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/**
 * The node-to-node transport: mutual TLS with the network's CA, length-prefixed RLP messages,
 * one connection per peer (a peer is its certificate fingerprint), discovery through PEERS,
 * redial with backoff, per-peer back-pressure and GET_BLOCKS requests.
 */
export class PeerNetwork {
  readonly port: number;
  readonly id: string;
  readonly advertise: string;
  readonly #o: PeerNetworkOptions;
  readonly #log: Logger;
  readonly #maxPeers: number;
  readonly #maxMessageBytes: number;
  readonly #maxQueuedBytes: number;
  readonly #dialTimeoutMs: number;
  readonly #requestTimeoutMs: number;
  readonly #backoff: { readonly initialMs: number; readonly maxMs: number };
  readonly #server: Server;
  /** Every accepted TCP socket, with the trust epoch at which it arrived. */
  readonly #rawSockets: Map<Socket, number>;
  readonly #connections = new Set<PeerConnection>();
  readonly #peers = new Map<string, PeerConnection>();
  readonly #addresses = new Map<string, AddressEntry>();
  /**
   * Peers whose connection was closed as a duplicate while their other one awaits HELLO, with the
   * GET_BLOCKS that were in flight on it, to be asked again on the other one.
   */
  readonly #handover = new Map<string, Handover>();
  readonly #hooks: ConnectionHooks;
  readonly #pingTimer: NodeJS.Timeout;
  /** Set while a NEIGHBOURS announcement is scheduled (changes in one turn send one each). */
  #neighboursPending: NodeJS.Immediate | undefined;
  readonly #stats: PeerNetworkStats = {
    messagesIn: {},
    messagesOut: {},
    bytesIn: {},
    bytesOut: {},
    refused: {},
    dropped: {},
  };
  #closed = false;
  /**
   * Incremented by every reverifyPeers(): a connection whose verification began in an earlier
   * epoch was checked against CRLs that may since have changed, and is verified again.
   */
  #trustEpoch = 0;

  private constructor(
    o: PeerNetworkOptions,
    server: Server,
    rawSockets: Map<Socket, number>,
    port: number,
    id: string,
    log: Logger,
  ) {
    this.#o = o;
    this.#server = server;
    this.#rawSockets = rawSockets;
    this.port = port;
    this.id = id;
    this.#log = log;
    this.advertise = o.advertise ?? formatAddress(o.host, port);
    this.#maxPeers = o.maxPeers ?? DEFAULTS.maxPeers;
    this.#maxMessageBytes = o.maxMessageBytes ?? DEFAULTS.maxMessageBytes;
    this.#maxQueuedBytes = o.maxQueuedBytesPerPeer ?? DEFAULTS.maxQueuedBytesPerPeer;
    this.#dialTimeoutMs = o.dialTimeoutMs ?? DEFAULTS.dialTimeoutMs;
    this.#requestTimeoutMs = o.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
    this.#backoff = o.backoff ?? DEFAULTS.backoff;
    this.#hooks = {
      frame: (conn, frame) => this.#onFrame(conn, frame),
      framingError: (conn, code, reason) => this.#refuse(conn.identity.name, code, reason, conn),
      closed: (conn, code, reason) => this.#onClosed(conn, code, reason),
      sent: (_conn, name, bytes) => {
        add(this.#stats.messagesOut, name, 1);
        add(this.#stats.bytesOut, name, bytes);
      },
      dropped: (_conn, name) => add(this.#stats.dropped, name, 1),
    };
    const pingIntervalMs = o.pingIntervalMs ?? DEFAULTS.pingIntervalMs;
    this.#pingTimer = setInterval(() => this.#ping(pingIntervalMs), pingIntervalMs);
  }

  /** Starts listening and dialling the static peers; rejects with P2P_PORT_BUSY if the port is taken. */
  static async start(o: PeerNetworkOptions): Promise<PeerNetwork> {
    const log = o.logger.child({ module: "p2p" });
    const id = ownFingerprint(o.identity);
    let network: PeerNetwork | undefined;
    const pendingRefusals: Array<[string, string, string | undefined]> = [];
    const rawSockets = new Map<Socket, number>();
    const server = createMutualTlsServer({
      identity: o.identity,
      trust: o.trust,
      onPeer: (socket, peer) => {
        if (network === undefined) socket.destroy();
        else network.#accept(socket, peer);
      },
      onReject: ({ code, reason, remoteAddress }) => {
        if (network === undefined) pendingRefusals.push([code, reason, remoteAddress]);
        else network.#refuse(remoteAddress ?? "unknown", code, reason);
      },
    });
    server.on("connection", (s: Socket) => {
      rawSockets.set(s, network === undefined ? 0 : network.#trustEpoch);
      s.once("close", () => rawSockets.delete(s));
    });
    const port = await new Promise<number>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        if (err.code === "EADDRINUSE") {
          reject(
            new NodeError(
              "P2P_PORT_BUSY",
              `peer-to-peer port ${o.port} on ${o.host} is already in use: stop the process using it or choose another port`,
              { cause: err },
            ),
          );
        } else {
          reject(
            new NodeError("P2P_PORT_BUSY", `cannot listen for peers on ${o.host}:${o.port}: ${err.message}`, {
              cause: err,
            }),
          );
        }
      };
      server.once("error", onError);
      server.listen(o.port, o.host, () => {
        server.off("error", onError);
        const address = server.address();
        resolve(typeof address === "object" && address !== null ? address.port : o.port);
      });
    });
    server.on("error", (err) => log.error({ err }, "peer-to-peer server error"));
    network = new PeerNetwork(o, server, rawSockets, port, id, log);
    for (const [code, reason, remote] of pendingRefusals) network.#refuse(remote ?? "unknown", code, reason);
    log.info({ port, id, advertise: network.advertise }, "peer-to-peer transport listening");
    for (const address of o.staticPeers) network.#learn(address, true);
    return network;
  }

  /** The connected peers (HELLO exchanged). */
  peers(): PeerSummary[] {
    return [...this.#peers.values()].map((c) => summaryOf(c));
  }

  /** To every connected peer that holds a validator certificate, except `exceptPeerId` (used to relay gossip onward). */
  broadcastConsensus(code: number, data: Uint8Array, exceptPeerId?: string): void {
    if (!Number.isInteger(code) || code < 0 || code > 0xff) {
      throw new RangeError(`consensus message code must be a byte, got ${code}`);
    }
    for (const conn of this.#peers.values()) {
      if (conn.identity.id === exceptPeerId || conn.identity.validatorAddress === undefined) continue;
      conn.send({ kind: "CONSENSUS", code, data }, "high");
    }
  }

  /** To one connected peer holding a validator certificate; false if there is no such peer. */
  sendConsensus(peerId: string, code: number, data: Uint8Array): boolean {
    const conn = this.#peers.get(peerId);
    if (conn === undefined || conn.identity.validatorAddress === undefined) return false;
    return conn.send({ kind: "CONSENSUS", code, data }, "high");
  }

  /**
   * Gossip: to every connected peer, or when relaying transactions that came from peer
   * `fromPeerId`, to every peer but that one and those it says it is connected to (it sent them
   * the transactions itself). In a full mesh a relay then sends nothing, where it would send every
   * transaction on to every other peer; a peer reached only through this node still gets them.
   * Lowest priority: dropped first under back-pressure.
   */
  broadcastTransactions(raw: readonly Uint8Array[], fromPeerId?: string): void {
    const batches = this.#transactionBatches(raw);
    const reached = fromPeerId === undefined ? undefined : this.#peers.get(fromPeerId)?.neighbours;
    for (const conn of this.#peers.values()) {
      const id = conn.identity.id;
      if (id === fromPeerId || reached?.includes(id)) continue;
      for (const transactions of batches) conn.send({ kind: "TRANSACTIONS", transactions }, "low");
    }
  }

  /** Splits transactions into messages within the count bound and the size bound. */
  #transactionBatches(raw: readonly Uint8Array[]): Uint8Array[][] {
    const budget = this.#maxMessageBytes - BLOCKS_ENVELOPE_OVERHEAD;
    const batches: Uint8Array[][] = [];
    let batch: Uint8Array[] = [];
    let size = 0;
    for (const tx of raw) {
      const txSize = tx.length + RLP_ITEM_OVERHEAD;
      if (txSize > budget) {
        this.#log.warn({ bytes: tx.length }, "transaction larger than a message: not gossiped");
        continue;
      }
      if (batch.length === MAX_TRANSACTIONS_PER_MESSAGE || size + txSize > budget) {
        batches.push(batch);
        batch = [];
        size = 0;
      }
      batch.push(tx);
      size += txSize;
    }
    if (batch.length > 0) batches.push(batch);
    return batches;
  }

  /** Tell peers our head moved (they use it to decide to sync). */
  announceHead(status: HeadStatus): void {
    for (const conn of this.#peers.values()) {
      conn.send({ kind: "STATUS", height: status.height, hash: status.hash }, "high");
    }
  }

  /** Ask one peer for blocks; rejects on timeout/disconnect with a clear error. */
  requestBlocks(peerId: string, from: number, count: number): Promise<Uint8Array[]> {
    if (!Number.isSafeInteger(from) || from < 0 || !Number.isInteger(count) || count < 1) {
      return Promise.reject(
        new RangeError(`requestBlocks needs from >= 0 and count >= 1, got from ${from}, count ${count}`),
      );
    }
    if (count > MAX_BLOCKS_PER_REQUEST) {
      return Promise.reject(
        new RangeError(`requestBlocks asks for at most ${MAX_BLOCKS_PER_REQUEST} blocks, got ${count}`),
      );
    }
    const conn = this.#peers.get(peerId);
    if (conn === undefined || this.#closed) {
      return Promise.reject(
        new NodeError("P2P_REQUEST_FAILED", `cannot request blocks: peer ${peerId} is not connected`, {
          data: { peerId, reason: "NOT_CONNECTED" },
        }),
      );
    }
    return new Promise<Uint8Array[]>((resolve, reject) => this.#ask(conn, { from, count, resolve, reject }));
  }

  /** Sends GET_BLOCKS for `r` on `conn` and awaits the answer there, up to the request timeout. */
  #ask(conn: PeerConnection, r: BlockRequest): void {
    if (conn.closed) {
      r.reject(disconnectedBeforeAnswer(conn.identity.name, conn.identity.id, "the connection closed"));
      return;
    }
    const requestId = conn.nextRequestId();
    const timer = setTimeout(() => {
      conn.pending.delete(requestId);
      r.reject(
        new NodeError(
          "P2P_REQUEST_FAILED",
          `peer ${conn.identity.name} (${short(conn.identity.id)}) did not answer GET_BLOCKS from ${r.from} within ${this.#requestTimeoutMs} ms`,
          { data: { peerId: conn.identity.id, reason: "TIMEOUT" } },
        ),
      );
    }, this.#requestTimeoutMs);
    conn.pending.set(requestId, { ...r, timer });
    if (!conn.send({ kind: "GET_BLOCKS", requestId, from: r.from, count: r.count }, "high")) {
      // send() failing closed the connection, which rejected the request already.
      clearTimeout(timer);
    }
  }

  /** Takes the requests awaiting an answer on `conn` off it, their timers stopped. */
  #takeRequests(conn: PeerConnection): BlockRequest[] {
    const taken = [...conn.pending.values()];
    for (const p of taken) clearTimeout(p.timer);
    conn.pending.clear();
    return taken;
  }

  /**
   * Starts a handover of peer `id`, whose connection `conn` it closed as a duplicate: its requests
   * wait for the other connection's HELLO (they are asked again there), the peer to be gone, or
   * the request timeout.
   */
  #startHandover(id: string, conn: PeerConnection, requests: readonly BlockRequest[]): void {
    const handover: Handover = { summary: summaryOf(conn), parked: [] };
    handover.parked = requests.map((request) => {
      const timer = setTimeout(() => {
        handover.parked = handover.parked.filter((p) => p.request !== request);
        request.reject(
          new NodeError(
            "P2P_REQUEST_FAILED",
            `peer ${conn.identity.name} (${short(id)}) replaced its connection and did not say HELLO on the new one within ${this.#requestTimeoutMs} ms`,
            { data: { peerId: id, reason: "TIMEOUT" } },
          ),
        );
      }, this.#requestTimeoutMs);
      return { request, timer };
    });
    this.#handover.set(id, handover);
  }

  /** Ends peer `id`'s handover, if any; returns the requests still parked, their timers stopped. */
  #endHandover(id: string): BlockRequest[] {
    const parked = this.#handover.get(id)?.parked ?? [];
    this.#handover.delete(id);
    for (const p of parked) clearTimeout(p.timer);
    return parked.map((p) => p.request);
  }

  /** Re-verify every connected peer's certificate against the trust store and the on-chain revocations (call after either changes); drops the ones now refused. */
  async reverifyPeers(): Promise<void> {
    if (this.#closed) return;
    this.#trustEpoch++;
    // New handshakes get the current CRLs in OpenSSL too, not only in the Civitas check.
    const tlsTrust = this.#o.trust.tlsOptions();
    this.#server.setSecureContext({
      key: this.#o.identity.key,
      cert: this.#o.identity.cert,
      ca: tlsTrust.ca,
      ...(tlsTrust.crl ? { crl: tlsTrust.crl } : {}),
      minVersion: "TLSv1.3",
    });
    await Promise.all(
      [...this.#connections].map(async (conn) => {
        const chain = peerCertificateChain(conn.socket);
        const result = await this.#o.trust.verify(chain, {
          purpose: conn.direction === "inbound" ? "clientAuth" : "serverAuth",
          profile: "node",
        });
        if (!result.ok && !conn.closed) {
          this.#refuse(
            conn.identity.name,
            result.code,
            `certificate no longer accepted: ${result.reason}`,
            conn,
          );
          conn.close(result.code, `your certificate is no longer accepted: ${result.reason}`);
        } else if (result.ok && (await this.#o.isRevokedOnChain?.(conn.identity.id)) && !conn.closed) {
          this.#refuse(conn.identity.name, "REVOKED_ON_CHAIN", REVOKED_ON_CHAIN_REASON, conn);
          conn.close("REVOKED_ON_CHAIN", `your ${REVOKED_ON_CHAIN_REASON}`);
        }
      }),
    );
  }

  /** Counters for metrics: messages and bytes in/out per message type, peers refused by reason. */
  stats(): PeerNetworkStats {
    const copy = (r: Record<string, number>): Record<string, number> => ({ ...r });
    return {
      messagesIn: copy(this.#stats.messagesIn),
      messagesOut: copy(this.#stats.messagesOut),
      bytesIn: copy(this.#stats.bytesIn),
      bytesOut: copy(this.#stats.bytesOut),
      refused: copy(this.#stats.refused),
      dropped: copy(this.#stats.dropped),
    };
  }

  /** Stops listening and dialling, disconnects every peer and rejects pending requests. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#pingTimer);
    clearImmediate(this.#neighboursPending);
    for (const entry of this.#addresses.values()) {
      if (entry.timer !== undefined) clearTimeout(entry.timer);
      entry.timer = undefined;
    }
    const serverClosed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const connections = [...this.#connections];
    const socketsClosed = connections.map(
      (c) =>
        new Promise<void>((resolve) => (c.socket.destroyed ? resolve() : c.socket.once("close", resolve))),
    );
    // Tell each peer why (DISCONNECT), give the bytes a moment to leave, then destroy what is left.
    for (const conn of connections) conn.close("SHUTDOWN", "the node is shutting down");
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(socketsClosed),
      new Promise<void>((resolve) => {
        grace = setTimeout(resolve, SHUTDOWN_GRACE_MS);
      }),
    ]);
    clearTimeout(grace);
    for (const conn of connections) conn.destroy("SHUTDOWN", "the node is shutting down");
    for (const s of this.#rawSockets.keys()) s.destroy();
    await Promise.all([serverClosed, ...socketsClosed]);
    this.#log.info("peer-to-peer transport closed");
  }

  // ---- connections ----

  #accept(socket: TLSSocket, peer: VerifySuccess): void {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    const raw = [...this.#rawSockets.entries()].find(
      ([r]) => r.remoteAddress === socket.remoteAddress && r.remotePort === socket.remotePort,
    );
    this.#whenStillTrusted(raw?.[1] ?? 0, socket, "clientAuth", () =>
      this.#whenNotRevokedOnChain(socket, peer, () => this.#open(socket, peer, "inbound", undefined)),
    );
  }

  /** Runs `then` if the peer's verification is current, or once it passes again under the current CRLs. */
  #whenStillTrusted(
    verifiedInEpoch: number,
    socket: TLSSocket,
    purpose: "clientAuth" | "serverAuth",
    then: () => void,
    refused?: () => void,
  ): void {
    if (verifiedInEpoch === this.#trustEpoch) {
      then();
      return;
    }
    const epoch = this.#trustEpoch;
    this.#o.trust.verify(peerCertificateChain(socket), { purpose, profile: "node" }).then(
      (result) => {
        if (this.#closed || socket.destroyed) {
          socket.destroy();
        } else if (!result.ok) {
          this.#refuse(socket.remoteAddress ?? "unknown", result.code, result.reason);
          socket.destroy();
          refused?.();
        } else {
          this.#whenStillTrusted(epoch, socket, purpose, then, refused);
        }
      },
      (err: unknown) => {
        this.#log.error({ err }, "peer re-verification failed");
        socket.destroy();
        refused?.();
      },
    );
  }

  /** Runs `then` unless the peer's certificate is revoked in the identity registry. */
  #whenNotRevokedOnChain(
    socket: TLSSocket,
    peer: VerifySuccess,
    then: () => void,
    refused?: () => void,
  ): void {
    const check = this.#o.isRevokedOnChain;
    if (check === undefined) {
      then();
      return;
    }
    const identity = identityOf(peer);
    check.call(this.#o, identity.id).then(
      (revoked) => {
        if (this.#closed || socket.destroyed) {
          socket.destroy();
        } else if (revoked) {
          this.#refuse(identity.name, "REVOKED_ON_CHAIN", REVOKED_ON_CHAIN_REASON);
          socket.destroy();
          refused?.();
        } else {
          then();
        }
      },
      (err: unknown) => {
        this.#log.error({ err }, "on-chain certificate check failed");
        socket.destroy();
        refused?.();
      },
    );
  }

  #open(
    socket: TLSSocket,
    peer: VerifySuccess,
    direction: "inbound" | "outbound",
    dialAddress: string | undefined,
  ): PeerConnection {
    const identity = identityOf(peer);
    const conn = new PeerConnection(socket, {
      direction,
      identity,
      ...(dialAddress !== undefined ? { dialAddress } : {}),
      maxMessageBytes: this.#maxMessageBytes,
      maxQueuedBytes: this.#maxQueuedBytes,
      hooks: this.#hooks,
    });
    this.#connections.add(conn);
    if (identity.id === this.id) {
      this.#refuse(identity.name, "SELF", "connected to ourselves", conn);
      conn.close("SELF", "connected to ourselves", false);
      return conn;
    }
    conn.helloTimer = setTimeout(
      () => this.#refuse(identity.name, "HELLO_TIMEOUT", "no HELLO in time", conn, true),
      this.#dialTimeoutMs,
    );
    const head = this.#o.localStatus();
    conn.send({
      kind: "HELLO",
      version: PROTOCOL_VERSION,
      chainId: this.#o.chainId,
      genesisHash: this.#o.genesisHash,
      listenAddress: this.advertise,
      headHeight: head.height,
      headHash: head.hash,
    });
    return conn;
  }

  #learn(address: string, isStatic: boolean): void {
    if (address === this.advertise || parseAddress(address) === undefined) {
      if (isStatic && address !== this.advertise) this.#log.warn({ address }, "static peer is not host:port");
      return;
    }
    const known = this.#addresses.get(address);
    if (known !== undefined) return;
    if (!isStatic && this.#addresses.size >= 4 * this.#maxPeers) return;
    const entry: AddressEntry = {
      address,
      isStatic,
      backoff: new Backoff(this.#backoff.initialMs, this.#backoff.maxMs),
      peerId: undefined,
      self: false,
      dialing: false,
      timer: undefined,
      failures: 0,
    };
    this.#addresses.set(address, entry);
    this.#dial(entry);
  }

  #shouldDial(entry: AddressEntry): boolean {
    if (this.#closed || entry.self || entry.dialing || entry.timer !== undefined) return false;
    if (this.#addresses.get(entry.address) !== entry) return false;
    if (entry.peerId !== undefined && this.#peers.has(entry.peerId)) return false;
    return entry.isStatic || this.#peers.size < this.#maxPeers;
  }

  #scheduleDial(entry: AddressEntry): void {
    if (!this.#shouldDial(entry)) return;
    if (!entry.isStatic && entry.failures >= MAX_DISCOVERED_FAILURES) {
      this.#addresses.delete(entry.address);
      this.#log.debug(
        { address: entry.address },
        "discovered peer address forgotten after repeated failures",
      );
      return;
    }
    const delay = entry.backoff.next();
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.#dial(entry);
    }, delay);
  }

  #dial(entry: AddressEntry): void {
    if (!this.#shouldDial(entry)) return;
    const target = parseAddress(entry.address)!;
    entry.dialing = true;
    const epoch = this.#trustEpoch;
    connectMutualTls({
      identity: this.#o.identity,
      trust: this.#o.trust,
      host: target.host,
      port: target.port,
      timeoutMs: this.#dialTimeoutMs,
      // A peer is known by its certificate, never by the address it was reached at: nodes may
      // move between hosts, and discovered addresses need not appear in their certificates.
      verifyHostname: false,
    }).then(
      ({ socket, peer }) => {
        entry.dialing = false;
        if (this.#closed) {
          socket.destroy();
          return;
        }
        this.#whenStillTrusted(
          epoch,
          socket,
          "serverAuth",
          () =>
            this.#whenNotRevokedOnChain(
              socket,
              peer,
              () => this.#onDialled(entry, socket, peer),
              () => {
                entry.failures++;
                this.#scheduleDial(entry);
              },
            ),
          () => {
            entry.failures++;
            this.#scheduleDial(entry);
          },
        );
      },
      (err: unknown) => {
        entry.dialing = false;
        entry.failures++;
        if (this.#closed) return;
        if (err instanceof PeerVerificationError && err.code !== "TLS_VERIFICATION_FAILED") {
          this.#refuse(entry.address, err.code, err.message);
        } else {
          this.#log.debug({ address: entry.address, err: (err as Error).message }, "dial failed");
        }
        this.#scheduleDial(entry);
      },
    );
  }

  #onDialled(entry: AddressEntry, socket: TLSSocket, peer: VerifySuccess): void {
    const id = identityOf(peer).id;
    if (id === this.id) {
      entry.self = true;
      this.#log.info({ address: entry.address }, "address is this node itself: not dialled again");
      socket.destroy();
      return;
    }
    entry.peerId = id;
    // Decide before HELLO so that the other side only ever sees a HELLO on a connection this
    // side means to keep: never two outbound connections to one peer; against an inbound one
    // from it, the connection dialled by the lower fingerprint wins (both sides agree).
    const existing = [...this.#connections].find((c) => c.identity.id === id && !c.closed);
    if (
      existing !== undefined &&
      (existing.direction === "outbound" || (existing.registered && !(this.id < id)))
    ) {
      socket.destroy();
      return;
    }
    this.#open(socket, peer, "outbound", entry.address);
  }

  #onClosed(conn: PeerConnection, code: string, reason: string): void {
    this.#connections.delete(conn);
    const id = conn.identity.id;
    const another = [...this.#connections].some((c) => c.identity.id === id);
    const handedOver = code === "PEER_DUPLICATE_CONNECTION" && another && this.#peers.get(id) === conn;
    const inFlight = this.#takeRequests(conn);
    if (!handedOver)
      for (const r of inFlight) r.reject(disconnectedBeforeAnswer(conn.identity.name, id, reason));
    if (this.#peers.get(id) === conn) {
      this.#peers.delete(id);
      this.#announceNeighbours();
      if (handedOver) {
        // The peer kept the other connection (simultaneous dials): it is handed over, not gone,
        // unless that connection fails before its HELLO.
        this.#startHandover(id, conn, inFlight);
      } else {
        this.#peerGone(conn.identity.name, id, summaryOf(conn), `${code}: ${reason}`);
      }
    } else if (!another && !this.#peers.has(id)) {
      const handed = this.#handover.get(id);
      if (handed !== undefined) this.#peerGone(conn.identity.name, id, handed.summary, `${code}: ${reason}`);
    }
    if (this.#closed) return;
    if (conn.dialAddress !== undefined) {
      const entry = this.#addresses.get(conn.dialAddress);
      if (entry !== undefined && !conn.registered) entry.failures++;
    }
    for (const entry of this.#addresses.values()) {
      if (entry.peerId === conn.identity.id || entry.address === conn.dialAddress) this.#scheduleDial(entry);
    }
  }

  #peerGone(name: string, id: string, summary: PeerSummary, reason: string): void {
    for (const r of this.#endHandover(id)) r.reject(disconnectedBeforeAnswer(name, id, reason));
    this.#log.info({ peer: name, id: short(id), reason }, "peer disconnected");
    this.#callHandler("peerGone", () => this.#o.handlers.peerGone?.(summary, reason));
  }

  /** Logs and counts a refused peer or a peer's protocol fault; closes `conn` if `close` is set. */
  #refuse(who: string, code: string, reason: string, conn?: PeerConnection, close = false): void {
    add(this.#stats.refused, code, 1);
    this.#log.warn(
      {
        peer: who,
        ...(conn ? { id: short(conn.identity.id), remote: conn.remoteAddress } : {}),
        code,
        reason,
      },
      "peer refused",
    );
    if (close && conn !== undefined) conn.close(code, reason);
  }

  // ---- messages ----

  #onFrame(conn: PeerConnection, frame: Frame): void {
    const name = messageNameOf(frame.type) ?? `0x${frame.type.toString(16).padStart(2, "0")}`;
    add(this.#stats.messagesIn, name, 1);
    add(this.#stats.bytesIn, name, frame.wireBytes);
    let message: Message;
    try {
      message = decodeMessage(frame.type, frame.payload);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      this.#refuse(conn.identity.name, err.code, err.message, conn, true);
      return;
    }
    try {
      if (conn.hello !== undefined) this.#afterHello(conn, message);
      else if (!conn.closed) this.#beforeHello(conn, message);
    } catch (err) {
      // A bug of ours must not take the node down; the peer is dropped, the node carries on.
      this.#log.error({ err, peer: conn.identity.name, message: message.kind }, "failed to handle a message");
      conn.close("INTERNAL_ERROR", "the message could not be handled");
    }
  }

  #beforeHello(conn: PeerConnection, m: Message): void {
    if (m.kind === "DISCONNECT") {
      this.#peerSaidBye(conn, m.code, m.reason);
      return;
    }
    if (m.kind !== "HELLO") {
      this.#refuse(conn.identity.name, "MESSAGE_BEFORE_HELLO", `${m.kind} received before HELLO`, conn, true);
      return;
    }
    const mismatch = this.#helloMismatch(m);
    if (mismatch !== undefined) {
      this.#refuse(conn.identity.name, mismatch.code, mismatch.reason, conn, true);
      return;
    }
    conn.hello = m;
    conn.headHeight = m.headHeight;
    conn.headHash = m.headHash;
    if (conn.helloTimer !== undefined) clearTimeout(conn.helloTimer);
    conn.helloTimer = undefined;
    this.#register(conn);
  }

  #helloMismatch(m: HelloMessage): { code: string; reason: string } | undefined {
    if (sharedProtocolVersion(m.version) === undefined) {
      return {
        code: "PROTOCOL_VERSION_MISMATCH",
        reason: `peer speaks protocol versions up to ${m.version}, this node ${MIN_PROTOCOL_VERSION} to ${PROTOCOL_VERSION}`,
      };
    }
    if (m.chainId !== this.#o.chainId) {
      return {
        code: "CHAIN_ID_MISMATCH",
        reason: `peer is on chain id ${m.chainId}, this node on ${this.#o.chainId}`,
      };
    }
    if (!sameBytes(m.genesisHash, this.#o.genesisHash)) {
      return {
        code: "GENESIS_MISMATCH",
        reason: `peer's genesis is ${toHex(m.genesisHash)}, this node's ${toHex(this.#o.genesisHash)}: they are different networks`,
      };
    }
    return undefined;
  }

  /** HELLO exchanged: keep this connection as the peer's, unless another one wins. */
  #register(conn: PeerConnection): void {
    const id = conn.identity.id;
    const existing = this.#peers.get(id);
    let inFlight: BlockRequest[] = [];
    if (existing !== undefined) {
      // Directions differ: both dialled at once, an ordinary race that both sides settle alike.
      const race = existing.direction !== conn.direction;
      if (!race) this.#warnIfTwins(conn, existing);
      if (!this.#wins(conn, existing)) {
        if (race)
          this.#log.debug(
            { peer: conn.identity.name, id: short(id), kept: existing.direction },
            "both sides dialled at once: the other connection is kept",
          );
        else this.#refuse(conn.identity.name, "DUPLICATE_CONNECTION", "already connected to this peer", conn);
        conn.retire("DUPLICATE_CONNECTION", "already connected to this peer");
        return;
      }
      // The peer stays connected: the old connection is retired without a peerGone, and what was
      // asked on it is asked again on the new one.
      this.#peers.delete(id);
      inFlight = this.#takeRequests(existing);
      existing.retire("DUPLICATE_CONNECTION", "replaced by another connection to the same peer");
    } else if (this.#peers.size >= this.#maxPeers && conn.direction === "inbound") {
      this.#refuse(conn.identity.name, "TOO_MANY_PEERS", `already ${this.#peers.size} peers`, conn);
      conn.close("TOO_MANY_PEERS", `this node already has ${this.#peers.size} peers`);
      return;
    }
    conn.registered = true;
    this.#peers.set(id, conn);
    inFlight.push(...this.#endHandover(id));
    if (inFlight.length > 0) {
      this.#log.debug(
        { peer: conn.identity.name, id: short(id), requests: inFlight.length },
        "GET_BLOCKS in flight on the peer's previous connection asked again on this one",
      );
      for (const r of inFlight) this.#ask(conn, r);
    }
    const hello = conn.hello!;
    if (conn.dialAddress !== undefined) {
      const entry = this.#addresses.get(conn.dialAddress);
      if (entry !== undefined) {
        entry.peerId = id;
        entry.failures = 0;
        entry.backoff.reset();
      }
    }
    if (hello.listenAddress !== "" && hello.listenAddress !== this.advertise) {
      const entry = this.#addresses.get(hello.listenAddress);
      if (entry !== undefined) {
        entry.peerId = id;
        entry.failures = 0;
        entry.backoff.reset();
        if (entry.timer !== undefined) clearTimeout(entry.timer);
        entry.timer = undefined;
      } else if (parseAddress(hello.listenAddress) !== undefined) {
        this.#addresses.set(hello.listenAddress, {
          address: hello.listenAddress,
          isStatic: false,
          backoff: new Backoff(this.#backoff.initialMs, this.#backoff.maxMs),
          peerId: id,
          self: false,
          dialing: false,
          timer: undefined,
          failures: 0,
        });
      }
    }
    this.#log.info(
      {
        peer: conn.identity.name,
        id: short(id),
        direction: conn.direction,
        remote: conn.remoteAddress,
        validator: conn.identity.validatorAddress,
      },
      existing === undefined ? "peer connected" : "peer connection replaced",
    );
    const others = [...this.#peers.values()]
      .filter((c) => c !== conn && c.hello!.listenAddress !== "")
      .map((c) => c.hello!.listenAddress)
      .slice(0, MAX_ADDRESSES_PER_MESSAGE);
    conn.send({ kind: "PEERS", addresses: others });
    this.#announceNeighbours();
    this.#callHandler("peerConnected", () =>
      this.#o.handlers.peerConnected?.(summaryOf(conn), (code, data) =>
        this.sendConsensus(conn.identity.id, code, data),
      ),
    );
    this.#callHandler("peerStatus", () => this.#o.handlers.peerStatus?.(summaryOf(conn)));
  }

  /**
   * Tells every peer which peers this node is connected to (soon: changes in the same turn send
   * one announcement), so that none relays gossip from us to a peer we send it to ourselves. High
   * priority: it is never dropped under back-pressure, or a peer would keep a wrong view.
   */
  #announceNeighbours(): void {
    if (this.#neighboursPending !== undefined || this.#closed) return;
    this.#neighboursPending = setImmediate(() => {
      this.#neighboursPending = undefined;
      const ids = [...this.#peers.keys()];
      for (const conn of this.#peers.values()) {
        const others = ids.filter((id) => id !== conn.identity.id).slice(0, MAX_NEIGHBOURS_PER_MESSAGE);
        conn.send({ kind: "NEIGHBOURS", ids: others });
      }
    });
  }

  /**
   * Two connections from one certificate that listen on different addresses are two nodes sharing
   * a certificate (a copied node directory): each connection replaces the other's in turn. Said by
   * name, since nothing else would show it.
   */
  #warnIfTwins(conn: PeerConnection, existing: PeerConnection): void {
    const a = existing.hello?.listenAddress ?? "";
    const b = conn.hello?.listenAddress ?? "";
    if (a === "" || b === "" || a === b) return;
    this.#log.warn(
      { peer: conn.identity.name, id: short(conn.identity.id), listenAddresses: [a, b] },
      "two nodes use the same certificate: each new connection replaces the other's; give each node its own",
    );
  }

  /** Of two connections to one peer, whether `candidate` replaces `existing`. */
  #wins(candidate: PeerConnection, existing: PeerConnection): boolean {
    const dialer = (c: PeerConnection): string => (c.direction === "outbound" ? this.id : c.identity.id);
    const a = dialer(candidate);
    const b = dialer(existing);
    if (a !== b) return a === (this.id < candidate.identity.id ? this.id : candidate.identity.id);
    // Same dialer: we never dial a connected peer twice, so a second inbound connection means the
    // peer dropped the first one (which we have not noticed yet); a second outbound one loses.
    return candidate.direction === "inbound";
  }

  #afterHello(conn: PeerConnection, m: Message): void {
    // A connection retired as a duplicate is read until the peer closes it: the CONSENSUS and
    // TRANSACTIONS it sent before it learnt of the swap still count (requests are asked again on
    // the other connection). No other connection is read once closed.
    if (conn.closed && m.kind !== "CONSENSUS" && m.kind !== "TRANSACTIONS") return;
    if (!isInProtocolVersion(m.kind, conn.version)) {
      this.#refuse(
        conn.identity.name,
        "MESSAGE_NOT_IN_VERSION",
        `${m.kind} is not part of protocol version ${conn.version}, which this connection speaks`,
        conn,
        true,
      );
      return;
    }
    switch (m.kind) {
      case "HELLO":
        this.#refuse(conn.identity.name, "DUPLICATE_HELLO", "HELLO received twice", conn, true);
        return;
      case "DISCONNECT":
        this.#peerSaidBye(conn, m.code, m.reason);
        return;
      case "PING":
        conn.send({ kind: "PONG" });
        return;
      case "PONG":
        return;
      case "STATUS":
        conn.headHeight = m.height;
        conn.headHash = m.hash;
        this.#callHandler("peerStatus", () => this.#o.handlers.peerStatus?.(summaryOf(conn)));
        return;
      case "PEERS":
        for (const address of m.addresses) this.#learn(address, false);
        return;
      case "NEIGHBOURS":
        conn.neighbours = m.ids;
        return;
      case "CONSENSUS":
        this.#onConsensus(conn, m.code, m.data);
        return;
      case "TRANSACTIONS":
        this.#callHandler("transactions", () =>
          this.#o.handlers.transactions(m.transactions, summaryOf(conn)),
        );
        return;
      case "GET_BLOCKS":
        this.#serveBlocks(conn, m.requestId, m.from, m.count);
        return;
      case "BLOCKS": {
        const p = conn.pending.get(m.requestId);
        if (p === undefined) {
          this.#log.debug(
            { peer: conn.identity.name, requestId: m.requestId },
            "BLOCKS for no pending request",
          );
          return;
        }
        conn.pending.delete(m.requestId);
        clearTimeout(p.timer);
        if (m.blocks.length > p.count) {
          p.reject(
            new NodeError(
              "P2P_REQUEST_FAILED",
              `peer ${conn.identity.name} answered ${m.blocks.length} blocks to a request for ${p.count}`,
              { data: { peerId: conn.identity.id, reason: "BAD_RESPONSE" } },
            ),
          );
          this.#refuse(conn.identity.name, "BAD_RESPONSE", "more blocks than requested", conn, true);
          return;
        }
        p.resolve([...m.blocks]);
        return;
      }
    }
  }

  #peerSaidBye(conn: PeerConnection, code: string, reason: string): void {
    this.#log.info(
      { peer: conn.identity.name, id: short(conn.identity.id), code, reason },
      "peer disconnects",
    );
    // A duplicate the peer retired: what this node still had queued on it goes out first.
    if (code === "DUPLICATE_CONNECTION")
      conn.retire(`PEER_${code}`, `the peer disconnected: ${reason}`, false);
    else conn.close(`PEER_${code}`, `the peer disconnected: ${reason}`, false);
  }

  #onConsensus(conn: PeerConnection, code: number, data: Uint8Array): void {
    const address = conn.identity.validatorAddress;
    let allowed = false;
    if (address !== undefined) {
      try {
        allowed = this.#o.isValidator(address);
      } catch (err) {
        this.#log.error({ err }, "isValidator failed");
      }
    }
    if (!allowed) {
      add(this.#stats.dropped, "CONSENSUS", 1);
      const now = Date.now();
      if (now - conn.lastConsensusDropLogAt >= CONSENSUS_DROP_LOG_INTERVAL_MS) {
        conn.lastConsensusDropLogAt = now;
        this.#log.warn(
          { peer: conn.identity.name, id: short(conn.identity.id), validator: address },
          "CONSENSUS from a peer that is not a current validator dropped (logged at most once a minute per peer)",
        );
      }
      return;
    }
    this.#callHandler("consensus", () => this.#o.handlers.consensus(code, data, summaryOf(conn)));
  }

  #serveBlocks(conn: PeerConnection, requestId: number, from: number, count: number): void {
    const budget = this.#maxMessageBytes - BLOCKS_ENVELOPE_OVERHEAD;
    Promise.resolve()
      .then(() => this.#o.handlers.getBlocks(from, count))
      .then(
        (blocks) => {
          const out: Uint8Array[] = [];
          let size = 0;
          for (const b of blocks.slice(0, count)) {
            if (size + b.length + RLP_ITEM_OVERHEAD > budget) break;
            out.push(b);
            size += b.length + RLP_ITEM_OVERHEAD;
          }
          conn.send({ kind: "BLOCKS", requestId, blocks: out });
        },
        (err: unknown) => {
          this.#log.error({ err, from, count }, "getBlocks failed; answering with no blocks");
          conn.send({ kind: "BLOCKS", requestId, blocks: [] });
        },
      );
  }

  #callHandler(name: string, f: () => void): void {
    try {
      f();
    } catch (err) {
      this.#log.error({ err, handler: name }, "peer network handler threw");
    }
  }

  #ping(intervalMs: number): void {
    const now = Date.now();
    for (const conn of this.#peers.values()) {
      if (now - conn.lastReceivedAt > 3 * intervalMs) {
        this.#refuse(
          conn.identity.name,
          "PEER_SILENT",
          `nothing received for ${now - conn.lastReceivedAt} ms`,
          conn,
          true,
        );
      } else {
        conn.send({ kind: "PING" });
      }
    }
  }
}

function add(r: Record<string, number>, key: string, n: number): void {
  r[key] = (r[key] ?? 0) + n;
}

const REVOKED_ON_CHAIN_REASON = "certificate is revoked in the identity registry";

function short(id: string): string {
  return id.slice(0, 12);
}

function identityOf(peer: VerifySuccess): PeerIdentity {
  const i = peer.identity;
  const validator = i.type === "node" ? i.validatorAddress : undefined;
  return {
    id: i.fingerprint,
    name: i.commonName ?? i.subject,
    ...(validator !== undefined ? { validatorAddress: validator.toLowerCase() as `0x${string}` } : {}),
  };
}

function summaryOf(c: PeerConnection): PeerSummary {
  const listen = c.hello?.listenAddress;
  return {
    id: c.identity.id,
    name: c.identity.name,
    ...(c.identity.validatorAddress !== undefined ? { validatorAddress: c.identity.validatorAddress } : {}),
    remoteAddress: c.remoteAddress,
    ...(listen ? { listenAddress: listen } : {}),
    direction: c.direction,
    headHeight: c.headHeight,
    headHash: toHex(c.headHash),
    connectedAt: c.connectedAt,
    neighbours: c.neighbours,
    protocolVersion: c.version,
  };
}

/** Fingerprint of our own leaf certificate (the first in the PEM chain). */
function ownFingerprint(identity: TlsIdentity): string {
  const leaf = new X509Certificate(identity.cert);
  return leaf.fingerprint256.replaceAll(":", "").toLowerCase();
}
