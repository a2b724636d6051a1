// The retry policy after each attempt (what plan.ts promises is tested without a network or database).
import { describe, expect, it } from "vitest";
import { planAfterAttempt, type PlanInput } from "./plan";

const now = new Date("2026-12-02T12:00:00Z");
const schedule = [5_000, 300_000, 1_800_000];
const input = (attemptCount: number, extra: Partial<PlanInput> = {}): PlanInput => ({ attemptCount, maxAttempts: schedule.length + 1, schedule, now, random: () => 0.5, ...extra });
const answer = (statusCode: number | null, headers: Record<string, string> | null = null) => ({ ok: statusCode !== null && statusCode >= 200 && statusCode < 300, statusCode, responseHeaders: headers });
const delayOf = (plan: ReturnType<typeof planAfterAttempt>) => plan.nextAttemptAt!.getTime() - now.getTime();

describe("planAfterAttempt", () => {
  it("closes the delivery on a 2xx", () => {
    expect(planAfterAttempt(answer(204), input(2))).toEqual({ status: "succeeded", attemptNumber: 3, nextAttemptAt: null, disableReason: null });
  });

  it("schedules retry n after failure n on the schedule (jitter centred at 0.5 = no change)", () => {
    expect(delayOf(planAfterAttempt(answer(500), input(0)))).toBe(5_000);
    expect(delayOf(planAfterAttempt(answer(null), input(1)))).toBe(300_000);
    expect(planAfterAttempt(answer(500), input(2)).status).toBe("pending");
  });

  it("applies ±20 % jitter", () => {
    expect(delayOf(planAfterAttempt(answer(500), input(0, { random: () => 0 })))).toBe(4_000);
    expect(delayOf(planAfterAttempt(answer(500), input(0, { random: () => 1 })))).toBe(6_000);
  });

  it("marks the delivery failed after the last attempt", () => {
    expect(planAfterAttempt(answer(500), input(3))).toEqual({ status: "failed", attemptNumber: 4, nextAttemptAt: null, disableReason: null });
  });

  it("stops at once and disables the endpoint on 410 Gone", () => {
    const plan = planAfterAttempt(answer(410), input(0));
    expect(plan.status).toBe("failed");
    expect(plan.disableReason).toMatch(/410 Gone/);
  });

  it("honours Retry-After on 429 and 503, not on other statuses", () => {
    expect(delayOf(planAfterAttempt(answer(429, { "retry-after": "120" }), input(0)))).toBe(120_000);
    expect(delayOf(planAfterAttempt(answer(503, { "retry-after": "7" }), input(0)))).toBe(7_000);
    expect(delayOf(planAfterAttempt(answer(500, { "retry-after": "120" }), input(0)))).toBe(5_000);
  });

  it("still gives up after the last attempt even when Retry-After asks for more", () => {
    expect(planAfterAttempt(answer(429, { "retry-after": "1" }), input(3)).status).toBe("failed");
  });
});
