// Issue 20, merchant item 2 over real HTTP: Recover and Retry now track exactly the set they queued
// (GET .../recover?recovery=<id> counts sent, failed again and pending over that set only, and finishes
// even while other deliveries of the endpoint keep retrying), and Retry now spends the manual-send budget.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDeliveries, PLATFORM_TOKEN, type Published, publish, sleep, waitFor, webhookId } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";

let app: App;
let merchant: Merchant;
let receiver: Receiver;

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startApp({
      PLATFORM_API_TOKEN: PLATFORM_TOKEN,
      WEBHOOK_RETRY_SCHEDULE: "200ms,1h", // two quick attempts, then a third an hour later, then failed
      WEBHOOK_TIMEOUT_MS: "2000",
      RATE_LIMIT_TEST_EVENT: "4/60",
    }),
    startReceiver(),
  ]);
  merchant = await app.merchant("Recover Tracking Merchant");
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

type Progress = { recoveryId: string; total: number; sent: number; failed: number; pending: number; finished: boolean };
const post = (m: Merchant, endpointId: string, op: "recover" | "retry-now", body: unknown) => m.client.post(`/api/v1/webhooks/${endpointId}/${op}`, body);
const progressOf = async (m: Merchant, endpointId: string, recoveryId: string) => {
  const res = await m.client.get(`/api/v1/webhooks/${endpointId}/recover?recovery=${encodeURIComponent(recoveryId)}`);
  expect(res.status, res.text).toBe(200);
  return res.body as Progress;
};
const waiting = async (m: Merchant, endpointId: string) =>
  (await allDeliveries(m.client, endpointId)).filter((d) => !d.isTest && d.status === "retrying" && d.attempts === 2 && d.nextAttemptAt !== null && Date.parse(d.nextAttemptAt) > Date.now() + 60_000);

describe("Retry now and Recover track exactly the set they queued", () => {
  it("Retry now moves waiting deliveries forward; its progress ends '2 sent, 1 failed again' while a newer delivery keeps retrying", async () => {
    receiver.respondOn("/track", { kind: "status", status: 503 });
    const endpoint = await createEndpoint(merchant.client, { url: receiver.url("/track") });
    const since = new Date(Date.now() - 1000).toISOString();
    const events: Published[] = [];
    for (let n = 0; n < 3; n++) events.push(await publish(app.baseUrl, merchant.id, "checkout_session.completed", n));
    await waitFor("three deliveries waiting an hour for their third attempt", async () => (await waiting(merchant, endpoint.id)).length === 3, 15_000);

    // Recover leaves them alone (none has failed for good); Retry now counts them, sending nothing.
    expect((await post(merchant, endpoint.id, "recover", { since, dryRun: true })).body).toEqual({ count: 0 });
    const dry = await post(merchant, endpoint.id, "retry-now", { since, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ count: 3 });
    const sentBefore = receiver.requests.length;
    await sleep(300);
    expect(receiver.requests.length).toBe(sentBefore);

    // Two of them will be accepted, one refused again; a newer event keeps failing and retrying meanwhile.
    const refused = events[2].id;
    receiver.respondOn("/track", { kind: "custom", handle: (r, res) => res.writeHead(webhookId(r) === refused || !events.some((e) => e.id === webhookId(r)) ? 500 : 200).end() });
    const res = await post(merchant, endpoint.id, "retry-now", { since });
    expect(res.status).toBe(202);
    const started = res.body as { count: number; recoveryId: string };
    expect(started).toEqual({ count: 3, recoveryId: expect.any(String) });
    const newer = await publish(app.baseUrl, merchant.id, "checkout_session.completed", 9);

    await waitFor("the recovery to finish", async () => (await progressOf(merchant, endpoint.id, started.recoveryId)).finished, 15_000);
    expect(await progressOf(merchant, endpoint.id, started.recoveryId)).toEqual({ recoveryId: started.recoveryId, total: 3, sent: 2, failed: 1, pending: 0, finished: true });
    const resent = receiver.requests.slice(sentBefore).map(webhookId);
    for (const e of events) expect(resent.filter((id) => id === e.id)).toHaveLength(1); // each moved forward once
    // The older, time-based progress still counts every pending delivery since then: the newer one keeps it from ever reaching 0.
    await waitFor("the newer delivery to be attempted", () => receiver.requests.some((r) => webhookId(r) === newer.id));
    const bySince = await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/recover?since=${encodeURIComponent(since)}`);
    expect((bySince.body as { pending: number }).pending).toBeGreaterThanOrEqual(1);

    // Of all that, only the newer one waits on a retry now (an hour away, after its two quick attempts):
    // a second Retry now moves exactly that one, and tracks it as a set of its own.
    await waitFor("the newer delivery to wait on its hour-long retry", async () => (await waiting(merchant, endpoint.id)).some((d) => d.eventId === newer.id), 10_000);
    const again = await post(merchant, endpoint.id, "retry-now", { since });
    expect(again.status).toBe(202);
    const second = again.body as { count: number; recoveryId: string };
    expect(second).toEqual({ count: 1, recoveryId: expect.any(String) });
    await waitFor("the second set to finish", async () => (await progressOf(merchant, endpoint.id, second.recoveryId)).finished, 10_000);
    // Its third attempt was its last: failed again.
    expect(await progressOf(merchant, endpoint.id, second.recoveryId)).toMatchObject({ total: 1, sent: 0, failed: 1, pending: 0 });
    const audit = (await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/audit`)).body as { data: Array<{ action: string; detail: Record<string, unknown> }> };
    expect(audit.data.filter((a) => a.action === "deliveries.retried_now").map((a) => a.detail.count)).toEqual([1, 3]);

    // The two that failed for good are Recover's: tracked as a third set, exactly those two.
    receiver.respondOn("/track", { kind: "ok" });
    await waitFor("both to be failed", async () => (await allDeliveries(merchant.client, endpoint.id, "status=failed")).length === 2, 10_000);
    const recovered = await post(merchant, endpoint.id, "recover", { since });
    expect(recovered.status).toBe(202);
    const set = recovered.body as { count: number; recoveryId: string };
    expect(set.count).toBe(2);
    expect(new Set([started.recoveryId, second.recoveryId, set.recoveryId]).size).toBe(3);
    await waitFor("the recover to finish", async () => (await progressOf(merchant, endpoint.id, set.recoveryId)).finished, 15_000);
    expect(await progressOf(merchant, endpoint.id, set.recoveryId)).toMatchObject({ total: 2, sent: 2, failed: 0, pending: 0 });
    // A set's counts follow its deliveries as they are now: the earlier sets read as delivered too.
    expect(await progressOf(merchant, endpoint.id, second.recoveryId)).toMatchObject({ total: 1, sent: 1, failed: 0 });
    expect(await progressOf(merchant, endpoint.id, started.recoveryId)).toMatchObject({ total: 3, sent: 3, failed: 0 });
  });

  it("a recovery id is scoped: another endpoint's or merchant's id is a 404, a malformed query a 422; nothing queued means no recovery", async () => {
    const merchant = await app.merchant("Scoped Merchant");
    const endpoint = await createEndpoint(merchant.client, { url: receiver.url("/scoped") });
    const other = await createEndpoint(merchant.client, { url: receiver.url("/scoped-other") });
    const since = new Date(Date.now() - 1000).toISOString();
    const none = await post(merchant, endpoint.id, "recover", { since });
    expect(none.status).toBe(202);
    expect(none.body).toEqual({ count: 0, recoveryId: null });

    receiver.respondOn("/scoped", { kind: "status", status: 503 });
    await publish(app.baseUrl, merchant.id, "checkout_session.expired", 1);
    await waitFor("one delivery waiting on its retry", async () => (await waiting(merchant, endpoint.id)).length === 1, 15_000);
    receiver.respondOn("/scoped", { kind: "ok" });
    const started = (await post(merchant, endpoint.id, "retry-now", { since })).body as { count: number; recoveryId: string };
    expect(started.count).toBe(1);
    await waitFor("finished", async () => (await progressOf(merchant, endpoint.id, started.recoveryId)).finished, 10_000);
    expect(await progressOf(merchant, endpoint.id, started.recoveryId)).toMatchObject({ total: 1, sent: 1, failed: 0, pending: 0 });

    expect((await merchant.client.get(`/api/v1/webhooks/${other.id}/recover?recovery=${started.recoveryId}`)).status).toBe(404);
    const stranger = await app.merchant("Stranger");
    const theirs = await createEndpoint(stranger.client, { url: receiver.url("/stranger") });
    expect((await stranger.client.get(`/api/v1/webhooks/${theirs.id}/recover?recovery=${started.recoveryId}`)).status).toBe(404);
    expect((await stranger.client.get(`/api/v1/webhooks/${endpoint.id}/recover?recovery=${started.recoveryId}`)).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/webhooks/${endpoint.id}/retry-now`, { since })).status).toBe(404);
    expect((await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/recover?recovery=`)).status).toBe(422);
    expect((await post(merchant, endpoint.id, "retry-now", { since: "yesterday" })).status).toBe(422);
    expect((await post(merchant, endpoint.id, "retry-now", { since, extra: 1 })).status).toBe(422);
  });

  it("Retry now spends the same per-merchant manual-send budget as test sends and Recover", async () => {
    const m = await app.merchant("Retry Now Budget");
    const endpoint = await createEndpoint(m.client, { url: receiver.url("/budget") });
    const since = new Date(Date.now() - 1000).toISOString();
    expect((await m.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {})).status).toBe(200);
    expect((await post(m, endpoint.id, "recover", { since })).status).toBe(202);
    expect((await post(m, endpoint.id, "retry-now", { since })).status).toBe(202);
    expect((await post(m, endpoint.id, "retry-now", { since })).status).toBe(202); // the 4th of 4 a minute
    const spent = await post(m, endpoint.id, "retry-now", { since });
    expect(spent.status).toBe(429);
    expect((await m.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {})).status).toBe(429); // one budget
    expect((await post(m, endpoint.id, "retry-now", { since, dryRun: true })).status).toBe(200); // counting is free
  });
});
