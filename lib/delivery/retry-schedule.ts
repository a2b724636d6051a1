// When to try again. Default follows Svix: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts in all).
// The schedule itself is WEBHOOK_RETRY_SCHEDULE (lib/env.ts), read as durations by lib/duration.ts.

/** Delay before retry number `retryIndex` (0-based), with ±20% jitter so retries do not stampede. */
export function retryDelay(schedule: number[], retryIndex: number, random = Math.random): number | undefined {
  const base = schedule[retryIndex];
  if (base === undefined) return undefined;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A Retry-After header (seconds or HTTP date) as milliseconds, capped so a hostile value cannot park a delivery forever. */
export function retryAfterMs(header: string | undefined, now = Date.now(), capMs = 24 * 3_600_000): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, capMs);
}
