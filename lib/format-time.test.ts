import { describe, expect, it } from "vitest";
import { formatDay, formatHour, formatTime } from "./format-time";

describe("the dashboard's one time format", () => {
  it("writes a moment, and a chart's hour and day labels, in UTC and in the same order", () => {
    const at = "2026-12-07T14:05:59.000Z";
    expect(formatTime(at)).toBe("7 Dec 2026, 14:05 UTC");
    expect(formatHour(at)).toBe("14:00");
    expect(formatDay(at)).toBe("7 Dec");
    // Late in the UTC day is still that UTC day, whatever the machine's zone.
    expect(formatDay(new Date("2026-12-31T23:30:00Z"))).toBe("31 Dec");
    expect(formatHour(new Date("2026-12-31T23:30:00Z"))).toBe("23:00");
  });
});
