import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration, parseDurations } from "./duration";
import { DEFAULT_RETRY_SCHEDULE } from "./env";

describe("parseDurations", () => {
  it("reads the default (Svix) retry schedule", () => {
    expect(parseDurations(DEFAULT_RETRY_SCHEDULE)).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
  });

  it("reads every unit, decimals and spaces", () => {
    expect(parseDurations("250ms, 1.5s ,2m,1h,1d")).toEqual([250, 1_500, 120_000, 3_600_000, 86_400_000]);
    expect(parseDuration("30d")).toBe(30 * 86_400_000);
  });

  it.each(["", "5", "5x", "five s", "5 sec", "1d,", "5s,,5m", "-1s", "1w", "5 s 5m"])("refuses %j with a helpful message", (spec) => {
    expect(() => parseDurations(spec)).toThrow(/Bad retry delay .*use numbers with ms, s, m, h or d/);
  });
});

describe("formatDuration", () => {
  it.each([
    [5 * 86_400_000, "5 days"],
    [30 * 86_400_000, "30 days"],
    [86_400_000, "24 hours"],
    [36 * 3_600_000, "36 hours"],
    [3_600_000, "1 hour"],
    [90_000, "90 seconds"],
    [2_000, "2 seconds"],
    [1_500, "2 seconds"],
    [200, "1 second"],
  ])("says %d ms as %j", (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });
});
