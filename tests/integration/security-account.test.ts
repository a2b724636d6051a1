// Account hardening (issue 10): the per-email sign-in limit keyed on what next-auth authenticates (JSON
// bodies, repeated fields), sessions revoked server-side (Log out, Sign out of all sessions, Change
// password) and refused on the next request on every instance, and two-factor sign-in (TOTP per RFC
// 6238 with an independent otpauth instance in the test, recovery codes, codes rate limited, the second
// step not skippable through next-auth's callback). Limits are small and every email is its own budget.
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { freePort, ROOT, runScript, type Script, START_TIMEOUT_MS } from "./harness";
import { type ApiResponse, HttpClient, type Merchant, PASSWORD, signUp, uniqueEmail } from "./http-client";
import { storedBytes, startSecureApp, waitFor, type SecureApp } from "./security-helpers";
import { openTestSql, type TestSql } from "./test-sql";

// 12 attempts per email (the review's twelve wrong passwords), 6 two-factor codes per email.
const LIMITS = { RATE_LIMIT_LOGIN_EMAIL: "12/60", RATE_LIMIT_LOGIN_CODE: "6/60", RATE_LIMIT_LOGIN_IP: "1000/60", RATE_LIMIT_SIGNUP_IP: "1000/60", RATE_LIMIT_ACCOUNT: "1000/60" };

let app: SecureApp;
let db: TestSql; // the app's database, SQLite or PostgreSQL

beforeAll(async () => {
  app = await startSecureApp(LIMITS);
  db = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await db?.close();
  await app?.stop();
});

/** The generated local secrets (.data/local.env) every `npm start` of this checkout shares. */
function localEnv(): Record<string, string> {
  const text = fs.readFileSync(path.join(ROOT, ".data", "local.env"), "utf8");
  return Object.fromEntries([...text.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
}

async function csrf(client: HttpClient): Promise<string> {
  return ((await client.get("/api/auth/csrf")).body as { csrfToken: string }).csrfToken;
}

/** A credentials sign-in with any body the attacker likes (raw form text or a JSON object). */
async function signInRaw(client: HttpClient, body: { form: string } | { json: Record<string, unknown> }): Promise<ApiResponse> {
  const token = await csrf(client);
  if ("json" in body) return client.request("POST", "/api/auth/callback/credentials", { json: { csrfToken: token, json: "true", ...body.json } });
  return client.request("POST", "/api/auth/callback/credentials", {
    raw: `csrfToken=${encodeURIComponent(token)}&json=true&${body.form}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

/** Setup and confirmation through the API, with an independent TOTP implementation. */
async function enableTwoFactor(client: HttpClient): Promise<{ totp: OTPAuth.TOTP; recoveryCodes: string[] }> {
  const { secret } = (await client.post("/api/v1/account/two-factor/setup", { password: PASSWORD })).body as { secret: string };
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  const res = await client.post("/api/v1/account/two-factor", { password: PASSWORD, code: totp.generate() });
  expect(res.status, res.text).toBe(200);
  return { totp, recoveryCodes: (res.body as { recoveryCodes: string[] }).recoveryCodes };
}

const hasSession = async (client: HttpClient) => (await client.get("/api/v1/merchant")).status === 200;

async function newAccount(prefix: string): Promise<{ email: string; client: HttpClient }> {
  const email = uniqueEmail(prefix);
  expect((await signUp(app.client(), { name: prefix, email, password: PASSWORD })).status).toBe(201);
  return { email, client: app.client() };
}

async function signedIn(email: string, code?: string, password = PASSWORD): Promise<HttpClient> {
  const client = app.client();
  const res = await signInRaw(client, { json: { email, password, ...(code !== undefined && { code }) } });
  expect(res.status, res.text).toBe(200);
  expect(await hasSession(client)).toBe(true);
  return client;
}

/** A copy of a client's cookies in a new client: the attacker's captured session. */
function copyOf(client: HttpClient): HttpClient {
  const copy = app.client();
  for (const [k, v] of client.cookies) copy.cookies.set(k, v);
  return copy;
}

async function logOut(client: HttpClient): Promise<void> {
  const token = await csrf(client);
  const res = await client.request("POST", "/api/auth/signout", { form: { csrfToken: token, json: "true" } });
  expect(res.status).toBe(200);
}

describe("1. the per-email sign-in limit is keyed on what next-auth authenticates", () => {
  it("twelve wrong passwords sent as JSON are counted: then the right password is 429 and no session is issued", async () => {
    const { email } = await newAccount("json-brute");
    for (let i = 0; i < 12; i++) expect((await signInRaw(app.client(), { json: { email, password: `wrong-${i}-password` } })).status).toBe(401);
    const attacker = app.client();
    const res = await signInRaw(attacker, { json: { email, password: PASSWORD } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await hasSession(attacker)).toBe(false);
  });

  it("a decoy email= before the real one does not reset the count (next-auth takes the last value)", async () => {
    const { email } = await newAccount("decoy-brute");
    for (let i = 0; i < 12; i++) {
      const form = `email=${encodeURIComponent(uniqueEmail(`decoy${i}`))}&email=${encodeURIComponent(email)}&password=wrong-${i}-password`;
      expect((await signInRaw(app.client(), { form })).status).toBe(401);
    }
    const attacker = app.client();
    const res = await signInRaw(attacker, { form: `email=${encodeURIComponent(uniqueEmail("decoy"))}&email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}` });
    expect(res.status).toBe(429);
    expect(await hasSession(attacker)).toBe(false);
  });

  it("successful sign-ins give their points back: 13 sign-ins (pre-check + callback each) in a row all work", async () => {
    const { email } = await newAccount("frequent");
    for (let i = 0; i < 13; i++) {
      expect((await app.client().post("/api/login/precheck", { email, password: PASSWORD })).status).toBe(200);
      await signedIn(email);
    }
  });

  it("a request next-auth refuses for its CSRF token (it answers 200 without a session) gives nothing back", async () => {
    const { email } = await newAccount("csrf-refund");
    for (let i = 0; i < 11; i++) expect((await signInRaw(app.client(), { json: { email, password: `wrong-${i}-password` } })).status).toBe(401);
    const forged = await app.client().request("POST", "/api/auth/callback/credentials", { json: { csrfToken: "forged", json: "true", email, password: PASSWORD } });
    expect(forged.status).toBe(200);
    expect(forged.headers.getSetCookie().some((c) => c.includes("session-token"))).toBe(false);
    expect((await signInRaw(app.client(), { json: { email, password: PASSWORD } })).status).toBe(429);
  });

  it("an email spelled with spaces and capitals in JSON spends the same budget", async () => {
    const { email } = await newAccount("case-brute");
    for (let i = 0; i < 12; i++) expect((await signInRaw(app.client(), { json: { email: `  ${email.toUpperCase()} `, password: `wrong-${i}-password` } })).status).toBe(401);
    expect((await signInRaw(app.client(), { json: { email, password: PASSWORD } })).status).toBe(429);
  });
});

describe("4. sessions end server-side", () => {
  it("Log out: a cookie captured before is refused afterwards, for reads and writes", async () => {
    const { email } = await newAccount("logout");
    const client = await signedIn(email);
    const captured = copyOf(client);
    expect(await hasSession(captured)).toBe(true);
    await logOut(client);
    expect(await hasSession(client)).toBe(false);
    expect((await captured.get("/api/v1/merchant")).status).toBe(401);
    expect((await captured.post("/api/v1/api-keys", { name: "after logout" })).status).toBe(401);
    const page = await captured.get("/settings");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/login$/);
  });

  it("Sign out of all sessions ends every session of the account, this one included, and no other account's", async () => {
    const { email } = await newAccount("everywhere");
    const [one, two] = [await signedIn(email), await signedIn(email)];
    const other = await signedIn((await newAccount("bystander")).email);
    const res = await one.delete("/api/v1/account/sessions");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ endedSessions: 2 });
    expect(await hasSession(one)).toBe(false);
    expect(await hasSession(two)).toBe(false);
    expect(await hasSession(other)).toBe(true);
    expect(await hasSession(await signedIn(email))).toBe(true); // signing in again works
  });

  it("Change password ends every other session; the old password stops working", async () => {
    const { email } = await newAccount("password");
    const [here, elsewhere] = [await signedIn(email), await signedIn(email)];
    const wrong = await here.post("/api/v1/account/password", { currentPassword: "not-the-password", newPassword: "a-brand-new-password" });
    expect(wrong.status).toBe(422);
    expect((wrong.body as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("currentPassword");
    expect(await hasSession(elsewhere)).toBe(true);

    const res = await here.post("/api/v1/account/password", { currentPassword: PASSWORD, newPassword: "a-brand-new-password" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ endedSessions: 1 });
    expect(await hasSession(here)).toBe(true);
    expect(await hasSession(elsewhere)).toBe(false);
    expect((await signInRaw(app.client(), { json: { email, password: PASSWORD } })).status).toBe(401);
    await signedIn(email, undefined, "a-brand-new-password");
  });

  it("API keys cannot end sessions or change the password", async () => {
    const { email } = await newAccount("keyed");
    const client = await signedIn(email);
    const key = ((await client.post("/api/v1/api-keys", { name: "server" })).body as { key: string }).key;
    expect((await app.bearer(key).delete("/api/v1/account/sessions")).status).toBe(401);
    expect((await app.bearer(key).post("/api/v1/account/password", { currentPassword: PASSWORD, newPassword: "another-new-password" })).status).toBe(401);
    expect(await hasSession(client)).toBe(true);
  });

  describe("on every instance", () => {
    let second: Script;
    let secondUrl: string;
    beforeAll(async () => {
      // A second server process on the same database, as behind a load balancer: the same entry point
      // `npm start` ends in (scripts/serve.ts) with the same secrets; the first instance migrated it.
      const port = await freePort();
      secondUrl = `http://127.0.0.1:${port}`;
      second = runScript("scripts/serve.ts", [], {
        ...localEnv(),
        ...LIMITS,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        NEXTAUTH_URL: secondUrl,
        DATABASE_URL: app.databaseUrl,
        PLATFORM_API_TOKEN: app.platformToken,
        WEBHOOK_WORKER_IN_PROCESS: "false",
      });
      await waitFor(async () => (await fetch(`${secondUrl}/api/auth/csrf`).catch(() => null))?.ok, "the second instance to answer", 120_000);
    }, 150_000);
    afterAll(async () => second?.kill("SIGTERM"));

    it("a session logged out on one instance is refused by the other", async () => {
      const { email } = await newAccount("two-instances");
      const client = await signedIn(email);
      const onSecond = new HttpClient(secondUrl);
      for (const [k, v] of client.cookies) onSecond.cookies.set(k, v);
      expect((await onSecond.get("/api/v1/merchant")).status).toBe(200);
      await logOut(client);
      expect((await onSecond.get("/api/v1/merchant")).status).toBe(401);
    });
  });
});

describe("two-factor sign-in", () => {
  let merchant: Merchant;
  let totp: OTPAuth.TOTP;
  let secret: string;
  let recoveryCodes: string[];
  let lastCode = "";

  /** A code the server has not seen yet: the next 30 s step is waited for when the current one was used. */
  async function freshCode(): Promise<string> {
    for (;;) {
      const code = totp.generate();
      if (code !== lastCode) return (lastCode = code);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  beforeAll(async () => {
    const { email, client } = await newAccount("two-factor");
    expect((await signInRaw(client, { json: { email, password: PASSWORD } })).status).toBe(200);
    const id = ((await client.get("/api/v1/merchant")).body as { id: string }).id;
    merchant = { id, name: "two-factor", email, password: PASSWORD, client };
  });

  it("setup shows a QR code (SVG) and the setup key; a wrong code does not enable it; the right one returns 10 recovery codes once", async () => {
    const setup = await merchant.client.post("/api/v1/account/two-factor/setup", { password: PASSWORD });
    expect(setup.status).toBe(200);
    const body = setup.body as { secret: string; uri: string; qrSvg: string };
    expect(body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(body.uri).toContain(`secret=${body.secret}`);
    secret = body.secret;
    totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });

    const wrong = await merchant.client.post("/api/v1/account/two-factor", { password: PASSWORD, code: totp.generate({ timestamp: Date.now() - 10 * 60_000 }) });
    expect(wrong.status).toBe(422);
    expect(((await merchant.client.get("/api/v1/account/two-factor")).body as { enabled: boolean }).enabled).toBe(false);

    const enabled = await merchant.client.post("/api/v1/account/two-factor", { password: PASSWORD, code: await freshCode() });
    expect(enabled.status).toBe(200);
    recoveryCodes = (enabled.body as { recoveryCodes: string[] }).recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await merchant.client.get("/api/v1/account/two-factor")).body).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    // Once: a second confirmation is refused and shows no codes.
    const again = await merchant.client.post("/api/v1/account/two-factor", { password: PASSWORD, code: totp.generate() });
    expect(again.status).toBe(409);
    expect(again.text).not.toContain(recoveryCodes[0]);
  });

  it("the TOTP secret is encrypted at rest and the recovery codes are stored hashed", async () => {
    const norm = (c: string) => c.replace(/-/g, "");
    const stored = await storedBytes(app, db);
    expect(stored.some(({ bytes }) => bytes.includes(Buffer.from(merchant.email)))).toBe(true); // the search sees what is stored
    for (const { file, bytes } of stored) {
      expect(bytes.includes(Buffer.from(secret)), file).toBe(false);
      for (const code of recoveryCodes) {
        expect(bytes.includes(Buffer.from(code)), file).toBe(false);
        expect(bytes.includes(Buffer.from(norm(code))), file).toBe(false);
      }
    }
    const row = (await db.get<{ c: string }>(`SELECT "twoFactorSecretCiphertext" AS c FROM "Merchant" WHERE "id" = ?`, merchant.id))!;
    expect(row.c).toMatch(/^v\d+\./); // a secret-box ciphertext naming its key version
  });

  it("the password alone creates no session: neither the pre-check nor next-auth's callback called directly", async () => {
    const precheck = await app.client().post("/api/login/precheck", { email: merchant.email, password: PASSWORD });
    expect(precheck.status).toBe(200);
    expect(precheck.body).toEqual({ twoFactor: true });
    expect([...precheck.headers.getSetCookie()].some((c) => c.includes("session-token"))).toBe(false);

    const direct = app.client();
    expect((await signInRaw(direct, { json: { email: merchant.email, password: PASSWORD } })).status).toBe(401);
    expect(await hasSession(direct)).toBe(false);
    expect([...direct.cookies.keys()].some((k) => k.includes("session-token"))).toBe(false);

    const wrongPassword = await app.client().post("/api/login/precheck", { email: merchant.email, password: "not-the-password" });
    expect(wrongPassword.status).toBe(401);
  });

  it("a wrong code is refused; the right code signs in once (the same code cannot be replayed)", async () => {
    const wrong = app.client();
    expect((await signInRaw(wrong, { json: { email: merchant.email, password: PASSWORD, code: "000000" === totp.generate() ? "111111" : "000000" } })).status).toBe(401);
    expect(await hasSession(wrong)).toBe(false);

    const code = await freshCode();
    const right = app.client();
    expect((await signInRaw(right, { json: { email: merchant.email, password: PASSWORD, code } })).status).toBe(200);
    expect(await hasSession(right)).toBe(true);

    const replay = app.client();
    expect((await signInRaw(replay, { json: { email: merchant.email, password: PASSWORD, code } })).status).toBe(401);
    expect(await hasSession(replay)).toBe(false);

    // A right code with a wrong password is no better.
    expect((await signInRaw(app.client(), { json: { email: merchant.email, password: "not-the-password", code: totp.generate() } })).status).toBe(401);
  });

  it("a recovery code signs in once, in any case and with or without dashes", async () => {
    const [code] = recoveryCodes;
    const first = app.client();
    expect((await signInRaw(first, { form: `email=${encodeURIComponent(merchant.email)}&password=${encodeURIComponent(PASSWORD)}&code=${code.toUpperCase()}` })).status).toBe(200);
    expect(await hasSession(first)).toBe(true);
    const again = app.client();
    expect((await signInRaw(again, { json: { email: merchant.email, password: PASSWORD, code: code.replace(/-/g, "") } })).status).toBe(401);
    expect(await hasSession(again)).toBe(false);
    expect((await merchant.client.get("/api/v1/account/two-factor")).body).toEqual({ enabled: true, recoveryCodesLeft: 9 });
  });

  it("disabling needs the password and a code", async () => {
    const noCode = await merchant.client.post("/api/v1/account/two-factor/disable", { password: PASSWORD, code: "" });
    expect(noCode.status).toBe(422);
    const wrongPassword = await merchant.client.post("/api/v1/account/two-factor/disable", { password: "not-the-password", code: totp.generate() });
    expect(wrongPassword.status).toBe(422);
    expect((wrongPassword.body as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("password");
    const wrongCode = await merchant.client.post("/api/v1/account/two-factor/disable", { password: PASSWORD, code: "abcd-efgh-jkmn" });
    expect(wrongCode.status).toBe(422);
    expect(((await merchant.client.get("/api/v1/account/two-factor")).body as { enabled: boolean }).enabled).toBe(true);
  });

  it("codes are rate limited like passwords: after 6 wrong codes even a valid recovery code is 429", async () => {
    // A merchant of its own, so the budget is only this test's: 1 sign-in, then 6 wrong codes.
    const { email, client } = await newAccount("code-brute");
    expect((await signInRaw(client, { json: { email, password: PASSWORD } })).status).toBe(200);
    const own = await enableTwoFactor(client);
    for (let i = 0; i < 6; i++) {
      expect((await signInRaw(app.client(), { json: { email, password: PASSWORD, code: `${100000 + i}` } })).status).toBe(401);
    }
    const attacker = app.client();
    const res = await signInRaw(attacker, { json: { email, password: PASSWORD, code: own.recoveryCodes[0] } });
    expect(res.status).toBe(429);
    expect(await hasSession(attacker)).toBe(false);
    expect((await client.get("/api/v1/account/two-factor")).body).toEqual({ enabled: true, recoveryCodesLeft: 10 }); // not spent
  });
});
