import { describe, expect, it } from "vitest";
import { percentile } from "./attempt-stats";

describe("percentile (nearest rank over a histogram)", () => {
  it("is null for no data", () => {
    expect(percentile([], 0.5)).toBeNull();
  });

  it("matches nearest rank on the expanded values", () => {
    const values = [5, 5, 7, 9, 9, 9, 12, 40, 41, 300];
    const histogram = [...new Set(values)].map((ms) => ({ ms, n: values.filter((v) => v === ms).length }));
    const rank = (p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * values.length)) - 1];
    for (const p of [0.01, 0.5, 0.9, 0.95, 1]) expect(percentile(histogram, p)).toBe(rank(p));
    expect(percentile(histogram, 0.5)).toBe(9);
    expect(percentile(histogram, 0.95)).toBe(300);
  });
});
