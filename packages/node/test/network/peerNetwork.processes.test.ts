// The transport between real processes: PeerNetworks in child processes, over mutual TLS with
// certificates of a test CA. Connection, the message types, discovery, a non-validator's
// CONSENSUS, revocation after connecting, reconnection after a kill, and a clean close.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { RLP } from "@ethereumjs/rlp";
import type { PeerProcessConfig } from "./support/peerProcess.ts";
import { type Line, PeerProcess } from "./support/peerProcessClient.ts";
import { createTestPki, type TestNodeCert, type TestPki } from "./support/testPki.ts";

const VALIDATOR_A = "0x52908400098527886E0F7030069857D2E4169EE7";
const VALIDATOR_B = "0x8617E340B3D01FA5F11F306F4090FD50E238070D";
const VALIDATOR_C = "0xde709f2102306220921060314715629080e2fb77";
const GENESIS = `0x${"ab".repeat(32)}`;
const GREETING_CODE = 0x7e;

let dir: string;
let pki: TestPki;
const certs: Record<string, TestNodeCert> = {};
const procs: PeerProcess[] = [];
let a: PeerProcess;
let b: PeerProcess;

async function startPeer(
  name: string,
  staticPeers: string[],
  o: { port?: number; blocks?: number; greeting?: PeerProcessConfig["greeting"] } = {},
): Promise<PeerProcess> {
  const config: PeerProcessConfig = {
    ...certs[name]!.identity,
    roots: pki.roots,
    intermediates: pki.intermediates,
    crls: await pki.crls(),
    port: o.port ?? 0,
    staticPeers,
    chainId: "1337",
    genesisHash: GENESIS,
    validators: [VALIDATOR_A, VALIDATOR_B, VALIDATOR_C],
    blocks: o.blocks ?? 0,
    ...(o.greeting !== undefined ? { greeting: o.greeting } : {}),
  };
  const p = await PeerProcess.start(name, dir, config);
  procs.push(p);
  return p;
}

const addr = (p: PeerProcess): string => `127.0.0.1:${p.port}`;
const isPeerStatus = (id: string) => (l: Line) => l.event === "peerStatus" && l["peer"].id === id;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "civitas-p2p-"));
  pki = await createTestPki();
  certs.a = await pki.issue("node-a", { validatorAddress: VALIDATOR_A });
  certs.b = await pki.issue("node-b", { validatorAddress: VALIDATOR_B });
  certs.c = await pki.issue("node-c", { validatorAddress: VALIDATOR_C });
  certs.d = await pki.issue("follower-d");
  a = await startPeer("a", [], { blocks: 5, greeting: { code: GREETING_CODE, data: "0x0a" } });
  b = await startPeer("b", [addr(a)], { greeting: { code: GREETING_CODE, data: "0x0b" } });
});

after(async () => {
  await Promise.all(procs.map((p) => p.kill()));
  rmSync(dir, { recursive: true, force: true });
});

describe("peer network between processes", () => {
  test("two processes connect and know each other by certificate", async () => {
    const atA = await a.waitFor(isPeerStatus(b.id));
    const atB = await b.waitFor(isPeerStatus(a.id));
    assert.equal(a.id, certs.a!.fingerprint);
    assert.equal(atA["peer"].name, "node-b");
    assert.equal(atA["peer"].validatorAddress, VALIDATOR_B.toLowerCase());
    assert.equal(atA["peer"].direction, "inbound");
    assert.equal(atA["peer"].listenAddress, addr(b));
    assert.equal(atB["peer"].direction, "outbound");
    assert.equal(atB["peer"].validatorAddress, VALIDATOR_A.toLowerCase());
    assert.deepEqual(await a.peerIds(), [b.id]);
    // Told once, as the connection was taken, before the first status.
    const connected = a.lines.filter((l) => l.event === "peerConnected" && l["peer"].id === b.id);
    assert.equal(connected.length, 1);
    assert.ok(a.lines.indexOf(connected[0]!) < a.lines.indexOf(atA));
    // The handler can send to the new peer alone, from the first connection on.
    assert.equal(connected[0]!["greeted"], true);
    const isGreeting = (from: string) => (l: Line) =>
      l.event === "consensus" && l["code"] === GREETING_CODE && l["from"] === from;
    assert.equal((await b.waitFor(isGreeting(a.id)))["data"], "0x0a");
    assert.equal((await a.waitFor(isGreeting(b.id)))["data"], "0x0b");
  });

  test("CONSENSUS, TRANSACTIONS and STATUS travel between them", async () => {
    a.send({ cmd: "consensus", code: 0x12, data: "0xc0ffee" });
    const consensus = await b.waitFor((l) => l.event === "consensus" && l["code"] === 0x12);
    assert.equal(consensus["data"], "0xc0ffee");
    assert.equal(consensus["from"], a.id);

    b.send({ cmd: "transactions", txs: ["0x01", "0x02f87001", "0x"] });
    const txs = await a.waitFor((l) => l.event === "transactions");
    assert.deepEqual(txs["txs"], ["0x01", "0x02f87001", "0x"]);
    assert.equal(txs["from"], b.id);

    const since = b.lines.length;
    a.send({ cmd: "announce", height: 42, hash: `0x${"42".repeat(32)}` });
    const status = await b.waitFor((l) => isPeerStatus(a.id)(l) && l["peer"].headHeight === 42, since);
    assert.equal(status["peer"].headHash, `0x${"42".repeat(32)}`);
    // A new head is a status, not a new connection.
    assert.ok(!b.lines.slice(since).some((l) => l.event === "peerConnected"));
  });

  test("GET_BLOCKS returns the blocks the peer has, and fails clearly for an unknown peer", async () => {
    const answer = await b.ask({ cmd: "request", peerId: a.id, from: 3, count: 10 });
    assert.equal(answer.event, "blocks", JSON.stringify(answer));
    const blocks = (answer["blocks"] as string[]).map((h) =>
      RLP.decode(Buffer.from(h.slice(2), "hex")),
    ) as Uint8Array[][];
    assert.deepEqual(
      blocks.map(([n, text]) => [Buffer.from(n!).readUIntBE(0, n!.length), Buffer.from(text!).toString()]),
      [
        [3, "block 3"],
        [4, "block 4"],
      ],
    );
    const none = await b.ask({ cmd: "request", peerId: a.id, from: 5, count: 1 });
    assert.deepEqual(none["blocks"], []);
    const unknown = await b.ask({ cmd: "request", peerId: "00".repeat(32), from: 0, count: 1 });
    assert.equal(unknown.event, "requestFailed");
    assert.equal(unknown.code, "P2P_REQUEST_FAILED");
    assert.match(unknown["message"], /not connected/);
  });

  test("discovery: a node given only B as static peer is connected to A too", async () => {
    const c = await startPeer("c", [addr(b)]);
    await c.waitForPeers((ids) => ids.includes(a.id) && ids.includes(b.id));
    await a.waitForPeers((ids) => ids.includes(c.id));
    // Exactly one connection per pair, on both sides.
    assert.deepEqual(await c.peerIds(), [a.id, b.id].sort());
    assert.deepEqual(await a.peerIds(), [b.id, c.id].sort());
    c.send({ cmd: "close" });
    await c.exited;
    await a.waitForPeers((ids) => !ids.includes(c.id));
  });

  test("a non-validator's CONSENSUS is dropped, its TRANSACTIONS pass; revoking it drops it", async () => {
    const d = await startPeer("d", [addr(a)]);
    await a.waitFor(isPeerStatus(d.id));
    // Consensus messages go to validators only: the greeting to d is not sent.
    const connected = await a.waitFor((l) => l.event === "peerConnected" && l["peer"].id === d.id);
    assert.equal(connected["greeted"], false);
    const since = a.lines.length;
    d.send({ cmd: "consensus", code: 1, data: "0x01" });
    d.send({ cmd: "transactions", txs: ["0xd0"] });
    const txs = await a.waitFor((l) => l.event === "transactions" && l["from"] === d.id, since);
    assert.deepEqual(txs["txs"], ["0xd0"]);
    const stats = (await a.ask({ cmd: "stats" }))["stats"];
    assert.ok(stats.messagesIn.CONSENSUS >= 1, JSON.stringify(stats));
    assert.equal(stats.dropped.CONSENSUS, 1);
    assert.equal(
      a.lines.slice(since).some((l) => l.event === "consensus" && l["from"] === d.id),
      false,
    );
    await a.waitFor((l) => /CONSENSUS from a peer that is not a current validator/.test(l.msg ?? ""), since);

    // Revoked after it connected: a new CRL and reverifyPeers drop it.
    pki.revoke(certs.d!);
    const before = a.lines.length;
    await a.ask({ cmd: "setCrls", crls: await pki.crls() });
    const gone = await a.waitFor((l) => l.event === "peerGone" && l["peer"].id === d.id, before);
    assert.match(gone.reason!, /^REVOKED: .*revoked on/);
    const after = (await a.ask({ cmd: "stats" }))["stats"];
    assert.ok(after.refused.REVOKED >= 1);
    assert.ok(!(await a.peerIds()).includes(d.id));
    await d.kill();
  });

  test("a killed peer is redialled once it is back", async () => {
    const port = b.port;
    const since = a.lines.length;
    await b.kill();
    await a.waitFor((l) => l.event === "peerGone" && l["peer"].id === b.id, since);
    b = await startPeer("b", [addr(a)], { port });
    const back = await a.waitFor(isPeerStatus(b.id), since);
    assert.equal(back["peer"].name, "node-b");
    // The new connection is told like the first: the restarted peer gets a's greeting.
    const reconnected = await a.waitFor((l) => l.event === "peerConnected" && l["peer"].id === b.id, since);
    assert.equal(reconnected["greeted"], true);
    const greeting = await b.waitFor((l) => l.event === "consensus" && l["from"] === a.id);
    assert.deepEqual([greeting["code"], greeting["data"]], [GREETING_CODE, "0x0a"]);
    const peers = (await a.ask({ cmd: "peers" }))["peers"] as Array<{ id: string; name: string }>;
    assert.deepEqual(
      peers.map((p) => p.id),
      [b.id],
      JSON.stringify(peers),
    );
  });

  test("a peer restarted on its port is redialled by the node that knew it", async () => {
    // This time the restarted peer does not dial: the other side must.
    const port = b.port;
    const since = a.lines.length;
    await b.kill();
    await a.waitFor((l) => l.event === "peerGone" && l["peer"].id === b.id, since);
    b = await startPeer("b", [], { port });
    const back = await a.waitFor(isPeerStatus(b.id), since);
    assert.equal(back["peer"].direction, "outbound");
  });

  test("close() leaves nothing that keeps the process alive", async () => {
    const closed = await a.ask({ cmd: "close" });
    const resources = closed["resources"] as string[];
    for (const r of ["TCPServerWrap", "TCPSocketWrap", "TLSWrap", "Timeout"]) {
      assert.ok(!resources.includes(r), `${r} still active: ${resources.join(", ")}`);
    }
    assert.equal(await a.exited, 0);
    const gone = await b.waitFor((l) => l.event === "peerGone" && l["peer"].id === a.id);
    assert.match(gone.reason!, /SHUTDOWN|closed/);
  });
});
