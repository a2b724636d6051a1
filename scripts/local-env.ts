// Local defaults for the embedded setup: generated once into the git-ignored .data/local.env and
// merged into process.env without overriding anything the environment already sets.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
// Relative, not "@/": prisma.config.ts loads this file through a loader that knows no path aliases.
import { envInput, productionSecretsSchema } from "../lib/env";

const DATA_DIR = path.resolve(process.cwd(), ".data");
const LOCAL_ENV_FILE = path.join(DATA_DIR, "local.env");

function generatedDefaults(): Record<string, string> {
  return {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    WEBHOOK_ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
    PLATFORM_API_TOKEN: `dpt_${randomBytes(24).toString("base64url")}`,
    DEMO_MERCHANT_PASSWORD: `demo-${randomBytes(6).toString("base64url")}`,
  };
}

const STATIC_DEFAULTS: Record<string, string> = {
  DATABASE_URL: "file:./.data/dashx.db",
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};

function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) out[match[1]] = match[2];
  }
  return out;
}

/**
 * Reads (creating on first use) .data/local.env and fills in any variable the environment lacks.
 * With DASHX_ENV=production nothing is generated: secrets must come from the environment, and
 * assertProductionSecrets refuses to start without them.
 */
export function loadLocalEnv(): void {
  if (process.env.DASHX_ENV === "production") {
    for (const [key, value] of Object.entries(STATIC_DEFAULTS)) if (key !== "WEBHOOK_ALLOW_PRIVATE_TARGETS") process.env[key] ||= value;
    assertProductionSecrets();
    return;
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  let stored = fs.existsSync(LOCAL_ENV_FILE) ? parseEnvFile(fs.readFileSync(LOCAL_ENV_FILE, "utf8")) : {};
  const missing = Object.entries(generatedDefaults()).filter(([key]) => !(key in stored));
  if (missing.length > 0) {
    stored = { ...stored, ...Object.fromEntries(missing) };
    const body = Object.entries(stored).map(([k, v]) => `${k}=${v}`).join("\n");
    fs.writeFileSync(LOCAL_ENV_FILE, `# Generated local secrets for the embedded default. Never commit.\n${body}\n`, { mode: 0o600 });
  }
  for (const [key, value] of Object.entries({ ...STATIC_DEFAULTS, ...stored })) {
    if (process.env[key] === undefined || process.env[key] === "") process.env[key] = value;
  }
}

/** Refuses missing, placeholder or too-short secrets for a production start (lib/env.ts's rules, all named at once). */
export function assertProductionSecrets(vars: NodeJS.ProcessEnv = process.env): void {
  const parsed = productionSecretsSchema.safeParse(envInput(vars));
  if (parsed.success) return;
  const problems = [...new Set(parsed.error.issues.map((issue) => issue.message))];
  throw new Error(`Refusing to start in production:\n- ${problems.join("\n- ")}`);
}
