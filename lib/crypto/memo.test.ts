import { describe, expect, it } from "vitest";
import { boundedMemo } from "./memo";

describe("boundedMemo", () => {
  it("computes each key once, and drops the oldest entry when full", () => {
    const calls: string[] = [];
    const upper = boundedMemo((key) => (calls.push(key), key.toUpperCase()), 2);
    expect([upper("a"), upper("a"), upper("b")]).toEqual(["A", "A", "B"]);
    expect(calls).toEqual(["a", "b"]);
    upper("c"); // evicts "a"
    upper("b");
    upper("a");
    expect(calls).toEqual(["a", "b", "c", "a"]);
  });

  it("does not cache a computation that throws", () => {
    let n = 0;
    const flaky = boundedMemo(() => {
      if (n++ === 0) throw new Error("first call fails");
      return "ok";
    });
    expect(() => flaky("k")).toThrow("first call fails");
    expect(flaky("k")).toBe("ok");
  });
});
