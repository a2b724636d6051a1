// What one recorded attempt does to its endpoint: the circuit breaker (breaker.ts), the auto-disable
// clock (`failingSince`: the start of the current unbroken run of failures) and the last error. Pure,
// written once: each store reads the endpoint's row in the transaction that records the attempt, calls
// endpointAfterAttempt, and writes back what it returns.
import { formatDuration } from "@/lib/duration";
import { breakerAfterAttempt, type BreakerSettings, type BreakerState } from "./breaker";
import type { ErrorKind } from "./send";

export type EndpointHealth = BreakerState & { status: string; failingSince: Date | null; lastError: string | null };

export type HealthAttempt = {
  ok: boolean;
  errorKind: ErrorKind | null;
  errorMessage: string | null;
  isProbe: boolean;
  isTest: boolean;
  at: Date;
  /** Set when the retry plan disables the endpoint at once (a 410 Gone answer). */
  disableReason: string | null;
};

export type HealthSettings = { breaker: BreakerSettings; autoDisableAfterMs: number };

/** The new health fields and, when the endpoint must be disabled now, why (audited as endpoint.disabled). */
export type HealthChange = { health: Omit<EndpointHealth, "status">; disable: string | null };

export const autoDisableReason = (afterMs: number, lastError: string | null) =>
  `Disabled automatically: every delivery failed for ${formatDuration(afterMs)} (last error: ${lastError})`;

const isHealthy = (h: EndpointHealth) => h.failingSince === null && h.consecutiveFailures === 0 && h.pausedUntil === null && h.lastError === null;

/** The change one attempt makes, or null when the row stays as it is (the common case: a success on a healthy endpoint). */
export function endpointAfterAttempt(before: EndpointHealth, attempt: HealthAttempt, settings: HealthSettings): HealthChange | null {
  const { status: _status, ...fields } = before;
  if (attempt.isTest) {
    // A test send says nothing about the auto-disable clock, but a success proves the endpoint answers again.
    if (!attempt.ok || before.pausedUntil === null) return null;
    return { health: { ...fields, consecutiveFailures: 0, pausedUntil: null, breakerTrips: 0 }, disable: null };
  }
  if (attempt.ok) {
    if (isHealthy(before) && before.breakerTrips === 0) return null;
    return { health: { consecutiveFailures: 0, pausedUntil: null, breakerTrips: 0, failingSince: null, lastError: null }, disable: null };
  }
  const { consecutiveFailures, pausedUntil, breakerTrips } = breakerAfterAttempt(before, { errorKind: attempt.errorKind, isProbe: attempt.isProbe, at: attempt.at }, settings.breaker);
  const breaker = { consecutiveFailures, pausedUntil, breakerTrips };
  const enabled = before.status === "enabled";
  if (attempt.disableReason) {
    return { health: { ...fields, ...breaker, failingSince: enabled ? null : before.failingSince }, disable: enabled ? attempt.disableReason : null };
  }
  const failingSince = before.failingSince ?? attempt.at;
  const expired = enabled && failingSince.getTime() <= attempt.at.getTime() - settings.autoDisableAfterMs;
  return {
    health: { ...breaker, failingSince: expired ? null : failingSince, lastError: attempt.errorMessage },
    disable: expired ? autoDisableReason(settings.autoDisableAfterMs, attempt.errorMessage) : null,
  };
}
