import assert from "node:assert/strict";
import { test } from "node:test";
import { compileContracts, renderGenerated, staleGeneratedFiles } from "../scripts/build.ts";

test("generated/ matches the Solidity sources (run `npm run build -w @civitas/contracts` if not)", () => {
  const contracts = compileContracts();
  assert.ok(contracts.some((c) => c.name === "IdentityRegistry"));
  assert.deepEqual(staleGeneratedFiles(renderGenerated(contracts)), []);
});

test("every fixed system-contract address is written in its EIP-55 checksum form", async () => {
  const { getAddress } = await import("viem");
  const addresses = await import("../src/addresses.ts");
  for (const [name, address] of Object.entries(addresses)) assert.equal(address, getAddress(address), name);
});
