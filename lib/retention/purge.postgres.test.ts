// The retention purge on PostgreSQL (purgeBatchPostgres, the stats rollup's batch): a database of its own
// on the local server (TEST_POSTGRES_URL), migrated by the production runner, dropped after. What it
// removes and keeps, and the race SQLite cannot have: a Resend committing while a batch is deleting.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freshTestDatabase, type TestDatabase } from "@/lib/delivery/test-db";

const NOW = new Date("2026-12-06T12:00:00Z");
const OLD = new Date(NOW.getTime() - 10 * 86_400_000);
const CUTOFF = new Date(NOW.getTime() - 86_400_000);

let database: TestDatabase;
let db: (typeof import("@/lib/db/client"))["db"];
let purge: typeof import("./purge");
let merchantId: string;
let endpointId: string;

beforeAll(async () => {
  database = await freshTestDatabase("postgres");
  ({ db } = await import("@/lib/db/client"));
  purge = await import("./purge");
}, 60_000);
afterAll(async () => {
  await db.$disconnect();
  await (await import("@/lib/db/postgres")).pgPool().end();
  await database.remove();
});
beforeEach(async () => {
  await db.merchant.deleteMany(); // cascades to endpoints, events, deliveries, attempts, stats
  merchantId = (await db.merchant.create({ data: { name: "M", email: `${randomUUID()}@x.test`, passwordHash: "x" } })).id;
  endpointId = (await db.endpoint.create({ data: { merchantId, url: "http://127.0.0.1:9/x", eventTypes: [], secretCiphertext: "v1:x" } })).id;
});

/** An event created at `createdAt` with one delivery in `status` and one recorded attempt. */
async function event(createdAt: Date, status: "pending" | "succeeded" | "failed"): Promise<{ eventId: string; deliveryId: string }> {
  const eventId = randomUUID();
  await db.event.create({ data: { id: eventId, merchantId, type: "checkout_session.completed", payload: "{}", createdAt } });
  const { id: deliveryId } = await db.delivery.create({ data: { eventId, endpointId, merchantId, status, attemptCount: 1, createdAt } });
  await db.attempt.create({ data: { deliveryId, attemptNumber: 1, requestHeaders: {}, durationMs: 5, createdAt } });
  return { eventId, deliveryId };
}

const counts = async (eventId: string) => ({
  events: await db.event.count({ where: { id: eventId } }),
  deliveries: await db.delivery.count({ where: { eventId } }),
  attempts: await db.attempt.count({ where: { delivery: { eventId } } }),
});

describe("purgeBatch on PostgreSQL", () => {
  it("removes old finished events with their deliveries and attempts; keeps pending and recent ones", async () => {
    const done = await event(OLD, "succeeded");
    const failed = await event(OLD, "failed");
    const pending = await event(OLD, "pending");
    const recent = await event(NOW, "succeeded");
    expect(await purge.purgeBatch(CUTOFF)).toBe(2);
    for (const gone of [done, failed]) expect(await counts(gone.eventId)).toEqual({ events: 0, deliveries: 0, attempts: 0 });
    for (const kept of [pending, recent]) expect(await counts(kept.eventId)).toEqual({ events: 1, deliveries: 1, attempts: 1 });
    expect(await purge.purgeBatch(CUTOFF)).toBe(0);
  });

  it("takes at most `limit` events a batch, the oldest first", async () => {
    const events = [];
    for (let i = 0; i < 5; i++) events.push(await event(new Date(OLD.getTime() + i * 1_000), "succeeded"));
    expect(await purge.purgeBatch(CUTOFF, 2)).toBe(2);
    expect(await db.event.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })).toEqual(events.slice(2).map((e) => ({ id: e.eventId })));
    expect((await purge.purgeExpired(86_400_000, () => false, NOW)).events).toBe(3);
    expect(await db.event.count()).toBe(0);
  });

  it("keeps an event whose delivery a Resend makes pending while the batch is deleting", async () => {
    const { eventId, deliveryId } = await event(OLD, "succeeded");
    const resend = new pg.Client({ connectionString: database.url });
    await resend.connect();
    try {
      // The Resend's transaction (requeueDeliveries) has made the delivery pending, not yet committed.
      await resend.query("BEGIN");
      await resend.query(`UPDATE "Delivery" SET "status" = 'pending', "completedAt" = NULL WHERE "id" = $1`, [deliveryId]);
      await resend.query(`INSERT INTO "RetryRequest" ("deliveryId","endpointId") VALUES ($1,$2)`, [deliveryId, endpointId]);
      const batch = purge.purgeBatch(CUTOFF);
      // The batch saw the delivery succeeded (the Resend is uncommitted) and now waits for its row lock.
      const waiting = async () =>
        (await resend.query(`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`)).rows[0].n;
      for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBe(1);
      await resend.query("COMMIT");
      expect(await batch).toBe(0);
    } finally {
      await resend.end();
    }
    expect(await counts(eventId)).toEqual({ events: 1, deliveries: 1, attempts: 1 });
    expect(await db.delivery.findUnique({ where: { id: deliveryId }, select: { status: true, retryRequest: { select: { deliveryId: true } } } })).toEqual({
      status: "pending",
      retryRequest: { deliveryId },
    });
  });
});

describe("purgeStatsBatch on PostgreSQL", () => {
  it("removes the rollup's hours before the cutoff's hour, at most `limit` rows a batch", async () => {
    const hour = (d: Date) => d.toISOString().slice(0, 13);
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => ({ hour: "2020-01-01T00", latencyMs: i })),
      { hour: hour(new Date(CUTOFF.getTime() - 3_600_000)), latencyMs: 0 },
      { hour: hour(CUTOFF), latencyMs: 0 },
      { hour: hour(NOW), latencyMs: 0 },
    ];
    await db.attemptStat.createMany({ data: rows.map((r) => ({ ...r, endpointId, merchantId, succeeded: 1 })) });
    expect(await purge.purgeStatsBatch(CUTOFF, 4)).toBe(4);
    expect(await purge.purgeStatsBatch(CUTOFF, 4)).toBe(2);
    expect(await purge.purgeStatsBatch(CUTOFF, 4)).toBe(0);
    expect((await db.attemptStat.findMany({ select: { hour: true }, orderBy: { hour: "asc" } })).map((r) => r.hour)).toEqual([hour(CUTOFF), hour(NOW)]);
  });
});
