// CSRF on cookie-authenticated routes and the security headers on every page and API response.
// A browser on another site can make the merchant's browser send the session cookie, but it cannot
// hide where the request came from: Sec-Fetch-Site and Origin. Every state-changing route must refuse
// such requests (401) and change nothing; same-origin requests and bearer API keys are unaffected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { type ApiResponse, createEndpoint, type Merchant, PASSWORD, signUp, uniqueEmail } from "./http-client";
import type { ApiErrorBody, Endpoint } from "./shapes";
import { startSecureApp, waitFor, type AuditEntry, type DeliverySummary, type SecureApp } from "./security-helpers";

let app: SecureApp;
let receiver: Receiver;
let merchant: Merchant;
let endpoint: Endpoint;
let deliveryId: string;
let apiKey: { id: string; key: string };

beforeAll(async () => {
  [app, receiver] = await Promise.all([startSecureApp({ WEBHOOK_RETRY_SCHEDULE: "1h" }), startReceiver()]);
  merchant = await app.merchant("CSRF Target");
  endpoint = await createEndpoint(merchant.client, { url: receiver.url("/csrf"), description: "original" });
  const published = await app.intake({ merchantId: merchant.id, type: "checkout_session.canceled", data: null });
  expect(published.status).toBe(202);
  deliveryId = await waitFor(async () => {
    const list = ((await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body as { data: DeliverySummary[] }).data;
    return list.find((d) => d.status === "succeeded")?.id;
  }, "the delivery to succeed");
  apiKey = (await merchant.client.post("/api/v1/api-keys", { name: "csrf test key" })).body as { id: string; key: string };
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

/** What the merchant can see, to prove a refused request changed nothing. */
async function snapshot() {
  const c = merchant.client;
  const get = async (p: string) => (await c.get(p)).body;
  return {
    endpoints: await get("/api/v1/webhooks"),
    audit: ((await get(`/api/v1/webhooks/${endpoint.id}/audit`)) as { data: AuditEntry[] }).data.map((e) => e.id),
    deliveries: await get(`/api/v1/webhooks/${endpoint.id}/deliveries`),
    delivery: await get(`/api/v1/deliveries/${deliveryId}`),
    keys: await get("/api/v1/api-keys"),
    received: receiver.requests.length,
  };
}

type Attack = { name: string; method: string; path: () => string; json?: unknown };
const attacks: Attack[] = [
  { name: "create an endpoint", method: "POST", path: () => "/api/v1/webhooks", json: { url: "https://evil.example/steal" } },
  { name: "change the URL", method: "PATCH", path: () => `/api/v1/webhooks/${endpoint.id}`, json: { url: "https://evil.example/steal" } },
  { name: "disable the endpoint", method: "PATCH", path: () => `/api/v1/webhooks/${endpoint.id}`, json: { status: "disabled" } },
  { name: "delete the endpoint", method: "DELETE", path: () => `/api/v1/webhooks/${endpoint.id}` },
  { name: "send a test event", method: "POST", path: () => `/api/v1/webhooks/${endpoint.id}/test`, json: {} },
  { name: "rotate the secret", method: "POST", path: () => `/api/v1/webhooks/${endpoint.id}/secret/rotate`, json: {} },
  { name: "resend a delivery", method: "POST", path: () => `/api/v1/deliveries/${deliveryId}/retry`, json: {} },
  { name: "create an API key", method: "POST", path: () => "/api/v1/api-keys", json: { name: "attacker" } },
  { name: "revoke the API key", method: "DELETE", path: () => `/api/v1/api-keys/${apiKey.id}` },
  { name: "change the password", method: "POST", path: () => "/api/v1/account/password", json: { currentPassword: PASSWORD, newPassword: "attacker-chosen-password" } },
  { name: "sign out of all sessions", method: "DELETE", path: () => "/api/v1/account/sessions" },
  { name: "start a two-factor setup", method: "POST", path: () => "/api/v1/account/two-factor/setup", json: { password: PASSWORD } },
];

const crossSite: [string, Record<string, string>][] = [
  ["Origin: https://evil.example", { origin: "https://evil.example" }],
  ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
  ["Origin: null (sandboxed iframe, data: URL)", { origin: "null" }],
  ["Origin on the same host but another port", { origin: "http://127.0.0.1:1" }],
  ["Origin with the host as a prefix of another domain", { origin: "http://127.0.0.1.evil.example" }],
  ["both cross-site headers", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
  ["Sec-Fetch-Site same-origin but a foreign Origin", { origin: "https://evil.example", "sec-fetch-site": "same-origin" }],
];

describe("cookie-authenticated requests from another site", () => {
  it.each(crossSite)("%s: every state-changing route answers 403 and nothing changes", async (_, headers) => {
    const before = await snapshot();
    for (const attack of attacks) {
      const res = await merchant.client.request(attack.method, attack.path(), { headers, ...(attack.json !== undefined && { json: attack.json }) });
      expect(res.status, attack.name).toBe(403);
      expect((res.body as ApiErrorBody).error, attack.name).toEqual({ code: "forbidden", message: "Cross-site requests are not allowed" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("sign-up from another site is refused too, and no account is created", async () => {
    const email = uniqueEmail("csrf-signup");
    const res = await app.client().request("POST", "/api/signup", { json: { name: "x", email, password: PASSWORD }, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect((await signUp(app.client(), { name: "x", email, password: PASSWORD })).status).toBe(201); // the email was still free
  });

  it("reads (GET) are not state-changing and still answer cross-site, without CORS headers", async () => {
    const res = await merchant.client.request("GET", "/api/v1/webhooks", { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("same-origin requests work", () => {
  it.each<[string, (base: string) => Record<string, string>]>([
    ["Origin equal to the app's origin", (base) => ({ origin: base })],
    ["Sec-Fetch-Site: same-origin", () => ({ "sec-fetch-site": "same-origin" })],
    ["Sec-Fetch-Site: none (typed in the address bar)", () => ({ "sec-fetch-site": "none" })],
    ["no Origin or Sec-Fetch-Site (non-browser clients)", () => ({})],
  ])("%s", async (_, headersFor) => {
    const headers = headersFor(app.baseUrl);
    const res = await merchant.client.request("PATCH", `/api/v1/webhooks/${endpoint.id}`, { json: { description: "same-origin edit" }, headers });
    expect(res.status).toBe(200);
    expect((res.body as Endpoint).description).toBe("same-origin edit");
    const test = await merchant.client.request("POST", `/api/v1/webhooks/${endpoint.id}/test`, { json: {}, headers: { ...headers } });
    expect(test.status).toBe(200);
  });
});

describe("bearer API keys are not subject to the origin check", () => {
  it("a key works even with cross-site headers (no ambient credential, so no CSRF)", async () => {
    const client = app.bearer(apiKey.key);
    const headers = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    const created = await client.request("POST", "/api/v1/webhooks", { json: { url: receiver.url("/by-key") }, headers });
    expect(created.status).toBe(201);
    const id = (created.body as Endpoint).id;
    expect((await client.request("PATCH", `/api/v1/webhooks/${id}`, { json: { description: "by key" }, headers })).status).toBe(200);
    expect((await client.request("DELETE", `/api/v1/webhooks/${id}`, { headers })).status).toBe(204);
  });
});

// ---------------------------------------------------------------------------------------------------
// Security headers

function cspOf(res: ApiResponse): Record<string, string> {
  const header = res.headers.get("content-security-policy");
  expect(header).toBeTruthy();
  return Object.fromEntries(
    header!
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(" ")]),
  );
}

function expectSecurityHeaders(res: ApiResponse, what: string) {
  const csp = cspOf(res);
  expect(csp["frame-ancestors"], what).toBe("'none'");
  expect(csp["script-src"], what).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp["script-src"], what).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  expect(csp["object-src"], what).toBe("'none'");
  expect(csp["base-uri"], what).toBe("'self'");
  expect(csp["default-src"], what).toBe("'self'");
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("x-powered-by"), what).toBeNull();
}

describe("security headers", () => {
  it("on every page, with a fresh nonce per request that the page's scripts carry", async () => {
    const nonces = new Set<string>();
    for (const page of ["/login", "/signup", "/webhooks", "/"]) {
      const res = await merchant.client.get(page);
      expectSecurityHeaders(res, page);
      const nonce = /'nonce-([^']+)'/.exec(cspOf(res)["script-src"])![1];
      nonces.add(nonce);
      if (res.status === 200) {
        const scripts = [...res.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length, page).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, page).toContain(`nonce="${nonce}"`);
      }
    }
    expect(nonces.size).toBe(4);
  });

  it.each<[string, () => Promise<ApiResponse>]>([
    ["a 200 API response", () => merchant.client.get("/api/v1/webhooks")],
    ["a 401 API response", () => app.client().get("/api/v1/webhooks")],
    ["a 404 API response", () => merchant.client.get("/api/v1/webhooks/cm0000000000000000000000a")],
    ["a 422 API response", () => merchant.client.post("/api/v1/webhooks", { url: "javascript:alert(1)" })],
    ["a 400 API response", () => merchant.client.request("POST", "/api/v1/webhooks", { raw: "{" })],
    ["the intake", () => app.intake({ merchantId: merchant.id, type: "checkout_session.expired", data: null })],
    ["next-auth's csrf route", () => app.client().get("/api/auth/csrf")],
    ["an unknown path (404 page)", () => app.client().get("/no/such/page")],
  ])("on %s", async (what, call) => {
    const res = await call();
    expectSecurityHeaders(res, what);
    if (res.headers.get("content-type")?.includes("json")) expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("HSTS only over HTTPS (x-forwarded-proto: https) in production, never over plain HTTP", async () => {
    const plain = await app.client().get("/login");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    // `npm start` runs `next start`, i.e. NODE_ENV=production: behind a TLS proxy HSTS is sent.
    const https = await app.client().request("GET", "/login", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}; includeSubDomains/);
    const api = await app.client().request("GET", "/api/v1/webhooks", { headers: { "x-forwarded-proto": "https" } });
    expect(api.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
  });

  it("the session cookie is HttpOnly and SameSite=Lax", async () => {
    const email = uniqueEmail("cookie");
    const client = app.client();
    await signUp(client, { name: "Cookie", email, password: PASSWORD });
    const csrf = ((await client.get("/api/auth/csrf")).body as { csrfToken: string }).csrfToken;
    const res = await fetch(`${app.baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      body: new URLSearchParams({ csrfToken: csrf, email, password: PASSWORD, json: "true" }).toString(),
    });
    const session = res.headers.getSetCookie().find((c) => /session-token=/.test(c));
    expect(session).toBeDefined();
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });
});
