import { describe, expect, it } from "vitest";
import { formatDay, formatHour, formatTime } from "./format-time";

describe("formatTime", () => {
  it("writes day, short month, year and a 24-hour UTC clock", () => {
    expect(formatTime(new Date("2026-12-07T14:05:59Z"))).toBe("7 Dec 2026, 14:05 UTC");
    expect(formatTime("2026-01-31T00:00:00.000Z")).toBe("31 Jan 2026, 00:00 UTC");
  });
  it("is UTC whatever the moment's offset was written in", () => {
    expect(formatTime("2026-12-07T23:30:00-02:00")).toBe("8 Dec 2026, 01:30 UTC");
  });
});

describe("formatHour and formatDay (the attempts chart's axis)", () => {
  it("cut the same UTC moment to the bucket, in formatTime's order", () => {
    expect(formatHour("2026-12-07T14:05:59Z")).toBe("14:00");
    expect(formatDay("2026-12-07T14:05:59Z")).toBe("7 Dec");
    // Late in the UTC day is still that UTC day, whatever the machine's zone.
    expect(formatDay(new Date("2026-12-31T23:30:00Z"))).toBe("31 Dec");
    expect(formatHour(new Date("2026-12-31T23:30:00Z"))).toBe("23:00");
  });
});
