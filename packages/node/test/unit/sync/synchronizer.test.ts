import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeExtraData, encodeExtraData } from "@civitas/qbft";
import { createBlockFromRLP } from "@ethereumjs/block";
import { bytesToHex } from "@ethereumjs/util";
import { createLogger } from "../../../src/logger.ts";
import {
  Synchronizer,
  type SyncNetwork,
  type SyncPeer,
  type SyncProgress,
} from "../../../src/sync/synchronizer.ts";
import {
  openTestChain,
  rebuildBlock,
  removeTestDirs,
  sortedKeys,
  type TestChain,
  type TestKey,
  testGenesis,
} from "../consensus/testChain.ts";

// More than one request's worth of blocks (the synchronizer asks for 64 at a time).
const SOURCE_HEIGHT = 70;
const EXTRA_DATA = 12;

const keys = sortedKeys(4);
const genesisJson = testGenesis(keys);
let source: TestChain;

before(async () => {
  source = await openTestChain(genesisJson);
  for (let n = 1; n <= SOURCE_HEIGHT; n++) {
    const proposer = keys[n % keys.length] as TestKey;
    await source.produce(proposer, keys.slice(0, 3));
  }
});
after(async () => {
  await source.close();
  removeTestDirs();
});

/** Blocks `from`…`from+count-1` of the source chain as a peer sends them (RLP of the sealed block). */
function served(from: number, count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let n = from; n < from + count && n <= SOURCE_HEIGHT; n++)
    out.push(source.chain.store.getBlockByNumber(BigInt(n))!.block.serialize());
  return out;
}

interface Request {
  readonly peer: string;
  readonly from: number;
  readonly count: number;
  readonly progress: SyncProgress | undefined;
}

/** The network port: peers with a head and a way to answer block requests, and a log of requests. */
function fakeNetwork(
  peers: (SyncPeer & { serve: (from: number, count: number) => Promise<Uint8Array[]> })[],
  progress: () => SyncProgress | undefined,
): SyncNetwork & { requests: Request[] } {
  const requests: Request[] = [];
  return {
    requests,
    peers: () => peers.map(({ id, name, headHeight }) => ({ id, name, headHeight })),
    requestBlocks(peerId, from, count) {
      requests.push({ peer: peerId, from, count, progress: progress() });
      return peers.find((p) => p.id === peerId)!.serve(from, count);
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function behindNode(peers: Parameters<typeof fakeNetwork>[0]): Promise<{
  target: TestChain;
  sync: Synchronizer;
  network: ReturnType<typeof fakeNetwork>;
  imported: number[];
}> {
  const target = await openTestChain(genesisJson);
  const imported: number[] = [];
  let sync: Synchronizer | undefined;
  const network = fakeNetwork(peers, () => sync?.progress);
  sync = new Synchronizer(
    target.chain,
    target.pipeline,
    network,
    createLogger("silent"),
    () => imported.push(target.headNumber),
    (rlp) => createBlockFromRLP(rlp, { common: target.chain.common }),
  );
  return { target, sync, network, imported };
}

describe("Synchronizer", () => {
  it("catches up with a peer in batches, reporting progress while it syncs and none after", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { target, sync, network, imported } = await behindNode([
      {
        id: "p1",
        name: "good",
        headHeight: SOURCE_HEIGHT,
        serve: async (from, count) => {
          await gate;
          return served(from, count);
        },
      },
    ]);
    assert.equal(sync.progress, undefined);
    sync.notifyPeerHead(SOURCE_HEIGHT);
    await until(() => network.requests.length === 1, "the first request");
    assert.deepEqual(sync.progress, { startingBlock: 0, currentBlock: 0, highestBlock: SOURCE_HEIGHT });
    release();
    await until(() => target.headNumber === SOURCE_HEIGHT && sync.progress === undefined, "catching up");
    await target.chain.settled(); // the last block imported is on disk, and the head
    assert.deepEqual(
      network.requests.map(({ peer, from, count, progress }) => [peer, from, count, progress]),
      [
        ["p1", 1, 64, { startingBlock: 0, currentBlock: 0, highestBlock: SOURCE_HEIGHT }],
        ["p1", 65, 6, { startingBlock: 0, currentBlock: 64, highestBlock: SOURCE_HEIGHT }],
      ],
    );
    assert.equal(bytesToHex(target.chain.head.hash), bytesToHex(source.chain.head.hash));
    assert.deepEqual(target.validators.tally, source.validators.tally);
    assert.deepEqual(imported, [64, SOURCE_HEIGHT], "told once per imported batch");

    sync.notifyPeerHead(SOURCE_HEIGHT);
    sync.notifyPeerHead(SOURCE_HEIGHT - 5);
    assert.equal(network.requests.length, 2, "no request for a head it already has");
    assert.equal(sync.progress, undefined);
    await sync.close();
    await target.close();
  });

  it("sets aside peers that fail, send nothing or send a bad block, and syncs from another", async () => {
    const badSealsAt = 5;
    const { target, sync, network } = await behindNode([
      {
        id: "failing",
        name: "failing",
        headHeight: SOURCE_HEIGHT + 1,
        serve: async () => {
          throw new Error("connection reset");
        },
      },
      { id: "empty", name: "empty", headHeight: SOURCE_HEIGHT + 1, serve: async () => [] },
      {
        id: "evil",
        name: "evil",
        headHeight: SOURCE_HEIGHT,
        // Serves the real blocks, but block 5 with its commit seals stripped.
        serve: async (from, count) =>
          served(from, count).map((raw, i) => {
            if (from + i !== badSealsAt) return raw;
            const block = source.chain.store.getBlockByNumber(BigInt(badSealsAt))!.block;
            const extra = decodeExtraData(block.header.extraData);
            return rebuildBlock(block, (f) => {
              f[EXTRA_DATA] = encodeExtraData({ ...extra, seals: [] });
            }).serialize();
          }),
      },
      { id: "good", name: "good", headHeight: SOURCE_HEIGHT, serve: async (f, c) => served(f, c) },
    ]);
    sync.notifyPeerHead(SOURCE_HEIGHT + 1);
    await until(() => target.headNumber === SOURCE_HEIGHT && sync.progress === undefined, "catching up");
    await target.chain.settled(); // the last block imported is on disk, and the head
    assert.deepEqual(
      network.requests.map(({ peer, from }) => [peer, from]),
      [
        ["failing", 1],
        ["empty", 1],
        ["evil", 1],
        ["good", badSealsAt],
        ["good", badSealsAt + 64],
      ],
      "each bad peer is asked once, then the good one from the block that failed",
    );
    assert.equal(bytesToHex(target.chain.head.hash), bytesToHex(source.chain.head.hash));
    assert.equal(
      decodeExtraData(target.chain.store.getBlockByNumber(BigInt(badSealsAt))!.block.header.extraData).seals
        .length,
      3,
      "the good copy of the block was imported",
    );
    await sync.close();
    await target.close();
  });

  it("does not start after close", async () => {
    const { target, sync, network } = await behindNode([
      { id: "p1", name: "good", headHeight: SOURCE_HEIGHT, serve: async (f, c) => served(f, c) },
    ]);
    await sync.close();
    sync.notifyPeerHead(SOURCE_HEIGHT);
    await new Promise((r) => setImmediate(r));
    assert.equal(network.requests.length, 0);
    assert.equal(target.headNumber, 0);
    await target.close();
  });
});
