// Send Test Event through the real app to a real receiver: what a merchant's server sees on the wire
// (DESIGN §2 and §3) and what the API reports back.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ReceivedRequest, type Receiver, startReceiver } from "../support/receiver";
import { type App, freePort, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { ApiErrorBody, CreatedEndpoint, TestResult } from "./shapes";

const TIMEOUT_MS = 2_000; // the app's WEBHOOK_TIMEOUT_MS here, so the "hang" case is quick
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ENVELOPE_KEYS = ["id", "apiVersion", "created", "object", "type", "data"];
const SESSION_KEYS = [
  "id",
  "createdAt",
  "amountTotal",
  "currency",
  "status",
  "customer_id",
  "transaction_hash",
  "payment_link_id",
  "payment_link_title",
  "from_address",
  "updatedAt",
];

let app: App;
let receiver: Receiver;
let other: Receiver;
let merchant: Merchant;
let endpoint: CreatedEndpoint;
const secrets: string[] = [];

beforeAll(async () => {
  // One merchant sends more than the default 10 test events a minute here; the limit itself is proven in
  // security-rate-limits.test.ts and security-abuse.test.ts.
  [app, receiver, other] = await Promise.all([startApp({ WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS), RATE_LIMIT_TEST_EVENT: "100/60" }), startReceiver(), startReceiver()]);
  merchant = await app.merchant("Test Event Merchant");
  endpoint = await createEndpoint(merchant.client, { url: receiver.url("/webhooks/dashx"), description: "Local receiver" });
  secrets.push(endpoint.secret);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close(), other?.close()]);
});

beforeEach(() => {
  receiver.clear();
  other.clear();
  receiver.respondWith({ kind: "ok" });
});

async function sendTest(endpointId: string, body?: { type?: string }): Promise<{ status: number; result: TestResult }> {
  const res = await merchant.client.post(`/api/v1/webhooks/${endpointId}/test`, body ?? {});
  return { status: res.status, result: res.body as TestResult };
}

/** The checks every delivery must pass, whatever its type. */
function expectSignedDelivery(request: ReceivedRequest, secret: string, sentAfterSec: number) {
  expect(request.method).toBe("POST");
  expect(request.path).toBe("/webhooks/dashx");
  expect(request.headers["content-type"]).toBe("application/json");
  expect(request.headers["user-agent"]).toMatch(/DashX/);
  const body = JSON.parse(request.body) as { id: string };
  expect(request.headers["webhook-id"]).toBe(body.id);
  const timestamp = Number(request.headers["webhook-timestamp"]);
  expect(request.headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
  expect(timestamp).toBeGreaterThanOrEqual(sentAfterSec - 1);
  expect(timestamp).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 1);
  expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=( v1,[A-Za-z0-9+/]{43}=)*$/);
  // What a merchant does: verify the raw body with the secret from create.
  const verified = new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  });
  expect(verified).toEqual(JSON.parse(request.body));
}

describe("Send Test Event to a receiver that answers 200", () => {
  it("checkout_session.completed: signed, the full checkout session, reported as delivered", async () => {
    const sentAfter = Math.floor(Date.now() / 1000);
    const { status, result } = await sendTest(endpoint.id, { type: "checkout_session.completed" });
    expect(status).toBe(200);
    expect(result).toMatchObject({ delivered: true, statusCode: 200, error: null, responseBody: '{"received":true}' });
    expect(result.durationMs).toEqual(expect.any(Number));
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThan(TIMEOUT_MS);

    const [request] = await receiver.waitForRequests(1);
    expect(receiver.requests).toHaveLength(1);
    expectSignedDelivery(request, endpoint.secret, sentAfter);
    expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(1); // no rotation yet: one signature
    const body = JSON.parse(request.body) as Record<string, unknown> & { data: { object: Record<string, unknown> } };
    expect(Object.keys(body)).toEqual(ENVELOPE_KEYS);
    expect(body).toMatchObject({ apiVersion: "2023-01-11", object: "checkoutSession", type: "checkout_session.completed" });
    expect(body.id).toMatch(UUID_V4);
    expect(result.eventId ?? body.id).toBe(body.id);
    expect(Number.isInteger(body.created)).toBe(true);
    expect(body.created).toBeGreaterThanOrEqual(sentAfter * 1000 - 1000);
    expect(body.created).toBeLessThanOrEqual(Date.now());
    expect(Object.keys(body.data)).toEqual(["object"]);
    expect(Object.keys(body.data.object)).toEqual(SESSION_KEYS);
    const session = body.data.object;
    expect(session.amountTotal).toEqual(expect.stringMatching(/^\d+(\.\d+)?$/));
    expect(request.body).toMatch(/"amountTotal":"\d+(\.\d+)?"/); // a string on the wire, never a float
    for (const key of ["id", "createdAt", "currency", "status", "updatedAt"]) expect(session[key]).toEqual(expect.any(String));
    for (const key of ["customer_id", "transaction_hash", "payment_link_id", "payment_link_title", "from_address"]) {
      expect(session[key] === null || typeof session[key] === "string").toBe(true);
    }
    expect(Number.isNaN(Date.parse(String(session.createdAt)))).toBe(false);
  });

  it.each(["checkout_session.expired", "checkout_session.canceled"])('%s: signed, with "data": null', async (type) => {
    const sentAfter = Math.floor(Date.now() / 1000);
    const { status, result } = await sendTest(endpoint.id, { type });
    expect(status).toBe(200);
    expect(result).toMatchObject({ delivered: true, statusCode: 200, error: null });
    const [request] = await receiver.waitForRequests(1);
    expectSignedDelivery(request, endpoint.secret, sentAfter);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(ENVELOPE_KEYS);
    expect(body).toMatchObject({ apiVersion: "2023-01-11", object: "checkoutSession", type, data: null });
    expect(body.id).toMatch(UUID_V4);
    expect(request.body).toMatch(/"data":null\}$/);
  });

  it("defaults to checkout_session.completed, and every test event has a new id", async () => {
    await sendTest(endpoint.id);
    await sendTest(endpoint.id);
    const [first, second] = await receiver.waitForRequests(2);
    expect((JSON.parse(first.body) as { type: string }).type).toBe("checkout_session.completed");
    expect(first.headers["webhook-id"]).not.toBe(second.headers["webhook-id"]);
  });

  it("refuses an unknown type with 422 and sends nothing", async () => {
    const res = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, { type: "checkout_session.refunded" });
    expect(res.status).toBe(422);
    expect((res.body as ApiErrorBody).error.fields?.type).toEqual(expect.any(String));
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("Send Test Event failures", () => {
  it("a 500 answer: delivered false, statusCode 500", async () => {
    receiver.respondWith({ kind: "status", status: 500 });
    const { status, result } = await sendTest(endpoint.id);
    expect(status).toBe(200);
    expect(result).toMatchObject({ delivered: false, statusCode: 500, responseBody: "receiver answered 500" });
    expect(result.error).toEqual(expect.any(String));
    expect(result.errorKind).toBe("http_status");
    expect(receiver.requests).toHaveLength(1); // a test event is sent once, not retried
  });

  it("a closed port: delivered false, connection_refused", async () => {
    const closedPort = await freePort();
    const closed = await createEndpoint(merchant.client, { url: `http://127.0.0.1:${closedPort}/webhooks` });
    secrets.push(closed.secret);
    const { status, result } = await sendTest(closed.id);
    expect(status).toBe(200);
    expect(result).toMatchObject({ delivered: false, statusCode: null, errorKind: "connection_refused" });
    expect(result.error).toEqual(expect.any(String));
    await merchant.client.delete(`/api/v1/webhooks/${closed.id}`);
  });

  it("a 302 redirect is not followed: failure, and the redirect target receives nothing", async () => {
    receiver.respondWith({ kind: "redirect", location: other.url("/stolen") });
    const { result } = await sendTest(endpoint.id);
    expect(result).toMatchObject({ delivered: false, statusCode: 302 });
    expect(receiver.requests).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(other.requests).toHaveLength(0);
  });

  it("a receiver that never answers: delivered false, timeout, after about WEBHOOK_TIMEOUT_MS", async () => {
    receiver.respondWith({ kind: "hang" });
    const started = Date.now();
    const { status, result } = await sendTest(endpoint.id);
    expect(status).toBe(200);
    expect(result).toMatchObject({ delivered: false, statusCode: null, errorKind: "timeout" });
    expect(result.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 5_000);
  });

  it("a disabled endpoint can still be tested (that is how a merchant checks a fix)", async () => {
    await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "disabled" });
    try {
      const { result } = await sendTest(endpoint.id);
      expect(result).toMatchObject({ delivered: true, statusCode: 200 });
    } finally {
      await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { status: "enabled" });
    }
  });
});

describe("secret rotation", () => {
  it("signs with both the new and the old secret, space separated; either verifies", async () => {
    const rotated = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/secret/rotate`, {});
    expect(rotated.status).toBe(200);
    const { secret: newSecret, previousSecretExpiresAt } = rotated.body as { secret: string; previousSecretExpiresAt: string };
    secrets.push(newSecret);
    expect(newSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(newSecret).not.toBe(endpoint.secret);
    const overlapHours = (Date.parse(previousSecretExpiresAt) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);

    const sentAfter = Math.floor(Date.now() / 1000);
    const { result } = await sendTest(endpoint.id);
    expect(result.delivered).toBe(true);
    const [request] = await receiver.waitForRequests(1);
    const signatures = String(request.headers["webhook-signature"]).split(" ");
    expect(signatures).toHaveLength(2);
    for (const s of signatures) expect(s).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expectSignedDelivery(request, newSecret, sentAfter);
    expectSignedDelivery(request, endpoint.secret, sentAfter);
    const stranger = "whsec_" + Buffer.alloc(24, 1).toString("base64");
    expect(() =>
      new Webhook(stranger).verify(request.body, {
        "webhook-id": String(request.headers["webhook-id"]),
        "webhook-timestamp": String(request.headers["webhook-timestamp"]),
        "webhook-signature": String(request.headers["webhook-signature"]),
      }),
    ).toThrow();
  });
});

describe("after all that", () => {
  it("the delivery log lists the test sends, newest first, with their outcomes", async () => {
    const res = await merchant.client.get(`/api/v1/webhooks/${endpoint.id}/deliveries`);
    expect(res.status).toBe(200);
    const { data } = res.body as { data: { id: string; eventId: string; isTest: boolean; status: string; lastStatusCode: number | null; createdAt: string }[] };
    expect(data.length).toBeGreaterThanOrEqual(8);
    expect(data.every((d) => d.isTest)).toBe(true);
    const times = data.map((d) => Date.parse(d.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(data.map((d) => d.status)).toEqual(expect.arrayContaining(["succeeded", "failed"]));
    for (const d of data.slice(0, 3)) expect((await merchant.client.get(`/api/v1/deliveries/${d.id}`)).status).toBe(200);
  });

  it("the secret never appeared in a later API response nor in the server's output", () => {
    for (const secret of secrets) {
      const key = secret.slice("whsec_".length);
      const containing = merchant.client.transcript.filter((x) => x.text.includes(key));
      expect(containing).toHaveLength(1);
      // The one response that carried it: the create (201) or the rotation (200) that issued it.
      expect([
        { method: "POST", path: "/api/v1/webhooks", status: 201 },
        { method: "POST", path: `/api/v1/webhooks/${endpoint.id}/secret/rotate`, status: 200 },
      ]).toContainEqual({ method: containing[0].method, path: containing[0].path, status: containing[0].status });
      expect(app.logs()).not.toContain(key);
    }
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    // The delivery log shows request headers: the signature yes, the secret no.
    expect(merchant.client.transcript.some((x) => x.path.includes("/deliveries"))).toBe(true);
  });
});
