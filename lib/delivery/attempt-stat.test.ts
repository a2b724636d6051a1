import { describe, expect, it } from "vitest";
import { latencyBucket } from "./attempt-stat";

describe("latencyBucket", () => {
  it("is exact below 100 ms and rounds down within 10 % above", () => {
    expect([0, 1, 37, 99].map(latencyBucket)).toEqual([0, 1, 37, 99]);
    expect([100, 109, 999].map(latencyBucket)).toEqual([100, 100, 990]);
    expect([1_000, 1_099, 9_999].map(latencyBucket)).toEqual([1_000, 1_000, 9_900]);
    expect([10_000, 10_999, 30_500].map(latencyBucket)).toEqual([10_000, 10_000, 30_000]);
    for (let ms = 0; ms < 40_000; ms += 37) {
      const b = latencyBucket(ms);
      expect(b).toBeLessThanOrEqual(ms);
      expect(ms - b).toBeLessThanOrEqual(Math.max(0, ms * 0.1));
    }
  });
});
