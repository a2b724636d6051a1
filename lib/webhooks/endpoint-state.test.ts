import { describe, expect, it } from "vitest";
import { endpointState, FAILING_AFTER, formatSuccessRate, nextSendAt } from "./endpoint-state";

const endpoint = (status: string, state: string) => ({ status, health: { state, consecutiveFailures: 0 } });

describe("endpointState", () => {
  it("reads repeated HTTP errors as failing, from the threshold on", () => {
    expect(endpointState(endpoint("enabled", "healthy"), FAILING_AFTER - 1)).toBe("healthy");
    expect(endpointState(endpoint("enabled", "healthy"), FAILING_AFTER)).toBe("failing");
    // Unanswered attempts the breaker counts but has not paused on yet count too.
    expect(endpointState({ status: "enabled", health: { state: "healthy", consecutiveFailures: FAILING_AFTER } }, 0)).toBe("failing");
  });
  it("a breaker pause wins over the count; a disabled endpoint is disabled", () => {
    expect(endpointState(endpoint("enabled", "paused"), 3)).toBe("paused");
    expect(endpointState(endpoint("disabled", "paused"), 9)).toBe("disabled");
    expect(endpointState(endpoint("enabled", "healthy"), 0)).toBe("healthy");
  });
});

describe("formatSuccessRate", () => {
  it("shows 0% for zero and — only without attempts", () => {
    expect(formatSuccessRate(0)).toBe("0%");
    expect(formatSuccessRate(null)).toBe("—");
    expect(formatSuccessRate(undefined)).toBe("—");
    expect(formatSuccessRate(0.9876)).toBe("98.8%");
    expect(formatSuccessRate(1)).toBe("100%");
  });
});

describe("nextSendAt", () => {
  const due = "2026-12-07T12:00:00.000Z";
  it("is the pause's end while the breaker holds the delivery past its own time", () => {
    expect(nextSendAt(due, "2026-12-07T12:05:00.000Z")).toBe("2026-12-07T12:05:00.000Z");
  });
  it("is the delivery's own time when there is no pause or it ends first", () => {
    expect(nextSendAt(due, null)).toBe(due);
    expect(nextSendAt(due, "2026-12-07T11:55:00.000Z")).toBe(due);
  });
});
