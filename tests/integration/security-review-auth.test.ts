// Sign-in doors an outside review got through (issue 20): a callback path with extra segments skipped the
// limits, strangers' wrong passwords locked the owner out, GET /api/auth/session reported revoked sessions
// as signed in, a non-http callbackUrl answered 500, and sign-up said which emails have accounts. The app
// trusts X-Forwarded-For here (TRUST_PROXY=true) so a test can speak from several client addresses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { START_TIMEOUT_MS } from "./harness";
import { type ApiResponse, type HttpClient, PASSWORD, signUp, uniqueEmail } from "./http-client";
import { startSecureApp, type SecureApp } from "./security-helpers";

let app: SecureApp;

beforeAll(async () => {
  app = await startSecureApp({ TRUST_PROXY: "true", RATE_LIMIT_LOGIN_EMAIL: "3/60", RATE_LIMIT_LOGIN_IP: "1000/60", RATE_LIMIT_SIGNUP_IP: "1000/60" });
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await app?.stop();
});

const from = (ip: string) => ({ "x-forwarded-for": ip });
const hasSession = async (client: HttpClient) => (await client.get("/api/v1/merchant")).status === 200;

async function csrf(client: HttpClient, ip: string): Promise<string> {
  return ((await client.request("GET", "/api/auth/csrf", { headers: from(ip) })).body as { csrfToken: string }).csrfToken;
}

async function signIn(client: HttpClient, email: string, password: string, ip: string, path = "/api/auth/callback/credentials"): Promise<ApiResponse> {
  const csrfToken = await csrf(client, ip);
  return client.request("POST", path, { form: { csrfToken, email, password, json: "true" }, headers: from(ip) });
}

async function account(prefix: string): Promise<string> {
  const email = uniqueEmail(prefix);
  expect((await signUp(app.client(), { name: prefix, email, password: PASSWORD })).status).toBe(201);
  return email;
}

describe("the sign-in limits cover every spelling of the callback path", () => {
  it.each([
    "/api/auth/callback/credentials/x",
    "/api/auth/callback/credentials/x/y",
    "/api/auth/callback/credentials/",
    "/api/auth/callback/credentials%2Fx",
    "/api/auth/callback/credentials?x=1",
    "/api/auth/callback//credentials",
    "/api/auth/callback/credentials/..%2Fcredentials",
  ])("%s: once the address has spent its budget for the email, the right password signs in nowhere", async (path) => {
    const ip = "198.51.100.20";
    const email = await account("spelling");
    for (let i = 0; i < 3; i++) expect((await signIn(app.client(), email, `wrong-password-${i}`, ip)).status).toBe(401);
    const client = app.client();
    const res = await signIn(client, email, PASSWORD, ip, path);
    expect(res.status, res.text).not.toBe(200);
    expect(res.status).toBeLessThan(500);
    expect(await hasSession(client)).toBe(false);
    // The canonical path is limited too, and a fresh address still signs in.
    expect((await signIn(app.client(), email, PASSWORD, ip)).status).toBe(429);
    expect((await signIn(app.client(), email, PASSWORD, "198.51.100.21")).status).toBe(200);
  });

  it("a path with an extra segment is refused even before any failure (next-auth would read it as the callback)", async () => {
    const email = await account("extra");
    const client = app.client();
    const res = await signIn(client, email, PASSWORD, "198.51.100.22", "/api/auth/callback/credentials/x");
    expect(res.status).toBe(404);
    expect(await hasSession(client)).toBe(false);
  });
});

describe("strangers' failures do not lock the owner out", () => {
  it("wrong passwords from one address block that address only: the right password from another address signs in", async () => {
    const email = await account("lockout");
    for (let i = 0; i < 3; i++) expect((await signIn(app.client(), email, `wrong-password-${i}`, "203.0.113.50")).status).toBe(401);
    expect((await signIn(app.client(), email, PASSWORD, "203.0.113.50")).status).toBe(429);
    const owner = app.client();
    expect((await signIn(owner, email, PASSWORD, "203.0.113.51")).status).toBe(200);
    expect(await hasSession(owner)).toBe(true);
  });

  it("the login pre-check counts the same way: ten wrong pre-checks from strangers leave the owner's own address free", async () => {
    const email = await account("precheck");
    for (let i = 0; i < 10; i++) {
      const ip = `203.0.113.${60 + (i % 2)}`;
      const res = await app.client().request("POST", "/api/login/precheck", { json: { email, password: `wrong-password-${i}` }, headers: { ...from(ip), origin: app.baseUrl } });
      expect([401, 429]).toContain(res.status);
    }
    const precheck = await app.client().request("POST", "/api/login/precheck", { json: { email, password: PASSWORD }, headers: { ...from("203.0.113.70"), origin: app.baseUrl } });
    expect(precheck.status, precheck.text).toBe(200);
    expect((await signIn(app.client(), email, PASSWORD, "203.0.113.70")).status).toBe(200);
  });

  it("a successful sign-in gives its points back, so signing in often never locks anyone out", async () => {
    const email = await account("often");
    for (let i = 0; i < 6; i++) expect((await signIn(app.client(), email, PASSWORD, "203.0.113.80")).status).toBe(200);
  });
});

describe("GET /api/auth/session checks the session row", () => {
  it("a revoked session reads as no session (and a live one as signed in)", async () => {
    const email = await account("revoked");
    const first = app.client();
    const second = app.client();
    expect((await signIn(first, email, PASSWORD, "192.0.2.10")).status).toBe(200);
    expect((await signIn(second, email, PASSWORD, "192.0.2.10")).status).toBe(200);
    const live = await second.get("/api/auth/session");
    expect((live.body as { user?: { email?: string } }).user?.email).toBe(email);
    expect((await first.request("DELETE", "/api/v1/account/sessions", { headers: { origin: app.baseUrl } })).status).toBe(200);
    const ended = await second.get("/api/auth/session");
    expect(ended.status).toBe(200);
    expect(ended.body ?? {}).toEqual({});
    expect(await hasSession(second)).toBe(false);
  });
});

describe("a callbackUrl that is not ours never answers 5xx", () => {
  const BAD = ["javascript:alert(1)", "not a url", "%", "data:text/html,x", "//evil.example/", "https://evil.example/"];
  const ROUTES = ["/api/auth/signin", "/api/auth/csrf", "/api/auth/session", "/api/auth/providers", "/api/auth/signout", "/api/auth/error"];

  it.each(ROUTES)("%s, in the query and in the cookie", async (route) => {
    for (const value of BAD) {
      const query = await app.client().get(`${route}?callbackUrl=${encodeURIComponent(value)}`);
      expect(query.status, `${route} ?callbackUrl=${value}: ${query.text}`).toBeLessThan(500);
      const client = app.client();
      client.cookies.set("next-auth.callback-url", encodeURIComponent(value));
      const cookie = await client.get(route);
      expect(cookie.status, `${route} cookie ${value}: ${cookie.text}`).toBeLessThan(500);
      for (const location of [query.headers.get("location"), cookie.headers.get("location")]) {
        if (location) expect(new URL(location, app.baseUrl).origin).toBe(app.baseUrl);
      }
    }
  });

  it("a browser holding a bad callback-url cookie still signs in, and is sent nowhere but here", async () => {
    const email = await account("badcookie");
    const client = app.client();
    client.cookies.set("next-auth.callback-url", encodeURIComponent("javascript:alert(1)"));
    const res = await signIn(client, email, PASSWORD, "192.0.2.20");
    expect(res.status, res.text).toBe(200);
    expect(new URL((res.body as { url: string }).url).origin).toBe(app.baseUrl);
    expect(await hasSession(client)).toBe(true);
  });
});

describe("sign-up does not say which emails have accounts", () => {
  it("an existing email gets exactly the answer a new one gets, and the account is unchanged", async () => {
    const email = await account("existing");
    const fresh = await signUp(app.client(), { name: "New", email: uniqueEmail("fresh"), password: PASSWORD });
    const again = await signUp(app.client(), { name: "Copycat", email, password: "another-password-123" });
    expect(again.status).toBe(fresh.status);
    expect(Object.keys(again.body as object)).toEqual(Object.keys(fresh.body as object));
    expect(again.body).toEqual({ email });
    // The owner's password still works, the copycat's does not.
    expect((await signIn(app.client(), email, "another-password-123", "192.0.2.30")).status).toBe(401);
    expect((await signIn(app.client(), email, PASSWORD, "192.0.2.31")).status).toBe(200);
  });
});
