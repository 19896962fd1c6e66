import assert from "node:assert/strict";
import { test } from "node:test";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { bindingDigest } from "@civitas/pki";
import { recoverAddress } from "viem";
import { BenchUsageError } from "../options.ts";
import { memberAccount, memberRegistration, type RegistrationContext } from "../registry/memberKeys.ts";
import { type MetricsSample, parsePrometheusText } from "../registry/nodeMetrics.ts";
import { parseScaleArgs } from "../registry/options.ts";
import { chooseBatchSize, drawMembers } from "../registry/scale.ts";
import { checkCosts } from "../registry/transferWorkload.ts";

const context: RegistrationContext = {
  seed: "parts",
  chainId: 1337n,
  organisation: `0x${"11".repeat(32)}`,
  role: `0x${"22".repeat(32)}`,
  issuerFingerprint: `0x${"33".repeat(32)}`,
  notAfter: 2_000_000_000n,
};

test("a member's binding statement is signed by its own derived account", async () => {
  const registration = memberRegistration(context, 41);
  assert.equal(registration.account, memberAccount("parts", 41).address);
  const digest = bindingDigest({
    chainId: 1337n,
    registry: IDENTITY_REGISTRY_ADDRESS,
    account: registration.account,
    certificateFingerprint: registration.certificateFingerprint.slice(2),
    nonce: registration.bindingNonce.slice(2),
    expiresAt: registration.bindingExpiresAt,
  });
  const signer = await recoverAddress({ hash: digest, signature: registration.accountSignature });
  assert.equal(signer.toLowerCase(), registration.account);
  assert.ok([27, 28].includes(Number.parseInt(registration.accountSignature.slice(-2), 16)));
  // Keys, certificates and nonces differ between members and are the same on every run.
  const other = memberRegistration(context, 42);
  assert.notEqual(other.account, registration.account);
  assert.notEqual(other.certificateFingerprint, registration.certificateFingerprint);
  assert.notEqual(other.bindingNonce, registration.bindingNonce);
  assert.deepEqual(memberRegistration(context, 41), registration);
});

test("workload senders are distinct, in range, outside the excluded set and reproducible", () => {
  const first = drawMembers("s", "compare", 1000, 200);
  assert.equal(new Set(first).size, 200);
  assert.ok(first.every((i) => i >= 0 && i < 1000));
  assert.deepEqual(drawMembers("s", "compare", 1000, 200), first);
  const second = drawMembers("s", "full", 1200, 300, new Set(first));
  assert.equal(second.length, 300);
  assert.ok(second.every((i) => !first.includes(i)));
  // Fewer candidates than asked: all of them.
  assert.deepEqual(
    drawMembers("s", "x", 10, 50, new Set([0, 1])).sort((a, b) => a - b),
    [2, 3, 4, 5, 6, 7, 8, 9],
  );
});

test("a batch fits the EIP-7825 gas cap and the node's transaction size limit", () => {
  const gas = { base: 40_000, perMember: 243_000, calldataBytesPerMember: 512 };
  const fit = chooseBatchSize(gas, undefined);
  assert.ok(fit * gas.perMember + gas.base < 2 ** 24 && fit > 50, String(fit));
  assert.equal(chooseBatchSize(gas, 10), 10);
  assert.throws(() => chooseBatchSize(gas, fit + 1), /2\^24 gas/);
  // Cheap registrations with large calldata: the size limit binds.
  assert.ok(chooseBatchSize({ base: 0, perMember: 1000, calldataBytesPerMember: 4096 }, undefined) < 30);
});

test("the command line is checked", () => {
  const o = parseScaleArgs([]);
  assert.equal(o.members, 1_500_000);
  assert.equal(o.compare, 10_000);
  assert.equal(o.batch, undefined);
  assert.equal(parseScaleArgs(["--members", "500"]).compare, 499);
  assert.throws(() => parseScaleArgs(["--members", "100", "--compare", "100"]), BenchUsageError);
  assert.throws(() => parseScaleArgs(["--members", "lots"]), /--members must be an integer/);
  assert.throws(() => parseScaleArgs(["--keep", ""]), /--keep needs a directory/);
  assert.throws(() => parseScaleArgs(["--bogus"]), BenchUsageError);
});

test("Prometheus text is read by sample name", () => {
  const samples = parsePrometheusText(
    [
      "# HELP civitas_permission_checks_total Transactions checked",
      "# TYPE civitas_permission_checks_total counter",
      "civitas_permission_checks_total 42",
      'civitas_block_import_seconds_bucket{le="0.5"} 7',
      "process_resident_memory_bytes 1.5e8",
      "",
    ].join("\n"),
  );
  assert.equal(samples.get("civitas_permission_checks_total"), 42);
  assert.equal(samples.get('civitas_block_import_seconds_bucket{le="0.5"}'), 7);
  assert.equal(samples.get("process_resident_memory_bytes"), 1.5e8);
});

test("hit and miss costs are solved from two windows with different mixes", () => {
  const window = (hits: number, calls: number, hit: number, miss: number): MetricsSample => ({
    permissionChecks: hits + calls,
    permissionCacheHits: hits,
    permissionLookups: calls,
    permissionCheckSeconds: hits * hit + calls * miss,
    permissionCachedDecisions: 0,
    blockImportSeconds: 0,
    blocksImported: 0,
    residentBytes: 0,
    heapUsedBytes: 0,
    externalBytes: 0,
  });
  const costs = checkCosts(window(38_000, 2000, 2e-6, 4e-3), window(4000, 3, 2e-6, 4e-3));
  assert.ok(Math.abs(costs.hitSeconds - 2e-6) < 1e-12);
  assert.ok(Math.abs(costs.missSeconds - 4e-3) < 1e-9);
  assert.ok(Number.isNaN(checkCosts(window(10, 1, 1, 1), window(20, 2, 1, 1)).missSeconds));
});
