// Issue 11, parts 3 and 4 over real HTTP: custom headers (on the wire of deliveries, tests and probes,
// outside the signed content, encrypted at rest, masked everywhere, reserved names refused) and the
// per-endpoint stats (attempt buckets, success rate, latency percentiles, test sends excluded).
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDeliveries, getDelivery, PLATFORM_TOKEN, publish, sleep, verifySigned, waitFor, webhookId } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { Endpoint } from "./shapes";
import { storedBytes, startSecureApp, type SecureApp } from "./security-helpers";
import { openTestSql, type TestSql } from "./test-sql";

let app: SecureApp;
let merchant: Merchant;
let receiver: Receiver;
let db: TestSql; // the app's database, SQLite or PostgreSQL

const API_KEY = "gw_live_5bX9qTz2mK7vR4sW1nP8";
const MASK = "••••••";

beforeAll(async () => {
  [app, receiver] = await Promise.all([startSecureApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN, WEBHOOK_RETRY_SCHEDULE: "200ms", WEBHOOK_TIMEOUT_MS: "2000" }), startReceiver()]);
  merchant = await app.merchant("Headers Merchant");
  db = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await db?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

const errorOf = (body: unknown) => (body as { error: { code: string; fields?: Record<string, string> } }).error;
const endpointOf = async (id: string) => (await merchant.client.get(`/api/v1/webhooks/${id}`)).body as Endpoint;

describe("custom headers", () => {
  it("go out with every delivery, test and probe; the signature still verifies; values never come back", async () => {
    receiver.clear();
    const created = await createEndpoint(merchant.client, { url: receiver.url("/headers"), headers: { "X-Api-Key": API_KEY, "X-Tenant": "acme" } });
    expect(created.headers).toEqual({ "X-Api-Key": MASK, "X-Tenant": MASK });
    expect((await endpointOf(created.id)).headers).toEqual({ "X-Api-Key": MASK, "X-Tenant": MASK });

    const test = await merchant.client.post(`/api/v1/webhooks/${created.id}/test`, {});
    expect(test.body).toMatchObject({ delivered: true });
    const event = await publish(app.baseUrl, merchant.id, "checkout_session.completed");
    await merchant.client.post(`/api/v1/webhooks/${created.id}/probe`);
    const requests = await receiver.waitForRequests(3);
    for (const r of requests) {
      expect(r.headers["x-api-key"]).toBe(API_KEY);
      expect(r.headers["x-tenant"]).toBe("acme");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["user-agent"]).toMatch(/DashX/);
    }
    const real = requests.find((r) => webhookId(r) === event.id)!;
    // Verified exactly as a merchant would, with every received header passed in: still valid.
    expect(new Webhook(created.secret).verify(real.body, real.headers as Record<string, string>)).toEqual(JSON.parse(real.body));
    expect(verifySigned(requests[0], created.secret)).toBeTruthy();

    // The delivery log shows the names, masked.
    const [delivery] = (await allDeliveries(merchant.client, created.id)).filter((d) => d.eventId === event.id);
    const detail = await getDelivery(merchant.client, delivery.id);
    expect(detail.attemptLog[0].request.headers).toMatchObject({ "X-Api-Key": MASK, "X-Tenant": MASK, "webhook-id": event.id });

    // Never in an answer, the logs or the database (file or rows) in the clear.
    expect(merchant.client.transcript.some((x) => x.text.includes(API_KEY))).toBe(false);
    expect(app.logs()).not.toContain(API_KEY);
    await sleep(200);
    const stored = await storedBytes(app, db);
    expect(stored.some(({ bytes }) => bytes.includes(Buffer.from(created.url)))).toBe(true); // the search sees what is stored
    for (const { file, bytes } of stored) expect(bytes.includes(Buffer.from(API_KEY)), file).toBe(false);
    const page = await merchant.client.get(`/webhooks/${created.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("X-Api-Key");
    expect(page.text).not.toContain(API_KEY);
    await merchant.client.delete(`/api/v1/webhooks/${created.id}`);
  });

  it("PATCH replaces the set; a masked value keeps the saved one; {} removes them all", async () => {
    receiver.clear();
    const created = await createEndpoint(merchant.client, { url: receiver.url("/patch"), headers: { "X-Api-Key": API_KEY, "X-Tenant": "acme" } });
    const patched = await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers: { "X-Api-Key": MASK, "X-Region": "eu" } });
    expect(patched.status).toBe(200);
    expect((patched.body as Endpoint).headers).toEqual({ "X-Api-Key": MASK, "X-Region": MASK });
    await merchant.client.post(`/api/v1/webhooks/${created.id}/test`, {});
    const [first] = await receiver.waitForRequests(1);
    expect(first.headers["x-api-key"]).toBe(API_KEY);
    expect(first.headers["x-region"]).toBe("eu");
    expect(first.headers["x-tenant"]).toBeUndefined();

    const unknownMasked = await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers: { "X-Other": MASK } });
    expect(unknownMasked.status).toBe(422);
    expect(errorOf(unknownMasked.body).fields).toEqual({ "headers.X-Other": "Enter a value" });

    expect(((await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers: {} })).body as Endpoint).headers).toEqual({});
    await merchant.client.post(`/api/v1/webhooks/${created.id}/test`, {});
    const [, second] = await receiver.waitForRequests(2);
    expect(second.headers["x-api-key"]).toBeUndefined();
    expect(second.headers["x-region"]).toBeUndefined();

    const audit = await merchant.client.get(`/api/v1/webhooks/${created.id}/audit`);
    expect(audit.text).toContain("X-Region");
    expect(audit.text).not.toContain(API_KEY);
    expect(audit.text).not.toContain('"eu"');
    await merchant.client.delete(`/api/v1/webhooks/${created.id}`);
  });

  it("refuses reserved names, bad names, bad values and more than 10 (422 naming the field), changing nothing", async () => {
    const created = await createEndpoint(merchant.client, { url: receiver.url("/refused"), headers: { "X-Keep": "kept" } });
    const reserved = ["webhook-id", "Webhook-Signature", "webhook-timestamp", "Webhook-Anything", "Content-Type", "content-length", "Host", "User-Agent", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "TE"];
    for (const name of reserved) {
      for (const send of [
        () => merchant.client.post("/api/v1/webhooks", { url: receiver.url("/x"), headers: { [name]: "v" } }),
        () => merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers: { [name]: "v" } }),
      ]) {
        const res = await send();
        expect(res.status, name).toBe(422);
        expect(errorOf(res.body).fields?.[`headers.${name}`], name).toMatch(/set by DashX/);
      }
    }
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ "X Bad": "v" }, "headers.X Bad"],
      [{ "X-Json:": "v" }, "headers.X-Json:"],
      [{ "": "v" }, "headers."],
      [{ "X-Crlf": "a\r\nX-Injected: 1" }, "headers.X-Crlf"],
      [{ "X-Nonascii": "café" }, "headers.X-Nonascii"],
      [{ "X-Long": "a".repeat(1025) }, "headers.X-Long"],
      [{ "X-Empty": "" }, "headers.X-Empty"],
      [{ "X-Num": 42 }, "headers.X-Num"],
      [{ "X-Dup": "a", "x-dup": "b" }, "headers.x-dup"],
      [Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`X-H${i}`, "v"])), "headers"],
    ];
    for (const [headers, field] of bad) {
      const res = await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers });
      expect(res.status, field).toBe(422);
      expect(Object.keys(errorOf(res.body).fields ?? {}), field).toContain(field);
    }
    expect((await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers: { "X-Max": "a".repeat(1024) } })).status).toBe(200);
    expect((await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers: { "Authorization": "Bearer abc", "X-Keep": "kept" } })).status).toBe(200);
    expect((await endpointOf(created.id)).headers).toEqual({ Authorization: MASK, "X-Keep": MASK });
    expect(((await merchant.client.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data).toHaveLength(1); // no create slipped through
    await merchant.client.delete(`/api/v1/webhooks/${created.id}`);
  });
});

type Stats = { buckets: Array<{ start: string; succeeded: number; failed: number }>; successRate: number | null; p50Ms: number | null; p95Ms: number | null };

function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

describe("GET /api/v1/webhooks/{id}/stats", () => {
  it("counts attempts per hourly (24h) and daily (7d) bucket, test sends excluded, with success rate and p50/p95", async () => {
    const statsReceiver = await startReceiver();
    try {
      const endpoint = await createEndpoint(merchant.client, { url: statsReceiver.url("/stats") });
      const empty = (await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/stats`)).body as Stats;
      expect(empty.buckets).toHaveLength(24);
      expect(empty).toMatchObject({ successRate: null, p50Ms: null, p95Ms: null });

      // One delivery fails twice, then succeeds on Resend: 2 failed + 1 succeeded attempts.
      statsReceiver.respondWith({ kind: "status", status: 500 });
      const failing = await publish(app.baseUrl, merchant.id, "checkout_session.expired");
      await waitFor("the delivery to fail", async () => (await allDeliveries(merchant.client, endpoint.id, "status=failed")).length === 1, 10_000);
      await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {}); // a failed test send: not counted
      statsReceiver.respondWith({ kind: "ok" });
      const [d] = (await allDeliveries(merchant.client, endpoint.id)).filter((x) => x.eventId === failing.id);
      expect((await merchant.client.post(`/api/v1/deliveries/${d.id}/retry`)).status).toBe(202);
      await publish(app.baseUrl, merchant.id, "checkout_session.completed", 1);
      await publish(app.baseUrl, merchant.id, "checkout_session.canceled", 2);
      await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {}); // a successful test send: not counted either
      await waitFor("three succeeded deliveries", async () => (await allDeliveries(merchant.client, endpoint.id, "status=succeeded")).filter((x) => !x.isTest).length === 3, 10_000);

      const durations: number[] = [];
      for (const x of (await allDeliveries(merchant.client, endpoint.id)).filter((y) => !y.isTest)) {
        durations.push(...(await getDelivery(merchant.client, x.id)).attemptLog.map((a) => a.durationMs));
      }
      expect(durations).toHaveLength(5);

      const now = Date.now();
      const day = (await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/stats?window=24h`)).body as Stats;
      expect(day.buckets).toHaveLength(24);
      const hour = 3_600_000;
      expect(day.buckets.map((b) => Date.parse(b.start))).toEqual(Array.from({ length: 24 }, (_, i) => Math.floor(now / hour) * hour - (23 - i) * hour));
      expect(day.buckets.reduce((s, b) => s + b.succeeded, 0)).toBe(3);
      expect(day.buckets.reduce((s, b) => s + b.failed, 0)).toBe(2);
      expect(day.buckets.slice(0, 22).every((b) => b.succeeded + b.failed === 0)).toBe(true); // all of it is this hour (or the last, at a boundary)
      expect(day.successRate).toBeCloseTo(0.6, 10);
      expect(day.p50Ms).toBe(nearestRank(durations, 0.5));
      expect(day.p95Ms).toBe(nearestRank(durations, 0.95));

      const week = (await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/stats?window=7d`)).body as Stats;
      expect(week.buckets).toHaveLength(7);
      const dayMs = 24 * hour;
      expect(Date.parse(week.buckets[6].start)).toBe(Math.floor(now / dayMs) * dayMs);
      expect(Date.parse(week.buckets[0].start)).toBe(Math.floor(now / dayMs) * dayMs - 6 * dayMs);
      expect(week.buckets.reduce((s, b) => s + b.succeeded, 0)).toBe(3);
      expect(week.buckets.reduce((s, b) => s + b.failed, 0)).toBe(2);
      expect(week).toMatchObject({ successRate: day.successRate, p50Ms: day.p50Ms, p95Ms: day.p95Ms });

      expect((await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/stats?window=30d`)).status).toBe(422);
      expect((await merchant.client.get(`/api/v1/webhooks/cm0000000000000000000000a/stats`)).status).toBe(404);
      // The list shows the p95 beside the success rate.
      const list = await merchant.client.get("/webhooks");
      expect(list.text).toContain(`${day.p95Ms} ms`);
      await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`);
    } finally {
      await statsReceiver.close();
    }
  });
});
