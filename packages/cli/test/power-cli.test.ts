import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { POWER_OF_ATTORNEY_ADDRESS, REPRESENTATION_FORWARDER_ADDRESS } from "@civitas/contracts";
import { APPLICATION_DESK_ADDRESS } from "@civitas/sdk";
import { encodeAbiParameters, keccak256 } from "viem";
import { type PowersNetwork, startPowersNetwork } from "../../sdk/test/support/powersNetwork.ts";
import { createPowerServicesAlloc } from "../src/network/servicesGenesis.ts";
import { civitas } from "./support/runCivitas.ts";

const PERMIT = "bilbao.urbanism/building-permit";
const DOC = `0x${"ab".repeat(32)}`;

let n: PowersNetwork;
let keyOf: (name: "grantor" | "attorney" | "attorney2" | "relayer") => string;
let connection: string[];

before(async () => {
  n = await startPowersNetwork();
  keyOf = (name) => {
    const file = join(n.net.scratch, `${name}.key`);
    writeFileSync(file, n[name].key);
    return file;
  };
  const { powerOfAttorney, forwarder, applicationDesk } = n.addresses;
  connection = [
    "--rpc",
    n.net.rpcUrl,
    "--powers",
    powerOfAttorney,
    "--forwarder",
    forwarder,
    "--desk",
    applicationDesk,
  ];
});

after(async () => {
  await n?.close();
});

describe("civitas power", () => {
  it("grant, accept, show, check, act on behalf, revoke: the next act is refused with the reason", async () => {
    const granted = await civitas(
      "power",
      "grant",
      "--attorney",
      n.attorney.address,
      "--type",
      "procedures",
      "--scope",
      PERMIT,
      "--actions",
      "file-application,submit-documents",
      "--days",
      "365",
      "--key",
      keyOf("grantor"),
      ...connection,
    );
    assert.equal(granted.code, 0, granted.stderr);
    const id = /power (\d+) granted to .*: PENDING_ACCEPTANCE/.exec(granted.stdout)?.[1];
    assert.ok(id, granted.stdout);

    const accepted = await civitas("power", "accept", id, "--key", keyOf("attorney"), ...connection);
    assert.equal(accepted.code, 0, accepted.stderr);
    const shown = await civitas("power", "show", id, "--json", ...connection);
    assert.equal(shown.code, 0, shown.stderr);
    const power = JSON.parse(shown.stdout);
    assert.equal(power.status, "ACTIVE");
    assert.deepEqual(power.scope, [PERMIT]);
    assert.deepEqual(power.actions, ["FILE_APPLICATION", "SUBMIT_DOCUMENTS"]);

    const check = (action: string) =>
      civitas(
        "power",
        "check",
        "--grantor",
        n.grantor.address,
        "--attorney",
        n.attorney.address,
        "--procedure",
        PERMIT,
        "--action",
        action,
        ...connection,
      );
    const yes = await check("file-application");
    assert.equal(yes.code, 0, yes.stderr);
    assert.match(yes.stdout, new RegExp(`authorized: AUTHORIZED \\(power ${id}\\)`));
    const no = await check("pay");
    assert.equal(no.code, 1);
    assert.match(no.stdout, /not authorized: ACTION_NOT_GRANTED/);

    const act = () =>
      civitas(
        "power",
        "act",
        "--for",
        n.grantor.address,
        "--procedure",
        PERMIT,
        "--doc",
        DOC,
        "--key",
        keyOf("attorney"),
        "--relayer-key",
        keyOf("relayer"),
        ...connection,
      );
    const acted = await act();
    assert.equal(acted.code, 0, acted.stderr);
    assert.match(
      acted.stdout,
      new RegExp(
        `application \\d+ filed for ${n.grantor.address} by ${n.attorney.address} under power ${id}`,
      ),
    );

    const revoked = await civitas("power", "revoke", id, "--key", keyOf("grantor"), ...connection);
    assert.equal(revoked.code, 0, revoked.stderr);
    const refused = await act();
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /power act: refused: NotAuthorized\(.*, 9\)/);
    assert.match(refused.stderr, /holds no active power/);
    assert.match(refused.stderr, /reason: REVOKED/);
  });

  it("refuses a second representative, and bad input with usage errors", async () => {
    const grant = (attorney: string, extra: string[] = []) =>
      civitas(
        "power",
        "grant",
        "--attorney",
        attorney,
        "--type",
        "GENERAL",
        "--actions",
        "pay",
        "--days",
        "30",
        "--key",
        keyOf("grantor"),
        ...extra,
        ...connection,
      );
    const first = await grant(n.attorney.address);
    const id = /power (\d+) granted/.exec(first.stdout)?.[1];
    assert.ok(id, first.stderr);
    assert.equal((await civitas("power", "accept", id, "--key", keyOf("attorney"), ...connection)).code, 0);
    const second = await grant(n.attorney2.address);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /refused: RepresentativeConflict\(\d+\)/);
    const tooLong = await grant(n.attorney2.address, ["--days", "2000"]);
    assert.equal(tooLong.code, 1);
    assert.match(tooLong.stderr, /refused: InvalidValidity/);
    const badType = await civitas(
      "power",
      "grant",
      "--attorney",
      n.attorney.address,
      "--type",
      "SOME",
      ...connection,
    );
    assert.equal(badType.code, 2);
    assert.match(badType.stderr, /--type must be GENERAL, ADMINISTRATION or PROCEDURES/);
  });
});

describe("createPowerServicesAlloc", () => {
  it("places the three services at their fixed addresses with the officials set by the constructor", async () => {
    const official = "0x00000000000000000000000000000000000000aa";
    const alloc = await createPowerServicesAlloc(1337n, { officials: [official] });
    assert.deepEqual(
      Object.keys(alloc).sort(),
      [POWER_OF_ATTORNEY_ADDRESS, REPRESENTATION_FORWARDER_ADDRESS, APPLICATION_DESK_ADDRESS].sort(),
    );
    // isOfficial is PowerOfAttorney's storage slot 2 (after RegistryGoverned's two).
    const slot = keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [official, 2n]));
    assert.equal(BigInt(alloc[POWER_OF_ATTORNEY_ADDRESS]?.storage[slot] ?? "0x0"), 1n);
    // The forwarder's immutable names the registry of powers; the desk's names the forwarder.
    assert.ok(
      alloc[REPRESENTATION_FORWARDER_ADDRESS]?.code
        .toLowerCase()
        .includes(POWER_OF_ATTORNEY_ADDRESS.slice(2).toLowerCase()),
    );
    assert.ok(
      alloc[APPLICATION_DESK_ADDRESS]?.code
        .toLowerCase()
        .includes(REPRESENTATION_FORWARDER_ADDRESS.slice(2).toLowerCase()),
    );
    const withoutDesk = await createPowerServicesAlloc(1337n, { officials: [], applicationDesk: false });
    assert.equal(withoutDesk[APPLICATION_DESK_ADDRESS], undefined);
  });
});
