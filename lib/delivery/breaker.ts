// The circuit breaker's policy (anchors: Convoy's circuit breaker, Hookdeck's backpressure). Pure, so the
// rules are tested without a network or a database; lib/delivery/store.ts applies them in the same
// transaction that records the attempt, so every worker process sees one state.
//
// An endpoint whose last `threshold` attempts all got no HTTP answer (timeout, refused, DNS, TLS, reset)
// is paused: claims skip it until `pausedUntil`, then take ONE probe; the probe's success (or any HTTP
// answer) closes the breaker, its failure re-opens it for twice as long (capped). Pausing only delays
// claims: deliveries stay pending with their schedule, and attempts are counted only when made.
import type { ErrorKind } from "./send";

export type BreakerSettings = { threshold: number; cooldownMs: number; maxCooldownMs: number };
export type BreakerState = { consecutiveFailures: number; pausedUntil: Date | null; breakerTrips: number };

/** Failures that say nothing answered: these cost a socket and a timeout each, so they pause the endpoint. */
const TRIPPING: ReadonlySet<ErrorKind> = new Set(["timeout", "connection_refused", "dns", "tls", "network"]);

export const tripsBreaker = (errorKind: ErrorKind | null) => errorKind !== null && TRIPPING.has(errorKind);

/** The cool-down after the breaker opened for the `trips`-th time in a row: base, 2×, 4×, … up to the cap. */
export function cooldownMs(trips: number, settings: BreakerSettings): number {
  return Math.min(settings.maxCooldownMs, settings.cooldownMs * 2 ** Math.max(0, Math.min(trips - 1, 30)));
}

export const CLOSED: BreakerState = { consecutiveFailures: 0, pausedUntil: null, breakerTrips: 0 };

/**
 * The breaker after one recorded attempt. `isProbe` marks the single attempt a claim let through when a
 * cool-down ended. Attempts already in flight when the breaker opened finish normally and only count.
 */
export function breakerAfterAttempt(
  state: BreakerState,
  attempt: { errorKind: ErrorKind | null; isProbe: boolean; at: Date },
  settings: BreakerSettings,
): BreakerState {
  if (!tripsBreaker(attempt.errorKind)) return CLOSED; // a success, or an HTTP answer: the endpoint is reachable
  const consecutiveFailures = state.consecutiveFailures + 1;
  const open = (trips: number): BreakerState => ({ consecutiveFailures, breakerTrips: trips, pausedUntil: new Date(attempt.at.getTime() + cooldownMs(trips, settings)) });
  if (attempt.isProbe) return open(state.breakerTrips + 1);
  if (state.pausedUntil === null && consecutiveFailures >= settings.threshold) return open(Math.max(1, state.breakerTrips + 1));
  return { ...state, consecutiveFailures };
}
