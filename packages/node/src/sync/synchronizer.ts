import type { Block } from "@ethereumjs/block";
import type { Chain } from "../chain/chain.ts";
import type { BlockPipeline } from "../consensus/blockPipeline.ts";
import type { Logger } from "../logger.ts";

// Blocks asked for in one request (the transport caps a response by size as well).
const BATCH = 64;
// A peer that sent a bad block or failed a request is not asked again for this long.
const PENALTY_MS = 30_000;

/** A peer as the synchronizer sees it. */
export interface SyncPeer {
  readonly id: string;
  readonly name: string;
  readonly headHeight: number;
}

/** What the synchronizer needs from the network. */
export interface SyncNetwork {
  peers(): readonly SyncPeer[];
  requestBlocks(peerId: string, from: number, count: number): Promise<Uint8Array[]>;
}

/** eth_syncing's answer while catching up. */
export interface SyncProgress {
  readonly startingBlock: number;
  readonly currentBlock: number;
  readonly highestBlock: number;
}

/**
 * Catches up with peers that are ahead: fetches blocks in batches, and imports each through the
 * block pipeline, which checks its header, its commit seals (a quorum of the validators of its
 * height) and its execution before committing it. One sync runs at a time; a peer whose blocks
 * fail is set aside for a while and another is asked.
 */
export class Synchronizer {
  readonly #chain: Chain;
  readonly #pipeline: BlockPipeline;
  readonly #network: SyncNetwork;
  readonly #log: Logger;
  readonly #onImported: () => void;
  readonly #decode: (rlp: Uint8Array) => Block;
  readonly #penalised = new Map<string, number>();
  #running: Promise<void> | undefined;
  #again = false;
  #progress: SyncProgress | undefined;
  #closed = false;

  constructor(
    chain: Chain,
    pipeline: BlockPipeline,
    network: SyncNetwork,
    log: Logger,
    onImported: () => void,
    decode: (rlp: Uint8Array) => Block,
  ) {
    this.#decode = decode;
    this.#chain = chain;
    this.#pipeline = pipeline;
    this.#network = network;
    this.#log = log;
    this.#onImported = onImported;
  }

  /** Progress while syncing, undefined when at the best known head. */
  get progress(): SyncProgress | undefined {
    return this.#progress;
  }

  /** A peer announced its head: sync if it is ahead of ours. */
  notifyPeerHead(height: number): void {
    if (this.#closed || height <= this.#headNumber()) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
      this.#progress = undefined;
      if (this.#again) {
        this.#again = false;
        const best = this.#bestPeer();
        if (best) this.notifyPeerHead(best.headHeight);
      }
    });
  }

  /** Stops after the batch being imported. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#running;
  }

  /** The tip: blocks decided by consensus count as had, though they may still be being written. */
  #headNumber(): number {
    return Number(this.#chain.tip.block.header.number);
  }

  #bestPeer(): SyncPeer | undefined {
    const now = Date.now();
    let best: SyncPeer | undefined;
    for (const peer of this.#network.peers()) {
      if ((this.#penalised.get(peer.id) ?? 0) > now) continue;
      if (!best || peer.headHeight > best.headHeight) best = peer;
    }
    return best && best.headHeight > this.#headNumber() ? best : undefined;
  }

  async #run(): Promise<void> {
    const startingBlock = this.#headNumber();
    for (;;) {
      if (this.#closed) return;
      const peer = this.#bestPeer();
      if (!peer) return;
      const from = this.#headNumber() + 1;
      this.#progress = { startingBlock, currentBlock: from - 1, highestBlock: peer.headHeight };
      const count = Math.min(BATCH, peer.headHeight - from + 1);
      let raw: Uint8Array[];
      try {
        raw = await this.#network.requestBlocks(peer.id, from, count);
      } catch (err) {
        this.#log.warn({ peer: peer.name, from, err: (err as Error).message }, "block request failed");
        this.#penalised.set(peer.id, Date.now() + PENALTY_MS);
        continue;
      }
      if (raw.length === 0) {
        this.#penalised.set(peer.id, Date.now() + PENALTY_MS);
        continue;
      }
      let imported = 0;
      for (const bytes of raw) {
        if (this.#closed) break;
        try {
          const block = this.#decode(bytes);
          const number = Number(block.header.number);
          if (number <= this.#headNumber()) continue; // consensus got there first
          if (await this.#pipeline.importSealed(block)) imported++;
        } catch (err) {
          this.#log.warn(
            { peer: peer.name, err: (err as Error).message },
            "peer sent a block that does not import; asking another peer",
          );
          this.#penalised.set(peer.id, Date.now() + PENALTY_MS);
          break;
        }
      }
      if (imported > 0) {
        this.#log.info(
          { from, to: this.#headNumber(), highest: peer.headHeight, peer: peer.name },
          "imported blocks from a peer",
        );
        this.#onImported();
      }
    }
  }
}
