// Isolation and fairness (issue 7): hanging endpoints, on their own hosts or on a host shared with a
// healthy one, and a huge backlog on one endpoint, must not delay anyone else's deliveries. The breaker
// is held off here (threshold 100,000) so what is proven is the scheduling itself: per-endpoint
// connection pools, in-flight capacity sized for I/O waits, round-robin claims.
import { randomBytes, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, PLATFORM_TOKEN, publish, publishMany, sleep, waitFor, webhookId } from "./delivery-helpers";
import { type ReceivedRequest, type Receiver, startReceiver } from "../support/receiver";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import { openTestSql } from "./test-sql";

let app: App;
const receivers: Receiver[] = [];

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

/** Paths that start with /hang never get an answer; everything else gets 200 (optionally after a delay). */
function routeByPath(r: Receiver, delayMs = 0) {
  r.respondWith({
    kind: "custom",
    handle: (request: ReceivedRequest, res: ServerResponse) => {
      if (request.path.startsWith("/hang")) return;
      const answer = () => res.writeHead(200, { "content-type": "application/json" }).end("{}");
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    },
  });
}

/** Publish → first arrival, per event, for the events in `sentAt` that reached `r`. */
function latencies(r: Receiver, sentAt: Map<string, number>): number[] {
  const first = new Map<string, number>();
  for (const request of r.requests) if (!first.has(webhookId(request))) first.set(webhookId(request), request.at);
  return [...sentAt].flatMap(([id, at]) => (first.has(id) ? [first.get(id)! - at] : []));
}

/** Publishes `count` events for `merchant`, one every `everyMs`, remembering when each was sent. */
async function trickle(merchant: Merchant, count: number, everyMs: number, sentAt: Map<string, number>): Promise<void> {
  for (let i = 0; i < count; i++) {
    const at = Date.now();
    const { id } = await publish(app.baseUrl, merchant.id, "checkout_session.expired", i);
    sentAt.set(id, at);
    await sleep(everyMs);
  }
}

beforeAll(async () => {
  app = await startApp({
    PLATFORM_API_TOKEN: PLATFORM_TOKEN,
    WEBHOOK_TIMEOUT_MS: "10000", // hanging attempts hold their sockets the whole real timeout
    WEBHOOK_BREAKER_THRESHOLD: "100000",
  });
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), ...receivers.map((r) => r.close())]);
});

describe("isolation", () => {
  it("a hanging endpoint does not hold back a healthy endpoint on the same host:port (its own connection pool)", async () => {
    const shared = await receiver();
    routeByPath(shared);
    const hanger = await app.merchant("Shared host, hanging");
    const healthy = await app.merchant("Shared host, healthy");
    await createEndpoint(hanger.client, { url: shared.url("/hang/a"), description: "never answers" });
    await createEndpoint(healthy.client, { url: shared.url("/ok/b"), description: "answers at once" });

    await publishMany(app.baseUrl, hanger.id, 300, 25); // 300 attempts that will each hang for 10 s
    const sentAt = new Map<string, number>();
    await trickle(healthy, 100, 20, sentAt);
    await waitFor("the healthy endpoint to get its 100 events", () => latencies(shared, sentAt).length === 100, 15_000);
    const lat = latencies(shared, sentAt);
    console.log("[isolation] shared origin: healthy p50/p95/max (ms)", percentile(lat, 50), percentile(lat, 95), Math.max(...lat));
    expect(percentile(lat, 95)).toBeLessThan(1_000);
  }, 60_000);

  it("five hanging endpoints with a 600-event backlog leave two other merchants' healthy endpoints at p95 < 1 s", async () => {
    const shared = await receiver(); // one hanging and one healthy endpoint share this host
    routeByPath(shared);
    const own = await Promise.all([receiver(), receiver(), receiver(), receiver()]);
    own.forEach((r) => r.respondWith({ kind: "hang" }));
    const lone = await receiver();
    routeByPath(lone);

    const hanger = await app.merchant("Five hanging endpoints");
    for (const r of own) await createEndpoint(hanger.client, { url: r.url("/hang"), description: "own host, hangs" });
    await createEndpoint(hanger.client, { url: shared.url("/hang/shared"), description: "shared host, hangs" });
    const a = await app.merchant("Healthy A");
    const b = await app.merchant("Healthy B");
    await createEndpoint(a.client, { url: shared.url("/ok/a"), description: "shared host, healthy" });
    await createEndpoint(b.client, { url: lone.url("/ok/b"), description: "own host, healthy" });

    const backlog = await publishMany(app.baseUrl, hanger.id, 600, 25);
    expect(backlog.every((p) => p.deliveries === 5)).toBe(true);
    const sentA = new Map<string, number>();
    const sentB = new Map<string, number>();
    await Promise.all([trickle(a, 100, 30, sentA), trickle(b, 100, 30, sentB)]);
    await waitFor("both healthy endpoints to get their 100 events", () => latencies(shared, sentA).length === 100 && latencies(lone, sentB).length === 100, 20_000);
    const lat = [...latencies(shared, sentA), ...latencies(lone, sentB)];
    console.log("[isolation] 5 hanging + backlog: healthy p50/p95/max (ms)", percentile(lat, 50), percentile(lat, 95), Math.max(...lat));
    expect(percentile(lat, 95)).toBeLessThan(1_000);
    // The hanging endpoints really were being tried meanwhile (so they were competing for the worker).
    expect(own.every((r) => r.requests.length > 0)).toBe(true);
  }, 90_000);
});

describe("fair claims", () => {
  it("a 100,000-delivery backlog on one endpoint does not delay a new event for another merchant", async () => {
    const slow = await receiver();
    routeByPath(slow, 100); // answers every request after 100 ms, so the backlog stays due throughout
    const fresh = await receiver();
    routeByPath(fresh);
    const busy = await app.merchant("Backlogged merchant");
    const other = await app.merchant("Fresh merchant");
    const backlogged = await createEndpoint(busy.client, { url: slow.url("/slow"), description: "100k due" });
    await createEndpoint(other.client, { url: fresh.url("/fresh"), description: "one new event" });

    // The backlog goes straight into the database (the intake would take minutes to publish 100,000):
    // due rows older than anything new, as after an outage.
    const sql = await openTestSql(app.databaseUrl);
    const due = new Date(Date.now() - 3_600_000);
    const events: unknown[][] = [];
    const deliveries: unknown[][] = [];
    for (let i = 0; i < 100_000; i++) {
      const id = randomUUID();
      const payload = JSON.stringify({ id, apiVersion: "2023-01-11", created: Date.now(), object: "checkoutSession", type: "checkout_session.expired", data: null });
      events.push([id, busy.id, "checkout_session.expired", payload, false, due]);
      deliveries.push([`dlv_bk_${randomBytes(8).toString("hex")}`, id, backlogged.id, busy.id, "pending", 0, due, due, due]);
    }
    await sql.insertMany("Event", ["id", "merchantId", "type", "payload", "isTest", "createdAt"], events);
    await sql.insertMany("Delivery", ["id", "eventId", "endpointId", "merchantId", "status", "attemptCount", "nextAttemptAt", "createdAt", "updatedAt"], deliveries);
    await sql.close();
    await waitFor("the backlog to start draining", () => slow.requests.length > 50, 10_000);

    const sentAt = new Map<string, number>();
    await trickle(other, 20, 100, sentAt);
    await waitFor("the fresh merchant's 20 events", () => latencies(fresh, sentAt).length === 20, 10_000);
    const lat = latencies(fresh, sentAt);
    console.log("[fairness] 100k backlog: fresh event latency p50/max (ms)", percentile(lat, 50), Math.max(...lat), "backlog sent so far", slow.requests.length);
    expect(Math.max(...lat)).toBeLessThan(1_000);
    expect(slow.requests.length).toBeLessThan(100_000); // the backlog was still there the whole time
  }, 120_000);
});
