import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PROTOCOL_VERSION } from "../../src/network/messages.ts";
import { type NetworkedPair, startNetworkedPair } from "./networkedPair.ts";
import { CHAIN_ID, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";

interface NodeInfo {
  id: string | null;
  name: string;
  listenAddr: string | null;
  validatorAddress: string | null;
  protocols: {
    civitas: {
      version: number;
      chainId: number;
      genesis: string;
      head: string;
      number: number;
      consensus: { height: number; round: number; validating: boolean } | null;
    };
  };
}

describe("admin_nodeInfo on a lone validator", () => {
  let t: RpcTestNode;
  before(async () => {
    t = await startRpcTestNode();
  });
  after(() => t.close());

  it("describes the node, its chain and its consensus state", async () => {
    const hashOf = async (tag: string) =>
      (await t.rpc<{ hash: string }>("eth_getBlockByNumber", [tag, false])).hash;
    const info = await t.rpc<NodeInfo>("admin_nodeInfo");
    assert.deepEqual(info, {
      id: null,
      name: "civitas-node",
      listenAddr: null,
      validatorAddress: t.validator,
      protocols: {
        civitas: {
          version: PROTOCOL_VERSION,
          chainId: CHAIN_ID,
          genesis: await hashOf("0x0"),
          head: await hashOf("0x0"),
          number: 0,
          consensus: { height: 1, round: 0, validating: true },
        },
      },
    });
    await t.produce();
    const after1 = await t.rpc<NodeInfo>("admin_nodeInfo");
    assert.equal(after1.protocols.civitas.number, 1);
    assert.equal(after1.protocols.civitas.head, await hashOf("latest"));
    assert.equal(after1.protocols.civitas.genesis, info.protocols.civitas.genesis);
    assert.deepEqual(after1.protocols.civitas.consensus, { height: 2, round: 0, validating: true });
  });

  it("refuses parameters with -32602", async () => {
    await t.expectError("admin_nodeInfo", [{}], -32602, /expected 0 parameters, got 1/);
  });
});

describe("admin_nodeInfo on networked nodes", () => {
  let pair: NetworkedPair;
  before(async () => {
    pair = await startNetworkedPair();
  });
  after(() => pair.close());

  it("gives the certificate id, name and listen address; no validator address or consensus on a follower", async () => {
    const validator = await pair.validator.rpc<NodeInfo>("admin_nodeInfo");
    assert.equal(validator.id, pair.validator.cert.fingerprint);
    assert.equal(validator.name, "validator-1");
    assert.equal(validator.listenAddr, `127.0.0.1:${pair.validator.node.network!.port}`);
    assert.equal(validator.validatorAddress, pair.validatorAddress);
    const follower = await pair.follower.rpc<NodeInfo>("admin_nodeInfo");
    assert.equal(follower.id, pair.follower.cert.fingerprint);
    assert.equal(follower.name, "follower-1");
    assert.equal(follower.listenAddr, `127.0.0.1:${pair.follower.node.network!.port}`);
    assert.equal(follower.validatorAddress, null);
    assert.equal(follower.protocols.civitas.consensus, null);
    assert.equal(follower.protocols.civitas.genesis, validator.protocols.civitas.genesis);
  });
});
