import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RLP } from "@ethereumjs/rlp";
import { hexPrefix } from "../../../src/trie/nibbles.ts";
import { encodeTrieNode, type NodeItem } from "../../../src/trie/nodeEncoding.ts";
import { seededRandom } from "../helpers.ts";

// A seeded generator, so a failing case is reproducible from its index.
function generator(seed: number): (below: number) => number {
  const next = seededRandom(seed);
  return (below) => Math.floor(next() * below);
}

type Random = ReturnType<typeof generator>;

function bytes(random: Random, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = random(256);
  return out;
}

/** A value of 0..100 bytes, with single bytes on either side of 0x80 and lengths around 55 well represented. */
function value(random: Random): Uint8Array {
  switch (random(6)) {
    case 0:
      return Uint8Array.of(random(0x80));
    case 1:
      return Uint8Array.of(0x80 + random(0x80));
    case 2:
      return bytes(random, 54 + random(4));
    default:
      return bytes(random, random(101));
  }
}

function path(random: Random, leaf: boolean): Uint8Array {
  const nibbles = Array.from({ length: random(65) }, () => random(16));
  if (!leaf && nibbles.length === 0) nibbles.push(random(16));
  return hexPrefix(nibbles, leaf);
}

/** A short node as it sits embedded in its parent: a leaf, or at depth 0 possibly a branch holding one. */
function embedded(random: Random, depth: number): NodeItem[] {
  if (depth === 0 && random(3) === 0) {
    const children: NodeItem[] = Array.from({ length: 16 }, () => new Uint8Array(0));
    children[random(16)] = embedded(random, depth + 1);
    return [...children, random(2) ? Uint8Array.of(random(0x80)) : new Uint8Array(0)];
  }
  return [hexPrefix([random(16), random(16), random(16)].slice(random(3)), true), Uint8Array.of(random(256))];
}

function child(random: Random): NodeItem {
  switch (random(4)) {
    case 0:
      return new Uint8Array(0);
    case 1:
      return embedded(random, 0);
    default:
      return bytes(random, 32);
  }
}

function node(random: Random): NodeItem[] {
  switch (random(3)) {
    case 0:
      return [
        ...Array.from({ length: 16 }, () => child(random)),
        random(3) === 0 ? new Uint8Array(0) : value(random),
      ];
    case 1:
      return [path(random, true), value(random)];
    default:
      return [path(random, false), child(random)];
  }
}

function assertSameAsRlp(items: NodeItem[], label: string): void {
  const expected = RLP.encode(items as Uint8Array[]);
  const actual = encodeTrieNode(items);
  assert.equal(Buffer.from(actual).toString("hex"), Buffer.from(expected).toString("hex"), label);
}

describe("encodeTrieNode", () => {
  it("matches RLP.encode on random branches, leaves and extensions", () => {
    for (let i = 0; i < 5000; i++) assertSameAsRlp(node(generator(i + 1)), `node of seed ${i + 1}`);
  });

  it("matches RLP.encode at every header boundary", () => {
    const hashes = (n: number) => Array.from({ length: n }, (_, i) => bytes(generator(i + 7), 32));
    const cases: [string, NodeItem[]][] = [
      ["empty list", []],
      ["branch with no children", Array.from({ length: 17 }, () => new Uint8Array(0))],
      // 16 hashes: a payload above 255 bytes, so a two-byte list length.
      ["branch of 16 hashes", [...hashes(16), new Uint8Array(0)]],
      ["branch of 16 hashes and a value", [...hashes(16), bytes(generator(3), 90)]],
      ["byte 0x00", [new Uint8Array(2), Uint8Array.of(0)]],
      ["byte 0x7f", [new Uint8Array(2), Uint8Array.of(0x7f)]],
      ["byte 0x80", [new Uint8Array(2), Uint8Array.of(0x80)]],
      ["byte 0xff", [new Uint8Array(2), Uint8Array.of(0xff)]],
    ];
    for (const length of [55, 56, 255, 256, 65_535, 65_536, 70_000]) {
      cases.push([
        `leaf with a ${length}-byte value`,
        [hexPrefix([1, 2, 3], true), bytes(generator(length), length)],
      ]);
    }
    // Lists whose payloads are 55 and 56 bytes: one 54- or 55-byte string after its 1-byte header.
    for (const length of [54, 55])
      cases.push([`list of a ${length + 1}-byte payload`, [bytes(generator(5), length)]]);
    for (const [label, items] of cases) assertSameAsRlp(items, label);
  });

  it("encodes an item that a larger buffer views, without its neighbours", () => {
    const backing = bytes(generator(11), 200);
    assertSameAsRlp([backing.subarray(10, 42), Buffer.from(backing.buffer, 50, 70)], "subarray items");
  });
});
