/*
 * Wire framing of the peer-to-peer transport: a 4-byte big-endian length, then one type byte,
 * then the payload. The length counts the type byte and the payload, so a frame occupies
 * 4 + length bytes on the wire. A length above the configured bound is refused before any of
 * the frame is buffered.
 */
import { ProtocolError } from "./protocolError.ts";

/** Bytes of the length prefix. */
export const FRAME_LENGTH_BYTES = 4;

/** One frame read off the wire. */
export interface Frame {
  readonly type: number;
  readonly payload: Uint8Array;
  /** Bytes the frame took on the wire (prefix included). */
  readonly wireBytes: number;
}

/** Encodes one frame (length prefix, type byte, payload) into a single buffer. */
export function encodeFrame(type: number, payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_LENGTH_BYTES + 1 + payload.length);
  frame.writeUInt32BE(payload.length + 1, 0);
  frame[FRAME_LENGTH_BYTES] = type;
  frame.set(payload, FRAME_LENGTH_BYTES + 1);
  return frame;
}

/**
 * Splits a byte stream into frames. Chunks are kept as they arrive and joined once per frame,
 * so a large frame delivered in many small chunks is copied once, not once per chunk.
 */
export class FrameDecoder {
  readonly maxFrameBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** Length of the frame being read, once its prefix has arrived. */
  #expected: number | undefined;

  /** `maxFrameBytes` bounds the length field (type byte plus payload). */
  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Bytes received but not yet returned as frames. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Adds received bytes; returns the frames they complete. Throws {@link ProtocolError} on a bad length. */
  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const frames: Frame[] = [];
    for (;;) {
      if (this.#expected === undefined) {
        if (this.#buffered < FRAME_LENGTH_BYTES) break;
        const length = this.#take(FRAME_LENGTH_BYTES).readUInt32BE(0);
        if (length === 0) throw new ProtocolError("FRAME_EMPTY", "a frame of length 0 has no type byte");
        if (length > this.maxFrameBytes) {
          throw new ProtocolError(
            "FRAME_TOO_LARGE",
            `a frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes} bytes`,
          );
        }
        this.#expected = length;
      }
      if (this.#buffered < this.#expected) break;
      const body = this.#take(this.#expected);
      frames.push({
        type: body[0]!,
        // A plain Uint8Array view (not a Buffer): what decoding hands on is ordinary bytes.
        payload: new Uint8Array(body.buffer, body.byteOffset + 1, body.length - 1),
        wireBytes: FRAME_LENGTH_BYTES + this.#expected,
      });
      this.#expected = undefined;
    }
    return frames;
  }

  #take(n: number): Buffer {
    const first = this.#chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.#chunks[0]!;
        const used = Math.min(c.length, n - filled);
        c.copy(out, filled, 0, used);
        filled += used;
        if (used === c.length) this.#chunks.shift();
        else this.#chunks[0] = c.subarray(used);
      }
    }
    this.#buffered -= n;
    return out;
  }
}
