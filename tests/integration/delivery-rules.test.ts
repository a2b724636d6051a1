// The delivery engine's rules, through the real intake and real receivers (issue 3): Idempotency-Key,
// event-type filters, disabled endpoints, 410 Gone, Retry-After, auto-disable on a compressed clock,
// the last attempt closing a delivery as failed, and Resend (with tenant isolation).
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allDeliveries,
  eventData,
  getDelivery,
  intake,
  PLATFORM_TOKEN,
  publish,
  sleep,
  verifySigned,
  waitFor,
  webhookId,
  type DeliverySummary,
  type EventType,
} from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { ApiErrorBody, Endpoint } from "./shapes";

const RETRIES = ["300ms", "300ms"]; // three attempts in all
const POLL_MS = 200;
const AUTO_DISABLE_MS = 2_000;
/** Long enough for anything that was going to be sent to have been (a few polls and a retry). */
const QUIET_MS = 1_200;

let app: App;
const receivers: Receiver[] = [];

beforeAll(async () => {
  app = await startApp({
    PLATFORM_API_TOKEN: PLATFORM_TOKEN,
    WEBHOOK_TIMEOUT_MS: "1000",
    WEBHOOK_RETRY_SCHEDULE: RETRIES.join(","),
    WEBHOOK_AUTO_DISABLE_AFTER: "2s",
    WEBHOOK_WORKER_POLL_MS: String(POLL_MS),
    RATE_LIMIT_SIGNUP_IP: "200/3600",
    RATE_LIMIT_LOGIN_IP: "200/60",
  });
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), ...receivers.map((r) => r.close())]);
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

const errorOf = (body: unknown) => (body as ApiErrorBody).error;
const ids = (r: Receiver) => r.requests.map(webhookId);
const getEndpoint = async (m: Merchant, id: string) => (await m.client.get(`/api/v1/webhooks/${id}`)).body as Endpoint;
const patch = async (m: Merchant, id: string, body: unknown) => {
  const res = await m.client.patch(`/api/v1/webhooks/${id}`, body);
  expect(res.status).toBe(200);
  return res.body as Endpoint;
};
const eventCount = async (m: Merchant) => ((await m.client.get("/api/v1/events?limit=100")).body as { data: unknown[] }).data.length;

/** Answers with the statuses in order (then the last one forever), with optional headers per answer. */
function script(r: Receiver, answers: Array<number | { status: number; headers: Record<string, string> }>) {
  let n = 0;
  r.respondWith({
    kind: "custom",
    handle: (_req, res: ServerResponse) => {
      const a = answers[Math.min(n++, answers.length - 1)];
      const { status, headers } = typeof a === "number" ? { status: a, headers: {} } : a;
      res.writeHead(status, { "content-type": "text/plain", ...headers }).end(`answer ${status}`);
    },
  });
}

describe("Idempotency-Key", () => {
  let merchant: Merchant;
  let r: Receiver;

  beforeAll(async () => {
    merchant = await app.merchant("Idempotent Merchant");
    r = await receiver();
    await createEndpoint(merchant.client, { url: r.url() });
  });

  it("the same key and body returns the same event and queues nothing new: the receiver gets one", async () => {
    const key = `order-${randomUUID()}`;
    const body = { merchantId: merchant.id, type: "checkout_session.completed", data: eventData("checkout_session.completed", 1) };
    const first = await intake(app.baseUrl, body, { idempotencyKey: key });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ id: expect.any(String), deliveries: 1 });
    const again = await intake(app.baseUrl, body, { idempotencyKey: key });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    await r.waitForRequests(1);
    await sleep(QUIET_MS);
    expect(ids(r)).toEqual([(first.body as { id: string }).id]);
    expect(await eventCount(merchant)).toBe(1);

    // The key is scoped to the merchant: another merchant's same key is another event.
    const other = await app.merchant("Other Idempotent Merchant");
    const theirs = await intake(app.baseUrl, { ...body, merchantId: other.id }, { idempotencyKey: key });
    expect(theirs.status).toBe(202);
    expect((theirs.body as { id: string }).id).not.toBe((first.body as { id: string }).id);
  });

  it("the same key with a different body is a 409 and creates nothing", async () => {
    const key = `order-${randomUUID()}`;
    const body = { merchantId: merchant.id, type: "checkout_session.expired", data: null };
    expect((await intake(app.baseUrl, body, { idempotencyKey: key })).status).toBe(202);
    const before = await eventCount(merchant);
    for (const changed of [
      { ...body, type: "checkout_session.canceled" },
      { ...body, type: "checkout_session.completed", data: eventData("checkout_session.completed", 2) },
    ]) {
      const res = await intake(app.baseUrl, changed, { idempotencyKey: key });
      expect(res.status).toBe(409);
      expect(errorOf(res.body)).toMatchObject({ code: "conflict", message: expect.stringMatching(/Idempotency-Key/) });
    }
    expect(await eventCount(merchant)).toBe(before);
  });

  it("concurrent requests with one key make one event, one delivery", async () => {
    r.clear();
    const before = await eventCount(merchant);
    const key = `order-${randomUUID()}`;
    const body = { merchantId: merchant.id, type: "checkout_session.completed", data: eventData("checkout_session.completed", 3) };
    const results = await Promise.all(Array.from({ length: 12 }, () => intake(app.baseUrl, body, { idempotencyKey: key })));
    expect(results.map((x) => x.status)).toEqual(Array(12).fill(202));
    const eventIds = new Set(results.map((x) => (x.body as { id: string }).id));
    expect(eventIds.size).toBe(1);
    await r.waitForRequests(1);
    await sleep(QUIET_MS);
    expect(ids(r)).toEqual([...eventIds]);
    expect(await eventCount(merchant)).toBe(before + 1);
  });
});

describe("event-type filters and disabled endpoints", () => {
  let merchant: Merchant;
  const rx: Record<"completedOnly" | "endings" | "all", Receiver> = {} as never;
  const ep: Record<"completedOnly" | "endings" | "all", Endpoint> = {} as never;
  const typesAt = (r: Receiver) => r.requests.map((q) => (JSON.parse(q.body) as { type: string }).type).sort();

  /** Publishes one event of each type; returns the deliveries each was given. */
  async function oneOfEach(): Promise<Record<EventType, number>> {
    const out = {} as Record<EventType, number>;
    for (const type of ["checkout_session.completed", "checkout_session.expired", "checkout_session.canceled"] as const) {
      out[type] = (await publish(app.baseUrl, merchant.id, type)).deliveries;
    }
    return out;
  }

  beforeAll(async () => {
    merchant = await app.merchant("Filtering Merchant");
    for (const name of ["completedOnly", "endings", "all"] as const) {
      rx[name] = await receiver();
      ep[name] = await createEndpoint(merchant.client, { url: rx[name].url(`/${name}`) });
    }
  });

  it("PATCH eventTypes: a filtered endpoint receives only its types; an empty filter receives all", async () => {
    expect((await patch(merchant, ep.completedOnly.id, { eventTypes: ["checkout_session.completed"] })).eventTypes).toEqual(["checkout_session.completed"]);
    expect((await patch(merchant, ep.endings.id, { eventTypes: ["checkout_session.expired", "checkout_session.canceled"] })).eventTypes).toEqual([
      "checkout_session.expired",
      "checkout_session.canceled",
    ]);
    expect((await getEndpoint(merchant, ep.all.id)).eventTypes).toEqual([]);

    expect(await oneOfEach()).toEqual({ "checkout_session.completed": 2, "checkout_session.expired": 2, "checkout_session.canceled": 2 });
    await rx.all.waitForRequests(3);
    await sleep(QUIET_MS);
    expect(typesAt(rx.completedOnly)).toEqual(["checkout_session.completed"]);
    expect(typesAt(rx.endings)).toEqual(["checkout_session.canceled", "checkout_session.expired"]);
    expect(typesAt(rx.all)).toEqual(["checkout_session.canceled", "checkout_session.completed", "checkout_session.expired"]);

    // Clearing the filter means all types again.
    expect((await patch(merchant, ep.completedOnly.id, { eventTypes: [] })).eventTypes).toEqual([]);
    expect(await oneOfEach()).toEqual({ "checkout_session.completed": 2, "checkout_session.expired": 3, "checkout_session.canceled": 3 });
    await rx.completedOnly.waitForRequests(4);
    expect(typesAt(rx.completedOnly)).toEqual(["checkout_session.canceled", "checkout_session.completed", "checkout_session.completed", "checkout_session.expired"]);
  });

  it("a disabled endpoint receives nothing; enabling it again resumes deliveries", async () => {
    await rx.all.waitForRequests(6);
    for (const r of Object.values(rx)) r.clear();
    const disabled = await patch(merchant, ep.all.id, { status: "disabled" });
    expect(disabled).toMatchObject({ status: "disabled", disabledReason: expect.any(String) });
    expect(await getEndpoint(merchant, ep.all.id)).toMatchObject({ status: "disabled" });

    expect(await oneOfEach()).toEqual({ "checkout_session.completed": 1, "checkout_session.expired": 2, "checkout_session.canceled": 2 });
    await rx.endings.waitForRequests(2);
    await rx.completedOnly.waitForRequests(3);
    await sleep(QUIET_MS);
    expect(rx.all.requests).toHaveLength(0);

    expect(await patch(merchant, ep.all.id, { status: "enabled" })).toMatchObject({ status: "enabled", disabledReason: null });
    const { id } = await publish(app.baseUrl, merchant.id, "checkout_session.completed");
    const [request] = await rx.all.waitForRequests(1);
    expect(webhookId(request)).toBe(id);
  });

  it("a retry that comes due after the endpoint was disabled is not sent; the delivery is closed as failed", async () => {
    const r = await receiver();
    const endpoint = await createEndpoint(merchant.client, { url: r.url("/soon-disabled"), eventTypes: ["checkout_session.canceled"] });
    script(r, [{ status: 503, headers: { "retry-after": "2" } }, 200]);
    const { id } = await publish(app.baseUrl, merchant.id, "checkout_session.canceled");
    await r.waitForRequests(1);
    await patch(merchant, endpoint.id, { status: "disabled" });
    await sleep(2_000 + QUIET_MS);
    expect(ids(r)).toEqual([id]);
    const [row] = await allDeliveries(merchant.client, endpoint.id);
    expect(row).toMatchObject({ eventId: id, status: "failed", attempts: 1, lastError: expect.stringMatching(/disabled/i) });
    await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`);
  });
});

describe("410 Gone", () => {
  it("disables the endpoint with the reason, ends that delivery without retries, and nothing more is sent there", async () => {
    const merchant = await app.merchant("Gone Merchant");
    const [gone, fine] = [await receiver(), await receiver()];
    script(gone, [410]);
    const goneEp = await createEndpoint(merchant.client, { url: gone.url("/gone") });
    await createEndpoint(merchant.client, { url: fine.url("/fine") });

    const first = await publish(app.baseUrl, merchant.id, "checkout_session.completed");
    expect(first.deliveries).toBe(2);
    await gone.waitForRequests(1);
    await waitFor("the endpoint to be disabled", async () => (await getEndpoint(merchant, goneEp.id)).status === "disabled", 5_000, 100);
    const endpoint = await getEndpoint(merchant, goneEp.id);
    expect(endpoint.disabledReason).toMatch(/410/);
    const [row] = await allDeliveries(merchant.client, goneEp.id);
    expect(row).toMatchObject({ eventId: first.id, status: "failed", attempts: 1, lastStatusCode: 410 });
    const audit = await merchant.client.get(`/api/v1/webhooks/${goneEp.id}/audit`);
    expect((audit.body as { data: Array<{ actor: string; action: string; detail: { reason?: string } }> }).data).toContainEqual(
      expect.objectContaining({ actor: "system", action: "endpoint.disabled", detail: { reason: endpoint.disabledReason } }),
    );

    const later = await publish(app.baseUrl, merchant.id, "checkout_session.expired");
    expect(later.deliveries).toBe(1); // only the healthy endpoint
    await fine.waitForRequests(2);
    await sleep(QUIET_MS);
    expect(ids(gone)).toEqual([first.id]);
  });
});

describe("Retry-After", () => {
  it("is honoured on 429 and 503: the next attempt comes ~2 s later, not on the 300 ms schedule; other failures follow the schedule", async () => {
    const merchant = await app.merchant("Busy Merchant");
    const [r429, r503, r500] = [await receiver(), await receiver(), await receiver()];
    script(r429, [{ status: 429, headers: { "retry-after": "2" } }, 200]);
    script(r503, [{ status: 503, headers: { "retry-after": "2" } }, 200]);
    script(r500, [{ status: 500, headers: { "retry-after": "2" } }, 200]); // only 429/503 ask for a delay
    const e429 = await createEndpoint(merchant.client, { url: r429.url() });
    await createEndpoint(merchant.client, { url: r503.url() });
    await createEndpoint(merchant.client, { url: r500.url() });

    const { id } = await publish(app.baseUrl, merchant.id, "checkout_session.completed");
    const [[a1, a2], [b1, b2], [c1, c2]] = await Promise.all([r429.waitForRequests(2), r503.waitForRequests(2), r500.waitForRequests(2)]);
    for (const [first, second] of [[a1, a2], [b1, b2]]) {
      expect(second.at - first.at).toBeGreaterThanOrEqual(1_950);
      expect(second.at - first.at).toBeLessThan(2_000 + POLL_MS + 1_500);
      expect(webhookId(second)).toBe(id);
    }
    expect(c2.at - c1.at).toBeLessThan(1_500); // 300 ms ± 20 %, then the next poll
    expect(webhookId(c2)).toBe(id);

    const [row] = await allDeliveries(merchant.client, e429.id);
    const detail = await getDelivery(merchant.client, row.id);
    expect(detail.status).toBe("succeeded");
    expect(detail.attemptLog).toHaveLength(2);
    const firstAttempt = detail.attemptLog[1];
    expect(firstAttempt).toMatchObject({ attemptNumber: 1, errorKind: "http_status", response: { status: 429 } });
    expect(firstAttempt.response?.headers?.["retry-after"]).toBe("2");
  });
});

describe("auto-disable on a compressed clock (WEBHOOK_AUTO_DISABLE_AFTER=2s)", () => {
  it("an endpoint failing continuously is disabled with the reason; its deliveries end failed; re-enabling resumes delivery", async () => {
    const merchant = await app.merchant("Failing Merchant");
    const r = await receiver();
    script(r, [500]);
    const endpoint = await createEndpoint(merchant.client, { url: r.url("/down") });

    // Keep events coming while every attempt fails, until the intake stops queueing for it.
    const started = Date.now();
    const published: string[] = [];
    for (;;) {
      const p = await publish(app.baseUrl, merchant.id, "checkout_session.canceled", published.length);
      if (p.deliveries === 0) break;
      published.push(p.id);
      expect(Date.now() - started).toBeLessThan(15_000);
      await sleep(250);
    }
    const disabledAfter = Date.now() - started;
    expect(disabledAfter).toBeGreaterThanOrEqual(AUTO_DISABLE_MS);
    const disabled = await getEndpoint(merchant, endpoint.id);
    expect(disabled.status).toBe("disabled");
    expect(disabled.disabledReason).toMatch(/failed/i);
    expect(disabled.disabledReason).toMatch(/automatically/i);
    expect(disabled.disabledReason).toMatch(/for 2 seconds/); // the configured period, stated truly (it said "0 minutes")
    expect(disabled.disabledReason).toMatch(/HTTP 500/); // and the last error
    console.log(`[delivery-rules] disabled after ${disabledAfter} ms: ${disabled.disabledReason}`);

    // Every delivery ends failed: those that used their three attempts, and those cut short by the disable.
    let rows: DeliverySummary[] = [];
    await waitFor("every delivery to be closed", async () => {
      rows = await allDeliveries(merchant.client, endpoint.id);
      return rows.every((d) => d.status === "failed");
    }, 10_000, 200);
    expect(rows).toHaveLength(published.length);
    expect(rows.every((d) => d.nextAttemptAt === null && d.completedAt !== null)).toBe(true);
    const exhausted = rows.filter((d) => d.attempts === 1 + RETRIES.length);
    expect(exhausted.length).toBeGreaterThan(0);
    for (const d of exhausted) expect(d).toMatchObject({ status: "failed", lastStatusCode: 500 });
    const detail = await getDelivery(merchant.client, exhausted[0].id);
    expect(detail.attemptLog.map((a) => [a.attemptNumber, a.response?.status, a.errorKind])).toEqual([
      [3, 500, "http_status"],
      [2, 500, "http_status"],
      [1, 500, "http_status"],
    ]);

    // Nothing is sent to it while disabled.
    const sentWhileDisabled = r.requests.length;
    await sleep(QUIET_MS);
    expect(r.requests).toHaveLength(sentWhileDisabled);

    // One PATCH brings it back; it is not disabled again straight away, and deliveries flow.
    script(r, [200]);
    expect(await patch(merchant, endpoint.id, { status: "enabled" })).toMatchObject({ status: "enabled", disabledReason: null });
    const back = await publish(app.baseUrl, merchant.id, "checkout_session.completed");
    expect(back.deliveries).toBe(1);
    await waitFor("the event after re-enabling", () => ids(r).includes(back.id), 5_000, 25);
    verifySigned(r.requests.at(-1)!, endpoint.secret);
    expect((await getEndpoint(merchant, endpoint.id)).status).toBe("enabled");
  }, 60_000);
});

describe("Resend", () => {
  it("POST /api/v1/deliveries/{id}/retry sends a failed delivery again with the same webhook-id; the log shows the extra attempt; another merchant gets 404", async () => {
    const merchant = await app.merchant("Resending Merchant");
    const r = await receiver();
    script(r, [500]);
    const endpoint = await createEndpoint(merchant.client, { url: r.url("/resend") });
    const { id: eventId } = await publish(app.baseUrl, merchant.id, "checkout_session.completed");

    let row: DeliverySummary | undefined;
    await waitFor("the delivery to fail for good", async () => {
      [row] = await allDeliveries(merchant.client, endpoint.id);
      return row?.status === "failed";
    }, 10_000, 100);
    expect(row).toMatchObject({ eventId, attempts: 3, lastStatusCode: 500, nextAttemptAt: null });
    expect(r.requests).toHaveLength(3);
    expect((await getEndpoint(merchant, endpoint.id)).status).toBe("enabled"); // ~1 s of failures, under the 2 s auto-disable

    // Another merchant can neither see nor resend it.
    const stranger = await app.merchant("Stranger");
    expect((await stranger.client.post(`/api/v1/deliveries/${row!.id}/retry`, {})).status).toBe(404);
    expect(errorOf((await stranger.client.get(`/api/v1/deliveries/${row!.id}`)).body).code).toBe("not_found");
    expect((await stranger.client.get(`/api/v1/events/${eventId}`)).status).toBe(404);
    await sleep(QUIET_MS);
    expect(r.requests).toHaveLength(3);

    script(r, [200]);
    const resent = await merchant.client.post(`/api/v1/deliveries/${row!.id}/retry`, {});
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ id: row!.id, status: "pending" });
    const requests = await r.waitForRequests(4);
    expect(new Set(requests.map(webhookId))).toEqual(new Set([eventId]));
    expect(new Set(requests.map((q) => q.body)).size).toBe(1); // the same bytes every time
    verifySigned(requests[3], endpoint.secret);

    let detail = await getDelivery(merchant.client, row!.id);
    await waitFor("the resend to be recorded", async () => (detail = await getDelivery(merchant.client, row!.id)).status === "succeeded", 5_000, 100);
    expect(detail).toMatchObject({ attempts: 4, lastStatusCode: 200 });
    expect(detail.attemptLog.map((a) => [a.attemptNumber, a.response?.status])).toEqual([
      [4, 200],
      [3, 500],
      [2, 500],
      [1, 500],
    ]);
    expect(detail.attemptLog[0].request.headers?.["webhook-id"]).toBe(eventId);

    // Resend works on a delivery that succeeded too.
    expect((await merchant.client.post(`/api/v1/deliveries/${row!.id}/retry`, {})).status).toBe(202);
    await r.waitForRequests(5);
    expect(webhookId(r.requests[4])).toBe(eventId);
    await waitFor("the second resend to be recorded", async () => (await getDelivery(merchant.client, row!.id)).attempts === 5, 5_000, 100);
  }, 30_000);
});
