// The events API and the platform intake's contract (DESIGN §4): GET /api/v1/events (newest first,
// keyset pagination that neither repeats nor skips while new events arrive), GET /api/v1/events/{id},
// the intake's errors (401, 404, 422 with fields, 400) that create nothing, and `npm run trigger`
// publishing from a separate process for the running server's worker to deliver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventData, EVENT_TYPES, intake, PLATFORM_TOKEN, publish, sleep, verifySigned, waitFor, webhookId, type Published } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, runScript, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { ApiErrorBody, CreatedEndpoint } from "./shapes";

let app: App;
let receiver: Receiver;
let merchant: Merchant;
let endpoint: CreatedEndpoint;

beforeAll(async () => {
  [app, receiver] = await Promise.all([startApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN }), startReceiver()]);
  merchant = await app.merchant("Events Merchant");
  endpoint = await createEndpoint(merchant.client, { url: receiver.url("/events") });
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

type EventSummary = {
  id: string;
  type: string;
  created: number;
  createdAt: string;
  isTest: boolean;
  deliveries: Array<{ id: string; endpointId: string; endpointUrl: string; status: string; attempts: number; lastStatusCode: number | null; nextAttemptAt: string | null }>;
};
type EventPage = { data: EventSummary[]; nextCursor: string | null };

const errorOf = (body: unknown) => (body as ApiErrorBody).error;
const listEvents = async (m: Merchant, query = "") => {
  const res = await m.client.get(`/api/v1/events${query}`);
  expect(res.status).toBe(200);
  return res.body as EventPage;
};

describe("GET /api/v1/events and /api/v1/events/{id}", () => {
  const published: Published[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 23; i++) {
      published.push(await publish(app.baseUrl, merchant.id, EVENT_TYPES[i % 3], i));
      await sleep(3); // distinct `created` milliseconds, so publish order is the expected order
    }
    await receiver.waitForRequests(23);
  });

  it("lists the merchant's events newest first; following nextCursor visits each exactly once even while new events arrive", async () => {
    const expected = published.map((p) => p.id).reverse();
    const seen: string[] = [];
    const arrivedMeanwhile: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: EventPage = await listEvents(merchant, `?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.data.length).toBeLessThanOrEqual(5);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
      // A new event between pages lands before the cursor: it must not shift the later pages.
      arrivedMeanwhile.push((await publish(app.baseUrl, merchant.id, "checkout_session.canceled", 100 + pages)).id);
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(expected);
    expect(seen.filter((id) => arrivedMeanwhile.includes(id))).toEqual([]);

    // The first page now starts with the newest arrivals.
    const fresh = await listEvents(merchant, "?limit=3");
    expect(fresh.data.map((e) => e.id)).toEqual(arrivedMeanwhile.slice(-3).reverse());
    const created = fresh.data.map((e) => e.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it("filters by type", async () => {
    const { data } = await listEvents(merchant, "?type=checkout_session.expired&limit=100");
    expect(new Set(data.map((e) => e.type))).toEqual(new Set(["checkout_session.expired"]));
    expect(data.map((e) => e.id).sort()).toEqual(published.filter((p) => p.type === "checkout_session.expired").map((p) => p.id).sort());
  });

  it("answers 400 for a broken cursor and 422 for a bad limit or type", async () => {
    expect((await merchant.client.get("/api/v1/events?cursor=not-a-cursor")).status).toBe(400);
    expect((await merchant.client.get("/api/v1/events?limit=0")).status).toBe(422);
    expect((await merchant.client.get("/api/v1/events?type=checkout_session.refunded")).status).toBe(422);
  });

  it("GET /api/v1/events/{id}: the payload exactly as sent, and the per-endpoint delivery status", async () => {
    const event = published[0];
    await waitFor("the delivery to be recorded", async () => (await listEvents(merchant, "?limit=100")).data.find((e) => e.id === event.id)?.deliveries[0]?.status === "succeeded");
    const res = await merchant.client.get(`/api/v1/events/${event.id}`);
    expect(res.status).toBe(200);
    const body = res.body as EventSummary & { payload: unknown };
    const wire = receiver.requests.find((r) => webhookId(r) === event.id)!;
    expect(body.payload).toEqual(JSON.parse(wire.body));
    expect(body).toMatchObject({ id: event.id, type: event.type, isTest: false });
    expect(body.created).toBe((JSON.parse(wire.body) as { created: number }).created);
    expect(body.deliveries).toEqual([
      { id: expect.any(String), endpointId: endpoint.id, endpointUrl: endpoint.url, status: "succeeded", attempts: 1, lastStatusCode: 200, nextAttemptAt: null },
    ]);
  });

  it("another merchant sees none of it: an empty list, 404 for the event", async () => {
    const other = await app.merchant("Nosy Merchant");
    expect((await listEvents(other)).data).toEqual([]);
    const res = await other.client.get(`/api/v1/events/${published[0].id}`);
    expect(res.status).toBe(404);
    expect(errorOf(res.body).code).toBe("not_found");
    expect((await merchant.client.get("/api/v1/events/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await app.client().get("/api/v1/events")).status).toBe(401);
  });
});

describe("POST /api/v1/events errors", () => {
  let quiet: Merchant; // a merchant with an endpoint and no events: every rejected request must leave it so
  let quietReceiver: Receiver;

  beforeAll(async () => {
    quiet = await app.merchant("Quiet Merchant");
    quietReceiver = await startReceiver();
    await createEndpoint(quiet.client, { url: quietReceiver.url() });
  });

  afterAll(async () => {
    await quietReceiver?.close();
  });

  const valid = () => ({ merchantId: quiet.id, type: "checkout_session.completed", data: eventData("checkout_session.completed") });

  it("401 without the platform token or with a wrong one (a merchant's session is not one)", async () => {
    for (const token of [null, "wrong-token-wrong-token-wrong", `${PLATFORM_TOKEN}x`, PLATFORM_TOKEN.slice(0, -1)]) {
      const res = await intake(app.baseUrl, valid(), { token });
      expect(res.status).toBe(401);
      expect(errorOf(res.body).code).toBe("unauthorized");
    }
    const cookieOnly = await quiet.client.post("/api/v1/events", valid());
    expect(cookieOnly.status).toBe(401);
  });

  it("404 for an unknown merchant", async () => {
    const res = await intake(app.baseUrl, { ...valid(), merchantId: "no-such-merchant" });
    expect(res.status).toBe(404);
    expect(errorOf(res.body).code).toBe("not_found");
  });

  it.each([
    ["an unknown type", { type: "checkout_session.refunded", data: null }, "type"],
    ["completed with data null", { type: "checkout_session.completed", data: null }, "data"],
    ["expired with an object", { type: "checkout_session.expired", data: eventData("checkout_session.completed") }, "data"],
    ["canceled with an object", { type: "checkout_session.canceled", data: { object: {} } }, "data"],
    ["a float amount", { type: "checkout_session.completed", data: { object: { ...(eventData("checkout_session.completed") as { object: object }).object, amountTotal: 25.5 } } }, "data.object.amountTotal"],
    ["a missing session field", { type: "checkout_session.completed", data: { object: { id: "cs_1" } } }, "data.object.createdAt"],
    ["an unknown top-level field", { type: "checkout_session.expired", data: null, amount: 1 }, "_"],
  ])("422 with fields for %s", async (_name, body, field) => {
    const res = await intake(app.baseUrl, { merchantId: quiet.id, ...body });
    expect(res.status).toBe(422);
    const error = errorOf(res.body);
    expect(error.code).toBe("validation_failed");
    expect(error.fields).toEqual(expect.any(Object));
    if (field === "_") expect(error.fields!._).toMatch(/amount/); // the unknown key is named
    else expect(Object.keys(error.fields!).some((k) => k === field || k.startsWith(`${field}.`))).toBe(true);
  });

  it("400 for malformed JSON; 422 when merchantId is missing", async () => {
    const malformed = await intake(app.baseUrl, undefined, { raw: '{"merchantId": "x", "type": ' });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body).code).toBe("bad_request");
    const missing = await intake(app.baseUrl, { type: "checkout_session.expired", data: null });
    expect(missing.status).toBe(422);
    expect(errorOf(missing.body).fields).toHaveProperty("merchantId");
  });

  it("none of the rejected requests created an event or sent anything", async () => {
    await sleep(1_200);
    expect((await listEvents(quiet)).data).toEqual([]);
    expect(quietReceiver.requests).toHaveLength(0);
  });
});

describe("npm run trigger", () => {
  it("publishes a sample event from a separate process; the running server's worker delivers it (on its poll)", async () => {
    receiver.clear();
    const started = Date.now();
    const trigger = runScript("scripts/trigger.ts", ["completed", "--merchant", merchant.email], { DATABASE_URL: app.databaseUrl });
    expect(await trigger.exited).toBe(0);
    const match = /Published checkout_session\.completed (\S+) for (\S+): 1 delivery queued/.exec(trigger.output());
    expect(match, trigger.output()).not.toBeNull();
    const [, id, email] = match!;
    expect(email).toBe(merchant.email);

    const [request] = await receiver.waitForRequests(1, 10_000);
    expect(webhookId(request)).toBe(id);
    const body = verifySigned(request, endpoint.secret) as { type: string; data: { object: { amountTotal: unknown } } };
    expect(body.type).toBe("checkout_session.completed");
    expect(body.data.object.amountTotal).toEqual(expect.stringMatching(/^\d+(\.\d+)?$/));
    console.log(`[events-api] trigger → receiver in ${Date.now() - started} ms (including the tsx start)`);

    const res = await merchant.client.get(`/api/v1/events/${id}`);
    expect(res.status).toBe(200);
  }, 60_000);

  it("refuses an unknown type or merchant with a message and a non-zero exit", async () => {
    const badType = runScript("scripts/trigger.ts", ["refunded", "--merchant", merchant.email], { DATABASE_URL: app.databaseUrl });
    expect(await badType.exited).not.toBe(0);
    expect(badType.output()).toMatch(/Usage/);
    const badMerchant = runScript("scripts/trigger.ts", ["expired", "--merchant", "nobody@example.com"], { DATABASE_URL: app.databaseUrl });
    expect(await badMerchant.exited).not.toBe(0);
    expect(badMerchant.output()).toMatch(/nobody@example\.com/);
  }, 60_000);
});
