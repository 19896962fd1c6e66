import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMemoryLatency, probeMemoryLatency } from "../memoryProbe.ts";

test("a random read in a large working set takes longer than in a small one", () => {
  const small = 64 * 1024;
  const large = 128 * 1024 * 1024;
  const [inCache, pastCache] = probeMemoryLatency([small, large], 500_000);
  assert.equal(inCache!.bytes, small);
  assert.equal(pastCache!.bytes, large);
  assert.ok(inCache!.ns > 0 && Number.isFinite(pastCache!.ns), JSON.stringify([inCache, pastCache]));
  // Every machine has a cache far larger than 64 KB and far smaller than 128 MB.
  assert.ok(pastCache!.ns > 2 * inCache!.ns, JSON.stringify([inCache, pastCache]));
});

test("latencies are printed per size, in KB and MB", () => {
  assert.equal(
    formatMemoryLatency([
      { bytes: 256 * 1024, ns: 5.3 },
      { bytes: 16 * 1024 * 1024, ns: 141.2 },
    ]),
    "5 ns in 256 KB, 141 ns in 16 MB",
  );
});
