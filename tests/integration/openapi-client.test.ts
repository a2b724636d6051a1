// The typed client (lib/client, openapi-fetch over the types generated from docs/openapi.json) drives the
// real app with a merchant API key and the platform token; every answer it gets is checked against the
// document too. And the event catalog's examples have exactly the shape the delivery path sends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashxClient, type DashxClient } from "@/lib/client";
import { startReceiver, type Receiver } from "../support/receiver";
import { contractProblems } from "./contract";
import { PLATFORM_TOKEN, eventData } from "./delivery-helpers";
import { startApp, type App } from "./harness";
import type { Merchant } from "./http-client";

let app: App;
let receiver: Receiver;
let merchant: Merchant;
let api: DashxClient;
const checked: string[] = [];

/** openapi-fetch's fetch, with every /api/v1 answer held against the document. */
const checkedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const res = await fetch(request);
  const text = await res.clone().text();
  const problems = contractProblems(request.method, request.url, res.status, res.headers.get("content-type"), text);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  checked.push(`${request.method} ${new URL(request.url).pathname} ${res.status}`);
  return res;
};

/** Every key path of a JSON value, in order. */
const keyPaths = (value: unknown, prefix = ""): string[] =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => [prefix + k, ...keyPaths(v, `${prefix}${k}.`)])
    : [];

beforeAll(async () => {
  receiver = await startReceiver();
  app = await startApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN });
  merchant = await app.merchant("Typed Client Merchant");
  const key = await merchant.client.post("/api/v1/api-keys", { name: "typed client" });
  expect(key.status).toBe(201);
  api = createDashxClient({ baseUrl: app.baseUrl, token: (key.body as { key: string }).key, fetch: checkedFetch });
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

describe("the typed client against the real app", () => {
  it("creates, reads, changes, tests and deletes an endpoint, and reads its deliveries", async () => {
    const me = await api.GET("/api/v1/merchant");
    expect(me.data?.id).toBe(merchant.id);

    const created = await api.POST("/api/v1/webhooks", { body: { url: receiver.url("/typed"), description: "typed", eventTypes: ["checkout_session.completed"] } });
    expect(created.response.status).toBe(201);
    const endpoint = created.data!;
    expect(endpoint.secret).toMatch(/^whsec_/);

    const list = await api.GET("/api/v1/webhooks");
    expect(list.data?.data.map((e) => e.id)).toEqual([endpoint.id]);

    const patched = await api.PATCH("/api/v1/webhooks/{id}", { params: { path: { id: endpoint.id } }, body: { description: "typed, changed" } });
    expect(patched.data?.description).toBe("typed, changed");

    const test = await api.POST("/api/v1/webhooks/{id}/test", { params: { path: { id: endpoint.id } }, body: { type: "checkout_session.completed" } });
    expect(test.data?.delivered).toBe(true);

    const deliveries = await api.GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id: endpoint.id }, query: { limit: 10 } } });
    expect(deliveries.data?.data).toHaveLength(1);
    const detail = await api.GET("/api/v1/deliveries/{id}", { params: { path: { id: deliveries.data!.data[0]!.id } } });
    expect(detail.data?.attemptLog[0]?.request.body).toContain(test.data!.eventId);

    const stats = await api.GET("/api/v1/webhooks/{id}/stats", { params: { path: { id: endpoint.id }, query: { window: "7d" } } });
    expect(stats.data?.buckets).toHaveLength(7);

    const removed = await api.DELETE("/api/v1/webhooks/{id}", { params: { path: { id: endpoint.id } } });
    expect(removed.response.status).toBe(204);
  });

  it("gives the documented error envelope for a missing id and a bad body", async () => {
    const missing = await api.GET("/api/v1/webhooks/{id}", { params: { path: { id: "cm0000000000000000000000a" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error.code).toBe("not_found");

    const invalid = await api.POST("/api/v1/webhooks", { body: { url: "ftp://example.com" } });
    expect(invalid.response.status).toBe(422);
    expect(invalid.error?.error.fields?.url).toBe("The URL must start with https:// or http://");
  });

  it("publishes through the intake with the platform token and lists the event", async () => {
    const platform = createDashxClient({ baseUrl: app.baseUrl, token: PLATFORM_TOKEN, fetch: checkedFetch });
    const published = await platform.POST("/api/v1/events", {
      params: { header: { "idempotency-key": `typed-${Date.now()}` } },
      body: { merchantId: merchant.id, type: "checkout_session.expired", data: null },
    });
    expect(published.response.status).toBe(202);
    const events = await api.GET("/api/v1/events", { params: { query: { type: "checkout_session.expired" } } });
    expect(events.data?.data.map((e) => e.id)).toContain(published.data!.id);
    const one = await api.GET("/api/v1/events/{id}", { params: { path: { id: published.data!.id } } });
    expect(one.data?.payload).toMatchObject({ type: "checkout_session.expired", data: null });
  });

  it("reads the document and the event catalog without a key", async () => {
    const anonymous = createDashxClient({ baseUrl: app.baseUrl, fetch: checkedFetch });
    const doc = await anonymous.GET("/api/v1/openapi.json");
    expect(doc.data?.openapi).toMatch(/^3\.1\./);
    const catalog = await anonymous.GET("/api/v1/event-types");
    expect(catalog.data?.data.filter((t) => t.channel === "endpoint").map((t) => t.type)).toEqual([
      "checkout_session.completed", "checkout_session.expired", "checkout_session.canceled", "webhook.signature_probe",
    ]);
    expect(catalog.data?.data.filter((t) => t.channel === "operational").map((t) => t.type)).toEqual([
      "endpoint.failing", "endpoint.paused", "endpoint.disabled", "endpoint.recovered", "delivery.exhausted", "endpoint.signature_unverified",
    ]);
  });

  it("the catalog's example bodies have the keys, in order, of what an endpoint receives", async () => {
    const catalog = (await createDashxClient({ baseUrl: app.baseUrl, fetch: checkedFetch }).GET("/api/v1/event-types")).data!.data;
    const endpoint = (await api.POST("/api/v1/webhooks", { body: { url: receiver.url("/catalog") } })).data!;
    receiver.clear();
    const platform = createDashxClient({ baseUrl: app.baseUrl, token: PLATFORM_TOKEN, fetch: checkedFetch });
    for (const type of ["checkout_session.completed", "checkout_session.expired", "checkout_session.canceled"] as const) {
      // eventData answers `unknown` (the intake's own tests send it raw too); the document types it per `type`.
      await platform.POST("/api/v1/events", { body: { merchantId: merchant.id, type, data: eventData(type) as never } });
    }
    await api.POST("/api/v1/webhooks/{id}/probe", { params: { path: { id: endpoint.id } } });
    const received = await receiver.waitForRequests(4, 30_000);
    // The operational kinds' examples are checked against the dispatcher's own payload builder in
    // lib/openapi/event-types.test.ts; here, what a merchant's endpoint receives.
    for (const entry of catalog.filter((e) => e.channel === "endpoint")) {
      const body = received.find((r) => (JSON.parse(r.body) as { type: string }).type === entry.type)?.body;
      expect(body, entry.type).toBeDefined();
      expect(keyPaths(JSON.parse(body!)), entry.type).toEqual(keyPaths(entry.example));
      expect(JSON.parse(entry.exampleBody)).toEqual(entry.example);
    }
  });

  it("checked every answer against the document", () => {
    expect(checked.length).toBeGreaterThan(15);
  });
});
