// The CSRF guard: state-changing cookie requests from another site are 403 forbidden; reads pass.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

async function guard() {
  vi.resetModules(); // env() caches TRUST_PROXY
  return (await import("./same-origin")).assertSameOrigin;
}
const req = (method: string, headers: Record<string, string>) => new Request("http://app.test/api/v1/webhooks", { method, headers });

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("WEBHOOK_ENCRYPTION_KEYS", `1:${randomBytes(32).toString("base64")}`);
  vi.stubEnv("TRUST_PROXY", "");
});
afterEach(() => vi.unstubAllEnvs());

describe("assertSameOrigin", () => {
  it("lets same-origin writes, browser-less writes and every read through", async () => {
    const assert = await guard();
    expect(() => assert(req("POST", { host: "app.test", origin: "http://app.test", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assert(req("POST", { host: "app.test" }))).not.toThrow();
    expect(() => assert(req("GET", { host: "app.test", origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).not.toThrow();
  });

  it.each([
    ["Sec-Fetch-Site: cross-site", { host: "app.test", "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { host: "app.test", "sec-fetch-site": "same-site" }],
    ["another Origin", { host: "app.test", origin: "https://evil.example" }],
    ["a malformed Origin", { host: "app.test", origin: "null" }],
    ["a forged X-Forwarded-Host without TRUST_PROXY", { host: "app.test", origin: "https://evil.example", "x-forwarded-host": "evil.example" }],
  ])("refuses a write with %s as 403 forbidden", async (_, headers) => {
    const assert = await guard();
    expect(() => assert(req("PATCH", headers))).toThrow(expect.objectContaining({ code: "forbidden", status: 403, message: "Cross-site requests are not allowed" }));
  });

  it("believes X-Forwarded-Host only behind a trusted proxy", async () => {
    vi.stubEnv("TRUST_PROXY", "true");
    const assert = await guard();
    expect(() => assert(req("POST", { host: "10.0.0.5:3000", origin: "https://dashx.example", "x-forwarded-host": "dashx.example" }))).not.toThrow();
  });
});
