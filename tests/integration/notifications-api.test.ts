// The inbox, the preferences grid and the operational webhook over real HTTP, on SQLite and (with
// TEST_DATABASE=postgres) PostgreSQL. Inbox rows are real Notification rows written into the app's database
// (the engine writes them on state changes; this suite only needs rows to read). The operational webhook's
// test send reaches a real receiver on loopback and verifies with the `standardwebhooks` library.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { ApiErrorBody } from "./shapes";
import { startSecureApp, type SecureApp } from "./security-helpers";
import { openTestSql, type TestSql } from "./test-sql";

// The contract's kinds (lib/notifications/kinds.ts), spelled out: a renamed kind must fail here.
const ENDPOINT_KINDS = ["endpoint.failing", "endpoint.paused", "endpoint.disabled", "endpoint.recovered", "delivery.exhausted", "endpoint.signature_unverified"];
const SECURITY_KINDS = ["account.password_changed", "account.two_factor_disabled", "account.api_key_created", "account.sessions_revoked"];

type Item = { id: string; type: string; endpointId: string | null; title: string; body: string; createdAt: string; readAt: string | null };
type Page = { data: Item[]; nextCursor: string | null };
type Settings = { email: Record<string, boolean>; webhook: Record<string, boolean> };
type OpWebhook = { url: string; eventTypes: string[]; status: string; createdAt: string; secret?: string };

let app: SecureApp;
let receiver: Receiver;
let sql: TestSql;
let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    // Loopback allowed through the allow-list, so private addresses are still refused (the SSRF case).
    startSecureApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "false", WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8", WEBHOOK_RETRY_SCHEDULE: "1h" }),
    startReceiver(),
  ]);
  sql = await openTestSql(app.databaseUrl);
  [a, b] = [await app.merchant("Inbox A"), await app.merchant("Inbox B")];
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await sql?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

const errorOf = (body: unknown) => (body as ApiErrorBody).error;
const T0 = Date.parse("2026-12-01T10:00:00Z");

/** A real Notification row, as the engine writes one (dispatchedAt set: the dispatcher has nothing to do). */
async function seed(merchantId: string, i: number, over: { type?: string; endpointId?: string | null; data?: object; count?: number } = {}): Promise<string> {
  const id = `ntf_test_${randomBytes(8).toString("hex")}`;
  const createdAt = new Date(T0 + i * 60_000);
  await sql.run(
    `INSERT INTO "Notification" ("id", "merchantId", "endpointId", "type", "data", "count", "createdAt", "updatedAt", "dispatchedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    merchantId,
    over.endpointId === undefined ? "ep_seeded" : over.endpointId,
    over.type ?? "endpoint.paused",
    JSON.stringify(over.data ?? { endpointId: "ep_seeded", url: `https://shop.example/hooks/${i}`, state: "paused", lastError: "Connection refused" }),
    over.count ?? 1,
    createdAt,
    createdAt,
    createdAt,
  );
  return id;
}

describe("GET /api/v1/notifications", () => {
  const aIds: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 30; i++) aIds.push(await seed(a.id, i));
    await seed(b.id, 100, { type: "endpoint.failing", data: { url: "https://b.example/only-b", count: 4 } });
  });

  it("answers newest first with rendered title and body, 25 a page, and a keyset cursor to the rest", async () => {
    const first = (await a.client.get("/api/v1/notifications")).body as Page;
    expect(first.data).toHaveLength(25);
    expect(first.data.map((n) => n.id)).toEqual([...aIds].reverse().slice(0, 25));
    expect(Object.keys(first.data[0]).sort()).toEqual(["body", "createdAt", "endpointId", "id", "readAt", "title", "type"]);
    expect(first.data[0]).toMatchObject({
      type: "endpoint.paused",
      endpointId: "ep_seeded",
      title: "Paused: https://shop.example/hooks/29 is not answering",
      readAt: null,
      createdAt: new Date(T0 + 29 * 60_000).toISOString(),
    });
    expect(first.data[0].body).toContain("Last error: Connection refused.");
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await a.client.get(`/api/v1/notifications?cursor=${first.nextCursor}`)).body as Page;
    expect(second.data.map((n) => n.id)).toEqual([...aIds].reverse().slice(25));
    expect(second.nextCursor).toBeNull();
  });

  it("an aggregated row renders its count, an unknown data field does not break the list", async () => {
    const exhausted = await seed(a.id, 200, { type: "delivery.exhausted", data: { url: "https://shop.example/x", since: "2026-12-01T14:00:00.000Z" }, count: 37 });
    const odd = await seed(a.id, 201, { type: "endpoint.failing", data: { url: "https://shop.example/y", futureField: 1 } });
    const { data } = (await a.client.get("/api/v1/notifications?limit=2")).body as Page;
    expect(data.map((n) => n.id)).toEqual([odd, exhausted]);
    expect(data[1].title).toBe("37 deliveries to https://shop.example/x gave up since 1 Dec 2026, 14:00 UTC");
    expect(data[0].title).toBe("Failing: an endpoint keeps failing");
    await a.client.post("/api/v1/notifications/read", { ids: [odd, exhausted] });
  });

  it("refuses a bad query with 4xx, never a 500", async () => {
    expect((await a.client.get("/api/v1/notifications?unread=yes")).status).toBe(422);
    expect((await a.client.get("/api/v1/notifications?limit=0")).status).toBe(422);
    expect((await a.client.get("/api/v1/notifications?cursor=bm9wZQ")).status).toBe(400);
  });

  it("B sees only B's own", async () => {
    const { data } = (await b.client.get("/api/v1/notifications")).body as Page;
    expect(data).toHaveLength(1);
    expect(data[0].title).toBe("Failing: https://b.example/only-b keeps failing");
  });

  it("marks ids read (B's ids in A's request change nothing), then all; the unread filter and count follow", async () => {
    const bId = ((await b.client.get("/api/v1/notifications")).body as Page).data[0].id;
    expect((await a.client.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 30 });

    const res = await a.client.post("/api/v1/notifications/read", { ids: [aIds[29], aIds[28], bId, "ntf_missing"] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 2 });
    expect(((await b.client.get("/api/v1/notifications")).body as Page).data[0].readAt).toBeNull();
    expect((await b.client.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 1 });
    expect((await a.client.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 28 });

    const unread = (await a.client.get("/api/v1/notifications?unread=true&limit=100")).body as Page;
    expect(unread.data).toHaveLength(28);
    expect(unread.data.map((n) => n.id)).not.toContain(aIds[29]);
    const all = (await a.client.get("/api/v1/notifications?limit=100")).body as Page;
    expect(all.data.find((n) => n.id === aIds[29])?.readAt).toEqual(expect.any(String));

    // Marking an already read one again changes nothing.
    expect((await a.client.post("/api/v1/notifications/read", { ids: [aIds[29]] })).body).toEqual({ updated: 0 });
    expect((await a.client.post("/api/v1/notifications/read", { all: true })).body).toEqual({ updated: 28 });
    expect((await a.client.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 0 });
    expect(((await a.client.get("/api/v1/notifications?unread=true")).body as Page).data).toEqual([]);
    expect((await b.client.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 1 });
  });

  it("POST read takes exactly one of ids and all", async () => {
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ["x"], all: true }, { ids: "x" }, { everything: true }]) {
      const res = await b.client.post("/api/v1/notifications/read", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(errorOf(res.body).code).toBe("validation_failed");
    }
    expect((await b.client.request("POST", "/api/v1/notifications/read", { raw: "{" })).status).toBe(400);
    expect((await b.client.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 1 });
  });
});

describe("GET/PUT /api/v1/notification-settings", () => {
  it("starts with every cell on: email every kind, the webhook the endpoint kinds only", async () => {
    const res = await a.client.get("/api/v1/notification-settings");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      email: Object.fromEntries([...ENDPOINT_KINDS, ...SECURITY_KINDS].map((k) => [k, true])),
      webhook: Object.fromEntries(ENDPOINT_KINDS.map((k) => [k, true])),
    });
  });

  it("saves the cells sent, keeps the others, and answers the whole grid; B's grid is untouched", async () => {
    const res = await a.client.request("PUT", "/api/v1/notification-settings", { json: { email: { "endpoint.paused": false }, webhook: { "delivery.exhausted": false } } });
    expect(res.status).toBe(200);
    const saved = (await a.client.get("/api/v1/notification-settings")).body as Settings;
    expect(res.body).toEqual(saved);
    expect(saved.email["endpoint.paused"]).toBe(false);
    expect(saved.email["endpoint.failing"]).toBe(true);
    expect(saved.webhook["delivery.exhausted"]).toBe(false);
    expect(saved.webhook["endpoint.paused"]).toBe(true);
    const rows = await sql.all<{ channel: string; kind: string }>(`SELECT "channel", "kind" FROM "NotificationPreference" WHERE "merchantId" = ? ORDER BY "channel"`, a.id);
    expect(rows).toEqual([{ channel: "email", kind: "endpoint.paused" }, { channel: "webhook", kind: "delivery.exhausted" }]);
    expect(Object.values(((await b.client.get("/api/v1/notification-settings")).body as Settings).email).every(Boolean)).toBe(true);

    await a.client.request("PUT", "/api/v1/notification-settings", { json: { email: { "endpoint.paused": true } } });
    expect(((await a.client.get("/api/v1/notification-settings")).body as Settings).email["endpoint.paused"]).toBe(true);
  });

  it("security email off is a 422 naming the field; security kinds on the webhook and unknown kinds are refused; nothing changes", async () => {
    const before = (await a.client.get("/api/v1/notification-settings")).body;
    const off = await a.client.request("PUT", "/api/v1/notification-settings", { json: { email: { "account.password_changed": false, "endpoint.failing": false } } });
    expect(off.status).toBe(422);
    expect(errorOf(off.body).fields).toEqual({ "email.account.password_changed": "Security notices are always emailed" });
    // Turning a security email on is allowed (it is on anyway).
    expect((await a.client.request("PUT", "/api/v1/notification-settings", { json: { email: { "account.password_changed": true } } })).status).toBe(200);
    for (const json of [{ webhook: { "account.api_key_created": true } }, { email: { "checkout_session.completed": false } }, { sms: {} }, { email: { "endpoint.failing": "no" } }]) {
      const res = await a.client.request("PUT", "/api/v1/notification-settings", { json });
      expect(res.status, JSON.stringify(json)).toBe(422);
    }
    expect((await a.client.get("/api/v1/notification-settings")).body).toEqual(before);
  });
});

describe("the operational webhook", () => {
  it("404 before it exists, for GET, DELETE and the test send", async () => {
    expect((await a.client.get("/api/v1/operational-webhook")).status).toBe(404);
    expect((await a.client.delete("/api/v1/operational-webhook")).status).toBe(404);
    expect((await a.client.post("/api/v1/operational-webhook/test", {})).status).toBe(404);
  });

  it("refuses an empty eventTypes, an unknown kind, a security kind and a private address (SSRF) with 422, creating nothing", async () => {
    for (const [json, field] of [
      [{ url: receiver.url("/ops"), eventTypes: [] }, "eventTypes"],
      [{ url: receiver.url("/ops"), eventTypes: ["checkout_session.completed"] }, "eventTypes.0"],
      [{ url: receiver.url("/ops"), eventTypes: ["account.password_changed"] }, "eventTypes.0"],
      [{ url: "http://10.0.0.7/hooks" }, "url"],
      [{ url: "http://169.254.169.254/latest" }, "url"],
      [{ url: "ftp://example.com/x" }, "url"],
    ] as const) {
      const res = await a.client.request("PUT", "/api/v1/operational-webhook", { json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(Object.keys(errorOf(res.body).fields ?? {}), JSON.stringify(json)).toContain(field);
    }
    expect((await a.client.get("/api/v1/operational-webhook")).status).toBe(404);
  });

  let secret = "";
  it("the first PUT creates it and answers its secret once; later PUTs change it without a secret", async () => {
    const created = await a.client.request("PUT", "/api/v1/operational-webhook", { json: { url: receiver.url("/ops/first") } });
    expect(created.status).toBe(200);
    const body = created.body as OpWebhook;
    expect(body).toEqual({ url: receiver.url("/ops/first"), eventTypes: ENDPOINT_KINDS, status: "enabled", createdAt: expect.any(String), secret: expect.stringMatching(/^whsec_/) });
    secret = body.secret!;

    const changed = await a.client.request("PUT", "/api/v1/operational-webhook", { json: { url: receiver.url("/ops"), eventTypes: ["endpoint.paused", "endpoint.disabled", "endpoint.paused"] } });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ url: receiver.url("/ops"), eventTypes: ["endpoint.paused", "endpoint.disabled"], status: "enabled", createdAt: body.createdAt });
    expect(changed.text).not.toContain("whsec_");
    expect((await a.client.get("/api/v1/operational-webhook")).body).toEqual(changed.body);
    expect((await a.client.get("/api/v1/operational-webhook")).text).not.toContain("whsec_");
    // One row, whatever the number of PUTs.
    expect(await sql.all(`SELECT "id" FROM "Endpoint" WHERE "merchantId" = ? AND "kind" = 'operational'`, a.id)).toHaveLength(1);
    // B has none.
    expect((await b.client.get("/api/v1/operational-webhook")).status).toBe(404);
  });

  it("is not one of the merchant's webhooks: not listed, not reachable by id, and not counted in the 5", async () => {
    const [{ id: opId }] = await sql.all<{ id: string }>(`SELECT "id" FROM "Endpoint" WHERE "merchantId" = ? AND "kind" = 'operational'`, a.id);
    expect(((await a.client.get("/api/v1/webhooks")).body as { data: unknown[] }).data).toEqual([]);
    for (const [method, path, json] of [
      ["GET", `/api/v1/webhooks/${opId}`, undefined],
      ["PATCH", `/api/v1/webhooks/${opId}`, { description: "hijacked", status: "disabled" }],
      ["POST", `/api/v1/webhooks/${opId}/test`, {}],
      ["POST", `/api/v1/webhooks/${opId}/secret/rotate`, {}],
      ["GET", `/api/v1/webhooks/${opId}/deliveries`, undefined],
      ["DELETE", `/api/v1/webhooks/${opId}`, undefined],
    ] as const) {
      const res = await a.client.request(method, path, json === undefined ? {} : { json });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await a.client.get("/api/v1/operational-webhook")).body).toMatchObject({ status: "enabled", url: receiver.url("/ops") });
    for (let i = 0; i < 5; i++) await createEndpoint(a.client, { url: receiver.url(`/merchant/${i}`) });
    const sixth = await a.client.post("/api/v1/webhooks", { url: receiver.url("/merchant/6") });
    expect(sixth.status).toBe(409);
    expect(((await a.client.get("/api/v1/webhooks")).body as { data: unknown[] }).data).toHaveLength(5);
  });

  it("the test send reaches the receiver as a Standard Webhooks request {type, timestamp, data} signed with its secret", async () => {
    receiver.clear();
    const res = await a.client.post("/api/v1/operational-webhook/test", { type: "endpoint.paused" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delivered: true, statusCode: 200, eventId: expect.any(String) });
    const got = receiver.requests.filter((r) => r.path === "/ops");
    expect(got).toHaveLength(1);
    const headers = { "webhook-id": String(got[0].headers["webhook-id"]), "webhook-timestamp": String(got[0].headers["webhook-timestamp"]), "webhook-signature": String(got[0].headers["webhook-signature"]) };
    const payload = new Webhook(secret).verify(got[0].body, headers) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(headers["webhook-id"]).toBe((res.body as { eventId: string }).eventId);
    expect(Object.keys(payload).sort()).toEqual(["data", "timestamp", "type"]);
    expect(payload.type).toBe("endpoint.paused");
    expect(Number.isNaN(Date.parse(payload.timestamp))).toBe(false);
    expect(payload.data).toMatchObject({ url: expect.any(String), state: "paused", lastError: expect.any(String), pausedUntil: expect.any(String) });
    // Default kind, and an unknown one refused.
    expect(((await a.client.post("/api/v1/operational-webhook/test", {})).body as { delivered: boolean }).delivered).toBe(true);
    expect(JSON.parse(receiver.requests.filter((r) => r.path === "/ops")[1].body).type).toBe("endpoint.failing");
    expect((await a.client.post("/api/v1/operational-webhook/test", { type: "account.password_changed" })).status).toBe(422);
  });

  it("an auto-disabled one shows disabled, and saving it enables it again with its breaker closed", async () => {
    await sql.run(
      `UPDATE "Endpoint" SET "status" = 'disabled', "disabledReason" = 'Failing for 5 days', "consecutiveFailures" = 7, "lastError" = 'Connection refused' WHERE "merchantId" = ? AND "kind" = 'operational'`,
      a.id,
    );
    expect(((await a.client.get("/api/v1/operational-webhook")).body as OpWebhook).status).toBe("disabled");
    const res = await a.client.request("PUT", "/api/v1/operational-webhook", { json: { url: receiver.url("/ops") } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "enabled", eventTypes: ENDPOINT_KINDS });
    expect(res.text).not.toContain("whsec_");
    const [row] = await sql.all<{ status: string; disabledReason: string | null; consecutiveFailures: number }>(
      `SELECT "status", "disabledReason", "consecutiveFailures" FROM "Endpoint" WHERE "merchantId" = ? AND "kind" = 'operational'`,
      a.id,
    );
    expect(row).toEqual({ status: "enabled", disabledReason: null, consecutiveFailures: 0 });
  });

  it("DELETE removes it (204), frees no slot, and a new PUT creates a new one with a new secret", async () => {
    expect((await a.client.delete("/api/v1/operational-webhook")).status).toBe(204);
    expect((await a.client.get("/api/v1/operational-webhook")).status).toBe(404);
    expect((await a.client.delete("/api/v1/operational-webhook")).status).toBe(404);
    expect((await a.client.post("/api/v1/webhooks", { url: receiver.url("/merchant/6") })).status).toBe(409);
    const again = (await a.client.request("PUT", "/api/v1/operational-webhook", { json: { url: receiver.url("/ops2") } })).body as OpWebhook;
    expect(again.secret).toMatch(/^whsec_/);
    expect(again.secret).not.toBe(secret);
  });
});
