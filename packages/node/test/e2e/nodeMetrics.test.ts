// The metrics endpoint of running nodes reports what the nodes do: height, peers, validator role,
// block imports and peer-to-peer messages (a validator and a follower joined over mutual TLS).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type NetworkedPair, startNetworkedPair, until } from "../rpc/networkedPair.ts";

let pair: NetworkedPair;

before(async () => {
  pair = await startNetworkedPair({ metrics: true });
});

after(async () => {
  await pair?.close();
});

async function scrape(which: "validator" | "follower"): Promise<Map<string, number>> {
  const server = pair[which].node.metrics;
  assert.ok(server, `${which} serves metrics`);
  const text = await (await fetch(`${server.url}`)).text();
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const at = line.lastIndexOf(" ");
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

describe("node metrics", () => {
  it("report the height, peers, role, block imports and messages of each node", async () => {
    await until(async () => pair.follower.node.network!.peers().length === 1, "the pair connected");
    await pair.validator.node.produceBlock();
    await pair.validator.node.produceBlock();
    await until(
      async () => Number(pair.follower.node.chain.head.block.header.number) === 2,
      "the follower synced block 2",
    );
    // Transport counters are mirrored into the registry every 2 s.
    await until(
      async () =>
        ((await scrape("follower")).get('civitas_p2p_messages_received_total{type="BLOCKS"}') ?? 0) > 0,
      "the follower's BLOCKS counter",
      15_000,
    );
    const validator = await scrape("validator");
    const follower = await scrape("follower");
    for (const [name, m] of [
      ["validator", validator],
      ["follower", follower],
    ] as const) {
      assert.equal(m.get("civitas_chain_height"), 2, `${name} height`);
      assert.equal(m.get("civitas_p2p_peers"), 1, `${name} peers`);
      assert.equal(m.get("civitas_txpool_pending"), 0, `${name} pool`);
      assert.equal(m.get("civitas_block_import_seconds_count"), 2, `${name} block imports`);
    }
    assert.equal(validator.get("civitas_qbft_is_validator"), 1);
    assert.equal(follower.get("civitas_qbft_is_validator"), 0);
    assert.ok((follower.get('civitas_p2p_messages_sent_total{type="GET_BLOCKS"}') ?? 0) >= 1);
    assert.ok((validator.get('civitas_p2p_messages_received_total{type="GET_BLOCKS"}') ?? 0) >= 1);
  });
});
