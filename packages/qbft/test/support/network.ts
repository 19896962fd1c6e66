import { bytesToHex } from "@noble/hashes/utils.js";
import {
  type Address,
  createProposal,
  createQbftConfig,
  createQbftController,
  createSecp256k1Signer,
  decodeMessage,
  type EncodedQbftMessage,
  encodeMessage,
  type ProposalMessage,
  type QbftConfig,
  type QbftController,
  type QbftTimer,
  recoverAddress,
  type Signer,
  verifyCommitSeals,
} from "../../src/index.ts";
import { FakeBlock, fakeCodec } from "./fakeBlock.ts";
import { seededRandom, testKey } from "./random.ts";

/** A committed block in a simulated node's chain. */
export interface ChainEntry {
  readonly block: FakeBlock;
  readonly seals: readonly Uint8Array[];
  readonly timestamp: number;
}

/** How a simulated validator behaves. */
export type Behaviour = "honest" | "crashed" | "equivocating";

/** Decides the fate of one message from one node to another: undefined drops it, a number delays it (ms). */
export type LinkPolicy = (
  from: number,
  to: number,
  message: EncodedQbftMessage,
  rand: () => number,
) => number | undefined;

/** Options of a simulated network. */
export interface NetworkOptions {
  readonly validators: number;
  readonly seed?: number;
  readonly behaviours?: Record<number, Behaviour>;
  readonly link?: LinkPolicy;
  readonly config?: Partial<QbftConfig>;
}

interface Event {
  readonly at: number;
  readonly seq: number;
  readonly run: () => Promise<void>;
}

/** One simulated validator: its controller, key, chain and timers. */
export class SimNode {
  readonly index: number;
  readonly signer: Signer;
  readonly chain: ChainEntry[] = [];
  readonly scheduled: { timer: QbftTimer; delayMs: number }[] = [];
  behaviour: Behaviour;
  controller!: QbftController;
  readonly timerTokens = new Map<string, number>();

  constructor(index: number, behaviour: Behaviour) {
    this.index = index;
    this.signer = createSecp256k1Signer(testKey(index));
    this.behaviour = behaviour;
  }

  get height(): number {
    return this.chain.length;
  }
}

/** Default link: every message arrives after 5–50 ms. */
export const reliableLink: LinkPolicy = (_f, _t, _m, rand) => 5 + Math.floor(rand() * 45);

/**
 * A deterministic in-memory network of QBFT validators with a fake clock. Messages are delivered,
 * dropped, delayed and reordered by the link policy from a seeded PRNG; a block import is also
 * handed to lagging nodes after a delay, as the node's sync would.
 */
export class SimNetwork {
  readonly nodes: SimNode[];
  readonly validators: Address[];
  readonly config: QbftConfig;
  readonly rand: () => number;
  /** Digest committed at each height by any honest node; a second value is a safety violation. */
  readonly decided = new Map<number, string>();
  readonly violations: string[] = [];
  now = 1_000_000;
  /** What every node's block creator answers to hasPendingTransactions. */
  pendingTransactions = true;
  private readonly events: Event[] = [];
  private seq = 0;
  private readonly link: LinkPolicy;

  constructor(options: NetworkOptions) {
    this.rand = seededRandom(options.seed ?? 1);
    this.link = options.link ?? reliableLink;
    this.config = createQbftConfig({
      blockPeriodSeconds: 1,
      requestTimeoutSeconds: 2,
      maxRoundTimeoutSeconds: 16,
      ...options.config,
    });
    this.nodes = Array.from(
      { length: options.validators },
      (_, i) => new SimNode(i, options.behaviours?.[i] ?? "honest"),
    );
    this.validators = this.nodes.map((n) => n.signer.address).sort();
    for (const node of this.nodes) node.controller = this.createController(node);
  }

  /** The node whose address is the validator at sorted position `i`. */
  nodeAt(i: number): SimNode {
    return this.nodes.find((n) => n.signer.address === this.validators[i])!;
  }

  /** Starts every non-crashed node. */
  async start(): Promise<void> {
    for (const node of this.nodes) if (node.behaviour !== "crashed") await node.controller.start();
  }

  /** Runs events in time order until `done()` holds or `limitMs` of simulated time passes; returns done(). */
  async runUntil(done: () => boolean, limitMs = 600_000): Promise<boolean> {
    const end = this.now + limitMs;
    while (!done()) {
      this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.events.shift();
      if (!next || next.at > end) return done();
      this.now = Math.max(this.now, next.at);
      await next.run();
    }
    return true;
  }

  /** Honest (non-faulty) nodes. */
  honest(): SimNode[] {
    return this.nodes.filter((n) => n.behaviour === "honest");
  }

  /** Schedules work at a simulated time offset. */
  at(delayMs: number, run: () => Promise<void>): void {
    this.events.push({ at: this.now + delayMs, seq: this.seq++, run });
  }

  /** Delivers raw bytes to one node now (tests that play a misbehaving peer). */
  deliver(to: SimNode, message: EncodedQbftMessage) {
    return to.controller.handleMessage(message);
  }

  private send(from: SimNode, message: EncodedQbftMessage): void {
    for (const to of this.nodes) {
      if (to === from || to.behaviour === "crashed") continue;
      const delay = this.link(from.index, to.index, message, this.rand);
      if (delay === undefined) continue;
      this.at(delay, async () => {
        if (to.behaviour !== "crashed") await to.controller.handleMessage(message);
      });
    }
  }

  private createController(node: SimNode): QbftController {
    const genesisTime = this.now / 1000 - 1;
    return createQbftController(
      {
        signer: node.signer,
        recover: recoverAddress,
        codec: fakeCodec,
        clock: { now: () => this.now },
        chain: {
          head: () => {
            const last = node.chain[node.chain.length - 1];
            return last
              ? { height: last.block.height, timestamp: last.timestamp, proposer: last.block.proposer }
              : { height: 0, timestamp: genesisTime, proposer: "0x0000000000000000000000000000000000000000" };
          },
          validatorsForHeight: () => this.validators,
        },
        blockCreator: {
          hasPendingTransactions: () => this.pendingTransactions,
          createBlock: async (height, round, timestamp) =>
            new FakeBlock(
              height,
              round,
              node.signer.address,
              `block ${height} by ${node.index} at ${timestamp} r${round}`,
            ),
        },
        blockValidator: {
          validateBlock: async (block) =>
            block.height === node.height + 1 ? { valid: true } : { valid: false, reason: "not on the head" },
        },
        importer: { importBlock: async (block, seals) => this.importBlock(node, block as FakeBlock, seals) },
        gossip: { multicast: (message) => this.multicast(node, message) },
        timers: {
          schedule: (timer, delayMs) => {
            node.scheduled.push({ timer, delayMs });
            const token = (node.timerTokens.get(timer.kind) ?? 0) + 1;
            node.timerTokens.set(timer.kind, token);
            this.at(delayMs, async () => {
              if (node.timerTokens.get(timer.kind) === token && node.behaviour !== "crashed") {
                await node.controller.handleTimer(timer);
              }
            });
          },
        },
      },
      this.config,
    );
  }

  private multicast(node: SimNode, message: EncodedQbftMessage): void {
    if (node.behaviour === "crashed") return;
    if (node.behaviour === "equivocating") this.equivocate(node, message);
    else this.send(node, message);
  }

  /** An equivocating proposer sends its proposal to half the peers and a different block to the rest. */
  private equivocate(node: SimNode, message: EncodedQbftMessage): void {
    const decoded = decodeMessage(message.code, message.data, { codec: fakeCodec, recover: recoverAddress });
    if (decoded.type !== "PROPOSAL") {
      this.send(node, message);
      return;
    }
    const { block } = decoded.signed.payload;
    const other = new FakeBlock(
      block.height,
      block.round,
      block.proposer,
      `${(block as FakeBlock).tag} (twin)`,
    );
    const twin = encodeProposalLike(node.signer, decoded, other);
    for (const to of this.nodes) {
      if (to === node || to.behaviour === "crashed") continue;
      const chosen = to.index % 2 === 0 ? message : twin;
      const delay = this.link(node.index, to.index, chosen, this.rand);
      if (delay !== undefined) this.at(delay, async () => void (await to.controller.handleMessage(chosen)));
    }
  }

  private importBlock(node: SimNode, block: FakeBlock, seals: readonly Uint8Array[]): boolean {
    if (block.height !== node.height + 1) return false;
    verifyCommitSeals(block.digest, seals, this.validators, recoverAddress);
    node.chain.push({ block, seals, timestamp: Math.floor(this.now / 1000) });
    if (node.behaviour === "honest") {
      const digest = bytesToHex(block.withRound(0).digest);
      const known = this.decided.get(block.height);
      if (known === undefined) this.decided.set(block.height, digest);
      else if (known !== digest)
        this.violations.push(`height ${block.height}: node ${node.index} committed a different block`);
    }
    // Stand-in for sync: lagging nodes receive the sealed block a little later.
    for (const other of this.nodes) {
      if (other === node || other.behaviour === "crashed") continue;
      this.at(500 + Math.floor(this.rand() * 500), async () => {
        if (other.height === block.height - 1 && other.behaviour !== "crashed") {
          this.importBlock(other, block, seals);
          await other.controller.handleNewChainHead();
        }
      });
    }
    return true;
  }
}

function encodeProposalLike(signer: Signer, original: ProposalMessage, block: FakeBlock): EncodedQbftMessage {
  return encodeMessage(
    createProposal(signer, fakeCodec, block, original.roundChanges, original.prepares),
    fakeCodec,
  );
}
