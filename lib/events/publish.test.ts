// publishEvent, the intake's one call, on a real SQLite database: the envelope it stores is the one it
// answers for, an unknown merchant is a 404, and an Idempotency-Key replays its first event for the same
// body (type and data) and is a 409 for another. The store's own rules (filters, races) are
// lib/delivery/store-conformance.ts's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { freshTestDatabase, type TestDatabase } from "@/lib/delivery/test-db";
import { sampleEventData } from "./catalog";

process.env.WEBHOOK_SQLITE_THREAD = "false"; // the store's batches on the event loop: no thread to start for a few publishes

let database: TestDatabase;
let db: (typeof import("@/lib/db/client"))["db"];
let publishEvent: (typeof import("./publish"))["publishEvent"];

beforeAll(async () => {
  database = await freshTestDatabase();
  ({ db } = await import("@/lib/db/client"));
  ({ publishEvent } = await import("./publish"));
}, 60_000);
afterAll(async () => {
  await db.$disconnect();
  (await import("@/lib/db/sqlite")).sqlite().close();
  await database.remove();
});

let merchantId: string;
beforeEach(async () => {
  await db.merchant.deleteMany(); // cascades to endpoints, events and deliveries
  merchantId = (await db.merchant.create({ data: { name: "M", email: "m@x.test", passwordHash: "x" } })).id;
  await db.endpoint.create({ data: { merchantId, url: "http://127.0.0.1:9/all", eventTypes: [], secretCiphertext: "v1:x" } });
  await db.endpoint.create({ data: { merchantId, url: "http://127.0.0.1:9/completed", eventTypes: ["checkout_session.completed"], secretCiphertext: "v1:x" } });
});

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return { code: (error as ApiError).code, status: (error as ApiError).status, message: (error as ApiError).message };
};

describe("publishEvent", () => {
  it("stores the signed envelope it answers for, with one delivery per matching endpoint", async () => {
    const data = sampleEventData("checkout_session.completed");
    const result = await publishEvent({ merchantId, type: "checkout_session.completed", data });
    expect(result).toMatchObject({ deliveries: 2, replayed: false });
    const event = await db.event.findUniqueOrThrow({ where: { id: result.id }, include: { deliveries: true } });
    expect(event.deliveries).toHaveLength(2);
    expect(JSON.parse(event.payload)).toMatchObject({ id: result.id, type: "checkout_session.completed", data });
    expect((await publishEvent({ merchantId, type: "checkout_session.expired", data: null })).deliveries).toBe(1);
  });

  it("answers 404 for an unknown merchant and stores nothing", async () => {
    expect(await refusal(publishEvent({ merchantId: "mer_missing", type: "checkout_session.expired", data: null }))).toEqual({
      code: "not_found",
      status: 404,
      message: "Merchant not found",
    });
    expect(await db.event.count()).toBe(0);
  });

  it("replays an Idempotency-Key's first event for the same body, queuing nothing new", async () => {
    const data = sampleEventData("checkout_session.completed");
    const first = await publishEvent({ merchantId, type: "checkout_session.completed", data, idempotencyKey: "order-1" });
    const again = await publishEvent({ merchantId, type: "checkout_session.completed", data, idempotencyKey: "order-1" });
    expect(again).toEqual({ id: first.id, deliveries: first.deliveries, replayed: true });
    expect(await db.event.count()).toBe(1);
    expect(await db.delivery.count()).toBe(2);
  });

  it("answers 409 for a reused Idempotency-Key with another type or other data", async () => {
    const data = sampleEventData("checkout_session.completed");
    await publishEvent({ merchantId, type: "checkout_session.completed", data, idempotencyKey: "order-2" });
    for (const other of [
      { type: "checkout_session.expired" as const, data },
      { type: "checkout_session.completed" as const, data: sampleEventData("checkout_session.completed", new Date(0)) },
    ]) {
      expect(await refusal(publishEvent({ merchantId, ...other, idempotencyKey: "order-2" }))).toMatchObject({ code: "conflict", status: 409 });
    }
    expect(await db.event.count()).toBe(1);
  });

  it("keeps Idempotency-Keys per merchant: another merchant's same key is a new event", async () => {
    const other = (await db.merchant.create({ data: { name: "N", email: "n@x.test", passwordHash: "x" } })).id;
    const mine = await publishEvent({ merchantId, type: "checkout_session.expired", data: null, idempotencyKey: "shared" });
    const theirs = await publishEvent({ merchantId: other, type: "checkout_session.expired", data: null, idempotencyKey: "shared" });
    expect(theirs).toMatchObject({ deliveries: 0, replayed: false });
    expect(theirs.id).not.toBe(mine.id);
  });
});
