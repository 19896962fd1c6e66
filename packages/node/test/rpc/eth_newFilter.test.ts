import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Hex, pad, toHex } from "viem";
import { type LogChain, mineLogChain, RECORDED_TOPIC } from "./logFixture.ts";
import { recorderCall } from "./recorder.ts";
import { type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcLog } from "./rpcTypes.ts";

describe("eth_newFilter", () => {
  let t: RpcTestNode;
  let chain: LogChain;
  before(async () => {
    t = await startRpcTestNode();
    chain = await mineLogChain(t);
  });
  after(() => t.close());

  /** Mines one block in which account `who` records `amount` on contract `c`; returns the tx hash. */
  const record = async (who: number, c: Hex, amount: bigint): Promise<Hex> =>
    (
      await t.mine(t.accounts[who]!, {
        to: c,
        value: 0n,
        data: recorderCall("record", [amount, "f"]),
        gas: 200_000n,
      })
    ).hash;

  it("returns a fresh 0x-hex id for each filter", async () => {
    const ids = [
      await t.rpc<string>("eth_newFilter", [{}]),
      await t.rpc<string>("eth_newFilter", [{ fromBlock: "0x0" }]),
    ];
    for (const id of ids) assert.match(id, /^0x[0-9a-f]+$/);
    assert.notEqual(ids[0], ids[1]);
  });

  it("reports, by address, only logs of blocks mined after installation", async () => {
    const [c0, c1] = chain.contracts;
    const id = await t.rpc<string>("eth_newFilter", [{ fromBlock: "0x0", address: c0 }]);
    assert.deepEqual(await t.rpc("eth_getFilterChanges", [id]), []);
    const mine0 = await record(0, c0, 11n);
    await record(1, c1, 12n);
    const changes = await t.rpc<RpcLog[]>("eth_getFilterChanges", [id]);
    assert.deepEqual(
      changes.map((l) => [l.address, l.transactionHash, l.topics[2]]),
      [[c0, mine0, pad(toHex(11n))]],
    );
  });

  it("matches topics with wildcards", async () => {
    const [c0, c1] = chain.contracts;
    const bob = pad(t.accounts[1]!.address);
    const id = await t.rpc<string>("eth_newFilter", [{ topics: [RECORDED_TOPIC, bob] }]);
    await record(0, c0, 21n);
    const mine = await record(1, c1, 22n);
    const changes = await t.rpc<RpcLog[]>("eth_getFilterChanges", [id]);
    assert.deepEqual(
      changes.map((l) => l.transactionHash),
      [mine],
    );
  });

  it("starts at a future fromBlock and stops after toBlock", async () => {
    const c0 = chain.contracts[0];
    const head = BigInt(await t.rpc<Hex>("eth_blockNumber"));
    const id = await t.rpc<string>("eth_newFilter", [
      { fromBlock: toHex(head + 2n), toBlock: toHex(head + 3n), address: c0 },
    ]);
    await record(0, c0, 31n);
    const inWindow = [await record(0, c0, 32n), await record(0, c0, 33n)];
    await record(0, c0, 34n);
    const changes = await t.rpc<RpcLog[]>("eth_getFilterChanges", [id]);
    assert.deepEqual(
      changes.map((l) => l.transactionHash),
      inWindow,
    );
    assert.deepEqual(
      changes.map((l) => BigInt(l.blockNumber)),
      [head + 2n, head + 3n],
    );
  });

  it("refuses blockHash, which pins one past block while a filter follows new ones", async () => {
    const head = await t.rpc<{ hash: Hex }>("eth_getBlockByNumber", ["latest", false]);
    await t.expectError("eth_newFilter", [{ blockHash: head.hash }], -32602, /blockHash .* eth_getLogs/);
  });

  it("refuses a malformed filter with -32602 naming the field", async () => {
    await t.expectError("eth_newFilter", [{ address: "0x01" }], -32602, /address must be a 20-byte/);
    await t.expectError("eth_newFilter", [{ topics: "0x01" }], -32602, /topics must be an array/);
    await t.expectError("eth_newFilter", [{ toBlock: 5 }], -32602, /toBlock must be a block number or tag/);
    await t.expectError("eth_newFilter", [], -32602, /expected 1 parameters, got 0/);
  });
});
