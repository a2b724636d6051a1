// Issue 11, parts 1 and 2 over real HTTP against real receivers: Recover failed deliveries (dry run,
// validation, recover after the receiver comes back, idempotent second call) and the signature probe
// (a naive receiver like the seed's Express example, and one that verifies with `standardwebhooks`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDeliveries, getDelivery, PLATFORM_TOKEN, publish, sleep, verifySigned, waitFor, webhookId } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { Endpoint } from "./shapes";

let app: App;
let merchant: Merchant;
let receiver: Receiver;

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startApp({
      PLATFORM_API_TOKEN: PLATFORM_TOKEN,
      WEBHOOK_RETRY_SCHEDULE: "200ms", // two attempts, then failed
      WEBHOOK_TIMEOUT_MS: "2000",
      RATE_LIMIT_SIGNATURE_PROBE: "3/60",
    }),
    startReceiver(),
  ]);
  merchant = await app.merchant("Operations Merchant");
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

const recover = (endpointId: string, body: unknown) => merchant.client.post(`/api/v1/webhooks/${endpointId}/recover`, body);
const fieldsOf = (body: unknown) => (body as { error: { code: string; fields?: Record<string, string> } }).error;

describe("POST /api/v1/webhooks/{id}/recover", () => {
  it("dry run counts this endpoint's failed deliveries and sends nothing; Recover sends each again once the receiver is back", async () => {
    receiver.respondWith({ kind: "status", status: 503 });
    const endpoint = await createEndpoint(merchant.client, { url: receiver.url("/recover") });
    const healthy = await startReceiver();
    const other = await createEndpoint(merchant.client, { url: healthy.url("/other") }); // its deliveries succeed: never counted
    try {
      const before = new Date(Date.now() - 1000).toISOString();
      const events = [];
      for (let n = 0; n < 3; n++) events.push(await publish(app.baseUrl, merchant.id, "checkout_session.completed", n));
      // A failed test event is not a real delivery: recover leaves it alone.
      expect((await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {})).status).toBe(200);
      await waitFor("three failed deliveries", async () => (await allDeliveries(merchant.client, endpoint.id, "status=failed")).filter((d) => !d.isTest).length === 3, 15_000);
      await sleep(300);
      const firstBodies = new Map(receiver.requests.map((r) => [webhookId(r), r.body]));
      const sentBefore = receiver.requests.length;
      expect(sentBefore).toBe(3 * 2 + 1);

      const dry = await recover(endpoint.id, { since: before, dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body).toEqual({ count: 3 });
      const dryLater = await recover(endpoint.id, { since: new Date(Date.now() - 100).toISOString(), dryRun: true });
      expect(dryLater.body).toEqual({ count: 0 }); // created before that moment: not counted
      expect((await recover(other.id, { since: before, dryRun: true })).body).toEqual({ count: 0 });
      await sleep(700);
      expect(receiver.requests.length).toBe(sentBefore); // the dry run sent nothing
      expect((await allDeliveries(merchant.client, endpoint.id, "status=failed")).filter((d) => !d.isTest)).toHaveLength(3);

      receiver.respondWith({ kind: "ok" });
      const res = await recover(endpoint.id, { since: before });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ count: 3, recoveryId: expect.any(String) }); // the set it queued: tests/integration/recover-tracking.test.ts
      const all = await receiver.waitForRequests(sentBefore + 3, 10_000);
      const again = all.slice(sentBefore);
      expect(new Set(again.map(webhookId))).toEqual(new Set(events.map((e) => e.id)));
      for (const r of again) {
        expect(r.body).toBe(firstBodies.get(webhookId(r))); // the same bytes
        expect(verifySigned(r, endpoint.secret)).toEqual(JSON.parse(r.body));
      }
      await waitFor("recovered deliveries to succeed", async () => (await allDeliveries(merchant.client, endpoint.id, "status=succeeded")).length === 3);
      for (const d of (await allDeliveries(merchant.client, endpoint.id)).filter((x) => !x.isTest)) {
        const detail = await getDelivery(merchant.client, d.id);
        expect(detail.attemptLog.map((a) => a.errorKind)).toEqual(expect.arrayContaining([null, "http_status", "http_status"]));
        expect(detail.attemptLog).toHaveLength(3); // recorded in its log
      }

      // Safe to call twice: nothing failed since, so nothing is sent again.
      const twice = await recover(endpoint.id, { since: before });
      expect(twice.status).toBe(202);
      expect(twice.body).toEqual({ count: 0, recoveryId: null });
      await sleep(500);
      expect(receiver.requests.length).toBe(sentBefore + 3);

      const progress = await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/recover?since=${encodeURIComponent(before)}`);
      expect(progress.body).toEqual({ pending: 0, failed: 0 });

      const audit = (await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/audit`)).body as { data: Array<{ action: string; actor: string; detail: Record<string, unknown> }> };
      const recovered = audit.data.filter((a) => a.action === "deliveries.recovered");
      expect(recovered.map((a) => a.detail.count)).toEqual([0, 3]);
      expect(recovered[0].actor).toBe(`merchant:${merchant.email}`);
    } finally {
      await healthy.close();
    }
  });

  it("refuses a malformed or future since (422 naming the field) and a missing endpoint (404)", async () => {
    const endpoint = await createEndpoint(merchant.client, { url: receiver.url("/validation") });
    for (const since of ["yesterday", "2026-13-45T00:00:00Z", "", 12345, new Date(Date.now() + 3_600_000).toISOString()]) {
      const res = await recover(endpoint.id, { since, dryRun: true });
      expect(res.status, String(since)).toBe(422);
      expect(fieldsOf(res.body).fields?.since, String(since)).toEqual(expect.any(String));
    }
    expect((await recover(endpoint.id, { dryRun: true })).status).toBe(422);
    expect((await recover(endpoint.id, { since: new Date().toISOString(), dryRun: "yes" })).status).toBe(422);
    expect((await recover("cm0000000000000000000000a", { since: new Date().toISOString() })).status).toBe(404);
    expect((await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/recover?since=nope`)).status).toBe(422);
    // A disabled endpoint: counting works, sending again is refused until it is enabled.
    await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" });
    expect((await recover(endpoint.id, { since: new Date(Date.now() - 60_000).toISOString(), dryRun: true })).status).toBe(200);
    const disabled = await recover(endpoint.id, { since: new Date(Date.now() - 60_000).toISOString() });
    expect(disabled.status).toBe(409);
    expect(fieldsOf(disabled.body).code).toBe("conflict");
    await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`);
  });
});

/** Like the seed document's Express example: parses the JSON and answers 200, never checks a signature. */
function naive(r: Receiver) {
  r.respondWith({
    kind: "custom",
    handle: (req, res) => {
      JSON.parse(req.body);
      res.writeHead(200).end("OK");
    },
  });
}

/** What RECEIVING.md tells merchants to do: verify with `standardwebhooks`, 401 when it does not verify. */
function verifying(r: Receiver, secret: string) {
  r.respondWith({ kind: "verify", verify: (req) => verifySigned(req, secret) });
}

type Probe = { acceptsInvalidSignature: boolean; statusCode: number | null; durationMs: number; checkedAt: string };

describe("POST /api/v1/webhooks/{id}/probe", () => {
  it("a naive receiver accepts the forged request: reported, remembered on the endpoint, listed", async () => {
    const naiveReceiver = await startReceiver();
    naive(naiveReceiver);
    try {
      const endpoint = await createEndpoint(merchant.client, { url: naiveReceiver.url("/naive") });
      expect((await merchant.client.get(`/api/v1/webhooks/${endpoint.id}`)).body).toMatchObject({ signatureCheck: null });
      const res = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/probe`);
      expect(res.status).toBe(200);
      const probe = res.body as Probe;
      expect(probe).toMatchObject({ acceptsInvalidSignature: true, statusCode: 200 });
      expect(probe.durationMs).toEqual(expect.any(Number));
      expect(Date.parse(probe.checkedAt)).toBeGreaterThan(Date.now() - 10_000);

      const [request] = await naiveReceiver.waitForRequests(1);
      const body = JSON.parse(request.body) as { id: string; type: string; data: unknown };
      expect(body.type).toBe("webhook.signature_probe");
      expect(body.type).not.toMatch(/^checkout_session\./);
      expect(body.data).toBeNull();
      expect(request.headers["webhook-id"]).toBe(body.id);
      expect(String(request.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      expect(() => verifySigned(request, endpoint.secret)).toThrow(); // signed with a wrong secret

      const got = (await merchant.client.get(`/api/v1/webhooks/${endpoint.id}`)).body as Endpoint;
      expect(got.signatureCheck).toEqual({ acceptsInvalidSignature: true, checkedAt: probe.checkedAt });
      const listed = ((await merchant.client.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data.find((e) => e.id === endpoint.id);
      expect(listed?.signatureCheck?.acceptsInvalidSignature).toBe(true);
      // Nothing in the delivery log: the probe is not an event.
      expect(await allDeliveries(merchant.client, endpoint.id)).toEqual([]);
      await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`);
    } finally {
      await naiveReceiver.close();
    }
  });

  it("a receiver that verifies with standardwebhooks refuses it (and still accepts real deliveries); rate limited per merchant", async () => {
    const merchant = await app.merchant("Probe Merchant"); // a budget of its own: the limit is per merchant
    const strict = await startReceiver();
    try {
      const endpoint = await createEndpoint(merchant.client, { url: strict.url("/strict") });
      verifying(strict, endpoint.secret);
      const test = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
      expect(test.body).toMatchObject({ delivered: true, statusCode: 200 }); // the verifier is real

      const res = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/probe`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ acceptsInvalidSignature: false, statusCode: 401 });
      const got = (await merchant.client.get(`/api/v1/webhooks/${endpoint.id}`)).body as Endpoint;
      expect(got.signatureCheck).toEqual({ acceptsInvalidSignature: false, checkedAt: (res.body as Probe).checkedAt });

      expect((await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/probe`)).status).toBe(200);
      expect((await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/probe`)).status).toBe(200);
      const limited = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/probe`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(strict.requests.filter((r) => JSON.parse(r.body).type === "webhook.signature_probe")).toHaveLength(3);

      const audit = (await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/audit`)).body as { data: Array<{ action: string }> };
      expect(audit.data.filter((a) => a.action === "endpoint.signature_probed")).toHaveLength(3);
      await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`);
    } finally {
      await strict.close();
    }
  });

  it("an unreachable receiver proves nothing: statusCode null, the last verdict kept", async () => {
    const gone = await startReceiver();
    const endpoint = await createEndpoint(merchant.client, { url: gone.url("/gone") });
    await gone.close();
    const res = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/probe`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ acceptsInvalidSignature: false, statusCode: null });
    expect(((await merchant.client.get(`/api/v1/webhooks/${endpoint.id}`)).body as Endpoint).signatureCheck).toBeNull();
    await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`);
  });
});
