import assert from "node:assert/strict";
import { test } from "node:test";
import { compileContracts, renderGenerated, staleGeneratedFiles } from "../scripts/build.ts";

test("generated/ matches the Solidity sources (run `npm run build -w @civitas/contracts` if not)", () => {
  const contracts = compileContracts();
  assert.ok(contracts.some((c) => c.name === "IdentityRegistry"));
  assert.deepEqual(staleGeneratedFiles(renderGenerated(contracts)), []);
});
