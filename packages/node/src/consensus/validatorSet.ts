import { type Address, decodeExtraData, type QbftVote } from "@civitas/qbft";
import { HEADER_FIELD } from "../chain/blockHashing.ts";
import type { ChainStore } from "../chain/chainStore.ts";
import { NodeError } from "../errors.ts";
import type { ValidatorTransition } from "../genesis/genesisConfig.ts";

/** Votes cast since the last epoch block: who voted to add and who voted to drop each candidate. */
interface CandidateVotes {
  readonly add: Set<Address>;
  readonly drop: Set<Address>;
}

/** The validator set after a block, with the votes still pending. */
export interface Tally {
  /** Validators that seal the next block, sorted ascending. */
  readonly validators: readonly Address[];
  readonly votes: ReadonlyMap<Address, CandidateVotes>;
}

/**
 * Applies one block's vote to the tally, Besu's way: a proposer's latest vote for a candidate
 * replaces its earlier one; a candidate is added (or dropped) once more than half the validators
 * vote so, and then every vote for it is discarded, as are a dropped validator's own votes. Epoch
 * blocks carry no vote and clear all pending votes.
 */
export function applyBlockVote(
  tally: Tally,
  number: number,
  proposer: Address,
  vote: QbftVote | undefined,
  epochLength: number,
): Tally {
  if (number % epochLength === 0) return { validators: tally.validators, votes: new Map() };
  if (vote === undefined) return tally;
  const votes = new Map<Address, CandidateVotes>();
  for (const [candidate, v] of tally.votes)
    votes.set(candidate, { add: new Set(v.add), drop: new Set(v.drop) });
  const entry = votes.get(vote.recipient) ?? { add: new Set<Address>(), drop: new Set<Address>() };
  votes.set(vote.recipient, entry);
  (vote.add ? entry.add : entry.drop).add(proposer);
  (vote.add ? entry.drop : entry.add).delete(proposer);
  const limit = Math.floor(tally.validators.length / 2) + 1;
  let validators = tally.validators;
  if (entry.add.size >= limit) {
    if (!validators.includes(vote.recipient)) validators = [...validators, vote.recipient].sort();
    votes.delete(vote.recipient);
  } else if (entry.drop.size >= limit) {
    validators = validators.filter((v) => v !== vote.recipient);
    votes.delete(vote.recipient);
    for (const v of votes.values()) {
      v.add.delete(vote.recipient);
      v.drop.delete(vote.recipient);
    }
  }
  return { validators, votes };
}

/** What `qbft_getPendingVotes` reports: this node's own proposals, address → add (true) or drop (false). */
export type LocalProposals = ReadonlyMap<Address, boolean>;

/**
 * The validator set of the chain: the sets written in headers, the vote tally after the head, the
 * genesis transitions, and this node's own vote proposals (qbft_proposeValidatorVote).
 *
 * The validators that must seal block h are those after block h−1 (the tally after it, or a genesis
 * transition at h); every block's extraData lists exactly them.
 */
export class ValidatorSet {
  readonly #store: ChainStore;
  readonly #epochLength: number;
  readonly #transitions: ReadonlyMap<number, readonly Address[]>;
  readonly #proposals = new Map<Address, boolean>();
  #afterHead: { number: number; tally: Tally };

  private constructor(
    store: ChainStore,
    epochLength: number,
    transitions: ReadonlyMap<number, readonly Address[]>,
    afterHead: { number: number; tally: Tally },
  ) {
    this.#store = store;
    this.#epochLength = epochLength;
    this.#transitions = transitions;
    this.#afterHead = afterHead;
  }

  /**
   * Rebuilds the tally after `headNumber` by replaying the headers since the last epoch block (or
   * the last transition, if later): at most `epochLength` headers, read without their transactions.
   */
  static open(
    store: ChainStore,
    headNumber: number,
    epochLength: number,
    transitions: readonly ValidatorTransition[],
  ): ValidatorSet {
    const byBlock = new Map(transitions.map((t) => [t.block, t.validators as readonly Address[]]));
    let start = headNumber - (headNumber % epochLength);
    for (const t of transitions) if (t.block - 1 > start && t.block - 1 <= headNumber) start = t.block - 1;
    const startHeader = header(store, start);
    let tally: Tally = {
      validators: byBlock.get(start + 1) ?? startHeader.extra.validators,
      votes: new Map(),
    };
    for (let n = start + 1; n <= headNumber; n++) {
      const h = header(store, n);
      tally = ValidatorSet.#advance(tally, n, h.proposer, h.extra.vote, epochLength, byBlock);
    }
    return new ValidatorSet(store, epochLength, byBlock, { number: headNumber, tally });
  }

  static #advance(
    tally: Tally,
    number: number,
    proposer: Address,
    vote: QbftVote | undefined,
    epochLength: number,
    transitions: ReadonlyMap<number, readonly Address[]>,
  ): Tally {
    const next = applyBlockVote(tally, number, proposer, vote, epochLength);
    const override = transitions.get(number + 1);
    return override ? { validators: override, votes: new Map() } : next;
  }

  /** Validators that must seal block `height`, sorted ascending. */
  forHeight(height: number): readonly Address[] {
    if (height === this.#afterHead.number + 1) return this.#afterHead.tally.validators;
    if (height < 1 || height > this.#afterHead.number) {
      throw new NodeError("BLOCK_NOT_FOUND", `no validator set known for block ${height} yet`);
    }
    return header(this.#store, height).extra.validators;
  }

  /** The tally after the head (validators of the next block and pending votes). */
  get tally(): Tally {
    return this.#afterHead.tally;
  }

  /** Moves the tally past a newly committed block (its number must follow the previous head). */
  onBlock(number: number, proposer: Address, vote: QbftVote | undefined): void {
    if (number !== this.#afterHead.number + 1) {
      throw new NodeError(
        "INTERNAL",
        `validator tally at ${this.#afterHead.number} cannot take block ${number}`,
      );
    }
    const tally = ValidatorSet.#advance(
      this.#afterHead.tally,
      number,
      proposer,
      vote,
      this.#epochLength,
      this.#transitions,
    );
    this.#afterHead = { number, tally };
  }

  /** Whether block `number` is an epoch block (no vote; pending votes are cleared after it). */
  isEpochBlock(number: number): boolean {
    return number % this.#epochLength === 0;
  }

  /** Records this node's wish to add (true) or drop (false) a validator; cast in the blocks it proposes. */
  propose(address: Address, add: boolean): void {
    this.#proposals.set(address, add);
  }

  /** Forgets this node's proposal for `address`; true if there was one. */
  discard(address: Address): boolean {
    return this.#proposals.delete(address);
  }

  /** This node's proposals. */
  proposals(): LocalProposals {
    return new Map(this.#proposals);
  }

  /**
   * The vote to put in block `number` proposed by `local`: none in an epoch block; otherwise one of
   * this node's proposals that would still change the set and that it has not cast yet, taken in
   * turn by block number so that several proposals all get cast.
   */
  voteFor(number: number, local: Address): QbftVote | undefined {
    if (this.isEpochBlock(number) || number !== this.#afterHead.number + 1) return undefined;
    const { validators, votes } = this.#afterHead.tally;
    const useful = [...this.#proposals].filter(([address, add]) => {
      if (add === validators.includes(address)) return false;
      const cast = votes.get(address);
      return !(add ? cast?.add.has(local) : cast?.drop.has(local));
    });
    if (useful.length === 0) return undefined;
    const [recipient, add] = useful[number % useful.length]!;
    return { recipient, add };
  }
}

function header(
  store: ChainStore,
  number: number,
): { proposer: Address; extra: ReturnType<typeof decodeExtraData> } {
  const fields = store.getHeaderFields(BigInt(number));
  if (fields === undefined)
    throw new NodeError("DB_CORRUPT", `block ${number} is missing from the chain store`);
  return { proposer: proposerOf(fields), extra: decodeExtraData(fields[HEADER_FIELD.extraData]!) };
}

/** The proposer (coinbase) of a header given as its RLP fields. */
export function proposerOf(fields: readonly Uint8Array[]): Address {
  return `0x${Buffer.from(fields[HEADER_FIELD.coinbase]!).toString("hex")}` as Address;
}
