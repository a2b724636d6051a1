import { describe, expect, it } from "vitest";
import { retentionCheckMs } from "./purge";

describe("retentionCheckMs", () => {
  it("checks every minute for a normal period, sooner for a short one, never more often than every second", () => {
    expect(retentionCheckMs(30 * 86_400_000)).toBe(60_000);
    expect(retentionCheckMs(4_000)).toBe(2_000);
    expect(retentionCheckMs(100)).toBe(1_000);
  });
});
