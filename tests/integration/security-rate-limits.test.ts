// Rate limits, made small with RATE_LIMIT_<NAME>=points/seconds in an app of their own: sign-in by client
// address and by email, sign-up, Send Test Event per merchant, the merchant API per key and the intake per
// token. Each answers 429 with Retry-After and the error shape of DESIGN §4, and the refused request does
// nothing. The tests run in order and share the budgets below (every request from here comes from
// 127.0.0.1), so the sign-in-by-address exhaustion comes last.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { type ApiResponse, createEndpoint, logIn, type Merchant, PASSWORD, signUp, uniqueEmail } from "./http-client";
import { completedData, startSecureApp, type DeliverySummary, type SecureApp } from "./security-helpers";
import { openTestSql, type TestSql } from "./test-sql";

const LIMITS = {
  RATE_LIMIT_LOGIN_IP: "10/60",
  RATE_LIMIT_LOGIN_EMAIL: "3/60",
  RATE_LIMIT_SIGNUP_IP: "6/60",
  RATE_LIMIT_TEST_EVENT: "3/60",
  RATE_LIMIT_API_KEY: "5/60",
  RATE_LIMIT_INTAKE: "5/60",
};

let app: SecureApp;
let receiver: Receiver;
let merchant: Merchant; // signup 1/6, login 1/10
let db: TestSql; // the app's database, SQLite or PostgreSQL
let signups = 1;
let logins = 1;

beforeAll(async () => {
  [app, receiver] = await Promise.all([startSecureApp(LIMITS), startReceiver()]);
  merchant = await app.merchant("Limited Merchant");
  db = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await db?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

function expectLimited(res: ApiResponse, windowSeconds: number) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect((res.body as { error: unknown }).error).toEqual({ code: "rate_limited", message: expect.stringMatching(/Too many requests.*\d+ seconds/) });
}

describe("Send Test Event: 3 per minute per merchant", () => {
  it("the 4th test is 429 and sends nothing, on another endpoint of the merchant too (the budget is the merchant's)", async () => {
    const first = await createEndpoint(merchant.client, { url: receiver.url("/first") });
    const second = await createEndpoint(merchant.client, { url: receiver.url("/second") });
    for (let i = 0; i < 3; i++) expect((await merchant.client.post(`/api/v1/webhooks/${first.id}/test`, {})).status).toBe(200);
    const limited = await merchant.client.post(`/api/v1/webhooks/${first.id}/test`, {});
    expectLimited(limited, 60);
    expect(receiver.requests.filter((r) => r.path === "/first")).toHaveLength(3);
    const deliveries = ((await merchant.client.get(`/api/v1/webhooks/${first.id}/deliveries`)).body as { data: DeliverySummary[] }).data;
    expect(deliveries).toHaveLength(3);
    const audit = ((await merchant.client.get(`/api/v1/webhooks/${first.id}/audit`)).body as { data: { action: string }[] }).data;
    expect(audit.filter((e) => e.action === "endpoint.tested")).toHaveLength(3);

    expectLimited(await merchant.client.post(`/api/v1/webhooks/${second.id}/test`, {}), 60);
    expect(receiver.requests.filter((r) => r.path === "/second")).toHaveLength(0);
  });
});

describe("merchant API: 5 requests per minute per key", () => {
  it("the 6th request with a key is 429 and does nothing; another key and the session are unaffected", async () => {
    const issue = async (name: string) => ((await merchant.client.post("/api/v1/api-keys", { name })).body as { key: string }).key;
    const [k1, k2] = [await issue("busy"), await issue("quiet")];
    const busy = app.bearer(k1);
    for (let i = 0; i < 5; i++) expect((await busy.get("/api/v1/webhooks")).status).toBe(200);
    const limited = await busy.post("/api/v1/webhooks", { url: receiver.url("/via-limited-key") });
    expectLimited(limited, 60);
    expectLimited(await busy.get("/api/v1/webhooks"), 60);
    expect((await app.bearer(k2).get("/api/v1/webhooks")).status).toBe(200);
    const listed = (await merchant.client.get("/api/v1/webhooks")).body as { data: { url: string }[] };
    expect(listed.data.map((e) => e.url)).not.toContain(receiver.url("/via-limited-key"));
  });

  it("an unknown key is 401, not 429 (auth comes first, and it spends no one's budget)", async () => {
    for (let i = 0; i < 8; i++) expect((await app.bearer("dsk_" + "Z".repeat(43)).get("/api/v1/webhooks")).status).toBe(401);
  });
});

describe("intake: 5 events per minute per platform token", () => {
  it("requests with a wrong token are 401 and spend no budget; the 6th real one is 429 and publishes nothing", async () => {
    const wrong = app.client();
    for (let i = 0; i < 4; i++) {
      const res = await wrong.request("POST", "/api/v1/events", { json: { merchantId: merchant.id, type: "checkout_session.expired", data: null }, headers: { authorization: "Bearer wrong-token-wrong-token-123" } });
      expect(res.status).toBe(401);
    }
    const before = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Event" WHERE "isTest" = ?`, false))!;
    for (let i = 0; i < 5; i++) expect((await app.intake({ merchantId: merchant.id, type: "checkout_session.completed", data: completedData() })).status).toBe(202);
    const limited = await app.intake({ merchantId: merchant.id, type: "checkout_session.completed", data: completedData() }, { "idempotency-key": "limited-one" });
    expectLimited(limited, 60);
    const after = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Event" WHERE "isTest" = ?`, false))!;
    expect(after.n - before.n).toBe(5);
    expect(await db.get(`SELECT COUNT(*) AS n FROM "Event" WHERE "idempotencyKey" = 'limited-one'`)).toEqual({ n: 0 });
  });
});

describe("sign-in by email: 3 attempts per minute per account", () => {
  it("after 3 wrong passwords even the right one is 429 for that email (any case); other accounts still log in", async () => {
    const email = uniqueEmail("victim");
    expect((await signUp(app.client(), { name: "Victim", email, password: PASSWORD })).status).toBe(201);
    signups++;
    for (let i = 0; i < 3; i++) {
      expect((await logIn(app.client(), email, `wrong-password-${i}`)).status).toBe(401);
      logins++;
    }
    const attacker = app.client();
    const limited = await logIn(attacker, email, PASSWORD);
    logins++;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ url: expect.stringContaining("error=RateLimited"), error: { code: "rate_limited", message: expect.any(String) } });
    expect((await attacker.get("/api/v1/merchant")).status).toBe(401); // no session was issued
    expect([...attacker.cookies.keys()].some((k) => k.includes("session-token"))).toBe(false);

    const shouted = await logIn(app.client(), `  ${email.toUpperCase()}  `, PASSWORD);
    logins++;
    expect(shouted.status).toBe(429);

    const other = app.client();
    expect((await logIn(other, merchant.email, PASSWORD)).status).toBe(200);
    logins++;
    expect((await other.get("/api/v1/merchant")).status).toBe(200);
  });
});

describe("sign-up: 6 per minute per client address", () => {
  it("the 7th sign-up is 429 and creates no account", async () => {
    while (signups < 6) {
      expect((await signUp(app.client(), { name: "Filler", email: uniqueEmail("filler"), password: PASSWORD })).status).toBe(201);
      signups++;
    }
    const email = uniqueEmail("one-too-many");
    const limited = await signUp(app.client(), { name: "Too many", email, password: PASSWORD });
    expectLimited(limited, 60);
    expect(await db.get(`SELECT COUNT(*) AS n FROM "Merchant" WHERE "email" = ?`, email)).toEqual({ n: 0 });
  });
});

describe("sign-in by client address: 10 attempts per minute", () => {
  it("once the address's budget is spent, every sign-in from it is 429, even a correct one", async () => {
    expect(logins).toBe(7);
    let answered = 0;
    for (;;) {
      const res = await logIn(app.client(), uniqueEmail("stuffing"), "some-leaked-password");
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
        break;
      }
      expect(res.status).toBe(401);
      answered++;
      expect(answered).toBeLessThanOrEqual(10);
    }
    expect(logins + answered).toBe(10);
    const correct = app.client();
    expect((await logIn(correct, merchant.email, PASSWORD)).status).toBe(429);
    expect((await correct.get("/api/v1/merchant")).status).toBe(401);
    // An existing session is not a sign-in: the merchant keeps working.
    expect((await merchant.client.get("/api/v1/webhooks")).status).toBe(200);
  });
});

describe("the client address comes from the socket, not from a client-sent X-Forwarded-For", () => {
  // scripts/serve.ts overwrites X-Forwarded-For with the socket address (unless TRUST_PROXY=true), so
  // rotating the header does not buy a fresh sign-in budget.
  it("sign-in attempts with a spoofed X-Forwarded-For still count against the real address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const client = app.client();
      const { csrfToken } = (await client.get("/api/auth/csrf")).body as { csrfToken: string };
      const res = await client.request("POST", "/api/auth/callback/credentials", {
        form: { csrfToken, email: uniqueEmail("spoof"), password: "some-leaked-password", json: "true" },
        headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
      });
      statuses.push(res.status);
    }
    // This address's budget is spent (previous test): every attempt must be refused whatever the header says.
    expect(statuses).toEqual([429, 429, 429, 429, 429]);
  });
});
