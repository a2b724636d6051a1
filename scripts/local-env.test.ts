// assertProductionSecrets: the production start refuses missing, placeholder, short and degenerate secrets.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assertProductionSecrets } from "./local-env";

type Env = Record<string, string | undefined>;
const check = (env: Env) => assertProductionSecrets(env as NodeJS.ProcessEnv);

const strong = (): Env => ({
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  WEBHOOK_ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
  PLATFORM_API_TOKEN: `dpt_${randomBytes(24).toString("base64url")}`,
});

const refuses = (overrides: Record<string, string | undefined>, pattern: RegExp) => {
  const env: Env = { ...strong(), ...overrides };
  for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete env[k];
  expect(() => check(env)).toThrow(pattern);
};

describe("assertProductionSecrets", () => {
  it("accepts strong secrets (and several encryption keys, the first one current)", () => {
    expect(() => check(strong())).not.toThrow();
    expect(() => check({ ...strong(), WEBHOOK_ENCRYPTION_KEYS: `2:${randomBytes(32).toString("base64")},1:${randomBytes(32).toString("base64")}` })).not.toThrow();
  });

  it("accepts NEXTAUTH_SECRET in place of AUTH_SECRET", () => {
    const { AUTH_SECRET, ...rest } = strong();
    expect(() => check({ ...rest, NEXTAUTH_SECRET: AUTH_SECRET })).not.toThrow();
  });

  it.each<[string, string | undefined]>([
    ["missing", undefined],
    ["empty", ""],
    ["a placeholder", "changeme"],
    ["a placeholder in capitals", "CHANGEME"],
    ["'secret'", "secret"],
    ["31 characters", "a".repeat(31)],
  ])("refuses an AUTH_SECRET that is %s", (_, value) => {
    refuses({ AUTH_SECRET: value }, /Refusing to start in production:[\s\S]*AUTH_SECRET must be set to at least 32 random characters/);
  });

  it.each<[string, string | undefined]>([
    ["missing", undefined],
    ["empty", ""],
    ["all zero bytes", `1:${Buffer.alloc(32).toString("base64")}`],
    ["one byte repeated", `1:${Buffer.alloc(32, 0xab).toString("base64")}`],
    ["16 bytes", `1:${randomBytes(16).toString("base64")}`],
    ["without a version", randomBytes(32).toString("base64")],
    ["a placeholder", "changeme"],
    ["strong, but followed by an all-zero old key", `2:${randomBytes(32).toString("base64")},1:${Buffer.alloc(32).toString("base64")}`],
  ])("refuses WEBHOOK_ENCRYPTION_KEYS that is %s", (_, value) => {
    refuses({ WEBHOOK_ENCRYPTION_KEYS: value }, /WEBHOOK_ENCRYPTION_KEYS must be <version>:<base64 of 32 random bytes>/);
  });

  it.each<[string, string | undefined]>([
    ["missing", undefined],
    ["empty", ""],
    ["23 characters", "t".repeat(23)],
  ])("refuses a PLATFORM_API_TOKEN that is %s", (_, value) => {
    refuses({ PLATFORM_API_TOKEN: value }, /PLATFORM_API_TOKEN must be set \(at least 24 characters\)/);
  });

  it("names every problem at once", () => {
    expect(() => check({})).toThrow(/AUTH_SECRET[\s\S]*WEBHOOK_ENCRYPTION_KEYS[\s\S]*PLATFORM_API_TOKEN/);
  });

  it("never echoes a secret's value in the error", () => {
    const weakButDistinctive = "placeholder-value-that-is-short";
    // Caught outside the assertion: an expect() inside the try would be swallowed by the catch.
    let thrown: unknown;
    try {
      check({ ...strong(), AUTH_SECRET: weakButDistinctive });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/AUTH_SECRET/);
    expect((thrown as Error).message).not.toContain(weakButDistinctive);
  });
});
