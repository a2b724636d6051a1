// Merchant API keys: created with a dashboard session only, shown once as `dsk_…`, listed by prefix and
// last use only, accepted as `Authorization: Bearer` on the merchant API (audited as api_key:<prefix>),
// refused the moment they are revoked, unable to manage keys, and stored only as a SHA-256.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Exchange, type Merchant } from "./http-client";
import type { ApiErrorBody, CreatedEndpoint, Endpoint } from "./shapes";
import { storedBytes, sleep, startSecureApp, type AuditEntry, type BearerClient, type SecureApp } from "./security-helpers";
import { openTestSql, type TestSql } from "./test-sql";

type IssuedKey = { id: string; name: string; prefix: string; lastUsedAt: string | null; createdAt: string; revokedAt: string | null; key: string };
type ListedKey = Omit<IssuedKey, "key">;

let app: SecureApp;
let receiver: Receiver;
let a: Merchant;
let b: Merchant;
let db: TestSql; // the app's database, SQLite or PostgreSQL
const keys: IssuedKey[] = [];
const bearers: BearerClient[] = [];

beforeAll(async () => {
  [app, receiver] = await Promise.all([startSecureApp(), startReceiver()]);
  [a, b] = [await app.merchant("Key Owner A"), await app.merchant("Key Owner B")];
  db = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await db?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

async function issue(m: Merchant, name: string): Promise<IssuedKey> {
  const res = await m.client.post("/api/v1/api-keys", { name });
  expect(res.status).toBe(201);
  const key = res.body as IssuedKey;
  keys.push(key);
  return key;
}

function bearer(key: string): BearerClient {
  const client = app.bearer(key) as BearerClient;
  bearers.push(client);
  return client;
}

const listKeys = async (m: Merchant) => ((await m.client.get("/api/v1/api-keys")).body as { data: ListedKey[] }).data;
const errorOf = (body: unknown) => (body as ApiErrorBody).error;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("creating and listing keys", () => {
  it("POST /api/v1/api-keys (session): 201 with the full dsk_ key, shown this once", async () => {
    const key = await issue(a, "CI deploys");
    expect(key).toEqual({
      id: expect.any(String),
      name: "CI deploys",
      prefix: key.key.slice(0, 12),
      lastUsedAt: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      revokedAt: null,
      key: expect.stringMatching(/^dsk_[A-Za-z0-9_-]{43}$/),
    });
    expect(key.prefix).toMatch(/^dsk_/);
  });

  it("GET lists name, prefix and lastUsedAt, never the key or its hash", async () => {
    const [key] = keys;
    const res = await a.client.get("/api/v1/api-keys");
    expect(res.status).toBe(200);
    const listed = (res.body as { data: ListedKey[] }).data;
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"]);
    expect(listed[0]).toMatchObject({ id: key.id, prefix: key.prefix, name: "CI deploys" });
    expect(res.text).not.toContain(key.key);
    expect(res.text).not.toContain(sha256(key.key));
    expect(res.text).not.toMatch(/keyHash/);
  });

  it("each merchant lists only their own keys", async () => {
    await issue(b, "B's key");
    expect((await listKeys(b)).map((k) => k.name)).toEqual(["B's key"]);
    expect((await listKeys(a)).map((k) => k.name)).toEqual(["CI deploys"]);
  });

  it.each<[string, unknown, number]>([
    ["a missing name", {}, 422],
    ["an empty name", { name: "   " }, 422],
    ["a name over 100 characters", { name: "n".repeat(101) }, 422],
    ["an unknown field", { name: "x", merchantId: "someone-else" }, 422],
    ["a non-string name", { name: 42 }, 422],
  ])("refuses %s (%i) and creates nothing", async (_, json, status) => {
    const before = await listKeys(a);
    const res = await a.client.post("/api/v1/api-keys", json);
    expect(res.status).toBe(status);
    expect(errorOf(res.body).code).toBe("validation_failed");
    expect(await listKeys(a)).toEqual(before);
  });

  it("malformed JSON is 400 and creates nothing", async () => {
    const before = await listKeys(a);
    const res = await a.client.request("POST", "/api/v1/api-keys", { raw: '{"name":' });
    expect(res.status).toBe(400);
    expect(await listKeys(a)).toEqual(before);
  });
});

describe("using a key", () => {
  let client: BearerClient;
  let endpoint: Endpoint;

  beforeAll(() => {
    client = bearer(keys[0].key);
  });

  it("works on the merchant routes: list, create, read, update, test, rotate, deliveries, audit, events", async () => {
    expect((await client.get("/api/v1/merchant")).body).toEqual({ id: a.id, name: a.name, email: a.email });
    expect((await client.get("/api/v1/webhooks")).body).toEqual({ data: [] });
    const created = await client.post("/api/v1/webhooks", { url: receiver.url("/by-key"), description: "made with a key" });
    expect(created.status).toBe(201);
    expect((created.body as CreatedEndpoint).secret).toMatch(/^whsec_/);
    endpoint = created.body as Endpoint;
    expect((await client.get(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(200);
    expect((await client.patch(`/api/v1/webhooks/${endpoint.id}`, { description: "changed with a key" })).status).toBe(200);
    expect((await client.post(`/api/v1/webhooks/${endpoint.id}/test`, {})).body).toMatchObject({ delivered: true });
    expect((await client.post(`/api/v1/webhooks/${endpoint.id}/secret/rotate`, {})).status).toBe(200);
    expect((await client.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).status).toBe(200);
    expect((await client.get("/api/v1/events")).status).toBe(200);
    // The session sees what the key did.
    expect(((await a.client.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data.map((e) => e.description)).toEqual(["changed with a key"]);
  });

  it("the audit log names the key (api_key:<prefix>) as the actor of what it did", async () => {
    const audit = ((await client.get(`/api/v1/webhooks/${endpoint.id}/audit`)).body as { data: AuditEntry[] }).data;
    expect(audit.map((e) => e.action)).toEqual(["endpoint.secret_rotated", "endpoint.tested", "endpoint.updated", "endpoint.created"]);
    for (const entry of audit) expect(entry.actor).toBe(`api_key:${keys[0].prefix}`);
    expect(JSON.stringify(audit)).not.toContain(keys[0].key);
  });

  it("lastUsedAt is set once the key is used", async () => {
    const [listed] = await listKeys(a);
    expect(listed.lastUsedAt).toEqual(expect.any(String));
    expect(Date.parse(listed.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("a key acts only for its merchant: B's endpoint is 404 through A's key", async () => {
    const theirs = await createEndpoint(b.client, { url: "https://93.184.216.34/b" });
    for (const res of [
      await client.get(`/api/v1/webhooks/${theirs.id}`),
      await client.patch(`/api/v1/webhooks/${theirs.id}`, { description: "taken" }),
      await client.post(`/api/v1/webhooks/${theirs.id}/secret/rotate`, {}),
      await client.delete(`/api/v1/webhooks/${theirs.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(errorOf(res.body).code).toBe("not_found");
    }
    expect(((await b.client.get(`/api/v1/webhooks/${theirs.id}`)).body as Endpoint).description).toBe("");
    expect(((await client.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data.map((e) => e.id)).toEqual([endpoint.id]);
  });

  it("API keys cannot manage API keys: list, create and revoke are 401", async () => {
    const before = await listKeys(a);
    const list = await client.get("/api/v1/api-keys");
    const create = await client.post("/api/v1/api-keys", { name: "escalation" });
    const revoke = await client.delete(`/api/v1/api-keys/${keys[0].id}`);
    for (const res of [list, create, revoke]) {
      expect(res.status).toBe(401);
      expect(errorOf(res.body).code).toBe("unauthorized");
      expect(res.text).not.toMatch(/dsk_/);
    }
    expect(await listKeys(a)).toEqual(before);
    expect((await client.get("/api/v1/webhooks")).status).toBe(200); // and the key still works
  });

  it.each([
    ["an unknown dsk_ key", "dsk_" + "A".repeat(43)],
    ["the prefix alone", "PREFIX"],
    ["the key with a character changed", "CHANGED"],
    ["the key's SHA-256 (what the database holds)", "HASH"],
    ["a huge token", "dsk_" + "x".repeat(5000)],
    ["a session-looking token", "eyJhbGciOiJIUzI1NiJ9.e30.x"],
  ])("refuses %s with 401", async (_, template) => {
    const real = keys[0].key;
    const token =
      template === "PREFIX" ? keys[0].prefix : template === "CHANGED" ? real.slice(0, -1) + (real.endsWith("A") ? "B" : "A") : template === "HASH" ? sha256(real) : template;
    const res = await bearer(token).get("/api/v1/webhooks");
    expect(res.status).toBe(401);
    expect(errorOf(res.body)).toEqual({ code: "unauthorized", message: expect.any(String) });
  });

  it("a bearer key wins over a session cookie: another merchant's cookie does not widen it", async () => {
    const mixed = bearer(keys[0].key);
    for (const [k, v] of b.client.cookies) mixed.cookies.set(k, v);
    const listed = ((await mixed.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data;
    expect(listed.map((e) => e.id)).toEqual([endpoint.id]);
  });
});

describe("revoking", () => {
  it("another merchant cannot revoke A's key (404), and it keeps working", async () => {
    const res = await b.client.delete(`/api/v1/api-keys/${keys[0].id}`);
    expect(res.status).toBe(404);
    expect(errorOf(res.body).code).toBe("not_found");
    expect((await bearer(keys[0].key).get("/api/v1/webhooks")).status).toBe(200);
    expect((await listKeys(a)).map((k) => k.id)).toContain(keys[0].id);
  });

  it("a revoked key is 401 on the very next request, and is gone from the list", async () => {
    const key = await issue(a, "short-lived");
    const client = bearer(key.key);
    expect((await client.get("/api/v1/webhooks")).status).toBe(200);
    const revoke = await a.client.delete(`/api/v1/api-keys/${key.id}`);
    expect(revoke.status).toBe(204);
    expect(revoke.text).toBe("");
    const next = await client.post("/api/v1/webhooks", { url: "https://93.184.216.34/after-revoke" });
    expect(next.status).toBe(401);
    expect((await client.get("/api/v1/webhooks")).status).toBe(401);
    expect((await listKeys(a)).map((k) => k.id)).not.toContain(key.id);
    expect(((await a.client.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data.map((e) => e.url)).not.toContain("https://93.184.216.34/after-revoke");
    // Revoking twice, or an id that never existed: 404.
    expect((await a.client.delete(`/api/v1/api-keys/${key.id}`)).status).toBe(404);
    expect((await a.client.delete(`/api/v1/api-keys/cm0000000000000000000000a`)).status).toBe(404);
  });

  it("revocations take effect under concurrent use: nothing succeeds once the DELETE has answered", async () => {
    const key = await issue(a, "busy key");
    const client = bearer(key.key);
    let revokedAt = 0;
    const results: { status: number; at: number }[] = [];
    const hammer = (async () => {
      while (!revokedAt || results.filter((r) => r.at > revokedAt).length < 10) {
        const started = Date.now();
        const res = await client.get("/api/v1/webhooks");
        results.push({ status: res.status, at: started });
      }
    })();
    await sleep(100);
    expect((await a.client.delete(`/api/v1/api-keys/${key.id}`)).status).toBe(204);
    revokedAt = Date.now();
    await hammer;
    const afterRevoke = results.filter((r) => r.at > revokedAt);
    expect(afterRevoke.length).toBeGreaterThan(0);
    expect(afterRevoke.every((r) => r.status === 401)).toBe(true);
  });

  it("the audit trail records key creation and revocation (merchant-level entries, no key material)", async () => {
    // detail as its JSON text on both databases (jsonb on PostgreSQL).
    const rows = await db.all<{ actor: string; action: string; detail: string }>(
      `SELECT "actor","action",CAST("detail" AS TEXT) AS "detail" FROM "AuditEntry" WHERE "merchantId" = ? AND "action" LIKE 'api_key.%' ORDER BY "createdAt"`,
      a.id,
    );
    expect(rows.filter((r) => r.action === "api_key.created").length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.action === "api_key.revoked").length).toBe(2);
    for (const r of rows) {
      expect(r.actor).toBe(`merchant:${a.email}`);
      for (const k of keys) expect(r.detail).not.toContain(k.key);
    }
  });
});

describe("storage and exposure", () => {
  it("the database holds only the SHA-256 of each key: the key itself is in no SQLite file (no PostgreSQL row)", async () => {
    await sleep(300);
    const rows = await db.all<{ id: string; prefix: string; keyHash: string }>(`SELECT "id","prefix","keyHash" FROM "ApiKey"`);
    expect(rows).toHaveLength(keys.length);
    const stored = await storedBytes(app, db);
    for (const k of keys) {
      expect(rows.find((r) => r.id === k.id)).toEqual({ id: k.id, prefix: k.prefix, keyHash: sha256(k.key) });
      expect(stored.some(({ bytes }) => bytes.includes(sha256(k.key)))).toBe(true); // the search sees what is stored
      for (const { file, bytes } of stored) {
        expect(bytes.includes(k.key), file).toBe(false);
        expect(bytes.includes(k.key.slice(12)), file).toBe(false); // the secret part after the shown prefix
      }
    }
  });

  it("no dashboard page's HTML holds a key or its hash", async () => {
    for (const page of ["/settings/api-keys", "/settings", "/webhooks", "/events"]) {
      const res = await a.client.get(page);
      for (const k of keys) {
        expect(res.text, page).not.toContain(k.key.slice(12));
        expect(res.text, page).not.toContain(sha256(k.key));
      }
    }
  });

  it("each key appears in exactly one response (its create) and never in the server's output", () => {
    const exchanges: Exchange[] = [a, b].flatMap((m) => m.client.transcript).concat(bearers.flatMap((c) => c.transcript));
    for (const k of keys) {
      const containing = exchanges.filter((x) => x.text.includes(k.key.slice(12)));
      expect(containing).toHaveLength(1);
      expect(containing[0]).toMatchObject({ method: "POST", path: "/api/v1/api-keys", status: 201 });
      expect(app.logs()).not.toContain(k.key.slice(12));
    }
    expect(exchanges.filter((x) => x.status >= 500)).toEqual([]);
  });
});
