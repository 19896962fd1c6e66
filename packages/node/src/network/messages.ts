/*
 * The messages of the peer-to-peer protocol. Every payload is one RLP list; integers are RLP
 * scalars (big-endian, no leading zero), hashes 32 bytes, text UTF-8. Decoding is strict: a
 * payload that does not match its message's shape, or a list longer than its bound, is refused
 * with a {@link ProtocolError} naming the message and the field.
 */
import { RLP } from "@ethereumjs/rlp";
import { ProtocolError } from "./protocolError.ts";

/**
 * The newest version of this protocol that this node speaks, sent in its HELLO. A connection
 * speaks the lower of the two peers' versions, so that a network can be upgraded one node at a
 * time: a newer node speaks down to an older one, an older one accepts a newer one's HELLO.
 * 2 added NEIGHBOURS.
 */
export const PROTOCOL_VERSION = 2;
/** The oldest version this node still speaks; a peer whose newest version is older is refused at HELLO. */
export const MIN_PROTOCOL_VERSION = 1;
/** Most transactions in one TRANSACTIONS message. */
export const MAX_TRANSACTIONS_PER_MESSAGE = 1024;
/** Most blocks one GET_BLOCKS may ask for (and one BLOCKS may carry). */
export const MAX_BLOCKS_PER_REQUEST = 128;
/** Most addresses in one PEERS message. */
export const MAX_ADDRESSES_PER_MESSAGE = 64;
/** Most peer ids in one NEIGHBOURS message. */
export const MAX_NEIGHBOURS_PER_MESSAGE = 256;
/** Longest "host:port" accepted. */
export const MAX_ADDRESS_LENGTH = 262;
const MAX_REASON_BYTES = 1024;

/** Type byte of each message. */
export const MESSAGE_TYPES = {
  HELLO: 0x00,
  DISCONNECT: 0x01,
  PING: 0x02,
  PONG: 0x03,
  STATUS: 0x04,
  PEERS: 0x05,
  NEIGHBOURS: 0x06,
  CONSENSUS: 0x10,
  TRANSACTIONS: 0x11,
  GET_BLOCKS: 0x12,
  BLOCKS: 0x13,
} as const;

export type MessageName = keyof typeof MESSAGE_TYPES;

/** The protocol version that introduced each message added after version 1. */
const INTRODUCED_IN: Partial<Record<MessageName, number>> = { NEIGHBOURS: 2 };

/**
 * The version a connection speaks when the peer's newest is `peerVersion`, or undefined when the
 * two have none in common (the peer's newest is older than MIN_PROTOCOL_VERSION).
 */
export function sharedProtocolVersion(peerVersion: number): number | undefined {
  return peerVersion < MIN_PROTOCOL_VERSION ? undefined : Math.min(peerVersion, PROTOCOL_VERSION);
}

/** Whether `name` is part of protocol `version`: a message is neither sent nor accepted on a connection whose version lacks it. */
export function isInProtocolVersion(name: MessageName, version: number): boolean {
  return (INTRODUCED_IN[name] ?? MIN_PROTOCOL_VERSION) <= version;
}

const NAME_OF_TYPE = new Map<number, MessageName>(
  Object.entries(MESSAGE_TYPES).map(([name, type]) => [type, name as MessageName]),
);

/** The name of a type byte, or undefined when no message has it. */
export function messageNameOf(type: number): MessageName | undefined {
  return NAME_OF_TYPE.get(type);
}

export interface HelloMessage {
  readonly kind: "HELLO";
  readonly version: number;
  readonly chainId: bigint;
  readonly genesisHash: Uint8Array;
  /** "host:port" the sender accepts connections on ("" when it does not say). */
  readonly listenAddress: string;
  readonly headHeight: number;
  readonly headHash: Uint8Array;
}

export type Message =
  | HelloMessage
  | { readonly kind: "DISCONNECT"; readonly code: string; readonly reason: string }
  | { readonly kind: "PING" }
  | { readonly kind: "PONG" }
  | { readonly kind: "STATUS"; readonly height: number; readonly hash: Uint8Array }
  | { readonly kind: "PEERS"; readonly addresses: readonly string[] }
  /** The ids (certificate fingerprints, lowercase hex) of every peer the sender is connected to now. */
  | { readonly kind: "NEIGHBOURS"; readonly ids: readonly string[] }
  | { readonly kind: "CONSENSUS"; readonly code: number; readonly data: Uint8Array }
  | { readonly kind: "TRANSACTIONS"; readonly transactions: readonly Uint8Array[] }
  | { readonly kind: "GET_BLOCKS"; readonly requestId: number; readonly from: number; readonly count: number }
  | { readonly kind: "BLOCKS"; readonly requestId: number; readonly blocks: readonly Uint8Array[] };

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/** Encodes a message: its type byte and RLP payload. */
export function encodeMessage(m: Message): { type: number; payload: Uint8Array } {
  return { type: MESSAGE_TYPES[m.kind], payload: RLP.encode(fieldsOf(m)) };
}

function fieldsOf(m: Message): RlpItem[] {
  switch (m.kind) {
    case "HELLO":
      return [m.version, m.chainId, m.genesisHash, utf8.encode(m.listenAddress), m.headHeight, m.headHash];
    case "DISCONNECT":
      return [utf8.encode(m.code), utf8.encode(m.reason.slice(0, MAX_REASON_BYTES / 4))];
    case "PING":
    case "PONG":
      return [];
    case "STATUS":
      return [m.height, m.hash];
    case "PEERS":
      return [m.addresses.map((a) => utf8.encode(a))];
    case "NEIGHBOURS":
      return [m.ids.map((id) => hexToBytes32(id))];
    case "CONSENSUS":
      return [m.code, m.data];
    case "TRANSACTIONS":
      return [[...m.transactions]];
    case "GET_BLOCKS":
      return [m.requestId, m.from, m.count];
    case "BLOCKS":
      return [m.requestId, [...m.blocks]];
  }
}

type RlpItem = number | bigint | Uint8Array | RlpItem[];
type Decoded = Uint8Array | Decoded[];

/** Decodes the payload of a frame of the given type. Throws {@link ProtocolError}. */
export function decodeMessage(type: number, payload: Uint8Array): Message {
  const name = messageNameOf(type);
  if (name === undefined) {
    throw new ProtocolError(
      "UNKNOWN_MESSAGE_TYPE",
      `unknown message type 0x${type.toString(16).padStart(2, "0")}`,
    );
  }
  let decoded: Decoded;
  try {
    decoded = RLP.decode(payload) as Decoded;
  } catch (err) {
    throw new ProtocolError(
      "MALFORMED_MESSAGE",
      `${name}: payload is not valid RLP (${(err as Error).message})`,
    );
  }
  const f = new Fields(name, decoded);
  switch (name) {
    case "HELLO":
      return f.done({
        kind: name,
        version: f.int(0, "version"),
        chainId: f.bigint(1, "chainId"),
        genesisHash: f.hash(2, "genesisHash"),
        listenAddress: f.text(3, "listenAddress", MAX_ADDRESS_LENGTH),
        headHeight: f.int(4, "headHeight"),
        headHash: f.hash(5, "headHash"),
      });
    case "DISCONNECT":
      return f.done({
        kind: name,
        code: f.text(0, "code", 64),
        reason: f.text(1, "reason", MAX_REASON_BYTES),
      });
    case "PING":
    case "PONG":
      return f.done({ kind: name });
    case "STATUS":
      return f.done({ kind: name, height: f.int(0, "height"), hash: f.hash(1, "hash") });
    case "PEERS":
      return f.done({
        kind: name,
        addresses: f
          .list(0, "addresses", MAX_ADDRESSES_PER_MESSAGE)
          .map((a, i) => textOf(name, `addresses[${i}]`, a, MAX_ADDRESS_LENGTH)),
      });
    case "NEIGHBOURS":
      return f.done({
        kind: name,
        ids: f.list(0, "ids", MAX_NEIGHBOURS_PER_MESSAGE).map((id, i) => hexOf(name, `ids[${i}]`, id)),
      });
    case "CONSENSUS": {
      const code = f.int(0, "code");
      if (code > 0xff) throw f.error(`code ${code} is not a byte`);
      return f.done({ kind: name, code, data: f.bytes(1, "data") });
    }
    case "TRANSACTIONS":
      return f.done({
        kind: name,
        transactions: f
          .list(0, "transactions", MAX_TRANSACTIONS_PER_MESSAGE)
          .map((t, i) => bytesOf(name, `transactions[${i}]`, t)),
      });
    case "GET_BLOCKS": {
      const count = f.int(2, "count");
      if (count < 1 || count > MAX_BLOCKS_PER_REQUEST) {
        throw f.error(`count ${count} is outside 1..${MAX_BLOCKS_PER_REQUEST}`);
      }
      return f.done({ kind: name, requestId: f.int(0, "requestId"), from: f.int(1, "from"), count });
    }
    case "BLOCKS":
      return f.done({
        kind: name,
        requestId: f.int(0, "requestId"),
        blocks: f.list(1, "blocks", MAX_BLOCKS_PER_REQUEST).map((b, i) => bytesOf(name, `blocks[${i}]`, b)),
      });
  }
}

function malformed(name: MessageName, message: string): ProtocolError {
  return new ProtocolError("MALFORMED_MESSAGE", `${name}: ${message}`);
}

function bytesOf(name: MessageName, field: string, item: Decoded | undefined): Uint8Array {
  if (!(item instanceof Uint8Array)) throw malformed(name, `${field} must be a byte string`);
  return item;
}

/** A 32-byte item as lowercase hex (a peer id). */
function hexOf(name: MessageName, field: string, item: Decoded | undefined): string {
  const b = bytesOf(name, field, item);
  if (b.length !== 32) throw malformed(name, `${field} must be 32 bytes, got ${b.length}`);
  return Buffer.from(b).toString("hex");
}

/** A peer id (64 hex digits) as its 32 bytes; anything else is a programming error. */
function hexToBytes32(id: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(id)) throw new RangeError(`peer id must be 64 lowercase hex digits, got ${id}`);
  return Buffer.from(id, "hex");
}

function textOf(name: MessageName, field: string, item: Decoded | undefined, maxBytes: number): string {
  const b = bytesOf(name, field, item);
  if (b.length > maxBytes) throw malformed(name, `${field} is longer than ${maxBytes} bytes`);
  try {
    return utf8Strict.decode(b);
  } catch {
    throw malformed(name, `${field} is not UTF-8`);
  }
}

/** Reads the fields of one message's RLP list, refusing anything off its shape. */
class Fields {
  readonly #name: MessageName;
  readonly #items: Decoded[];
  #expected = 0;

  constructor(name: MessageName, decoded: Decoded) {
    this.#name = name;
    if (!Array.isArray(decoded)) throw malformed(name, "payload must be an RLP list");
    this.#items = decoded;
  }

  error(message: string): ProtocolError {
    return malformed(this.#name, message);
  }

  #at(i: number): Decoded | undefined {
    this.#expected = Math.max(this.#expected, i + 1);
    return this.#items[i];
  }

  bytes(i: number, field: string): Uint8Array {
    return bytesOf(this.#name, field, this.#at(i));
  }

  text(i: number, field: string, maxBytes: number): string {
    return textOf(this.#name, field, this.#at(i), maxBytes);
  }

  hash(i: number, field: string): Uint8Array {
    const b = this.bytes(i, field);
    if (b.length !== 32) throw this.error(`${field} must be 32 bytes, got ${b.length}`);
    return b;
  }

  /** A non-negative integer below 2^48 (block numbers, request ids, codes). */
  int(i: number, field: string): number {
    const b = this.bytes(i, field);
    if (b.length > 6) throw this.error(`${field} is too large`);
    return Number(this.#scalar(b, field));
  }

  bigint(i: number, field: string): bigint {
    const b = this.bytes(i, field);
    if (b.length > 32) throw this.error(`${field} is too large`);
    return this.#scalar(b, field);
  }

  #scalar(b: Uint8Array, field: string): bigint {
    if (b.length > 0 && b[0] === 0) throw this.error(`${field} has a leading zero byte`);
    let v = 0n;
    for (const x of b) v = (v << 8n) | BigInt(x);
    return v;
  }

  list(i: number, field: string, maxItems: number): Decoded[] {
    const item = this.#at(i);
    if (!Array.isArray(item)) throw this.error(`${field} must be a list`);
    if (item.length > maxItems)
      throw this.error(`${field} has ${item.length} entries, more than ${maxItems}`);
    return item;
  }

  /** Returns the message once every field was read and no extra field is present. */
  done<T>(message: T): T {
    if (this.#items.length !== this.#expected) {
      throw this.error(`expected ${this.#expected} fields, got ${this.#items.length}`);
    }
    return message;
  }
}
