// When to try again. Default follows Svix: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts in all).
const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const DEFAULT_RETRY_SCHEDULE = "5s,5m,30m,2h,5h,10h,10h";

/** Parses "1s,2s,5m" into milliseconds. */
export function parseSchedule(spec: string): number[] {
  return spec.split(",").map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) throw new Error(`Bad retry delay "${part}": use numbers with ms, s, m, h or d, e.g. 5s,5m,30m`);
    return Math.round(Number(match[1]) * UNITS[match[2]]);
  });
}

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
