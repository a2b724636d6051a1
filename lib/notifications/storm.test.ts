import { describe, expect, it } from "vitest";
import { decideEmail, digestDue, exhaustedReady, roomAt, STORM_WINDOW_MS } from "./storm";

const now = new Date("2026-12-07T14:30:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("the storm cap", () => {
  it("sends the first three emails about an endpoint in an hour", () => {
    for (const count of [0, 1, 2]) {
      expect(decideEmail({ security: false, endpointId: "ep_1", window: { count, oldest: count ? minutesAgo(10) : null }, now })).toEqual({ action: "send" });
    }
  });

  it("holds the fourth until the oldest counted email is an hour old", () => {
    const verdict = decideEmail({ security: false, endpointId: "ep_1", window: { count: 3, oldest: minutesAgo(20) }, now });
    expect(verdict).toEqual({ action: "hold", until: new Date(minutesAgo(20).getTime() + STORM_WINDOW_MS) });
  });

  it("never folds a security notice or a notice about no endpoint", () => {
    expect(decideEmail({ security: true, endpointId: null, window: { count: 99, oldest: minutesAgo(1) }, now })).toEqual({ action: "send" });
    expect(decideEmail({ security: false, endpointId: null, window: { count: 99, oldest: minutesAgo(1) }, now })).toEqual({ action: "send" });
  });

  it("a digest is due once the window has room, and room comes an hour after the oldest", () => {
    expect(digestDue({ count: 3, oldest: minutesAgo(59) })).toBe(false);
    expect(digestDue({ count: 2, oldest: minutesAgo(59) })).toBe(true);
    expect(roomAt({ count: 3, oldest: minutesAgo(59) }, now)).toEqual(new Date(now.getTime() + 60_000));
    expect(roomAt({ count: 0, oldest: null }, now)).toEqual(now);
  });
});

describe("delivery.exhausted readiness", () => {
  it("waits while the hourly row keeps growing, goes once it is quiet for 30 s", () => {
    expect(exhaustedReady({ createdAt: minutesAgo(5), updatedAt: new Date(now.getTime() - 10_000) }, now)).toBe(false);
    expect(exhaustedReady({ createdAt: minutesAgo(5), updatedAt: new Date(now.getTime() - 30_000) }, now)).toBe(true);
  });

  it("goes at the end of its hour even while it still grows", () => {
    const created = new Date("2026-12-07T13:10:00Z");
    expect(exhaustedReady({ createdAt: created, updatedAt: new Date(now.getTime() - 1_000) }, now)).toBe(true);
  });
});
