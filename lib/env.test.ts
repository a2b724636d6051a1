import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// env() caches its result, so every test loads a fresh copy of the module.
async function loadEnv() {
  vi.resetModules();
  return (await import("./env")).env();
}

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("WEBHOOK_ENCRYPTION_KEYS", `1:${randomBytes(32).toString("base64")}`);
  for (const key of ["WEBHOOK_ALLOWED_CIDRS", "WEBHOOK_ALLOW_PRIVATE_TARGETS", "WEBHOOK_RETRY_SCHEDULE", "WEBHOOK_TIMEOUT_MS", "WEBHOOK_MAX_ENDPOINTS", "NEXTAUTH_SECRET", "WEBHOOK_RETENTION", "PLATFORM_API_TOKEN", "RATE_LIMIT_TEST_EVENT", "RATE_LIMIT_INTAKE", "METRICS_TOKEN", "WORKER_METRICS_PORT", "HOST"]) {
    vi.stubEnv(key, undefined);
  }
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("env", () => {
  it("applies the documented defaults", async () => {
    const e = await loadEnv();
    expect(e.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(false);
    expect(e.WEBHOOK_ALLOWED_CIDRS).toEqual([]);
    expect(e.WEBHOOK_TIMEOUT_MS).toBe(10_000);
    expect(e.WEBHOOK_MAX_ENDPOINTS).toBe(5);
    expect(e.WEBHOOK_RETRY_SCHEDULE).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(e.WEBHOOK_AUTO_DISABLE_AFTER).toBe(5 * 86_400_000);
    expect(e.WEBHOOK_RETENTION).toBe(30 * 86_400_000);
  });

  it("reads WEBHOOK_RETENTION in the retry schedule's syntax, one duration only", async () => {
    vi.stubEnv("WEBHOOK_RETENTION", "12h");
    expect((await loadEnv()).WEBHOOK_RETENTION).toBe(12 * 3_600_000);
    for (const bad of ["30 days", "1d,2d", "0s"]) {
      vi.stubEnv("WEBHOOK_RETENTION", bad);
      await expect(loadEnv(), bad).rejects.toThrow(/WEBHOOK_RETENTION/);
    }
  });

  it("accepts NEXTAUTH_SECRET for AUTH_SECRET", async () => {
    const secret = randomBytes(32).toString("base64url");
    vi.stubEnv("AUTH_SECRET", undefined);
    vi.stubEnv("NEXTAUTH_SECRET", secret);
    expect((await loadEnv()).AUTH_SECRET).toBe(secret);
  });

  it("refuses a short AUTH_SECRET and a missing encryption key, naming them", async () => {
    vi.stubEnv("AUTH_SECRET", "too-short");
    await expect(loadEnv()).rejects.toThrow(/AUTH_SECRET/);
    vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
    vi.stubEnv("WEBHOOK_ENCRYPTION_KEYS", undefined);
    await expect(loadEnv()).rejects.toThrow(/WEBHOOK_ENCRYPTION_KEYS/);
  });

  it("parses the private-target switch and the CIDR allow-list", async () => {
    vi.stubEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", "true");
    vi.stubEnv("WEBHOOK_ALLOWED_CIDRS", " 10.20.0.0/16, fd00:1::/32 ,");
    const e = await loadEnv();
    expect(e.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(true);
    expect(e.WEBHOOK_ALLOWED_CIDRS).toEqual(["10.20.0.0/16", "fd00:1::/32"]);
  });

  it.each(["10.20.0.0", "10.20.0.0/33", "intranet/8", "10.20.0.0/16;10.30.0.0/16"])("refuses the malformed CIDR list %j", async (value) => {
    vi.stubEnv("WEBHOOK_ALLOWED_CIDRS", value);
    await expect(loadEnv()).rejects.toThrow(/WEBHOOK_ALLOWED_CIDRS/);
  });

  it("reads the operator settings: METRICS_TOKEN (16+ characters), WORKER_METRICS_PORT, HOST; empty means unset", async () => {
    let e = await loadEnv();
    expect([e.METRICS_TOKEN, e.WORKER_METRICS_PORT, e.HOST]).toEqual([undefined, undefined, "127.0.0.1"]);
    vi.stubEnv("METRICS_TOKEN", "");
    vi.stubEnv("WORKER_METRICS_PORT", "");
    vi.stubEnv("HOST", "");
    e = await loadEnv();
    expect([e.METRICS_TOKEN, e.WORKER_METRICS_PORT, e.HOST]).toEqual([undefined, undefined, "127.0.0.1"]);
    vi.stubEnv("METRICS_TOKEN", "a-long-enough-token");
    vi.stubEnv("WORKER_METRICS_PORT", "9464");
    vi.stubEnv("HOST", "0.0.0.0");
    e = await loadEnv();
    expect([e.METRICS_TOKEN, e.WORKER_METRICS_PORT, e.HOST]).toEqual(["a-long-enough-token", 9464, "0.0.0.0"]);
    vi.stubEnv("METRICS_TOKEN", "short");
    await expect(loadEnv()).rejects.toThrow(/METRICS_TOKEN must be at least 16 characters/);
    vi.stubEnv("METRICS_TOKEN", "a-long-enough-token");
    for (const bad of ["0", "65536", "http", "1.5"]) {
      vi.stubEnv("WORKER_METRICS_PORT", bad);
      await expect(loadEnv(), bad).rejects.toThrow(/WORKER_METRICS_PORT/);
    }
  });

  it("gathers RATE_LIMIT_<NAME> overrides by lower-case name and refuses a malformed one", async () => {
    vi.stubEnv("RATE_LIMIT_TEST_EVENT", "3/60");
    vi.stubEnv("RATE_LIMIT_INTAKE", "");
    expect((await loadEnv()).RATE_LIMIT_OVERRIDES).toEqual({ test_event: { points: 3, duration: 60 } });
    vi.stubEnv("RATE_LIMIT_TEST_EVENT", "3 per minute");
    await expect(loadEnv()).rejects.toThrow(/RATE_LIMIT_OVERRIDES\.test_event: RATE_LIMIT_<NAME> must be points\/seconds/);
  });

  it("applies the production start's secret rules on every start (one set of rules)", async () => {
    vi.stubEnv("PLATFORM_API_TOKEN", "t".repeat(23));
    await expect(loadEnv()).rejects.toThrow(/PLATFORM_API_TOKEN must be set \(at least 24 characters\)/);
    vi.stubEnv("PLATFORM_API_TOKEN", "t".repeat(24));
    vi.stubEnv("AUTH_SECRET", "a".repeat(40));
    await expect(loadEnv()).rejects.toThrow(/AUTH_SECRET must be set to at least 32 random characters/);
    vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
    vi.stubEnv("WEBHOOK_ENCRYPTION_KEYS", `1:${Buffer.alloc(32).toString("base64")}`);
    await expect(loadEnv()).rejects.toThrow(/WEBHOOK_ENCRYPTION_KEYS must be <version>:<base64 of 32 random bytes>/);
  });

  it(".env.example lists every variable the schema reads, each under a comment", async () => {
    const lines = fs.readFileSync(".env.example", "utf8").split("\n");
    const listed = new Map(lines.flatMap((line, i) => (/^([A-Z0-9_]+)=/.exec(line) ? [[line.split("=")[0], lines[i - 1] ?? ""] as const] : [])));
    const { ENV_VARIABLES } = await import("./env");
    for (const name of ENV_VARIABLES) {
      const key = name === "RATE_LIMIT_OVERRIDES" ? "RATE_LIMIT_TEST_EVENT" : name;
      expect(listed.has(key), key).toBe(true);
    }
    for (const [key, above] of listed) expect(above, key).toMatch(/^# \S/);
  });

  it("reads an empty value as unset: the default applies", async () => {
    vi.stubEnv("HOST", "");
    vi.stubEnv("PORT", "");
    vi.stubEnv("WEBHOOK_TIMEOUT_MS", "");
    const e = await loadEnv();
    expect([e.HOST, e.PORT, e.WEBHOOK_TIMEOUT_MS]).toEqual(["127.0.0.1", 3000, 10_000]);
  });
});
