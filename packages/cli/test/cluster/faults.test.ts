// One network of 4 validators and 2 read replicas, taken through faults one after another; each
// test leaves every validator running again for the next. Nodes are real `civitas node` processes
// over mutual TLS.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { IDENTITY_REGISTRY_ADDRESS, IdentityRegistry } from "@civitas/contracts";
import { parseCertificates } from "@civitas/pki";
import { encodeFunctionData, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { NETWORK_FILES, nodeDir } from "../../src/network/manifest.ts";
import { Cluster, WAIT_MS } from "./support/cluster.ts";

let cluster: Cluster;
const V = ["validator-1", "validator-2", "validator-3", "validator-4"];

before(async () => {
  cluster = await Cluster.create({ validators: 4, replicas: 2 });
  await cluster.startAll();
});
after(() => cluster?.stopAll());

describe("a network of 4 validators under faults", () => {
  it("makes blocks, and a read replica follows the chain and serves it over JSON-RPC", async () => {
    await cluster.waitForHeight(3, [...V, "replica-1"]);
    const top = await cluster.assertNoFork();
    const info = (await cluster.rpc("replica-1", "admin_nodeInfo")) as { validatorAddress: string | null };
    assert.equal(info.validatorAddress, null);
    const block = await cluster.block("replica-1", top);
    assert.equal(block?.hash, (await cluster.block("validator-1", top))?.hash);
    assert.ok(V.map((v) => cluster.address(v)).includes(block?.miner.toLowerCase()));
  });

  it("goes on with 3 of 4 validators when one is killed, and takes it back", async () => {
    await cluster.kill("validator-4", "SIGKILL");
    await cluster.waitForProgress(3, ["validator-1", "validator-2", "validator-3", "replica-1"]);
    await cluster.assertNoFork();
    await cluster.start("validator-4");
    await cluster.waitForProgress(1, V);
    await cluster.assertNoFork();
  });

  it("stops without forking when 2 of 4 validators are killed, and resumes when one returns", async () => {
    await Promise.all([cluster.kill("validator-3", "SIGKILL"), cluster.kill("validator-4", "SIGKILL")]);
    // A block whose commits were under way may still land on the survivors; then nothing more.
    await cluster.waitFor(
      async () => {
        const h = await cluster.heights(["validator-1", "validator-2"]);
        return h["validator-1"] === h["validator-2"];
      },
      WAIT_MS,
      "the two remaining validators to agree on their head",
    );
    const stalled = await cluster.assertNoProgress(["validator-1", "validator-2", "replica-1"], 6_000);
    await cluster.assertNoFork();
    await cluster.start("validator-3");
    await cluster.waitForHeight(stalled["validator-1"]! + 2, ["validator-1", "validator-2", "validator-3"]);
    await cluster.start("validator-4");
    await cluster.waitForProgress(1, V);
    await cluster.assertNoFork();
  });

  it("takes back a validator whose data was wiped: it syncs from its peers and signs again", async () => {
    await cluster.kill("validator-4", "SIGTERM");
    cluster.wipe("validator-4");
    await cluster.start("validator-4");
    const others = await cluster.heights(["validator-1", "validator-2", "validator-3"]);
    const rejoined = Math.max(...Object.values(others));
    await cluster.waitForHeight(rejoined, ["validator-4"]);
    // It proposes a block of its own (its turn comes every 4 blocks)…
    await cluster.waitForBlockProposedBy(cluster.address("validator-4")!, rejoined, "validator-1");
    // …and with another validator down, no block can be sealed without its commit seal.
    await cluster.kill("validator-1", "SIGKILL");
    await cluster.waitForProgress(3, ["validator-2", "validator-3", "validator-4"]);
    await cluster.assertNoFork();
    await cluster.start("validator-1");
    await cluster.waitForProgress(1, V);
    await cluster.assertNoFork();
  });

  it("resumes from where it was after every validator is killed and restarted", async () => {
    await Promise.all(V.map((v) => cluster.kill(v, "SIGKILL")));
    const before = await cluster.height("replica-1");
    const last = await cluster.block("replica-1", before);
    await cluster.startAll(V);
    await cluster.waitForHeight(before + 3, [...V, "replica-1"]);
    for (const v of V) assert.equal((await cluster.block(v, before))?.hash, last?.hash, v);
    await cluster.assertNoFork();
  });

  it("refuses a node whose certificate was revoked: its peers drop it and it gets no more blocks", async () => {
    const others = [...V, "replica-1"];
    const peerNames = async (name: string) =>
      ((await cluster.rpc(name, "admin_peers")) as { name: string }[]).map((p) => p.name);
    await cluster.waitFor(
      async () => (await peerNames("replica-2")).length > 0,
      WAIT_MS,
      "replica-2 to have peers",
    );
    await cluster.revoke("replica-2");
    // Nodes look at their CRL files every few seconds and drop peers that became revoked.
    await cluster.waitFor(
      async () => {
        for (const name of others) if ((await peerNames(name)).includes("replica-2")) return undefined;
        return (await peerNames("replica-2")).length === 0;
      },
      WAIT_MS,
      "every node to drop replica-2",
    );
    const frozen = await cluster.height("replica-2");
    await cluster.waitForHeight(frozen + 4, V);
    assert.equal(await cluster.height("replica-2"), frozen, "the revoked node still receives blocks");
    for (const name of others) assert.ok(!(await peerNames(name)).includes("replica-2"), name);
    // The nodes that dropped it say why.
    const refusals = cluster
      .logEntries("validator-1")
      .filter((e) => e["msg"] === "peer refused" && e["peer"] === "replica-2");
    assert.ok(
      refusals.some((e) => /revoked/i.test(`${e["code"]} ${e["reason"]}`)),
      `validator-1 logged no refusal of replica-2 for revocation: ${JSON.stringify(refusals)}`,
    );
    await cluster.assertNoFork();
  });

  it("refuses a node whose certificate a registrar revoked on chain: its peers drop it", async () => {
    const others = [...V];
    const peerNames = async (name: string) =>
      ((await cluster.rpc(name, "admin_peers")) as { name: string }[]).map((p) => p.name);
    await cluster.waitFor(
      async () => (await peerNames("replica-1")).length > 0,
      WAIT_MS,
      "replica-1 to have peers",
    );
    // The registrar pushes the revocation of replica-1's certificate into the identity registry.
    const [leaf] = parseCertificates(
      readFileSync(join(nodeDir(cluster.dir, "replica-1"), "tls", "node.crt"), "utf8"),
    );
    assert.ok(leaf);
    const fingerprint =
      `0x${Buffer.from(await crypto.subtle.digest("SHA-256", leaf.rawData)).toString("hex")}` as Hex;
    const keys = JSON.parse(readFileSync(join(cluster.dir, NETWORK_FILES.admins), "utf8")) as {
      registrars: { privateKey: Hex }[];
    };
    const registrar = privateKeyToAccount(keys.registrars[0]!.privateKey);
    const nonce = (await cluster.rpc("validator-1", "eth_getTransactionCount", [
      registrar.address,
      "pending",
    ])) as Hex;
    const raw = await registrar.signTransaction({
      chainId: Number(BigInt((await cluster.rpc("validator-1", "eth_chainId")) as Hex)),
      type: "eip1559",
      nonce: Number(BigInt(nonce)),
      to: IDENTITY_REGISTRY_ADDRESS,
      data: encodeFunctionData({
        abi: IdentityRegistry.abi,
        functionName: "revokeCertificate",
        args: [fingerprint, 1],
      }),
      gas: 200_000n,
      maxFeePerGas: 0n,
      maxPriorityFeePerGas: 0n,
    });
    const hash = await cluster.rpc("validator-1", "eth_sendRawTransaction", [raw]);
    await cluster.waitFor(
      async () =>
        ((await cluster.rpc("validator-1", "eth_getTransactionReceipt", [hash])) as { status: Hex } | null)
          ?.status,
      WAIT_MS,
      "the revocation to be mined",
    );
    // Every node drops it when the revocation is committed (no CRL was changed).
    await cluster.waitFor(
      async () => {
        for (const name of others) if ((await peerNames(name)).includes("replica-1")) return undefined;
        return true;
      },
      WAIT_MS,
      "every validator to drop replica-1",
    );
    const refusals = cluster
      .logEntries("validator-2")
      .filter((e) => e["msg"] === "peer refused" && e["peer"] === "replica-1");
    assert.ok(
      refusals.some((e) => e["code"] === "REVOKED_ON_CHAIN"),
      `validator-2 logged no on-chain refusal of replica-1: ${JSON.stringify(refusals)}`,
    );
    // It stays out: its reconnections are refused at the handshake.
    const frozen = await cluster.height("replica-1");
    await cluster.waitForHeight(frozen + 4, V);
    assert.ok(
      (await cluster.height("replica-1")) <= frozen + 1,
      "the node revoked on chain still receives blocks",
    );
    await cluster.assertNoFork(V);
  });
});
