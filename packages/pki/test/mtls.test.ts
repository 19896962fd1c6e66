// A real mutual-TLS handshake between two Node processes with Civitas-issued node certificates:
// success, and failure with a clear reason for an unknown CA, an expired and a revoked certificate.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import {
  CertificateAuthority,
  certificateFingerprint,
  certificatesToPem,
  connectMutualTls,
  encodePem,
  type IssuedCertificate,
  PeerVerificationError,
  type TlsIdentity,
  TrustStore,
  tlsIdentityOf,
} from "../src/index.ts";

const DAY = 86_400_000;
const VALIDATOR_A = "0x52908400098527886E0F7030069857D2E4169EE7";
const VALIDATOR_B = "0x8617E340B3D01FA5F11F306F4090FD50E238070D";

interface Event {
  event: string;
  name: string;
  port?: number;
  code?: string;
  reason?: string;
  peer?: { validatorAddress?: string; fingerprint: string; commonName?: string };
}

let dir: string;
let child: ChildProcess;
const events: Event[] = [];
const waiters: Array<() => void> = [];
const ports = new Map<string, number>();
let trust: TrustStore;
let trustNoCrl: TrustStore;
const ids: Record<string, TlsIdentity> = {};
const certs: Record<string, IssuedCertificate> = {};

function waitFor(pred: (e: Event) => boolean, timeoutMs = 10_000): Promise<Event> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = events.find(pred);
      if (found) {
        events.splice(events.indexOf(found), 1);
        resolve(found);
        return true;
      }
      return false;
    };
    if (check()) return;
    const timer = setTimeout(
      () => reject(new Error(`timed out; events so far: ${JSON.stringify(events)}`)),
      timeoutMs,
    );
    const w = (): void => {
      if (check()) {
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(w), 1);
      }
    };
    waiters.push(w);
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "civitas-pki-mtls-"));
  const now = Date.now();
  const longAgo = new Date(now - 30 * DAY);
  const root = await CertificateAuthority.createRoot({
    subject: { commonName: "Civitas Test Root" },
    notBefore: longAgo,
  });
  const inter = await root.createIntermediate({
    subject: { commonName: "Civitas Nodes CA" },
    notBefore: longAgo,
  });
  const rogueRoot = await CertificateAuthority.createRoot({ subject: { commonName: "Rogue Root" } });
  const rogue = await rogueRoot.createIntermediate({ subject: { commonName: "Rogue Nodes CA" } });
  const node = (ca: CertificateAuthority, name: string, extra: object = {}) =>
    ca.issueNodeCertificate({ name, dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"], ...extra });

  certs.server = await node(inter, "server", { validatorAddress: VALIDATOR_A });
  certs.client = await node(inter, "client", { validatorAddress: VALIDATOR_B });
  certs.rogueClient = await node(rogue, "rogue-client");
  certs.rogueServer = await node(rogue, "rogue-server");
  certs.expiredClient = await node(inter, "expired-client", {
    notBefore: new Date(now - 10 * DAY),
    notAfter: new Date(now - DAY),
  });
  certs.expiredServer = await node(inter, "expired-server", {
    notBefore: new Date(now - 10 * DAY),
    notAfter: new Date(now - DAY),
  });
  certs.revokedClient = await node(inter, "revoked-client");
  certs.revokedServer = await node(inter, "revoked-server");
  inter.revoke(certs.revokedClient.certificate, "keyCompromise");
  inter.revoke(certs.revokedServer.certificate, "affiliationChanged");
  for (const [k, v] of Object.entries(certs)) ids[k] = await tlsIdentityOf(v);

  const crls = [
    encodePem((await inter.createCrl()).rawData, "X509 CRL"),
    encodePem((await root.createCrl()).rawData, "X509 CRL"),
  ];
  const roots = certificatesToPem([root.certificate]);
  const intermediates = certificatesToPem([inter.certificate]);
  trust = new TrustStore({ roots, intermediates, crls });
  trustNoCrl = new TrustStore({ roots, intermediates });

  const config = {
    roots,
    intermediates,
    crls,
    listeners: [
      { name: "good", ...ids.server!, crlInHandshake: true },
      { name: "good-civitas-crl-only", ...ids.server!, crlInHandshake: false },
      { name: "rogue", ...ids.rogueServer!, crlInHandshake: true },
      { name: "expired", ...ids.expiredServer!, crlInHandshake: true },
      { name: "revoked", ...ids.revokedServer!, crlInHandshake: true },
    ],
  };
  const configPath = join(dir, "server.json");
  writeFileSync(configPath, JSON.stringify(config));
  child = spawn(process.execPath, [join(import.meta.dirname, "fixtures", "tls-peer.ts"), configPath], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    events.push(JSON.parse(line) as Event);
    for (const w of [...waiters]) w();
  });
  for (const name of config.listeners.map((l) => l.name)) {
    const e = await waitFor((x) => x.event === "listening" && x.name === name);
    ports.set(name, e.port!);
  }
});

after(() => {
  child?.stdin?.end();
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

function connect(server: string, client: string, t: TrustStore = trust) {
  return connectMutualTls({
    identity: ids[client]!,
    trust: t,
    host: "127.0.0.1",
    port: ports.get(server)!,
    servername: "localhost",
  });
}

async function readAll(socket: import("node:tls").TLSSocket): Promise<string> {
  let data = "";
  socket.setEncoding("utf8");
  try {
    for await (const chunk of socket) data += chunk;
  } catch (err) {
    // A rejected client sees the connection closed or reset.
    if ((err as NodeJS.ErrnoException).code !== "ECONNRESET") throw err;
  }
  return data;
}

describe("mutual TLS between two processes with Civitas node certificates", () => {
  test("succeeds, and each side learns the other's validator address", async () => {
    const { socket, peer } = await connect("good", "client");
    assert.equal(peer.identity.type, "node");
    assert.equal(peer.identity.type === "node" && peer.identity.validatorAddress, VALIDATOR_A);
    const hello = JSON.parse(await readAll(socket)) as {
      hello: { validatorAddress: string; fingerprint: string };
    };
    assert.equal(hello.hello.validatorAddress, VALIDATOR_B);
    assert.equal(hello.hello.fingerprint, certificateFingerprint(certs.client!.certificate));
    const accepted = await waitFor((e) => e.event === "accepted" && e.name === "good");
    assert.equal(accepted.peer?.validatorAddress, VALIDATOR_B);
  });

  test("without hostname verification, a server whose certificate names another host is accepted by its certificate", async () => {
    const { socket, peer } = await connectMutualTls({
      identity: ids.client!,
      trust,
      host: "127.0.0.1",
      port: ports.get("good")!,
      servername: "other.example",
      verifyHostname: false,
    });
    socket.destroy();
    assert.equal(peer.ok, true);
    assert.equal(peer.identity.fingerprint, certificateFingerprint(certs.server!.certificate));
  });

  test("the server certificate must name the host that was dialled", async () => {
    await assert.rejects(
      connectMutualTls({
        identity: ids.client!,
        trust,
        host: "127.0.0.1",
        port: ports.get("good")!,
        servername: "other.example",
      }),
      (err: unknown) =>
        err instanceof PeerVerificationError &&
        err.code === "HOSTNAME_MISMATCH" &&
        /ERR_TLS_CERT_ALTNAME_INVALID/.test(err.message),
    );
  });

  test("a client certificate from an unknown CA is rejected by the server, with the reason", async () => {
    const { socket } = await connect("good", "rogueClient");
    assert.equal(await readAll(socket), ""); // closed without a byte
    const r = await waitFor((e) => e.event === "rejected" && e.name === "good");
    assert.equal(r.code, "UNKNOWN_ISSUER", r.reason);
    assert.match(r.reason!, /no trusted issuer found for "CN=Rogue Nodes CA"/);
  });

  test("a server certificate from an unknown CA is rejected by the client, with the reason", async () => {
    await assert.rejects(connect("rogue", "client"), (err: unknown) => {
      assert.ok(err instanceof PeerVerificationError);
      assert.equal(err.code, "UNKNOWN_ISSUER", err.message);
      assert.match(err.message, /issuer/i);
      return true;
    });
  });

  test("an expired client certificate is rejected by the server", async () => {
    const { socket } = await connect("good", "expiredClient");
    await readAll(socket);
    const r = await waitFor((e) => e.event === "rejected" && e.name === "good");
    assert.equal(r.code, "EXPIRED", r.reason);
    assert.match(r.reason!, /"CN=expired-client" expired on/);
  });

  test("an expired server certificate is rejected by the client", async () => {
    await assert.rejects(connect("expired", "client"), (err: unknown) => {
      assert.ok(err instanceof PeerVerificationError);
      assert.equal(err.code, "EXPIRED", err.message);
      assert.match(err.message, /expired/);
      return true;
    });
  });

  test("a revoked client certificate is caught by OpenSSL (CRL given to Node's tls) and by Civitas", async () => {
    const { socket } = await connect("good", "revokedClient");
    await readAll(socket);
    const r = await waitFor((e) => e.event === "rejected" && e.name === "good");
    assert.equal(r.code, "REVOKED", r.reason);
    assert.match(r.reason!, /revoked on .* \(reason: keyCompromise\) \[OpenSSL: CERT_REVOKED\]/);
  });

  test("a revoked client certificate is rejected after the handshake by the Civitas CRL check", async () => {
    const { socket } = await connect("good-civitas-crl-only", "revokedClient");
    await readAll(socket);
    const r = await waitFor((e) => e.event === "rejected" && e.name === "good-civitas-crl-only");
    assert.equal(r.code, "REVOKED", r.reason);
    assert.match(r.reason!, /revoked on .* \(reason: keyCompromise\)/);
  });

  test("a revoked server certificate is rejected by the client, by OpenSSL or by the Civitas check", async () => {
    await assert.rejects(connect("revoked", "client"), (err: unknown) => {
      assert.ok(err instanceof PeerVerificationError);
      assert.equal(err.code, "REVOKED", err.message);
      return true;
    });
    await assert.rejects(
      connectMutualTls({
        identity: ids.client!,
        trust,
        crlInHandshake: false,
        host: "127.0.0.1",
        port: ports.get("revoked")!,
        servername: "localhost",
      }),
      (err: unknown) =>
        err instanceof PeerVerificationError &&
        err.code === "REVOKED" &&
        /affiliationChanged/.test(err.message),
    );
    // Without any CRL the revoked server is (correctly) indistinguishable from a good one.
    const { socket } = await connect("revoked", "client", trustNoCrl);
    socket.destroy();
  });
});
