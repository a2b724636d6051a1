// Issue 21 §1 over real HTTP: the engine writes a Notification row (the outbox) with each endpoint state
// change, in the transaction that changes it. A real receiver on loopback answering 500 → endpoint.failing
// and one delivery.exhausted row counting every delivery that gave up; a person disabling it through the
// API → endpoint.disabled naming who; enabling it again is silent until the first success, which raises
// endpoint.recovered; a signature probe a naive receiver accepts → endpoint.signature_unverified, once.
// Runs on SQLite and, with TEST_DATABASE=postgres, on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_TOKEN, publish, sleep, waitFor } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, freePort, runScript, type Script, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import { openTestSql, type TestSql } from "./test-sql";

let app: App;
let merchant: Merchant;
let receiver: Receiver;
let sql: TestSql;

// The app's worker and any `npm run worker` process of the test record with the same policy.
const ENGINE_ENV = { WEBHOOK_RETRY_SCHEDULE: "100ms,100ms", WEBHOOK_WORKER_POLL_MS: "100", WEBHOOK_BREAKER_THRESHOLD: "5", WEBHOOK_BREAKER_COOLDOWN: "10m" };

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN, ...ENGINE_ENV }, { port: 3450 }),
    startReceiver(),
  ]);
  merchant = await app.merchant("Notified Merchant");
  sql = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await sql?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

type Row = { type: string; data: Record<string, unknown>; count: number; merchantId: string; dispatchedAt: unknown };

async function notifications(endpointId: string): Promise<Row[]> {
  const rows = await sql.all<Row & { data: unknown }>(
    `SELECT "type", "data", "count", "merchantId", "dispatchedAt" FROM "Notification" WHERE "endpointId" = ? ORDER BY "createdAt", "id"`,
    endpointId,
  );
  // SQLite keeps JSON as text, PostgreSQL as jsonb.
  return rows.map((r) => ({ ...r, data: (typeof r.data === "string" ? JSON.parse(r.data) : r.data) as Record<string, unknown> }));
}
const types = async (endpointId: string) => (await notifications(endpointId)).map((n) => n.type);

describe("the engine's notifications", () => {
  it("failing after 4 errors, exhausted per hour, disabled by a person (who), silent enable, recovered on the first success", async () => {
    receiver.respondWith({ kind: "status", status: 500 });
    const endpoint = await createEndpoint(merchant.client, { url: receiver.url("/orders"), description: "Orders" });
    const healthy = await startReceiver();
    const other = await createEndpoint(merchant.client, { url: healthy.url("/fine") });
    try {
      // Two events, three attempts each, all answered 500: 6 failures in a row, two deliveries give up.
      await publish(app.baseUrl, merchant.id, "checkout_session.completed", 1);
      await publish(app.baseUrl, merchant.id, "checkout_session.completed", 2);
      await waitFor("both deliveries to give up", async () => (await notifications(endpoint.id)).some((n) => n.type === "delivery.exhausted" && n.count === 2), 15_000);
      await sleep(300);
      const rows = await notifications(endpoint.id);
      expect(rows.map((n) => n.type).sort()).toEqual(["delivery.exhausted", "endpoint.failing"]);
      const failing = rows.find((n) => n.type === "endpoint.failing")!;
      // dispatchedAt is not asserted: the app's dispatcher may already have sent it (the outbox row written
      // undispatched with the state is proven by the store conformance suite).
      expect(failing).toMatchObject({ merchantId: merchant.id, count: 1 });
      expect(failing.data).toMatchObject({ endpointId: endpoint.id, url: receiver.url("/orders"), description: "Orders", state: "failing", count: 4, lastError: expect.stringContaining("500") });
      const exhausted = rows.find((n) => n.type === "delivery.exhausted")!;
      expect(exhausted.data.since).toBe(new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString());
      expect(await notifications(other.id)).toEqual([]); // its deliveries succeed: nothing to tell

      // A person disables it: endpoint.disabled with who did it. Disabling again changes nothing.
      expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" })).status).toBe(200);
      expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" })).status).toBe(200);
      const disabled = (await notifications(endpoint.id)).filter((n) => n.type === "endpoint.disabled");
      expect(disabled).toHaveLength(1);
      expect(disabled[0].data).toMatchObject({ actor: `merchant:${merchant.email}`, reason: "Disabled by you", state: "disabled", endpointId: endpoint.id });

      // Enabled again: silent; the first success raises endpoint.recovered, the next nothing.
      receiver.respondWith({ kind: "ok" });
      expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "enabled" })).status).toBe(200);
      expect(await types(endpoint.id)).toHaveLength(3);
      await publish(app.baseUrl, merchant.id, "checkout_session.completed", 3);
      await waitFor("endpoint.recovered", async () => (await types(endpoint.id)).includes("endpoint.recovered"), 10_000);
      await publish(app.baseUrl, merchant.id, "checkout_session.completed", 4);
      await receiver.waitForRequests(8, 10_000);
      await sleep(300);
      const final = await notifications(endpoint.id);
      expect(final.filter((n) => n.type === "endpoint.recovered")).toHaveLength(1);
      expect(final.find((n) => n.type === "endpoint.recovered")!.data).toMatchObject({ state: "ok", url: receiver.url("/orders") });
      expect(await sql.get(`SELECT "alertState", "failedInARow" FROM "Endpoint" WHERE "id" = ?`, endpoint.id)).toEqual({ alertState: "ok", failedInARow: 0 });
    } finally {
      await healthy.close();
    }
  }, 60_000);

  it("a probe finding the receiver accepts forged requests raises endpoint.signature_unverified once, with the verdict", async () => {
    const naive = await startReceiver(); // answers 200 to anything, like the seed's Express example
    try {
      const endpoint = await createEndpoint(merchant.client, { url: naive.url("/naive") });
      for (let i = 0; i < 2; i++) {
        const probe = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/probe`, {});
        expect(probe.status).toBe(200);
        expect(probe.body).toMatchObject({ acceptsInvalidSignature: true });
      }
      const rows = await notifications(endpoint.id);
      expect(rows.map((n) => n.type)).toEqual(["endpoint.signature_unverified"]); // the second verdict is no change
      expect(rows[0].data).toMatchObject({ endpointId: endpoint.id, url: naive.url("/naive"), state: "ok" });
      const verdict = await sql.get<{ accepts: unknown }>(`SELECT "signatureCheckAccepts" AS "accepts" FROM "Endpoint" WHERE "id" = ?`, endpoint.id);
      expect([1, true]).toContain(verdict?.accepts); // SQLite keeps booleans as 1/0

    } finally {
      await naive.close();
    }
  }, 30_000);

  it("three workers (the app's and two `npm run worker` processes) failing one endpoint at once raise one endpoint.failing and one endpoint.paused", async () => {
    const workers: Script[] = [];
    try {
      for (let i = 0; i < 2; i++) workers.push(runScript("scripts/worker.ts", [], { ...ENGINE_ENV, DATABASE_URL: app.databaseUrl, WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" }));
      await waitFor("both workers to start", () => workers.every((w) => w.output().includes("delivering from")), 60_000, 100);
      const refused = `http://127.0.0.1:${await freePort()}/hooks`; // nothing listens: connection refused, which trips the breaker
      const endpoint = await createEndpoint(merchant.client, { url: refused, eventTypes: ["checkout_session.expired"] });
      await Promise.all(Array.from({ length: 30 }, (_, n) => publish(app.baseUrl, merchant.id, "checkout_session.expired", n)));
      await waitFor("the breaker to open", async () => (await types(endpoint.id)).includes("endpoint.paused"), 15_000);
      await sleep(1_000); // attempts still in flight when it opened are recorded too: they raise nothing more
      // (A delivery may give up too on a slow machine; what must hold is one row per endpoint state change.)
      expect((await types(endpoint.id)).filter((t) => t !== "delivery.exhausted").sort()).toEqual(["endpoint.failing", "endpoint.paused"]);
      const row = await sql.get<{ alertState: string; failedInARow: number }>(`SELECT "alertState", "failedInARow" FROM "Endpoint" WHERE "id" = ?`, endpoint.id);
      expect(row?.alertState).toBe("paused");
      expect(row?.failedInARow).toBeGreaterThanOrEqual(5);
    } finally {
      await Promise.all(workers.map((w) => w.kill("SIGKILL")));
    }
  }, 90_000);

  it("another merchant's PATCH cannot disable it and raises nothing", async () => {
    const endpoint = await createEndpoint(merchant.client, { url: receiver.url("/mine") });
    const intruder = await app.merchant("Intruder");
    expect((await intruder.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" })).status).toBe(404);
    expect(await notifications(endpoint.id)).toEqual([]);
    expect(await sql.get(`SELECT "status", "alertState" FROM "Endpoint" WHERE "id" = ?`, endpoint.id)).toEqual({ status: "enabled", alertState: "ok" });
  }, 30_000);
});
