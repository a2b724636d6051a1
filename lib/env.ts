// Every environment variable the app reads, validated once. See .env.example for the list.
import ipaddr from "ipaddr.js";
import { z } from "zod";
// Relative, not "@/": scripts/local-env.ts (loaded by prisma.config.ts, no path aliases) imports this module.
import { parseDuration, parseDurations } from "./duration";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

// Svix's schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts in all).
export const DEFAULT_RETRY_SCHEDULE = "5s,5m,30m,2h,5h,10h,10h";

/** smtp:// or smtps:// with a host (the message names the variable, never its value: it may hold a password). */
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const PLACEHOLDERS = new Set(["changeme", "change-me", "secret", "development", "dev", "test", "password", "your-secret-here"]);

// The secrets' rules, one set: env() applies them on every start, and the production start
// (scripts/local-env.ts) applies the same pieces before anything is served. Messages never echo a value.
const AUTH_SECRET_RULE = "AUTH_SECRET must be set to at least 32 random characters";
const KEYS_RULE = "WEBHOOK_ENCRYPTION_KEYS must be <version>:<base64 of 32 random bytes>";
const TOKEN_RULE = "PLATFORM_API_TOKEN must be set (at least 24 characters)";
const strongKey = (entry: string) => {
  const [version, key] = entry.split(":");
  const raw = Buffer.from(key ?? "", "base64");
  return /^\d+$/.test(version ?? "") && raw.length === 32 && !raw.every((b) => b === raw[0]);
};
export const secretsSchema = z.object({
  AUTH_SECRET: z
    .string({ error: AUTH_SECRET_RULE })
    .refine((v) => v.length >= 32 && !PLACEHOLDERS.has(v.toLowerCase()) && new Set(v).size >= 8, AUTH_SECRET_RULE),
  // "<version>:<base64 32-byte key>" comma separated; the first encrypts, all decrypt.
  WEBHOOK_ENCRYPTION_KEYS: z.string({ error: KEYS_RULE }).refine((v) => v.split(",").every(strongKey), KEYS_RULE),
  // Optional for development (the intake answers 401 without it); a production start requires it.
  PLATFORM_API_TOKEN: z.string().min(24, TOKEN_RULE).optional(),
});
export const productionSecretsSchema = secretsSchema.extend({ PLATFORM_API_TOKEN: z.string({ error: TOKEN_RULE }).min(24, TOKEN_RULE) });

/** `RATE_LIMIT_<NAME>=points/seconds` (e.g. RATE_LIMIT_TEST_EVENT=3/60), keyed by the limit's lower-case name. */
const rateLimitOverrides = z.record(
  z.string(),
  z
    .string()
    .regex(/^\d+\/\d+$/, "RATE_LIMIT_<NAME> must be points/seconds such as 3/60")
    .transform((v) => ({ points: Number(v.split("/")[0]), duration: Number(v.split("/")[1]) })),
);

const schema = secretsSchema.extend({
  // "production" makes `npm start` refuse weak secrets and skip the demo merchant (scripts/local-env.ts).
  DASHX_ENV: z.string().optional(),
  // file:<path> = the embedded SQLite default; postgres://user@host:5432/db = PostgreSQL (several instances and workers).
  DATABASE_URL: z
    .string()
    .min(1)
    .default("file:./.data/dashx.db")
    .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), "must be a file: URL (SQLite) or a postgres:// URL"),
  // PostgreSQL connections per pool; a process has two (Prisma; the delivery engine and rate limits).
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  // This machine only unless HOST says otherwise (scripts/serve.ts says why).
  HOST: z.string().min(1).default("127.0.0.1"),
  // The dashboard's public URL for next-auth (npm start sets it from PORT when empty).
  NEXTAUTH_URL: z.string().optional(),
  // The demo merchant's password (generated into .data/local.env; no demo merchant in production).
  DEMO_MERCHANT_PASSWORD: z.string().optional(),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool,
  WEBHOOK_ALLOWED_CIDRS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean))
    // Checked here: a typo would otherwise make every create answer 500 and every delivery fail.
    .refine((cidrs) => cidrs.every((c) => ipaddr.isValidCIDR(c)), "WEBHOOK_ALLOWED_CIDRS must be comma-separated CIDRs such as 10.20.0.0/16"),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  WEBHOOK_RETRY_SCHEDULE: z.string().default(DEFAULT_RETRY_SCHEDULE).transform(parseDurations),
  // An endpoint whose every attempt has failed for this long is disabled ("5d", "10m", ...).
  WEBHOOK_AUTO_DISABLE_AFTER: z.string().default("5d").transform(parseDuration),
  // Attempts in flight per worker. A hanging attempt costs a socket and a timer, not CPU: size for I/O waits.
  WEBHOOK_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(1024),
  // Attempts in flight per endpoint per worker (also that endpoint's own connection pool size).
  WEBHOOK_WORKER_PER_ENDPOINT: z.coerce.number().int().positive().default(16),
  // Circuit breaker: this many attempts in a row without an HTTP answer pause the endpoint for the
  // cool-down, doubled on every failed probe up to the max.
  WEBHOOK_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  WEBHOOK_BREAKER_COOLDOWN: z.string().default("30s").transform(parseDuration),
  WEBHOOK_BREAKER_MAX_COOLDOWN: z.string().default("1h").transform(parseDuration),
  WEBHOOK_WORKER_POLL_MS: z.coerce.number().int().positive().default(1_000),
  // "false" keeps the delivery worker out of the web server (run `npm run worker` instead)
  WEBHOOK_WORKER_IN_PROCESS: z.enum(["true", "false"]).default("true"),
  // SQLite: the delivery store's statements and commits run on a thread of their own, beside the HTTP work.
  WEBHOOK_SQLITE_THREAD: z.enum(["true", "false"]).default("true"),
  // How long the previous secret keeps signing after a rotation.
  WEBHOOK_SECRET_ROTATION_OVERLAP: z.string().default("24h").transform(parseDuration),
  WEBHOOK_MAX_ENDPOINTS: z.coerce.number().int().positive().default(5),
  // Bearer token for GET /metrics; unset, /metrics answers 404 (operators opt in).
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  // A standalone worker (`npm run worker`) serves /metrics on this port (it has no web server otherwise).
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  // Behind a reverse proxy that overwrites X-Forwarded-For / X-Forwarded-Host; otherwise both are ignored.
  TRUST_PROXY: bool,
  // Events (with their deliveries and attempts) older than this are removed; one duration ("30d", "12h").
  WEBHOOK_RETENTION: z
    .string()
    .default("30d")
    .refine((v) => !v.includes(","), "one duration such as 30d")
    .transform((v, ctx) => {
      try {
        return parseDuration(v);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    })
    .refine((ms) => ms > 0, "must be longer than 0"),
  // Notification email: smtp://user:pass@host:587 or smtps://user:pass@host:465. Unset: every message is
  // printed as one line and kept in the dashboard inbox (nothing is lost; lib/notifications/mailer.ts).
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || isSmtpUrl(v), "SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587"),
  MAIL_FROM: z.string().min(3).default("DashX Webhooks <notifications@localhost>"),
  // The dashboard's public address, for the links in notification emails.
  APP_URL: z
    .string()
    .default("http://localhost:3000")
    .refine((v) => /^https?:\/\/[^/]+/.test(v) && URL.canParse(v), "APP_URL must be an http(s) URL such as https://webhooks.example.com")
    .transform((v) => v.replace(/\/+$/, "")),
  RATE_LIMIT_OVERRIDES: rateLimitOverrides,
});

export type Env = z.infer<typeof schema>;

/** The variables the schema reads (RATE_LIMIT_OVERRIDES stands for every RATE_LIMIT_<NAME>). */
export const ENV_VARIABLES = Object.keys(schema.shape);

/**
 * The raw variables as the schemas read them: an empty value is an unset one (`HOST=` listens on the
 * default), NEXTAUTH_SECRET stands in for AUTH_SECRET, the RATE_LIMIT_* overrides are gathered.
 */
export function envInput(vars: NodeJS.ProcessEnv): Record<string, unknown> {
  const set = Object.entries(vars).filter(([, value]) => value !== undefined && value !== "");
  const overrides = set.filter(([key]) => key.startsWith("RATE_LIMIT_"));
  return {
    ...Object.fromEntries(set),
    AUTH_SECRET: vars.AUTH_SECRET || vars.NEXTAUTH_SECRET || undefined,
    RATE_LIMIT_OVERRIDES: Object.fromEntries(overrides.map(([key, value]) => [key.slice("RATE_LIMIT_".length).toLowerCase(), value])),
  };
}

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(envInput(process.env));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}. Run through \`npm start\` or see .env.example.`);
    }
    cached = parsed.data;
  }
  return cached;
}
