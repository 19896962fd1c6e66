import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BoundedMap } from "../../../src/util/boundedMap.ts";

describe("BoundedMap", () => {
  it("never holds more than its bound, and keeps the newest entries", () => {
    const map = new BoundedMap<number, number>(100);
    for (let i = 0; i < 10_000; i++) {
      map.set(i, i * 2);
      assert.ok(map.size <= 100, `size ${map.size} after ${i + 1} inserts`);
    }
    for (let i = 9_950; i < 10_000; i++) assert.equal(map.get(i), i * 2);
    assert.equal(map.get(0), undefined);
    assert.equal(map.has(5_000), false);
  });

  it("keeps an entry that is read while others come and go", () => {
    const map = new BoundedMap<string, string>(10);
    map.set("hot", "value");
    for (let i = 0; i < 1_000; i++) {
      map.set(`cold ${i}`, "x");
      assert.equal(map.get("hot"), "value", `after ${i + 1} other inserts`);
    }
    assert.ok(map.size <= 10);
  });

  it("replaces, deletes and clears in either generation", () => {
    const map = new BoundedMap<string, number>(4);
    map.set("a", 1).set("b", 2).set("c", 3); // a, b previous; c current
    map.set("a", 10);
    assert.equal(map.get("a"), 10);
    assert.equal(map.delete("b"), true);
    assert.equal(map.delete("b"), false);
    assert.equal(map.has("b"), false);
    assert.equal(map.size, 2);
    map.clear();
    assert.equal(map.size, 0);
    assert.equal(map.get("c"), undefined);
  });

  it("refuses a bound it cannot keep", () => {
    assert.throws(() => new BoundedMap(1), /at least 2/);
    assert.throws(() => new BoundedMap(2.5), /at least 2/);
  });
});
