import { describe, expect, it } from "vitest";
import { autoDisableReason, endpointAfterAttempt, type EndpointHealth, type HealthAttempt } from "./endpoint-health";

const T = new Date("2026-12-02T12:00:00Z");
const settings = { breaker: { threshold: 3, cooldownMs: 30_000, maxCooldownMs: 600_000 }, autoDisableAfterMs: 5 * 86_400_000 };
const healthy: EndpointHealth = { status: "enabled", failingSince: null, consecutiveFailures: 0, pausedUntil: null, breakerTrips: 0, lastError: null };
const attempt = (over: Partial<HealthAttempt> = {}): HealthAttempt => ({
  ok: false, errorKind: "timeout", errorMessage: "no response within 10 s", isProbe: false, isTest: false, at: T, disableReason: null, ...over,
});

describe("endpointAfterAttempt", () => {
  it("a success on a healthy endpoint changes nothing", () => {
    expect(endpointAfterAttempt(healthy, attempt({ ok: true, errorKind: null, errorMessage: null }), settings)).toBeNull();
  });

  it("a failure starts the auto-disable clock and counts toward the breaker", () => {
    const change = endpointAfterAttempt(healthy, attempt(), settings);
    expect(change).toEqual({ health: { failingSince: T, lastError: "no response within 10 s", consecutiveFailures: 1, pausedUntil: null, breakerTrips: 0 }, disable: null });
  });

  it("an HTTP error answer keeps the clock running but closes the breaker", () => {
    const failing = { ...healthy, failingSince: new Date(T.getTime() - 1000), consecutiveFailures: 2 };
    const change = endpointAfterAttempt(failing, attempt({ errorKind: "http_status", errorMessage: "HTTP 500" }), settings);
    expect(change?.health).toMatchObject({ failingSince: failing.failingSince, consecutiveFailures: 0, pausedUntil: null, lastError: "HTTP 500" });
  });

  it("disables once every attempt failed for the whole period, with the reason worded once", () => {
    const failing = { ...healthy, failingSince: new Date(T.getTime() - settings.autoDisableAfterMs) };
    const change = endpointAfterAttempt(failing, attempt({ errorKind: "http_status", errorMessage: "HTTP 503" }), settings);
    expect(change?.disable).toBe("Disabled automatically: every delivery failed for 5 days (last error: HTTP 503)");
    expect(change?.health.failingSince).toBeNull();
    expect(autoDisableReason(36 * 3_600_000, "x")).toContain("36 hours");
  });

  it("a 410 disables at once; an endpoint already disabled is not disabled again", () => {
    const gone = attempt({ errorKind: "http_status", errorMessage: "HTTP 410", disableReason: "Gone" });
    expect(endpointAfterAttempt(healthy, gone, settings)?.disable).toBe("Gone");
    expect(endpointAfterAttempt({ ...healthy, status: "disabled" }, gone, settings)?.disable).toBeNull();
  });

  it("a test send's success closes an open breaker but leaves the auto-disable clock alone", () => {
    const paused = { ...healthy, failingSince: T, consecutiveFailures: 5, pausedUntil: new Date(T.getTime() + 30_000), breakerTrips: 1, lastError: "x" };
    expect(endpointAfterAttempt(paused, attempt({ isTest: true, ok: true, errorKind: null }), settings)?.health).toEqual({
      failingSince: T, lastError: "x", consecutiveFailures: 0, pausedUntil: null, breakerTrips: 0,
    });
    expect(endpointAfterAttempt(paused, attempt({ isTest: true }), settings)).toBeNull();
  });
});
