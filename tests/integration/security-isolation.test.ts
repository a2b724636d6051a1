// The isolation matrix: every merchant route under app/api/v1 (found by walking the route files, so a new
// route without a row here fails the suite), every method, called by merchant B (with B's session and with
// B's API key) on merchant A's ids, answers 404 exactly as for an id that does not exist, and A's data,
// read back through A's own API, is byte-for-byte unchanged. List routes never show A's rows to B.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type HttpClient, type Merchant } from "./http-client";
import { apiV1Routes } from "./routes";
import type { CreatedEndpoint } from "./shapes";
import { completedData, sleep, startSecureApp, waitFor, type DeliverySummary, type SecureApp } from "./security-helpers";

let app: SecureApp;
let receiver: Receiver;
let a: Merchant;
let b: Merchant;
let bKey: HttpClient;
const ids = { endpoint: "", delivery: "", event: "", testEvent: "", apiKey: "", session: "" };
let aEndpoint: CreatedEndpoint;

/** Which of A's ids each `[id]` route takes, and a body that would do damage if the route trusted the id. */
const MATRIX: Record<string, { id: keyof typeof ids; body?: Record<string, unknown> }> = {
  "GET /api/v1/webhooks/[id]": { id: "endpoint" },
  "PATCH /api/v1/webhooks/[id]": { id: "endpoint", body: { url: "https://93.184.216.34/stolen", description: "owned by B", status: "disabled", eventTypes: ["checkout_session.expired"] } },
  "DELETE /api/v1/webhooks/[id]": { id: "endpoint" },
  "POST /api/v1/webhooks/[id]/test": { id: "endpoint", body: {} },
  "POST /api/v1/webhooks/[id]/secret/rotate": { id: "endpoint", body: {} },
  "GET /api/v1/webhooks/[id]/deliveries": { id: "endpoint" },
  "GET /api/v1/webhooks/[id]/audit": { id: "endpoint" },
  "POST /api/v1/webhooks/[id]/recover": { id: "endpoint", body: { since: "2020-01-01T00:00:00Z" } },
  "GET /api/v1/webhooks/[id]/recover": { id: "endpoint" },
  "POST /api/v1/webhooks/[id]/retry-now": { id: "endpoint", body: { since: "2020-01-01T00:00:00Z" } },
  "POST /api/v1/webhooks/[id]/probe": { id: "endpoint", body: {} },
  "GET /api/v1/webhooks/[id]/stats": { id: "endpoint" },
  "GET /api/v1/deliveries/[id]": { id: "delivery" },
  "POST /api/v1/deliveries/[id]/retry": { id: "delivery", body: {} },
  "GET /api/v1/events/[id]": { id: "event" },
  "DELETE /api/v1/api-keys/[id]": { id: "apiKey" },
  // A's own browser session: were B able to end it, every read of A's snapshot would answer 401.
  "DELETE /api/v1/account/sessions/[id]": { id: "session" },
};
/** Routes a dashboard session only may call (an API key gets 401 before any id is looked at). */
const sessionOnly = (key: string) => key.includes("api-keys") || key.includes("account/sessions");
/** Routes without an id: B's answer must not contain any of A's ids. */
const LISTS = [
  "GET /api/v1/webhooks",
  "GET /api/v1/events",
  "GET /api/v1/api-keys",
  "GET /api/v1/merchant",
  "GET /api/v1/account/sessions",
  // The caller's own inbox, its count and its preferences grid.
  "GET /api/v1/notifications",
  "GET /api/v1/notifications/unread-count",
  "GET /api/v1/notification-settings",
];
/** Routes that take no id and act only on the caller's own account (creates), or the payments core's
 *  intake (platform token, not a merchant route): nothing of A's to aim at. */
const NO_TARGET = [
  "POST /api/v1/events",
  "POST /api/v1/webhooks",
  "POST /api/v1/api-keys",
  // The caller's own account (session only): password, sessions, two-factor.
  "POST /api/v1/account/password",
  "DELETE /api/v1/account/sessions",
  "GET /api/v1/account/two-factor",
  "POST /api/v1/account/two-factor",
  "POST /api/v1/account/two-factor/setup",
  "POST /api/v1/account/two-factor/disable",
  // The caller's own notification settings and operational webhook (one per merchant, no id); mark-read
  // takes ids in its body and scopes them to the caller (notifications-api.test.ts aims A's ids at it).
  "PUT /api/v1/notification-settings",
  "GET /api/v1/operational-webhook",
  "PUT /api/v1/operational-webhook",
  "DELETE /api/v1/operational-webhook",
  "POST /api/v1/operational-webhook/test",
  "POST /api/v1/notifications/read",
  // One-click unsubscribe (no login): the signed token names its own row, a forged one is a 404.
  "GET /api/v1/unsubscribe/[token]",
  "POST /api/v1/unsubscribe/[token]",
];

beforeAll(async () => {
  [app, receiver] = await Promise.all([startSecureApp({ WEBHOOK_RETRY_SCHEDULE: "1h" }), startReceiver()]);
  [a, b] = [await app.merchant("Merchant A"), await app.merchant("Merchant B")];
  aEndpoint = await createEndpoint(a.client, { url: receiver.url("/a"), description: "A's endpoint", eventTypes: [] });
  ids.endpoint = aEndpoint.id;
  const published = await app.intake({ merchantId: a.id, type: "checkout_session.completed", data: completedData() });
  ids.event = (published.body as { id: string }).id;
  ids.delivery = await waitFor(async () => {
    const list = ((await a.client.get(`/api/v1/webhooks/${ids.endpoint}/deliveries`)).body as { data: DeliverySummary[] }).data;
    return list.find((d) => d.eventId === ids.event && d.status === "succeeded")?.id;
  }, "A's delivery to succeed");
  ids.testEvent = ((await a.client.post(`/api/v1/webhooks/${ids.endpoint}/test`, {})).body as { eventId: string }).eventId;
  ids.apiKey = ((await a.client.post("/api/v1/api-keys", { name: "A's key" })).body as { id: string }).id;
  ids.session = ((await a.client.get("/api/v1/account/sessions")).body as { data: Array<{ id: string; current: boolean }> }).data.find((x) => x.current)!.id;
  // B has data of its own, so "empty" is never mistaken for "isolated".
  await createEndpoint(b.client, { url: receiver.url("/b") });
  const key = (await b.client.post("/api/v1/api-keys", { name: "B's key" })).body as { key: string };
  bKey = app.bearer(key.key);
  await sleep(300);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

/** Everything A can see about the objects B will aim at, through A's own API. */
async function snapshotOfA() {
  const get = async (p: string) => {
    const res = await a.client.get(p);
    return { status: res.status, text: res.text };
  };
  return {
    endpoints: await get("/api/v1/webhooks"),
    endpoint: await get(`/api/v1/webhooks/${ids.endpoint}`),
    deliveries: await get(`/api/v1/webhooks/${ids.endpoint}/deliveries`),
    audit: await get(`/api/v1/webhooks/${ids.endpoint}/audit`),
    delivery: await get(`/api/v1/deliveries/${ids.delivery}`),
    event: await get(`/api/v1/events/${ids.event}`),
    events: await get("/api/v1/events"),
    keys: await get("/api/v1/api-keys"),
    received: receiver.requests.filter((r) => r.path === "/a").length,
  };
}

describe("the route inventory", () => {
  const routes = apiV1Routes();
  it("every [id] route has a row in the matrix, and every other route is a list or the intake", () => {
    for (const r of routes) {
      const key = `${r.method} ${r.template}`;
      expect(key in MATRIX || LISTS.includes(key) || NO_TARGET.includes(key), `${key} is not covered by the isolation matrix`).toBe(true);
    }
    expect(Object.keys(MATRIX).every((k) => routes.some((r) => `${r.method} ${r.template}` === k))).toBe(true);
  });
});

describe("B acting on A's ids", () => {
  const cases = Object.entries(MATRIX).flatMap(([key, spec]) => [
    { key, spec, as: "session" as const },
    ...(sessionOnly(key) ? [] : [{ key, spec, as: "api key" as const }]),
  ]);

  it.each(cases.map((c) => [c.key, c.as, c] as const))("%s with B's %s: 404 like a missing id; A unchanged", async (key, as, { spec }) => {
    const [method, template] = key.split(" ");
    const client = as === "session" ? b.client : bKey;
    const before = await snapshotOfA();
    const call = (id: string) =>
      client.request(method, template.replace("[id]", encodeURIComponent(id)), spec.body !== undefined ? { json: spec.body } : {});

    const attack = await call(ids[spec.id]);
    const missing = await call("cm0000000000000000000000a");
    expect(attack.status, key).toBe(404);
    expect(attack.body, key).toEqual(missing.body);
    expect((attack.body as { error: { code: string } }).error.code).toBe("not_found");
    expect(attack.text).not.toContain(ids[spec.id]);

    // Give the worker a moment: a retry or test that slipped through would reach the receiver now.
    if (method !== "GET") await sleep(250);
    expect(await snapshotOfA(), key).toEqual(before);
  });

  it("B's session cannot reach A's test event either (events/{id} with a test event id)", async () => {
    expect((await b.client.get(`/api/v1/events/${ids.testEvent}`)).status).toBe(404);
    expect((await a.client.get(`/api/v1/events/${ids.testEvent}`)).status).toBe(200);
  });
});

describe("B's lists", () => {
  it.each(LISTS.flatMap((key): [string, string][] => [[key, "session"], ...(sessionOnly(key) ? [] : [[key, "api key"] as [string, string]])]))(
    "%s (%s) shows none of A's ids",
    async (key, as) => {
      const client = as === "session" ? b.client : bKey;
      const res = await client.get(key.split(" ")[1]);
      expect(res.status).toBe(200);
      for (const id of [...Object.values(ids), a.id, a.email]) expect(res.text, key).not.toContain(id);
    },
  );

  it("a list cursor pointing into A's data does not reveal it", async () => {
    const event = (await a.client.get(`/api/v1/events/${ids.event}`)).body as { createdAt: string };
    const cursor = Buffer.from(`${new Date(Date.parse(event.createdAt) + 1).toISOString()}|${ids.event}z`).toString("base64url");
    const res = await b.client.get(`/api/v1/events?cursor=${cursor}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(ids.event);
  });

  it("A still sees all of it", async () => {
    expect((await a.client.get(`/api/v1/webhooks/${ids.endpoint}`)).status).toBe(200);
    expect((await a.client.get("/api/v1/api-keys")).text).toContain(ids.apiKey);
    expect(a.client.transcript.concat(b.client.transcript, bKey.transcript).filter((x) => x.status >= 500)).toEqual([]);
  });
});
