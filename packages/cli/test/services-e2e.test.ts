// The power-of-attorney scenario end to end on the 4-validator network `civitas up` starts, from
// the CLI and the SDK, each step on another validator's JSON-RPC endpoint: a citizen grants a
// power for one procedure, the attorney accepts, files an application on the citizen's behalf
// through the forwarder (sent by a relayer), the citizen revokes, and the attorney's next attempt
// is refused — while the application filed before the revocation stays valid.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  ApplicationDesk,
  AuthorizationReason,
  PowerAction,
  REPRESENTATION_FORWARDER_ADDRESS,
  RepresentationForwarder,
} from "@civitas/contracts";
import {
  APPLICATION_DESK_ADDRESS,
  acceptPower,
  createCivitasClient,
  defineCivitasChain,
  getApplication,
  getPower,
  isAuthorized,
  procedureCode,
  revokePower,
} from "@civitas/sdk";
import { type Address, getAddress, type Hex, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readContract } from "viem/actions";
import { type RpcBlock, rpcCall } from "./cluster/support/cluster.ts";
import { civitas } from "./support/runCivitas.ts";
import {
  startUpProcess,
  type UpPerson,
  type UpProcess,
  waitForHeight,
  waitForReceipt,
} from "./support/upProcess.ts";

/** A procedure none of the demo's steps touches. */
const PROCEDURE = "bilbao.urbanism/building-permit";
const docHash = (): Hex => `0x${randomBytes(32).toString("hex")}`;

describe("powers of attorney end to end on civitas up (4 validators, CLI and SDK)", () => {
  let scratch: string;
  let up: UpProcess;
  /** The citizen who grants (miren: the demo's power is ane's to jon). */
  let citizen: UpPerson;
  /** The attorney (a citizen too). */
  let attorney: UpPerson;
  /** Sends the attorney's signed requests: a developer account, no party to the power. */
  let relayerKeyFile: string;
  let relayer: Address;
  /** Validator i's endpoint (the steps go round the four). */
  const rpc = (i: number) => up.rpcUrls[i % up.rpcUrls.length]!;
  const clientOf = (i: number, key?: Hex) =>
    createCivitasClient({
      chain: defineCivitasChain({ id: up.chainId, rpcUrl: rpc(i) }),
      transport: http(rpc(i), { retryCount: 0, timeout: 30_000 }),
      ...(key !== undefined ? { account: privateKeyToAccount(key) } : {}),
    });
  const applicationCount = (i: number) =>
    readContract(clientOf(i), {
      address: APPLICATION_DESK_ADDRESS,
      abi: ApplicationDesk.abi,
      functionName: "applicationCount",
    });
  const forwarderNonce = (i: number, account: Address) =>
    readContract(clientOf(i), {
      address: REPRESENTATION_FORWARDER_ADDRESS,
      abi: RepresentationForwarder.abi,
      functionName: "nonces",
      args: [account],
    });
  const pendingNonce = async (i: number, account: Address) =>
    BigInt((await rpcCall(rpc(i), "eth_getTransactionCount", [account, "pending"])) as Hex);
  /** The transaction hash a CLI command printed. */
  const transactionOf = (stdout: string): Hex => {
    const hash = /\(transaction (0x[0-9a-f]{64})\)/.exec(stdout)?.[1];
    assert.ok(hash, `no transaction in: ${stdout}`);
    return hash as Hex;
  };
  const act = (i: number, doc: Hex) =>
    civitas(
      "power",
      "act",
      "--for",
      citizen.address,
      "--procedure",
      PROCEDURE,
      "--doc",
      doc,
      "--key",
      attorney.keyFile,
      "--relayer-key",
      relayerKeyFile,
      "--rpc",
      rpc(i),
    );
  const check = (i: number, extra: string[] = []) =>
    civitas(
      "power",
      "check",
      "--grantor",
      citizen.address,
      "--attorney",
      attorney.address,
      "--procedure",
      PROCEDURE,
      "--action",
      "file-application",
      "--rpc",
      rpc(i),
      ...extra,
    );

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), "civitas-services-e2e-"));
    up = await startUpProcess(join(scratch, "up"));
    citizen = up.person("miren");
    attorney = up.person("jon");
    relayer = up.developer.address;
    relayerKeyFile = join(scratch, "relayer.key");
    writeFileSync(relayerKeyFile, `${up.developer.key}\n`, { mode: 0o600 });
  });

  after(() => {
    // Only after a failure is anything still running here; the last test stops it cleanly.
    up?.kill();
    rmSync(scratch, { recursive: true, force: true });
  });

  let powerId: bigint;
  let applicationId: bigint;
  let filedIn: { blockNumber: bigint; blockHash: Hex };
  let lastBlock = 0n;
  const seen = (n: bigint) => {
    if (n > lastBlock) lastBlock = n;
  };

  it("(1) CLI, validator 1: the citizen grants the attorney a power for one procedure, to file applications", async () => {
    const r = await civitas(
      "power",
      "grant",
      "--attorney",
      attorney.address,
      "--type",
      "PROCEDURES",
      "--scope",
      PROCEDURE,
      "--actions",
      "file-application",
      "--days",
      "30",
      "--key",
      citizen.keyFile,
      "--rpc",
      rpc(0),
    );
    assert.equal(r.code, 0, r.stderr);
    const m = new RegExp(`power (\\d+) granted to ${attorney.address}: PENDING_ACCEPTANCE`, "i").exec(
      r.stdout,
    );
    assert.ok(m, r.stdout);
    powerId = BigInt(m[1]!);
    // Validator 2 has the grant before the attorney accepts there.
    seen((await waitForReceipt(rpc(1), transactionOf(r.stdout))).blockNumber);
    const power = await getPower(clientOf(1), { id: powerId });
    assert.equal(power?.status, "PENDING_ACCEPTANCE");
    assert.equal(power?.type, "PROCEDURES");
    assert.deepEqual(power?.scope, [procedureCode(PROCEDURE)]);
    assert.deepEqual(power?.actions, ["FILE_APPLICATION"]);
    // Not in force before the attorney accepts.
    const pending = await isAuthorized(clientOf(1), {
      grantor: citizen.address,
      attorney: attorney.address,
      procedure: PROCEDURE,
      action: "FILE_APPLICATION",
    });
    assert.equal(pending.authorized, false);
  });

  it("(2) SDK, validator 2: the attorney accepts", async () => {
    const { hash, receipt } = await acceptPower(clientOf(1, attorney.key), { id: powerId });
    assert.equal(receipt.status, "success");
    seen((await waitForReceipt(rpc(2), hash)).blockNumber);
    assert.equal((await getPower(clientOf(2), { id: powerId }))?.status, "ACTIVE");
  });

  it("(3) CLI, validator 3: power check says the attorney may file the application", async () => {
    const r = await check(2);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.equal(r.stdout.trim(), `authorized: AUTHORIZED (power ${powerId})`);
    // Only for that action: paying was not granted.
    const pay = await civitas(
      "power",
      "check",
      "--grantor",
      citizen.address,
      "--attorney",
      attorney.address,
      "--procedure",
      PROCEDURE,
      "--action",
      "pay",
      "--rpc",
      rpc(2),
    );
    assert.equal(pay.code, 1);
    assert.match(pay.stdout, /not authorized: ACTION_NOT_GRANTED/);
  });

  it("(4) CLI, validator 4: the attorney files an application for the citizen through the forwarder, sent by a relayer; SDK on validator 1 reads it", async () => {
    const before = await applicationCount(3);
    const relayerNonce = await pendingNonce(3, relayer);
    const doc = docHash();
    const r = await act(3, doc);
    assert.equal(r.code, 0, r.stderr);
    const m = /application (\d+) filed for (0x[0-9a-fA-F]{40}) by (0x[0-9a-fA-F]{40}) under power (\d+)/.exec(
      r.stdout,
    );
    assert.ok(m, r.stdout);
    applicationId = BigInt(m[1]!);
    assert.equal(applicationId, before + 1n);
    assert.equal(getAddress(m[2]!), getAddress(citizen.address));
    assert.equal(getAddress(m[3]!), getAddress(attorney.address));
    assert.equal(BigInt(m[4]!), powerId);
    const hash = transactionOf(r.stdout);

    // The transaction came from the relayer, to the forwarder — not from either party.
    const tx = (await rpcCall(rpc(3), "eth_getTransactionByHash", [hash])) as { from: Address; to: Address };
    assert.equal(getAddress(tx.from), getAddress(relayer));
    assert.equal(getAddress(tx.to), getAddress(REPRESENTATION_FORWARDER_ADDRESS));
    assert.equal(await pendingNonce(3, relayer), relayerNonce + 1n);

    // Read from another validator: the applicant is the citizen, the filer the attorney.
    filedIn = await waitForReceipt(rpc(0), hash);
    seen(filedIn.blockNumber);
    const application = await getApplication(clientOf(0), { id: applicationId });
    assert.equal(getAddress(application.applicant), getAddress(citizen.address));
    assert.equal(getAddress(application.filer), getAddress(attorney.address));
    assert.equal(application.procedure, procedureCode(PROCEDURE));
    assert.equal(application.docHash, doc);
    const block = (await rpcCall(rpc(0), "eth_getBlockByNumber", [
      `0x${filedIn.blockNumber.toString(16)}`,
      false,
    ])) as RpcBlock & { timestamp: Hex };
    assert.equal(application.filedAt, BigInt(block.timestamp));
    assert.equal(await applicationCount(0), applicationId);
  });

  it("(5) SDK, validator 2: the citizen revokes", async () => {
    const { hash, receipt } = await revokePower(clientOf(1, citizen.key), { id: powerId });
    assert.equal(receipt.status, "success");
    seen((await waitForReceipt(rpc(2), hash)).blockNumber);
    const power = await getPower(clientOf(2), { id: powerId });
    assert.equal(power?.status, "REVOKED");
  });

  it("(6) CLI, validator 3: the attorney's next attempt is refused because of the revocation, and nothing is recorded", async () => {
    const count = await applicationCount(2);
    assert.equal(count, applicationId);
    const relayerNonce = await pendingNonce(2, relayer);
    const attorneyNonce = await forwarderNonce(2, attorney.address);

    const r = await act(2, docHash());
    assert.equal(r.code, 1, `${r.stdout}${r.stderr}`);
    const expected = `power act: refused: NotAuthorized(${citizen.address}, ${attorney.address}, ${procedureCode(PROCEDURE)}, ${PowerAction.FILE_APPLICATION}, ${AuthorizationReason.REVOKED})`;
    assert.ok(
      r.stderr.toLowerCase().includes(expected.toLowerCase()),
      `expected '${expected}' in:\n${r.stderr}`,
    );
    assert.match(r.stderr, /holds no active power for this procedure and action/);
    assert.match(r.stderr, /reason: REVOKED/);
    assert.doesNotMatch(r.stdout, /filed/);
    // The reason by name: power check on the same validator says REVOKED, naming the power.
    const why = await check(2);
    assert.equal(why.code, 1);
    assert.equal(why.stdout.trim(), `not authorized: REVOKED (closest power ${powerId})`);

    // Nothing was sent: no new transaction of the relayer, the attorney's request nonce unused; and
    // a few blocks later, on every validator, still no new application.
    const head = BigInt((await rpcCall(rpc(2), "eth_blockNumber")) as Hex);
    for (let i = 0; i < 4; i++) {
      seen(await waitForHeight(rpc(i), head + 2n));
      assert.equal(await applicationCount(i), count, `validator ${i + 1}`);
      assert.equal(await pendingNonce(i, relayer), relayerNonce, `validator ${i + 1}`);
      assert.equal(await forwarderNonce(i, attorney.address), attorneyNonce, `validator ${i + 1}`);
    }
  });

  it("(7) the application filed before the revocation stays valid: the power was in force when it was filed", async () => {
    const client = clientOf(3);
    const power = await getPower(client, { id: powerId });
    assert.ok(power);
    const application = await getApplication(client, { id: applicationId });
    assert.equal(getAddress(application.applicant), getAddress(citizen.address));
    assert.equal(getAddress(application.filer), getAddress(attorney.address));
    assert.ok(
      application.filedAt < power.endedAt,
      `filed at ${application.filedAt}, revoked at ${power.endedAt}`,
    );
    const ask = (at?: bigint) =>
      isAuthorized(client, {
        grantor: citizen.address,
        attorney: attorney.address,
        procedure: PROCEDURE,
        action: "FILE_APPLICATION",
        ...(at !== undefined ? { at } : {}),
      });
    assert.deepEqual(await ask(application.filedAt), { authorized: true, reason: "AUTHORIZED", powerId });
    assert.deepEqual(await ask(power.endedAt), { authorized: false, reason: "REVOKED", powerId });
    assert.deepEqual(await ask(), { authorized: false, reason: "REVOKED", powerId });
    // The CLI answers the same for the filing time.
    const at = new Date(Number(application.filedAt) * 1000).toISOString();
    const r = await check(0, ["--at", at]);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.equal(r.stdout.trim(), `authorized: AUTHORIZED (power ${powerId})`);
    // The block that recorded it is still in every validator's chain.
    for (let i = 0; i < 4; i++) {
      const block = (await rpcCall(rpc(i), "eth_getBlockByNumber", [
        `0x${filedIn.blockNumber.toString(16)}`,
        false,
      ])) as RpcBlock;
      assert.equal(block.hash, filedIn.blockHash, `validator ${i + 1}`);
    }
  });

  it("(8) every validator has the same head hash at a common height", async () => {
    const heights = await Promise.all(
      up.rpcUrls.map(async (url) => BigInt((await rpcCall(url, "eth_blockNumber")) as Hex)),
    );
    const common = heights.reduce((a, b) => (a < b ? a : b));
    assert.ok(common >= lastBlock, `common height ${common} is below the scenario's last block ${lastBlock}`);
    const hashes = await Promise.all(
      up.rpcUrls.map(
        async (url) =>
          ((await rpcCall(url, "eth_getBlockByNumber", [`0x${common.toString(16)}`, false])) as RpcBlock)
            .hash,
      ),
    );
    assert.equal(new Set(hashes).size, 1, `the validators disagree at block ${common}: ${hashes.join(", ")}`);
  });

  it("stops the network cleanly: civitas up exits 0 on Ctrl-C and no node process is left", async () => {
    await up.stop();
  });
});
