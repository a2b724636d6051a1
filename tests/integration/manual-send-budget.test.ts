// Issue 20, security 2 and 3 over real HTTP against real receivers, with the default limits (10 manual
// sends a minute per merchant, 30 per target host): Resend (of a test delivery too), Recover and the
// signature probe spend the same budgets as test sends, and one recover per endpoint runs at a time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDeliveries, type DeliveryDetail, PLATFORM_TOKEN, publish, sleep, waitFor } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import { openTestSql } from "./test-sql";

let app: App;
let receiver: Receiver;

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN, WEBHOOK_RETRY_SCHEDULE: "200ms", WEBHOOK_TIMEOUT_MS: "2000" }),
    startReceiver(),
  ]);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

const onPath = (r: Receiver, path: string) => r.requests.filter((x) => x.path === path).length;
const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

/** One test send to the endpoint, and the id of the test delivery it left in the log. */
async function testDelivery(m: Merchant, endpointId: string): Promise<string> {
  expect((await m.client.post(`/api/v1/webhooks/${endpointId}/test`, {})).status).toBe(200);
  const [d] = (await allDeliveries(m.client, endpointId)).filter((x) => x.isTest);
  return d.id;
}

describe("Resend spends the manual-send budget", () => {
  it("40 resends of a test delivery: at most 10 accepted in all with the test send, the rest 429; each sent once, never retried", async () => {
    const m = await app.merchant("Resend Farmer");
    receiver.respondWith({ kind: "status", status: 500 }); // a failure would be retried if the rules allowed it
    const endpoint = await createEndpoint(m.client, { url: receiver.url("/resend") });
    const id = await testDelivery(m, endpoint.id);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await m.client.post(`/api/v1/deliveries/${id}/retry`, {});
      statuses.push(res.status);
      if (res.status === 429) expect(errorCode(res.body)).toBe("rate_limited");
      if (res.status === 202) await waitFor("the resend to be attempted", async () => (await allDeliveries(m.client, endpoint.id)).every((d) => d.status !== "pending"));
    }
    const accepted = statuses.filter((s) => s === 202).length;
    expect(accepted).toBe(9); // 10 a minute per merchant, one spent by the test send
    expect(statuses.filter((s) => s !== 202).every((s) => s === 429)).toBe(true);
    await sleep(1000); // a retry (200 ms schedule) would have come by now
    expect(onPath(receiver, "/resend")).toBe(1 + accepted);
    receiver.respondWith({ kind: "ok" });
  });

  it("the per-host budget is shared across merchants: three accounts' test sends and resends to one host stop at 30", async () => {
    // `localhost` is a host of its own for the limit (the other tests aim at 127.0.0.1).
    const url = `http://localhost:${receiver.port}/shared-host`;
    let accepted = 0;
    for (const name of ["Host One", "Host Two", "Host Three", "Host Four"]) {
      const m = await app.merchant(name);
      const endpoint = await createEndpoint(m.client, { url });
      const test = await m.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
      if (test.status !== 200) {
        expect(test.status).toBe(429); // the fourth merchant has its own budget left, the host has none
        continue;
      }
      accepted++;
      const [d] = await allDeliveries(m.client, endpoint.id);
      for (let i = 0; i < 12; i++) {
        if ((await m.client.post(`/api/v1/deliveries/${d.id}/retry`, {})).status !== 202) continue;
        accepted++;
        await waitFor("the resend to be attempted", async () => (await allDeliveries(m.client, endpoint.id)).every((x) => x.status !== "pending"));
      }
    }
    expect(accepted).toBe(30);
    await waitFor("every accepted send to arrive", () => onPath(receiver, "/shared-host") >= 30, 15_000);
    await sleep(500);
    expect(onPath(receiver, "/shared-host")).toBe(30);
  });
});

describe("Recover spends the budget and runs once per endpoint at a time", () => {
  it("five rapid recovers of 20 exhausted deliveries: the first 202, the rest 409 or 429; the host receives 20", async () => {
    const m = await app.merchant("Recover Farmer");
    const down = await startReceiver();
    try {
      down.respondWith({ kind: "status", status: 503 });
      const endpoint = await createEndpoint(m.client, { url: down.url("/recover") });
      const since = new Date(Date.now() - 1000).toISOString();
      for (let n = 0; n < 20; n++) await publish(app.baseUrl, m.id, "checkout_session.completed", n);
      await waitFor("20 failed deliveries", async () => (await allDeliveries(m.client, endpoint.id, "status=failed")).length === 20, 20_000);
      await sleep(300);
      const before = down.requests.length;
      down.respondWith({ kind: "ok" });
      const answers = await Promise.all(Array.from({ length: 5 }, () => m.client.post(`/api/v1/webhooks/${endpoint.id}/recover`, { since })));
      const accepted = answers.filter((a) => a.status === 202);
      expect(accepted).toHaveLength(1);
      expect(accepted[0].body).toMatchObject({ count: 20 });
      for (const refused of answers.filter((a) => a.status !== 202)) {
        expect([409, 429]).toContain(refused.status);
        if (refused.status === 409) expect((refused.body as { error: { code: string; message: string } }).error).toMatchObject({ code: "conflict", message: expect.stringMatching(/previous recover/) });
      }
      await waitFor("the recovered deliveries to succeed", async () => (await allDeliveries(m.client, endpoint.id, "status=succeeded")).length === 20, 20_000);
      await sleep(500);
      expect(down.requests.length - before).toBe(20);
      // Once its set has been attempted, the endpoint can be recovered again (nothing left to send).
      const again = await m.client.post(`/api/v1/webhooks/${endpoint.id}/recover`, { since });
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ count: 0 });
    } finally {
      await down.close();
    }
  });
});

describe("The signature probe is budgeted per merchant and per host", () => {
  it("delete + recreate does not buy a fresh probe budget (5 a minute per merchant)", async () => {
    const m = await app.merchant("Probe Farmer");
    const probe = await startReceiver();
    try {
      const first = await createEndpoint(m.client, { url: probe.url("/probe") });
      for (let i = 0; i < 5; i++) expect((await m.client.post(`/api/v1/webhooks/${first.id}/probe`)).status).toBe(200);
      expect((await m.client.post(`/api/v1/webhooks/${first.id}/probe`)).status).toBe(429);
      expect((await m.client.delete(`/api/v1/webhooks/${first.id}`)).status).toBe(204);
      const second = await createEndpoint(m.client, { url: probe.url("/probe") });
      const res = await m.client.post(`/api/v1/webhooks/${second.id}/probe`);
      expect(res.status).toBe(429);
      expect(errorCode(res.body)).toBe("rate_limited");
      expect(onPath(probe, "/probe")).toBe(5);
    } finally {
      await probe.close();
    }
  });
});

describe("GET /api/v1/deliveries/{id} bounds its attempts", () => {
  it("45 attempts: the newest 20, then 20 older through nextAttemptCursor, then the last 5 and a null cursor", async () => {
    const m = await app.merchant("Many Attempts");
    const endpoint = await createEndpoint(m.client, { url: receiver.url("/many") });
    await publish(app.baseUrl, m.id, "checkout_session.completed");
    await waitFor("the delivery to succeed", async () => (await allDeliveries(m.client, endpoint.id, "status=succeeded")).length === 1);
    const [d] = await allDeliveries(m.client, endpoint.id);
    // 44 more attempts on record: what years of Resend could leave (each Resend is budgeted now).
    const sql = await openTestSql(app.databaseUrl);
    try {
      const rows = Array.from({ length: 44 }, (_, i) => [`att_many_${String(i + 2).padStart(2, "0")}`, d.id, i + 2, "{}", 500, "{}", "no", 5, "http_status", "HTTP 500", new Date()]);
      await sql.insertMany("Attempt", ["id", "deliveryId", "attemptNumber", "requestHeaders", "responseStatus", "responseHeaders", "responseBody", "durationMs", "errorKind", "errorMessage", "createdAt"], rows);
    } finally {
      await sql.close();
    }
    const page = async (cursor?: string) => {
      const res = await m.client.get(`/api/v1/deliveries/${d.id}${cursor ? `?attemptsCursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      return res.body as DeliveryDetail & { nextAttemptCursor: string | null };
    };
    const first = await page();
    expect(first).toMatchObject({ id: d.id, status: "succeeded", eventId: d.eventId });
    expect(first.attemptLog.map((a) => a.attemptNumber)).toEqual(Array.from({ length: 20 }, (_, i) => 45 - i));
    expect(first.nextAttemptCursor).toEqual(expect.any(String));
    const second = await page(first.nextAttemptCursor!);
    expect(second.attemptLog.map((a) => a.attemptNumber)).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i));
    const last = await page(second.nextAttemptCursor!);
    expect(last.attemptLog.map((a) => a.attemptNumber)).toEqual([5, 4, 3, 2, 1]);
    expect(last.nextAttemptCursor).toBeNull();
    expect((await m.client.get(`/api/v1/deliveries/${d.id}?attemptsCursor=nope`)).status).toBe(422);
  });
});
