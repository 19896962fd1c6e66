import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { type Address, createGenesisExtraData, decodeExtraData, type QbftVote } from "@civitas/qbft";
import { HEADER_FIELD } from "../../../src/chain/blockHashing.ts";
import type { ChainStore } from "../../../src/chain/chainStore.ts";
import { applyBlockVote, type Tally, ValidatorSet } from "../../../src/consensus/validatorSet.ts";
import { parseGenesis, type ValidatorTransition } from "../../../src/genesis/genesisConfig.ts";
import { openTestChain, removeTestDirs, sortedKeys, type TestKey, testGenesis } from "./testChain.ts";

after(removeTestDirs);

const addr = (digit: string): Address => `0x${digit.repeat(40)}` as Address;
const [A, B, C, D, E] = ["1", "2", "3", "4", "5"].map(addr) as [Address, Address, Address, Address, Address];
const X = addr("a");
const Y = addr("b");
const EPOCH = 100;

const tally = (validators: Address[]): Tally => ({ validators, votes: new Map() });
const add = (recipient: Address): QbftVote => ({ recipient, add: true });
const drop = (recipient: Address): QbftVote => ({ recipient, add: false });

/** Applies `[proposer, vote]` pairs as blocks 1, 2, … */
function applyAll(start: Tally, blocks: [Address, QbftVote | undefined][], first = 1): Tally {
  let t = start;
  blocks.forEach(([proposer, vote], i) => {
    t = applyBlockVote(t, first + i, proposer, vote, EPOCH);
  });
  return t;
}

/** Who voted to add and to drop `candidate`, as sorted lists. */
function votesFor(t: Tally, candidate: Address): { add: Address[]; drop: Address[] } | undefined {
  const v = t.votes.get(candidate);
  return v && { add: [...v.add].sort(), drop: [...v.drop].sort() };
}

describe("applyBlockVote", () => {
  it("adds a candidate with 4 validators only when 3 (more than half) vote for it", () => {
    const two = applyAll(tally([A, B, C, D]), [
      [A, add(X)],
      [B, add(X)],
    ]);
    assert.deepEqual(two.validators, [A, B, C, D], "2 of 4 is half, not more");
    assert.deepEqual(votesFor(two, X), { add: [A, B], drop: [] });
    const three = applyBlockVote(two, 3, C, add(X), EPOCH);
    assert.deepEqual(three.validators, [A, B, C, D, X]);
    assert.equal(three.votes.has(X), false, "votes for an added candidate are discarded");
  });

  it("drops a validator with 5 validators only when 3 vote so, and keeps the set sorted", () => {
    const start = tally([A, B, C, D, E]);
    const two = applyAll(start, [
      [A, drop(C)],
      [B, drop(C)],
    ]);
    assert.deepEqual(two.validators, [A, B, C, D, E]);
    const three = applyBlockVote(two, 3, E, drop(C), EPOCH);
    assert.deepEqual(three.validators, [A, B, D, E]);
    assert.equal(three.votes.size, 0);
    const added = applyAll(
      start,
      [
        [E, add(addr("0"))],
        [D, add(addr("0"))],
        [C, add(addr("0"))],
      ],
      4,
    );
    assert.deepEqual(added.validators, [addr("0"), A, B, C, D, E], "a new validator takes its sorted place");
  });

  it("lets a proposer's later vote replace its earlier one, and counts repeated votes once", () => {
    const start = tally([A, B, C, D]);
    const changed = applyAll(start, [
      [A, add(X)],
      [A, drop(X)],
    ]);
    assert.deepEqual(votesFor(changed, X), { add: [], drop: [A] });
    const repeated = applyAll(start, [
      [A, add(X)],
      [A, add(X)],
      [A, add(X)],
      [B, add(X)],
    ]);
    assert.deepEqual(repeated.validators, [A, B, C, D], "A's three votes count as one");
    assert.deepEqual(votesFor(repeated, X), { add: [A, B], drop: [] });
    const flipped = applyAll(start, [
      [A, drop(B)],
      [C, drop(B)],
      [A, add(B)],
      [D, drop(B)],
    ]);
    assert.deepEqual(flipped.validators, [A, B, C, D], "A withdrew its drop vote before D voted");
  });

  it("does not change the tally it is given", () => {
    const start = applyAll(tally([A, B, C, D]), [[A, add(X)]]);
    const before = votesFor(start, X);
    applyAll(
      start,
      [
        [B, add(X)],
        [C, add(X)],
      ],
      2,
    );
    assert.deepEqual(votesFor(start, X), before);
    assert.deepEqual(start.validators, [A, B, C, D]);
  });

  it("forgets the votes a dropped validator had cast", () => {
    const t = applyAll(tally([A, B, C, D]), [
      [D, add(X)],
      [D, drop(A)],
      [A, add(X)],
      [A, drop(D)],
      [B, drop(D)],
      [C, drop(D)],
    ]);
    assert.deepEqual(t.validators, [A, B, C]);
    assert.deepEqual(votesFor(t, X), { add: [A], drop: [] }, "D's vote for X is gone");
    assert.deepEqual(votesFor(t, A), { add: [], drop: [] }, "D's vote against A is gone");
    // With 3 validators the threshold is 2: one more vote for X adds it.
    assert.deepEqual(applyBlockVote(t, 7, B, add(X), EPOCH).validators, [A, B, C, X]);
  });

  it("clears every pending vote at an epoch block and ignores a vote in it", () => {
    const pending = applyAll(tally([A, B, C, D]), [
      [A, add(X)],
      [B, add(X)],
    ]);
    const epoch = applyBlockVote(pending, EPOCH, C, add(X), EPOCH);
    assert.deepEqual(epoch.validators, [A, B, C, D], "the third vote for X was in an epoch block");
    assert.equal(epoch.votes.size, 0);
    const next = applyBlockVote(epoch, EPOCH + 1, C, add(X), EPOCH);
    assert.deepEqual(votesFor(next, X), { add: [C], drop: [] }, "counting starts again after the epoch");
    assert.equal(applyBlockVote(pending, 3, C, undefined, EPOCH), pending, "no vote, no change");
  });
});

/** A chain store holding only a genesis header that lists `validators`. */
function genesisOnlyStore(validators: Address[]): ChainStore {
  const fields: Uint8Array[] = Array.from({ length: 16 }, () => new Uint8Array(0));
  fields[2] = new Uint8Array(20);
  fields[HEADER_FIELD.extraData] = createGenesisExtraData(validators);
  return {
    getHeaderFields: (n: bigint) => (n === 0n ? fields : undefined),
  } as unknown as ChainStore;
}

function openAtGenesis(validators: Address[], epoch = EPOCH, transitions: ValidatorTransition[] = []) {
  return ValidatorSet.open(genesisOnlyStore(validators), 0, epoch, transitions);
}

describe("ValidatorSet", () => {
  it("starts from the genesis validators and follows committed blocks", () => {
    const set = openAtGenesis([A, B, C, D]);
    assert.deepEqual(set.forHeight(1), [A, B, C, D]);
    set.onBlock(1, A, add(X));
    set.onBlock(2, B, add(X));
    set.onBlock(3, C, add(X));
    assert.deepEqual(set.forHeight(4), [A, B, C, D, X]);
    assert.deepEqual(set.tally.validators, [A, B, C, D, X]);
    assert.throws(
      () => set.onBlock(5, A, undefined),
      (e: Error & { code?: string }) => e.code === "INTERNAL" && /cannot take block 5/.test(e.message),
    );
    assert.throws(() => set.forHeight(6), { code: "BLOCK_NOT_FOUND" });
    assert.throws(() => set.forHeight(0), { code: "BLOCK_NOT_FOUND" });
  });

  it("replaces the set at a genesis transition and drops pending votes", () => {
    const set = openAtGenesis([A, B, C, D], EPOCH, [{ block: 3, validators: [A, B, X] }]);
    set.onBlock(1, A, add(Y));
    assert.deepEqual(votesFor(set.tally, Y), { add: [A], drop: [] });
    set.onBlock(2, B, add(Y));
    assert.deepEqual(set.forHeight(3), [A, B, X]);
    assert.equal(set.tally.votes.size, 0);
    set.onBlock(3, X, add(Y));
    set.onBlock(4, A, add(Y));
    assert.deepEqual(set.forHeight(5), [A, B, X, Y], "2 of the 3 transition validators voted for Y");
  });

  it("keeps this node's proposals: propose replaces, discard reports whether there was one", () => {
    const set = openAtGenesis([A, B, C, D]);
    assert.deepEqual(set.proposals(), new Map());
    set.propose(X, true);
    set.propose(D, false);
    set.propose(X, false);
    assert.deepEqual(
      set.proposals(),
      new Map([
        [X, false],
        [D, false],
      ]),
    );
    const copy = set.proposals() as Map<Address, boolean>;
    copy.clear();
    assert.equal(set.proposals().size, 2, "proposals() returns a copy");
    assert.equal(set.discard(X), true);
    assert.equal(set.discard(X), false);
    assert.deepEqual(set.proposals(), new Map([[D, false]]));
  });

  it("voteFor casts nothing in an epoch block or for another height", () => {
    const set = openAtGenesis([A, B, C, D], 2);
    set.propose(X, true);
    assert.deepEqual(set.voteFor(1, A), add(X));
    assert.equal(set.voteFor(2, A), undefined, "only the next height gets a vote");
    set.onBlock(1, B, undefined);
    assert.equal(set.isEpochBlock(2), true);
    assert.equal(set.voteFor(2, A), undefined, "block 2 is an epoch block");
    set.onBlock(2, C, undefined);
    assert.deepEqual(set.voteFor(3, A), add(X));
  });

  it("voteFor skips proposals that would change nothing or that this node already cast", () => {
    const set = openAtGenesis([A, B, C, D]);
    set.propose(B, true);
    set.propose(X, false);
    assert.equal(set.voteFor(1, A), undefined, "B is already a validator and X is not one");
    set.propose(Y, true);
    assert.deepEqual(set.voteFor(1, A), add(Y));
    set.onBlock(1, A, add(Y));
    assert.equal(set.voteFor(2, A), undefined, "A's vote for Y is pending already");
    assert.deepEqual(set.voteFor(2, B), add(Y), "B has not voted for Y yet");
    set.onBlock(2, C, drop(Y));
    set.propose(Y, false);
    assert.deepEqual(set.voteFor(3, A), undefined, "Y is not a validator: dropping it changes nothing");
    set.propose(C, false);
    assert.deepEqual(set.voteFor(3, A), drop(C));
    set.onBlock(3, A, drop(C));
    set.propose(C, true);
    assert.equal(set.voteFor(4, A), undefined, "C is a validator: adding it changes nothing");
  });

  it("voteFor takes several proposals in turn", () => {
    const set = openAtGenesis([A, B, C, D]);
    set.propose(X, true);
    set.propose(Y, true);
    set.propose(D, false);
    const cast: string[] = [];
    for (let n = 1; n <= 6; n++) {
      const vote = set.voteFor(n, A);
      assert.ok(vote, `a vote at block ${n}`);
      cast.push(`${vote.recipient}:${vote.add}`);
      // Another proposer's empty block keeps A's proposals all useful.
      set.onBlock(n, B, undefined);
    }
    assert.deepEqual(
      new Set(cast),
      new Set([`${X}:true`, `${Y}:true`, `${D}:false`]),
      "each proposal is cast",
    );
    assert.notEqual(cast[0], cast[1], "consecutive blocks carry different proposals");
  });
});

describe("ValidatorSet.open on a stored chain", () => {
  // Builds blocks with the given votes, and checks after each that the tally rebuilt from the
  // stored headers equals the one the pipeline advanced block by block.
  async function runScenario(
    keys: TestKey[],
    genesisJson: string,
    blocks: { proposer: TestKey; vote?: QbftVote }[],
  ) {
    const t = await openTestChain(genesisJson);
    const genesis = parseGenesis(JSON.parse(genesisJson));
    const epoch = genesis.qbft.epochLength;
    const transitions = genesis.validatorTransitions;
    const afterBlock: Tally[] = [t.validators.tally];
    const byAddress = new Map(keys.map((k) => [k.address, k]));
    for (const { proposer, vote } of blocks) {
      for (const p of t.validators.proposals().keys()) t.validators.discard(p);
      if (vote) t.validators.propose(vote.recipient, vote.add);
      const sealers = t.validators.forHeight(t.headNumber + 1).map((a) => byAddress.get(a)!);
      const stored = await t.produce(proposer, sealers);
      const extra = decodeExtraData(stored.block.header.extraData);
      if (!t.validators.isEpochBlock(t.headNumber)) assert.deepEqual(extra.vote, vote);
      afterBlock.push(t.validators.tally);
      for (let h = 0; h <= t.headNumber; h++) {
        const reopened = ValidatorSet.open(t.chain.store, h, epoch, transitions);
        assert.deepEqual(
          reopened.tally,
          afterBlock[h],
          `tally after block ${h} rebuilt at head ${t.headNumber}`,
        );
      }
    }
    const reopened = ValidatorSet.open(t.chain.store, t.headNumber, epoch, transitions);
    for (let h = 1; h <= t.headNumber; h++) {
      assert.deepEqual(
        reopened.forHeight(h),
        decodeExtraData(t.chain.store.getBlockByNumber(BigInt(h))!.block.header.extraData).validators,
      );
    }
    await t.close();
    return afterBlock;
  }

  it("rebuilds the tally from headers across votes, an addition, a drop and an epoch", async () => {
    const keys = sortedKeys(6);
    const [v0, v1, v2, v3, cand, other] = keys as [TestKey, TestKey, TestKey, TestKey, TestKey, TestKey];
    const founders = [v0, v1, v2, v3].sort((a, b) => (a.address < b.address ? -1 : 1));
    const tallies = await runScenario(keys, testGenesis(founders, { epochLength: 6 }), [
      { proposer: v0, vote: add(cand.address) },
      { proposer: v1, vote: add(cand.address) },
      { proposer: v2, vote: add(cand.address) }, // 3 of 4: added
      { proposer: v3, vote: add(other.address) },
      { proposer: v0, vote: drop(v3.address) },
      { proposer: v1 }, // block 6: epoch, clears the pending votes
      { proposer: cand, vote: drop(v3.address) },
      { proposer: v2, vote: drop(v3.address) },
      { proposer: v1, vote: drop(v3.address) }, // 3 of 5: dropped
      { proposer: v0, vote: add(other.address) },
    ]);
    assert.ok(tallies[3]!.validators.includes(cand.address));
    assert.equal(tallies[5]!.votes.size, 2, "votes for `other` and against v3 pending before the epoch");
    assert.equal(tallies[6]!.votes.size, 0);
    assert.equal(tallies[9]!.validators.includes(v3.address), false);
    assert.equal(tallies[9]!.validators.length, 4);
  });

  it("rebuilds the tally across a genesis transition", async () => {
    const keys = sortedKeys(5);
    const [v0, v1, v2, v3, v4] = keys as [TestKey, TestKey, TestKey, TestKey, TestKey];
    const genesisJson = testGenesis([v0, v1, v2, v3], {
      transitions: [{ block: 3, validators: [v4.address.toUpperCase().replace("0X", "0x"), v1.address] }],
    });
    const tallies = await runScenario(keys, genesisJson, [
      { proposer: v0, vote: add(v4.address) },
      { proposer: v1, vote: drop(v2.address) },
      { proposer: v4, vote: add(v0.address) },
      { proposer: v1, vote: add(v0.address) },
    ]);
    assert.deepEqual(tallies[2]!.validators, [v1.address, v4.address].sort());
    assert.equal(tallies[2]!.votes.size, 0, "the transition dropped pending votes");
    assert.deepEqual(tallies[3]!.validators, [v1.address, v4.address].sort(), "1 of 2 is not more than half");
    assert.deepEqual(tallies[4]!.validators, [v0.address, v1.address, v4.address].sort());
  });
});
