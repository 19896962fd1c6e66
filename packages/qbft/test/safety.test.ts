import assert from "node:assert/strict";
import { test } from "node:test";
import type { Behaviour, LinkPolicy } from "./support/network.ts";
import { SimNetwork } from "./support/network.ts";

/** A lossy, reordering link: 15% loss, delays from 1 ms to 3 s so messages overtake each other. */
const chaoticLink: LinkPolicy = (_f, _t, _m, rand) =>
  rand() < 0.15 ? undefined : 1 + Math.floor(rand() ** 3 * 3000);

test("safety: over many seeded schedules with up to f faulty nodes, honest nodes never commit different blocks", async () => {
  let blocks = 0;
  for (let seed = 1; seed <= 16; seed++) {
    const n = seed % 3 === 0 ? 7 : 4;
    const f = Math.floor((n - 1) / 3);
    const kinds: Behaviour[] = ["crashed", "equivocating"];
    const behaviours: Record<number, Behaviour> = {};
    for (let i = 0; i < f; i++) behaviours[(seed + i * 3) % n] = kinds[(seed + i) % 2]!;
    const net = new SimNetwork({
      validators: n,
      seed,
      behaviours,
      link: chaoticLink,
      config: { requestTimeoutSeconds: 1, maxRoundTimeoutSeconds: 8 },
    });
    await net.start();
    await net.runUntil(() => net.honest().every((node) => node.height >= 3), 180_000);
    assert.deepEqual(net.violations, [], `seed ${seed}`);
    // Every honest chain is a prefix of the decided sequence.
    for (const node of net.honest()) {
      for (const entry of node.chain) assert.ok(net.decided.has(entry.block.height), `seed ${seed}`);
    }
    blocks += Math.min(...net.honest().map((node) => node.height));
  }
  assert.ok(blocks > 0, "the schedules made progress, so the check had something to check");
});
