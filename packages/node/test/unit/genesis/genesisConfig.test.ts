import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NodeError } from "../../../src/errors.ts";
import { parseGenesis } from "../../../src/genesis/genesisConfig.ts";

// The shape of Besu's QBFT genesis example, as an operator would bring it.
function besuGenesis(): Record<string, unknown> {
  return {
    config: {
      chainId: 1981,
      berlinBlock: 0,
      londonBlock: 0,
      shanghaiTime: 0,
      zeroBaseFee: true,
      qbft: {
        blockperiodseconds: 2,
        emptyblockperiodseconds: 60,
        epochlength: 30000,
        requesttimeoutseconds: 4,
      },
    },
    nonce: "0x0",
    timestamp: "0x58ee40ba",
    gasLimit: "0x1fffffffffffff",
    difficulty: "0x1",
    mixHash: "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
    coinbase: "0x0000000000000000000000000000000000000000",
    extraData:
      "0xf83aa00000000000000000000000000000000000000000000000000000000000000000d594c2ab482b506de561668e07f04547232a72897daf808400000000c0",
    alloc: {
      fe3b557e8fb62b89f4916b721be55ceb828dbd73: { balance: "0xad78ebc5ac6200000" },
      "0x627306090abaB3A6e1400e9345bC60c78a8BEf57": {
        balance: "90000000000000000000000",
        code: "0x6001",
        storage: { "0x01": "0x02" },
      },
    },
  };
}

function rejects(json: unknown, field: RegExp): void {
  assert.throws(
    () => parseGenesis(json),
    (err: unknown) => err instanceof NodeError && err.code === "GENESIS_INVALID" && field.test(err.message),
  );
}

describe("parseGenesis", () => {
  it("reads a Besu QBFT genesis", () => {
    const g = parseGenesis(besuGenesis());
    assert.equal(g.chainId, 1981n);
    assert.deepEqual(g.qbft, {
      blockPeriodSeconds: 2,
      emptyBlockPeriodSeconds: 60,
      requestTimeoutSeconds: 4,
      epochLength: 30000,
    });
    assert.equal(g.gasLimit, 0x1fffffffffffffn);
    assert.equal(g.timestamp, 0x58ee40ban);
    assert.equal(g.alloc.size, 2);
    const contract = g.alloc.get("0x627306090abab3a6e1400e9345bc60c78a8bef57")!;
    assert.equal(contract.balance, 90000000000000000000000n);
    assert.deepEqual([...contract.code!], [0x60, 0x01]);
    assert.deepEqual([...contract.storage.get("01".padStart(64, "0"))!], [0x02]);
    assert.equal(g.alloc.get("0xfe3b557e8fb62b89f4916b721be55ceb828dbd73")!.balance, 0xad78ebc5ac6200000n);
  });

  it("defaults the empty-block period to the block period", () => {
    const json = besuGenesis();
    (json["config"] as { qbft: Record<string, unknown> }).qbft = { blockperiodseconds: 3 };
    assert.equal(parseGenesis(json).qbft.emptyBlockPeriodSeconds, 3);
  });

  it("names the bad field", () => {
    rejects({ ...besuGenesis(), gasLimit: "lots" }, /gasLimit/);
    rejects({ ...besuGenesis(), mixHash: "0x1234" }, /mixHash must be 32 bytes/);
    rejects({ ...besuGenesis(), extraData: "0xabc" }, /extraData/);
    rejects({ ...besuGenesis(), alloc: { nothex: {} } }, /alloc key nothex/);
    rejects({ ...besuGenesis(), config: { chainId: 5 } }, /config\.qbft is required/);
    rejects({ ...besuGenesis(), config: { chainId: 0, qbft: {} } }, /chainId/);
    rejects([], /JSON object/);
  });

  it("refuses fork transitions after genesis and other consensus engines", () => {
    const json = besuGenesis();
    (json["config"] as Record<string, unknown>)["pragueTime"] = 1700000000;
    rejects(json, /pragueTime must be 0/);
    const clique = besuGenesis();
    (clique["config"] as Record<string, unknown>)["clique"] = {};
    rejects(clique, /only QBFT/);
  });

  it("refuses an empty-block period shorter than the block period", () => {
    const json = besuGenesis();
    (json["config"] as { qbft: Record<string, unknown> }).qbft = {
      blockperiodseconds: 5,
      emptyblockperiodseconds: 2,
    };
    rejects(json, /emptyblockperiodseconds/);
  });
});
