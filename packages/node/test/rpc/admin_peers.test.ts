import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PROTOCOL_VERSION } from "../../src/network/messages.ts";
import { type NetworkedPair, startNetworkedPair, until } from "./networkedPair.ts";
import { qty, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

interface AdminPeer {
  id: string;
  name: string;
  validatorAddress: string | null;
  network: { localAddress: null; remoteAddress: string; inbound: boolean };
  listenAddress: string | null;
  head: { number: string; hash: string };
  protocols: { civitas: { version: number } };
  connectedAt: string;
}

describe("admin_peers on a lone node", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("is an empty list", async () => {
    assert.deepEqual(await t.rpc("admin_peers"), []);
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("admin_peers", [true], -32602, /expected 0 parameters, got 1/);
  });
});

describe("admin_peers between two connected nodes", () => {
  let pair: NetworkedPair;
  before(async () => {
    pair = await startNetworkedPair();
    await until(
      async () =>
        (await pair.validator.rpc<AdminPeer[]>("admin_peers")).length === 1 &&
        (await pair.follower.rpc<AdminPeer[]>("admin_peers")).length === 1,
      "the two nodes to see each other",
    );
  });
  after(() => pair.close());

  it("describes the peer: certificate id and name, validator address, direction, addresses, head", async () => {
    const started = Date.now();
    const [seenByValidator] = await pair.validator.rpc<AdminPeer[]>("admin_peers");
    const [seenByFollower] = await pair.follower.rpc<AdminPeer[]>("admin_peers");
    assert.ok(seenByValidator && seenByFollower);
    assert.equal(seenByValidator.id, pair.follower.cert.fingerprint);
    assert.equal(seenByValidator.name, "follower-1");
    assert.equal(seenByValidator.validatorAddress, null);
    assert.equal(seenByValidator.network.inbound, true);
    assert.equal(seenByValidator.network.localAddress, null);
    assert.match(seenByValidator.network.remoteAddress, /^127\.0\.0\.1:\d+$/);
    assert.equal(seenByValidator.listenAddress, `127.0.0.1:${pair.follower.node.network!.port}`);

    assert.equal(seenByFollower.id, pair.validator.cert.fingerprint);
    assert.equal(seenByFollower.name, "validator-1");
    assert.equal(seenByFollower.validatorAddress, pair.validatorAddress);
    assert.equal(seenByFollower.network.inbound, false);
    assert.equal(seenByFollower.network.remoteAddress, `127.0.0.1:${pair.validator.node.network!.port}`);
    assert.equal(seenByFollower.listenAddress, `127.0.0.1:${pair.validator.node.network!.port}`);
    const genesisHash = (await pair.validator.rpc<{ hash: string }>("eth_getBlockByNumber", ["0x0", false]))
      .hash;
    assert.deepEqual(seenByFollower.head, { number: qty(0), hash: genesisHash });
    for (const peer of [seenByValidator, seenByFollower]) {
      assert.match(peer.id, /^[0-9a-f]{64}$/);
      assert.deepEqual(peer.protocols, { civitas: { version: PROTOCOL_VERSION } });
      const connectedAt = Date.parse(peer.connectedAt);
      assert.equal(new Date(connectedAt).toISOString(), peer.connectedAt);
      assert.ok(connectedAt <= started);
    }
  });

  it("follows the head the peer announces", async () => {
    const block = await pair.validator.node.produceBlock();
    const hash = `0x${Buffer.from(block.hash).toString("hex")}`;
    await until(async () => {
      const [peer] = await pair.follower.rpc<AdminPeer[]>("admin_peers");
      return peer?.head.number === qty(1) && peer.head.hash === hash;
    }, "the validator's new head in admin_peers");
  });
});
