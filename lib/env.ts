// Every environment variable the app reads, validated once. See .env.example for the list.
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { DEFAULT_RETRY_SCHEDULE, parseSchedule } from "@/lib/delivery/retry-schedule";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

// An empty value (`METRICS_TOKEN=` copied from .env.example) means unset, not an invalid setting.
const unsetIfEmpty = <S extends z.ZodType>(inner: S) => z.preprocess((v) => (v === "" ? undefined : v), inner);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // file:<path> = the embedded SQLite default; postgres://user@host:5432/db = PostgreSQL (several instances and workers).
  DATABASE_URL: z
    .string()
    .min(1)
    .default("file:./.data/dashx.db")
    .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), "must be a file: URL (SQLite) or a postgres:// URL"),
  // PostgreSQL connections per pool; a process has two (Prisma; the delivery engine and rate limits).
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  // "<version>:<base64 32-byte key>" comma separated; the first encrypts, all decrypt.
  WEBHOOK_ENCRYPTION_KEYS: z.string().min(1),
  PLATFORM_API_TOKEN: z.string().min(16).optional(),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool,
  WEBHOOK_ALLOWED_CIDRS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean))
    // Checked here: a typo would otherwise make every create answer 500 and every delivery fail.
    .refine((cidrs) => cidrs.every((c) => ipaddr.isValidCIDR(c)), "WEBHOOK_ALLOWED_CIDRS must be comma-separated CIDRs such as 10.20.0.0/16"),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  WEBHOOK_RETRY_SCHEDULE: z.string().default(DEFAULT_RETRY_SCHEDULE).transform(parseSchedule),
  // An endpoint whose every attempt has failed for this long is disabled ("5d", "10m", ...).
  WEBHOOK_AUTO_DISABLE_AFTER: z.string().default("5d").transform((v) => parseSchedule(v)[0]),
  // Attempts in flight per worker. A hanging attempt costs a socket and a timer, not CPU: size for I/O waits.
  WEBHOOK_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(1024),
  // Attempts in flight per endpoint per worker (also that endpoint's own connection pool size).
  WEBHOOK_WORKER_PER_ENDPOINT: z.coerce.number().int().positive().default(16),
  // Circuit breaker: this many attempts in a row without an HTTP answer pause the endpoint for the
  // cool-down, doubled on every failed probe up to the max.
  WEBHOOK_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  WEBHOOK_BREAKER_COOLDOWN: z.string().default("30s").transform((v) => parseSchedule(v)[0]),
  WEBHOOK_BREAKER_MAX_COOLDOWN: z.string().default("1h").transform((v) => parseSchedule(v)[0]),
  WEBHOOK_WORKER_POLL_MS: z.coerce.number().int().positive().default(1_000),
  // "false" keeps the delivery worker out of the web server (run `npm run worker` instead)
  WEBHOOK_WORKER_IN_PROCESS: z.enum(["true", "false"]).default("true"),
  // How long the previous secret keeps signing after a rotation.
  WEBHOOK_SECRET_ROTATION_OVERLAP: z.string().default("24h").transform((v) => parseSchedule(v)[0]),
  WEBHOOK_MAX_ENDPOINTS: z.coerce.number().int().positive().default(5),
  // Bearer token for GET /metrics; unset, /metrics answers 404 (operators opt in).
  METRICS_TOKEN: unsetIfEmpty(z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional()),
  // A standalone worker (`npm run worker`) serves /metrics on this port (it has no web server otherwise).
  WORKER_METRICS_PORT: unsetIfEmpty(z.coerce.number().int().min(1).max(65_535).optional()),
  // The address servers listen on (scripts/serve.ts reads it too); this machine only by default.
  HOST: unsetIfEmpty(z.string().min(1).default("127.0.0.1")),
  // Behind a reverse proxy that overwrites X-Forwarded-For / X-Forwarded-Host; otherwise both are ignored.
  TRUST_PROXY: bool,
  // Events (with their deliveries and attempts) older than this are removed; one duration ("30d", "12h").
  WEBHOOK_RETENTION: z
    .string()
    .default("30d")
    .refine((v) => !v.includes(","), "one duration such as 30d")
    .transform((v, ctx) => {
      try {
        return parseSchedule(v)[0];
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    })
    .refine((ms) => ms > 0, "must be longer than 0"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse({
      ...process.env,
      AUTH_SECRET: process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET,
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}. Run through \`npm start\` or see .env.example.`);
    }
    cached = parsed.data;
  }
  return cached;
}
