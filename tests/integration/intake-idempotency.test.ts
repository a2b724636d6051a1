// POST /api/v1/events checks the merchant and the Idempotency-Key inside the publish transaction
// (lib/delivery/store.ts publishOne), where concurrent publishes share one commit, each in its own
// savepoint. What must hold on that path: requests racing with one key and two different bodies make
// one event (the winner's body gets 202 with its id, the other body 409, whichever arrived first), even
// when they land in the same group commit; the receiver gets one delivery per key; a replay answers
// with the deliveries the first request queued; an unknown merchant is a 404 that stores nothing.
// (Across processes the same holds because the lookup runs inside BEGIN IMMEDIATE: writers are serialised.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intake, PLATFORM_TOKEN, sleep } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import { openTestSql, type TestSql } from "./test-sql";

let app: App;
let receiver: Receiver;
let merchant: Merchant;
let db: TestSql;

beforeAll(async () => {
  [app, receiver] = await Promise.all([startApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN }), startReceiver()]);
  merchant = await app.merchant("Racing Merchant");
  await createEndpoint(merchant.client, { url: receiver.url("/race") });
  db = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await db?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

const eventsWithKey = (key: string) =>
  db.all<{ id: string; type: string }>(`SELECT "id", "type" FROM "Event" WHERE "merchantId" = ? AND "idempotencyKey" = ?`, merchant.id, key);

describe("Idempotency-Key on the publish transaction", () => {
  it("16 concurrent requests per key with two bodies, 160 in flight: one event, the winner's body 202 with its id, the other body 409", async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `race-${i}-${Date.now()}`);
    const bodies = [
      { merchantId: merchant.id, type: "checkout_session.expired", data: null },
      { merchantId: merchant.id, type: "checkout_session.canceled", data: null },
    ] as const;
    const answers = await Promise.all(
      keys.flatMap((key) =>
        Array.from({ length: 16 }, async (_, n) => {
          const body = bodies[n % 2];
          const res = await intake(app.baseUrl, body, { idempotencyKey: key });
          return { key, type: body.type, status: res.status, id: (res.body as { id?: string } | undefined)?.id };
        }),
      ),
    );
    for (const key of keys) {
      const stored = await eventsWithKey(key);
      expect(stored).toHaveLength(1);
      const [winner] = stored;
      for (const a of answers.filter((x) => x.key === key)) {
        if (a.type === winner.type) expect(a).toMatchObject({ status: 202, id: winner.id });
        else expect(a.status).toBe(409);
      }
    }
    // One delivery per key reached the receiver.
    await receiver.waitForRequests(keys.length, 20_000);
    await sleep(1_500);
    const delivered = receiver.requests.map((r) => r.headers["webhook-id"]);
    expect(new Set(delivered).size).toBe(keys.length);
    const winners = await Promise.all(keys.map(async (k) => (await eventsWithKey(k))[0].id));
    expect(new Set(delivered)).toEqual(new Set(winners));
  });

  it("a replay answers with the deliveries the first request queued, and queues nothing", async () => {
    const key = `replay-${Date.now()}`;
    const body = { merchantId: merchant.id, type: "checkout_session.expired", data: null };
    const first = await intake(app.baseUrl, body, { idempotencyKey: key });
    expect(first).toMatchObject({ status: 202, body: { id: expect.any(String), deliveries: 1 } });
    const deliveriesBefore = await db.get(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "merchantId" = ?`, merchant.id);
    const again = await intake(app.baseUrl, body, { idempotencyKey: key });
    expect(again).toMatchObject({ status: 202, body: first.body });
    expect(await db.get(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "merchantId" = ?`, merchant.id)).toEqual(deliveriesBefore);
  });

  it("an unknown merchant is a 404 on the new path too, with or without a key, and stores nothing", async () => {
    for (const idempotencyKey of [undefined, "ghost-key"]) {
      const res = await intake(app.baseUrl, { merchantId: "mer_does_not_exist", type: "checkout_session.expired", data: null }, { idempotencyKey });
      expect(res.status).toBe(404);
      expect((res.body as { error: { code: string } }).error.code).toBe("not_found");
    }
    expect(await db.get(`SELECT COUNT(*) AS n FROM "Event" WHERE "merchantId" = 'mer_does_not_exist'`)).toEqual({ n: 0 });
  });
});
