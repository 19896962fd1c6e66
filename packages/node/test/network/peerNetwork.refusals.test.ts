// What the transport refuses, and that a misbehaving peer never hurts the others: certificates
// of an unknown CA, expired or revoked; another chain's genesis; protocol versions older and newer
// than the node's; oversize frames, garbage and messages before HELLO from a raw TLS client with
// a valid certificate; back-pressure; request timeouts; simultaneous dials; dialling oneself; a
// busy port.
import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import type { TrustStore } from "@civitas/pki";
import { pino } from "pino";
import { NodeError } from "../../src/errors.ts";
import { FrameDecoder } from "../../src/network/framing.ts";
import {
  decodeMessage,
  type Message,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
} from "../../src/network/messages.ts";
import { PeerNetwork } from "../../src/network/peerNetwork.ts";
import { eventually, RawPeer, type Recorded, refusedWith, startRecorded } from "./support/inProcessPeer.ts";
import { createTestPki, type TestNodeCert, type TestPki } from "./support/testPki.ts";

const MAX_MESSAGE = 1024 * 1024;
let pki: TestPki;
let trust: TrustStore;
const certs: Record<string, TestNodeCert> = {};
const started: Recorded[] = [];
let n: Recorded;
let g: Recorded;

async function start(name: string, o: Parameters<typeof startRecorded>[2] = {}): Promise<Recorded> {
  const r = await startRecorded(certs[name]!, trust, o);
  started.push(r);
  return r;
}

const addressOf = (r: Recorded): string => `127.0.0.1:${r.network.port}`;
const connectedTo = (r: Recorded, id: string): boolean => r.network.peers().some((p) => p.id === id);

function messagesOf(raw: RawPeer): Message[] {
  const frames = new FrameDecoder(64 * 1024 * 1024).push(Buffer.concat(raw.received));
  return frames.map((f) => decodeMessage(f.type, f.payload));
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The good peer G still works with N: a CONSENSUS from N reaches it. */
async function othersUnaffected(): Promise<void> {
  assert.ok(connectedTo(n, g.network.id), "G is still connected to N");
  const before = g.consensus.length;
  n.network.broadcastConsensus(3, new Uint8Array([1, 2, 3]));
  await eventually(() => g.consensus.length > before, "CONSENSUS from N at G");
  assert.deepEqual([...g.consensus.at(-1)!.data], [1, 2, 3]);
}

before(async () => {
  pki = await createTestPki();
  certs.n = await pki.issue("node-n", { validatorAddress: "0x1111111111111111111111111111111111111111" });
  certs.g = await pki.issue("node-g", { validatorAddress: "0x2222222222222222222222222222222222222222" });
  certs.raw = await pki.issue("raw-client", {
    validatorAddress: "0x3333333333333333333333333333333333333333",
  });
  certs.follower = await pki.issue("follower");
  certs.p = await pki.issue("node-p");
  certs.q = await pki.issue("node-q");
  certs.s = await pki.issue("node-s");
  certs.bp = await pki.issue("node-bp");
  certs.moved = await pki.issue("node-moved", { dnsNames: ["old-host.example"], ipAddresses: ["10.9.9.9"] });
  certs.dialer = await pki.issue("node-dialer");
  certs.twin = await pki.issue("node-twin");
  certs.mover = await pki.issue("node-mover");
  certs.crosser = await pki.issue("node-crosser");
  certs.swapper = await pki.issue("node-swapper", {
    validatorAddress: "0x4444444444444444444444444444444444444444",
  });
  certs.sw = await pki.issue("node-sw");
  // For the dial race: the raw peer must hold the higher fingerprint (its connection then loses).
  const pair = [await pki.issue("node-race-1"), await pki.issue("node-race-2")].sort((a, b) =>
    a.fingerprint < b.fingerprint ? -1 : 1,
  );
  certs.raceLow = pair[0]!;
  certs.raceHigh = pair[1]!;
  certs.rogue = await pki.issue("rogue-node", { rogue: true });
  certs.expired = await pki.issue("expired-node", { expired: true });
  certs.revoked = await pki.issue("revoked-node");
  pki.revoke(certs.revoked);
  trust = await pki.trust();
  n = await start("n", { maxMessageBytes: MAX_MESSAGE });
  g = await start("g", { staticPeers: [addressOf(n)] });
  await eventually(() => connectedTo(n, g.network.id), "G connected to N");
});

after(async () => {
  await Promise.all(started.map((r) => r.network.close()));
});

describe("peer network refusals", () => {
  test("certificates of an unknown CA, expired or revoked are refused, with the reason logged and counted", async () => {
    const cases: Array<[string, string, RegExp]> = [
      ["rogue", "UNKNOWN_ISSUER", /no trusted issuer found for "CN=Rogue Nodes CA"/],
      ["expired", "EXPIRED", /"CN=expired-node" expired on/],
      ["revoked", "REVOKED", /"CN=revoked-node": revoked on .*keyCompromise/],
    ];
    for (const [name, code, reason] of cases) {
      // The server may close before or after the client has checked the server's certificate.
      const raw = await RawPeer.connect(certs[name]!, trust, n.network.port).catch(() => undefined);
      if (raw !== undefined) {
        await raw.closed;
        assert.equal(Buffer.concat(raw.received).length, 0, "not a byte for a refused peer");
      }
      const log = await eventually(() => n.logs.find(refusedWith(code)), `${code} logged`);
      assert.match(String(log["reason"]), reason);
      assert.equal(n.network.stats().refused[code], 1);
    }
    // And when dialling: the server's certificate is checked too.
    const rogue = await start("rogue");
    const dialler = await start("follower", { staticPeers: [addressOf(rogue)] });
    const log = await eventually(() => dialler.logs.find(refusedWith("UNKNOWN_ISSUER")), "dialler refuses");
    assert.match(String(log["reason"]), /Rogue Nodes CA/);
    assert.deepEqual(dialler.network.peers(), []);
    await dialler.network.close();
    await rogue.network.close();
    await othersUnaffected();
  });

  test("a peer on another chain (genesis) is refused at HELLO, on both sides", async () => {
    const other = await start("p", {
      genesisHash: new Uint8Array(32).fill(0xcd),
      staticPeers: [addressOf(n)],
    });
    const atN = await eventually(() => n.logs.find(refusedWith("GENESIS_MISMATCH")), "N refuses");
    assert.match(String(atN["reason"]), /genesis is 0xcdcd.*different networks/);
    await eventually(() => other.network.stats().refused["GENESIS_MISMATCH"], "the other side refuses");
    assert.ok(!connectedTo(n, other.network.id));
    await other.network.close();
  });

  test("an oversize frame disconnects the peer; the others are unaffected", async () => {
    const raw = await RawPeer.connect(certs.raw!, trust, n.network.port);
    raw.hello();
    await eventually(() => connectedTo(n, certs.raw!.fingerprint), "raw peer registered");
    const header = Buffer.alloc(5);
    header.writeUInt32BE(MAX_MESSAGE + 1, 0);
    header[4] = 0x11;
    raw.write(header);
    await raw.closed;
    const log = await eventually(() => n.logs.find(refusedWith("FRAME_TOO_LARGE")), "oversize refused");
    assert.match(
      String(log["reason"]),
      new RegExp(`${MAX_MESSAGE + 1} bytes exceeds the limit of ${MAX_MESSAGE}`),
    );
    assert.equal(messagesOf(raw).at(-1)?.kind, "DISCONNECT");
    await eventually(() => !connectedTo(n, certs.raw!.fingerprint), "raw peer gone");
    await othersUnaffected();
  });

  test("garbage bytes, malformed RLP and unknown types disconnect the peer; the others are unaffected", async () => {
    const attempts: Array<[string, Buffer]> = [
      ["FRAME_TOO_LARGE", Buffer.from("GET / HTTP/1.1\r\nHost: node\r\n\r\n")],
      ["MALFORMED_MESSAGE", Buffer.from([0, 0, 0, 3, 0x00, 0xff, 0x01])],
      ["UNKNOWN_MESSAGE_TYPE", Buffer.from([0, 0, 0, 2, 0x7e, 0xc0])],
      ["FRAME_EMPTY", Buffer.from([0, 0, 0, 0])],
    ];
    for (const [code, bytes] of attempts) {
      const raw = await RawPeer.connect(certs.raw!, trust, n.network.port);
      raw.write(bytes);
      await raw.closed;
      await eventually(() => n.logs.find(refusedWith(code)), `${code} logged`);
      const last = messagesOf(raw).at(-1);
      assert.equal(last?.kind === "DISCONNECT" && last.code, code);
    }
    await othersUnaffected();
  });

  test("protocol versions: an older peer is spoken to in its version, a newer one in ours, a too old one is refused", async () => {
    const connect = async (version: number): Promise<RawPeer> => {
      const raw = await RawPeer.connect(certs.raw!, trust, n.network.port);
      raw.hello({ version });
      return raw;
    };
    const leave = async (raw: RawPeer): Promise<void> => {
      raw.socket.destroy();
      await raw.closed;
      await eventually(() => !connectedTo(n, certs.raw!.fingerprint), "raw peer gone");
    };
    const spoken = (): number | undefined =>
      n.network.peers().find((p) => p.id === certs.raw!.fingerprint)?.protocolVersion;
    const consensusArrived = async (raw: RawPeer, data: number): Promise<Message[]> => {
      n.network.broadcastConsensus(3, new Uint8Array([data]));
      return eventually(() => {
        const m = messagesOf(raw);
        return m.some((x) => x.kind === "CONSENSUS" && x.data[0] === data) && m;
      }, "CONSENSUS at the raw peer");
    };

    // Version 1 has no NEIGHBOURS: the node announces its peers to the others, not to this one.
    const old = await connect(1);
    await eventually(() => spoken() === 1, "version-1 peer registered, speaking 1");
    const toOld = await consensusArrived(old, 1);
    assert.deepEqual(
      toOld.map((m) => m.kind),
      ["HELLO", "PEERS", "CONSENSUS"],
    );
    assert.ok(toOld.some((m) => m.kind === "HELLO" && m.version === PROTOCOL_VERSION));
    // And it may not send one: a message its version lacks is a protocol error.
    old.send({ kind: "NEIGHBOURS", ids: [] });
    await old.closed;
    const log = await eventually(() => n.logs.find(refusedWith("MESSAGE_NOT_IN_VERSION")), "refused");
    assert.match(String(log["reason"]), /NEIGHBOURS is not part of protocol version 1/);
    await eventually(() => !connectedTo(n, certs.raw!.fingerprint), "version-1 peer gone");

    // A newer peer: the connection speaks this node's version, NEIGHBOURS included.
    const newer = await connect(PROTOCOL_VERSION + 1);
    await eventually(() => spoken() === PROTOCOL_VERSION, "newer peer registered");
    const toNewer = await consensusArrived(newer, 2);
    assert.ok(toNewer.some((m) => m.kind === "NEIGHBOURS"));
    await leave(newer);

    // Older than the oldest this node speaks: refused at HELLO, saying which versions it speaks.
    const ancient = await connect(MIN_PROTOCOL_VERSION - 1);
    await ancient.closed;
    const refusal = await eventually(() => n.logs.find(refusedWith("PROTOCOL_VERSION_MISMATCH")), "refused");
    assert.match(
      String(refusal["reason"]),
      new RegExp(
        `up to ${MIN_PROTOCOL_VERSION - 1}, this node ${MIN_PROTOCOL_VERSION} to ${PROTOCOL_VERSION}`,
      ),
    );
    assert.equal(messagesOf(ancient).at(-1)?.kind, "DISCONNECT");
    await othersUnaffected();
  });

  test("sendConsensus reaches one validator peer, and says false for a peer it does not have", async () => {
    const before = g.consensus.length;
    assert.equal(n.network.sendConsensus(g.network.id, 5, new Uint8Array([9, 9])), true);
    const got = await eventually(() => g.consensus[before], "the CONSENSUS at G");
    assert.deepEqual([got.code, ...got.data], [5, 9, 9]);
    assert.equal(n.network.sendConsensus("ab".repeat(32), 5, new Uint8Array([9])), false);
  });

  test("a message before HELLO disconnects the peer with the reason", async () => {
    const raw = await RawPeer.connect(certs.raw!, trust, n.network.port);
    raw.send({ kind: "TRANSACTIONS", transactions: [new Uint8Array([1])] });
    await raw.closed;
    const log = await eventually(() => n.logs.find(refusedWith("MESSAGE_BEFORE_HELLO")), "refused");
    assert.match(String(log["reason"]), /TRANSACTIONS received before HELLO/);
    assert.equal(n.transactions.filter((t) => t.from.id === certs.raw!.fingerprint).length, 0);
    await othersUnaffected();
  });

  test("P2P_PORT_BUSY when the port is taken", async () => {
    await assert.rejects(
      PeerNetwork.start({
        identity: certs.s!.identity,
        trust,
        host: "127.0.0.1",
        port: n.network.port,
        staticPeers: [],
        chainId: 1n,
        genesisHash: new Uint8Array(32),
        localStatus: () => ({ height: 0, hash: new Uint8Array(32) }),
        isValidator: () => true,
        handlers: { consensus() {}, transactions() {}, getBlocks: () => [] },
        logger: pino({ level: "silent" }),
      }),
      (err: unknown) =>
        err instanceof NodeError && err.code === "P2P_PORT_BUSY" && /already in use/.test(err.message),
    );
  });
});

describe("peer network behaviour", () => {
  test("two nodes dialling each other at once keep exactly one connection, the same on both sides", async () => {
    const [portP, portQ] = [await freePort(), await freePort()];
    const p = await start("p", { port: portP, staticPeers: [`127.0.0.1:${portQ}`] });
    const q = await start("q", { port: portQ, staticPeers: [`127.0.0.1:${portP}`] });
    await eventually(() => connectedTo(p, q.network.id) && connectedTo(q, p.network.id), "P and Q connected");
    // A round trip both ways proves the connection each side keeps is live. Until a crossing dial
    // has settled, one side may still replace the connection it has, and what was sent on that is
    // lost, as gossip may be: each transaction is sent again until it arrives.
    let sentAt = 0;
    await eventually(() => {
      if (p.transactions.length > 0 && q.transactions.length > 0) return true;
      if (Date.now() - sentAt >= 200) {
        sentAt = Date.now();
        if (q.transactions.length === 0) p.network.broadcastTransactions([new Uint8Array([0xaa])]);
        if (p.transactions.length === 0) q.network.broadcastTransactions([new Uint8Array([0xbb])]);
      }
      return false;
    }, "transactions both ways");
    // One connection on each side, and the same one: dialled by one, accepted by the other.
    await eventually(() => {
      const [atP, ...moreAtP] = p.network.peers();
      const [atQ, ...moreAtQ] = q.network.peers();
      if (atP === undefined || atQ === undefined || moreAtP.length > 0 || moreAtQ.length > 0) return false;
      return atP.direction !== atQ.direction;
    }, "one connection, the same on both sides");
    assert.deepEqual(p.gone, []);
    assert.deepEqual(q.gone, []);
    await p.network.close();
    await q.network.close();
  });

  test("connections that cross (both sides dialled) are settled quietly: no refusal logged or counted", async () => {
    const server = await RawPeer.listen(certs.raceHigh!, trust);
    try {
      const listenAddress = `127.0.0.1:${server.port}`;
      const x = await start("raceLow", { staticPeers: [listenAddress] });
      const dialled = await server.accepted;
      dialled.hello({ listenAddress });
      await eventually(() => connectedTo(x, certs.raceHigh!.fingerprint), "X connected to the raw peer");
      // The raw peer now dials X too, as a node whose dial crossed X's would.
      const crossing = await RawPeer.connect(certs.raceHigh!, trust, x.network.port);
      crossing.hello({ listenAddress });
      await crossing.closed; // X keeps the connection it dialled itself (the lower fingerprint's)
      assert.ok(x.logs.some((l) => l["msg"] === "both sides dialled at once: the other connection is kept"));
      assert.equal(x.logs.filter(refusedWith("DUPLICATE_CONNECTION")).length, 0);
      assert.equal(x.network.stats().refused["DUPLICATE_CONNECTION"], undefined);
      assert.equal(x.network.peers().length, 1);
      assert.equal(x.network.peers()[0]!.direction, "outbound");
      assert.ok(!x.logs.some((l) => /same certificate/.test(String(l["msg"]))));
    } finally {
      await server.close();
    }
  });

  test("two nodes that share one certificate are named in a warning", async () => {
    const twins = (l: Record<string, unknown>): boolean =>
      /two nodes use the same certificate/.test(String(l["msg"]));
    const first = await RawPeer.connect(certs.twin!, trust, n.network.port);
    first.hello({ listenAddress: "127.0.0.1:1" });
    await eventually(() => connectedTo(n, certs.twin!.fingerprint), "first twin connected");
    // The same node reconnecting (same listen address) replaces its connection without a warning.
    const again = await RawPeer.connect(certs.twin!, trust, n.network.port);
    again.hello({ listenAddress: "127.0.0.1:1" });
    await first.closed;
    assert.equal(n.logs.filter(twins).length, 0);
    const second = await RawPeer.connect(certs.twin!, trust, n.network.port);
    second.hello({ listenAddress: "127.0.0.1:2" });
    await again.closed;
    const warning = await eventually(() => n.logs.find(twins), "the twins warning");
    assert.equal(warning["peer"], "node-twin");
    assert.deepEqual(warning["listenAddresses"], ["127.0.0.1:1", "127.0.0.1:2"]);
    second.socket.destroy();
    await eventually(() => !connectedTo(n, certs.twin!.fingerprint), "twin gone");
    await othersUnaffected();
  });

  test("a peer is known by its certificate, not its address: one whose certificate names another host is accepted", async () => {
    const moved = await start("moved");
    const d = await start("dialer", { staticPeers: [addressOf(moved)] });
    await eventually(() => connectedTo(d, moved.network.id), "D connected to the moved node");
    const peer = d.network.peers().find((p) => p.id === moved.network.id)!;
    assert.equal(peer.name, "node-moved");
    await d.network.close();
    await moved.network.close();
  });

  test("a node does not keep dialling itself", async () => {
    const port = await freePort();
    const s = await start("s", { port, staticPeers: [`localhost:${port}`, addressOf(n)] });
    await eventually(() => connectedTo(s, n.network.id), "S connected to N");
    await eventually(() => s.logs.find((l) => /itself/.test(String(l["msg"]))), "self detected");
    assert.equal(s.network.peers().length, 1);
    assert.equal(s.logs.filter((l) => /itself/.test(String(l["msg"]))).length, 1);
    await s.network.close();
  });

  test("requestBlocks: bounded answers, timeouts and disconnects reject clearly", async () => {
    const block = new Uint8Array(300 * 1024).fill(9);
    const server = await start("bp", {
      maxMessageBytes: MAX_MESSAGE,
      requestTimeoutMs: 300,
      getBlocks: (_from, count) => Array.from({ length: count }, () => block),
    });
    // The serving side stops before the answer would exceed maxMessageBytes.
    const raw = await RawPeer.connect(certs.raw!, trust, server.network.port);
    raw.hello();
    raw.send({ kind: "GET_BLOCKS", requestId: 5, from: 0, count: 10 });
    const answer = await eventually(() => messagesOf(raw).find((m) => m.kind === "BLOCKS"), "BLOCKS answer");
    assert.ok(answer.kind === "BLOCKS");
    assert.equal(answer.requestId, 5);
    assert.equal(answer.blocks.length, 3); // 3 × 300 KiB fit in 1 MiB, 4 do not

    // The raw peer never answers: timeout, then disconnect.
    const id = certs.raw!.fingerprint;
    await assert.rejects(server.network.requestBlocks(id, 0, 1), (err: unknown) => {
      assert.ok(err instanceof NodeError);
      assert.equal(err.code, "P2P_REQUEST_FAILED");
      assert.match(err.message, /did not answer GET_BLOCKS from 0 within 300 ms/);
      return true;
    });
    const pending = server.network.requestBlocks(id, 1, 2);
    raw.socket.destroy();
    await assert.rejects(pending, /disconnected before answering GET_BLOCKS/);
    await assert.rejects(server.network.requestBlocks(id, 0, 200), /at most 128 blocks/);
    await server.network.close();
  });

  test("requestBlocks: a request in flight when its connection is replaced is asked again on the new one", async () => {
    const block = new Uint8Array([0xc1, 0xc0]);
    type GetBlocks = Extract<Message, { kind: "GET_BLOCKS" }>;
    const getBlocksOn = (raw: RawPeer, from: number): GetBlocks | undefined =>
      messagesOf(raw).find((m): m is GetBlocks => m.kind === "GET_BLOCKS" && m.from === from);
    const answer = (raw: RawPeer, requestId: number): void =>
      raw.send({ kind: "BLOCKS", requestId, blocks: [block] });
    /** A raw peer connected to N, and a request from N to it, seen on the wire. */
    const connectAndAsk = async (cert: TestNodeCert, listenAddress: string, from: number, count: number) => {
      const raw = await RawPeer.connect(cert, trust, n.network.port);
      raw.hello({ listenAddress });
      await eventually(() => connectedTo(n, cert.fingerprint), `${cert.fingerprint} connected`);
      const answered = n.network.requestBlocks(cert.fingerprint, from, count);
      await eventually(() => getBlocksOn(raw, from), "GET_BLOCKS on the first connection");
      return { raw, answered };
    };

    // This node replaces the connection: the peer connects again while a request is in flight.
    const mover = certs.mover!.fingerprint;
    const { raw: first, answered: moved } = await connectAndAsk(certs.mover!, "127.0.0.1:3", 4, 1);
    const second = await RawPeer.connect(certs.mover!, trust, n.network.port);
    second.hello({ listenAddress: "127.0.0.1:3" });
    await first.closed;
    const again = await eventually(() => getBlocksOn(second, 4), "GET_BLOCKS on the second connection");
    assert.equal(again.count, 1);
    answer(second, again.requestId);
    assert.deepEqual(await moved, [block]);

    // The peer replaces it: it closes the first connection as a duplicate before its second one
    // says HELLO; the request waits for that HELLO and is asked there.
    const crosser = certs.crosser!.fingerprint;
    const { raw: a, answered: handed } = await connectAndAsk(certs.crosser!, "127.0.0.1:4", 9, 2);
    const b = await RawPeer.connect(certs.crosser!, trust, n.network.port);
    await eventually(() => b.received.length > 0, "the node's HELLO on the second connection");
    a.send({ kind: "DISCONNECT", code: "DUPLICATE_CONNECTION", reason: "replaced by another connection" });
    a.socket.end();
    await a.closed;
    await eventually(() => !connectedTo(n, crosser), "the first connection dropped");
    b.hello({ listenAddress: "127.0.0.1:4" });
    const asked = await eventually(() => getBlocksOn(b, 9), "GET_BLOCKS on the second connection");
    assert.equal(asked.count, 2);
    answer(b, asked.requestId);
    assert.deepEqual(await handed, [block]);
    assert.deepEqual(
      n.gone.filter((g) => g.peer.id === mover || g.peer.id === crosser),
      [],
      "neither peer was ever gone",
    );

    // If the other connection fails before its HELLO, the peer is gone and so is the request.
    const c = await RawPeer.connect(certs.crosser!, trust, n.network.port);
    await eventually(() => c.received.length > 0, "the node's HELLO on a third connection");
    const lost = n.network.requestBlocks(crosser, 1, 1);
    await eventually(() => getBlocksOn(b, 1), "GET_BLOCKS asked");
    b.send({ kind: "DISCONNECT", code: "DUPLICATE_CONNECTION", reason: "replaced by another connection" });
    b.socket.end();
    c.socket.destroy();
    await assert.rejects(lost, (err: unknown) => {
      assert.ok(err instanceof NodeError);
      assert.equal(err.code, "P2P_REQUEST_FAILED");
      assert.match(err.message, /node-crosser .* disconnected before answering GET_BLOCKS/);
      return true;
    });
    await eventually(() => n.gone.some((g) => g.peer.id === crosser), "the crosser gone");
    second.socket.destroy();
    await othersUnaffected();
  });

  test("a connection replaced by another loses nothing: what was queued on it goes out, and what the peer sent before it learnt of the swap is taken", async () => {
    const server = await start("sw", { maxQueuedBytesPerPeer: 512 * 1024, maxMessageBytes: 4 * MAX_MESSAGE });
    const id = certs.swapper!.fingerprint;
    const first = await RawPeer.connect(certs.swapper!, trust, server.network.port);
    first.hello({ listenAddress: "127.0.0.1:6" });
    await eventually(() => connectedTo(server, id), "the peer registered");
    // The peer stops reading: the kernel's buffers fill, then the server's queue for it.
    first.socket.pause();
    const tx = new Uint8Array(16 * 1024).fill(2);
    let broadcasts = 0;
    while (!server.network.stats().dropped["TRANSACTIONS"] && broadcasts < 2_000) {
      server.network.broadcastTransactions([tx, tx]);
      broadcasts++;
      await new Promise((r) => setImmediate(r));
    }
    const dropped = server.network.stats().dropped["TRANSACTIONS"] ?? 0;
    assert.ok(dropped > 0, "the queue filled");
    // The peer connects again: the server keeps the new connection and retires the first.
    const second = await RawPeer.connect(certs.swapper!, trust, server.network.port);
    second.hello({ listenAddress: "127.0.0.1:6" });
    const secondPort = `127.0.0.1:${second.socket.localPort}`;
    await eventually(
      () => server.network.peers().find((p) => p.id === id)?.remoteAddress === secondPort,
      "the second connection kept",
    );
    // The peer, not reading, has not learnt of the swap: it still sends on the first connection.
    const late = new Uint8Array([0x02, 0x5a]);
    first.send({ kind: "TRANSACTIONS", transactions: [late] });
    first.send({ kind: "CONSENSUS", code: 4, data: new Uint8Array([4, 5]) });
    first.socket.resume();
    await eventually(() => messagesOf(first).some((m) => m.kind === "DISCONNECT"), "DISCONNECT on the first");
    const onFirst = messagesOf(first);
    const bye = onFirst.findIndex((m) => m.kind === "DISCONNECT");
    assert.equal(
      onFirst.slice(0, bye).filter((m) => m.kind === "TRANSACTIONS").length,
      broadcasts - dropped,
      "everything queued was sent before the DISCONNECT",
    );
    assert.deepEqual(onFirst[bye], {
      kind: "DISCONNECT",
      code: "DUPLICATE_CONNECTION",
      reason: "replaced by another connection to the same peer",
    });
    await eventually(
      () =>
        server.transactions.some((t) => t.from.id === id && t.raw.some((r) => Buffer.from(r).equals(late))),
      "the late transaction taken",
    );
    await eventually(
      () => server.consensus.some((c) => c.from.id === id && c.code === 4),
      "the late CONSENSUS",
    );
    await first.closed;
    assert.ok(connectedTo(server, id), "the peer is still connected, on the second connection");
    assert.deepEqual(
      server.gone.filter((g) => g.peer.id === id),
      [],
      "the peer was never gone",
    );
    second.socket.destroy();
    await server.network.close();
  });

  test("back-pressure: transactions are dropped first; a peer not reading consensus traffic is disconnected", async () => {
    const bound = 512 * 1024;
    const server = await start("bp", { maxQueuedBytesPerPeer: bound, maxMessageBytes: 4 * MAX_MESSAGE });
    const raw = await RawPeer.connect(certs.raw!, trust, server.network.port);
    raw.hello();
    const id = certs.raw!.fingerprint;
    await eventually(() => connectedTo(server, id), "raw peer registered");
    raw.socket.pause(); // stops reading: the kernel buffers fill, then our queue
    const tx = new Uint8Array(16 * 1024).fill(1);
    for (let i = 0; i < 200 && !server.network.stats().dropped["TRANSACTIONS"]; i++) {
      server.network.broadcastTransactions(Array.from({ length: 32 }, () => tx));
      await new Promise((r) => setImmediate(r));
    }
    assert.ok(
      server.network.stats().dropped["TRANSACTIONS"]! > 0,
      "transactions dropped under back-pressure",
    );
    assert.ok(connectedTo(server, id), "dropping transactions keeps the peer");
    server.network.broadcastConsensus(1, new Uint8Array(bound + 1));
    const gone = await eventually(() => server.gone.find((x) => x.peer.id === id), "peer dropped");
    assert.match(gone.reason, /^QUEUE_OVERFLOW: .*not reading/);
    raw.socket.destroy();
    await server.network.close();
  });
});
