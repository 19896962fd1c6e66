// The batch verifier's multi-scalar multiplication agrees with @noble/curves' pippenger, and
// a batch with one false equation among many true ones fails.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pippenger } from "@noble/curves/abstract/curve.js";
import { FastPoint } from "../src/field.ts";
import {
  Batch,
  checkEquations,
  G,
  Group,
  msm,
  ORDER,
  randomScalar,
  seededRng,
  WEIGHT_BITS,
} from "../src/index.ts";

const rng = seededRng("batch-tests");

test("msm equals noble's pippenger for every size, width and edge scalar", () => {
  for (const n of [1, 2, 3, 7, 40, 300]) {
    for (const bits of [2, WEIGHT_BITS, 253]) {
      const points = Array.from({ length: n }, () => G.multiply(randomScalar(rng)));
      const top = bits === 253 ? ORDER - 1n : (1n << BigInt(bits)) - 1n;
      const scalars = points.map((_, i) =>
        i % 5 === 0 ? top : i % 7 === 1 ? 0n : randomScalar(rng) % (top + 1n),
      );
      assert.ok(msm(points, scalars, bits).equals(pippenger(Group, points, scalars)), `n=${n} bits=${bits}`);
    }
  }
  assert.throws(() => msm([G], [1n << 64n], 64), /outside/);
});

test("the fast point arithmetic agrees with @noble/curves' on sums, doublings, negations and the identity", () => {
  const points = [Group.ZERO, G, ...Array.from({ length: 30 }, () => G.multiply(randomScalar(rng)))];
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as typeof G;
    const q = points[(i * 7 + 3) % points.length] as typeof G;
    const fp = FastPoint.from(p);
    const fq = FastPoint.from(q);
    assert.ok(fp.add(fq).toPoint().equals(p.add(q)), `sum ${i}`);
    assert.ok(fp.add(fp).toPoint().equals(p.double()), `self-sum ${i}`);
    assert.ok(fp.double().toPoint().equals(p.double()), `double ${i}`);
    assert.ok(fp.add(fp.negate()).toPoint().is0(), `p − p ${i}`);
    // A long chain keeps coordinates bounded: 64 doublings and additions, then compare.
    let chain = fp;
    let reference = p;
    for (let k = 0; k < 64; k++) {
      chain = chain.double().add(fq.negate());
      reference = reference.double().subtract(q);
    }
    assert.ok(chain.toPoint().equals(reference), `chain ${i}`);
  }
});

test("a batch fails when one of many equations is false, and passes when all hold", () => {
  const eqs = Array.from({ length: 50 }, () => {
    const x = randomScalar(rng);
    const r = randomScalar(rng);
    // r·G + x·G − (r + x)·G = 0, with R = r·G and P = x·G as terms.
    return {
      g: (ORDER - ((r + x) % ORDER)) % ORDER,
      k: 0n,
      terms: [[G.multiply(r), 1n] as [typeof G, bigint], [G.multiply(x), 1n] as [typeof G, bigint]],
    };
  });
  assert.ok(checkEquations(eqs, undefined));
  const wrong = eqs[17];
  assert.ok(wrong);
  const tampered = [...eqs];
  tampered[17] = { ...wrong, g: (wrong.g + 1n) % ORDER };
  assert.equal(checkEquations(tampered, undefined), false);
  const batch = new Batch(rng);
  for (let i = 0; i < 1000; i++) assert.ok(batch.weight() > 0n);
});
