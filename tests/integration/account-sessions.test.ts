// Issue 20, merchant item 7: the Settings session list over real HTTP. Each sign-in's row keeps its
// browser (User-Agent) and address (as the sign-in limits see it, never a client-sent X-Forwarded-For
// the server does not trust), lastSeenAt moves at most once a minute, GET lists only active sessions
// with the caller's marked, and DELETE of one signs exactly that one out (another merchant's id: 404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { type ApiResponse, HttpClient, PASSWORD, signUp, uniqueEmail } from "./http-client";
import { openTestSql, type TestSql } from "./test-sql";

const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

type Session = { id: string; device: string; ip: string | null; createdAt: string; lastSeenAt: string | null; current: boolean };

let app: App;
let db: TestSql;

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_LOGIN_IP: "1000/60", RATE_LIMIT_SIGNUP_IP: "1000/60", RATE_LIMIT_LOGIN_EMAIL: "1000/60" });
  db = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await db?.close();
  await app?.stop();
});

/** next-auth's credentials sign-in as a browser with this User-Agent does it (and a forged X-Forwarded-For). */
async function signInAs(email: string, userAgent: string): Promise<HttpClient> {
  const client = new HttpClient(app.baseUrl);
  const headers = { "user-agent": userAgent, "x-forwarded-for": "203.0.113.9" };
  const { csrfToken } = (await client.request("GET", "/api/auth/csrf", { headers })).body as { csrfToken: string };
  const res = await client.request("POST", "/api/auth/callback/credentials", { form: { csrfToken, email, password: PASSWORD, json: "true" }, headers });
  expect(res.status, res.text).toBe(200);
  expect(await signedIn(client)).toBe(true);
  return client;
}

async function newAccount(): Promise<string> {
  const email = uniqueEmail("sessions");
  expect((await signUp(new HttpClient(app.baseUrl), { name: "Sessions Merchant", email, password: PASSWORD })).status).toBe(201);
  return email;
}

const signedIn = async (client: HttpClient) => (await client.get("/api/v1/merchant")).status === 200;
const list = async (client: HttpClient): Promise<Session[]> => {
  const res: ApiResponse = await client.get("/api/v1/account/sessions");
  expect(res.status, res.text).toBe(200);
  return (res.body as { data: Session[] }).data;
};

describe("GET /api/v1/account/sessions and DELETE /api/v1/account/sessions/{id}", () => {
  it("lists each signed-in browser with its device, address and times, this one marked; signs one out; refuses another merchant's", async () => {
    const email = await newAccount();
    const laptop = await signInAs(email, CHROME_LINUX);
    const desktop = await signInAs(email, FIREFOX_WINDOWS);

    const seen = await list(laptop);
    expect(seen).toHaveLength(2);
    const mine = seen.find((s) => s.current)!;
    const other = seen.find((s) => !s.current)!;
    expect(seen.filter((s) => s.current)).toHaveLength(1);
    expect(mine.device).toBe("Chrome on Linux");
    expect(other.device).toBe("Firefox on Windows");
    for (const s of seen) {
      expect(Object.keys(s).sort()).toEqual(["createdAt", "current", "device", "id", "ip", "lastSeenAt"]);
      expect(s.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/); // the socket's address: the forged header is not trusted
      expect(Date.parse(s.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(Date.parse(s.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(s.createdAt) - 1000);
    }
    expect((await list(desktop)).find((s) => s.current)!.id).toBe(other.id);

    // Another merchant cannot see or end these sessions: 404, and nothing changes.
    const strangerEmail = await newAccount();
    const stranger = await signInAs(strangerEmail, CHROME_LINUX);
    expect((await list(stranger)).map((s) => s.id)).not.toContain(other.id);
    expect((await stranger.delete(`/api/v1/account/sessions/${other.id}`)).status).toBe(404);
    expect((await stranger.delete(`/api/v1/account/sessions/cm0000000000000000000000a`)).status).toBe(404);
    expect(await signedIn(desktop)).toBe(true);

    // The laptop signs the desktop out: that browser's next request is refused, the laptop keeps going.
    const ended = await laptop.delete(`/api/v1/account/sessions/${other.id}`);
    expect(ended.status).toBe(204);
    expect(ended.text).toBe("");
    expect(await signedIn(desktop)).toBe(false);
    expect(await signedIn(laptop)).toBe(true);
    expect((await list(laptop)).map((s) => s.id)).toEqual([mine.id]); // revoked: no longer listed
    expect((await laptop.delete(`/api/v1/account/sessions/${other.id}`)).status).toBe(404); // already ended

    // Its own session too: then this browser is signed out.
    expect((await laptop.delete(`/api/v1/account/sessions/${mine.id}`)).status).toBe(204);
    expect(await signedIn(laptop)).toBe(false);
    expect((await laptop.get("/api/v1/account/sessions")).status).toBe(401);
    expect(await signedIn(stranger)).toBe(true);
  });

  it("an expired session is not listed; lastSeenAt moves at most once a minute", async () => {
    const email = await newAccount();
    const a = await signInAs(email, CHROME_LINUX);
    const b = await signInAs(email, CHROME_LINUX);
    const [current] = (await list(a)).filter((s) => s.current);
    const before = (await list(a)).find((s) => s.id === current.id)!.lastSeenAt!;
    await new Promise((r) => setTimeout(r, 1100));
    expect(await signedIn(a)).toBe(true);
    expect((await list(a)).find((s) => s.id === current.id)!.lastSeenAt).toBe(before); // used again within a minute: no write

    // Last used two minutes ago: the next request moves it to now.
    await db.run(`UPDATE "AuthSession" SET "lastSeenAt" = ? WHERE "id" = ?`, new Date(Date.now() - 120_000), current.id);
    expect(await signedIn(a)).toBe(true);
    const moved = (await list(a)).find((s) => s.id === current.id)!.lastSeenAt!;
    expect(Date.parse(moved)).toBeGreaterThan(Date.now() - 30_000);

    const other = (await list(b)).find((s) => s.current)!;
    await db.run(`UPDATE "AuthSession" SET "expiresAt" = ? WHERE "id" = ?`, new Date(Date.now() - 1000), other.id);
    expect((await list(a)).map((s) => s.id)).toEqual([current.id]);
    expect((await a.delete(`/api/v1/account/sessions/${other.id}`)).status).toBe(404); // expired: nothing to sign out
  });

  it("needs a dashboard session: an API key or no cookie is refused", async () => {
    const email = await newAccount();
    const browser = await signInAs(email, CHROME_LINUX);
    const created = await browser.post("/api/v1/api-keys", { name: "server" });
    expect(created.status, created.text).toBe(201);
    const key = (created.body as { key: string }).key;
    const server = new HttpClient(app.baseUrl);
    const bearer = { headers: { authorization: `Bearer ${key}` } };
    expect((await server.request("GET", "/api/v1/account/sessions", bearer)).status).toBe(401);
    const [session] = await list(browser);
    expect((await server.request("DELETE", `/api/v1/account/sessions/${session.id}`, bearer)).status).toBe(401);
    expect((await new HttpClient(app.baseUrl).delete(`/api/v1/account/sessions/${session.id}`)).status).toBe(401);
    expect(await signedIn(browser)).toBe(true);
  });
});
