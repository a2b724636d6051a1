// `npm start` with DASHX_ENV=production refuses to run on missing or placeholder secrets: it exits
// non-zero with a message naming the variable, before migrating the database or serving a single
// request. With strong secrets it starts (the control), without a demo merchant and without generating
// anything into .data/local.env.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, ROOT, START_TIMEOUT_MS } from "./harness";
import { startSecureApp, type SecureApp } from "./security-helpers";

const strong = () => ({
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  WEBHOOK_ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
  PLATFORM_API_TOKEN: `dpt_${randomBytes(24).toString("base64url")}`,
});

type Outcome = { code: number | null; output: string; listening: boolean; dbCreated: boolean; ms: number };

/** Runs `npx tsx scripts/start.ts` with exactly these secrets (none inherited) and waits for it to exit. */
async function productionStart(secrets: Record<string, string | undefined>): Promise<Outcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-prod-"));
  const dbFile = path.join(dir, "dashx.db");
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k === "NODE_ENV" || k.startsWith("VITEST") || k === "TEST") continue;
    if (["AUTH_SECRET", "NEXTAUTH_SECRET", "WEBHOOK_ENCRYPTION_KEYS", "PLATFORM_API_TOKEN"].includes(k)) continue;
    env[k] = v;
  }
  Object.assign(env, { DASHX_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${dbFile}` });
  for (const [k, v] of Object.entries(secrets)) if (v !== undefined) env[k] = v;
  const started = Date.now();
  const child = spawn("npx", ["tsx", "scripts/start.ts"], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const chunks: string[] = [];
  child.stdout!.on("data", (c: Buffer) => chunks.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => chunks.push(c.toString()));
  let listening = false;
  const poll = setInterval(() => {
    fetch(`http://127.0.0.1:${port}/api/auth/csrf`, { signal: AbortSignal.timeout(1_000) }).then(
      () => (listening = true),
      () => undefined,
    );
  }, 100);
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
      resolve(-999);
    }, 60_000);
    child.once("exit", (c: number | null) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  clearInterval(poll);
  const dbCreated = fs.existsSync(dbFile);
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, output: chunks.join(""), listening, dbCreated, ms: Date.now() - started };
}

const ZERO_KEY = `1:${Buffer.alloc(32).toString("base64")}`;

describe("DASHX_ENV=production refuses weak configuration before serving", () => {
  it.each<[string, Record<string, string | undefined>, RegExp]>([
    ["no secrets at all", {}, /AUTH_SECRET[\s\S]*WEBHOOK_ENCRYPTION_KEYS[\s\S]*PLATFORM_API_TOKEN/],
    ["AUTH_SECRET missing", { ...strong(), AUTH_SECRET: undefined }, /AUTH_SECRET must be set to at least 32 random characters/],
    ["AUTH_SECRET a placeholder", { ...strong(), AUTH_SECRET: "changeme" }, /AUTH_SECRET must be set/],
    ["AUTH_SECRET too short", { ...strong(), AUTH_SECRET: "x7Gq2LmP9" }, /AUTH_SECRET must be set/],
    ["WEBHOOK_ENCRYPTION_KEYS missing", { ...strong(), WEBHOOK_ENCRYPTION_KEYS: undefined }, /WEBHOOK_ENCRYPTION_KEYS must be/],
    ["WEBHOOK_ENCRYPTION_KEYS the all-zero key", { ...strong(), WEBHOOK_ENCRYPTION_KEYS: ZERO_KEY }, /WEBHOOK_ENCRYPTION_KEYS must be/],
    ["WEBHOOK_ENCRYPTION_KEYS a 16-byte key", { ...strong(), WEBHOOK_ENCRYPTION_KEYS: `1:${randomBytes(16).toString("base64")}` }, /WEBHOOK_ENCRYPTION_KEYS must be/],
    ["PLATFORM_API_TOKEN missing", { ...strong(), PLATFORM_API_TOKEN: undefined }, /PLATFORM_API_TOKEN must be set/],
    ["PLATFORM_API_TOKEN short", { ...strong(), PLATFORM_API_TOKEN: "token" }, /PLATFORM_API_TOKEN must be set/],
  ])("%s: exits non-zero with a clear message, never listening, database untouched", async (_, secrets, message) => {
    const outcome = await productionStart(secrets);
    expect(outcome.code, outcome.output).not.toBe(0);
    expect(outcome.code, "it exited by itself").not.toBe(-999);
    expect(outcome.output).toMatch(/Refusing to start in production/);
    expect(outcome.output).toMatch(message);
    expect(outcome.output).not.toMatch(/DashX Webhooks: http|Building the dashboard|Demo merchant/);
    expect(outcome.listening).toBe(false);
    expect(outcome.dbCreated).toBe(false); // refused before `prisma migrate deploy`
    for (const value of Object.values(secrets)) if (value && value.length > 3) expect(outcome.output).not.toContain(value);
  });
});

describe("the control: strong secrets start", () => {
  let app: SecureApp | undefined;
  afterAll(async () => {
    await app?.stop();
  });

  it(
    "serves, seeds no demo merchant and keeps private targets off",
    async () => {
      const localEnv = path.join(ROOT, ".data", "local.env");
      const before = fs.existsSync(localEnv) ? fs.statSync(localEnv).mtimeMs : undefined;
      app = await startSecureApp({ DASHX_ENV: "production", ...strong(), WEBHOOK_ALLOW_PRIVATE_TARGETS: "", DEMO_MERCHANT_PASSWORD: "" });
      expect(app.logs()).toMatch(/Production mode: no demo merchant/);
      expect(app.logs()).not.toMatch(/Refusing/);
      const merchant = await app.merchant("Production Merchant");
      const res = await merchant.client.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/hook" });
      expect(res.status).toBe(422);
      expect(fs.existsSync(localEnv) ? fs.statSync(localEnv).mtimeMs : undefined).toBe(before);
    },
    START_TIMEOUT_MS + 60_000,
  );
});
