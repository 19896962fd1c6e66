// Transaction gossip between in-process networks: a relay sends a transaction on only to peers
// that the peer it came from is not connected to (no copies in a full mesh), a peer two hops from
// the origin still receives it, and each node's view of its peers' connections follows them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TrustStore } from "@civitas/pki";
import { eventually, type Recorded, startRecorded } from "./support/inProcessPeer.ts";
import { createTestPki, type TestNodeCert } from "./support/testPki.ts";

let trust: TrustStore;
const certs: Record<string, TestNodeCert> = {};
const started: Recorded[] = [];

async function start(name: string, o: Parameters<typeof startRecorded>[2] = {}): Promise<Recorded> {
  const r = await startRecorded(certs[name]!, trust, { relay: true, ...o });
  started.push(r);
  return r;
}

const addressOf = (r: Recorded): string => `127.0.0.1:${r.network.port}`;
const peerOf = (r: Recorded, other: Recorded) => r.network.peers().find((p) => p.id === other.network.id);

/** How many copies of `tx` reached `r`, and from whom. */
function copiesAt(r: Recorded, tx: Uint8Array): string[] {
  return r.transactions.flatMap(({ raw, from }) =>
    raw.filter((t) => Buffer.from(t).equals(Buffer.from(tx))).map(() => from.name),
  );
}

/** Until every node of `nodes` is connected to every other, and knows that of each peer. */
async function fullMesh(nodes: Recorded[]): Promise<void> {
  await eventually(
    () =>
      nodes.every((x) =>
        nodes.every((y) => {
          if (x === y) return true;
          const p = peerOf(x, y);
          return (
            p !== undefined && nodes.every((z) => z === x || z === y || p.neighbours.includes(z.network.id))
          );
        }),
      ),
    "a full mesh, known to every node",
  );
}

before(async () => {
  const pki = await createTestPki();
  for (const name of ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
    certs[name] = await pki.issue(`node-${name}`);
  trust = await pki.trust();
});

after(async () => {
  await Promise.all(started.map((r) => r.network.close()));
});

describe("transaction gossip", () => {
  test("in a full mesh a relay sends nothing on: each node gets one copy, from the origin", async () => {
    const a = await start("a");
    const b = await start("b", { staticPeers: [addressOf(a)] });
    const c = await start("c", { staticPeers: [addressOf(a), addressOf(b)] });
    await fullMesh([a, b, c]);
    const tx = new Uint8Array([0x02, 0xa1]);
    a.network.broadcastTransactions([tx]);
    await eventually(() => copiesAt(b, tx).length > 0 && copiesAt(c, tx).length > 0, "tx at B and C");
    // B relays as soon as it receives, before it gossips anything of its own; a connection keeps
    // order, so once B's own transaction is at C, any copy B relayed would be there too.
    const marker = new Uint8Array([0x02, 0xb2]);
    b.network.broadcastTransactions([marker]);
    await eventually(() => copiesAt(c, marker).length > 0 && copiesAt(a, marker).length > 0, "marker");
    // Likewise C's relay towards A and B.
    const marker2 = new Uint8Array([0x02, 0xc3]);
    c.network.broadcastTransactions([marker2]);
    await eventually(() => copiesAt(a, marker2).length > 0 && copiesAt(b, marker2).length > 0, "marker 2");
    assert.deepEqual(copiesAt(b, tx), ["node-a"]);
    assert.deepEqual(copiesAt(c, tx), ["node-a"]);
    assert.deepEqual(copiesAt(a, tx), [], "the origin never gets its transaction back");
    assert.deepEqual(copiesAt(c, marker), ["node-b"]);
    assert.deepEqual(copiesAt(a, marker2), ["node-c"]);
  });

  test("a node the origin is not connected to gets the transaction from a relay", async () => {
    // D takes one peer only, so E, which reaches D's address through F, cannot connect to it.
    const d = await start("d", { maxPeers: 1 });
    const f = await start("f", { staticPeers: [addressOf(d)] });
    await eventually(() => peerOf(d, f) !== undefined, "D and F connected");
    const e = await start("e", { staticPeers: [addressOf(f)] });
    await eventually(() => peerOf(f, e)?.neighbours.length === 0 && peerOf(f, d) !== undefined, "F knows E");
    assert.equal(peerOf(d, e), undefined, "D and E are not connected");
    const tx = new Uint8Array([0x02, 0xd4]);
    d.network.broadcastTransactions([tx]);
    await eventually(() => copiesAt(e, tx).length > 0, "tx at E, two hops from D");
    assert.deepEqual(copiesAt(e, tx), ["node-f"]);
    assert.deepEqual(copiesAt(f, tx), ["node-d"]);
  });

  test("when a peer leaves, the others learn that their peers no longer reach it", async () => {
    const a = await start("h");
    const b = await start("i", { staticPeers: [addressOf(a)] });
    const c = await start("j", { staticPeers: [addressOf(a)] });
    const g = await start("g", { staticPeers: [addressOf(a)] });
    await fullMesh([a, b, c, g]);
    await c.network.close();
    await eventually(
      () => [a, b].every((x) => peerOf(g, x)?.neighbours.includes(c.network.id) === false),
      "G's views of A and B drop C",
    );
    assert.deepEqual(peerOf(g, a)?.neighbours, [b.network.id]);
    assert.deepEqual(peerOf(g, b)?.neighbours, [a.network.id]);
  });
});
