import { describe, expect, it } from "vitest";
import { parseDurations } from "@/lib/duration";
import { DEFAULT_RETRY_SCHEDULE } from "@/lib/env";
import { retryAfterMs, retryDelay } from "./retry-schedule";

const S = 1_000;
const M = 60 * S;
const H = 60 * M;

describe("retryDelay", () => {
  const schedule = parseDurations(DEFAULT_RETRY_SCHEDULE);

  it("stays within ±20% of the scheduled delay", () => {
    schedule.forEach((base, i) => {
      expect(retryDelay(schedule, i, () => 0)).toBe(Math.round(base * 0.8));
      expect(retryDelay(schedule, i, () => 0.5)).toBe(base);
      expect(retryDelay(schedule, i, () => 0.999999)).toBeLessThanOrEqual(Math.round(base * 1.2));
    });
  });

  it("jitters with real randomness inside the bounds", () => {
    const delays = Array.from({ length: 500 }, () => retryDelay(schedule, 1)!);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(0.8 * 5 * M);
      expect(d).toBeLessThanOrEqual(1.2 * 5 * M);
    }
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it("returns undefined once the schedule is exhausted", () => {
    expect(retryDelay(schedule, schedule.length)).toBeUndefined();
    expect(retryDelay([], 0)).toBeUndefined();
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads delta-seconds", () => {
    expect(retryAfterMs("120", now)).toBe(120 * S);
    expect(retryAfterMs("0", now)).toBe(0);
  });

  it("reads an HTTP date relative to now", () => {
    expect(retryAfterMs("Thu, 01 Jan 2026 00:05:00 GMT", now)).toBe(5 * M);
  });

  it("ignores missing, garbage, negative and past values", () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs("", now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
    expect(retryAfterMs("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBeUndefined();
  });

  it("caps hostile values at 24 h by default, or at the given cap", () => {
    expect(retryAfterMs("999999999", now)).toBe(24 * H);
    expect(retryAfterMs("Fri, 01 Jan 2100 00:00:00 GMT", now)).toBe(24 * H);
    expect(retryAfterMs("7200", now, H)).toBe(H);
  });
});
