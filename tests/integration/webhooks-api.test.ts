// The merchant API over real HTTP: accounts, auth, endpoint CRUD, validation, the 5-endpoint limit and
// tenant isolation, against the app started exactly as `npm start` starts it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, logIn, type Merchant, PASSWORD, signUp, uniqueEmail } from "./http-client";
import { apiV1Routes } from "./routes";
import { type ApiErrorBody, type CreatedEndpoint, type Endpoint, ENDPOINT_KEYS } from "./shapes";

let app: App;
const secrets: string[] = [];
const merchants: Merchant[] = [];

beforeAll(async () => {
  app = await startApp();
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await app?.stop();
});

async function merchant(name?: string): Promise<Merchant> {
  const m = await app.merchant(name);
  merchants.push(m);
  return m;
}

async function create(m: Merchant, input: { url: string; description?: string; eventTypes?: string[] }): Promise<CreatedEndpoint> {
  const endpoint = await createEndpoint(m.client, input);
  secrets.push(endpoint.secret);
  return endpoint;
}

const list = async (m: Merchant) => ((await m.client.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data;
const errorOf = (body: unknown) => (body as ApiErrorBody).error;
const FAKE_ID = "cm0000000000000000000000a";

/** Every route handler under app/api/v1 and the methods it exports, so new routes are covered automatically. */
function merchantApiRoutes(): { method: string; path: string }[] {
  // Not merchant routes: one-click unsubscribe works without a login by design (RFC 8058; its signed,
  // single-use token is the authority: tests/integration/notify-email.test.ts).
  return apiV1Routes().filter(({ template }) => !template.startsWith("/api/v1/unsubscribe/")).map(({ method, template }) => ({ method, path: template.replace(/\[[^\]/]+\]/g, FAKE_ID) }));
}

describe("accounts", () => {
  it("signs up (201, no password hash in the answer) and logs in", async () => {
    const client = app.client();
    const email = uniqueEmail("signup");
    const res = await signUp(client, { name: "Acme Coffee", email, password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ email });
    expect(res.text).not.toMatch(/passwordHash|\$2[aby]\$/);
    const login = await logIn(client, email.toUpperCase(), PASSWORD);
    expect(login.status).toBe(200);
    expect((await client.get("/api/v1/merchant")).body).toEqual({ id: expect.any(String), name: "Acme Coffee", email });
  });

  it("a taken email (in any case) gets the answer a new one gets and creates nothing: sign-up does not say who has an account", async () => {
    const client = app.client();
    const email = uniqueEmail("taken");
    const first = await signUp(client, { name: "First", email, password: PASSWORD });
    expect(first.status).toBe(201);
    const again = await signUp(client, { name: "Second", email: email.toUpperCase(), password: "another-password-1" });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await logIn(app.client(), email, "another-password-1")).status).toBe(401);
    const owner = app.client();
    expect((await logIn(owner, email, PASSWORD)).status).toBe(200);
    expect(((await owner.get("/api/v1/merchant")).body as { name: string }).name).toBe("First");
  });

  it("refuses a short password with 422 on the password field", async () => {
    const res = await signUp(app.client(), { name: "Short", email: uniqueEmail("short"), password: "123456789" });
    expect(res.status).toBe(422);
    expect(errorOf(res.body)).toMatchObject({ code: "validation_failed", fields: { password: "Password must be at least 10 characters" } });
  });

  it("answers malformed signup JSON with 400", async () => {
    const res = await app.client().request("POST", "/api/signup", { raw: '{"email":' });
    expect(res.status).toBe(400);
    expect(errorOf(res.body).code).toBe("bad_request");
  });

  it("does not log in with a wrong password", async () => {
    const client = app.client();
    const email = uniqueEmail("wrongpw");
    await signUp(client, { name: "W", email, password: PASSWORD });
    const login = await logIn(client, email, "not-the-password");
    expect(login.status).toBe(401);
    expect((await client.get("/api/v1/webhooks")).status).toBe(401);
  });
});

describe("authentication on /api/v1", () => {
  const routes = merchantApiRoutes();

  it("finds the merchant API routes", () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: "GET", path: "/api/v1/webhooks" },
        { method: "POST", path: "/api/v1/webhooks" },
        { method: "GET", path: `/api/v1/webhooks/${FAKE_ID}` },
        { method: "PATCH", path: `/api/v1/webhooks/${FAKE_ID}` },
        { method: "DELETE", path: `/api/v1/webhooks/${FAKE_ID}` },
        { method: "POST", path: `/api/v1/webhooks/${FAKE_ID}/test` },
      ]),
    );
  });

  it.each(routes.map((r) => [r.method, r.path] as const))("%s %s answers 401 without a session", async (method, urlPath) => {
    const client = app.client();
    const res = await client.request(method, urlPath, method === "GET" || method === "DELETE" ? {} : { json: {} });
    expect(res.status).toBe(401);
    expect(errorOf(res.body)).toEqual({ code: "unauthorized", message: expect.any(String) });
  });

  it.each(routes.map((r) => [r.method, r.path] as const))("%s %s answers 401 with a forged cookie or bearer token", async (method, urlPath) => {
    const client = app.client();
    client.cookies.set("next-auth.session-token", "forged.session.token");
    const res = await client.request(method, urlPath, {
      headers: { authorization: "Bearer not-a-real-key" },
      ...(method === "GET" || method === "DELETE" ? {} : { json: {} }),
    });
    expect(res.status).toBe(401);
  });
});

describe("endpoints", () => {
  it("creates: 201 with the Endpoint shape and a whsec_ secret, shown only this once", async () => {
    const m = await merchant();
    const before = Date.now();
    const res = await m.client.post("/api/v1/webhooks", { url: "https://example.com/webhooks/dashx", description: "Order fulfilment" });
    expect(res.status).toBe(201);
    const created = res.body as CreatedEndpoint;
    secrets.push(created.secret);
    expect(Object.keys(created).sort()).toEqual([...ENDPOINT_KEYS, "secret"].sort());
    expect(created).toEqual({
      id: expect.any(String),
      url: "https://example.com/webhooks/dashx",
      description: "Order fulfilment",
      status: "enabled",
      eventTypes: [],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      disabledReason: null,
      health: { state: "healthy", pausedUntil: null, consecutiveFailures: 0, lastError: null },
      headers: {},
      signatureCheck: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    expect(Date.parse(created.createdAt)).toBeGreaterThanOrEqual(before - 1000);

    const { secret, ...endpoint } = created;
    const got = await m.client.get(`/api/v1/webhooks/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(endpoint);
    expect(Object.keys(got.body as object).sort()).toEqual(ENDPOINT_KEYS);
    expect(await list(m)).toEqual([endpoint]);
    for (const text of [got.text, (await m.client.get("/api/v1/webhooks")).text]) {
      expect(text).not.toContain(secret);
      expect(text).not.toMatch(/secret/i);
    }
  });

  it("stores eventTypes and returns them", async () => {
    const m = await merchant();
    const created = await create(m, { url: "https://example.com/a", eventTypes: ["checkout_session.completed", "checkout_session.completed"] });
    expect(created.eventTypes).toEqual(["checkout_session.completed"]);
    expect(((await m.client.get(`/api/v1/webhooks/${created.id}`)).body as Endpoint).eventTypes).toEqual(["checkout_session.completed"]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a javascript: URL", { url: "javascript:alert(1)" }, "url"],
    ["a data: URL", { url: "data:text/html,hi" }, "url"],
    ["a file: URL", { url: "file:///etc/passwd" }, "url"],
    ["an ftp: URL", { url: "ftp://example.com/x" }, "url"],
    ["credentials in the URL", { url: "https://user:pass@example.com/hook" }, "url"],
    ["a relative URL", { url: "/webhooks" }, "url"],
    ["a missing URL", { description: "no url" }, "url"],
    ["a URL over 2048 characters", { url: "https://example.com/" + "a".repeat(2048) }, "url"],
    ["a description over 500 characters", { url: "https://example.com/x", description: "d".repeat(501) }, "description"],
    ["an unknown event type", { url: "https://example.com/x", eventTypes: ["checkout_session.refunded"] }, "eventTypes.0"],
    ["eventTypes that is not a list", { url: "https://example.com/x", eventTypes: "checkout_session.completed" }, "eventTypes"],
  ])("refuses %s with 422 and fields, creating nothing", async (_, input, field) => {
    const m = merchants[0] ?? (await merchant());
    const before = await list(m);
    const res = await m.client.post("/api/v1/webhooks", input);
    expect(res.status).toBe(422);
    const error = errorOf(res.body);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toEqual(expect.any(String));
    expect(error.fields?.[field]).toEqual(expect.any(String));
    expect(await list(m)).toEqual(before);
  });

  it.each([
    ["a JSON array", "[]"],
    ["a JSON string", '"https://example.com"'],
    ["JSON null", "null"],
  ])("answers %s body with 422, not 500", async (_, raw) => {
    const m = merchants[0] ?? (await merchant());
    const res = await m.client.request("POST", "/api/v1/webhooks", { raw });
    expect(res.status).toBe(422);
    expect(errorOf(res.body).code).toBe("validation_failed");
  });

  it("answers a body over 64 KiB with 413 and creates nothing", async () => {
    const m = await merchant();
    const res = await m.client.post("/api/v1/webhooks", { url: "https://example.com/big", description: "x".repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(errorOf(res.body).code).toBe("payload_too_large");
    expect(await list(m)).toEqual([]);
  });

  it("answers malformed JSON with 400 on create and update, changing nothing", async () => {
    const m = await merchant();
    const endpoint = await create(m, { url: "https://example.com/malformed", description: "before" });
    const bad = await m.client.request("POST", "/api/v1/webhooks", { raw: '{"url": "https://example.com/x"' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body)).toEqual({ code: "bad_request", message: expect.any(String) });
    const badPatch = await m.client.request("PATCH", `/api/v1/webhooks/${endpoint.id}`, { raw: "{description: 'x'}" });
    expect(badPatch.status).toBe(400);
    expect(errorOf(badPatch.body).code).toBe("bad_request");
    expect(await list(m)).toHaveLength(1);
    expect(((await m.client.get(`/api/v1/webhooks/${endpoint.id}`)).body as Endpoint).description).toBe("before");
  });

  it("updates url and description with PATCH, and validates the same way", async () => {
    const m = await merchant();
    const endpoint = await create(m, { url: "https://example.com/old", description: "Old" });
    await new Promise((r) => setTimeout(r, 5));
    const res = await m.client.patch(`/api/v1/webhooks/${endpoint.id}`, { url: "https://example.org/new", description: "New" });
    expect(res.status).toBe(200);
    const updated = res.body as Endpoint;
    expect(Object.keys(updated).sort()).toEqual(ENDPOINT_KEYS);
    expect(updated).toMatchObject({ id: endpoint.id, url: "https://example.org/new", description: "New", createdAt: endpoint.createdAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(endpoint.updatedAt));
    expect(res.text).not.toContain(endpoint.secret);

    const invalid = await m.client.patch(`/api/v1/webhooks/${endpoint.id}`, { url: "javascript:alert(1)" });
    expect(invalid.status).toBe(422);
    expect(errorOf(invalid.body).fields?.url).toEqual(expect.any(String));
    expect((await m.client.get(`/api/v1/webhooks/${endpoint.id}`)).body).toEqual(updated);
  });

  it("disables and re-enables an endpoint with PATCH status", async () => {
    const m = await merchant();
    const endpoint = await create(m, { url: "https://example.com/toggle" });
    const disabled = (await m.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" })).body as Endpoint;
    expect(disabled.status).toBe("disabled");
    expect(disabled.disabledReason).toEqual(expect.any(String));
    const enabled = (await m.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "enabled" })).body as Endpoint;
    expect(enabled).toMatchObject({ status: "enabled", disabledReason: null });
  });

  it("answers 404 for an id that does not exist", async () => {
    const m = await merchant();
    for (const res of [
      await m.client.get(`/api/v1/webhooks/${FAKE_ID}`),
      await m.client.patch(`/api/v1/webhooks/${FAKE_ID}`, { description: "x" }),
      await m.client.delete(`/api/v1/webhooks/${FAKE_ID}`),
      await m.client.post(`/api/v1/webhooks/${FAKE_ID}/test`, {}),
    ]) {
      expect(res.status).toBe(404);
      expect(errorOf(res.body).code).toBe("not_found");
    }
  });
});

describe("the 5-webhook limit", () => {
  it("30 simultaneous creates leave exactly 5 endpoints; the rest are 409 webhook_limit_reached", async () => {
    const m = await merchant();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => m.client.post("/api/v1/webhooks", { url: `https://example.com/race/${i}`, description: `race ${i}` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(25);
    for (const r of results) {
      if (r.status === 201) secrets.push((r.body as CreatedEndpoint).secret);
      else expect(r.body).toEqual({ error: { code: "webhook_limit_reached", message: "Only 5 webhooks are allowed per merchant" } });
    }
    const endpoints = await list(m);
    expect(endpoints).toHaveLength(5);
    const createdIds = results.filter((r) => r.status === 201).map((r) => (r.body as CreatedEndpoint).id);
    expect(endpoints.map((e) => e.id).sort()).toEqual(createdIds.sort());
  });

  it("a sixth create is refused; deleting one frees its slot", async () => {
    const m = await merchant();
    const endpoints: CreatedEndpoint[] = [];
    for (let i = 0; i < 5; i++) endpoints.push(await create(m, { url: `https://example.com/slot/${i}` }));
    const sixth = await m.client.post("/api/v1/webhooks", { url: "https://example.com/slot/6" });
    expect(sixth.status).toBe(409);
    expect(errorOf(sixth.body)).toEqual({ code: "webhook_limit_reached", message: "Only 5 webhooks are allowed per merchant" });

    const del = await m.client.delete(`/api/v1/webhooks/${endpoints[2].id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await m.client.get(`/api/v1/webhooks/${endpoints[2].id}`)).status).toBe(404);
    expect((await m.client.delete(`/api/v1/webhooks/${endpoints[2].id}`)).status).toBe(404);
    expect(await list(m)).toHaveLength(4);

    const replacement = await m.client.post("/api/v1/webhooks", { url: "https://example.com/slot/replacement" });
    expect(replacement.status).toBe(201);
    secrets.push((replacement.body as CreatedEndpoint).secret);
    expect((await m.client.post("/api/v1/webhooks", { url: "https://example.com/slot/7" })).status).toBe(409);
    expect(await list(m)).toHaveLength(5);
  });

  it("the limit is per merchant", async () => {
    const full = await merchant();
    for (let i = 0; i < 5; i++) await create(full, { url: `https://example.com/full/${i}` });
    const other = await merchant();
    expect((await other.client.post("/api/v1/webhooks", { url: "https://example.com/other" })).status).toBe(201);
  });
});

describe("merchant isolation", () => {
  it("merchant B gets 404 for everything of A's, and A's endpoint is unchanged", async () => {
    const a = await merchant("Merchant A");
    const b = await merchant("Merchant B");
    const endpoint = await create(a, { url: "https://example.com/a-only", description: "A's endpoint" });
    const { secret: _secret, ...original } = endpoint;

    const attempts = [
      await b.client.get(`/api/v1/webhooks/${endpoint.id}`),
      await b.client.patch(`/api/v1/webhooks/${endpoint.id}`, { url: "https://evil.example/steal", description: "mine now" }),
      await b.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" }),
      await b.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {}),
      await b.client.post(`/api/v1/webhooks/${endpoint.id}/secret/rotate`, {}),
      await b.client.delete(`/api/v1/webhooks/${endpoint.id}`),
      await b.client.get(`/api/v1/webhooks/${endpoint.id}/deliveries`),
    ];
    const unknown = await b.client.get(`/api/v1/webhooks/${FAKE_ID}`);
    for (const res of attempts) {
      expect(res.status).toBe(404);
      // Indistinguishable from an id that does not exist: existence never leaks.
      expect(res.body).toEqual(unknown.body);
    }
    expect(await list(b)).toEqual([]);
    expect((await a.client.get(`/api/v1/webhooks/${endpoint.id}`)).body).toEqual(original);
    expect(await list(a)).toEqual([original]);
  });
});

describe("the secret", () => {
  it("never appears in any response after create, nor in the server's output", () => {
    expect(secrets.length).toBeGreaterThan(10);
    const exchanges = merchants.flatMap((m) => m.client.transcript);
    for (const secret of secrets) {
      const key = secret.slice("whsec_".length);
      const containing = exchanges.filter((x) => x.text.includes(key));
      // Exactly one response carried it: the 201 that created it.
      expect(containing).toHaveLength(1);
      expect(containing[0]).toMatchObject({ method: "POST", path: "/api/v1/webhooks", status: 201 });
      expect(app.logs()).not.toContain(key);
    }
  });

  it("no 500 answered anywhere in this file", () => {
    const all = merchants.flatMap((m) => m.client.transcript);
    expect(all.filter((x) => x.status >= 500)).toEqual([]);
  });
});
