import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeExtraData, encodeExtraData, type QbftExtraData } from "@civitas/qbft";
import type { Block } from "@ethereumjs/block";
import { createLegacyTx } from "@ethereumjs/tx";
import { bigIntToUnpaddedBytes, bytesToHex, createAddressFromString } from "@ethereumjs/util";
import { commitSealHash } from "../../../src/chain/blockHashing.ts";
import { NodeQbftBlock } from "../../../src/consensus/nodeBlock.ts";
import { signHash } from "../../../src/crypto/nativeCrypto.ts";
import { checkRawTx } from "../../../src/txpool/validateTx.ts";
import { common, newKey, transfer } from "../helpers.ts";
import {
  openTestChain,
  rebuildBlock,
  removeTestDirs,
  seal,
  sortedKeys,
  type TestChain,
  type TestKey,
  testGenesis,
} from "./testChain.ts";

// Positions in the header's RLP field list.
const PARENT_HASH = 0;
const COINBASE = 2;
const STATE_ROOT = 3;
const RECEIPTS_ROOT = 5;
const DIFFICULTY = 7;
const NUMBER = 8;
const GAS_LIMIT = 9;
const GAS_USED = 10;
const TIMESTAMP = 11;
const EXTRA_DATA = 12;
const MIX_HASH = 13;
const NONCE = 14;

const keys = sortedKeys(4);
const [v0, v1, v2, v3] = keys as [TestKey, TestKey, TestKey, TestKey];
const outsider = newKey() as TestKey;
const alice = newKey();
const bob = newKey();
const RECIPIENT = createAddressFromString(bob.address);
const limits = { maxTxBytes: 131072, maxGas: 30_000_000n, minGasPrice: 0n };

/** Two nodes of the same 4-validator network: `a` proposes, `b` checks what it receives. */
let a: TestChain;
let b: TestChain;

before(async () => {
  const genesisJson = testGenesis(keys, { epochLength: 2, accounts: [alice.address] });
  a = await openTestChain(genesisJson);
  b = await openTestChain(genesisJson);
});
after(async () => {
  await a.close();
  await b.close();
  removeTestDirs();
});

const int = (n: bigint | number) => bigIntToUnpaddedBytes(BigInt(n));
const withExtra = (fields: Uint8Array[], change: Partial<QbftExtraData>) => {
  fields[EXTRA_DATA] = encodeExtraData({ ...decodeExtraData(fields[EXTRA_DATA]!), ...change });
};
const proposal = (block: Block) => new NodeQbftBlock(block);

async function expectRefused(block: Block, reason: RegExp): Promise<void> {
  const check = await b.pipeline.validate(proposal(block));
  assert.equal(check.valid, false, `expected a refusal matching ${reason}`);
  assert.match((check as { reason: string }).reason, reason);
}

describe("BlockPipeline.validate refuses a proposal that breaks a rule, saying which", () => {
  let base: Block;
  before(async () => {
    // Block 1 carries a transfer, so that its roots and gas are not those of an empty block.
    await a.pool.add(
      checkRawTx(transfer(alice.key, 0n, { to: bob.address, value: 5n }).serialize(), common, limits),
    );
    base = (await a.build(v1.address)).block;
    assert.equal(base.transactions.length, 1);
  });

  it("wrong parent hash", async () => {
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[PARENT_HASH] = new Uint8Array(32).fill(0x11);
      }),
      new RegExp(`parent hash 0x${"11".repeat(32)} is not the head 0x[0-9a-f]{64}`),
    );
  });

  it("wrong number", async () => {
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[NUMBER] = int(2);
      }),
      /number 2 does not follow the head 0/,
    );
  });

  it("a proposal for a height already in the chain is stale, with its own reason", async () => {
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[NUMBER] = int(0);
      }),
      /already in the chain: block 0 was imported meanwhile/,
    );
  });

  it("timestamp less than a block period after the parent's", async () => {
    const parent = b.chain.head.block.header.timestamp;
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[TIMESTAMP] = int(parent);
      }),
      new RegExp(`timestamp ${parent} is less than 1 s after the parent's ${parent}`),
    );
  });

  it("timestamp in the future", async () => {
    const later = Math.floor(Date.now() / 1000) + 600;
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[TIMESTAMP] = int(later);
      }),
      new RegExp(`timestamp ${later} is in the future`),
    );
  });

  it("gas limit different from the parent's", async () => {
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[GAS_LIMIT] = int(30_000_001n);
      }),
      /gas limit 30000001 differs from the parent's 30000000/,
    );
  });

  it("difficulty, mixHash or nonce other than QBFT's constants", async () => {
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[DIFFICULTY] = int(2);
      }),
      /difficulty must be 1/,
    );
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[MIX_HASH] = new Uint8Array(32);
      }),
      /mixHash is not the QBFT constant/,
    );
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[NONCE] = new Uint8Array(8).fill(1);
      }),
      /nonce must be zero/,
    );
  });

  it("validators in extraData other than the set of its height", async () => {
    await expectRefused(
      rebuildBlock(base, (f) => withExtra(f, { validators: [v0.address, v1.address, v2.address] })),
      new RegExp(
        `extraData lists validators \\[${v0.address}, ${v1.address}, ${v2.address}\\], expected \\[${keys.map((k) => k.address).join(", ")}\\]`,
      ),
    );
    await expectRefused(
      rebuildBlock(base, (f) =>
        withExtra(f, { validators: [v3.address, v2.address, v1.address, v0.address] }),
      ),
      /extraData lists validators/,
    );
  });

  it("coinbase that is not a validator", async () => {
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[COINBASE] = createAddressFromString(outsider.address).bytes;
      }),
      new RegExp(`coinbase ${outsider.address} is not a validator`),
    );
  });

  it("commit seals in a proposal", async () => {
    const sealed = rebuildBlock(base, (f) => withExtra(f, { seals: seal(proposal(base), [v0]) }));
    await expectRefused(sealed, /a proposed block must not carry commit seals/);
  });

  it("stateRoot, receiptsRoot or gasUsed that execution does not produce", async () => {
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[STATE_ROOT] = new Uint8Array(32).fill(0x22);
      }),
      /stateRoot does not match execution/,
    );
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[RECEIPTS_ROOT] = new Uint8Array(32).fill(0x33);
      }),
      /receiptsRoot does not match execution/,
    );
    await expectRefused(
      rebuildBlock(base, (f) => {
        f[GAS_USED] = int(21_001);
      }),
      /gasUsed does not match execution/,
    );
  });

  it("transactions other than those the header commits to", async () => {
    // The same transfer as a legacy transaction: the same state afterwards, another transactions root.
    const legacy = createLegacyTx(
      { nonce: 0n, to: RECIPIENT, value: 5n, gasLimit: 21_000n, gasPrice: 0n },
      { common },
    ).sign(alice.key);
    await expectRefused(
      rebuildBlock(base, () => undefined, [legacy]),
      /transactionsRoot does not match execution/,
    );
    await expectRefused(
      rebuildBlock(base, () => undefined, []),
      /stateRoot does not match execution/,
    );
    const other = transfer(alice.key, 0n, { to: bob.address, value: 6n });
    await expectRefused(
      rebuildBlock(base, () => undefined, [other]),
      /does not match execution/,
    );
  });

  it("leaves the receiving chain where it was", () => {
    assert.equal(b.headNumber, 0);
    assert.equal(b.committed.length, 0);
  });
});

describe("a proposal from another validator's pipeline", () => {
  it("validates, and commits with its seals to the same block on both nodes", async () => {
    a.validators.propose(outsider.address, true);
    const block = await a.build(v1.address);
    assert.deepEqual(decodeExtraData(block.block.header.extraData).vote, {
      recipient: outsider.address,
      add: true,
    });
    assert.deepEqual(await b.pipeline.validate(block), { valid: true });
    const seals = seal(block, [v0, v1, v3]);
    assert.equal(await b.pipeline.commitDecided(block, seals), true);
    assert.equal(await a.pipeline.commitDecided(block, seals), true);
    assert.equal(await a.pipeline.commitDecided(block, seals), false, "the tip moved past it");
    await Promise.all([a.chain.settled(), b.chain.settled()]);
    assert.equal(b.headNumber, 1);
    assert.equal(bytesToHex(b.chain.head.hash), bytesToHex(a.chain.head.hash));
    const extra = decodeExtraData(b.chain.head.block.header.extraData);
    assert.equal(extra.seals.length, 3);
    assert.deepEqual(
      extra.seals.map((s) => bytesToHex(s)),
      seals.map((s) => bytesToHex(s)),
    );
    assert.equal(b.chain.head.block.transactions.length, 1);
    assert.deepEqual(b.validators.tally, a.validators.tally, "both count v1's vote");
    assert.equal(b.committed.length, 1);
    a.validators.discard(outsider.address);
  });

  it("refuses a vote in an epoch block (block 2 of an epoch of 2), and casts none there", async () => {
    a.validators.propose(outsider.address, true);
    const built = await a.build(v2.address);
    assert.equal(decodeExtraData(built.block.header.extraData).vote, undefined);
    await expectRefused(
      rebuildBlock(built.block, (f) => withExtra(f, { vote: { recipient: outsider.address, add: true } })),
      /an epoch block must not carry a vote/,
    );
    a.validators.discard(outsider.address);
  });

  it("refuses commit seals in a proposal even after validating the same block without them", async () => {
    const built = await a.build(v2.address);
    assert.deepEqual(await b.pipeline.validate(built), { valid: true });
    const sealed = rebuildBlock(built.block, (f) => withExtra(f, { seals: seal(built, [v0]) }));
    await expectRefused(sealed, /a proposed block must not carry commit seals/);
  });
});

describe("BlockPipeline.importSealed", () => {
  let block2: Block;
  let block3: Block;
  before(async () => {
    // Node a decides blocks 2 and 3; node b, at block 1, receives them as a syncing peer would.
    block2 = (await a.produce(v2, [v0, v2, v3])).block;
    block3 = (await a.produce(v3, [v1, v2, v3])).block;
    assert.equal(b.headNumber, 1);
  });

  const reseal = (block: Block, seals: Uint8Array[]) => rebuildBlock(block, (f) => withExtra(f, { seals }));
  const sealsOf = (block: Block, signers: TestKey[]) =>
    signers.map((s) => signHash(commitSealHash(block.header), s.key));

  async function expectImportRefused(block: Block, reason: RegExp): Promise<void> {
    await assert.rejects(b.pipeline.importSealed(block), (err: Error & { code?: string }) => {
      assert.equal(err.code, "BLOCK_INVALID");
      assert.match(err.message, reason);
      return true;
    });
    assert.equal(b.headNumber, 1, "nothing was committed");
  }

  it("refuses too few seals", async () => {
    await expectImportRefused(
      reseal(block2, sealsOf(block2, [v0, v1])),
      /block 2: 2 commit seals, 3 needed of 4 validators/,
    );
    await expectImportRefused(reseal(block2, []), /block 2: 0 commit seals, 3 needed/);
  });

  it("refuses a seal by a non-validator", async () => {
    await expectImportRefused(
      reseal(block2, sealsOf(block2, [v0, v1, outsider])),
      new RegExp(`block 2: commit seal by ${outsider.address}, who is not a validator`),
    );
  });

  it("refuses duplicated seals", async () => {
    const [s0, s1] = sealsOf(block2, [v0, v1]) as [Uint8Array, Uint8Array];
    await expectImportRefused(
      reseal(block2, [s0, s1, s0]),
      new RegExp(`block 2: two commit seals by ${v0.address}`),
    );
  });

  it("refuses seals over another block", async () => {
    await expectImportRefused(
      reseal(block2, sealsOf(block3, [v0, v1, v2])),
      /block 2: commit seal by 0x[0-9a-f]{40}, who is not a validator/,
    );
  });

  it("refuses a block that does not follow the head, and a header that breaks a rule", async () => {
    await expectImportRefused(block3, /block 3: number 3 does not follow the head 1/);
    await expectImportRefused(
      rebuildBlock(block2, (f) => {
        f[EXTRA_DATA] = Uint8Array.of(1, 2, 3);
      }),
      /block 2: extraData: /,
    );
  });

  it("refuses a properly sealed block whose execution does not match its header", async () => {
    const tampered = rebuildBlock(block2, (f) => {
      f[STATE_ROOT] = new Uint8Array(32).fill(0x44);
      withExtra(f, { seals: [] });
    });
    await expectImportRefused(
      reseal(tampered, sealsOf(tampered, [v0, v1, v2])),
      /block 2: stateRoot does not match execution/,
    );
  });

  it("imports properly sealed blocks in order, and ignores one at or below the head", async () => {
    const stored2 = await b.pipeline.importSealed(reseal(block2, sealsOf(block2, [v3, v1, v0])));
    assert.ok(stored2);
    assert.equal(bytesToHex(stored2.hash), bytesToHex(a.chain.store.getBlockByNumber(2n)!.hash));
    const stored3 = await b.pipeline.importSealed(block3);
    assert.ok(stored3);
    assert.equal(b.headNumber, 3);
    await b.chain.settled();
    assert.equal(bytesToHex(b.chain.head.hash), bytesToHex(a.chain.head.hash));
    assert.deepEqual(b.validators.tally, a.validators.tally);
    assert.equal(await b.pipeline.importSealed(block2), undefined);
    assert.equal(b.committed.length, 3);
  });
});
