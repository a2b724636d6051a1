// What happens after an attempt: close the delivery, or schedule its retry, and whether the endpoint
// must be disabled. Pure, so the retry policy is tested without a network or a database.
import { retryAfterMs, retryDelay } from "./retry-schedule";
import type { SendResult } from "./send";

export type Plan = {
  status: "succeeded" | "failed" | "pending";
  attemptNumber: number;
  nextAttemptAt: Date | null;
  /** Set when the response itself asks us to stop (410 Gone). */
  disableReason: string | null;
};

export type PlanInput = { attemptCount: number; maxAttempts: number; schedule: number[]; now: Date; random?: () => number };

export function planAfterAttempt(result: Pick<SendResult, "ok" | "statusCode" | "responseHeaders">, input: PlanInput): Plan {
  const attemptNumber = input.attemptCount + 1;
  if (result.ok) return { status: "succeeded", attemptNumber, nextAttemptAt: null, disableReason: null };
  if (result.statusCode === 410) {
    return { status: "failed", attemptNumber, nextAttemptAt: null, disableReason: "The endpoint answered 410 Gone, which asks us to stop sending" };
  }
  if (attemptNumber >= input.maxAttempts) return { status: "failed", attemptNumber, nextAttemptAt: null, disableReason: null };
  const asked = result.statusCode === 429 || result.statusCode === 503 ? retryAfterMs(result.responseHeaders?.["retry-after"], input.now.getTime()) : undefined;
  const delay = asked ?? retryDelay(input.schedule, attemptNumber - 1, input.random);
  if (delay === undefined) return { status: "failed", attemptNumber, nextAttemptAt: null, disableReason: null };
  return { status: "pending", attemptNumber, nextAttemptAt: new Date(input.now.getTime() + delay), disableReason: null };
}
