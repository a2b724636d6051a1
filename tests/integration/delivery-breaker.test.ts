// The circuit breaker (issue 7) on real receivers: attempts in a row without an answer pause the
// endpoint; while paused its deliveries are not claimed; each cool-down ends with exactly one probe;
// a success closes it and the rest follow, none lost and none charged an attempt for the pause.
// A successful Send Test Event and re-enabling close it too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDeliveries, PLATFORM_TOKEN, publish, publishMany, sleep, waitFor, webhookId } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type HttpClient } from "./http-client";
import type { Endpoint } from "./shapes";

const BASE_ENV = {
  PLATFORM_API_TOKEN: PLATFORM_TOKEN,
  WEBHOOK_TIMEOUT_MS: "500",
  WEBHOOK_BREAKER_THRESHOLD: "3",
  WEBHOOK_RETRY_SCHEDULE: "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms",
  WEBHOOK_WORKER_POLL_MS: "100",
};

let quick: App; // cool-down 1 s, doubling to 4 s: watch it probe
let slow: App; // cool-down 10 minutes: nothing but the merchant's actions can close it
const receivers: Receiver[] = [];

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

async function health(client: HttpClient, id: string): Promise<Endpoint["health"]> {
  const res = await client.get(`/api/v1/webhooks/${id}`);
  expect(res.status).toBe(200);
  return (res.body as Endpoint).health;
}

beforeAll(async () => {
  [quick, slow] = await Promise.all([
    startApp({ ...BASE_ENV, WEBHOOK_BREAKER_COOLDOWN: "1s", WEBHOOK_BREAKER_MAX_COOLDOWN: "4s" }),
    startApp({ ...BASE_ENV, WEBHOOK_BREAKER_COOLDOWN: "10m" }),
  ]);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([quick?.stop(), slow?.stop(), ...receivers.map((r) => r.close())]);
});

describe("circuit breaker", () => {
  it("opens after 3 timeouts, holds the endpoint's deliveries, probes once per cool-down, closes on success", async () => {
    const r = await receiver();
    let answering = false;
    const answered = new Set<string>();
    r.respondWith({
      kind: "custom",
      handle: (request, res) => {
        if (!answering) return; // hang until the sender times out
        answered.add(webhookId(request));
        res.writeHead(200).end("ok");
      },
    });
    const merchant = await quick.merchant("Breaker merchant");
    const endpoint = await createEndpoint(merchant.client, { url: r.url("/breaker"), description: "hangs, then recovers" });
    expect(endpoint.health).toEqual({ state: "healthy", pausedUntil: null, consecutiveFailures: 0, lastError: null });

    const events = await publishMany(quick.baseUrl, merchant.id, 10, 10);
    await r.waitForRequests(10, 5_000);
    await waitFor("the breaker to open", async () => (await health(merchant.client, endpoint.id)).state === "paused", 5_000);
    const opened = await health(merchant.client, endpoint.id);
    expect(opened.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(opened.lastError).toBe("No response within 0.5 s");
    expect(new Date(opened.pausedUntil!).getTime()).toBeGreaterThan(Date.now());
    const listed = (await merchant.client.get("/api/v1/webhooks")).body as { data: Endpoint[] };
    expect(listed.data[0].health.state).toBe("paused");

    // Without the breaker, 10 deliveries retrying every 200 ms would send dozens of requests in 3.5 s.
    const before = r.requests.length;
    await sleep(3_500);
    const probes = r.requests.slice(before);
    expect(probes.length).toBeGreaterThanOrEqual(1);
    expect(probes.length).toBeLessThanOrEqual(2);
    for (let i = 1; i < probes.length; i++) expect(probes[i].at - probes[i - 1].at).toBeGreaterThan(1_000); // one at a time, a cool-down apart

    answering = true;
    await waitFor("every event to be delivered after the receiver recovers", () => events.every((e) => answered.has(e.id)), 10_000);
    await waitFor("every delivery to succeed", async () => (await allDeliveries(merchant.client, endpoint.id)).every((d) => d.status === "succeeded"), 5_000);
    const deliveries = await allDeliveries(merchant.client, endpoint.id);
    expect(await health(merchant.client, endpoint.id)).toEqual({ state: "healthy", pausedUntil: null, consecutiveFailures: 0, lastError: null });
    // Waiting out the pause cost no attempts: all but the probed deliveries took exactly 2 (the timeout, the success).
    expect(deliveries.filter((d) => d.attempts === 2).length).toBeGreaterThanOrEqual(7);
    expect(deliveries.reduce((sum, d) => sum + d.attempts, 0)).toBe(r.requests.length); // every request is a recorded attempt
  }, 60_000);

  it("connection refused opens it; a successful Send Test Event closes it and the held deliveries go at once", async () => {
    const gone = await receiver();
    const refusedUrl = gone.url("/refused");
    await gone.close(); // nothing listens on that port any more
    const good = await receiver();
    const merchant = await slow.merchant("Refused merchant");
    const endpoint = await createEndpoint(merchant.client, { url: refusedUrl, description: "refuses" });
    for (let i = 0; i < 3; i++) await publish(slow.baseUrl, merchant.id, "checkout_session.canceled", i);
    await waitFor("the breaker to open", async () => (await health(merchant.client, endpoint.id)).state === "paused", 5_000);
    const opened = await health(merchant.client, endpoint.id);
    expect(opened.lastError).toBe("Connection refused: nothing is listening at that address");
    expect(new Date(opened.pausedUntil!).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);

    // The merchant fixes the URL: still paused (the cool-down is 10 minutes), until a test succeeds.
    expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { url: good.url("/fixed") })).status).toBe(200);
    await sleep(500);
    expect(good.requests).toHaveLength(0);
    expect((await health(merchant.client, endpoint.id)).state).toBe("paused");
    const test = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    expect((test.body as { delivered: boolean }).delivered).toBe(true);
    expect((await health(merchant.client, endpoint.id)).state).toBe("healthy");
    await good.waitForRequests(1 + 3, 5_000); // the test event, then the three held deliveries
  }, 60_000);

  it("Resend is not held back by an open breaker: the resent delivery goes now, and its success closes it", async () => {
    const gone = await receiver();
    const refusedUrl = gone.url("/refused-resend");
    await gone.close();
    const good = await receiver();
    const merchant = await slow.merchant("Resend merchant");
    const endpoint = await createEndpoint(merchant.client, { url: refusedUrl, description: "refuses" });
    const events: Awaited<ReturnType<typeof publish>>[] = [];
    for (let i = 0; i < 3; i++) events.push(await publish(slow.baseUrl, merchant.id, "checkout_session.expired", i));
    await waitFor("the breaker to open", async () => (await health(merchant.client, endpoint.id)).state === "paused", 5_000);
    expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { url: good.url("/fixed") })).status).toBe(200);
    await sleep(300);
    expect(good.requests).toHaveLength(0);

    const [oldest] = (await allDeliveries(merchant.client, endpoint.id)).filter((d) => d.eventId === events[0].id);
    expect((await merchant.client.post(`/api/v1/deliveries/${oldest.id}/retry`, {})).status).toBe(202);
    const [first] = await good.waitForRequests(1, 5_000);
    expect(webhookId(first)).toBe(events[0].id); // the resent one went first, while the others were held
    await waitFor("the breaker to close", async () => (await health(merchant.client, endpoint.id)).state === "healthy", 5_000);
    await good.waitForRequests(3, 5_000);
  }, 60_000);

  it("re-enabling a paused endpoint closes its breaker", async () => {
    const gone = await receiver();
    const url = gone.url("/refused-again");
    await gone.close();
    const merchant = await slow.merchant("Re-enable merchant");
    const endpoint = await createEndpoint(merchant.client, { url, description: "refuses" });
    for (let i = 0; i < 3; i++) await publish(slow.baseUrl, merchant.id, "checkout_session.expired", i);
    await waitFor("the breaker to open", async () => (await health(merchant.client, endpoint.id)).state === "paused", 5_000);
    expect((await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" })).status).toBe(200);
    // The PATCH's own answer is read: right after the enable the worker may already resend a due retry to
    // the refusing address, and a GET after that would see its new failure (a race, not a breaker bug).
    const enabled = await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "enabled" });
    expect(enabled.status).toBe(200);
    expect((enabled.body as Endpoint).health).toEqual({ state: "healthy", pausedUntil: null, consecutiveFailures: 0, lastError: null });
  }, 60_000);
});
