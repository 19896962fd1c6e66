/** An RLP item of a trie node: a byte string, or a list (an embedded node, itself possibly nesting one). */
export type NodeItem = Uint8Array | readonly NodeItem[];

/**
 * The RLP encoding of a trie node's items, byte for byte what `RLP.encode(items)` gives: the length
 * is computed first and the node written into one buffer, without the intermediate arrays and
 * concatenations of a generic encoder (the flush of a block encodes thousands of branch nodes).
 */
export function encodeTrieNode(items: readonly NodeItem[]): Uint8Array {
  const payload = listPayloadLength(items);
  const out = new Uint8Array(headerLength(payload) + payload);
  writeList(out, 0, items, payload);
  return out;
}

/** Bytes that a length takes in big-endian form, none of them a leading zero. */
function lengthOfLength(n: number): number {
  let bytes = 1;
  while (n >= 0x100) {
    n = Math.floor(n / 0x100);
    bytes++;
  }
  return bytes;
}

/** Bytes of the header before a payload of `n` bytes (the same for strings and lists). */
function headerLength(n: number): number {
  return n <= 55 ? 1 : 1 + lengthOfLength(n);
}

function itemLength(item: NodeItem): number {
  if (item instanceof Uint8Array) {
    const n = item.length;
    // A single byte below 0x80 is its own encoding.
    if (n === 1 && item[0]! < 0x80) return 1;
    return headerLength(n) + n;
  }
  const payload = listPayloadLength(item);
  return headerLength(payload) + payload;
}

function listPayloadLength(items: readonly NodeItem[]): number {
  let total = 0;
  for (let i = 0; i < items.length; i++) total += itemLength(items[i]!);
  return total;
}

/** Writes the header of a payload of `n` bytes at `pos`; `short` is 0x80 for strings, 0xc0 for lists. */
function writeHeader(out: Uint8Array, pos: number, n: number, short: number): number {
  if (n <= 55) {
    out[pos] = short + n;
    return pos + 1;
  }
  const bytes = lengthOfLength(n);
  out[pos] = short + 55 + bytes;
  for (let i = bytes; i >= 1; i--) {
    out[pos + i] = n % 0x100;
    n = Math.floor(n / 0x100);
  }
  return pos + 1 + bytes;
}

function writeList(out: Uint8Array, pos: number, items: readonly NodeItem[], payload: number): number {
  pos = writeHeader(out, pos, payload, 0xc0);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item instanceof Uint8Array) {
      const n = item.length;
      if (n === 1 && item[0]! < 0x80) {
        out[pos++] = item[0]!;
        continue;
      }
      pos = writeHeader(out, pos, n, 0x80);
      out.set(item, pos);
      pos += n;
    } else {
      pos = writeList(out, pos, item, listPayloadLength(item));
    }
  }
  return pos;
}
