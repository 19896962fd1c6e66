// `civitas doc issue | verify` against a running one-validator network with the documents
// contracts and an accredited issuer: one anchored batch from several subjects, verification
// online (saving a chain proof), offline with that proof, tampered and revoked copies, usage errors.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type DocumentsBenchNetwork, startDocumentsBenchNetwork } from "../../../bench/documents/network.ts";
import { civitas } from "./support/runCivitas.ts";

let net: DocumentsBenchNetwork;
let dir: string;

before(async () => {
  net = await startDocumentsBenchNetwork(1);
  dir = net.net.scratch;
  writeFileSync(join(dir, "issuer.jwk"), net.issuers[0]!.privateJwk);
  writeFileSync(join(dir, "operator.key"), net.operatorKey);
  writeFileSync(
    join(dir, "validators.json"),
    JSON.stringify({ chainId: net.chainId, validators: net.validators }),
  );
  const subject = (i: number) => ({
    name: `Resident ${i}`,
    address: "Calle Mayor 1, 48001",
    municipality: "Bilbao",
    residentSince: "2019-04-01",
  });
  writeFileSync(join(dir, "one.json"), JSON.stringify(subject(0)));
  writeFileSync(join(dir, "many.json"), JSON.stringify([subject(1), subject(2)]));
});
after(async () => {
  await net?.close();
});

describe("civitas doc", () => {
  it("issues one anchored batch, verifies online and offline, and names the reason of a failure", async () => {
    const out = join(dir, "docs");
    const contracts = ["--documents", net.documents];
    const issued = await civitas(
      "doc",
      "issue",
      "--kind",
      "residence",
      "--subject",
      join(dir, "one.json"),
      "--subject",
      join(dir, "many.json"),
      "--issuer-key",
      join(dir, "issuer.jwk"),
      "--issuer-id",
      net.issuers[0]!.issuerId,
      "--key",
      join(dir, "operator.key"),
      "--rpc",
      net.net.rpcUrl,
      "--out",
      out,
      ...contracts,
    );
    assert.equal(issued.code, 0, issued.stderr);
    assert.match(issued.stdout, /issued 3 ResidenceCertificate document\(s\) by bench\.issuer\.1/);
    assert.match(issued.stdout, /batch root 0x[0-9a-f]{64} anchored in block \d+/);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, ["residence-1.json", "residence-2.json", "residence-3.json"]);

    const first = join(out, files[0]!);
    const proof = join(dir, "proof.json");
    const online = await civitas(
      "doc",
      "verify",
      first,
      "--rpc",
      net.net.rpcUrl,
      "--save-proof",
      proof,
      ...contracts,
      "--issuers",
      net.trustedIssuers,
    );
    assert.equal(online.code, 0, online.stdout + online.stderr);
    assert.match(online.stdout, /ok {3}JWS signature by the issuer key/);
    assert.match(online.stdout, /^VALID$/m);

    const offline = await civitas(
      "doc",
      "verify",
      first,
      "--offline",
      proof,
      "--validators",
      join(dir, "validators.json"),
      ...contracts,
      "--issuers",
      net.trustedIssuers,
      "--json",
    );
    assert.equal(offline.code, 0, offline.stdout + offline.stderr);
    assert.equal(JSON.parse(offline.stdout).valid, true);

    // A changed subject.
    const bundle = JSON.parse(readFileSync(first, "utf8"));
    const [h, p, s] = bundle.credential.split(".");
    const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    payload.credentialSubject.address = "Calle Falsa 123";
    bundle.credential = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
    const tamperedFile = join(dir, "tampered.json");
    writeFileSync(tamperedFile, JSON.stringify(bundle));
    const tampered = await civitas("doc", "verify", tamperedFile, "--rpc", net.net.rpcUrl, ...contracts);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stdout, /^NOT VALID: signature does not verify$/m);

    // Revoked on chain: the second document fails, the third stays valid.
    const second = JSON.parse(readFileSync(join(out, files[1]!), "utf8"));
    const secondPayload = JSON.parse(
      Buffer.from(second.credential.split(".")[1], "base64url").toString("utf8"),
    );
    const index = Number(secondPayload.credentialStatus[0].statusListIndex);
    const issuerId = `0x${Buffer.from("bench.issuer.1").toString("hex").padEnd(64, "0")}`;
    await net.operatorCall("documents", "setStatus", [issuerId, 0, [index], true]);
    const revoked = await civitas(
      "doc",
      "verify",
      join(out, files[1]!),
      "--rpc",
      net.net.rpcUrl,
      ...contracts,
    );
    assert.equal(revoked.code, 1);
    assert.match(revoked.stdout, new RegExp(`^NOT VALID: revoked \\(status list index ${index}\\)$`, "m"));
    const third = await civitas("doc", "verify", join(out, files[2]!), "--rpc", net.net.rpcUrl, ...contracts);
    assert.equal(third.code, 0, third.stdout);
  });

  it("refuses bad usage with exit 2 before sending anything", async () => {
    const unknownKind = await civitas("doc", "issue", "--kind", "passport", "--subject", "x.json");
    assert.equal(unknownKind.code, 2);
    assert.match(unknownKind.stderr, /unknown document kind 'passport'/);
    const noFile = await civitas("doc", "verify");
    assert.equal(noFile.code, 2);
    const both = await civitas(
      "doc",
      "verify",
      "x.json",
      "--offline",
      "p.json",
      "--rpc",
      "http://127.0.0.1:1",
    );
    assert.equal(both.code, 2);
  });
});
