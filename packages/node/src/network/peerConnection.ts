import type { TLSSocket } from "node:tls";
import { encodeFrame, type Frame, FrameDecoder } from "./framing.ts";
import {
  encodeMessage,
  type HelloMessage,
  isInProtocolVersion,
  type Message,
  type MessageName,
  MIN_PROTOCOL_VERSION,
  sharedProtocolVersion,
} from "./messages.ts";
import { ProtocolError } from "./protocolError.ts";

/** Who is at the other end, from its verified certificate. */
export interface PeerIdentity {
  /** SHA-256 fingerprint of the leaf certificate, lowercase hex. */
  readonly id: string;
  /** The certificate subject's CN. */
  readonly name: string;
  readonly validatorAddress?: `0x${string}`;
}

/**
 * Outbound priority: consensus, sync and control traffic is "high"; transaction gossip is "low",
 * sent only when no high message waits, and dropped first when the peer does not keep up.
 */
export type Priority = "high" | "low";

/** How a connection reports to the network that owns it. */
export interface ConnectionHooks {
  /**
   * A complete frame arrived. Not called once the connection is closing, except on one that is
   * retired: there it is called until the peer closes its side (`closed` is then already true).
   */
  frame(conn: PeerConnection, frame: Frame): void;
  /** The byte stream could not be framed (the connection closes right after). */
  framingError(conn: PeerConnection, code: string, reason: string): void;
  /** The connection is gone; called exactly once, with the first reason. */
  closed(conn: PeerConnection, code: string, reason: string): void;
  /** A message was handed to the socket. */
  sent(conn: PeerConnection, name: MessageName, bytes: number): void;
  /** A low-priority message was dropped because the peer's queue is full. */
  dropped(conn: PeerConnection, name: MessageName): void;
}

export interface PeerConnectionOptions {
  readonly direction: "inbound" | "outbound";
  readonly identity: PeerIdentity;
  /** The "host:port" that was dialled (outbound only). */
  readonly dialAddress?: string;
  readonly maxMessageBytes: number;
  readonly maxQueuedBytes: number;
  readonly hooks: ConnectionHooks;
}

interface QueuedFrame {
  readonly name: MessageName;
  readonly bytes: Buffer;
}

/** A GET_BLOCKS a caller awaits: what it asks for and how to settle it. */
export interface BlockRequest {
  readonly from: number;
  readonly count: number;
  resolve(blocks: Uint8Array[]): void;
  reject(err: Error): void;
}

/** A GET_BLOCKS sent on a connection and not yet answered. */
export interface PendingRequest extends BlockRequest {
  readonly timer: NodeJS.Timeout;
}

const ZERO_HASH = new Uint8Array(32);
// After DISCONNECT is written, how long the peer gets to close before the socket is destroyed.
const CLOSE_GRACE_MS = 2_000;

/**
 * One verified TLS connection to a peer: framing in, a two-level priority queue out (respecting
 * `write()` returning false and waiting for 'drain'), and the state the network keeps per peer.
 */
export class PeerConnection {
  readonly socket: TLSSocket;
  readonly direction: "inbound" | "outbound";
  readonly identity: PeerIdentity;
  readonly dialAddress: string | undefined;
  readonly remoteAddress: string;
  readonly connectedAt = Date.now();
  /** The peer's HELLO, once received (and accepted: a HELLO with no version in common is refused). */
  hello: HelloMessage | undefined;
  /** Whether the network counts this connection as the peer's (HELLO exchanged, not a duplicate). */
  registered = false;
  headHeight = 0;
  headHash: Uint8Array = ZERO_HASH;
  /** The ids of the peers this peer last said (NEIGHBOURS) it is connected to, as it sent them. */
  neighbours: readonly string[] = [];
  lastReceivedAt = Date.now();
  /** When a dropped CONSENSUS from this peer was last logged. */
  lastConsensusDropLogAt = Number.NEGATIVE_INFINITY;
  readonly pending = new Map<number, PendingRequest>();
  /** Timer that closes the connection if HELLO does not arrive in time. */
  helloTimer: NodeJS.Timeout | undefined;
  readonly #hooks: ConnectionHooks;
  readonly #decoder: FrameDecoder;
  readonly #maxQueuedBytes: number;
  #nextRequestId = 1;
  #high: QueuedFrame[] = [];
  #low: QueuedFrame[] = [];
  #queuedBytes = 0;
  #waitingDrain = false;
  #closed = false;
  /** Retired: closed for this node, yet the peer's frames are still read until it closes. */
  #draining = false;
  #graceTimer: NodeJS.Timeout | undefined;

  constructor(socket: TLSSocket, o: PeerConnectionOptions) {
    this.socket = socket;
    this.direction = o.direction;
    this.identity = o.identity;
    this.dialAddress = o.dialAddress;
    this.remoteAddress = formatAddress(socket.remoteAddress ?? "unknown", socket.remotePort ?? 0);
    this.#hooks = o.hooks;
    this.#maxQueuedBytes = o.maxQueuedBytes;
    this.#decoder = new FrameDecoder(o.maxMessageBytes);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    socket.on("drain", () => {
      this.#waitingDrain = false;
      this.#flush();
    });
    // Kept for the socket's whole life: a late error must never become an uncaught exception.
    socket.on("error", (err: Error) => this.#terminate("SOCKET_ERROR", err.message));
    socket.on("close", () => {
      if (this.#graceTimer !== undefined) clearTimeout(this.#graceTimer);
      this.#terminate("CONNECTION_CLOSED", "the connection was closed by the peer");
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Bytes waiting to be sent: our queue plus what the socket still buffers. */
  get queuedBytes(): number {
    return this.#queuedBytes + this.socket.writableLength;
  }

  /** A fresh request id for GET_BLOCKS. */
  nextRequestId(): number {
    const id = this.#nextRequestId;
    this.#nextRequestId = id >= 2 ** 48 - 1 ? 1 : id + 1;
    return id;
  }

  /**
   * The protocol version this connection speaks: the lower of the two HELLOs' versions, once the
   * peer's has come; until then only what every version has (HELLO, DISCONNECT).
   */
  get version(): number {
    return (this.hello && sharedProtocolVersion(this.hello.version)) ?? MIN_PROTOCOL_VERSION;
  }

  /**
   * Queues a message. A low-priority message that does not fit is dropped; a high-priority one
   * first evicts queued low-priority messages, and if it still does not fit the peer is
   * disconnected (it is not reading even consensus and sync traffic). A message that is not part
   * of the connection's protocol version (an older peer would refuse it) is not sent. Returns
   * whether queued.
   */
  send(m: Message, priority: Priority = "high"): boolean {
    if (this.#closed || !isInProtocolVersion(m.kind, this.version)) return false;
    const { type, payload } = encodeMessage(m);
    const frame: QueuedFrame = { name: m.kind, bytes: encodeFrame(type, payload) };
    const size = frame.bytes.length;
    if (priority === "low") {
      if (this.queuedBytes + size > this.#maxQueuedBytes) {
        this.#hooks.dropped(this, m.kind);
        return false;
      }
      this.#low.push(frame);
    } else {
      while (this.queuedBytes + size > this.#maxQueuedBytes && this.#low.length > 0) {
        const evicted = this.#low.shift()!;
        this.#queuedBytes -= evicted.bytes.length;
        this.#hooks.dropped(this, evicted.name);
      }
      if (this.queuedBytes + size > this.#maxQueuedBytes) {
        this.close(
          "QUEUE_OVERFLOW",
          `outbound queue would exceed ${this.#maxQueuedBytes} bytes of consensus and sync traffic: the peer is not reading`,
        );
        return false;
      }
      this.#high.push(frame);
    }
    this.#queuedBytes += size;
    this.#flush();
    return true;
  }

  /** Writes queued frames, high priority first, until the socket pushes back (unless `past`). */
  #flush(past = false): void {
    while ((past || !this.#waitingDrain) && !this.#closed) {
      const next = this.#high.shift() ?? this.#low.shift();
      if (next === undefined) return;
      this.#queuedBytes -= next.bytes.length;
      this.#hooks.sent(this, next.name, next.bytes.length);
      if (!this.socket.write(next.bytes)) this.#waitingDrain = true;
    }
  }

  /** Whether the peer's frames are still read: until closed, or until a retired one's peer closes. */
  get #reading(): boolean {
    return !this.#closed || this.#draining;
  }

  #onData(chunk: Buffer): void {
    if (!this.#reading) return;
    this.lastReceivedAt = Date.now();
    let frames: Frame[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : "MALFORMED_FRAME";
      const reason = (err as Error).message;
      this.#hooks.framingError(this, code, reason);
      this.close(code, reason);
      return;
    }
    for (const frame of frames) {
      if (!this.#reading) return;
      this.#hooks.frame(this, frame);
    }
  }

  /**
   * Closes the connection: tells the peer why (DISCONNECT, unless `notify` is false), ends the
   * TLS stream and destroys the socket if the peer has not closed within a short grace period.
   */
  close(code: string, reason: string, notify = true): void {
    if (this.#closed) {
      // A retired connection whose peer misbehaves is not read any further.
      if (this.#draining) this.socket.destroy();
      return;
    }
    if (!this.#draining) this.socket.pause();
    if (notify && this.socket.writable) {
      const { type, payload } = encodeMessage({ kind: "DISCONNECT", code, reason });
      const bytes = encodeFrame(type, payload);
      this.#hooks.sent(this, "DISCONNECT", bytes.length);
      // Written past the queue: what is still queued will not be sent anyway.
      this.socket.end(bytes);
    } else {
      this.socket.end();
    }
    this.#graceTimer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    this.#graceTimer.unref();
    this.#terminate(code, reason);
  }

  /**
   * Closes a connection that another one to the same peer replaces, so that nothing either side
   * sent on it before it learnt of the swap is lost: what is still queued is written, then
   * DISCONNECT (unless `notify` is false: the peer said it first), and the peer's frames are still
   * read and handed on until it closes its side, or the grace period ends.
   */
  retire(code: string, reason: string, notify = true): void {
    if (this.#closed) return;
    if (this.socket.writable) this.#flush(true);
    this.#draining = true;
    this.close(code, reason, notify);
  }

  /** Destroys the socket at once (network shutdown). */
  destroy(code: string, reason: string): void {
    this.#terminate(code, reason);
    if (this.#graceTimer !== undefined) clearTimeout(this.#graceTimer);
    this.socket.destroy();
  }

  #terminate(code: string, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#high = [];
    this.#low = [];
    this.#queuedBytes = 0;
    if (this.helloTimer !== undefined) clearTimeout(this.helloTimer);
    this.#hooks.closed(this, code, reason);
  }
}

/** "ip:port", with IPv6 addresses in brackets. */
export function formatAddress(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Splits "host:port" (or "[v6]:port"); undefined when it is not one. */
export function parseAddress(address: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(address);
  if (m === null) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65_535) return undefined;
  return { host: m[1] ?? m[2]!, port };
}
