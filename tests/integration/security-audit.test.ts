// The audit log (GET /api/v1/webhooks/{id}/audit): who created, changed, enabled/disabled, tested,
// rotated and resent what, and when, newest first, with the actor (merchant:<email>, api_key:<prefix>
// or system), and never a secret or key in `detail`. Refused requests leave no entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { CreatedEndpoint } from "./shapes";
import { completedData, startSecureApp, waitFor, type AuditEntry, type DeliverySummary, type SecureApp } from "./security-helpers";
import { openTestSql, type TestSql } from "./test-sql";

let app: SecureApp;
let receiver: Receiver;
let merchant: Merchant;
let db: TestSql; // the app's database, SQLite or PostgreSQL
let endpoint: CreatedEndpoint;
let startedAt: number;
const secrets: string[] = [];
let apiKey: { key: string; prefix: string };

beforeAll(async () => {
  [app, receiver] = await Promise.all([startSecureApp({ WEBHOOK_RETRY_SCHEDULE: "1h" }), startReceiver()]);
  merchant = await app.merchant("Audited Merchant");
  db = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await db?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

const audit = async (id = endpoint.id) => ((await merchant.client.get(`/api/v1/webhooks/${id}/audit`)).body as { data: AuditEntry[] }).data;
const me = () => `merchant:${merchant.email}`;

describe("every kind of change is recorded", () => {
  const expected: { action: string; actor: () => string; detail?: Record<string, unknown> }[] = [];

  it("create", async () => {
    startedAt = Date.now() - 1_000;
    endpoint = await createEndpoint(merchant.client, { url: receiver.url("/audited"), description: "Orders" });
    secrets.push(endpoint.secret);
    expected.push({ action: "endpoint.created", actor: me, detail: { url: receiver.url("/audited"), description: "Orders" } });
    expect(await audit()).toMatchObject([{ action: "endpoint.created", actor: me(), detail: { url: receiver.url("/audited"), description: "Orders" } }]);
  });

  it("update (with what changed), disable and enable", async () => {
    expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { description: "Orders v2", eventTypes: ["checkout_session.completed"] })).status).toBe(200);
    expected.push({ action: "endpoint.updated", actor: me, detail: { description: "Orders v2", eventTypes: ["checkout_session.completed"] } });
    expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" })).status).toBe(200);
    expected.push({ action: "endpoint.disabled", actor: me });
    expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "enabled", eventTypes: [] })).status).toBe(200);
    expected.push({ action: "endpoint.updated", actor: me, detail: { eventTypes: [] } }, { action: "endpoint.enabled", actor: me });
  });

  it("refused changes leave no entry", async () => {
    const before = await audit();
    expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { url: "javascript:alert(1)" })).status).toBe(422);
    expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "paused" })).status).toBe(422);
    expect((await merchant.client.request("PATCH", `/api/v1/webhooks/${endpoint.id}`, { raw: "{" })).status).toBe(400);
    expect((await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, { type: "nope" })).status).toBe(422);
    expect((await merchant.client.request("POST", `/api/v1/webhooks/${endpoint.id}/test`, { json: {}, headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect(await audit()).toEqual(before);
  });

  it("test, rotate and resend", async () => {
    expect((await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, { type: "checkout_session.expired" })).status).toBe(200);
    expected.push({ action: "endpoint.tested", actor: me, detail: { type: "checkout_session.expired", delivered: true, statusCode: 200 } });
    const rotated = (await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/secret/rotate`, {})).body as { secret: string };
    secrets.push(rotated.secret);
    expected.push({ action: "endpoint.secret_rotated", actor: me });

    const published = await app.intake({ merchantId: merchant.id, type: "checkout_session.completed", data: completedData() });
    const eventId = (published.body as { id: string }).id;
    const deliveryId = await waitFor(async () => {
      const list = ((await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body as { data: DeliverySummary[] }).data;
      return list.find((d) => d.eventId === eventId && d.status === "succeeded")?.id;
    }, "the delivery to succeed");
    expect((await merchant.client.post(`/api/v1/deliveries/${deliveryId}/retry`, {})).status).toBe(202);
    expected.push({ action: "delivery.resent", actor: me, detail: { deliveryId, eventId } });
  });

  it("an API key's changes name the key", async () => {
    apiKey = (await merchant.client.post("/api/v1/api-keys", { name: "automation" })).body as { key: string; prefix: string };
    expect((await app.bearer(apiKey.key).patch(`/api/v1/webhooks/${endpoint.id}`, { description: "by automation" })).status).toBe(200);
    expected.push({ action: "endpoint.updated", actor: () => `api_key:${apiKey.prefix}`, detail: { description: "by automation" } });
  });

  it("an automatic disable (the endpoint answered 410 Gone) is recorded as system, with the reason", async () => {
    // Let the resend above finish first, so the 410 applies to the new event only.
    await waitFor(() => receiver.requests.length >= 3, "the resend");
    receiver.respondWith({ kind: "status", status: 410 });
    await app.intake({ merchantId: merchant.id, type: "checkout_session.canceled", data: null });
    const entry = await waitFor(async () => (await audit()).find((e) => e.actor === "system"), "the automatic disable");
    expect(entry).toMatchObject({ action: "endpoint.disabled", detail: { reason: expect.stringMatching(/410/) } });
    expected.push({ action: "endpoint.disabled", actor: () => "system", detail: { reason: entry.detail.reason } });
    receiver.respondWith({ kind: "ok" });
  });

  it("the log lists all of it newest first, each entry with its actor and time", async () => {
    const entries = await audit();
    expect(entries.map((e) => [e.action, e.actor])).toEqual([...expected].reverse().map((e) => [e.action, e.actor()]));
    for (const [i, e] of [...expected].reverse().entries()) {
      if (e.detail) expect(entries[i].detail, e.action).toEqual(e.detail);
      expect(Object.keys(entries[i]).sort()).toEqual(["action", "actor", "createdAt", "detail", "id"]);
    }
    const times = entries.map((e) => Date.parse(e.createdAt));
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(startedAt);
      expect(t).toBeLessThanOrEqual(Date.now() + 1_000);
    }
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(entries.find((e) => e.action === "endpoint.secret_rotated")?.detail).toEqual({ previousSecretExpiresAt: expect.stringMatching(/^\d{4}-/) });
  });

  it("no entry holds a secret, an API key, or anything secret-shaped", async () => {
    const text = JSON.stringify(await audit());
    for (const s of secrets) {
      expect(text).not.toContain(s.slice("whsec_".length));
    }
    expect(text).not.toContain(apiKey.key);
    expect(text).not.toMatch(/whsec_|dsk_[A-Za-z0-9_-]{20}|secretCiphertext|passwordHash|keyHash/);
    // detail as its JSON text on both databases (jsonb on PostgreSQL); every merchant's entries.
    const rows = await db.all<{ detail: string }>(`SELECT CAST("detail" AS TEXT) AS "detail" FROM "AuditEntry"`);
    expect(rows.length).toBeGreaterThanOrEqual(expected.length);
    for (const { detail } of rows) {
      for (const s of secrets) expect(detail).not.toContain(s.slice("whsec_".length));
      expect(detail).not.toContain(apiKey.key);
    }
  });

  it("deleting the endpoint is recorded too (the trail outlives the endpoint)", async () => {
    expect((await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(204);
    expect((await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/audit`)).status).toBe(404);
    const rows = await db.all(`SELECT "actor","action" FROM "AuditEntry" WHERE "endpointId" = ? ORDER BY "createdAt" DESC, "id" DESC`, endpoint.id);
    expect(rows[0]).toEqual({ actor: me(), action: "endpoint.deleted" });
    expect(rows).toHaveLength(expected.length + 1);
  });
});
