// Issue 11, part 5: with a short WEBHOOK_RETENTION the running app removes old events with their
// deliveries and attempts, keeps any event whose delivery is still pending, and answers 404 for a
// removed event. The database (SQLite or PostgreSQL) is read directly to prove the rows are gone, not just hidden.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDeliveries, PLATFORM_TOKEN, publish, sleep, waitFor } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import { startSecureApp, type SecureApp } from "./security-helpers";
import { openTestSql } from "./test-sql";

let app: SecureApp;
let merchant: Merchant;
let ok: Receiver;
let failing: Receiver;

beforeAll(async () => {
  [app, ok, failing] = await Promise.all([
    // Retries an hour out: a failed first attempt keeps its delivery pending for the whole test.
    startSecureApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN, WEBHOOK_RETENTION: "4s", WEBHOOK_RETRY_SCHEDULE: "1h" }),
    startReceiver(),
    startReceiver(),
  ]);
  failing.respondWith({ kind: "status", status: 500 });
  merchant = await app.merchant("Retention Merchant");
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), ok?.close(), failing?.close()]);
});

describe("WEBHOOK_RETENTION", () => {
  it("removes old events, their deliveries and attempts; never one still pending; 404 afterwards", async () => {
    const good = await createEndpoint(merchant.client, { url: ok.url("/ok"), eventTypes: ["checkout_session.completed"] });
    const bad = await createEndpoint(merchant.client, { url: failing.url("/bad"), eventTypes: ["checkout_session.expired"] });
    const old = await publish(app.baseUrl, merchant.id, "checkout_session.completed");
    const stuck = await publish(app.baseUrl, merchant.id, "checkout_session.expired");
    await waitFor("both first attempts", () => ok.requests.length === 1 && failing.requests.length === 1);
    await sleep(200);
    const [oldDelivery] = await allDeliveries(merchant.client, good.id);
    expect(oldDelivery.status).toBe("succeeded");
    expect((await merchant.client.get(`/api/v1/events/${old.id}`)).status).toBe(200);

    const db = await openTestSql(app.databaseUrl);
    try {
      const rows = async (eventId: string) =>
        (await db.get<{ events: number; deliveries: number; attempts: number }>(
          `SELECT (SELECT COUNT(*) FROM "Event" WHERE "id" = ?) AS events,
                  (SELECT COUNT(*) FROM "Delivery" WHERE "eventId" = ?) AS deliveries,
                  (SELECT COUNT(*) FROM "Attempt" a JOIN "Delivery" d ON d."id" = a."deliveryId" WHERE d."eventId" = ?) AS attempts`,
          eventId,
          eventId,
          eventId,
        ))!;
      const attemptIds = (await db.all<{ id: string }>(`SELECT a."id" FROM "Attempt" a JOIN "Delivery" d ON d."id" = a."deliveryId" WHERE d."eventId" = ?`, old.id)).map((r) => r.id);
      expect(await rows(old.id)).toEqual({ events: 1, deliveries: 1, attempts: 1 });
      expect(attemptIds).toHaveLength(1);
      // An hour of the stats rollup from long ago goes too; this hour's stays.
      expect(await db.run(`INSERT INTO "AttemptStat" ("endpointId","merchantId","hour","latencyMs","succeeded","failed") VALUES (?,?,'2020-01-01T00',5,1,0)`, good.id, merchant.id)).toBe(1);
      const statHours = async () => (await db.all<{ hour: string }>(`SELECT "hour" FROM "AttemptStat" WHERE "endpointId" = ?`, good.id)).map((r) => r.hour);
      expect(await statHours()).toContain("2020-01-01T00");

      // Older than 4 s, checked at least every 2 s here.
      await waitFor("the old event to be removed", async () => (await rows(old.id)).events === 0, 12_000, 200);
      expect(await rows(old.id)).toEqual({ events: 0, deliveries: 0, attempts: 0 });
      expect(await db.get(`SELECT COUNT(*) AS n FROM "Attempt" WHERE "id" = ?`, attemptIds[0])).toEqual({ n: 0 });
      await waitFor("the old stats hour to be removed", async () => !(await statHours()).includes("2020-01-01T00"), 5_000, 200);
      const recent = new Date(Date.now() - 3_600_000).toISOString().slice(0, 13);
      const hours = await statHours();
      expect(hours.length).toBeGreaterThan(0); // the recent hours of this endpoint's attempts
      expect(hours.every((h) => h >= recent)).toBe(true);
      const gone = await merchant.client.get(`/api/v1/events/${old.id}`);
      expect(gone.status).toBe(404);
      expect((gone.body as { error: { code: string } }).error.code).toBe("not_found");
      expect(await allDeliveries(merchant.client, good.id)).toEqual([]);

      // Same age, but its delivery waits for a retry: kept, with its attempt.
      expect(await rows(stuck.id)).toEqual({ events: 1, deliveries: 1, attempts: 1 });
      expect((await merchant.client.get(`/api/v1/events/${stuck.id}`)).status).toBe(200);
      expect((await allDeliveries(merchant.client, bad.id)).map((d) => d.status)).toEqual(["retrying"]);

      // A fresh event is untouched; the endpoints themselves are not part of retention.
      const fresh = await publish(app.baseUrl, merchant.id, "checkout_session.completed", 1);
      expect((await merchant.client.get(`/api/v1/events/${fresh.id}`)).status).toBe(200);
      expect((await merchant.client.get(`/api/v1/webhooks/${good.id}`)).status).toBe(200);
      expect(app.logs()).toMatch(/\[retention\] removed \d+ events/);
    } finally {
      await db.close();
    }
  });

  it("Settings shows the period", async () => {
    const page = await merchant.client.get("/settings");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/kept for <strong[^>]*>4 seconds<\/strong>/);
  });
});
