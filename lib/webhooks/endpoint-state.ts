// The one place that decides how an endpoint's state reads in the dashboard (list and endpoint page).
// The public API keeps `health.state` as the breaker's "healthy" | "paused"; "failing" is a dashboard
// reading of repeated HTTP errors the breaker does not pause on (a 500 answer is still an answer).

import { FAILING_AFTER } from "@/lib/notifications/kinds";

/** Failures in a row from which an endpoint reads as failing: the threshold of `endpoint.failing`. */
export { FAILING_AFTER };

export type EndpointState = "disabled" | "paused" | "failing" | "healthy";

type Input = { status: string; health: { state: string; consecutiveFailures: number } };

/** `failuresInARow`: real attempts that failed in a row, HTTP errors included (failures-in-a-row.ts). */
export function endpointState({ status, health }: Input, failuresInARow: number): EndpointState {
  if (status !== "enabled") return "disabled";
  if (health.state === "paused") return "paused";
  return Math.max(failuresInARow, health.consecutiveFailures) >= FAILING_AFTER ? "failing" : "healthy";
}

/** "0%" when no attempt succeeded, "—" only when there were no attempts. */
export function formatSuccessRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  return `${Math.round(rate * 1000) / 10}%`;
}

/** When a pending delivery will really be tried: its own time, or later while its endpoint's breaker holds it back. */
export function nextSendAt(nextAttemptAt: string, pausedUntil: string | null | undefined): string {
  if (!pausedUntil) return nextAttemptAt;
  return new Date(pausedUntil) > new Date(nextAttemptAt) ? pausedUntil : nextAttemptAt;
}
