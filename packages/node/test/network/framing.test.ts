// Framing and message codecs of the transport: frames split across any chunking, bounds, and
// strict decoding of every message type.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RLP } from "@ethereumjs/rlp";
import { Backoff } from "../../src/network/backoff.ts";
import { encodeFrame, FrameDecoder } from "../../src/network/framing.ts";
import {
  decodeMessage,
  encodeMessage,
  MAX_NEIGHBOURS_PER_MESSAGE,
  MAX_TRANSACTIONS_PER_MESSAGE,
  MESSAGE_TYPES,
  type Message,
} from "../../src/network/messages.ts";
import { ProtocolError } from "../../src/network/protocolError.ts";

const hash = (b: number): Uint8Array => new Uint8Array(32).fill(b);

const SAMPLES: Message[] = [
  {
    kind: "HELLO",
    version: 1,
    chainId: 2n ** 70n + 5n,
    genesisHash: hash(1),
    listenAddress: "[::1]:30303",
    headHeight: 2 ** 40,
    headHash: hash(2),
  },
  { kind: "DISCONNECT", code: "GENESIS_MISMATCH", reason: "different networks" },
  { kind: "PING" },
  { kind: "PONG" },
  { kind: "STATUS", height: 0, hash: hash(3) },
  { kind: "PEERS", addresses: ["10.0.0.1:30303", "v2.civitas.example:4000"] },
  { kind: "NEIGHBOURS", ids: ["ab".repeat(32), "0f".repeat(32)] },
  { kind: "NEIGHBOURS", ids: [] },
  { kind: "CONSENSUS", code: 0x13, data: new Uint8Array([0xf8, 0x01, 0x00]) },
  { kind: "TRANSACTIONS", transactions: [new Uint8Array([2, 0xf8]), new Uint8Array(0)] },
  { kind: "GET_BLOCKS", requestId: 9, from: 1_000_000, count: 128 },
  { kind: "BLOCKS", requestId: 9, blocks: [new Uint8Array([0xc0]), new Uint8Array(600).fill(7)] },
];

describe("frames", () => {
  test("decode the same frames whatever the chunking", () => {
    const frames = SAMPLES.map((m) => {
      const { type, payload } = encodeMessage(m);
      return encodeFrame(type, payload);
    });
    const stream = Buffer.concat(frames);
    for (const chunkSize of [1, 2, 3, 7, 64, stream.length]) {
      const decoder = new FrameDecoder(1024);
      const out = [];
      for (let i = 0; i < stream.length; i += chunkSize)
        out.push(...decoder.push(stream.subarray(i, i + chunkSize)));
      assert.deepEqual(
        out.map((f) => decodeMessage(f.type, f.payload)),
        SAMPLES,
        `chunks of ${chunkSize}`,
      );
      assert.deepEqual(
        out.map((f) => f.wireBytes),
        frames.map((f) => f.length),
      );
      assert.equal(decoder.buffered, 0);
    }
  });

  test("a length above the bound is refused as soon as the prefix arrives", () => {
    const decoder = new FrameDecoder(100);
    assert.deepEqual(decoder.push(encodeFrame(1, new Uint8Array(99))).length, 1); // length 100: allowed
    const header = Buffer.from([0, 0, 0, 101]);
    assert.throws(
      () => decoder.push(header),
      (e: unknown) =>
        e instanceof ProtocolError && e.code === "FRAME_TOO_LARGE" && /101 bytes/.test(e.message),
    );
    assert.throws(
      () => new FrameDecoder(100).push(Buffer.from([0, 0, 0, 0])),
      (e: unknown) => e instanceof ProtocolError && e.code === "FRAME_EMPTY",
    );
  });
});

describe("messages", () => {
  const malformed = (type: number, items: unknown, why: RegExp) =>
    assert.throws(
      () => decodeMessage(type, RLP.encode(items as Parameters<typeof RLP.encode>[0])),
      (e: unknown) => e instanceof ProtocolError && e.code === "MALFORMED_MESSAGE" && why.test(e.message),
    );

  test("refuse payloads off their message's shape", () => {
    malformed(MESSAGE_TYPES.STATUS, [1, hash(1), 3], /expected 2 fields, got 3/);
    malformed(MESSAGE_TYPES.STATUS, [1, new Uint8Array(31)], /hash must be 32 bytes/);
    malformed(MESSAGE_TYPES.STATUS, [new Uint8Array([0, 1]), hash(1)], /leading zero/);
    malformed(MESSAGE_TYPES.STATUS, [new Uint8Array(7).fill(1), hash(1)], /too large/);
    malformed(MESSAGE_TYPES.STATUS, new Uint8Array([1]), /must be an RLP list/);
    malformed(MESSAGE_TYPES.GET_BLOCKS, [1, 0, 129], /count 129 is outside 1\.\.128/);
    malformed(MESSAGE_TYPES.GET_BLOCKS, [1, 0, 0], /count 0/);
    malformed(MESSAGE_TYPES.CONSENSUS, [256, new Uint8Array(1)], /not a byte/);
    malformed(MESSAGE_TYPES.CONSENSUS, [[1], new Uint8Array(1)], /code must be a byte string/);
    malformed(
      MESSAGE_TYPES.TRANSACTIONS,
      [Array.from({ length: MAX_TRANSACTIONS_PER_MESSAGE + 1 }, () => new Uint8Array([1]))],
      /more than 1024/,
    );
    malformed(
      MESSAGE_TYPES.TRANSACTIONS,
      [[[new Uint8Array([1])]]],
      /transactions\[0\] must be a byte string/,
    );
    malformed(MESSAGE_TYPES.PEERS, [[new Uint8Array([0xff, 0xfe])]], /addresses\[0\] is not UTF-8/);
    malformed(MESSAGE_TYPES.NEIGHBOURS, [[hash(1), new Uint8Array(20)]], /ids\[1\] must be 32 bytes, got 20/);
    malformed(
      MESSAGE_TYPES.NEIGHBOURS,
      [Array.from({ length: MAX_NEIGHBOURS_PER_MESSAGE + 1 }, () => hash(1))],
      /ids has 257 entries, more than 256/,
    );
    assert.throws(
      () => decodeMessage(MESSAGE_TYPES.PING, new Uint8Array([0xc1])),
      (e: unknown) => e instanceof ProtocolError && /not valid RLP/.test(e.message),
    );
    assert.throws(
      () => decodeMessage(0x7f, RLP.encode([])),
      (e: unknown) =>
        e instanceof ProtocolError && e.code === "UNKNOWN_MESSAGE_TYPE" && /0x7f/.test(e.message),
    );
  });
});

describe("backoff", () => {
  test("grows exponentially within [d/2, d], caps, and resets", () => {
    const low = new Backoff(100, 1_000, () => 0);
    const high = new Backoff(100, 1_000, () => 1);
    assert.deepEqual(
      Array.from({ length: 6 }, () => low.next()),
      [50, 100, 200, 400, 500, 500],
    );
    assert.deepEqual(
      Array.from({ length: 6 }, () => high.next()),
      [100, 200, 400, 800, 1_000, 1_000],
    );
    low.reset();
    assert.equal(low.next(), 50);
    assert.throws(() => new Backoff(0, 10), RangeError);
  });
});
