// Rate limits (rate-limiter-flexible). On PostgreSQL every app instance counts in one table
// ("RateLimit", created by the migrations), so limits hold across instances and restarts; on the
// embedded SQLite default (one app process) they are counted in memory. Every limit answers 429 +
// Retry-After.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { ApiError } from "@/lib/api/errors";
import { isPostgresUrl } from "@/lib/db/dialect";
import { pgPool } from "@/lib/db/postgres";
import { env } from "@/lib/env";

type LimitName =
  | "login_ip"
  | "login_email"
  | "login_code"
  | "signup_ip"
  | "test_event"
  | "test_event_target"
  | "endpoint_create"
  | "account"
  | "api_key"
  | "intake"
  | "signature_probe";

const DEFAULTS: Record<LimitName, { points: number; duration: number }> = {
  login_ip: { points: 30, duration: 60 }, // 30 sign-in attempts a minute from one address
  // Wrong passwords per (email, client address) per 15 minutes: a stranger's failures elsewhere never lock
  // the owner out, and a sign-in that succeeds gives its points back, so only failures count.
  login_email: { points: 10, duration: 15 * 60 },
  // Wrong two-factor codes per account, counted only after the right password: reaching the code takes
  // the password, so only someone who has it can spend this budget.
  login_code: { points: 10, duration: 15 * 60 },
  signup_ip: { points: 20, duration: 3600 },
  // Manual sends (test, Resend, Recover: lib/security/manual-send-budget.ts) per merchant, not per
  // endpoint: deleting and recreating an endpoint must not buy a fresh budget.
  test_event: { points: 10, duration: 60 },
  // Per target host across merchants: many accounts cannot aim test sends at one host either.
  test_event_target: { points: 30, duration: 60 },
  endpoint_create: { points: 20, duration: 3600 }, // per merchant
  // Password and two-factor changes per merchant (each checks a password or a code).
  account: { points: 10, duration: 15 * 60 },
  api_key: { points: 600, duration: 60 }, // per API key
  intake: { points: 5000, duration: 1 }, // per platform token
  signature_probe: { points: 5, duration: 60 }, // per merchant: a check, not a load test of someone's server
};

const globalForLimits = globalThis as unknown as { dashxLimiters?: Map<LimitName, RateLimiterAbstract> };
const limiters = (globalForLimits.dashxLimiters ??= new Map());

/** `RATE_LIMIT_<NAME>=points/seconds` overrides a default (e.g. RATE_LIMIT_TEST_EVENT=3/60): see lib/env.ts. */
function limiter(name: LimitName): RateLimiterAbstract {
  let l = limiters.get(name);
  if (!l) {
    const opts = env().RATE_LIMIT_OVERRIDES[name] ?? DEFAULTS[name];
    l = isPostgresUrl(env().DATABASE_URL)
      ? new RateLimiterPostgres({
          storeClient: pgPool(),
          storeType: "pool",
          tableName: "RateLimit",
          tableCreated: true,
          keyPrefix: name,
          ...opts,
          // While the database does not answer, this process counts alone rather than failing every request.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, ...opts }),
        })
      : new RateLimiterMemory({ keyPrefix: name, ...opts });
    limiters.set(name, l);
  }
  return l;
}

function tooMany(msBeforeNext: number): ApiError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new ApiError("rate_limited", `Too many requests. Try again in ${seconds} seconds.`, { headers: { "Retry-After": String(seconds) } });
}

/** Spends one point of `name` for `key`; throws a 429 ApiError with Retry-After when none are left. */
export async function consume(name: LimitName, key: string): Promise<void> {
  try {
    await limiter(name).consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw tooMany(error.msBeforeNext);
  }
}

/** Throws the 429 when `key` has no point of `name` left, spending nothing: for budgets charged only on failure. */
export async function assertNotExhausted(name: LimitName, key: string): Promise<void> {
  const l = limiter(name);
  const state = await l.get(key);
  if (state && state.consumedPoints >= l.points) throw tooMany(state.msBeforeNext);
}

/** Charges one point of `name` to `key` after a failure, without refusing (assertNotExhausted refuses the next try). */
export async function chargeFailure(name: LimitName, key: string): Promise<void> {
  await limiter(name).penalty(key, 1);
}

/** The key of a per-(email, client address) limit. */
export const emailAtAddress = (email: string, ip: string) => `${email}|${ip}`;

/**
 * Gives back up to `points` spent by `key` (never below zero): a successful sign-in refunds what its
 * own pre-check and callback spent, so only failures use up an account's budget.
 */
export async function refund(name: LimitName, key: string, points: number): Promise<void> {
  const state = await limiter(name).get(key);
  const spent = state?.consumedPoints ?? 0;
  if (spent > 0) await limiter(name).reward(key, Math.min(points, spent));
}

/** The client address as seen by this server (the first X-Forwarded-For hop when behind a proxy). */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}
