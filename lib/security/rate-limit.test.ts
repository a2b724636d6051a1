// Rate limits: a budget per name and key, overridable through env, 429 with Retry-After, refunds.
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

async function limits() {
  vi.resetModules(); // env() caches its overrides
  (globalThis as { dashxLimiters?: unknown }).dashxLimiters = undefined; // limiters live across module loads
  return import("./rate-limit");
}

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("WEBHOOK_ENCRYPTION_KEYS", `1:${randomBytes(32).toString("base64")}`);
  vi.stubEnv("RATE_LIMIT_TEST_EVENT", "2/60");
});
afterEach(() => vi.unstubAllEnvs());

describe("consume", () => {
  it("spends the RATE_LIMIT_<NAME> override's points per key, then answers 429 with Retry-After", async () => {
    const { consume } = await limits();
    const key = randomUUID();
    await consume("test_event", key);
    await consume("test_event", key);
    const refusal = await consume("test_event", key).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: "rate_limited", status: 429, headers: { "Retry-After": expect.stringMatching(/^\d+$/) } });
    await expect(consume("test_event", randomUUID())).resolves.toBeUndefined(); // another key has its own budget
  });

  it("uses the default without an override (10 test sends a minute)", async () => {
    vi.stubEnv("RATE_LIMIT_TEST_EVENT", "");
    const { consume } = await limits();
    const key = randomUUID();
    for (let i = 0; i < 10; i++) await consume("test_event", key);
    await expect(consume("test_event", key)).rejects.toMatchObject({ status: 429 });
  });
});

describe("refund", () => {
  it("gives back spent points, never more than were spent", async () => {
    const { consume, refund } = await limits();
    const key = randomUUID();
    await consume("test_event", key);
    await consume("test_event", key);
    await refund("test_event", key, 5);
    await consume("test_event", key);
    await consume("test_event", key);
    await expect(consume("test_event", key)).rejects.toMatchObject({ status: 429 });
  });
});

describe("clientIp", () => {
  it("takes the first X-Forwarded-For hop, else X-Real-IP, else local", async () => {
    const { clientIp } = await limits();
    expect(clientIp(new Headers({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientIp(new Headers())).toBe("local");
  });
});
