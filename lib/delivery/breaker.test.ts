import { describe, expect, it } from "vitest";
import { breakerAfterAttempt, CLOSED, cooldownMs, tripsBreaker, type BreakerSettings } from "./breaker";

const settings: BreakerSettings = { threshold: 3, cooldownMs: 30_000, maxCooldownMs: 300_000 };
const at = new Date("2026-12-02T14:00:00Z");
const fail = (state = CLOSED, isProbe = false) => breakerAfterAttempt(state, { errorKind: "timeout", isProbe, at }, settings);

describe("circuit breaker", () => {
  it("counts failures without an HTTP answer and opens at the threshold", () => {
    const one = fail();
    expect(one).toEqual({ consecutiveFailures: 1, pausedUntil: null, breakerTrips: 0 });
    const two = fail(one);
    expect(two.pausedUntil).toBeNull();
    const three = fail(two);
    expect(three).toEqual({ consecutiveFailures: 3, breakerTrips: 1, pausedUntil: new Date(at.getTime() + 30_000) });
  });

  it("does not extend the pause for attempts that were already in flight", () => {
    const open = fail(fail(fail()));
    const straggler = fail(open);
    expect(straggler.pausedUntil).toEqual(open.pausedUntil);
    expect(straggler.breakerTrips).toBe(1);
    expect(straggler.consecutiveFailures).toBe(4);
  });

  it("re-opens for twice as long when the probe fails, up to the cap", () => {
    let state = fail(fail(fail()));
    const pauses: number[] = [];
    for (let i = 0; i < 6; i++) {
      state = fail(state, true);
      pauses.push(state.pausedUntil!.getTime() - at.getTime());
    }
    expect(pauses).toEqual([60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it("closes on a success or on any HTTP answer, even a 500", () => {
    const open = fail(fail(fail()));
    expect(breakerAfterAttempt(open, { errorKind: null, isProbe: true, at }, settings)).toEqual(CLOSED);
    expect(breakerAfterAttempt(open, { errorKind: "http_status", isProbe: false, at }, settings)).toEqual(CLOSED);
  });

  it("trips on timeout, refusal, DNS, TLS and resets; not on HTTP errors or blocked targets", () => {
    expect(["timeout", "connection_refused", "dns", "tls", "network"].every((k) => tripsBreaker(k as never))).toBe(true);
    expect(tripsBreaker("http_status")).toBe(false);
    expect(tripsBreaker("blocked")).toBe(false);
    expect(tripsBreaker(null)).toBe(false);
    expect(cooldownMs(1, settings)).toBe(30_000);
  });
});
