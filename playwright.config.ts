// End-to-end specs drive the real dashboard in Debian's Chromium against `npm start` on a fresh database
// (SQLite, or PostgreSQL with E2E_DATABASE=postgres).
import { defineConfig } from "@playwright/test";
import { MERCHANT_STATE, PLATFORM_API_TOKEN } from "./e2e/support/paths";

// E2E_PORT lets two checkouts (worktrees) run their browser suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// E2E_DATABASE=postgres (npm run test:e2e:pg): the same dashboard on PostgreSQL, in a database of its own on
// the test server (TEST_POSTGRES_URL, default the local one), emptied before the run and dropped after it.
function databaseUrl(): string {
  if (process.env.E2E_DATABASE !== "postgres") return "file:./.data/e2e.db";
  const url = new URL(process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/dashx_e2e_${PORT}`;
  return url.toString();
}
const DATABASE_URL = databaseUrl();
process.env.E2E_DATABASE_URL = DATABASE_URL; // for the global teardown

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1, // a 2-core machine that also runs the server and its delivery worker
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  globalTeardown: "./e2e/support/e2e-database.mjs",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    viewport: { width: 1280, height: 800 },
    // The dialogs' entrance animation is motion-safe only: without it a click can no longer land while the
    // dialog is still moving (pointerdown on the button, pointerup beside it: a lost click, ~1 in 40).
    reducedMotion: "reduce",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { storageState: MERCHANT_STATE, permissions: ["clipboard-read", "clipboard-write"] },
    },
  ],
  webServer: {
    command: "node e2e/support/reset-db.mjs && npx tsx scripts/start.ts",
    url: `${BASE_URL}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: BASE_URL,
      DATABASE_URL,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      // The specs publish events as the payments core does, so they must know the intake token.
      PLATFORM_API_TOKEN,
      // Compressed retries: a failing delivery is retried after ~1 s, then ~8 s (long enough to watch
      // it wait in "Retrying"), then marked failed. Test events are never retried, so other specs are unaffected.
      WEBHOOK_RETRY_SCHEDULE: "1s,8s",
      // breaker.spec.ts: three unanswered attempts pause an endpoint, long enough to look at it.
      WEBHOOK_BREAKER_THRESHOLD: "3",
      WEBHOOK_BREAKER_COOLDOWN: "10m",
      // Every spec runs as the one e2e merchant, which creates far more endpoints and test sends in an hour
      // than a person would: the per-merchant budgets are raised here (the integration suites prove them).
      RATE_LIMIT_ENDPOINT_CREATE: "1000/3600",
      RATE_LIMIT_TEST_EVENT: "1000/60",
      // As behind a reverse proxy: login-limit.spec.ts sends its own X-Forwarded-For so its brute-force
      // attempts use a client address of their own and leave the other specs' sign-in budget alone.
      TRUST_PROXY: "true",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
