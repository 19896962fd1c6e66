import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import { keccak256 } from "../../../src/crypto/nativeCrypto.ts";
import { orderedTrieRoot } from "../../../src/trie/orderedTrieRoot.ts";

// Deterministic pseudo-random bytes, so a failure names a reproducible case.
function bytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function referenceRoot(values: Uint8Array[]): Promise<string> {
  const trie = new MerklePatriciaTrie();
  for (let i = 0; i < values.length; i++) await trie.put(RLP.encode(i), values[i]!);
  return Buffer.from(trie.root()).toString("hex");
}

describe("orderedTrieRoot", () => {
  it("equals @ethereumjs/mpt's root for counts around every RLP and nibble boundary", async () => {
    // 0x7f/0x80 and 0xff/0x100 change the key's RLP length; 16 and 17 fill a branch.
    for (const count of [0, 1, 2, 3, 15, 16, 17, 127, 128, 129, 255, 256, 257, 600]) {
      for (const maxLength of [1, 8, 31, 32, 120]) {
        const values = Array.from({ length: count }, (_, i) =>
          bytes(count * 1000 + i, 1 + ((i * 7) % maxLength)),
        );
        assert.equal(
          Buffer.from(orderedTrieRoot(values, keccak256)).toString("hex"),
          await referenceRoot(values),
          `count ${count}, value length up to ${maxLength}`,
        );
      }
    }
  });

  it("changes when any value changes", () => {
    const values = Array.from({ length: 40 }, (_, i) => bytes(i, 50));
    const root = Buffer.from(orderedTrieRoot(values, keccak256)).toString("hex");
    values[23] = bytes(999, 50);
    assert.notEqual(Buffer.from(orderedTrieRoot(values, keccak256)).toString("hex"), root);
  });
});
