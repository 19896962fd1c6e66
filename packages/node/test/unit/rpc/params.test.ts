import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseData } from "../../../src/rpc/params.ts";

describe("parseData", () => {
  it("decodes 0x-hex data of any case, and checks an expected length", () => {
    assert.deepEqual([...parseData("0x", "x")], []);
    assert.deepEqual([...parseData("0x00fFaB", "x")], [0x00, 0xff, 0xab]);
    assert.deepEqual([...parseData("0x0102", "x", 2)], [1, 2]);
    assert.throws(() => parseData("0x0102", "x", 3), /x must be 3 bytes, got 2/);
  });

  it("refuses anything but 0x-prefixed hex with an even number of digits, wherever the bad digit is", () => {
    const bad: unknown[] = [
      "0x1",
      "0x123",
      "00ff",
      "0X00",
      "0xzz",
      "0x0g",
      "0xg0",
      `0x${"ab".repeat(200)}g0`,
      `0x${"ab".repeat(200)}0g`,
      "0x 0",
      "0x00 ",
      12,
      null,
      undefined,
      ["0x00"],
    ];
    for (const value of bad)
      assert.throws(
        () => parseData(value, "data"),
        (err: Error) => /data must be 0x-prefixed hex data with an even number of digits/.test(err.message),
        JSON.stringify(value) ?? String(value),
      );
  });
});
